#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    #[api_error(code = "order_taken", message = "The order id is taken")]
    Taken,
    #[api_error(code = "order_exists", message = "The order exists")]
    Exists,
    #[api_error(code = "order_taken", message = "The order id is used")]
    Used,
}

// A code derived by `rename_all` collides like a written one.
#[derive(Debug, ApiError)]
#[api_error(status = 400, rename_all = "snake_case")]
enum LicenseError {
    /// The license is not known.
    LicenseNotFound,
    /// The license is not known either.
    #[api_error(code = "license_not_found")]
    Missing,
}

fn main() {
    let _ = LicenseError::Missing.code();
    let _ = OrderError::Taken.code();
    let _ = OrderError::Exists.to_string();
    let _ = OrderError::Used.status();
}
