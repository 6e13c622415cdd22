#![allow(dead_code)]

use error_catalog::ApiError;

// An argument that is no expression is reported at the offending token: the
// derive finds where each argument ends, rustc reads the rest.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum ExpressionError {
    #[api_error(code = "trailing_operator", message("{}", .count +))]
    TrailingOperator { count: u32 },
    #[api_error(code = "trailing_dot", message("{}", .name.))]
    TrailingDot { name: String },
    #[api_error(code = "not_a_field", message("{}", ."name"))]
    NotAField { name: String },
    #[api_error(code = "unclosed_closure", message("{}", .names.iter().count(), |a, b))]
    UnclosedClosure { names: Vec<String> },
}

fn main() {}
