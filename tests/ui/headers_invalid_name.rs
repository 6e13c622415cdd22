#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum RequestError {
    // Not a token: a space, a colon, a quote (which `http` refuses in a
    // name read from the wire), and nothing at all.
    #[api_error(code = "a", message = "A", header("x note", "v"))]
    A,
    #[api_error(code = "b", message = "B", header("x:note", "v"))]
    B,
    #[api_error(code = "c", message = "C", header("x\"note", "v"))]
    C,
    #[api_error(code = "d", message = "D", header("", "v"))]
    D,
    // Uppercase: names are written in lowercase.
    #[api_error(status = 429, code = "rate_limited", message = "Slow down")]
    RateLimited {
        #[header("Retry-After")]
        seconds: u64,
    },
    // Non-ASCII.
    #[api_error(code = "e", message = "E", header("x-café", "v"))]
    E,
}

fn main() {
    let _ = RequestError::A.code();
}
