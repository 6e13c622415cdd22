//! The rules `decode_status` keeps on any received status.
//!
//! An input is split into a status: its first byte picks the gRPC code
//! (modulo 17), the next two the length of the message (lossy UTF-8), and
//! the rest are the details bytes (`grpc-status-details-bin`), which a
//! well-formed status fills with a `google.rpc.Status` holding an
//! `ErrorInfo`.

use error_catalog::{decode_status, ApiError, DecodeErrorKind, ReceivedKind};

use crate::{LicenseApiError, Templates};

/// The status an input stands for.
pub fn status(data: &[u8]) -> tonic::Status {
    let (code, rest) = data.split_first().map_or((0, data), |(c, r)| (*c, r));
    let (len, rest) = match rest {
        [a, b, rest @ ..] => (usize::from(u16::from_le_bytes([*a, *b])), rest),
        _ => (0, rest),
    };
    let len = len.min(rest.len());
    let message = String::from_utf8_lossy(&rest[..len]).into_owned();
    let details = bytes::Bytes::copy_from_slice(&rest[len..]);
    tonic::Status::with_details(
        tonic::Code::from_i32(i32::from(code % 17)),
        message,
        details,
    )
}

/// The input that stands for `status`: the inverse of [`status`], for the
/// seeds.
pub fn input(status: &tonic::Status) -> Vec<u8> {
    let message = status.message().as_bytes();
    let len = u16::try_from(message.len()).unwrap_or(u16::MAX);
    let mut out = vec![status.code() as u8];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&message[..usize::from(len)]);
    out.extend_from_slice(status.details());
    out
}

/// Decodes the input's status into both enums and checks the rules.
pub fn run(data: &[u8]) {
    let status = status(data);
    check::<LicenseApiError>(&status);
    check::<Templates>(&status);
}

/// - a typed error has the code that was received, and sends the same
///   reason again;
/// - a known code is the catalog's entry for the received code;
/// - a status without details, or whose details are not a
///   `google.rpc.Status`, is an error of that kind, never a panic.
fn check<E: ApiError>(status: &tonic::Status) {
    match decode_status::<E>(status) {
        Ok(received) => {
            let code = received.code().to_owned();
            match received.kind() {
                ReceivedKind::Typed(error) => {
                    let again = error.to_status();
                    let sent = decode_status::<E>(&again).expect("a sent status decodes");
                    assert_eq!(sent.code(), code, "a typed error sends its reason again");
                    assert!(sent.is_typed(), "a typed error decodes typed again");
                }
                ReceivedKind::Known(spec) => {
                    assert_eq!(
                        error_catalog::grpc::reason(spec.code),
                        code,
                        "a known entry is the received reason's"
                    );
                }
                ReceivedKind::Unknown => {}
            }
        }
        Err(error) => assert!(
            matches!(
                error.kind(),
                DecodeErrorKind::MissingErrorInfo | DecodeErrorKind::InvalidDetails
            ),
            "{error}"
        ),
    }
}
