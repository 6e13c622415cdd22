//! The error contract guard: a snapshot of an error type's catalog, committed
//! with the service, and a test that fails on a change that breaks clients.
//!
//! An error code is part of an API's contract. Removing one, or moving it to
//! another status, breaks every client that matches on it. Changing the text
//! of a message that clients rebuild breaks every typed client built against
//! the old template. Because the catalog is `const` data, a service catches
//! such a break in its own `cargo test`:
//!
//! ```ignore
//! #[test]
//! fn error_contract() {
//!     error_catalog::contract::verify::<LicenseApiError>("tests/error-contract.json");
//! }
//! ```
//!
//! - [`Snapshot`]: per code, its status, message template, placeholders,
//!   whether it rebuilds on the client side, variant and description; JSON
//!   sorted by code, one entry a code.
//! - [`diff`]: every change between two snapshots, classified by
//!   [`Severity`]: breaking for every client, breaking for typed clients,
//!   additive, cosmetic (the rules are on [`ChangeKind`]).
//! - [`verify`]: the test above. It writes a missing file, updates it on
//!   additive and cosmetic changes, fails on a breaking one, and rewrites it
//!   with `ERROR_CATALOG_ACCEPT=1`.
//! - [`cli`]: the same check as a command for CI, `--check FILE` and
//!   `--diff OLD NEW`, exiting 1 on a breaking change and 2 on a file it
//!   cannot read.
//!
//! # Example
//!
//! ```
//! use error_catalog::contract::{diff, ChangeKind, Severity, Snapshot};
//!
//! mod before {
//!     #[derive(Debug, error_catalog::ApiError)]
//!     #[api_error(status = 400)]
//!     pub enum OrderError {
//!         #[api_error(code = "quantity_too_large", message = "Quantity {0} exceeds {1}")]
//!         QuantityTooLarge(u32, u32),
//!     }
//! }
//!
//! mod after {
//!     #[derive(Debug, error_catalog::ApiError)]
//!     #[api_error(status = 400)]
//!     pub enum OrderError {
//!         #[api_error(code = "quantity_too_large", message = "Quantity {0} is over the limit of {1}")]
//!         QuantityTooLarge(u32, u32),
//!     }
//! }
//!
//! let changes = diff(&Snapshot::of::<before::OrderError>(), &Snapshot::of::<after::OrderError>());
//! assert!(changes.is_breaking());
//! let change = &changes.changes()[0];
//! assert_eq!(change.kind, ChangeKind::TemplateChanged);
//! assert_eq!(change.severity(), Severity::BreakingForTypedClients);
//! assert_eq!(
//!     change.to_string(),
//!     r#"breaking for typed clients: quantity_too_large: message "Quantity {0} exceeds {1}" -> "Quantity {0} is over the limit of {1}""#,
//! );
//! ```

mod cli;
mod diff;
mod snapshot;
mod template;
mod verify;

pub use cli::{cli, cli_to, Exit};
pub use diff::{diff, Change, ChangeKind, Diff, Severity};
pub use snapshot::{Entry, Snapshot, SnapshotError};
pub use verify::{verify, ACCEPT_VAR};
