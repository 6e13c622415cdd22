#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, format = "xml")]
enum XmlError {
    #[api_error(code = "a", message = "A")]
    A,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, format = problem)]
enum BareError {
    #[api_error(code = "a", message = "A")]
    A,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, format)]
enum EmptyError {
    #[api_error(code = "a", message = "A")]
    A,
}

fn main() {
    let _ = XmlError::A.code();
}
