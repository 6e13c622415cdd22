#![allow(dead_code)]

use error_catalog::ApiError;

// The text of a source error must never reach a client: a 5xx template that
// names a `#[source]` or `#[from]` field is an error, whether the 5xx comes
// from the variant or from the enum's default. A 4xx template may name it.
#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum StorageError {
    #[api_error(status = 500, code = "io_error", message = "Storage failed: {0}")]
    Io(#[source] std::io::Error),
    #[api_error(code = "parse_error", message = "Bad number {cause:?} in {input}")]
    Parse {
        input: String,
        #[source]
        cause: std::num::ParseIntError,
    },
    #[api_error(status = 502, code = "upstream", message = "Upstream said {0}")]
    Upstream(#[from] std::str::Utf8Error),
    #[api_error(status = 400, code = "bad_input", message = "Bad input: {0}")]
    BadInput(#[source] std::num::ParseFloatError),
}

fn main() {
    let _ = StorageError::Io(std::io::Error::other("x")).to_string();
}
