//! The `tonic` feature over a real tonic server and client on 127.0.0.1, in
//! one test binary (each binary links tonic and the generated service again,
//! which is most of their build time):
//!
//! - `status`: every HTTP → gRPC mapping row and `grpc = "..."` code, all 79
//!   License API codes through a status and back, statuses from a server that
//!   does not use error-catalog, and `decode_status` on mutated details;
//! - `wire`: the status read byte for byte by a raw HTTP/2 client, and the
//!   5xx leak check;
//! - `metadata`: the `ErrorInfo` rules, and rebuilding from the metadata;
//! - `logging`: 5xx errors logged as they become statuses;
//! - `hygiene`: the gRPC expansion under `#![no_implicit_prelude]`.

mod hygiene;
mod logging;
mod metadata;
mod status;
mod wire;
