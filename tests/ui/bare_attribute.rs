#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    /// The order id is taken.
    #[api_error]
    Taken,
}

fn main() {
    let _ = OrderError::Taken.code();
}
