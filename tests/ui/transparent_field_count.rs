#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 404)]
enum InnerError {
    #[api_error(code = "not_found", message = "Not found")]
    NotFound,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OuterError {
    #[api_error(transparent)]
    NoField,
    #[api_error(transparent)]
    TwoFields(InnerError, String),
    #[api_error(transparent)]
    NoNamedField {},
}

fn main() {
    let _ = OuterError::NoField.code();
    let _ = InnerError::NotFound.code();
}
