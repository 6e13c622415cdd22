#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 404)]
enum InnerError {
    #[api_error(code = "not_found", message = "Not found")]
    NotFound,
}

// `transparent` takes status, code and message from the wrapped error;
// giving any of them as well is an error.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OuterError {
    #[api_error(transparent, message = "Wrapped")]
    WithMessage(InnerError),
    #[api_error(transparent, code = "wrapped")]
    WithCode(InnerError),
    #[api_error(status = 404, transparent)]
    WithStatus(InnerError),
}

fn main() {
    let _ = OuterError::WithMessage(InnerError::NotFound).code();
}
