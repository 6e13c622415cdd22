#![allow(dead_code)]

use error_catalog::ApiError;

// No default status on the enum: a variant without `status` must not quietly
// become a 500.
#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(status = 409, code = "order_taken", message = "The order id is taken")]
    Taken,
    #[api_error(code = "order_not_found", message = "The order is not known")]
    OrderNotFound,
}

fn main() {
    let _ = OrderError::OrderNotFound.status();
}
