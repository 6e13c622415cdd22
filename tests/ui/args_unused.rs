#![allow(dead_code)]

use error_catalog::ApiError;

// Every argument after the format string must be used by a placeholder.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum LimitError {
    #[api_error(code = "over_limit", message("{} items", .count, .limit))]
    OverLimit { count: u32, limit: u32 },
    #[api_error(code = "named", message("{count} items", limit = .limit + 1))]
    Named { count: u32, limit: u32 },
    #[api_error(code = "no_placeholder", message("Too many items", .count))]
    NoPlaceholder { count: u32 },
}

fn main() {}
