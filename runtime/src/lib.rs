//! Typed HTTP API errors for Rust services.
//!
//! Annotate the service's error enum once with
//! [`#[derive(ApiError)]`](derive@ApiError) and get its whole HTTP error
//! contract: a stable code, the right status and a safe message for every
//! variant, the JSON body `{"status", "code", "message"}`, the response for
//! axum or actix-web, a const catalog of every error for docs and tests, its
//! JSON Schema and OpenAPI 3.1 responses (with utoipa and aide), and the
//! decoding of received bodies back into the enum on the client side.
//!
//! ```
//! use error_catalog::ApiError;
//!
//! /// Errors returned by the License API.
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)] // the status of every variant that sets none
//! pub enum LicenseApiError {
//!     /// Requested API path doesn't exist
//!     #[api_error(status = 404, code = "not_found", message = "Not found")]
//!     NotFound,
//!
//!     /// Caused by request data not conforming to the validation schema.
//!     #[api_error(code = "validation_error", message = "{0}")]
//!     Validation(String),
//!
//!     /// An action is being attempted on a license which cannot be found
//!     #[api_error(code = "license_not_found", message = "License {key} not found")]
//!     LicenseNotFound { key: String },
//!
//!     /// An unexpected server error has occured
//!     #[api_error(status = 500, code = "internal_error", message = "An unexpected server error has occured")]
//!     Internal(#[source] std::io::Error),
//! }
//!
//! let err = LicenseApiError::LicenseNotFound { key: "K-1".into() };
//! assert_eq!(err.status(), 400);
//! assert_eq!(err.code(), "license_not_found");
//! assert_eq!(err.to_string(), "License K-1 not found");
//! assert_eq!(
//!     serde_json::to_string(&err).unwrap(),
//!     r#"{"status":400,"code":"license_not_found","message":"License K-1 not found"}"#,
//! );
//!
//! // The source's text never reaches the client.
//! let err = LicenseApiError::Internal(std::io::Error::other("disk /dev/sda3 failed"));
//! assert_eq!(err.to_string(), "An unexpected server error has occured");
//! assert!(std::error::Error::source(&err).is_some());
//!
//! assert_eq!(LicenseApiError::catalog().len(), 4);
//! assert_eq!(LicenseApiError::catalog()[0].description, "Requested API path doesn't exist");
//! ```
//!
//! A variant can send headers: fixed ones (`header("www-authenticate",
//! "...")`) and fields (`#[header("retry-after")]`), checked at compile time
//! ([`ApiError::append_headers`]). Every error can also be sent as RFC 9457
//! problem details ([`ApiError::to_problem_json`]), and an enum declared with
//! `#[api_error(format = "problem")]` sends them from `to_response()`, its
//! `Serialize` and the framework responses ([`BodyFormat`]).
//!
//! On the client side, the derived `Deserialize` ([`ApiError::from_body`])
//! rebuilds the typed error from a received body (problem details too), and
//! [`decode`] keeps every well-formed error body, typed where it can be, with its catalog entry or
//! as received otherwise. [`catalog`] renders a catalog as Markdown, JSON,
//! the JSON Schema of the error body, and OpenAPI 3.1 (one response per
//! status, every code with its description, an example per code, the
//! headers its codes send), of the `{status, code, message}` body or of
//! problem details (the `_as` forms, given [`ApiError::body_format`]);
//! [`subset!`] narrows a catalog to the errors of one endpoint. [`contract`]
//! guards the catalog as a contract: a committed snapshot, and a test that
//! fails on a change that breaks clients.
//!
//! The same enum speaks gRPC: with the `grpc` feature, [`ApiError::to_rpc_status`] gives its
//! `google.rpc.Status` with a `google.rpc.ErrorInfo` as plain data
//! ([`grpc`]: the code upper-cased as the reason, the message's fields as
//! metadata), and the `tonic` feature turns it into a `tonic::Status` and
//! back (`decode_status`).
//!
//! # Features
//!
//! | feature | what it adds | Rust |
//! | --- | --- | --- |
//! | `axum` | `impl axum::response::IntoResponse` for every derived error (axum 0.8, through `axum-core`), and [`NegotiateLayer`], which sends each error in the body format the request's `Accept` prefers | |
//! | `actix-web` | `impl actix_web::ResponseError` for every derived error (actix-web 4) | |
//! | `tracing` | a 5xx error is logged at error level, with its code and source chain, when it becomes a response (or a gRPC status) | |
//! | `utoipa` | `impl utoipa::IntoResponses`, `PartialSchema` and `ToSchema` for every derived error and [`subset!`] (utoipa 6): the error in `#[utoipa::path(responses(...))]` documents one response per status, every code, its headers, schemas inline, in the type's body format | 1.88 (utoipa 6's own minimum) |
//! | `aide` | `impl aide::OperationOutput` for every derived error and [`subset!`] (aide 0.15, for axum 0.8): a handler returning `Result<T, E>` documents one response per status of E, with its headers, in E's body format | 1.85 (the current releases of aide's dependencies, indexmap 2.14) |
//! | `grpc` | `err.to_rpc_status()` for every derived error: its `google.rpc.Status` with a `google.rpc.ErrorInfo`, as plain data ([`grpc`]); the derive writes the metadata code only with it, so an enum that is not sent over gRPC does not compile it | |
//! | `tonic` | `grpc`, and `impl From<E> for tonic::Status` and `err.to_status()` for every derived error, a status with a `google.rpc.ErrorInfo` (tonic 0.14, tonic-types 0.14), and `decode_status` on the client side | 1.88 (tonic's own `rust-version`) |
//!
//! Turn one on in `Cargo.toml`; the derived code needs no `cfg` of yours.
//! The crate itself needs Rust 1.81; the Rust column gives a feature's own
//! minimum where it is higher.
//!
//! With `utoipa`, the derived enum goes straight into a path's
//! `responses(...)`, and the document needs no `components(...)` for it:
//!
#![cfg_attr(feature = "utoipa", doc = "```")]
#![cfg_attr(not(feature = "utoipa"), doc = "```ignore")]
//! use error_catalog::ApiError;
//! use utoipa::OpenApi;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum LicenseError {
//!     /// No license has that key.
//!     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
//!     LicenseNotFound { key: String },
//!     /// The license has expired.
//!     #[api_error(code = "license_expired", message = "License expired")]
//!     LicenseExpired,
//!     /// The license is disabled.
//!     #[api_error(code = "license_not_enabled", message = "License not enabled")]
//!     LicenseNotEnabled,
//! }
//!
//! #[utoipa::path(get, path = "/licenses/{key}", params(("key" = String, Path)),
//!     responses((status = 200, description = "The license"), LicenseError))]
//! async fn check_license(key: String) -> Result<String, LicenseError> {
//!     Err(LicenseError::LicenseNotFound { key })
//! }
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(check_license))]
//! struct ApiDoc;
//!
//! fn main() {
//!     let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
//!     let responses = &document["paths"]["/licenses/{key}"]["get"]["responses"];
//!     // Two codes at 400: one response that has both, with an example of each.
//!     let bad_request = &responses["400"]["content"]["application/json"];
//!     assert_eq!(
//!         bad_request["schema"]["properties"]["code"]["enum"],
//!         serde_json::json!(["license_expired", "license_not_enabled"]),
//!     );
//!     assert_eq!(bad_request["examples"].as_object().unwrap().len(), 2);
//!     assert!(responses["404"]["description"].as_str().unwrap().contains("`license_not_found`"));
//! }
//! ```
//!
//! With `aide`, a handler's return type says it all: an `ApiRouter`
//! handler returning `Result<Json<T>, LicenseError>` documents T's response
//! and one response per status of `LicenseError`, from
//! `OperationOutput::inferred_responses`:
//!
#![cfg_attr(feature = "aide", doc = "```")]
#![cfg_attr(not(feature = "aide"), doc = "```ignore")]
//! use aide::OperationOutput;
//! use error_catalog::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum LicenseError {
//!     /// No license has that key.
//!     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
//!     LicenseNotFound { key: String },
//!     /// The license has expired.
//!     #[api_error(code = "license_expired", message = "License expired")]
//!     LicenseExpired,
//!     /// The license is disabled.
//!     #[api_error(code = "license_not_enabled", message = "License not enabled")]
//!     LicenseNotEnabled,
//! }
//!
//! let mut operation = aide::openapi::Operation::default();
//! let responses = aide::generate::in_context(|ctx| {
//!     LicenseError::inferred_responses(ctx, &mut operation)
//! });
//! let statuses: Vec<Option<u16>> = responses.iter().map(|(status, _)| *status).collect();
//! assert_eq!(statuses, [Some(400), Some(404)]);
//! ```
//!
//! The repository's `tests/openapi_utoipa.rs` and `tests/openapi_aide.rs`
//! run both against real servers.
#![warn(missing_docs)]

mod adapters;
pub mod catalog;
// A document made from a catalog, so its files live in catalog/; its path is
// `error_catalog::contract`.
#[path = "catalog/contract/mod.rs"]
pub mod contract;
mod error;
mod representation;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

#[cfg(feature = "tonic")]
pub use error::decode_status;
pub use error::{
    decode, decode_response, ApiError, DecodeError, DecodeErrorKind, ErrorBody, ErrorSpec,
    FromBodyError, Received, ReceivedKind, StatusMismatch,
};
pub use representation::{BodyFormat, PROBLEM_JSON};

#[cfg(feature = "axum")]
pub use adapters::axum::{Negotiate, NegotiateFuture, NegotiateLayer};
pub use representation::grpc;

/// Derives [`ApiError`], `Display`, `std::error::Error`, `serde::Serialize`
/// and `serde::Deserialize` for an enum of API errors.
///
/// See the crate's README for the whole attribute reference. In short:
///
/// - on the enum: `#[api_error(status = 400)]`, the status of every variant
///   that sets none; `#[api_error(rename_all = "snake_case")]`, derive each
///   missing code from the variant's name; `format = "problem"`, send RFC
///   9457 problem details; `type_base = "https://..."`, the beginning of
///   each problem `type`; `domain = "licenses.example.com"`, the gRPC
///   `ErrorInfo.domain` (see [`grpc`]);
/// - on a variant: `code = "..."` (required unless `rename_all`),
///   `status = 400..=599`, `message = "..."` (a format string over the
///   variant's fields; defaults to the doc comment's first paragraph),
///   `message("format", args...)` (with thiserror's arguments: `.field`,
///   `.0`, expressions over them, `name = expr`), `header("name", "value")`
///   (a fixed header, repeatable), `grpc = "failed_precondition"` (the
///   variant's own gRPC code), `transparent` (forward everything to the
///   one field, itself an `ApiError`);
/// - on a field: `#[source]` (the error's `source()`), `#[from]` (also
///   `impl From<FieldType>`), `#[header("name")]` (a header whose value is
///   the field's `Display`; an `Option` field only when `Some`).
///
/// ```
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400, rename_all = "snake_case")]
/// enum OrderError {
///     /// The order id is already taken.
///     #[api_error(status = 409)]
///     OrderIdExists,
///     #[api_error(message = "Quantity {0} exceeds the limit of {1}")]
///     QuantityTooLarge(u32, u32),
///     #[api_error(message("Missing parameters: {}", .names.join(", ")))]
///     MissingParameters { names: Vec<String> },
/// }
///
/// assert_eq!(OrderError::OrderIdExists.code(), "order_id_exists");
/// assert_eq!(OrderError::OrderIdExists.to_string(), "The order id is already taken.");
/// assert_eq!(OrderError::QuantityTooLarge(9, 5).to_string(), "Quantity 9 exceeds the limit of 5");
/// let missing = OrderError::MissingParameters { names: vec!["key".into(), "product".into()] };
/// assert_eq!(missing.to_string(), "Missing parameters: key, product");
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 429, format = "problem", type_base = "https://docs.example.com/errors/")]
/// enum LimitError {
///     /// Too many requests. Wait before retrying.
///     #[api_error(code = "rate_limited", message = "Retry in {seconds} s", header("cache-control", "no-store"))]
///     RateLimited {
///         #[header("retry-after")]
///         seconds: u64,
///     },
/// }
///
/// let response = LimitError::RateLimited { seconds: 30 }.to_response();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(response.headers()["retry-after"], "30");
/// assert_eq!(
///     response.body(),
///     r#"{"type":"https://docs.example.com/errors/rate_limited","title":"Too many requests.","status":429,"detail":"Retry in 30 s","code":"rate_limited"}"#,
/// );
/// ```
pub use error_catalog_macros::ApiError;
