//! The core of error-catalog's `#[derive(ApiError)]`: it reads an enum
//! with syn and writes its impls, from one `proc_macro2::TokenStream` to
//! another. `error-catalog-macros`, the proc-macro crate, is a one-line
//! entry point into [`derive()`]; depend on `error-catalog`, which re-exports
//! the derive. This crate has no API of its own to depend on, and it is
//! pinned to the others with an exact version.
//!
//! Why a crate of its own: a proc-macro crate is linked, so cargo starts it
//! only once syn is built to the end. A library crate starts as soon as
//! syn's metadata is written, and compiles while syn's code is still being
//! generated: the derive's build from clean is then shorter by most of
//! syn's code generation.
//!
//! The derive runs in three phases, one module each:
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
use proc_macro2::TokenStream;

use runtime::private;

/// The derive on one input: the enum's tokens in, its impls out, or, for
/// input it cannot take, `compile_error!`s at the offending tokens with stub
/// impls beside them. Never panics.
///
/// It is `#[derive(ApiError)]` without the compiler: outside a proc macro,
/// proc-macro2 stands in for the compiler's token streams, as in this
/// example.
///
/// ```
/// let input: proc_macro2::TokenStream = r#"
///     enum AppError {
///         #[api_error(code = "not_found", status = 404, message = "Not found")]
///         NotFound,
///     }
/// "#
/// .parse()
/// .unwrap();
/// let output = error_catalog_derive_core::derive(input).to_string();
/// assert!(output.contains("ApiError for AppError"), "{output}");
/// assert!(!output.contains("compile_error"), "{output}");
///
/// // A struct: an error at `struct`, and stub impls.
/// let misuse: proc_macro2::TokenStream = "struct AppError;".parse().unwrap();
/// let output = error_catalog_derive_core::derive(misuse).to_string();
/// assert!(output.contains("compile_error"), "{output}");
/// ```
pub fn derive(input: TokenStream) -> TokenStream {
    expand::derive(input)
}
