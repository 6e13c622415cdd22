#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(ApiError)]
#[api_error(status = 400)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {
    let _ = Bits { int: 1 };
}
