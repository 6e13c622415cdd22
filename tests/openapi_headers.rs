//! The response headers in the OpenAPI documents made from a catalog: each
//! response documents every header its codes can send (flattened through
//! `transparent` variants), a header of every code as such, one of some
//! codes with the codes that send it and never as required. `oas3` reads
//! them as Header Objects, and every header a response of the type really
//! carries is in its status's response.

mod support;

use std::collections::BTreeSet;

use error_catalog::{catalog, ApiError, BodyFormat};
use error_catalog_examples::LicenseApiError;
use oas3::spec::{ObjectOrReference, ParameterStyle};
use serde_json::{json, Value};
use support::Document;

/// A lower layer whose 503 asks the client to come back later.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum QueueError {
    /// The queue is full.
    #[api_error(
        code = "queue_full",
        message = "Queue full",
        header("retry-after", "5")
    )]
    Full,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum AuthError {
    /// The key is wrong.
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "ApiKey realm=\"licenses\""),
        header("cache-control", "no-store")
    )]
    AuthenticationFailure,
    /// The token has expired.
    #[api_error(
        status = 401,
        code = "token_expired",
        message = "Token expired",
        header("www-authenticate", "Bearer error=\"invalid_token\"")
    )]
    TokenExpired,
    /// The hardware key does not match.
    #[api_error(
        status = 401,
        code = "hardware_key_mismatch",
        message = "Hardware key mismatch"
    )]
    HardwareKeyMismatch,
    /// Too many requests: one from a field, one fixed.
    #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    /// Too many licenses checked today.
    #[api_error(
        status = 429,
        code = "daily_quota",
        message = "Daily quota reached",
        header("retry-after", "86400")
    )]
    DailyQuota,
    /// A plain error, with no header.
    #[api_error(code = "bad_key", message = "Bad key {0}")]
    BadKey(String),
    #[api_error(transparent)]
    Queue(#[from] QueueError),
}

/// One error of each code of `AuthError`.
fn auth_errors() -> Vec<AuthError> {
    vec![
        AuthError::AuthenticationFailure,
        AuthError::TokenExpired,
        AuthError::HardwareKeyMismatch,
        AuthError::RateLimited { seconds: 30 },
        AuthError::DailyQuota,
        AuthError::BadKey("K".into()),
        QueueError::Full.into(),
    ]
}

const EVERY: &str = "Sent with every code of this response.";

#[test]
fn a_header_of_every_code_and_one_of_some_codes() {
    let responses = catalog::openapi_responses(AuthError::catalog());

    // 401: `www-authenticate` from two of three codes, `cache-control`
    // from one; neither required.
    let unauthorized = &responses["401"]["headers"];
    assert_eq!(
        unauthorized.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cache-control", "www-authenticate"]
    );
    assert_eq!(
        unauthorized["www-authenticate"],
        json!({
            "description": "Sent only with `authentication_failure`, `token_expired`: \
                not with the other codes of this response.",
            "style": "simple",
            "schema": {"type": "string"},
        })
    );
    assert_eq!(
        unauthorized["cache-control"]["description"],
        "Sent only with `authentication_failure`: not with the other codes of this response."
    );

    // 429: `retry-after` from both codes, a field's and a fixed one.
    assert_eq!(
        responses["429"]["headers"],
        json!({"retry-after": {"description": EVERY, "style": "simple", "schema": {"type": "string"}}})
    );
    // 503: through the transparent variant.
    assert_eq!(
        responses["503"]["headers"]["retry-after"]["description"],
        EVERY
    );
    // 400: no header, no `headers`.
    assert!(responses["400"].get("headers").is_none());

    // Nothing is marked required, anywhere.
    for response in responses.as_object().unwrap().values() {
        for header in response["headers"].as_object().into_iter().flatten() {
            assert!(header.1.get("required").is_none(), "{header:?}");
        }
    }

    // The problem details documents have the same headers.
    let problem = catalog::openapi_responses_as(AuthError::catalog(), BodyFormat::Problem);
    for (status, response) in responses.as_object().unwrap() {
        assert_eq!(problem[status]["headers"], response["headers"], "{status}");
    }
}

/// Every header that a response of the type carries is documented under
/// its status, and a header documented for every code is on every
/// response of that status.
#[test]
fn the_documented_headers_are_the_headers_sent() {
    let responses = catalog::openapi_responses(AuthError::catalog());
    let mut sent_at: BTreeSet<(String, String)> = BTreeSet::new();
    for error in auth_errors() {
        let status = error.status().as_str().to_owned();
        let response = error.to_response();
        let documented = &responses[&status]["headers"];
        for name in response.headers().keys() {
            if name == "content-type" {
                continue;
            }
            let header = &documented[name.as_str()];
            assert!(header.is_object(), "{status} {name} is not documented");
            let description = header["description"].as_str().unwrap();
            assert!(
                description == EVERY || description.contains(&format!("`{}`", error.code())),
                "{status} {name}: {description}"
            );
            sent_at.insert((status.clone(), name.to_string()));
        }
        // Each header documented for every code is on this response.
        for (name, header) in documented.as_object().into_iter().flatten() {
            if header["description"] == EVERY {
                assert!(response.headers().contains_key(name), "{status} {name}");
            }
        }
    }
    // And every documented header is sent by some error of its status.
    let documented: BTreeSet<(String, String)> = responses
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(status, response)| {
            response["headers"]
                .as_object()
                .into_iter()
                .flatten()
                .map(move |(name, _)| (status.clone(), name.clone()))
        })
        .collect();
    assert_eq!(documented, sent_at);
}

/// `oas3` reads the headers of the components fragment and of the
/// standalone document as Header Objects.
#[test]
fn oas3_reads_the_headers_as_header_objects() {
    let document = Document::new(catalog::to_openapi(AuthError::catalog(), "AuthError", "1"));
    assert_eq!(
        document.json["components"],
        catalog::openapi_components(AuthError::catalog(), "AuthError")
    );
    let spec = oas3::from_json(document.json.to_string()).unwrap();
    let responses = spec.components.unwrap().responses;
    let ObjectOrReference::Object(unauthorized) = &responses["AuthError401"] else {
        panic!("an inline response");
    };
    let ObjectOrReference::Object(challenge) = &unauthorized.headers["www-authenticate"] else {
        panic!("an inline header");
    };
    assert_eq!(challenge.required, None);
    assert_eq!(challenge.style, Some(ParameterStyle::Simple));
    assert!(challenge
        .description
        .as_deref()
        .unwrap()
        .starts_with("Sent only with `authentication_failure`, `token_expired`"));
    assert_eq!(
        serde_json::to_value(challenge.schema.as_ref().unwrap()).unwrap(),
        json!({"type": "string"})
    );
    let ObjectOrReference::Object(too_many) = &responses["AuthError429"] else {
        panic!("an inline response");
    };
    assert_eq!(too_many.headers.keys().collect::<Vec<_>>(), ["retry-after"]);
    let ObjectOrReference::Object(bad_request) = &responses["AuthError400"] else {
        panic!("an inline response");
    };
    assert!(bad_request.headers.is_empty());
}

/// A subset documents the headers of its own codes: `www-authenticate`
/// becomes a header of every code of its 401 when the subset leaves out the
/// code that does not send it.
#[test]
fn a_subset_documents_the_headers_of_its_codes() {
    error_catalog::subset! {
        pub struct LoginError: AuthError { AuthenticationFailure, TokenExpired, BadKey }
    }
    let responses = catalog::openapi_responses(LoginError::catalog());
    assert_eq!(
        responses["401"]["headers"]["www-authenticate"]["description"],
        EVERY
    );
    assert!(responses.get("429").is_none());
    // And the subset's response carries the headers of the error it wraps.
    let response = LoginError(AuthError::AuthenticationFailure).to_response();
    assert_eq!(
        response.headers()["www-authenticate"],
        "ApiKey realm=\"licenses\""
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
}

/// The License API: its 401 has three codes, and only
/// `authentication_failure` sends `www-authenticate`.
#[test]
fn the_license_api_documents_its_challenge() {
    let document = Document::new(catalog::to_openapi(
        LicenseApiError::catalog(),
        "LicenseApiError",
        "4.0.0",
    ));
    let unauthorized: &Value = &document.json["components"]["responses"]["LicenseApiError401"];
    let codes = unauthorized["content"]["application/json"]["schema"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap();
    assert!(codes.len() > 1);
    assert!(codes.contains(&json!("authentication_failure")));
    assert_eq!(
        unauthorized["headers"],
        json!({"www-authenticate": {
            "description": "Sent only with `authentication_failure`: not with the other codes of this response.",
            "style": "simple",
            "schema": {"type": "string"},
        }})
    );
    // The License API sends no other header: no other response has any.
    let with_headers: Vec<&String> = document.json["components"]["responses"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, response)| response.get("headers").is_some())
        .map(|(name, _)| name)
        .collect();
    assert_eq!(with_headers, ["LicenseApiError401"]);
}
