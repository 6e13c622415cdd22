use error_catalog::ApiError;

// Two variants converting from one type: `From` would not know which to build.
#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StoreError {
    #[api_error(code = "read_failed", message = "Reading failed")]
    Read(#[from] std::io::Error),
    #[api_error(code = "write_failed", message = "Writing failed")]
    Write(#[from] std::io::Error),
}

fn main() {}
