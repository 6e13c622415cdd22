#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum StoreError {
    // A 4xx may show its source: the client's own input failed.
    #[api_error(code = "bad_number", message = "Not a number")]
    BadNumber(#[header("x-reason")] #[source] std::num::ParseIntError),
    // A 5xx must not: the text of an internal error would reach the client.
    #[api_error(status = 500, code = "internal_error", message = "An unexpected server error has occured")]
    Internal {
        #[header("x-cause")]
        source: std::io::Error,
    },
    #[api_error(status = 503, code = "unavailable", message = "Unavailable")]
    Unavailable(#[from] #[header("x-cause")] std::fmt::Error),
}

fn main() {
    let _ = StoreError::Unavailable(std::fmt::Error).code();
}
