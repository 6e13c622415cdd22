#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
enum StoreError {
    #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable")]
    Unavailable,
}

#[derive(Debug, ApiError)]
enum ServiceError {
    #[api_error(transparent, grpc = "unavailable")]
    Store(#[from] StoreError),
}

fn main() {
    let _ = ServiceError::Store(StoreError::Unavailable).code();
}
