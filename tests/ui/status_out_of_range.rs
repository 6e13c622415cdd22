#![allow(dead_code)]

use error_catalog::ApiError;

// 400 and 599 are the bounds; 399 and 600 are just outside. The enum's
// default status is itself out of range, and the variant that relies on it
// must not get a second, "missing status" error.
#[derive(Debug, ApiError)]
#[api_error(status = 600)]
enum OrderError {
    #[api_error(code = "uses_default", message = "Uses the default")]
    UsesDefault,
    #[api_error(status = 399, code = "too_low", message = "Too low")]
    TooLow,
    #[api_error(status = 400, code = "lowest", message = "Lowest")]
    Lowest,
    #[api_error(status = 599, code = "highest", message = "Highest")]
    Highest,
    #[api_error(status = 200, code = "success", message = "Not an error")]
    Success,
}

fn main() {
    let _ = OrderError::UsesDefault.status();
    let _ = OrderError::TooLow.to_string();
}
