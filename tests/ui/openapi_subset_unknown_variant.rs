#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
    #[api_error(code = "license_expired", message = "License expired")]
    LicenseExpired,
    #[api_error(code = "invalid_value", message = "{0}")]
    InvalidValue(String),
}

// A misspelt variant and a name from nowhere: one error at each.
error_catalog::subset! {
    /// What `GET /licenses/{key}` can answer.
    pub struct CheckLicenseError: LicenseError { LicenseNotFound, LicenseExpird, InvalidValue, Timeout }
}

fn main() {
    let _ = CheckLicenseError::catalog();
}
