#![allow(dead_code)]

use error_catalog::ApiError;

// The form is `message("format", args...)`: a string literal first, then
// arguments separated by commas.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum SyntaxError {
    #[api_error(code = "not_a_string", message(format, .0))]
    NotAString(u32),
    #[api_error(code = "empty", message())]
    Empty,
    #[api_error(code = "missing_comma", message("{}" .0))]
    MissingComma(u32),
    #[api_error(code = "empty_argument", message("{}", , .0))]
    EmptyArgument(u32),
    #[api_error(code = "empty_named", message("{x}", x =))]
    EmptyNamed(u32),
}

fn main() {}
