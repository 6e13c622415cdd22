#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum RequestError {
    #[api_error(code = "a", message = "A", header = "x-a")]
    A,
    #[api_error(code = "b", message = "B", header)]
    B,
    #[api_error(code = "c", message = "C", header("x-c"))]
    C,
    #[api_error(code = "d", message = "D", header("x-d", "v", "w"))]
    D,
    #[api_error(code = "e", message = "E", header(x_e, "v"))]
    E,
    #[api_error(code = "f", message = "F", header("x-f", 1))]
    F,
    #[api_error(code = "g", message = "G")]
    G {
        #[header]
        bare: u8,
        #[header = "x-g"]
        value: u8,
        #[header(x_g)]
        ident: u8,
        #[header("x-g", "v")]
        two: u8,
        #[header(7)]
        number: u8,
    },
}

fn main() {
    let _ = RequestError::A.code();
}
