#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum RequestError {
    #[api_error(code = "a", message = "A", header("content-type", "text/plain"))]
    A,
    #[api_error(code = "b", message = "B")]
    B {
        // In any case.
        #[header("Content-Length")]
        length: u64,
    },
}

fn main() {
    let _ = RequestError::A.code();
}
