//! [`subset!`](crate::subset): the errors one endpoint can return, as an
//! error type of their own whose catalog holds only them, so that its
//! documents (JSON Schema, OpenAPI, utoipa, aide) list only their codes.

use std::sync::OnceLock;

use crate::{ApiError, ErrorSpec, FromBodyError};

use super::flatten;

/// Declares a newtype over an error enum whose catalog is a chosen subset of
/// the enum's variants: the errors that one endpoint can return.
///
/// ```text
/// subset! {
///     /// doc comments and attributes
///     pub struct NAME: ErrorEnum { Variant, Variant, ... }
/// }
/// ```
///
/// Each name must be a variant of the enum (unit, tuple or struct): any
/// other name is a compile error at its token. A `transparent` variant
/// brings every code of the error it wraps.
///
/// The newtype `NAME(pub ErrorEnum)` is itself an [`ApiError`]:
///
/// - `catalog()` holds the enum's entries for the listed variants, in the
///   enum's declaration order, so every document made from it
///   ([`to_schema`](crate::catalog::to_schema),
///   [`openapi_responses`](crate::catalog::openapi_responses), and with the
///   features, utoipa's `IntoResponses` and aide's `OperationOutput`) lists
///   only their codes;
/// - its [`body_format`](crate::ApiError::body_format) is the enum's, so
///   the documents of the utoipa and aide features describe the body the
///   enum sends (problem details for a `format = "problem"` enum);
/// - `From<ErrorEnum>`, so `?` converts in a handler that returns it;
///   its status, code, message, headers, body and response are the wrapped
///   error's;
/// - `Display`, `Error` (with the wrapped error's `source()`), `Serialize`,
///   `Deserialize` and the framework responses of the crate's features,
///   like a derived error; decoding a body whose code is not in the subset
///   is `FromBodyError::UnknownCode`.
///
/// Converting is not checked: a handler that returns a variant outside
/// its subset still sends it, but the document does not list it. Test the
/// endpoint's answers against its document (the example service's tests
/// do).
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// pub enum LicenseError {
///     /// The license key is not known.
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     /// The license has expired.
///     #[api_error(code = "license_expired", message = "License expired")]
///     LicenseExpired,
///     /// The license is already active on this device.
///     #[api_error(status = 409, code = "already_active", message = "Already active")]
///     AlreadyActive,
///     #[api_error(status = 500, code = "internal_error", message = "Internal error")]
///     Internal(#[source] std::io::Error),
/// }
///
/// error_catalog::subset! {
///     /// What `GET /licenses/{key}` can answer.
///     pub struct CheckLicenseError: LicenseError { LicenseNotFound, LicenseExpired, Internal }
/// }
///
/// let codes: Vec<_> = CheckLicenseError::catalog().iter().map(|spec| spec.code).collect();
/// assert_eq!(codes, ["license_not_found", "license_expired", "internal_error"]);
/// let responses = catalog::openapi_responses(CheckLicenseError::catalog());
/// assert!(responses.get("409").is_none());
///
/// // A handler returns it; `?` converts the enum.
/// fn check(key: &str) -> Result<(), CheckLicenseError> {
///     Err(LicenseError::LicenseNotFound { key: key.to_owned() })?
/// }
/// let err = check("K-1").unwrap_err();
/// assert_eq!(err.status(), 400);
/// assert_eq!(err.to_string(), "License K-1 not found");
/// assert!(matches!(err, CheckLicenseError(LicenseError::LicenseNotFound { .. })));
/// ```
///
/// The subset of a `format = "problem"` enum sends, and documents, problem
/// details, with the headers of the errors it wraps:
///
/// ```
/// use error_catalog::{catalog, ApiError, BodyFormat};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem")]
/// pub enum AuthError {
///     #[api_error(
///         status = 401,
///         code = "authentication_failure",
///         message = "Authentication failed",
///         header("www-authenticate", "Bearer realm=\"licenses\""),
///     )]
///     AuthenticationFailure,
///     #[api_error(status = 403, code = "forbidden", message = "Forbidden")]
///     Forbidden,
/// }
///
/// error_catalog::subset! {
///     pub struct LoginError: AuthError { AuthenticationFailure }
/// }
///
/// assert_eq!(LoginError::body_format(), BodyFormat::Problem);
/// let response = LoginError(AuthError::AuthenticationFailure).to_response();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(response.headers()["www-authenticate"], "Bearer realm=\"licenses\"");
///
/// let responses = catalog::openapi_responses_as(LoginError::catalog(), LoginError::body_format());
/// assert!(responses["401"]["content"]["application/problem+json"].is_object());
/// assert!(responses["401"]["headers"]["www-authenticate"].is_object());
/// ```
///
/// A name that is not a variant does not compile:
///
/// ```compile_fail
/// # use error_catalog::ApiError;
/// # #[derive(Debug, ApiError)]
/// # enum LicenseError { #[api_error(status = 400, code = "license_expired", message = "License expired")] LicenseExpired }
/// error_catalog::subset! {
///     pub struct CheckLicenseError: LicenseError { LicenseExpird }
/// }
/// ```
#[macro_export]
macro_rules! subset {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident : $error:ty { $($variant:ident),* $(,)? }
    ) => {
        $(#[$attr])*
        #[derive(::core::fmt::Debug)]
        $vis struct $name(pub $error);

        const _: () = {
            type __ErrorCatalogSubsetOf = $error;

            // Every name is a variant of the enum: any other name is a
            // compile error at its token. `{ .. }` matches unit, tuple and
            // struct variants alike.
            #[allow(unreachable_patterns, dead_code)]
            fn __error_catalog_variants_exist(__error: &__ErrorCatalogSubsetOf) {
                match __error {
                    $(__ErrorCatalogSubsetOf::$variant { .. } => {})*
                    _ => {}
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<$error> for $name {
                #[inline]
                fn from(__error: $error) -> Self {
                    $name(__error)
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for $name {
                #[inline]
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.0, __f)
                }
            }

            #[automatically_derived]
            impl ::core::error::Error for $name {
                #[inline]
                fn source(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
                    ::core::error::Error::source(&self.0)
                }
            }

            #[automatically_derived]
            impl $crate::ApiError for $name {
                fn catalog() -> &'static [$crate::ErrorSpec] {
                    static __SUBSET: $crate::__private::SubsetCatalog =
                        $crate::__private::SubsetCatalog::new(&[$(::core::stringify!($variant)),*]);
                    __SUBSET.get(<$error as $crate::ApiError>::catalog)
                }

                #[inline]
                fn spec(&self) -> &'static $crate::ErrorSpec {
                    $crate::ApiError::spec(&self.0)
                }

                #[inline]
                fn static_body(&self) -> ::core::option::Option<&'static str> {
                    $crate::ApiError::static_body(&self.0)
                }

                #[inline]
                fn append_headers(&self, __headers: &mut $crate::__private::http::HeaderMap) {
                    $crate::ApiError::append_headers(&self.0, __headers)
                }

                #[inline]
                fn body_format() -> $crate::BodyFormat {
                    <$error as $crate::ApiError>::body_format()
                }

                #[inline]
                fn to_response(
                    &self,
                ) -> $crate::__private::http::Response<$crate::__private::bytes::Bytes> {
                    $crate::ApiError::to_response(&self.0)
                }

                fn from_parts(
                    __code: &str,
                    __message: &str,
                ) -> ::core::result::Result<Self, $crate::FromBodyError> {
                    $crate::__private::subset_from_parts(
                        <Self as $crate::ApiError>::catalog(),
                        __code,
                        __message,
                        $name,
                    )
                }
            }

            #[automatically_derived]
            impl $crate::__private::serde::Serialize for $name {
                fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: $crate::__private::serde::Serializer,
                {
                    $crate::__private::serde::Serialize::serialize(&self.0, __serializer)
                }
            }

            #[automatically_derived]
            impl<'__de> $crate::__private::serde::Deserialize<'__de> for $name {
                fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: $crate::__private::serde::Deserializer<'__de>,
                {
                    $crate::__private::deserialize(__deserializer)
                }
            }
        };

        $crate::__framework_glue! { [] [$name] [where] }
    };
}

/// The catalog of a [`subset!`](crate::subset) type: the entries of the
/// enum's catalog whose variant is listed, made once, on first use.
#[doc(hidden)]
pub struct SubsetCatalog {
    variants: &'static [&'static str],
    entries: OnceLock<Box<[ErrorSpec]>>,
}

impl SubsetCatalog {
    #[doc(hidden)]
    pub const fn new(variants: &'static [&'static str]) -> Self {
        SubsetCatalog {
            variants,
            entries: OnceLock::new(),
        }
    }

    #[doc(hidden)]
    pub fn get(&'static self, catalog: fn() -> &'static [ErrorSpec]) -> &'static [ErrorSpec] {
        self.entries.get_or_init(|| {
            catalog()
                .iter()
                .filter(|spec| self.variants.contains(&spec.variant))
                .copied()
                .collect()
        })
    }
}

/// `from_parts` of a subset type: the enum's, for a code of the subset only.
#[doc(hidden)]
pub fn subset_from_parts<E: ApiError, S>(
    subset: &'static [ErrorSpec],
    code: &str,
    message: &str,
    wrap: fn(E) -> S,
) -> Result<S, FromBodyError> {
    if flatten(subset).iter().all(|spec| spec.code != code) {
        return Err(FromBodyError::UnknownCode {
            code: code.to_owned(),
        });
    }
    E::from_parts(code, message).map(wrap)
}
