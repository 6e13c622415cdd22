#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    #[api_error(code = "order_taken", message = "The order id is taken")]
    Taken,
    #[api_error(code = "order_exists", message = "The order exists")]
    Exists,
    #[api_error(code = "order_taken", message = "The order id is used")]
    Used,
}

fn main() {
    let _ = OrderError::Taken.code();
    let _ = OrderError::Exists.to_string();
    let _ = OrderError::Used.status();
}
