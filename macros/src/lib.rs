//! The `#[derive(ApiError)]` macro of [error-catalog](https://docs.rs/error-catalog).
//!
//! Depend on `error-catalog`, which re-exports this derive and holds the
//! runtime that the generated code calls; this crate is pinned to it with an
//! exact version. The derive itself is in `error-catalog-derive-core`, a
//! library crate that cargo compiles while syn's code is still being
//! generated; this crate is its entry point.

use proc_macro::TokenStream;

/// Derives `error_catalog::ApiError` and its companions. See the
/// `error-catalog` crate for the documentation.
#[proc_macro_derive(ApiError, attributes(api_error, source, from, header))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    error_catalog_derive_core::derive(input.into()).into()
}
