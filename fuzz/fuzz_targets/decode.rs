//! The client decode: `ErrorBody`'s `Deserialize`, the derived
//! `Deserialize` and `error_catalog::decode` on any body, with any status.
//! None may panic, and the three must agree (see
//! `error_catalog_fuzz::decode`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| error_catalog_fuzz::decode::run(data));
