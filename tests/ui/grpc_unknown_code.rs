#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    // Not a gRPC code name at all.
    #[api_error(code = "license_expired", message = "License expired", grpc = "precondition_failed")]
    Expired,
    // The right code in another spelling.
    #[api_error(code = "license_disabled", message = "License disabled", grpc = "FailedPrecondition")]
    Disabled,
    #[api_error(code = "license_revoked", message = "License revoked", grpc = "canceled")]
    Revoked,
    // Reported with the message's own error, in the same build.
    #[api_error(code = "license_lost", message = "License {key} lost", grpc = "lost")]
    Lost,
}

fn main() {
    let _ = LicenseError::Expired.code();
}
