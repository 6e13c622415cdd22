#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, grpc = "failed_precondition")]
enum LicenseError {
    #[api_error(code = "license_expired", message = "License expired", domain = "licenses.example.com")]
    Expired,
}

fn main() {
    let _ = LicenseError::Expired.code();
}
