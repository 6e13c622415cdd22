#![allow(dead_code)]

use error_catalog::ApiError;

// Letters, digits, `_`, `-` and `.` are allowed; `order.v2-taken_1` is fine.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    #[api_error(code = "order.v2-taken_1", message = "Fine")]
    Fine,
    #[api_error(code = "order taken", message = "A space")]
    Space,
    #[api_error(code = "order/taken", message = "A slash")]
    Slash,
    #[api_error(code = "commande_refusée", message = "Not ASCII")]
    NotAscii,
}

fn main() {
    let _ = OrderError::Space.code();
}
