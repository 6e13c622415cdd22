//! `impl axum::response::IntoResponse` for every derived error (feature
//! `axum`, axum 0.8 through `axum-core` 0.5).
//!
//! The derive calls `__axum_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impl below,
//! and to nothing otherwise. The module is always compiled, so that the
//! macro exists in both forms.

#[cfg(feature = "axum")]
use axum_core::{body::Body, response::Response};

#[cfg(feature = "axum")]
use crate::ApiError;

/// The axum response of an error: the status, `content-type:
/// application/json` and the body of [`ApiError::to_response`], the body
/// moved into axum's `Body` without a copy (a fixed message's body is
/// `'static` and is not allocated at all).
///
/// The response is built here, whole, and not through a wrapper such as
/// `(StatusCode, Json(..))`, so nothing on the way can change its status.
#[cfg(feature = "axum")]
#[inline]
pub fn response<E: ApiError + ?Sized>(error: &E) -> Response {
    let (parts, body) = error.to_response().into_parts();
    Response::from_parts(parts, Body::from(body))
}

/// Expands to `impl IntoResponse` for a derived error (feature `axum` on).
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// the where-bracket always starting with `where` and every predicate ending
/// with a comma. The impl generics may come with their angle brackets (as
/// `syn`'s `ImplGenerics` prints them) or without.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__axum_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__axum_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            #[inline]
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::axum_response(&self)
            }
        }
    };
}

/// Expands to nothing: the feature `axum` is off.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_glue {
    ($($args:tt)*) => {};
}
