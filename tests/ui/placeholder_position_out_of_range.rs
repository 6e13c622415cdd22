#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(code = "validation_error", message = "{0} is invalid: {1}")]
    Validation(String),
}

fn main() {
    let _ = LicenseError::Validation(String::new()).to_string();
}
