#![allow(dead_code)]

use error_catalog::ApiError;

// Two codes, one reason: `LICENSE_EXPIRED`.
#[derive(Debug, ApiError)]
#[api_error(status = 400, domain = "licenses.example.com")]
enum LicenseError {
    #[api_error(code = "license_expired", message = "License expired")]
    Expired,
    #[api_error(code = "LICENSE_EXPIRED", message = "License expired, loudly")]
    ExpiredLoudly,
}

fn main() {
    let _ = LicenseError::Expired.code();
}
