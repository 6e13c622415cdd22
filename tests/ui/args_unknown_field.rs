#![allow(dead_code)]

use error_catalog::ApiError;

// `.field` in an argument must name a field of the variant.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum ParameterError {
    #[api_error(code = "missing_parameters", message("Missing parameters: {}", .nmes.join(", ")))]
    MissingParameters { names: Vec<String> },
    #[api_error(code = "out_of_range", message("{} of {}", .0, .2))]
    OutOfRange(u32, u32),
    #[api_error(code = "positional", message("{}", .0))]
    Positional { count: u32 },
    #[api_error(code = "by_name", message("{}", .count))]
    ByName(u32),
    #[api_error(code = "unit", message("{}", .count))]
    Unit,
}

fn main() {}
