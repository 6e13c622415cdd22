//! What a derived error looks like on the wire, read by a raw HTTP/2 client
//! (hyper), not by tonic: the `grpc-status`, `grpc-message` and
//! `grpc-status-details-bin` headers, byte for byte. And the 5xx leak check:
//! the text of a source reaches no header, trailer, body, message, detail or
//! metadata, whichever client reads it.

use std::io;

use base64::engine::{general_purpose::GeneralPurposeConfig, DecodePaddingMode, GeneralPurpose};
use base64::Engine as _;
use bytes::Bytes;
use error_catalog::{decode_status, ApiError, ReceivedKind};
use error_catalog_examples::LicenseApiError;
use error_catalog_grpc_tests::{connect, request, serve};
use http::HeaderMap;
use http_body_util::{BodyExt, Full};
use prost::Message;
use tonic_types::pb;

/// A whole HTTP/2 response: status, headers, body bytes, trailers.
struct Raw {
    status: http::StatusCode,
    headers: HeaderMap,
    body: Bytes,
    trailers: HeaderMap,
}

impl Raw {
    /// A gRPC header, from the headers (a trailers-only response) or the
    /// trailers.
    fn grpc(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .get(name)
            .or_else(|| self.trailers.get(name))
            .map(|value| value.as_bytes())
    }

    /// Every byte received: header and trailer names and values, and the body.
    fn all_bytes(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for (name, value) in self.headers.iter().chain(self.trailers.iter()) {
            all.extend_from_slice(name.as_str().as_bytes());
            all.extend_from_slice(value.as_bytes());
        }
        all.extend_from_slice(&self.body);
        all
    }
}

/// Calls `CheckLicense` with a hand-made request over a plain HTTP/2
/// connection.
async fn raw_call(addr: std::net::SocketAddr, key: &str) -> Raw {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    // A gRPC message: no compression, its length, the protobuf.
    let message = request(key).encode_to_vec();
    let mut frame = vec![0u8];
    frame.extend_from_slice(&u32::try_from(message.len()).unwrap().to_be_bytes());
    frame.extend_from_slice(&message);
    let request = http::Request::post(format!("http://{addr}/licenses.v1.Licenses/CheckLicense"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(Full::new(Bytes::from(frame)))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let collected = body.collect().await.unwrap();
    let trailers = collected.trailers().cloned().unwrap_or_default();
    Raw {
        status: parts.status,
        headers: parts.headers,
        body: collected.to_bytes(),
        trailers,
    }
}

/// `grpc-message` is percent-encoded (gRPC over HTTP/2).
fn percent_decode(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// `-bin` headers are base64, with or without padding.
fn base64_decode(bytes: &[u8]) -> Vec<u8> {
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    engine.decode(bytes).unwrap()
}

#[tokio::test]
async fn the_status_on_the_wire() {
    let addr = serve(|_| {
        Err(LicenseApiError::InvalidValue {
            parameter: "hardware_id".into(),
            reason: "« é » is not 100% valid".into(),
        }
        .into())
    })
    .await;
    let raw = raw_call(addr, "K-1").await;

    // gRPC errors travel with HTTP 200, their code in `grpc-status`.
    assert_eq!(raw.status, 200);
    assert_eq!(raw.headers["content-type"], "application/grpc");
    assert!(raw.body.is_empty(), "no message, only the status");
    assert_eq!(raw.grpc("grpc-status"), Some(&b"3"[..])); // INVALID_ARGUMENT
    let message = percent_decode(raw.grpc("grpc-message").unwrap());
    assert_eq!(
        message,
        "Invalid value for hardware_id: « é » is not 100% valid"
    );

    let details = base64_decode(raw.grpc("grpc-status-details-bin").unwrap());
    let status = pb::Status::decode(&details[..]).unwrap();
    assert_eq!(status.code, 3);
    assert_eq!(status.message, message);
    assert_eq!(status.details.len(), 1);
    assert_eq!(
        status.details[0].type_url,
        "type.googleapis.com/google.rpc.ErrorInfo"
    );
    let info = pb::ErrorInfo::decode(&status.details[0].value[..]).unwrap();
    assert_eq!(info.reason, "INVALID_VALUE");
    assert_eq!(info.domain, "error-catalog-examples");
    assert_eq!(info.metadata.len(), 2);
    assert_eq!(info.metadata["parameter"], "hardware_id");
    assert_eq!(info.metadata["reason"], "« é » is not 100% valid");
}

/// A service's own 5xx errors, each with a source that must stay home.
#[derive(Debug, ApiError)]
enum StoreError {
    /// The message names a field, never the source.
    #[api_error(status = 503, code = "store_down", message = "Store {store} is down")]
    StoreDown {
        store: String,
        #[source]
        cause: io::Error,
    },
    #[api_error(status = 500, code = "store_corrupt", message = "The store is corrupt")]
    Corrupt(#[from] io::Error),
}

const SECRET: &str = "hunter2 at /var/lib/licenses.db";

fn server_error(key: &str) -> tonic::Status {
    let cause = || io::Error::other(format!("password {SECRET}"));
    match key {
        "internal" => LicenseApiError::internal(cause()).into(),
        "store-down" => StoreError::StoreDown {
            store: "eu-1".into(),
            cause: cause(),
        }
        .to_status(),
        "corrupt" => StoreError::from(cause()).into(),
        other => panic!("no error {other}"),
    }
}

#[tokio::test]
async fn a_server_error_never_sends_its_source() {
    let addr = serve(|request| Err(server_error(&request.license_key))).await;
    let mut client = connect(addr).await;
    for (key, code, message, metadata) in [
        (
            "internal",
            tonic::Code::Internal,
            "An unexpected server error has occured",
            &[][..],
        ),
        (
            "store-down",
            tonic::Code::Unavailable,
            "Store eu-1 is down",
            &[("store", "eu-1")][..],
        ),
        (
            "corrupt",
            tonic::Code::Internal,
            "The store is corrupt",
            &[][..],
        ),
    ] {
        // On the wire.
        let raw = raw_call(addr, key).await;
        let all = String::from_utf8_lossy(&raw.all_bytes()).into_owned();
        assert!(!all.contains("hunter2"), "{key}: {all}");
        let details = base64_decode(raw.grpc("grpc-status-details-bin").unwrap());
        let info =
            pb::ErrorInfo::decode(&pb::Status::decode(&details[..]).unwrap().details[0].value[..])
                .unwrap();
        assert!(!format!("{info:?}").contains("hunter2"), "{key}: {info:?}");
        let mut got: Vec<(&str, &str)> = info
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        got.sort_unstable();
        assert_eq!(got, metadata, "{key}: only what the message names");

        // Through tonic's client.
        let status = client.check_license(request(key)).await.unwrap_err();
        assert_eq!(status.code(), code, "{key}");
        assert_eq!(status.message(), message, "{key}");
        assert!(std::error::Error::source(&status).is_none(), "{key}");
        assert!(
            !String::from_utf8_lossy(status.details()).contains("hunter2"),
            "{key}"
        );
        for entry in status.metadata().iter() {
            assert!(
                !format!("{entry:?}").contains("hunter2"),
                "{key}: {entry:?}"
            );
        }
        let received = decode_status::<LicenseApiError>(&status).unwrap();
        assert!(!format!("{received:?}").contains("hunter2"));
    }

    // The License API's own: known, not rebuilt (a source never crosses).
    let status = client.check_license(request("internal")).await.unwrap_err();
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    match received.kind() {
        ReceivedKind::Known(spec) => assert_eq!(spec.variant, "Internal"),
        other => panic!("{other:?}"),
    }
}
