#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(status = -400, code = "negative", message = "Negative")]
    Negative,
}

fn main() {
    let _ = OrderError::Negative.status();
}
