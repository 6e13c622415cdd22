#![allow(dead_code)]

use error_catalog::ApiError;

// With arguments, `{}` and `{0}` are the positional arguments, as in
// `format!`; those come before the named ones, and a name is given once.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum PositionError {
    #[api_error(code = "out_of_range", message("{} of {}", .count))]
    OutOfRange { count: u32 },
    #[api_error(code = "after_named", message("{x} {}", x = .count, .count))]
    AfterNamed { count: u32 },
    #[api_error(code = "twice", message("{x}", x = .count, x = .count))]
    Twice { count: u32 },
}

fn main() {}
