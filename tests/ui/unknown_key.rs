#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, rename = "snake_case")]
enum OrderError {
    #[api_error(code = "order_taken", message = "The order id is taken", stauts = 409)]
    Taken,
}

fn main() {
    let _ = OrderError::Taken.status();
}
