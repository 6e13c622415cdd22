#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
enum StoreError {
    #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable", header("retry-after", "30"))]
    Unavailable,
}

#[derive(Debug, ApiError)]
enum ServiceError {
    // The wrapped error sends its own headers.
    #[api_error(transparent, header("retry-after", "60"))]
    Store(StoreError),
    #[api_error(transparent)]
    Again(#[header("x-store")] StoreError),
}

fn main() {
    let _ = ServiceError::Store(StoreError::Unavailable).code();
}
