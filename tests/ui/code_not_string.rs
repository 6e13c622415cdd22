#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    #[api_error(code = order_taken, message = "The order id is taken")]
    Taken,
    #[api_error(code = 404, message = "Not found")]
    NotFound,
}

fn main() {
    let _ = OrderError::Taken.code();
}
