//! What the fuzz targets share: the enums the client decoders decode into,
//! the rules those decoders must keep on any input, and the seed inputs,
//! taken from the project's tests.
//!
//! A new target is a file in `fuzz_targets/`, a `[[bin]]` in Cargo.toml, a
//! line in `scripts/fuzz.sh`, and (if it needs them) its seeds in
//! [`seeds`].

pub mod decode;
pub mod grpc;
pub mod seeds;
pub mod templates;

/// The License API's errors, the example service's own file.
#[path = "../../src/license_api.rs"]
pub mod license_api;

pub use license_api::LicenseApiError;
pub use templates::Templates;
