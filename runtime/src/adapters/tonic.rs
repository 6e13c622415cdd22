//! `impl From<E> for tonic::Status` for every derived error, and the reading
//! of a received status's details (feature `tonic`, tonic 0.14 and
//! tonic-types 0.14).
//!
//! The derive calls `__tonic_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impl below,
//! and to nothing otherwise. The module is always compiled, so that the
//! macro exists in both forms.
//!
//! This adapter only converts: what the status holds is decided by
//! [`ApiError::to_rpc_status`](crate::ApiError::to_rpc_status), in plain data.

#[cfg(feature = "tonic")]
use std::collections::HashMap;

#[cfg(feature = "tonic")]
use crate::grpc::{Code, ErrorInfo, RpcStatus};
#[cfg(feature = "tonic")]
use crate::ApiError;

/// The `tonic::Status` of an error: [`ApiError::to_rpc_status`], its
/// `ErrorInfo` written as the status's details by tonic-types. A 5xx error
/// is logged (feature `tracing`) as it becomes a status.
#[cfg(feature = "tonic")]
#[inline]
pub fn status<E: ApiError + ?Sized>(error: &E) -> ::tonic::Status {
    crate::__private::log_server_error(error);
    into_status(error.to_rpc_status())
}

#[cfg(feature = "tonic")]
fn into_status(status: RpcStatus) -> ::tonic::Status {
    use tonic_types::{ErrorDetails, StatusExt};
    let RpcStatus {
        code,
        message,
        error_info,
    } = status;
    let metadata: HashMap<String, String> = error_info.metadata.into_iter().collect();
    ::tonic::Status::with_error_details(
        ::tonic::Code::from_i32(code as i32),
        message,
        ErrorDetails::with_error_info(error_info.reason, error_info.domain, metadata),
    )
}

/// Why the details of a received status hold no `ErrorInfo`.
#[cfg(feature = "tonic")]
pub(crate) enum NoErrorInfo {
    /// The details are a `google.rpc.Status` (or empty) without one.
    Missing,
    /// The details are not a `google.rpc.Status`, or its `ErrorInfo` is not
    /// one.
    Invalid(prost::DecodeError),
}

/// The gRPC code of a received status; a code outside the 17 (which tonic
/// reads as `Unknown`) is `Unknown`.
#[cfg(feature = "tonic")]
pub(crate) fn code(status: &::tonic::Status) -> Code {
    Code::from_i32(status.code() as i32).unwrap_or(Code::Unknown)
}

/// The first `google.rpc.ErrorInfo` of a received status's details. Other
/// details, whatever they hold, are skipped.
#[cfg(feature = "tonic")]
pub(crate) fn error_info(details: &[u8]) -> Result<ErrorInfo, NoErrorInfo> {
    use prost::Message;
    use tonic_types::pb;

    let status = pb::Status::decode(details).map_err(NoErrorInfo::Invalid)?;
    let any = status
        .details
        .iter()
        .find(|any| any.type_url == tonic_types::ErrorInfo::TYPE_URL)
        .ok_or(NoErrorInfo::Missing)?;
    let info = pb::ErrorInfo::decode(&any.value[..]).map_err(NoErrorInfo::Invalid)?;
    Ok(ErrorInfo::received(info.reason, info.domain, info.metadata))
}

/// Expands to `impl From<E> for tonic::Status` for a derived error (feature
/// `tonic` on).
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// the where-bracket always starting with `where` and every predicate ending
/// with a comma. The impl generics may come with their angle brackets (as
/// `syn`'s `ImplGenerics` prints them) or without.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __tonic_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__tonic_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__tonic_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            #[inline]
            fn from(error: $($ty)*) -> Self {
                $crate::__private::tonic_status(&error)
            }
        }
    };
}

/// Expands to nothing: the feature `tonic` is off.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __tonic_glue {
    ($($args:tt)*) => {};
}
