//! `impl aide::OperationOutput` for every derived error (feature `aide`,
//! aide 0.15 for axum 0.8).
//!
//! The derive calls `__aide_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impl below,
//! and to nothing otherwise. The module is always compiled, so that the
//! macro exists in both forms.
//!
//! The responses are the crate's own
//! ([`openapi_responses_as`](crate::catalog::openapi_responses_as), in the
//! type's [`body_format`](crate::ApiError::body_format)), read into aide's
//! types: one per status, so aide never sees two responses for one status,
//! every schema inline, with the headers its codes send.

#[cfg(feature = "aide")]
use aide::openapi::Response;

#[cfg(feature = "aide")]
use crate::{catalog, BodyFormat, ErrorSpec};

/// aide's inferred responses of a catalog whose type sends `format`:
/// `(status, response)`, one per status, every code.
#[cfg(feature = "aide")]
pub fn responses(
    catalog: &'static [ErrorSpec],
    format: BodyFormat,
) -> Vec<(Option<u16>, Response)> {
    catalog::status_responses(catalog, format)
        .into_iter()
        .map(|(status, response)| {
            // aide keeps a schema as JSON, and every other keyword the crate
            // writes has a place in its types (a header's `style`, which aide
            // always writes, is written `simple` by the crate too);
            // `tests/openapi_aide.rs` checks that none is lost.
            let response = serde_json::from_value(response)
                .expect("an OpenAPI response of the catalog reads as aide's Response");
            (Some(status), response)
        })
        .collect()
}

/// Expands to `impl OperationOutput` for a derived error (feature `aide`
/// on): a handler that returns `Result<T, E>` documents T's response and
/// every response of E.
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// as for `__axum_glue!`.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__aide_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__aide_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::aide::OperationOutput for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> $crate::__private::Vec<(
                ::core::option::Option<::core::primitive::u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::__private::aide_responses(
                    <Self as $crate::__private::ApiError>::catalog(),
                    <Self as $crate::__private::ApiError>::body_format(),
                )
            }
        }
    };
}

/// Expands to nothing: the feature `aide` is off.
#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_glue {
    ($($args:tt)*) => {};
}
