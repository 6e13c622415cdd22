#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, code = "order_taken", message = "The order id is taken")]
struct OrderTaken {
    id: u64,
}

fn main() {
    let _ = OrderTaken { id: 1 }.id;
}
