//! The documents made from an error type's catalog: a Markdown table for the
//! documentation ([`to_markdown`]), a JSON array for everything else
//! ([`to_json`]), the JSON Schema of the error body ([`to_schema`]), and
//! OpenAPI 3.1: the responses of an operation ([`openapi_responses`]), a
//! `components` fragment ([`openapi_components`]) and a standalone document
//! ([`to_openapi`]).
//!
//! Every function takes the `&'static [ErrorSpec]` that
//! [`ApiError::catalog`](crate::ApiError::catalog) returns, and expands
//! `transparent` variants into the entries of the errors they wrap, so the
//! output lists every code a client can receive.
//!
//! The catalog does not say which body the type sends, so the JSON Schema
//! and the OpenAPI documents come in two forms: [`to_schema`],
//! [`openapi_responses`], [`openapi_components`] and [`to_openapi`]
//! describe the default `{"status", "code", "message"}` body, and each has
//! an `_as` form that takes a [`BodyFormat`](crate::BodyFormat). Pass the
//! type's [`body_format`](crate::ApiError::body_format), which is
//! [`BodyFormat::Problem`](crate::BodyFormat::Problem) for an enum declared
//! with `#[api_error(format = "problem")]`, to describe the RFC 9457 problem
//! details it sends. The utoipa and aide features and
//! [`subset!`](crate::subset) types pass it themselves.
//!
//! ```
//! use error_catalog::{catalog, ApiError};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(format = "problem")]
//! enum OrderError {
//!     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
//!     OrderIdExists,
//! }
//!
//! let responses = catalog::openapi_responses_as(OrderError::catalog(), OrderError::body_format());
//! assert!(responses["409"]["content"]["application/problem+json"].is_object());
//! ```
//!
//! ```
//! use error_catalog::{catalog, ApiError};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum OrderError {
//!     /// The order id is already taken.
//!     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
//!     OrderIdExists,
//! }
//!
//! print!("{}", catalog::to_markdown(OrderError::catalog()));
//! ```

use crate::ErrorSpec;

mod json;
mod markdown;
mod openapi;
mod schema;
pub(crate) mod subset;

pub use json::to_json;
pub use markdown::to_markdown;
pub use openapi::{
    openapi_components, openapi_components_as, openapi_responses, openapi_responses_as, to_openapi,
    to_openapi_as, OPENAPI_VERSION,
};
pub use schema::{to_schema, to_schema_as, JSON_SCHEMA_DIALECT};

#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) use openapi::status_responses;
#[cfg(feature = "utoipa")]
pub(crate) use schema::body_schema_of;

/// The entries of `catalog` with every `transparent` entry replaced by the
/// entries of the catalog it wraps (recursively), in declaration order.
///
/// A catalog that wraps itself, directly or through others, is expanded once:
/// the repeated wrapping is skipped rather than followed forever.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The store is unreachable.
///     #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable")]
///     Unavailable,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum ServiceError {
///     /// The license key is not known.
///     #[api_error(status = 404, code = "license_not_found", message = "License not found")]
///     LicenseNotFound,
///     #[api_error(transparent)]
///     Store(#[from] StoreError),
/// }
///
/// // Two variants, one of them transparent...
/// assert_eq!(ServiceError::catalog().len(), 2);
/// assert!(ServiceError::catalog()[1].is_transparent());
///
/// // ...flatten into the two codes a client can receive.
/// let codes: Vec<_> = catalog::flatten(ServiceError::catalog())
///     .iter()
///     .map(|spec| (spec.status, spec.code))
///     .collect();
/// assert_eq!(codes, [(404, "license_not_found"), (503, "store_unavailable")]);
/// ```
pub fn flatten(catalog: &'static [ErrorSpec]) -> Vec<&'static ErrorSpec> {
    let mut out = Vec::with_capacity(catalog.len());
    let mut path = Vec::new();
    flatten_into(catalog, &mut path, &mut out);
    out
}

fn flatten_into(
    catalog: &'static [ErrorSpec],
    path: &mut Vec<*const [ErrorSpec]>,
    out: &mut Vec<&'static ErrorSpec>,
) {
    let this: *const [ErrorSpec] = catalog;
    if path.iter().any(|seen| core::ptr::eq(*seen, this)) {
        return;
    }
    path.push(this);
    for spec in catalog {
        match spec.nested {
            Some(nested) => flatten_into(nested(), path, out),
            None => out.push(spec),
        }
    }
    path.pop();
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::ErrorSpec;

    pub(crate) static INNER: [ErrorSpec; 2] = [
        ErrorSpec::__new("A", "a", 404, "A | B", "First | second"),
        ErrorSpec::__new("B", "b", 503, "B", "Line one\nline two\n\nNext \\| kept"),
    ];

    fn inner() -> &'static [ErrorSpec] {
        &INNER
    }

    fn outer() -> &'static [ErrorSpec] {
        &OUTER
    }

    pub(crate) static OUTER: [ErrorSpec; 3] = [
        ErrorSpec::__new("X", "x", 400, "X", ""),
        ErrorSpec::__transparent("Inner", "", inner),
        ErrorSpec::__transparent("Again", "", outer),
    ];
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn flatten_expands_transparent_entries_in_order_and_stops_on_cycles() {
        let codes: Vec<_> = flatten(&OUTER).iter().map(|s| s.code).collect();
        assert_eq!(codes, ["x", "a", "b"]);
        let codes: Vec<_> = flatten(&INNER).iter().map(|s| s.code).collect();
        assert_eq!(codes, ["a", "b"]);
    }
}
