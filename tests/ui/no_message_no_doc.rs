#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(code = "license_not_found")]
    LicenseNotFound,
}

fn main() {
    let _ = LicenseError::LicenseNotFound.to_string();
}
