#![allow(dead_code)]

use error_catalog::ApiError;

// An argument is an expression of the user's: rustc checks it, and reports
// its mistakes at their own tokens. A field is `.name`; a bare `name` is not
// in scope.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum ExpressionError {
    #[api_error(code = "unknown_method", message("{}", .name.lenght()))]
    UnknownMethod { name: String },
    #[api_error(code = "bare_field", message("{}", name))]
    BareField { name: String },
    #[api_error(code = "not_display", message("{}", .names))]
    NotDisplay { names: Vec<String> },
}

fn main() {}
