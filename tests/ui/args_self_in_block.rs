#![allow(dead_code)]

use error_catalog::ApiError;

// Inside a block the derive leaves `self` to rustc, which cannot resolve it:
// the generated `fmt` takes a `self` of its own, out of the message's reach.
#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StoreError {
    #[api_error(code = "in_block", message("Store failed: {}", { self.to_string() }))]
    InBlock(#[source] std::io::Error),
}

fn main() {}
