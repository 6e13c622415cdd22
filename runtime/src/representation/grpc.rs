//! The gRPC form of an error, as plain data: a `google.rpc.Status` whose
//! details hold one `google.rpc.ErrorInfo`, the shape of Google's AIP-193.
//!
//! [`ApiError::to_rpc_status`] (feature `grpc`) builds it from any derived
//! error; with the `tonic` feature, `err.to_status()` and `impl From<E> for tonic::Status`
//! convert it into a `tonic::Status`, and `decode_status` reads one back.
//!
//! | part | what it holds |
//! | --- | --- |
//! | code | [`Code::from_http`] of the variant's status, or the variant's own `#[api_error(grpc = "...")]` |
//! | message | the error's message, as `Display` writes it |
//! | `ErrorInfo.reason` | the error's code upper-cased: [`reason`] |
//! | `ErrorInfo.domain` | the enum's `#[api_error(domain = "...")]`; without it, the name of the package that declares the enum (its `CARGO_PKG_NAME`) |
//! | `ErrorInfo.metadata` | each field that the message names, and only those, keyed by its name (a tuple field by its position, `"0"`), its value formatted as its first placeholder formats it (`Display` for `{key}`, `Debug` for `{key:?}`), without width or precision |
//!
//! A `#[source]` field never reaches the metadata of a 5xx error: a 5xx
//! message cannot name its source (a compile error), and the metadata holds
//! only what the message names.
//!
#![cfg_attr(feature = "grpc", doc = "```")]
#![cfg_attr(not(feature = "grpc"), doc = "```ignore")]
//! use error_catalog::{grpc::Code, ApiError};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400, domain = "licenses.example.com")]
//! enum LicenseError {
//!     #[api_error(code = "license_not_found", message = "License {key} not found")]
//!     LicenseNotFound { key: String },
//!     #[api_error(code = "license_expired", message = "License has expired", grpc = "failed_precondition")]
//!     LicenseExpired,
//! }
//!
//! let status = LicenseError::LicenseNotFound { key: "K-1".into() }.to_rpc_status();
//! assert_eq!(status.code, Code::InvalidArgument); // HTTP 400
//! assert_eq!(status.message, "License K-1 not found");
//! assert_eq!(status.error_info.reason, "LICENSE_NOT_FOUND");
//! assert_eq!(status.error_info.domain, "licenses.example.com");
//! assert_eq!(status.error_info.metadata, [("key".to_owned(), "K-1".to_owned())]);
//!
//! assert_eq!(LicenseError::LicenseExpired.to_rpc_status().code, Code::FailedPrecondition);
//! ```

use core::fmt;

#[cfg(feature = "grpc")]
use crate::ApiError;

/// A gRPC status code: the 17 codes of `google.rpc.Code`, with their wire
/// values.
///
/// ```
/// use error_catalog::grpc::Code;
///
/// assert_eq!(Code::from_http(404), Code::NotFound);
/// assert_eq!(Code::NotFound as i32, 5);
/// assert_eq!(Code::NotFound.to_string(), "NOT_FOUND");
/// assert_eq!(Code::from_i32(5), Some(Code::NotFound));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum Code {
    /// Not an error.
    Ok = 0,
    /// The operation was cancelled, typically by the caller.
    Cancelled = 1,
    /// An error without more specific information.
    Unknown = 2,
    /// The client specified an invalid argument.
    InvalidArgument = 3,
    /// The deadline expired before the operation could complete.
    DeadlineExceeded = 4,
    /// Some requested entity was not found.
    NotFound = 5,
    /// The entity that a client attempted to create already exists.
    AlreadyExists = 6,
    /// The caller does not have permission to execute the operation.
    PermissionDenied = 7,
    /// Some resource has been exhausted: a quota, a rate limit, space.
    ResourceExhausted = 8,
    /// The system is not in a state required for the operation.
    FailedPrecondition = 9,
    /// The operation was aborted, typically by a concurrency conflict.
    Aborted = 10,
    /// The operation was attempted past the valid range.
    OutOfRange = 11,
    /// The operation is not implemented or not supported.
    Unimplemented = 12,
    /// An internal error: some invariant of the system is broken.
    Internal = 13,
    /// The service is currently unavailable; retrying may help.
    Unavailable = 14,
    /// Unrecoverable data loss or corruption.
    DataLoss = 15,
    /// The request does not have valid authentication credentials.
    Unauthenticated = 16,
}

impl Code {
    /// The gRPC code of an HTTP status, by Google's mapping:
    ///
    /// | HTTP | gRPC code |
    /// | --- | --- |
    /// | 400 | `INVALID_ARGUMENT` |
    /// | 401 | `UNAUTHENTICATED` |
    /// | 403 | `PERMISSION_DENIED` |
    /// | 404 | `NOT_FOUND` |
    /// | 409 | `ALREADY_EXISTS` |
    /// | 429 | `RESOURCE_EXHAUSTED` |
    /// | 499 | `CANCELLED` |
    /// | 500 | `INTERNAL` |
    /// | 501 | `UNIMPLEMENTED` |
    /// | 503 | `UNAVAILABLE` |
    /// | 504 | `DEADLINE_EXCEEDED` |
    ///
    /// A status outside the table maps as its class's generic status does:
    /// any other 4xx as 400, `INVALID_ARGUMENT`; any other 5xx as 500,
    /// `INTERNAL`. Anything else (never a derived error's status) is
    /// `UNKNOWN`. A variant sets another code with
    /// `#[api_error(grpc = "failed_precondition")]`.
    ///
    /// ```
    /// use error_catalog::grpc::Code;
    ///
    /// assert_eq!(Code::from_http(401), Code::Unauthenticated);
    /// assert_eq!(Code::from_http(422), Code::InvalidArgument); // outside the table
    /// assert_eq!(Code::from_http(502), Code::Internal); // outside the table
    /// ```
    // The table's rows first, then each class's default: the overlap is the
    // rule.
    #[allow(clippy::match_overlapping_arm)]
    pub const fn from_http(status: u16) -> Code {
        match status {
            400 => Code::InvalidArgument,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::NotFound,
            409 => Code::AlreadyExists,
            429 => Code::ResourceExhausted,
            499 => Code::Cancelled,
            500 => Code::Internal,
            501 => Code::Unimplemented,
            503 => Code::Unavailable,
            504 => Code::DeadlineExceeded,
            400..=499 => Code::InvalidArgument,
            500..=599 => Code::Internal,
            _ => Code::Unknown,
        }
    }

    /// The HTTP status that Google's `google.rpc.Code` documents for this
    /// code: the reverse of [`from_http`](Self::from_http) for the codes of
    /// its table, and 400 (`FAILED_PRECONDITION`, `OUT_OF_RANGE`), 409
    /// (`ABORTED`), 500 (`UNKNOWN`, `DATA_LOSS`) and 200 (`OK`) for the
    /// others.
    ///
    /// ```
    /// use error_catalog::grpc::Code;
    ///
    /// assert_eq!(Code::NotFound.http_status(), 404);
    /// assert_eq!(Code::FailedPrecondition.http_status(), 400);
    /// ```
    pub const fn http_status(self) -> u16 {
        match self {
            Code::Ok => 200,
            Code::Cancelled => 499,
            Code::Unknown => 500,
            Code::InvalidArgument => 400,
            Code::DeadlineExceeded => 504,
            Code::NotFound => 404,
            Code::AlreadyExists => 409,
            Code::PermissionDenied => 403,
            Code::ResourceExhausted => 429,
            Code::FailedPrecondition => 400,
            Code::Aborted => 409,
            Code::OutOfRange => 400,
            Code::Unimplemented => 501,
            Code::Internal => 500,
            Code::Unavailable => 503,
            Code::DataLoss => 500,
            Code::Unauthenticated => 401,
        }
    }

    /// The code of a wire value; `None` outside 0 to 16.
    ///
    /// ```
    /// use error_catalog::grpc::Code;
    ///
    /// assert_eq!(Code::from_i32(9), Some(Code::FailedPrecondition));
    /// assert_eq!(Code::from_i32(17), None);
    /// ```
    pub const fn from_i32(value: i32) -> Option<Code> {
        Some(match value {
            0 => Code::Ok,
            1 => Code::Cancelled,
            2 => Code::Unknown,
            3 => Code::InvalidArgument,
            4 => Code::DeadlineExceeded,
            5 => Code::NotFound,
            6 => Code::AlreadyExists,
            7 => Code::PermissionDenied,
            8 => Code::ResourceExhausted,
            9 => Code::FailedPrecondition,
            10 => Code::Aborted,
            11 => Code::OutOfRange,
            12 => Code::Unimplemented,
            13 => Code::Internal,
            14 => Code::Unavailable,
            15 => Code::DataLoss,
            16 => Code::Unauthenticated,
            _ => return None,
        })
    }

    /// The code's name in `google.rpc.Code`: `"FAILED_PRECONDITION"`.
    ///
    /// ```
    /// use error_catalog::grpc::Code;
    ///
    /// assert_eq!(Code::DeadlineExceeded.name(), "DEADLINE_EXCEEDED");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Code::Ok => "OK",
            Code::Cancelled => "CANCELLED",
            Code::Unknown => "UNKNOWN",
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
            Code::NotFound => "NOT_FOUND",
            Code::AlreadyExists => "ALREADY_EXISTS",
            Code::PermissionDenied => "PERMISSION_DENIED",
            Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
            Code::FailedPrecondition => "FAILED_PRECONDITION",
            Code::Aborted => "ABORTED",
            Code::OutOfRange => "OUT_OF_RANGE",
            Code::Unimplemented => "UNIMPLEMENTED",
            Code::Internal => "INTERNAL",
            Code::Unavailable => "UNAVAILABLE",
            Code::DataLoss => "DATA_LOSS",
            Code::Unauthenticated => "UNAUTHENTICATED",
        }
    }
}

impl fmt::Display for Code {
    /// The code's name: `NOT_FOUND`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The longest reason AIP-193 allows.
const MAX_REASON: usize = 63;

/// Whether `reason` is a valid AIP-193 reason: it matches
/// `[A-Z][A-Z0-9_]+[A-Z0-9]` and has at most 63 characters.
///
/// ```
/// use error_catalog::grpc::is_valid_reason;
///
/// assert!(is_valid_reason("LICENSE_NOT_FOUND"));
/// assert!(!is_valid_reason("license_not_found"));
/// assert!(!is_valid_reason("OK")); // three characters at least
/// assert!(!is_valid_reason("RETRY_"));
/// ```
pub fn is_valid_reason(reason: &str) -> bool {
    valid_reason_bytes(reason.as_bytes())
}

fn valid_reason_bytes(bytes: &[u8]) -> bool {
    let inner = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_';
    match bytes {
        [first, middle @ .., last] if (3..=MAX_REASON).contains(&bytes.len()) => {
            first.is_ascii_uppercase()
                && middle.iter().all(inner)
                && (last.is_ascii_uppercase() || last.is_ascii_digit())
        }
        _ => false,
    }
}

/// The `ErrorInfo.reason` of an error code.
///
/// The code upper-cased, every character other than an ASCII letter or digit
/// written `_` (`license_not_found` becomes `LICENSE_NOT_FOUND`,
/// `license-not-found` too). When that is not a valid reason
/// ([`is_valid_reason`]: it starts with a digit or `_`, ends with `_`, has
/// fewer than 3 characters or more than 63), it is wrapped as `E_…_E`, cut to
/// 63 characters: `404` becomes `E_404_E`, `ok` becomes `E_OK_E`.
///
/// Two codes can give one reason (`a-b` and `a_b`); a client then types the
/// first in catalog order. An enum that sets `#[api_error(domain = "...")]`
/// is held to the strict rule at compile time instead: each code, only
/// upper-cased, must be a valid reason, and no two codes may share one.
///
/// ```
/// use error_catalog::grpc::reason;
///
/// assert_eq!(reason("license_not_found"), "LICENSE_NOT_FOUND");
/// assert_eq!(reason("license-not-found"), "LICENSE_NOT_FOUND");
/// assert_eq!(reason("2fa_required"), "E_2FA_REQUIRED_E");
/// ```
pub fn reason(code: &str) -> String {
    // The common case first: a code that upper-cases into a valid reason.
    let upper = code.to_ascii_uppercase();
    if valid_reason_bytes(upper.as_bytes()) {
        return upper;
    }
    let mapped: String = code.chars().map(reason_char).collect();
    if valid_reason_bytes(mapped.as_bytes()) {
        return mapped;
    }
    // Every character of `mapped` is ASCII: any cut is a char boundary.
    let mut wrapped = String::with_capacity(MAX_REASON);
    wrapped.push_str("E_");
    wrapped.push_str(&mapped[..mapped.len().min(MAX_REASON - 4)]);
    wrapped.push_str("_E");
    wrapped
}

/// A character of a code in its reason.
#[inline]
fn reason_char(c: char) -> char {
    if c.is_ascii_alphanumeric() {
        c.to_ascii_uppercase()
    } else {
        '_'
    }
}

/// Whether `received` is the reason of `code`, without allocating. A
/// reason that does not start with `E_` is not a wrapped one: it must then be
/// the code, character by character, so most of a catalog's codes fail on
/// their first byte or their length.
#[cfg_attr(not(feature = "grpc"), allow(dead_code))]
pub(crate) fn is_reason_of(code: &str, received: &str) -> bool {
    let r = received.as_bytes();
    if r.starts_with(b"E_") {
        return reason_bytes(code).eq(r.iter().copied());
    }
    match (code.as_bytes().first(), r.first()) {
        (Some(c), Some(b)) if c.to_ascii_uppercase() == *b => {}
        _ => return false,
    }
    if code.len() == r.len() {
        let same = |(c, &b): (u8, &u8)| {
            c.to_ascii_uppercase() == b || (b == b'_' && !c.is_ascii_alphanumeric())
        };
        return code.is_ascii() && code.bytes().zip(r).all(same) && valid_reason_bytes(r);
    }
    // A non-ASCII code has fewer characters than bytes.
    r.len() < code.len() && !code.is_ascii() && reason_bytes(code).eq(r.iter().copied())
}

/// The bytes of [`reason`].
#[cfg_attr(not(feature = "grpc"), allow(dead_code))]
fn reason_bytes(code: &str) -> impl Iterator<Item = u8> + '_ {
    let mapped = code.chars().map(|c| reason_char(c) as u8);
    let len = code.chars().count();
    let valid = (3..=MAX_REASON).contains(&len) && {
        let mut i = 0;
        mapped.clone().all(|b| {
            let ok = if i == 0 {
                b.is_ascii_uppercase()
            } else if i + 1 == len {
                b.is_ascii_uppercase() || b.is_ascii_digit()
            } else {
                true
            };
            i += 1;
            ok
        })
    };
    let (prefix, take, suffix): (&[u8], usize, &[u8]) = if valid {
        (b"", len, b"")
    } else {
        (b"E_", MAX_REASON - 4, b"_E")
    };
    prefix
        .iter()
        .copied()
        .chain(mapped.take(take))
        .chain(suffix.iter().copied())
}

/// A `google.rpc.ErrorInfo`: why the error happened, as a stable reason in a
/// domain, with the values the message was made from.
///
/// On a sent error, [`metadata`](Self::metadata) lists the fields in the
/// order the message first names them; on a received one, sorted by key (a
/// protobuf map has no order).
///
#[cfg_attr(feature = "grpc", doc = "```")]
#[cfg_attr(not(feature = "grpc"), doc = "```ignore")]
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(domain = "orders.example.com")]
/// enum OrderError {
///     #[api_error(status = 400, code = "quantity_too_large", message = "Quantity {0} exceeds {1}")]
///     QuantityTooLarge(u32, u32),
/// }
///
/// let info = OrderError::QuantityTooLarge(9, 5).to_rpc_status().error_info;
/// assert_eq!(info.reason, "QUANTITY_TOO_LARGE");
/// assert_eq!(info.get("0"), Some("9"));
/// assert_eq!(info.get("1"), Some("5"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// The error's code as an AIP-193 reason: see [`reason`].
    pub reason: String,
    /// The logical grouping the reason belongs to, such as the service's
    /// name.
    pub domain: String,
    /// The values the message was made from, as `(key, value)`.
    pub metadata: Vec<(String, String)>,
}

impl ErrorInfo {
    /// The metadata value of `key`.
    ///
    #[cfg_attr(feature = "grpc", doc = "```")]
    #[cfg_attr(not(feature = "grpc"), doc = "```ignore")]
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")] NotFound { key: String } }
    /// let info = E::NotFound { key: "K-1".into() }.to_rpc_status().error_info;
    /// assert_eq!(info.get("key"), Some("K-1"));
    /// assert_eq!(info.get("other"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Received details: the metadata sorted by key.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code))]
    pub(crate) fn received(
        reason: String,
        domain: String,
        metadata: impl IntoIterator<Item = (String, String)>,
    ) -> Self {
        let mut metadata: Vec<_> = metadata.into_iter().collect();
        metadata.sort_unstable();
        ErrorInfo {
            reason,
            domain,
            metadata,
        }
    }
}

/// A `google.rpc.Status` as plain data: the gRPC code, the message, and one
/// [`ErrorInfo`] as its details. Built by [`ApiError::to_rpc_status`]
/// (feature `grpc`); with the `tonic` feature, `err.to_status()` is this as a
/// `tonic::Status`.
///
#[cfg_attr(feature = "grpc", doc = "```")]
#[cfg_attr(not(feature = "grpc"), doc = "```ignore")]
/// use error_catalog::{grpc::Code, ApiError};
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api_error(status = 503, code = "store_unavailable", message = "The store is unavailable")]
///     StoreUnavailable,
/// }
///
/// let status = E::StoreUnavailable.to_rpc_status();
/// assert_eq!((status.code, status.message.as_str()), (Code::Unavailable, "The store is unavailable"));
/// assert_eq!(status.error_info.reason, "STORE_UNAVAILABLE");
/// assert!(status.error_info.metadata.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RpcStatus {
    /// The gRPC code.
    pub code: Code,
    /// The error's message.
    pub message: String,
    /// The status's one detail.
    pub error_info: ErrorInfo,
}

/// [`ApiError::to_rpc_status`]: the catalog entry gives the code and the
/// reason, the error its message and metadata, the type its domain.
#[cfg(feature = "grpc")]
pub(crate) fn rpc_status<E: ApiError + ?Sized>(error: &E) -> RpcStatus {
    let spec = error.spec();
    let mut metadata = Vec::new();
    error.__visit_fields(&mut |key, value| metadata.push((key.to_owned(), value.to_string())));
    RpcStatus {
        code: spec
            .grpc_code()
            .unwrap_or_else(|| Code::from_http(spec.status)),
        message: error.to_string(),
        error_info: ErrorInfo {
            reason: reason(spec.code),
            domain: error.__grpc_domain().to_owned(),
            metadata,
        },
    }
}

/// Whether an error's own fields display as the received metadata has them;
/// a key the metadata lacks is not a disagreement.
#[cfg(feature = "grpc")]
pub(crate) fn fields_agree<E: ApiError + ?Sized>(error: &E, metadata: &ErrorInfo) -> bool {
    let mut agree = true;
    error.__visit_fields(&mut |key, value| {
        if let Some(received) = metadata.get(key) {
            agree &= crate::__private::displays_as(value, received);
        }
    });
    agree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_its_wire_value() {
        for value in 0..17 {
            let code = Code::from_i32(value).unwrap();
            assert_eq!(code as i32, value);
        }
        assert_eq!(Code::from_i32(-1), None);
        assert_eq!(Code::from_i32(17), None);
    }

    #[test]
    fn the_table_and_its_reverse_agree() {
        for status in [400, 401, 403, 404, 409, 429, 499, 500, 501, 503, 504] {
            assert_eq!(Code::from_http(status).http_status(), status, "{status}");
        }
        for (status, code) in [
            (402, Code::InvalidArgument),
            (418, Code::InvalidArgument),
            (451, Code::InvalidArgument),
            (502, Code::Internal),
            (505, Code::Internal),
            (599, Code::Internal),
            (0, Code::Unknown),
            (200, Code::Unknown),
            (600, Code::Unknown),
        ] {
            assert_eq!(Code::from_http(status), code, "{status}");
        }
    }

    #[test]
    fn reasons_follow_the_rule() {
        for (code, expected) in [
            ("license_not_found", "LICENSE_NOT_FOUND"),
            ("License_Not_Found", "LICENSE_NOT_FOUND"),
            ("license-not-found", "LICENSE_NOT_FOUND"),
            ("license.not_found", "LICENSE_NOT_FOUND"),
            ("abc", "ABC"),
            ("a1", "E_A1_E"),
            ("ok", "E_OK_E"),
            ("x", "E_X_E"),
            ("", "E__E"),
            ("404", "E_404_E"),
            ("_private", "E__PRIVATE_E"),
            ("retry_", "E_RETRY__E"),
            ("retry-", "E_RETRY__E"),
            ("é_code", "E___CODE_E"),
            ("v2", "E_V2_E"),
            ("v22", "V22"),
        ] {
            let got = reason(code);
            assert_eq!(got, expected, "{code:?}");
            assert!(is_valid_reason(&got), "{got:?}");
            assert!(is_reason_of(code, expected), "{code:?}");
            assert!(!is_reason_of(code, &format!("{expected}X")), "{code:?}");
        }
        let long = "a".repeat(63);
        assert_eq!(reason(&long), long.to_ascii_uppercase());
        let longer = "a".repeat(64);
        let got = reason(&longer);
        assert_eq!(got.len(), 63);
        assert_eq!(got, format!("E_{}_E", "A".repeat(59)));
        assert!(is_valid_reason(&got));
        assert!(is_reason_of(&longer, &got));
    }

    #[test]
    fn a_reason_matches_its_codes_and_no_other() {
        // Every code of up to 3 characters from an alphabet that reaches
        // each branch of the rule, against every other one.
        let alphabet = ['a', 'E', '_', '-', '1', 'é'];
        let mut codes = vec![String::new()];
        for len in 1..=3 {
            let mut next = Vec::new();
            for code in codes.iter().filter(|c| c.chars().count() == len - 1) {
                for c in alphabet {
                    next.push(format!("{code}{c}"));
                }
            }
            codes.extend(next);
        }
        let reasons: Vec<String> = codes.iter().map(|c| reason(c)).collect();
        for (code, own) in codes.iter().zip(&reasons) {
            assert!(is_valid_reason(own), "{code:?} → {own:?}");
            for other in &reasons {
                assert_eq!(
                    is_reason_of(code, other),
                    own == other,
                    "{code:?} {other:?}"
                );
            }
        }
        // Long codes: at 63 characters, a wrapped reason is as long as its
        // code.
        for code in [
            format!("e_{}_", "x".repeat(60)),
            format!("1{}", "x".repeat(62)),
            "x".repeat(63),
            "x".repeat(64),
        ] {
            let own = reason(&code);
            assert!(is_valid_reason(&own), "{own}");
            assert!(is_reason_of(&code, &own), "{code}");
            assert!(!is_reason_of(&code, &own.to_ascii_lowercase()), "{code}");
        }
    }

    #[test]
    fn valid_reasons_match_the_pattern() {
        for valid in ["ABC", "A_1", "A__B", "LICENSE_NOT_FOUND", "X9Z"] {
            assert!(is_valid_reason(valid), "{valid}");
        }
        for invalid in [
            "", "A", "AB", "ABC_", "_ABC", "1AB", "AbC", "A-B", "A B", "ÉAB",
        ] {
            assert!(!is_valid_reason(invalid), "{invalid}");
        }
        assert!(!is_valid_reason(&"A".repeat(64)));
    }
}
