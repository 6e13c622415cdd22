//! Errors through a real tonic server and client on 127.0.0.1, and back:
//! every row of the HTTP → gRPC mapping and every `grpc = "..."` code, all
//! 79 License API codes, and statuses from a server that does not use
//! error-catalog. The details are checked on their bytes: each status's
//! `google.rpc.Status` is decoded from the raw details with prost, apart
//! from the crate's own decoder.

use std::collections::HashMap;

use error_catalog::grpc::Code;
use error_catalog::{decode, decode_status, ApiError, DecodeErrorKind, ReceivedKind};
use error_catalog_examples::LicenseApiError;
use error_catalog_grpc_tests::{connect, every_license_error, request, serve};
use prost::Message;
use tonic::Status;
use tonic_types::pb;

/// The status's details as the wire has them: the `google.rpc.Status`, and
/// its one detail as a `google.rpc.ErrorInfo`.
fn wire_details(status: &Status) -> (pb::Status, pb::ErrorInfo) {
    let details =
        pb::Status::decode(status.details()).expect("the details are a google.rpc.Status");
    assert_eq!(
        details.code,
        status.code() as i32,
        "the details' code is the status's"
    );
    assert_eq!(
        details.message,
        status.message(),
        "the details' message is the status's"
    );
    assert_eq!(details.details.len(), 1, "one detail: {details:?}");
    assert_eq!(
        details.details[0].type_url,
        "type.googleapis.com/google.rpc.ErrorInfo"
    );
    let info = pb::ErrorInfo::decode(&details.details[0].value[..]).expect("an ErrorInfo");
    (details, info)
}

/// Calls the server and returns the status it answered with.
async fn fail(
    client: &mut error_catalog_grpc_tests::LicensesClient<tonic::transport::Channel>,
    key: &str,
) -> Status {
    match client.check_license(request(key)).await {
        Ok(reply) => panic!("{key}: expected an error, got {reply:?}"),
        Err(status) => status,
    }
}

// ---------------------------------------------------------------------------
// Every mapping row.
// ---------------------------------------------------------------------------

/// One variant a row: the statuses of Google's table, statuses outside it,
/// and each of the 16 error codes set with `grpc = "..."`.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(domain = "mapping.example.com")]
enum Mapping {
    #[api_error(status = 400, code = "status_400", message = "Status 400")]
    S400,
    #[api_error(status = 401, code = "status_401", message = "Status 401")]
    S401,
    #[api_error(status = 403, code = "status_403", message = "Status 403")]
    S403,
    #[api_error(status = 404, code = "status_404", message = "Status 404")]
    S404,
    #[api_error(status = 409, code = "status_409", message = "Status 409")]
    S409,
    #[api_error(status = 429, code = "status_429", message = "Status 429")]
    S429,
    #[api_error(status = 499, code = "status_499", message = "Status 499")]
    S499,
    #[api_error(status = 500, code = "status_500", message = "Status 500")]
    S500,
    #[api_error(status = 501, code = "status_501", message = "Status 501")]
    S501,
    #[api_error(status = 503, code = "status_503", message = "Status 503")]
    S503,
    #[api_error(status = 504, code = "status_504", message = "Status 504")]
    S504,
    // Outside the table.
    #[api_error(status = 402, code = "status_402", message = "Status 402")]
    S402,
    #[api_error(status = 410, code = "status_410", message = "Status 410")]
    S410,
    #[api_error(status = 422, code = "status_422", message = "Status 422")]
    S422,
    #[api_error(status = 451, code = "status_451", message = "Status 451")]
    S451,
    #[api_error(status = 502, code = "status_502", message = "Status 502")]
    S502,
    #[api_error(status = 505, code = "status_505", message = "Status 505")]
    S505,
    #[api_error(status = 599, code = "status_599", message = "Status 599")]
    S599,
    // Each error code, set on the variant.
    #[api_error(
        status = 400,
        code = "grpc_cancelled",
        message = "x",
        grpc = "cancelled"
    )]
    Cancelled,
    #[api_error(status = 400, code = "grpc_unknown", message = "x", grpc = "unknown")]
    Unknown,
    #[api_error(
        status = 500,
        code = "grpc_invalid_argument",
        message = "x",
        grpc = "invalid_argument"
    )]
    InvalidArgument,
    #[api_error(
        status = 400,
        code = "grpc_deadline_exceeded",
        message = "x",
        grpc = "deadline_exceeded"
    )]
    DeadlineExceeded,
    #[api_error(
        status = 400,
        code = "grpc_not_found",
        message = "x",
        grpc = "not_found"
    )]
    NotFound,
    #[api_error(
        status = 400,
        code = "grpc_already_exists",
        message = "x",
        grpc = "already_exists"
    )]
    AlreadyExists,
    #[api_error(
        status = 400,
        code = "grpc_permission_denied",
        message = "x",
        grpc = "permission_denied"
    )]
    PermissionDenied,
    #[api_error(
        status = 400,
        code = "grpc_resource_exhausted",
        message = "x",
        grpc = "resource_exhausted"
    )]
    ResourceExhausted,
    #[api_error(
        status = 400,
        code = "grpc_failed_precondition",
        message = "x",
        grpc = "failed_precondition"
    )]
    FailedPrecondition,
    #[api_error(status = 409, code = "grpc_aborted", message = "x", grpc = "aborted")]
    Aborted,
    #[api_error(
        status = 400,
        code = "grpc_out_of_range",
        message = "x",
        grpc = "out_of_range"
    )]
    OutOfRange,
    #[api_error(
        status = 400,
        code = "grpc_unimplemented",
        message = "x",
        grpc = "unimplemented"
    )]
    Unimplemented,
    #[api_error(status = 400, code = "grpc_internal", message = "x", grpc = "internal")]
    Internal,
    #[api_error(
        status = 500,
        code = "grpc_unavailable",
        message = "x",
        grpc = "unavailable"
    )]
    Unavailable,
    #[api_error(
        status = 500,
        code = "grpc_data_loss",
        message = "x",
        grpc = "data_loss"
    )]
    DataLoss,
    #[api_error(
        status = 400,
        code = "grpc_unauthenticated",
        message = "x",
        grpc = "unauthenticated"
    )]
    Unauthenticated,
}

/// Each variant with the gRPC code it must travel as, written out here (the
/// issue's table, the documented choice outside it, the attribute), not
/// computed by the code under test.
fn mapping_rows() -> Vec<(Mapping, tonic::Code)> {
    use tonic::Code as C;
    vec![
        (Mapping::S400, C::InvalidArgument),
        (Mapping::S401, C::Unauthenticated),
        (Mapping::S403, C::PermissionDenied),
        (Mapping::S404, C::NotFound),
        (Mapping::S409, C::AlreadyExists),
        (Mapping::S429, C::ResourceExhausted),
        (Mapping::S499, C::Cancelled),
        (Mapping::S500, C::Internal),
        (Mapping::S501, C::Unimplemented),
        (Mapping::S503, C::Unavailable),
        (Mapping::S504, C::DeadlineExceeded),
        (Mapping::S402, C::InvalidArgument),
        (Mapping::S410, C::InvalidArgument),
        (Mapping::S422, C::InvalidArgument),
        (Mapping::S451, C::InvalidArgument),
        (Mapping::S502, C::Internal),
        (Mapping::S505, C::Internal),
        (Mapping::S599, C::Internal),
        (Mapping::Cancelled, C::Cancelled),
        (Mapping::Unknown, C::Unknown),
        (Mapping::InvalidArgument, C::InvalidArgument),
        (Mapping::DeadlineExceeded, C::DeadlineExceeded),
        (Mapping::NotFound, C::NotFound),
        (Mapping::AlreadyExists, C::AlreadyExists),
        (Mapping::PermissionDenied, C::PermissionDenied),
        (Mapping::ResourceExhausted, C::ResourceExhausted),
        (Mapping::FailedPrecondition, C::FailedPrecondition),
        (Mapping::Aborted, C::Aborted),
        (Mapping::OutOfRange, C::OutOfRange),
        (Mapping::Unimplemented, C::Unimplemented),
        (Mapping::Internal, C::Internal),
        (Mapping::Unavailable, C::Unavailable),
        (Mapping::DataLoss, C::DataLoss),
        (Mapping::Unauthenticated, C::Unauthenticated),
    ]
}

#[tokio::test]
async fn every_mapping_row_travels_as_its_grpc_code_and_back() {
    let rows = mapping_rows();
    assert_eq!(
        rows.len(),
        Mapping::catalog().len(),
        "every variant has a row"
    );
    let addr = serve(|request| {
        let index: usize = request.license_key.parse().expect("an index");
        Err(mapping_rows().swap_remove(index).0.into())
    })
    .await;
    let mut client = connect(addr).await;
    for (index, (error, expected)) in rows.into_iter().enumerate() {
        let status = fail(&mut client, &index.to_string()).await;
        let code = error.code();
        assert_eq!(status.code(), expected, "{code}");
        assert_eq!(status.message(), error.to_string(), "{code}");
        let (_, info) = wire_details(&status);
        assert_eq!(info.reason, code.to_ascii_uppercase(), "{code}");
        assert_eq!(info.domain, "mapping.example.com");
        assert!(info.metadata.is_empty(), "{code}: {:?}", info.metadata);

        // The catalog says the same, and the code comes back typed.
        assert_eq!(
            error.spec().grpc_code().map(|c| c as i32),
            Some(expected as i32),
            "{code}"
        );
        let received = decode_status::<Mapping>(&status).expect("an error of this crate");
        assert_eq!(received.typed(), Some(&error), "{code}");
        assert_eq!(
            received.grpc_code().map(|c| c as i32),
            Some(expected as i32)
        );
        assert_eq!(received.status_mismatch(), None, "{code}");
        assert_eq!(received.code(), info.reason);
    }
}

// ---------------------------------------------------------------------------
// The License API.
// ---------------------------------------------------------------------------

/// The reference table, code → status, read from the fixture the catalog
/// tests use.
fn reference_statuses() -> HashMap<&'static str, u16> {
    let table = include_str!("../../../tests/fixtures/license-api-errors.tsv");
    let rows: HashMap<_, _> = table
        .lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let status = columns.next().unwrap().parse().unwrap();
            (columns.next().unwrap(), status)
        })
        .collect();
    assert_eq!(rows.len(), 79);
    rows
}

/// The metadata each License API error must carry: the fields its message
/// names, written out from `src/license_api.rs` and `every_license_error`.
fn expected_metadata(code: &str) -> HashMap<String, String> {
    let pairs: &[(&str, &str)] = match code {
        "validation_error" => &[("0", "hardware_id: \"\" is {not} valid\n(é, ✓, \\)")],
        "missing_headers" => &[("header", "Authorization")],
        "missing_parameters" => &[("parameters", "license_key, hardware_id")],
        "invalid_value" => &[
            ("parameter", "hardware_id: the first"),
            ("reason", "must not be empty: or blank"),
        ],
        _ => &[],
    };
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn all_79_license_api_codes_through_a_status_and_back() {
    let statuses = reference_statuses();
    let addr = serve(|request| {
        let index: usize = request.license_key.parse().expect("an index");
        // `?` converts through `impl From<LicenseApiError> for Status`.
        Err(every_license_error().swap_remove(index))?
    })
    .await;
    let mut client = connect(addr).await;
    let errors = every_license_error();
    assert_eq!(errors.len(), 79);
    let mut typed = 0;
    for (index, error) in errors.iter().enumerate() {
        let code = error.code();
        let status = fail(&mut client, &index.to_string()).await;

        let expected = match statuses[code] {
            400 => tonic::Code::InvalidArgument,
            401 => tonic::Code::Unauthenticated,
            404 => tonic::Code::NotFound,
            409 => tonic::Code::AlreadyExists,
            500 => tonic::Code::Internal,
            other => panic!("{code}: status {other} is not in the License API"),
        };
        assert_eq!(status.code(), expected, "{code}");
        assert_eq!(status.message(), error.to_string(), "{code}");
        let (_, info) = wire_details(&status);
        assert_eq!(info.reason, code.to_ascii_uppercase(), "{code}");
        // The package that declares `LicenseApiError`: the default domain.
        assert_eq!(info.domain, "error-catalog-examples", "{code}");
        assert_eq!(info.metadata, expected_metadata(code), "{code}");

        let received = decode_status::<LicenseApiError>(&status).expect("an error of this crate");
        assert_eq!(received.status_mismatch(), None, "{code}");
        assert_eq!(received.message(), error.to_string());
        match received.kind() {
            ReceivedKind::Typed(back) => {
                // Every field back, exactly (Debug shows them all).
                assert_eq!(format!("{back:?}"), format!("{error:?}"), "{code}");
                typed += 1;
            }
            ReceivedKind::Known(spec) => {
                assert_eq!(code, "internal_error", "only the source-holding variant");
                assert_eq!(spec.variant, "Internal");
            }
            ReceivedKind::Unknown => panic!("{code} is in the catalog"),
        }
    }
    assert_eq!(typed, 78);
}

#[tokio::test]
async fn metadata_gives_back_a_value_that_holds_its_template_separator() {
    let error = LicenseApiError::InvalidValue {
        parameter: "hardware_id: the first".into(),
        reason: "must not be empty: or blank".into(),
    };
    let addr = serve(|_| {
        Err(LicenseApiError::InvalidValue {
            parameter: "hardware_id: the first".into(),
            reason: "must not be empty: or blank".into(),
        }
        .into())
    })
    .await;
    let status = fail(&mut connect(addr).await, "x").await;
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    assert_eq!(
        format!("{:?}", received.typed().unwrap()),
        format!("{error:?}")
    );

    // The same error as an HTTP body splits at the first `": "`: a JSON body
    // has only the message.
    let http = decode::<LicenseApiError>(error.status(), &error.to_json()).unwrap();
    match http.typed() {
        Some(LicenseApiError::InvalidValue { parameter, .. }) => {
            assert_eq!(parameter, "hardware_id")
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------
// A server that does not use error-catalog.
// ---------------------------------------------------------------------------

/// The statuses a server written by hand sends, by key.
fn foreign_status(key: &str) -> Status {
    use tonic_types::{ErrorDetails, StatusExt};
    let info = |code, message: &str, reason: &str, metadata: &[(&str, &str)]| {
        let metadata: HashMap<String, String> = metadata
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Status::with_error_details(
            code,
            message,
            ErrorDetails::with_error_info(reason, "licenses.example.com", metadata),
        )
    };
    match key {
        "plain" => Status::not_found("license K-1 not found"),
        "other-details" => Status::with_error_details(
            tonic::Code::InvalidArgument,
            "bad request",
            ErrorDetails::with_bad_request_violation("license_key", "must not be empty"),
        ),
        "known" => info(
            tonic::Code::InvalidArgument,
            "License not found",
            "LICENSE_NOT_FOUND",
            &[],
        ),
        "unknown" => info(
            tonic::Code::ResourceExhausted,
            "Slow down",
            "RATE_LIMITED",
            &[("retry_after", "3")],
        ),
        // A translated message: the metadata still gives the field back.
        "translated" => info(
            tonic::Code::InvalidArgument,
            "En-tête manquant : X-Api-Key",
            "MISSING_HEADERS",
            &[("header", "X-Api-Key")],
        ),
        // No metadata: the field comes back from the message.
        "message-only" => info(
            tonic::Code::InvalidArgument,
            "Missing header: X-Api-Key",
            "MISSING_HEADERS",
            &[],
        ),
        "wrong-code" => info(
            tonic::Code::Unavailable,
            "License not found",
            "LICENSE_NOT_FOUND",
            &[],
        ),
        "garbage" => Status::with_details(
            tonic::Code::Internal,
            "boom",
            bytes::Bytes::from_static(b"\xff\xff\xff\xff"),
        ),
        "bad-error-info" => {
            let details = pb::Status {
                code: tonic::Code::Internal as i32,
                message: "boom".into(),
                details: vec![prost_types_any(
                    "type.googleapis.com/google.rpc.ErrorInfo",
                    b"\x0a\xff",
                )],
            };
            Status::with_details(
                tonic::Code::Internal,
                "boom",
                details.encode_to_vec().into(),
            )
        }
        other => panic!("no foreign status {other}"),
    }
}

fn prost_types_any(type_url: &str, value: &[u8]) -> prost_types::Any {
    prost_types::Any {
        type_url: type_url.to_owned(),
        value: value.to_vec(),
    }
}

#[tokio::test]
async fn statuses_from_a_server_that_does_not_use_this_crate() {
    let addr = serve(|request| Err(foreign_status(&request.license_key))).await;
    let mut client = connect(addr).await;

    // No details at all.
    let status = fail(&mut client, "plain").await;
    let err = decode_status::<LicenseApiError>(&status).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::MissingErrorInfo);
    assert_eq!(err.grpc_code(), Some(Code::NotFound));
    assert_eq!(err.grpc_message(), Some("license K-1 not found"));
    assert_eq!(err.status(), 404);
    assert!(err.body().is_empty());
    assert_eq!(
        err.to_string(),
        "gRPC NOT_FOUND: no google.rpc.ErrorInfo in the status details: \"license K-1 not found\""
    );

    // Details, but no ErrorInfo among them.
    let status = fail(&mut client, "other-details").await;
    let err = decode_status::<LicenseApiError>(&status).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::MissingErrorInfo);
    assert_eq!(err.body(), status.details());

    // An ErrorInfo with a reason the client knows, from another domain.
    let status = fail(&mut client, "known").await;
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    assert!(matches!(
        received.typed(),
        Some(LicenseApiError::LicenseNotFound)
    ));
    assert_eq!(
        received.error_info().unwrap().domain,
        "licenses.example.com"
    );

    // A reason the client does not know: kept whole.
    let status = fail(&mut client, "unknown").await;
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    assert!(matches!(received.kind(), ReceivedKind::Unknown));
    assert_eq!(received.code(), "RATE_LIMITED");
    assert_eq!(received.message(), "Slow down");
    assert_eq!(received.grpc_code(), Some(Code::ResourceExhausted));
    assert_eq!(received.status(), 429);
    let info = received.error_info().unwrap();
    assert_eq!(info.get("retry_after"), Some("3"));
    assert_eq!(received.status_mismatch(), None);
    assert_eq!(
        received.to_string(),
        "gRPC RESOURCE_EXHAUSTED: RATE_LIMITED: Slow down"
    );

    // Metadata first: the message does not match the template.
    let status = fail(&mut client, "translated").await;
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    match received.typed() {
        Some(LicenseApiError::MissingHeaders { header }) => assert_eq!(header, "X-Api-Key"),
        other => panic!("{other:?}"),
    }
    assert_eq!(received.message(), "En-tête manquant : X-Api-Key");

    // No metadata: from the message.
    let status = fail(&mut client, "message-only").await;
    match decode_status::<LicenseApiError>(&status).unwrap().typed() {
        Some(LicenseApiError::MissingHeaders { header }) => assert_eq!(header, "X-Api-Key"),
        other => panic!("{other:?}"),
    }

    // A known reason under another gRPC code: decoded, and reported.
    let status = fail(&mut client, "wrong-code").await;
    let received = decode_status::<LicenseApiError>(&status).unwrap();
    assert!(matches!(
        received.typed(),
        Some(LicenseApiError::LicenseNotFound)
    ));
    let mismatch = received.status_mismatch().unwrap();
    assert_eq!(mismatch.grpc, Some(Code::Unavailable));
    assert_eq!(mismatch.grpc_catalog, Some(Code::InvalidArgument));
    assert_eq!(
        mismatch.to_string(),
        "gRPC code UNAVAILABLE, catalog gRPC code INVALID_ARGUMENT"
    );

    // Details that are not a google.rpc.Status.
    let status = fail(&mut client, "garbage").await;
    let err = decode_status::<LicenseApiError>(&status).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::InvalidDetails);
    assert_eq!(err.body(), b"\xff\xff\xff\xff");
    assert!(std::error::Error::source(&err).is_some());
    assert!(err
        .to_string()
        .starts_with("gRPC INTERNAL: the status details do not decode ("));

    // A google.rpc.Status whose ErrorInfo does not decode.
    let status = fail(&mut client, "bad-error-info").await;
    let err = decode_status::<LicenseApiError>(&status).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::InvalidDetails);
    assert_eq!(err.grpc_message(), Some("boom"));
}

#[tokio::test]
async fn the_transport_own_statuses_are_decode_errors() {
    // Nobody listens there: the channel answers UNAVAILABLE itself.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect_lazy();
    let mut client = error_catalog_grpc_tests::LicensesClient::new(channel);
    let status = fail(&mut client, "x").await;
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let err = decode_status::<LicenseApiError>(&status).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::MissingErrorInfo);
    assert_eq!(err.grpc_code(), Some(Code::Unavailable));
}

/// xorshift64*: a fixed, dependency-free stream of pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn decode_status_never_panics_on_mutated_details() {
    let seeds: Vec<Vec<u8>> = every_license_error()
        .iter()
        .map(|error| error.to_status().details().to_vec())
        .chain([Vec::new()])
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut typed, mut known, mut unknown, mut errors) = (0, 0, 0, 0);
    for round in 0..20_000 {
        let mut details = seeds[round % seeds.len()].clone();
        for _ in 0..=rng.below(4) {
            match rng.below(4) {
                0 if !details.is_empty() => {
                    let at = rng.below(details.len());
                    details[at] = rng.next() as u8;
                }
                1 if !details.is_empty() => details.truncate(rng.below(details.len())),
                2 => {
                    let at = rng.below(details.len() + 1);
                    details.insert(at, rng.next() as u8);
                }
                _ => {
                    let at = rng.below(details.len() + 1);
                    let from = rng.below(details.len() + 1);
                    let chunk: Vec<u8> = details[from..].iter().take(8).copied().collect();
                    details.splice(at..at, chunk);
                }
            }
        }
        let code = tonic::Code::from_i32(rng.below(20) as i32);
        let status = Status::with_details(code, "mutated", details.into());
        match decode_status::<LicenseApiError>(&status) {
            Ok(received) => {
                let _ = received.to_string();
                let _ = received.status_mismatch();
                match received.kind() {
                    ReceivedKind::Typed(_) => typed += 1,
                    ReceivedKind::Known(_) => known += 1,
                    ReceivedKind::Unknown => unknown += 1,
                }
            }
            Err(err) => {
                let _ = (err.to_string(), format!("{err:?}"));
                assert!(matches!(
                    err.kind(),
                    DecodeErrorKind::MissingErrorInfo | DecodeErrorKind::InvalidDetails
                ));
                errors += 1;
            }
        }
    }
    // Every outcome was reached.
    assert!(
        typed > 0 && known > 0 && unknown > 0 && errors > 0,
        "{typed} {known} {unknown} {errors}"
    );
}
