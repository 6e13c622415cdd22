#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, domain = "")]
enum LicenseError {
    #[api_error(code = "license_expired", message = "License expired")]
    Expired,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, domain = "licenses example com")]
enum OrderError {
    #[api_error(code = "order_closed", message = "Order closed")]
    Closed,
}

fn main() {
    let _ = LicenseError::Expired.code();
    let _ = OrderError::Closed.code();
}
