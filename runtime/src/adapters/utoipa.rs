//! `impl utoipa::IntoResponses`, `utoipa::PartialSchema` and
//! `utoipa::ToSchema` for every derived error (feature `utoipa`, utoipa 6).
//!
//! The derive calls `__utoipa_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impls
//! below, and to nothing otherwise. The module is always compiled, so that
//! the macro exists in both forms.
//!
//! The responses and the schema are the crate's own documents
//! ([`openapi_responses_as`](crate::catalog::openapi_responses_as), the
//! schema of [`to_schema_as`](crate::catalog::to_schema_as)) in the type's
//! [`body_format`](crate::ApiError::body_format), read into utoipa's types:
//! problem details for a `format = "problem"` enum, and each response's
//! headers. Every schema is inline: utoipa does not collect component
//! schemas from an `IntoResponses` type, so the document needs no
//! `components(...)` of the user's.

#[cfg(feature = "utoipa")]
use std::collections::BTreeMap;

#[cfg(feature = "utoipa")]
use utoipa::openapi::{schema::Schema, RefOr, Response};

#[cfg(feature = "utoipa")]
use crate::{catalog, BodyFormat, ErrorSpec};

/// utoipa's responses of a catalog whose type sends `format`: one per
/// status, every code, the headers its codes send.
#[cfg(feature = "utoipa")]
pub fn responses(
    catalog: &'static [ErrorSpec],
    format: BodyFormat,
) -> BTreeMap<String, RefOr<Response>> {
    catalog::status_responses(catalog, format)
        .into_iter()
        .map(|(status, response)| {
            // Every keyword the crate writes has a place in utoipa's types
            // (which is why no header is written with `required`: utoipa's
            // Header has no place for it); `tests/openapi_utoipa.rs` checks
            // that none is lost.
            let response = serde_json::from_value(response)
                .expect("an OpenAPI response of the catalog reads as utoipa's Response");
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

/// utoipa's schema of every body of a catalog whose type sends `format`.
#[cfg(feature = "utoipa")]
pub fn schema(catalog: &'static [ErrorSpec], format: BodyFormat) -> RefOr<Schema> {
    let schema = catalog::body_schema_of(catalog, format);
    RefOr::T(
        serde_json::from_value(schema).expect("the catalog's JSON Schema reads as utoipa's Schema"),
    )
}

/// Expands to `impl IntoResponses`, `PartialSchema` and `ToSchema` for a
/// derived error (feature `utoipa` on).
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// as for `__axum_glue!`.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__utoipa_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__utoipa_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            fn responses() -> $crate::__private::BTreeMap<
                $crate::__private::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::Response,
                >,
            > {
                $crate::__private::utoipa_responses(
                    <Self as $crate::__private::ApiError>::catalog(),
                    <Self as $crate::__private::ApiError>::body_format(),
                )
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::PartialSchema for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            fn schema() -> $crate::__private::utoipa::openapi::RefOr<
                $crate::__private::utoipa::openapi::schema::Schema,
            > {
                $crate::__private::utoipa_schema(
                    <Self as $crate::__private::ApiError>::catalog(),
                    <Self as $crate::__private::ApiError>::body_format(),
                )
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::ToSchema for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
        }
    };
}

/// Expands to nothing: the feature `utoipa` is off.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_glue {
    ($($args:tt)*) => {};
}
