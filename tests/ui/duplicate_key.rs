#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, status = 404)]
enum OrderError {
    #[api_error(
        code = "order_taken",
        code = "order_id_taken",
        message = "The order id is taken"
    )]
    Taken,
    #[api_error(code = "order_gone", message = "The order is gone")]
    #[api_error(message = "The order was deleted")]
    Gone,
}

fn main() {
    let _ = OrderError::Taken.code();
    let _ = OrderError::Gone.to_string();
}
