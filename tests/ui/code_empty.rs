#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    #[api_error(code = "", message = "The order id is taken")]
    Taken,
}

fn main() {
    let _ = OrderError::Taken.code();
}
