//! `impl actix_web::ResponseError` for every derived error (feature
//! `actix-web`, actix-web 4).
//!
//! The derive calls `__actix_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impl below,
//! and to nothing otherwise. The module is always compiled, so that the
//! macro exists in both forms.
//!
//! actix-web 4 has its own `http` types (from `http` 0.2); the status and
//! every header of [`ApiError::to_response`](crate::ApiError::to_response)
//! are converted through their numeric and byte forms, which both versions
//! accept alike, so nothing is lost on the way.

#[cfg(feature = "actix-web")]
use actix_web::{
    body::BoxBody,
    http::{
        header::{HeaderName, HeaderValue},
        StatusCode,
    },
    HttpResponse,
};

#[cfg(feature = "actix-web")]
use crate::ApiError;

/// The actix-web status of an error. Every catalog status (400 to 599) is a
/// valid actix-web status; 500 is only the fallback for a status that could
/// not be one, which the derive never produces.
#[cfg(feature = "actix-web")]
#[inline]
pub fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    convert_status(error.status())
}

#[cfg(feature = "actix-web")]
#[inline]
fn convert_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response of an error, built from
/// [`ApiError::to_response`](crate::ApiError::to_response): the same status,
/// headers and body bytes (so a 5xx error is logged the same way with the
/// `tracing` feature). The body moves without a copy.
#[cfg(feature = "actix-web")]
pub fn response<E: ApiError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    let (parts, body) = error.to_response().into_parts();
    let mut response = HttpResponse::with_body(convert_status(parts.status), body);
    let headers = response.headers_mut();
    for (name, value) in &parts.headers {
        // Both conversions accept every name and value that `http` 1 holds.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    response.map_into_boxed_body()
}

/// Expands to `impl ResponseError` for a derived error (feature `actix-web`
/// on).
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// the where-bracket always starting with `where` and every predicate ending
/// with a comma. The impl generics may come with their angle brackets (as
/// `syn`'s `ImplGenerics` prints them) or without.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__actix_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__actix_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            #[inline]
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status(self)
            }

            #[inline]
            fn error_response(
                &self,
            ) -> $crate::__private::actix_web::HttpResponse<
                $crate::__private::actix_web::body::BoxBody,
            > {
                $crate::__private::actix_response(self)
            }
        }
    };
}

/// Expands to nothing: the feature `actix-web` is off.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_glue {
    ($($args:tt)*) => {};
}
