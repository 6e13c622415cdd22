use error_catalog::ApiError;

#[derive(Debug)]
struct PlainError;

impl std::fmt::Display for PlainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("plain")
    }
}

impl std::error::Error for PlainError {}

// `transparent` forwards to an `ApiError`; a plain error has no code or status.
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api_error(transparent)]
    Plain(PlainError),
}

fn main() {}
