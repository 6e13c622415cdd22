//! The `#[derive(ApiError)]` macro of [error-catalog](https://docs.rs/error-catalog).
//!
//! Depend on `error-catalog`, which re-exports this derive and holds the
//! runtime that the generated code calls; this crate is pinned to it with an
//! exact version. The derive runs in three phases, one module each:
//! `ast` reads the enum into a typed model (with `attr`, and `fmt` from
//! `error-catalog-rules`, the rules that need no syntax tree),
//! `valid` checks the rules across it, and `expand` writes the code. Every
//! error is collected before failing, and a failed input still gets stub
//! impls, so the user sees the real mistakes and no cascade.

mod args;
mod ast;
mod attr;
mod catalog;
mod ctxt;
mod display;
mod expand;
mod fallback;
mod generics;
mod grpc;
mod headers;
mod problem;
mod rebuild;
mod resolve;
mod runtime;
mod valid;

#[cfg(test)]
mod tests;

// The rules that need no syntax tree, a crate of their own (built beside
// syn): named here as the modules they were, `crate::fmt` and so on.
use error_catalog_rules::{case, fmt, json};
use proc_macro::TokenStream;

use runtime::private;

/// Derives `error_catalog::ApiError` and its companions. See the
/// `error-catalog` crate for the documentation.
#[proc_macro_derive(ApiError, attributes(api_error, source, from, header))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
