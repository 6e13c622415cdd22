//! The License API example service for
//! [`error-catalog`](https://docs.rs/error-catalog).
//!
//! [`LicenseApiError`] declares every error of the LicenseSpring License API,
//! 79 codes, with one `#[derive(ApiError)]`. From that declaration come the
//! responses of the example server, the decoding in the example client, and
//! the catalog that `cargo run --example catalog` prints.
//!
//! ```
//! use error_catalog::ApiError;
//! use error_catalog_examples::LicenseApiError;
//!
//! let err = LicenseApiError::MissingParameters { parameters: "license_key".into() };
//! assert_eq!(err.status(), 400);
//! assert_eq!(err.code(), "missing_parameters");
//! assert_eq!(err.to_string(), "Missing parameters: license_key");
//! ```
#![warn(missing_docs)]

pub mod license_api;
pub mod server;

pub use license_api::LicenseApiError;
