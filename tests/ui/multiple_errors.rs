#![allow(dead_code)]

use error_catalog::ApiError;

// Three independent mistakes: three errors in one build, each at its token.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(message = "No code")]
    NoCode,
    #[api_error(status = 600, code = "bad_status", message = "Bad status")]
    BadStatus,
    #[api_error(code = "bad_placeholder", message = "License {kee} not found")]
    BadPlaceholder { key: String },
    #[api_error(status = 404, code = "fine", message = "Fine")]
    Fine,
}

fn main() {
    let _ = LicenseError::Fine.code();
}
