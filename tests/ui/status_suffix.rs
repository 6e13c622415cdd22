use error_catalog::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(status = 404u16, code = "order_not_found", message = "Order not found")]
    OrderNotFound,
}

fn main() {}
