#![allow(dead_code)]

use error_catalog::ApiError;

// With `domain`, every code must be a valid AIP-193 reason once upper-cased.
#[derive(Debug, ApiError)]
#[api_error(status = 400, domain = "licenses.example.com")]
enum LicenseError {
    #[api_error(code = "license-expired", message = "License expired")]
    Expired,
    #[api_error(code = "2fa_required", message = "Two-factor authentication required")]
    TwoFactor,
    #[api_error(code = "ok", message = "Fine")]
    Fine,
    #[api_error(code = "retry_", message = "Retry")]
    Retry,
    #[api_error(code = "license_key_is_much_too_long_to_be_a_reason_of_google_aip_one_nine_three", message = "Long")]
    Long,
    // Valid: upper-cased, it is `LICENSE_DISABLED`.
    #[api_error(code = "license_disabled", message = "License disabled")]
    Disabled,
}

fn main() {
    let _ = LicenseError::Disabled.code();
}
