//! The client decoders on one input: `ErrorBody`'s `Deserialize`, the
//! derived `Deserialize` of the enum, and `error_catalog::decode`. Nothing
//! may panic, and the three must agree, by the rules of
//! `tests/client_fuzz.rs`:
//!
//! - a body `ErrorBody` rejects, both others reject; the lenient error keeps
//!   the status and the bytes, is `Empty` exactly for whitespace, and
//!   carries `ErrorBody`'s own JSON error;
//! - a body `ErrorBody` reads round-trips through its serialization and
//!   `to_json`, and the lenient decode keeps it whole;
//! - a rebuilt error has the body's code, displays as the body's message
//!   (unless its message is fixed), and decodes back to itself;
//! - `Known` is a catalog entry that is not `transparent`; `Unknown` is a
//!   code no flattened catalog entry has;
//! - the status mismatch is reported exactly when the statuses disagree;
//! - the strict decoder accepts exactly when the variant was rebuilt and
//!   the body's status is the catalog's.

use std::fmt::Debug;

use error_catalog::{catalog, decode, ApiError, DecodeErrorKind, ErrorBody, ReceivedKind};
use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::{LicenseApiError, Templates};

/// The HTTP statuses an input can pick: the catalog's, others an error
/// could arrive with, and some that are not errors.
pub const STATUSES: &[u16] = &[400, 401, 404, 409, 500, 503, 502, 200, 599, 100];

/// The input's first byte picks the enum (its high bit: `Templates` when
/// set) and the HTTP status (the other bits, an index into [`STATUSES`]);
/// the rest is the body.
pub fn run(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(selector & 0x7f) % STATUSES.len()];
    let status = StatusCode::from_u16(status).expect("a valid status");
    if selector & 0x80 == 0 {
        check::<LicenseApiError>(status, body);
    } else {
        check::<Templates>(status, body);
    }
}

/// The selector byte of an input for `E` (`templates`) with `status`.
pub fn selector(templates: bool, status: u16) -> u8 {
    let index = STATUSES.iter().position(|&s| s == status).unwrap_or(0);
    let index = u8::try_from(index).expect("few statuses");
    if templates {
        index | 0x80
    } else {
        index
    }
}

/// Runs the three decoders on `bytes` and checks that they agree.
pub fn check<E>(status: StatusCode, bytes: &[u8])
where
    E: ApiError + Debug + DeserializeOwned,
{
    let context = || format!("input {:?}", String::from_utf8_lossy(bytes));
    let body = serde_json::from_slice::<ErrorBody>(bytes);
    let strict = serde_json::from_slice::<E>(bytes);
    let lenient = decode::<E>(status, bytes);

    let body = match body {
        Err(body_err) => {
            assert!(strict.is_err(), "{}", context());
            let err = lenient.expect_err(&context());
            assert_eq!(err.status(), status, "{}", context());
            assert_eq!(err.body(), bytes, "{}", context());
            let empty = bytes.iter().all(u8::is_ascii_whitespace);
            assert_eq!(err.kind() == DecodeErrorKind::Empty, empty, "{}", context());
            if !empty {
                assert_eq!(
                    err.json_error().map(ToString::to_string),
                    Some(body_err.to_string()),
                    "{}",
                    context()
                );
            }
            assert!(!err.to_string().is_empty());
            return;
        }
        Ok(body) => body,
    };

    let json = serde_json::to_vec(&body).expect("an ErrorBody serializes");
    assert_eq!(
        serde_json::from_slice::<ErrorBody>(&json).expect("its own JSON reads back"),
        body,
        "{}",
        context()
    );
    assert_eq!(&body.to_json()[..], &json[..], "{}", context());

    let received = lenient.unwrap_or_else(|err| panic!("{}: {err}", context()));
    assert_eq!(received.status(), status);
    assert_eq!(received.body(), &body, "{}", context());
    assert_eq!(received.code(), body.code);
    assert_eq!(received.message(), body.message);

    let catalog_status = match received.kind() {
        ReceivedKind::Typed(error) => {
            assert_eq!(error.code(), body.code, "{}", context());
            if error.static_body().is_none() {
                assert_eq!(error.to_string(), body.message, "{}", context());
            }
            let again = decode::<E>(error.status(), &error.to_json()).expect("its own body");
            assert_eq!(
                format!("{:?}", again.typed()),
                format!("{:?}", Some(error)),
                "{}",
                context()
            );
            Some(error.spec().status)
        }
        ReceivedKind::Known(spec) => {
            assert_eq!(spec.code, body.code, "{}", context());
            assert!(!spec.is_transparent());
            Some(spec.status)
        }
        ReceivedKind::Unknown => {
            assert!(
                catalog::flatten(E::catalog())
                    .iter()
                    .all(|spec| spec.code != body.code),
                "{}",
                context()
            );
            None
        }
    };
    assert_eq!(received.spec().map(|spec| spec.status), catalog_status);

    let agree =
        body.status == status.as_u16() && catalog_status.is_none_or(|s| s == status.as_u16());
    match received.status_mismatch() {
        None => assert!(agree, "{}", context()),
        Some(mismatch) => {
            assert!(!agree, "{}", context());
            assert_eq!(mismatch.http, status);
            assert_eq!(mismatch.body, body.status);
            assert_eq!(mismatch.catalog, catalog_status);
        }
    }

    match (&strict, received.typed()) {
        (Ok(strict), Some(typed)) => {
            assert_eq!(body.status, typed.spec().status, "{}", context());
            assert_eq!(format!("{strict:?}"), format!("{typed:?}"), "{}", context());
        }
        (Ok(strict), None) => panic!("{}: strict {strict:?} but not typed", context()),
        (Err(_), Some(typed)) => assert_ne!(body.status, typed.spec().status, "{}", context()),
        (Err(_), None) => {}
    }
}
