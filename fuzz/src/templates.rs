//! An enum whose messages are hard to rebuild: every kind of placeholder the
//! client decode handles or declines (the same enum as the `Templates` of
//! `tests/client_fuzz.rs`).
#![allow(dead_code)] // the variants are only ever decoded

use error_catalog::ApiError;

/// Wrapped by [`Templates::Store`]: a `transparent` variant.
#[derive(Debug, ApiError)]
pub enum StoreError {
    #[api_error(
        status = 503,
        code = "store_unavailable",
        message = "Store {0} unavailable"
    )]
    Unavailable(String),
    #[api_error(status = 500, code = "store_failed", message = "Store failed")]
    Failed(#[source] std::io::Error),
}

/// One variant for each way a message can be built from fields.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
pub enum Templates {
    #[api_error(code = "unit", message = "Fixed {{braces}}")]
    Unit,
    #[api_error(code = "whole", message = "{0}")]
    Whole(String),
    #[api_error(code = "named", message = "License {key} not found")]
    Named { key: String },
    #[api_error(code = "two", message = "Quantity {0} exceeds the limit of {1}")]
    Two(u32, u32),
    #[api_error(code = "mixed", message = "{name}: {count} × {ratio}é")]
    Mixed {
        name: String,
        count: i64,
        ratio: f64,
    },
    #[api_error(code = "chars", message = "[{0}|{1}]")]
    Chars(char, bool),
    #[api_error(code = "same_sep", message = "{a}, {b}, {c}")]
    SameSep { a: String, b: u8, c: String },
    #[api_error(code = "adjacent", message = "{a}{b}")]
    Adjacent { a: String, b: String },
    #[api_error(code = "debug", message = "{0:?}")]
    Debugged(String),
    #[api_error(transparent)]
    Store(#[from] StoreError),
}
