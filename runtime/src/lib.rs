//! Typed HTTP API errors for Rust services.
//!
//! Annotate the service's error enum once with
//! [`#[derive(ApiError)]`](derive@ApiError) and get its whole HTTP error
//! contract: a stable code, the right status and a safe message for every
//! variant, the JSON body `{"status", "code", "message"}`, the response for
//! axum or actix-web, a const catalog of every error for docs and tests, and
//! the decoding of received bodies back into the enum on the client side.
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
//! On the client side, the derived `Deserialize` ([`ApiError::from_body`])
//! rebuilds the typed error from a received body, and [`decode`] keeps every
//! well-formed error body, typed where it can be, with its catalog entry or
//! as received otherwise. [`catalog`] renders a catalog as Markdown or JSON.
//! [`contract`] guards the catalog as a contract: a committed snapshot, and a
//! test that fails on a change that breaks clients.
//!
//! The same enum speaks gRPC: [`ApiError::to_rpc_status`] gives its
//! `google.rpc.Status` with a `google.rpc.ErrorInfo` as plain data
//! ([`grpc`]: the code upper-cased as the reason, the message's fields as
//! metadata), and the `tonic` feature turns it into a `tonic::Status` and
//! back (`decode_status`).
//!
//! # Features
//!
//! | feature | what it adds |
//! | --- | --- |
//! | `axum` | `impl axum::response::IntoResponse` for every derived error (axum 0.8, through `axum-core`) |
//! | `actix-web` | `impl actix_web::ResponseError` for every derived error (actix-web 4) |
//! | `tracing` | a 5xx error is logged at error level, with its code and source chain, when it becomes a response (or a gRPC status) |
//! | `tonic` | `impl From<E> for tonic::Status` and `err.to_status()` for every derived error, a status with a `google.rpc.ErrorInfo` (tonic 0.14, tonic-types 0.14), and `decode_status` on the client side. Needs Rust 1.88 (tonic's own `rust-version`); the crate without it needs 1.81 |
//!
//! Turn one on in `Cargo.toml`; the derived code needs no `cfg` of yours.
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
pub use representation::grpc;

/// Derives [`ApiError`], `Display`, `std::error::Error`, `serde::Serialize`
/// and `serde::Deserialize` for an enum of API errors.
///
/// See the crate's README for the whole attribute reference. In short:
///
/// - on the enum: `#[api_error(status = 400)]`, the status of every variant
///   that sets none; `#[api_error(rename_all = "snake_case")]`, derive each
///   missing code from the variant's name; `#[api_error(domain =
///   "licenses.example.com")]`, the gRPC `ErrorInfo.domain` (see [`grpc`]);
/// - on a variant: `code = "..."` (required unless `rename_all`),
///   `status = 400..=599`, `message = "..."` (a format string over the
///   variant's fields; defaults to the doc comment's first paragraph),
///   `grpc = "failed_precondition"` (the variant's own gRPC code),
///   `transparent` (forward everything to the one field, itself an `ApiError`);
/// - on a field: `#[source]` (the error's `source()`), `#[from]` (also
///   `impl From<FieldType>`).
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
/// }
///
/// assert_eq!(OrderError::OrderIdExists.code(), "order_id_exists");
/// assert_eq!(OrderError::OrderIdExists.to_string(), "The order id is already taken.");
/// assert_eq!(OrderError::QuantityTooLarge(9, 5).to_string(), "Quantity 9 exceeds the limit of 5");
/// ```
pub use error_catalog_macros::ApiError;
