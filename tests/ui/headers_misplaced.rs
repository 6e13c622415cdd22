#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, header("x-service", "licenses"))]
#[header("x-service")]
enum RequestError {
    #[header("x-a")]
    #[api_error(code = "a", message = "A")]
    A,
    #[api_error(code = "b", message = "B")]
    B {
        #[header("x-b")]
        #[header("x-b-again")]
        value: u8,
    },
    #[api_error(code = "c", message = "C")]
    C(#[api_error(header("x-c", "v"))] u8),
}

fn main() {
    let _ = RequestError::A.code();
}
