//! The gRPC client decode: `error_catalog::decode_status` on any received
//! status (any code, message and details bytes). It must never panic, and
//! what it types must be what it received (see `error_catalog_fuzz::grpc`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| error_catalog_fuzz::grpc::run(data));
