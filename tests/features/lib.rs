//! A user crate, compiled by `tests/features.rs` once per feature set of
//! `error-catalog`: none, each one, and both frameworks. The same enums
//! (and a `subset!` of one) compile under every set, with no `cfg` of their
//! own; the checks below (under this crate's features, which turn on
//! error-catalog's) prove that each framework's and each OpenAPI library's
//! impls are there when its feature is on.

/// Every path in the generated code, framework glue included, is absolute:
/// it compiles without the prelude and beside types named like the
/// prelude's and the frameworks'.
pub mod plain {
    #![no_implicit_prelude]
    #![allow(dead_code)]

    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Box;
    pub struct Response;
    pub struct Body;
    pub struct StatusCode;
    pub struct HttpResponse;
    pub struct IntoResponse;
    pub struct ResponseError;
    pub struct ApiError;

    /// A lower layer, wrapped transparently.
    #[derive(Debug, ::error_catalog::ApiError)]
    #[api_error(status = 503)]
    pub enum Store {
        #[api_error(code = "store_unavailable", message = "Store unavailable")]
        Unavailable,
    }

    #[derive(Debug, ::error_catalog::ApiError)]
    #[api_error(status = 400)]
    pub enum Error {
        #[api_error(status = 404, code = "not_found", message = "Not found")]
        NotFound,
        #[api_error(code = "validation_error", message = "{0}")]
        Validation(::std::string::String),
        #[api_error(code = "license_not_found", message = "License {key} not found")]
        LicenseNotFound { key: ::std::string::String },
        #[api_error(transparent)]
        Store(#[from] Store),
        #[api_error(status = 500, code = "internal_error", message = "Internal error")]
        Internal(#[source] ::std::io::Error),
    }

    ::error_catalog::subset! {
        /// The errors of one endpoint: a unit, a tuple, a struct and a
        /// transparent variant.
        pub struct Subset: Error { NotFound, Validation, LicenseNotFound, Store }
    }
}

/// Generics, a lifetime and a where-clause reach the glue's impls.
pub mod generic {
    use std::fmt::{Debug, Display};

    #[derive(Debug, error_catalog::ApiError)]
    #[api_error(status = 422)]
    pub enum Error<'a, T: Debug>
    where
        T: Display,
    {
        #[api_error(code = "bad_value", message = "Bad value {0}")]
        Bad(T),
        #[api_error(code = "bad_name", message = "Bad name {name}")]
        Name { name: &'a str },
    }
}

/// Holds under every feature set.
pub fn body_len() -> usize {
    use error_catalog::ApiError;
    let bad: generic::Error<'_, u8> = generic::Error::Bad(1);
    let name: generic::Error<'_, u8> = generic::Error::Name { name: "x" };
    let _ = (bad.to_response(), name.to_response());
    let subset = plain::Subset::from(plain::Error::NotFound);
    let _ = (subset.to_response(), plain::Subset::catalog());
    plain::Error::Store(plain::Store::Unavailable)
        .to_response()
        .body()
        .len()
}

#[cfg(feature = "axum")]
pub mod with_axum {
    use axum_core::response::{IntoResponse, Response};

    fn is_response<T: IntoResponse>() {}

    pub fn checks() {
        is_response::<crate::plain::Error>();
        is_response::<crate::plain::Store>();
        is_response::<crate::plain::Subset>();
        is_response::<crate::generic::Error<'static, u32>>();
    }

    pub fn handler_result() -> Response {
        Err::<(), _>(crate::plain::Error::NotFound).into_response()
    }
}

#[cfg(feature = "actix-web")]
pub mod with_actix {
    use actix_web::{HttpResponse, ResponseError};

    fn is_error<T: ResponseError>() {}

    pub fn checks() {
        is_error::<crate::plain::Error>();
        is_error::<crate::plain::Store>();
        is_error::<crate::plain::Subset>();
        is_error::<crate::generic::Error<'static, u32>>();
    }

    pub fn handler_result() -> Result<HttpResponse, actix_web::Error> {
        Err(crate::plain::Error::NotFound.into())
    }
}

#[cfg(feature = "utoipa")]
pub mod with_utoipa {
    use utoipa::{IntoResponses, ToSchema};

    fn is_documented<T: IntoResponses + ToSchema>() {}

    pub fn checks() {
        is_documented::<crate::plain::Error>();
        is_documented::<crate::plain::Store>();
        is_documented::<crate::plain::Subset>();
        is_documented::<crate::generic::Error<'static, u32>>();
    }

    pub fn statuses() -> usize {
        crate::plain::Error::responses().len()
    }
}

#[cfg(feature = "aide")]
pub mod with_aide {
    use aide::OperationOutput;

    fn is_output<T: OperationOutput>() {}

    pub fn checks() {
        is_output::<crate::plain::Error>();
        is_output::<crate::plain::Store>();
        is_output::<crate::plain::Subset>();
        is_output::<crate::generic::Error<'static, u32>>();
    }
}

#[cfg(feature = "grpc")]
pub mod with_grpc {
    use error_catalog::{grpc::RpcStatus, ApiError};

    fn status_of<T: ApiError>(error: &T) -> RpcStatus {
        error.to_rpc_status()
    }

    pub fn checks() {
        let _ = status_of::<crate::plain::Error>;
        let _ = status_of::<crate::plain::Store>;
        let _ = status_of::<crate::generic::Error<'static, u32>>;
    }
}

/// Calls `to_rpc_status`, with or without the `grpc` feature:
/// `tests/features.rs` checks the error it gets without.
#[cfg(feature = "call-rpc-status")]
pub fn rpc_reason() -> String {
    use error_catalog::ApiError;

    crate::plain::Error::NotFound.to_rpc_status().error_info.reason
}
