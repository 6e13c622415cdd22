//! [`FromBodyError`], why a received body did not rebuild a typed error.

/// Why a received [`ErrorBody`](crate::ErrorBody) could not be rebuilt into a typed error, from
/// [`ApiError::from_body`](crate::ApiError::from_body).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FromBodyError {
    /// The body's code is not in the type's catalog.
    UnknownCode {
        /// The code received.
        code: String,
    },
    /// The code is in the catalog, but its variant cannot be rebuilt from the
    /// body: it has fields that the message does not give back.
    NotRebuildable {
        /// The variant the code belongs to.
        variant: &'static str,
        /// The code.
        code: &'static str,
    },
}

impl core::fmt::Display for FromBodyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FromBodyError::UnknownCode { code } => {
                write!(f, "error code `{code}` is not in the catalog")
            }
            FromBodyError::NotRebuildable { variant, code } => write!(
                f,
                "error code `{code}` (variant `{variant}`) cannot be rebuilt from the received message"
            ),
        }
    }
}

impl std::error::Error for FromBodyError {}
