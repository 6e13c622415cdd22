//! The rules of error-catalog's `#[derive(ApiError)]` that need no syntax
//! tree: how a message template is read, how a code is derived from a
//! variant's name, the JSON bodies written at compile time, a problem's
//! `type` and `title`, and which header names and values `http` takes.
//!
//! This crate is a part of `error-catalog-macros`, published on its own so
//! that cargo compiles it beside `syn` instead of after it: it depends on
//! nothing. Its items follow the derive's needs and change with it; depend
//! on `error-catalog` instead.
//!
//! ```
//! use error_catalog_rules::{case::Case, fmt, json};
//!
//! let template = fmt::parse("License {key} not found").unwrap();
//! assert_eq!(template.placeholders().count(), 1);
//! assert_eq!(fmt::parse("Not found").unwrap().fixed_text(), "Not found");
//! assert_eq!(Case::Snake.apply("LicenseNotFound"), "license_not_found");
//! assert_eq!(
//!     json::body(404, "license_not_found", "License not found"),
//!     r#"{"status":404,"code":"license_not_found","message":"License not found"}"#,
//! );
//! ```

#![warn(missing_docs)]

pub mod case;
pub mod fmt;
pub mod headers;
pub mod json;
pub mod problem;
