#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(status = "404", code = "string", message = "A string")]
    String,
    #[api_error(status = 404.0, code = "float", message = "A float")]
    Float,
    #[api_error(status = NOT_FOUND, code = "path", message = "A path")]
    Path,
}

fn main() {
    let _ = OrderError::String.status();
}
