#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, type_base = "")]
enum EmptyBase {
    #[api_error(code = "a", message = "A")]
    A,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, type_base = "https://docs.example.com/api errors/")]
enum SpaceInBase {
    #[api_error(code = "a", message = "A")]
    A,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, type_base = "https://docs.example.com/errors//")]
enum DoubleSlash {
    #[api_error(code = "a", message = "A")]
    A,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, type_base = 42)]
enum NotAString {
    #[api_error(code = "a", message = "A")]
    A,
}

fn main() {
    let _ = EmptyBase::A.code();
}
