#![allow(dead_code)]

use error_catalog::ApiError;

// An argument reaches a field with `.field`; `self` is not in its scope, so
// no argument can reach a field, such as a source, around the derive's checks.
#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StoreError {
    #[api_error(code = "store", message("Store failed: {}", self.0))]
    Store(#[source] std::io::Error),
}

fn main() {}
