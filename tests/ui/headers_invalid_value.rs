#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum RequestError {
    // A line break would end the header and start another.
    #[api_error(code = "a", message = "A", header("x-a", "one\r\nx-injected: yes"))]
    A,
    #[api_error(code = "b", message = "B", header("x-b", "delete\u{7f}"))]
    B,
    #[api_error(code = "c", message = "C", header("x-c", "nul\0"))]
    C,
    // Visible ASCII, space, tab and non-ASCII text are all valid.
    #[api_error(code = "d", message = "D", header("x-d", " tab\tand café ~ "))]
    D,
}

fn main() {
    let _ = RequestError::A.code();
}
