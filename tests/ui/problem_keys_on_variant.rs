#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, format = "problem", format = "problem")]
enum RequestError {
    // The representation and the type base are the enum's.
    #[api_error(code = "a", message = "A", format = "problem")]
    A,
    #[api_error(code = "b", message = "B", type_base = "https://docs.example.com/errors/")]
    B,
}

fn main() {
    let _ = RequestError::A.code();
}
