#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, domain = licenses)]
enum LicenseError {
    #[api_error(code = "license_expired", message = "License expired", grpc = 9)]
    Expired,
    #[api_error(code = "license_disabled", message = "License disabled", grpc)]
    Disabled,
}

fn main() {
    let _ = LicenseError::Expired.code();
}
