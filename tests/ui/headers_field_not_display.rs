#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum FileError {
    // A header is the field's `Display`; a path has none.
    #[api_error(code = "file_locked", message = "The file is locked")]
    Locked {
        #[header("x-path")]
        path: std::path::PathBuf,
    },
}

fn main() {
    let _ = FileError::Locked { path: "a".into() }.code();
}
