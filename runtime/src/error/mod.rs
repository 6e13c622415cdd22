//! The core: the [`ApiError`] trait, its catalog entry [`ErrorSpec`], the
//! wire body [`ErrorBody`] and the JSON writer behind it, the headers of a
//! response, and the client-side decoding of received bodies and gRPC
//! statuses.

mod api_error;
pub(crate) mod body;
pub(crate) mod decode;
mod from_body;
pub(crate) mod headers;
pub(crate) mod json;
mod spec;

pub use api_error::ApiError;
pub use body::ErrorBody;
#[cfg(feature = "tonic")]
pub use decode::decode_status;
pub use decode::{
    decode, decode_response, DecodeError, DecodeErrorKind, Received, ReceivedKind, StatusMismatch,
};
pub use from_body::FromBodyError;
pub use spec::ErrorSpec;
