#![allow(dead_code)]

use error_catalog::ApiError;

// The text of a source error must never reach a client: in a 5xx variant, an
// argument that mentions a `#[source]` or `#[from]` field is an error at that
// field, however deep in the expression. A 4xx variant may show it.
#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StorageError {
    #[api_error(code = "io_error", message("Storage failed: {}", .0))]
    Io(#[source] std::io::Error),
    #[api_error(code = "parse_error", message("Bad number {} in {}", .cause.to_string().len(), .input))]
    Parse {
        input: String,
        #[source]
        cause: std::num::ParseIntError,
    },
    #[api_error(status = 502, code = "upstream", message("Upstream: {detail}", detail = format!("{}", .source)))]
    Upstream {
        #[from]
        source: std::str::Utf8Error,
    },
    #[api_error(status = 400, code = "bad_input", message("Bad input: {}", .0))]
    BadInput(#[source] std::num::ParseFloatError),
}

fn main() {}
