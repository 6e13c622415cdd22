#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, rename_all = "snek_case")]
enum OrderError {
    /// The order id is taken.
    OrderTaken,
}

fn main() {
    let _ = OrderError::OrderTaken.code();
}
