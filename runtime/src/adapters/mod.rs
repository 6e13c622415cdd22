//! The framework adapters: each turns what the core builds into one
//! framework's types (axum, actix-web, tracing), or what the catalog
//! documents into one OpenAPI library's (utoipa, aide). The derive reaches them through `__framework_glue!`,
//! which expands each adapter's `macro_rules!` to an impl or to nothing,
//! according to this crate's features.

pub(crate) mod actix;
pub(crate) mod aide;
pub(crate) mod axum;
#[cfg(feature = "tracing")]
pub(crate) mod log;
pub(crate) mod tonic;
pub(crate) mod utoipa;
