#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StorageError {
    #[api_error(code = "io_error", message = "Storage failed at {1}")]
    Io(#[from] std::io::Error, String),
}

fn main() {
    let _ = StorageError::Io(std::io::Error::other("x"), String::new()).to_string();
}
