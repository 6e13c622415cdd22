#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(code = "license_expired", message = "License expired", grpc = "ok")]
    Expired,
}

fn main() {
    let _ = LicenseError::Expired.code();
}
