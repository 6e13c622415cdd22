//! The lenient decode of a received error response: [`decode`],
//! [`decode_response`], [`Received`], [`DecodeError`]; and of a received gRPC
//! status, `decode_status` (feature `tonic`).
//!
//! The derived `Deserialize` is strict: a code the client does not know, a
//! variant it cannot rebuild or a status that is not the catalog's are all
//! errors. A client that must never lose an error uses [`decode`] instead: it
//! keeps every well-formed error body, typed where it can be, and turns only a
//! body that is not an error body at all into a [`DecodeError`].

use core::fmt;

use http::StatusCode;

use crate::{grpc, ApiError, ErrorBody, ErrorSpec};

/// Decodes a received error response, as far as `E`'s catalog allows.
///
/// `status` is the response's HTTP status and `body` its bytes. The body is
/// read as an [`ErrorBody`] (the three members in any order, other members
/// ignored), or as RFC 9457 problem details, whose `code` member (or else the
/// last segment of its `type`) is the code and whose `detail` is the
/// message (see [`ErrorBody`]'s `Deserialize`). Then:
///
/// - its code is in `E`'s catalog and the variant can be rebuilt
///   ([`ApiError::from_body`]): [`ReceivedKind::Typed`], the typed error;
/// - its code is in the catalog, but the variant cannot be rebuilt (its fields
///   are not all in the message, or the message does not match the template):
///   [`ReceivedKind::Known`], the catalog entry;
/// - its code is not in the catalog (a newer server, another service):
///   [`ReceivedKind::Unknown`].
///
/// In every case the [`Received`] keeps the HTTP status and the whole body,
/// and [`Received::status_mismatch`] tells whether the HTTP status, the body's
/// `status` and the catalog's status for the code disagree. Codes of
/// `transparent` variants are looked up in the wrapped error's catalog.
///
/// Call it for a response whose status is not a success; a success status
/// with an error body decodes, and shows up as a status mismatch.
///
/// # Errors
///
/// A [`DecodeError`] that keeps `status` when the body is not an error body:
/// empty, not JSON (an HTML page from a proxy), truncated, or JSON of another
/// shape (a member missing, repeated or of the wrong type). It never panics.
///
/// Deeply nested JSON cannot exhaust the stack: members other than the three
/// are skipped by `serde_json` without recursion, and an array or object
/// where one of the three is expected is a type error at its first bracket.
///
/// # Example
///
/// ```
/// use error_catalog::{decode, ApiError, ReceivedKind};
/// use http::StatusCode;
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     #[api_error(code = "license_expired", message = "License has expired")]
///     LicenseExpired,
/// }
///
/// // A code the client knows, with a message that gives the field back.
/// let body = br#"{"status":400,"code":"license_not_found","message":"License K-1 not found"}"#;
/// let received = decode::<LicenseError>(StatusCode::BAD_REQUEST, body).unwrap();
/// assert_eq!(
///     received.typed(),
///     Some(&LicenseError::LicenseNotFound { key: "K-1".into() }),
/// );
/// assert!(received.status_mismatch().is_none());
///
/// // A code the client has never heard of is kept whole.
/// let body = br#"{"status":429,"code":"rate_limited","message":"Slow down","retry_after":3}"#;
/// let received = decode::<LicenseError>(StatusCode::TOO_MANY_REQUESTS, body).unwrap();
/// assert!(matches!(received.kind(), ReceivedKind::Unknown));
/// assert_eq!((received.code(), received.message()), ("rate_limited", "Slow down"));
///
/// // Problem details decode the same way: `detail` is the message.
/// let body = br#"{"type":"https://docs.example.com/errors/license_not_found","title":"Not found.","status":400,"detail":"License K-2 not found"}"#;
/// let received = decode::<LicenseError>(StatusCode::BAD_REQUEST, body).unwrap();
/// assert_eq!(received.message(), "License K-2 not found");
/// assert_eq!(
///     received.typed(),
///     Some(&LicenseError::LicenseNotFound { key: "K-2".into() }),
/// );
///
/// // A proxy's HTML page is not an error body; the status is kept.
/// let err = decode::<LicenseError>(StatusCode::BAD_GATEWAY, b"<html>Bad Gateway</html>").unwrap_err();
/// assert_eq!(err.status(), StatusCode::BAD_GATEWAY);
/// ```
pub fn decode<E: ApiError>(status: StatusCode, body: &[u8]) -> Result<Received<E>, DecodeError> {
    let body = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(parsed) => parsed,
        Err(error) => return Err(DecodeError::new(status, body, error)),
    };
    let kind = match E::from_body(&body) {
        Ok(error) => ReceivedKind::Typed(error),
        Err(_) => match find_spec(E::catalog(), &|spec| spec.code == body.code) {
            Some(spec) => ReceivedKind::Known(spec),
            None => ReceivedKind::Unknown,
        },
    };
    Ok(Received {
        status,
        body,
        kind,
        grpc: None,
    })
}

/// Decodes a received gRPC status (feature `tonic`), as far as `E`'s catalog
/// allows: the same [`Received`] as [`decode`] gives for an HTTP response.
///
/// The status's details are read as a `google.rpc.Status`, and its first
/// `google.rpc.ErrorInfo` gives the error ([`grpc`](crate::grpc) has the
/// rules of the form). The reason picks the catalog entry (the entry whose
/// code has that [`reason`](crate::grpc::reason); the domain is kept, not
/// checked), then:
///
/// - the variant is rebuilt, [`ReceivedKind::Typed`], from the metadata
///   first: each field parsed (`FromStr`) from the value under its name,
///   for a variant whose fields are all plain `{field}`s of its message and
///   none a source, so that a value holding the template's own separator
///   comes back whole. When the metadata does not give every field, from the
///   status's message, as [`ApiError::from_parts`] does for an HTTP body.
///   Either way, the rebuilt error's fields must display as the metadata has
///   them, when it has them (so `09` for a `u32` is not rebuilt);
/// - a reason in the catalog whose variant is not rebuilt is
///   [`ReceivedKind::Known`]; any other reason is [`ReceivedKind::Unknown`],
///   and [`Received::code`] is the reason as received.
///
/// The [`Received`] keeps the gRPC code ([`Received::grpc_code`]), the
/// message, and the whole `ErrorInfo` ([`Received::error_info`]); its
/// [`status`](Received::status) is the HTTP status Google documents for the
/// gRPC code ([`grpc::Code::http_status`]), and
/// [`status_mismatch`](Received::status_mismatch) compares the gRPC code with
/// the catalog's.
///
/// # Errors
///
/// A status that carries no `ErrorInfo` (a server that does not use this
/// crate, or the transport's own statuses: `UNAVAILABLE` when the server is
/// down, `DEADLINE_EXCEEDED`) is a [`DecodeError`] of kind
/// [`DecodeErrorKind::MissingErrorInfo`]; details that are not a
/// `google.rpc.Status`, or an `ErrorInfo` that does not decode, are
/// [`DecodeErrorKind::InvalidDetails`]. Both keep the gRPC code, the message
/// and the details' bytes. It never panics.
///
/// # Example
///
/// ```
/// use error_catalog::{decode_status, grpc::Code, ApiError, DecodeErrorKind, ReceivedKind};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// // What a server sent.
/// let status = LicenseError::LicenseNotFound { key: "K-1".into() }.to_status();
/// let received = decode_status::<LicenseError>(&status).unwrap();
/// assert_eq!(received.typed(), Some(&LicenseError::LicenseNotFound { key: "K-1".into() }));
/// assert_eq!(received.grpc_code(), Some(Code::InvalidArgument));
/// assert_eq!(received.code(), "LICENSE_NOT_FOUND");
///
/// // A server that does not use this crate.
/// let err = decode_status::<LicenseError>(&tonic::Status::not_found("no such license")).unwrap_err();
/// assert_eq!(err.kind(), DecodeErrorKind::MissingErrorInfo);
/// assert_eq!(err.grpc_code(), Some(Code::NotFound));
/// assert_eq!(err.grpc_message(), Some("no such license"));
/// ```
#[cfg(feature = "tonic")]
pub fn decode_status<E: ApiError>(status: &tonic::Status) -> Result<Received<E>, DecodeError> {
    use crate::adapters::tonic::{code, error_info, NoErrorInfo};
    let code = code(status);
    match error_info(status.details()) {
        Ok(info) => Ok(decode_grpc(code, status.message(), info)),
        Err(NoErrorInfo::Missing) => Err(DecodeError::grpc(
            code,
            status.message(),
            status.details(),
            DecodeErrorKind::MissingErrorInfo,
            None,
        )),
        Err(NoErrorInfo::Invalid(error)) => Err(DecodeError::grpc(
            code,
            status.message(),
            status.details(),
            DecodeErrorKind::InvalidDetails,
            Some(Box::new(error)),
        )),
    }
}

/// [`decode_status`] from the parts of a received status.
#[cfg(feature = "grpc")]
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
fn decode_grpc<E: ApiError>(code: grpc::Code, message: &str, info: grpc::ErrorInfo) -> Received<E> {
    let spec = find_spec(E::catalog(), &|spec| {
        grpc::is_reason_of(spec.code, &info.reason)
    });
    let kind = match spec {
        None => ReceivedKind::Unknown,
        Some(spec) => match rebuild_grpc::<E>(spec, message, &info) {
            Some(error) => ReceivedKind::Typed(error),
            None => ReceivedKind::Known(spec),
        },
    };
    let status = code.http_status();
    Received {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body: ErrorBody {
            status,
            code: info.reason.clone(),
            message: message.to_owned(),
        },
        kind,
        grpc: Some(Box::new(ReceivedGrpc { code, info })),
    }
}

/// The variant of `spec` from the metadata's values, else from the
/// message; either way, its fields must display as the metadata has them.
#[cfg(feature = "grpc")]
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
fn rebuild_grpc<E: ApiError>(
    spec: &'static ErrorSpec,
    message: &str,
    info: &grpc::ErrorInfo,
) -> Option<E> {
    let agrees = |error: &E| grpc::fields_agree(error, info);
    if !info.metadata.is_empty() {
        if let Some(error) = E::__from_metadata(spec.code, info).filter(agrees) {
            return Some(error);
        }
    }
    E::from_parts(spec.code, message).ok().filter(agrees)
}

/// [`decode`] for a whole response: its status and its body.
///
/// ```
/// use error_catalog::{decode_response, ApiError};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// let response = E::NotFound.to_response(); // what a server sent
/// let received = decode_response::<E, _>(&response).unwrap();
/// assert_eq!(received.into_typed().unwrap(), E::NotFound);
/// ```
///
/// # Errors
///
/// As [`decode`]: a [`DecodeError`] when the body is not an error body.
pub fn decode_response<E: ApiError, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<Received<E>, DecodeError> {
    decode(response.status(), response.body().as_ref())
}

/// The first catalog entry that `matches` (a code, a reason) in the order of
/// [`catalog::flatten`](crate::catalog::flatten), looking through
/// `transparent` entries into the wrapped error's catalog, without allocating.
pub(crate) fn find_spec(
    catalog: &'static [ErrorSpec],
    matches: &dyn Fn(&ErrorSpec) -> bool,
) -> Option<&'static ErrorSpec> {
    /// The catalogs being searched, innermost first: a catalog that wraps
    /// itself is searched once, as `flatten` expands it once.
    struct Path<'a> {
        this: *const [ErrorSpec],
        parent: Option<&'a Path<'a>>,
    }
    fn find(
        catalog: &'static [ErrorSpec],
        matches: &dyn Fn(&ErrorSpec) -> bool,
        parent: Option<&Path<'_>>,
    ) -> Option<&'static ErrorSpec> {
        let this: *const [ErrorSpec] = catalog;
        let mut up = parent;
        while let Some(path) = up {
            if core::ptr::eq(path.this, this) {
                return None;
            }
            up = path.parent;
        }
        let path = Path { this, parent };
        for spec in catalog {
            match spec.nested {
                Some(nested) => {
                    if let Some(found) = find(nested(), matches, Some(&path)) {
                        return Some(found);
                    }
                }
                None if matches(spec) => return Some(spec),
                None => {}
            }
        }
        None
    }
    find(catalog, matches, None)
}

/// A received error response, decoded by [`decode`]: the HTTP status, the
/// body, and what the client's catalog makes of the body's code
/// ([`kind`](Self::kind)). A received gRPC status, decoded by
/// `decode_status` (feature `tonic`), gives the same, with its gRPC code and
/// its `ErrorInfo` besides ([`grpc_code`](Self::grpc_code),
/// [`error_info`](Self::error_info)).
///
/// ```
/// use error_catalog::{decode, ApiError, ReceivedKind};
/// use http::StatusCode;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     #[api_error(code = "license_expired", message = "License has expired")]
///     LicenseExpired,
///     #[api_error(status = 500, code = "internal_error", message = "An unexpected server error has occured")]
///     Internal(#[source] std::io::Error),
/// }
///
/// let body = br#"{"status":500,"code":"internal_error","message":"An unexpected server error has occured"}"#;
/// let received = decode::<LicenseError>(StatusCode::INTERNAL_SERVER_ERROR, body).unwrap();
/// match received.kind() {
///     ReceivedKind::Typed(LicenseError::LicenseExpired) => println!("renew the license"),
///     ReceivedKind::Typed(other) => println!("{other}"),
///     // A source error never crosses the wire, so `Internal` cannot be rebuilt:
///     // the client gets its catalog entry and the body instead.
///     ReceivedKind::Known(spec) => assert_eq!(spec.variant, "Internal"),
///     ReceivedKind::Unknown => println!("{}: {}", received.code(), received.message()),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received<E> {
    status: StatusCode,
    body: ErrorBody,
    kind: ReceivedKind<E>,
    /// For a gRPC status: its code and its `ErrorInfo`.
    grpc: Option<Box<ReceivedGrpc>>,
}

/// What a received gRPC status adds to a [`Received`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReceivedGrpc {
    code: grpc::Code,
    info: grpc::ErrorInfo,
}

/// What the client's catalog makes of a received code: see
/// [`Received::kind`].
///
/// ```
/// use error_catalog::{decode, ApiError, ReceivedKind};
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// let body = br#"{"status":404,"code":"gone","message":"Gone"}"#;
/// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
/// assert!(matches!(received.into_kind(), ReceivedKind::Unknown));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceivedKind<E> {
    /// The code is in the catalog and the variant was rebuilt from the body.
    Typed(E),
    /// The code is in the catalog, but its variant cannot be rebuilt from the
    /// body: a field that the message does not give back (a `#[source]`, a
    /// type without `FromStr`, a `{field:?}` placeholder...), or a message that
    /// does not match the template. The entry is the catalog's (for a code of
    /// a `transparent` variant, the wrapped error's entry).
    Known(&'static ErrorSpec),
    /// The code is not in the catalog.
    Unknown,
}

impl<E> Received<E> {
    /// The HTTP status of the response. For a gRPC status
    /// (`decode_status`), the HTTP status that Google documents for its gRPC
    /// code ([`grpc::Code::http_status`]).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.status(), http::StatusCode::NOT_FOUND);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body's code. For a gRPC status (`decode_status`), the
    /// `ErrorInfo` reason, as received (`LICENSE_NOT_FOUND`); the catalog's
    /// code is [`spec`](Self::spec)`().code`.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// assert_eq!(decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().code(), "not_found");
    /// ```
    pub fn code(&self) -> &str {
        &self.body.code
    }

    /// The body's message, as received: a problem details body's `detail`,
    /// a gRPC status's message.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// assert_eq!(decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().message(), "Not found");
    /// ```
    pub fn message(&self) -> &str {
        &self.body.message
    }

    /// The body as received (its `status` is the body's own, which may differ
    /// from the HTTP status; see [`status_mismatch`](Self::status_mismatch)).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError, ErrorBody};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"message":"Not found","code":"not_found","status":404,"trace":"t-1"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.body(), &ErrorBody::new(404, "not_found", "Not found"));
    /// ```
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }

    /// The body as received, by value.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":400,"code":"quota","message":"Over quota"}"#;
    /// let body = decode::<E>(http::StatusCode::BAD_REQUEST, body).unwrap().into_body();
    /// assert_eq!(body.message, "Over quota");
    /// ```
    pub fn into_body(self) -> ErrorBody {
        self.body
    }

    /// What the catalog makes of the code: the typed error, the catalog entry,
    /// or nothing.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError, ReceivedKind};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert!(matches!(received.kind(), ReceivedKind::Typed(E::NotFound)));
    /// ```
    pub fn kind(&self) -> &ReceivedKind<E> {
        &self.kind
    }

    /// [`kind`](Self::kind) by value.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError, ReceivedKind};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert!(matches!(received.into_kind(), ReceivedKind::Typed(E::NotFound)));
    /// ```
    pub fn into_kind(self) -> ReceivedKind<E> {
        self.kind
    }

    /// The three parts: the HTTP status, the body, the kind.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError, ReceivedKind};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// let (status, body, kind) = received.into_parts();
    /// assert_eq!((status.as_u16(), body.code.as_str()), (404, "not_found"));
    /// assert!(matches!(kind, ReceivedKind::Typed(E::NotFound)));
    /// ```
    pub fn into_parts(self) -> (StatusCode, ErrorBody, ReceivedKind<E>) {
        (self.status, self.body, self.kind)
    }

    /// The typed error, when the variant was rebuilt.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, PartialEq, ApiError)]
    /// # enum E { #[api_error(status = 400, code = "bad_qty", message = "Bad quantity {0}")] BadQty(u32) }
    /// let body = br#"{"status":400,"code":"bad_qty","message":"Bad quantity 7"}"#;
    /// let received = decode::<E>(http::StatusCode::BAD_REQUEST, body).unwrap();
    /// assert_eq!(received.typed(), Some(&E::BadQty(7)));
    ///
    /// // "seven" does not parse as a u32: the code is known, the variant is not rebuilt.
    /// let body = br#"{"status":400,"code":"bad_qty","message":"Bad quantity seven"}"#;
    /// let received = decode::<E>(http::StatusCode::BAD_REQUEST, body).unwrap();
    /// assert_eq!(received.typed(), None);
    /// assert!(received.is_known());
    /// ```
    pub fn typed(&self) -> Option<&E> {
        match &self.kind {
            ReceivedKind::Typed(error) => Some(error),
            _ => None,
        }
    }

    /// The typed error by value, or the whole `Received` back when the variant
    /// was not rebuilt, so that nothing is lost.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, PartialEq, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.into_typed().unwrap(), E::NotFound);
    ///
    /// let body = br#"{"status":404,"code":"gone","message":"Gone"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.into_typed().unwrap_err().code(), "gone");
    /// ```
    pub fn into_typed(self) -> Result<E, Self> {
        match self.kind {
            ReceivedKind::Typed(error) => Ok(error),
            kind => Err(Received { kind, ..self }),
        }
    }

    /// The catalog entry of the code: for a typed error and for a known code
    /// whose variant was not rebuilt; `None` for an unknown code.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.spec().map(|spec| spec.variant), Some("NotFound"));
    /// ```
    pub fn spec(&self) -> Option<&'static ErrorSpec>
    where
        E: ApiError,
    {
        match &self.kind {
            ReceivedKind::Typed(error) => Some(error.spec()),
            ReceivedKind::Known(spec) => Some(spec),
            ReceivedKind::Unknown => None,
        }
    }

    /// The gRPC code of a received gRPC status (`decode_status`); `None` for
    /// an HTTP response.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// assert_eq!(decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().grpc_code(), None);
    /// ```
    pub fn grpc_code(&self) -> Option<grpc::Code> {
        self.grpc.as_ref().map(|grpc| grpc.code)
    }

    /// The `google.rpc.ErrorInfo` of a received gRPC status (`decode_status`),
    /// as received: reason, domain and metadata (sorted by key). `None` for an
    /// HTTP response.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// assert!(decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().error_info().is_none());
    /// ```
    pub fn error_info(&self) -> Option<&grpc::ErrorInfo> {
        self.grpc.as_ref().map(|grpc| &grpc.info)
    }

    /// Whether the variant was rebuilt ([`ReceivedKind::Typed`]).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// assert!(decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().is_typed());
    /// ```
    pub fn is_typed(&self) -> bool {
        matches!(self.kind, ReceivedKind::Typed(_))
    }

    /// Whether the code is in the catalog, rebuilt or not
    /// ([`ReceivedKind::Typed`] or [`ReceivedKind::Known`]).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"gone","message":"Gone"}"#;
    /// assert!(!decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap().is_known());
    /// ```
    pub fn is_known(&self) -> bool {
        !matches!(self.kind, ReceivedKind::Unknown)
    }

    /// `Some` when the statuses disagree: the HTTP status, the body's
    /// `status`, and (for a known code) the catalog's status for the code.
    /// A proxy that rewrites the status, a server that sends a code with
    /// another status than the client's catalog says, or a body that
    /// contradicts its own response all show up here; the error is still
    /// decoded.
    ///
    /// For a gRPC status (`decode_status`), `Some` when its gRPC code is not
    /// the catalog's for the reason ([`ErrorSpec::grpc_code`]), with both in
    /// [`StatusMismatch::grpc`] and [`StatusMismatch::grpc_catalog`].
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, PartialEq, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
    /// let received = decode::<E>(http::StatusCode::OK, body).unwrap();
    /// let mismatch = received.status_mismatch().unwrap();
    /// assert_eq!(mismatch.http, http::StatusCode::OK);
    /// assert_eq!((mismatch.body, mismatch.catalog), (404, Some(404)));
    /// assert_eq!(received.typed(), Some(&E::NotFound)); // still decoded
    ///
    /// let received = decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap();
    /// assert_eq!(received.status_mismatch(), None);
    /// ```
    pub fn status_mismatch(&self) -> Option<StatusMismatch>
    where
        E: ApiError,
    {
        let http = self.status.as_u16();
        let spec = self.spec();
        let catalog = spec.map(|spec| spec.status);
        let mismatch = StatusMismatch {
            http: self.status,
            body: self.body.status,
            catalog,
            grpc: self.grpc_code(),
            grpc_catalog: spec.and_then(ErrorSpec::grpc_code),
        };
        let agree = match mismatch.grpc {
            Some(code) => mismatch
                .grpc_catalog
                .map_or(true, |catalog| catalog == code),
            None => self.body.status == http && catalog.map_or(true, |status| status == http),
        };
        if agree {
            None
        } else {
            Some(mismatch)
        }
    }
}

impl<E> fmt::Display for Received<E> {
    /// `HTTP 404 Not Found: not_found: Not found`; for a gRPC status,
    /// `gRPC NOT_FOUND: LICENSE_NOT_FOUND: License not found`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(grpc) = &self.grpc {
            return write!(
                f,
                "gRPC {}: {}: {}",
                grpc.code, self.body.code, self.body.message
            );
        }
        write!(
            f,
            "HTTP {}: {}: {}",
            self.status, self.body.code, self.body.message
        )
    }
}

impl<E: fmt::Debug> std::error::Error for Received<E> {}

/// The statuses of a received error that disagree, from
/// [`Received::status_mismatch`].
///
/// ```
/// # use error_catalog::{decode, ApiError};
/// # #[derive(Debug, ApiError)]
/// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
/// let body = br#"{"status":404,"code":"not_found","message":"Not found"}"#;
/// let received = decode::<E>(http::StatusCode::BAD_GATEWAY, body).unwrap();
/// assert_eq!(
///     received.status_mismatch().unwrap().to_string(),
///     "HTTP status 502 Bad Gateway, body status 404, catalog status 404",
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct StatusMismatch {
    /// The HTTP status of the response.
    pub http: StatusCode,
    /// The `status` member of the body.
    pub body: u16,
    /// The catalog's status for the code; `None` for an unknown code.
    pub catalog: Option<u16>,
    /// For a gRPC status, its gRPC code; `None` for an HTTP response.
    pub grpc: Option<grpc::Code>,
    /// For a gRPC status, the catalog's gRPC code for the reason; `None` for
    /// an HTTP response or an unknown reason.
    pub grpc_catalog: Option<grpc::Code>,
}

impl fmt::Display for StatusMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = self.grpc {
            write!(f, "gRPC code {code}")?;
            if let Some(catalog) = self.grpc_catalog {
                write!(f, ", catalog gRPC code {catalog}")?;
            }
            return Ok(());
        }
        write!(f, "HTTP status {}, body status {}", self.http, self.body)?;
        if let Some(catalog) = self.catalog {
            write!(f, ", catalog status {catalog}")?;
        }
        Ok(())
    }
}

/// A response body that is not an error body, from [`decode`]. It keeps the
/// response's HTTP status and the bytes received, and says what was wrong
/// ([`kind`](Self::kind)).
///
/// ```
/// use error_catalog::{decode, ApiError, DecodeErrorKind};
/// use http::StatusCode;
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// let err = decode::<E>(StatusCode::BAD_GATEWAY, b"<html><body>502</body></html>").unwrap_err();
/// assert_eq!(err.status(), StatusCode::BAD_GATEWAY);
/// assert_eq!(err.kind(), DecodeErrorKind::Syntax);
/// assert_eq!(err.body(), b"<html><body>502</body></html>");
/// assert!(err.to_string().starts_with("HTTP 502 Bad Gateway: the body is not JSON"));
///
/// let err = decode::<E>(StatusCode::NOT_FOUND, br#"{"status":404,"code":"not_found"}"#).unwrap_err();
/// assert_eq!(err.kind(), DecodeErrorKind::Shape);
/// assert!(err.to_string().contains("missing field `message`"));
/// ```
pub struct DecodeError {
    status: StatusCode,
    kind: DecodeErrorKind,
    body: Box<[u8]>,
    source: Option<serde_json::Error>,
    /// For a gRPC status: its code, its message, and why its details did not
    /// decode.
    grpc: Option<Box<GrpcFailure>>,
}

struct GrpcFailure {
    code: grpc::Code,
    message: String,
    cause: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// What was wrong with a body that [`decode`] could not read; see
/// [`DecodeError::kind`].
///
/// ```
/// use error_catalog::{decode, ApiError, DecodeErrorKind};
/// # #[derive(Debug, ApiError)]
/// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
///
/// let kind = |body: &[u8]| decode::<E>(http::StatusCode::NOT_FOUND, body).unwrap_err().kind();
/// assert_eq!(kind(b""), DecodeErrorKind::Empty);
/// assert_eq!(kind(b"Not Found"), DecodeErrorKind::Syntax);
/// assert_eq!(kind(br#"{"status":404,"co"#), DecodeErrorKind::Truncated);
/// assert_eq!(kind(br#"{"status":"404","code":"x","message":"y"}"#), DecodeErrorKind::Shape);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is empty, or only whitespace.
    Empty,
    /// The body is not JSON: an HTML page, plain text, bytes that are not UTF-8,
    /// or trailing data after the JSON value.
    Syntax,
    /// The body is the beginning of a JSON value that ends too early.
    Truncated,
    /// The body is JSON, but not an error body: not an object, or a `status`,
    /// `code` or `message` member missing, repeated or of the wrong type.
    Shape,
    /// A gRPC status (`decode_status`) whose details hold no
    /// `google.rpc.ErrorInfo`: no details at all, or other details only.
    MissingErrorInfo,
    /// A gRPC status (`decode_status`) whose details are not a
    /// `google.rpc.Status`, or whose `ErrorInfo` does not decode.
    InvalidDetails,
}

impl DecodeError {
    fn new(status: StatusCode, body: &[u8], error: serde_json::Error) -> Self {
        use serde_json::error::Category;
        if body.iter().all(u8::is_ascii_whitespace) {
            return DecodeError {
                status,
                kind: DecodeErrorKind::Empty,
                body: body.into(),
                source: None,
                grpc: None,
            };
        }
        let kind = {
            match error.classify() {
                Category::Eof => DecodeErrorKind::Truncated,
                Category::Data => DecodeErrorKind::Shape,
                Category::Syntax | Category::Io => DecodeErrorKind::Syntax,
            }
        };
        DecodeError {
            status,
            kind,
            body: body.into(),
            source: Some(error),
            grpc: None,
        }
    }

    /// A received gRPC status whose details hold no `ErrorInfo`.
    #[cfg(feature = "tonic")]
    fn grpc(
        code: grpc::Code,
        message: &str,
        details: &[u8],
        kind: DecodeErrorKind,
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        DecodeError {
            status: StatusCode::from_u16(code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            kind,
            body: details.into(),
            source: None,
            grpc: Some(Box::new(GrpcFailure {
                code,
                message: message.to_owned(),
                cause,
            })),
        }
    }

    /// The gRPC code of a received gRPC status (`decode_status`); `None` for
    /// an HTTP response.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"").unwrap_err();
    /// assert_eq!(err.grpc_code(), None);
    /// ```
    pub fn grpc_code(&self) -> Option<grpc::Code> {
        self.grpc.as_ref().map(|grpc| grpc.code)
    }

    /// The message of a received gRPC status (`decode_status`); `None` for an
    /// HTTP response.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"").unwrap_err();
    /// assert_eq!(err.grpc_message(), None);
    /// ```
    pub fn grpc_message(&self) -> Option<&str> {
        self.grpc.as_ref().map(|grpc| grpc.message.as_str())
    }

    /// The HTTP status of the response; for a gRPC status, the one Google
    /// documents for its code ([`grpc::Code::http_status`]).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::SERVICE_UNAVAILABLE, b"").unwrap_err();
    /// assert_eq!(err.status(), http::StatusCode::SERVICE_UNAVAILABLE);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What was wrong with the body.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError, DecodeErrorKind};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"  \n").unwrap_err();
    /// assert_eq!(err.kind(), DecodeErrorKind::Empty);
    /// ```
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The bytes received, as they were: for a gRPC status, its details.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"Not Found").unwrap_err();
    /// assert_eq!(err.body(), b"Not Found");
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The bytes received, by value.
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"Not Found").unwrap_err();
    /// assert_eq!(&err.into_body()[..], b"Not Found");
    /// ```
    pub fn into_body(self) -> Vec<u8> {
        self.body.into_vec()
    }

    /// The JSON error, with its line and column (`None` for an empty body).
    ///
    /// ```
    /// # use error_catalog::{decode, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let err = decode::<E>(http::StatusCode::NOT_FOUND, b"{\n  \"status\": true}").unwrap_err();
    /// let json = err.json_error().unwrap();
    /// assert_eq!((json.line(), json.column()), (2, 16));
    /// ```
    pub fn json_error(&self) -> Option<&serde_json::Error> {
        self.source.as_ref()
    }
}

/// How many bytes of the received body [`DecodeError`]'s `Display` shows.
const EXCERPT: usize = 64;

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(grpc) = &self.grpc {
            write!(f, "gRPC {}: ", grpc.code)?;
            match &grpc.cause {
                None => f.write_str("no google.rpc.ErrorInfo in the status details")?,
                Some(cause) => write!(f, "the status details do not decode ({cause})")?,
            }
            return write!(f, ": {:?}", grpc.message);
        }
        write!(f, "HTTP {}: ", self.status)?;
        f.write_str(match self.kind {
            DecodeErrorKind::Empty => return f.write_str("the body is empty, not an error body"),
            DecodeErrorKind::Syntax => "the body is not JSON",
            DecodeErrorKind::Truncated => "the body is truncated JSON",
            DecodeErrorKind::Shape
            | DecodeErrorKind::MissingErrorInfo
            | DecodeErrorKind::InvalidDetails => "the body is not an error body",
        })?;
        if let Some(error) = &self.source {
            write!(f, " ({error})")?;
        }
        let mut end = self.body.len().min(EXCERPT);
        // Cut at a character boundary when the body is text.
        while end < self.body.len() && end > 0 && (self.body[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        let excerpt = String::from_utf8_lossy(&self.body[..end]);
        let more = if end < self.body.len() { "..." } else { "" };
        write!(f, ": {excerpt:?}{more}")
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("DecodeError");
        d.field("status", &self.status)
            .field("kind", &self.kind)
            .field("body", &String::from_utf8_lossy(&self.body))
            .field("source", &self.source);
        if let Some(grpc) = &self.grpc {
            d.field("grpc_code", &grpc.code)
                .field("grpc_message", &grpc.message)
                .field("cause", &grpc.cause);
        }
        d.finish()
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        if let Some(error) = self.json_error() {
            return Some(error);
        }
        match self.grpc.as_ref().and_then(|grpc| grpc.cause.as_ref()) {
            Some(cause) => Some(&**cause),
            None => None,
        }
    }
}
