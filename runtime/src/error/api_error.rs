//! [`ApiError`], the trait that `#[derive(ApiError)]` implements.

use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, Response, StatusCode};

use crate::representation::problem;
use crate::{grpc, BodyFormat, ErrorBody, ErrorSpec, FromBodyError};

/// An error that a service sends to its clients: a status, a stable code and
/// a message, as a JSON body `{"status", "code", "message"}`.
///
/// Derive it with [`#[derive(ApiError)]`](derive@crate::ApiError); the derive
/// also implements `Display`, `std::error::Error`, `serde::Serialize`,
/// `serde::Deserialize` and, with the crate's features, the framework
/// response traits. Implementing it by hand is possible but rarely useful.
///
/// # Example
///
/// ```
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// The license key is not known.
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     #[api_error(status = 500, code = "internal_error", message = "An unexpected server error has occured")]
///     Internal,
/// }
///
/// let err = LicenseError::LicenseNotFound { key: "K-1".into() };
/// assert_eq!(err.status(), http::StatusCode::BAD_REQUEST);
/// assert_eq!(err.code(), "license_not_found");
/// assert_eq!(err.to_string(), "License K-1 not found");
///
/// let response = err.to_response();
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert_eq!(
///     response.body(),
///     r#"{"status":400,"code":"license_not_found","message":"License K-1 not found"}"#,
/// );
///
/// // A fixed message: the body was written at compile time.
/// assert_eq!(
///     LicenseError::Internal.static_body(),
///     Some(r#"{"status":500,"code":"internal_error","message":"An unexpected server error has occured"}"#),
/// );
/// ```
pub trait ApiError: std::error::Error {
    /// Every error the type can be, one entry a variant, in declaration order.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E {
    /// #     #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound,
    /// #     #[api_error(status = 409, code = "exists", message = "Exists")] Exists,
    /// # }
    /// let codes: Vec<_> = E::catalog().iter().map(|spec| spec.code).collect();
    /// assert_eq!(codes, ["not_found", "exists"]);
    /// ```
    fn catalog() -> &'static [ErrorSpec]
    where
        Self: Sized;

    /// The catalog entry of this error. For a `transparent` variant, the entry
    /// of the wrapped error.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// assert_eq!(E::NotFound.spec().variant, "NotFound");
    /// ```
    fn spec(&self) -> &'static ErrorSpec;

    /// The HTTP status of this error.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// assert_eq!(E::NotFound.status(), http::StatusCode::NOT_FOUND);
    /// ```
    #[inline]
    fn status(&self) -> StatusCode {
        crate::__private::status(self.spec().status)
    }

    /// The stable code of this error, as sent in the body's `code`.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// assert_eq!(E::NotFound.code(), "not_found");
    /// ```
    #[inline]
    fn code(&self) -> &'static str {
        self.spec().code
    }

    /// The whole JSON body, when the error's message has no placeholders: it
    /// was written and escaped at compile time. `None` for a templated message.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E {
    /// #     #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound,
    /// #     #[api_error(status = 400, code = "bad", message = "Bad {0}")] Bad(u32),
    /// # }
    /// assert_eq!(E::NotFound.static_body(), Some(r#"{"status":404,"code":"not_found","message":"Not found"}"#));
    /// assert_eq!(E::Bad(1).static_body(), None);
    /// ```
    #[inline]
    fn static_body(&self) -> Option<&'static str> {
        self.spec().body()
    }

    /// The JSON body: `{"status":...,"code":"...","message":"..."}`, the same
    /// bytes as `serde_json::to_vec(self)`. A fixed message costs no
    /// allocation; a templated one is written once into a buffer of its size.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 400, code = "bad", message = "Bad {0}")] Bad(u32) }
    /// assert_eq!(E::Bad(7).to_json(), r#"{"status":400,"code":"bad","message":"Bad 7"}"#);
    /// ```
    #[inline]
    fn to_json(&self) -> Bytes {
        match self.static_body() {
            Some(body) => Bytes::from_static(body.as_bytes()),
            None => crate::__private::render_body(self),
        }
    }

    /// The error as an HTTP response: its status, `content-type:
    /// application/json`, the variant's headers
    /// ([`append_headers`](Self::append_headers)) and
    /// [`to_json`](Self::to_json) as the body. An enum declared with
    /// `#[api_error(format = "problem")]` answers
    /// [`to_problem_response`](Self::to_problem_response) instead.
    ///
    /// With the `tracing` feature, a 5xx error is logged at error level, with
    /// its code and its whole source chain, as it becomes a response.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let response = E::NotFound.to_response();
    /// assert_eq!(response.status(), 404);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// ```
    // Always inlined: the response is then built in the caller's frame,
    // without a call and a copy of the whole `Response` on return.
    #[inline(always)]
    fn to_response(&self) -> Response<Bytes> {
        crate::__private::log_server_error(self);
        let mut response = Response::new(self.to_json());
        *response.status_mut() = self.status();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        self.append_headers(response.headers_mut());
        response
    }

    /// Appends the variant's headers to `headers`: its fixed
    /// `header("name", "value")` headers, then its `#[header("name")]`
    /// fields, each as its `Display`. A field whose text is not a valid
    /// header value is left out (and logged with the `tracing` feature).
    /// The names are in the catalog: [`ErrorSpec::headers`].
    ///
    /// ```
    /// use error_catalog::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 429)]
    /// enum E {
    ///     #[api_error(code = "rate_limited", message = "Slow down", header("cache-control", "no-store"))]
    ///     RateLimited {
    ///         #[header("retry-after")]
    ///         seconds: u64,
    ///     },
    /// }
    ///
    /// let mut headers = http::HeaderMap::new();
    /// E::RateLimited { seconds: 30 }.append_headers(&mut headers);
    /// assert_eq!(headers["cache-control"], "no-store");
    /// assert_eq!(headers["retry-after"], "30");
    /// ```
    #[inline]
    fn append_headers(&self, headers: &mut HeaderMap) {
        let _ = headers;
    }

    /// Which body [`to_response`](Self::to_response), `Serialize` and the
    /// framework responses send: [`BodyFormat::Problem`] for an enum declared
    /// with `#[api_error(format = "problem")]`, else
    /// [`BodyFormat::ErrorBody`].
    ///
    /// ```
    /// # use error_catalog::{ApiError, BodyFormat};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// assert_eq!(E::body_format(), BodyFormat::ErrorBody);
    /// ```
    #[inline]
    fn body_format() -> BodyFormat
    where
        Self: Sized,
    {
        BodyFormat::ErrorBody
    }

    /// The whole RFC 9457 problem details body, when the error's message has
    /// no placeholders: it was written and escaped at compile time. `None`
    /// for a templated message.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// #[derive(Debug, ApiError)]
    /// #[api_error(type_base = "https://docs.example.com/errors/")]
    /// enum E {
    ///     /// The path does not exist. Check the URL.
    ///     #[api_error(status = 404, code = "not_found", message = "Not found")]
    ///     NotFound,
    ///     #[api_error(status = 400, code = "bad", message = "Bad {0}")]
    ///     Bad(u32),
    /// }
    /// assert_eq!(
    ///     E::NotFound.static_problem_body(),
    ///     Some(r#"{"type":"https://docs.example.com/errors/not_found","title":"The path does not exist.","status":404,"detail":"Not found","code":"not_found"}"#),
    /// );
    /// assert_eq!(E::Bad(1).static_problem_body(), None);
    /// ```
    #[inline]
    fn static_problem_body(&self) -> Option<&'static str> {
        self.spec().problem_body()
    }

    /// The RFC 9457 problem details body, `application/problem+json`:
    ///
    /// - `type`: the enum's `type_base` followed by the code (one `/`
    ///   between them), or `about:blank` when the enum has no `type_base`;
    /// - `title`: the first sentence of the code's description (the doc
    ///   comment), or else the status's reason phrase; left out when there is
    ///   neither;
    /// - `status`: the HTTP status;
    /// - `detail`: the message;
    /// - `code`: the stable code, an extension member.
    ///
    /// A fixed message costs no allocation; a templated one is written once
    /// into a buffer of its size, as [`to_json`](Self::to_json) is.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 400, code = "bad", message = "Bad {0}")] Bad(u32) }
    /// assert_eq!(
    ///     E::Bad(7).to_problem_json(),
    ///     r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad 7","code":"bad"}"#,
    /// );
    /// ```
    #[inline]
    fn to_problem_json(&self) -> Bytes {
        match self.static_problem_body() {
            Some(body) => Bytes::from_static(body.as_bytes()),
            None => problem::render_problem(self),
        }
    }

    /// The error as an HTTP response in the problem details form: its
    /// status, `content-type: application/problem+json`, the variant's
    /// headers and [`to_problem_json`](Self::to_problem_json) as the body.
    /// A 5xx error is logged as by [`to_response`](Self::to_response).
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let response = E::NotFound.to_problem_response();
    /// assert_eq!(response.status(), 404);
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// assert_eq!(
    ///     response.body(),
    ///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not found","code":"not_found"}"#,
    /// );
    /// ```
    #[inline(always)]
    fn to_problem_response(&self) -> Response<Bytes> {
        crate::__private::log_server_error(self);
        let mut response = Response::new(self.to_problem_json());
        *response.status_mut() = self.status();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(crate::PROBLEM_JSON),
        );
        self.append_headers(response.headers_mut());
        response
    }

    /// The error as a gRPC status (feature `grpc`), in plain data: its gRPC code, its
    /// message, and a `google.rpc.ErrorInfo` whose reason is the code
    /// upper-cased, whose domain is the enum's `domain`, and whose metadata
    /// holds the fields the message names. See [`grpc`](crate::grpc) for
    /// every rule.
    ///
    /// Like [`to_json`](Self::to_json), it logs nothing; `to_status()`
    /// (feature `tonic`) logs a 5xx error as [`to_response`](Self::to_response) does.
    ///
    /// ```
    /// use error_catalog::{grpc::Code, ApiError};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 400, domain = "licenses.example.com")]
    /// enum LicenseError {
    ///     #[api_error(code = "license_not_found", message = "License {key} not found")]
    ///     LicenseNotFound { key: String },
    /// }
    ///
    /// let status = LicenseError::LicenseNotFound { key: "K-1".into() }.to_rpc_status();
    /// assert_eq!(status.code, Code::InvalidArgument);
    /// assert_eq!(status.error_info.reason, "LICENSE_NOT_FOUND");
    /// assert_eq!(status.error_info.get("key"), Some("K-1"));
    /// ```
    #[cfg(feature = "grpc")]
    fn to_rpc_status(&self) -> grpc::RpcStatus {
        grpc::rpc_status(self)
    }

    /// Without the `grpc` feature: a call is a compile error that says to
    /// turn the feature on (the derive writes no metadata code without it).
    #[cfg(not(feature = "grpc"))]
    #[doc(hidden)]
    fn to_rpc_status(&self) -> grpc::RpcStatus
    where
        Self: crate::__private::NeedsGrpcFeature,
    {
        unreachable!("`NeedsGrpcFeature` has no impl")
    }

    /// The error as a `tonic::Status` (feature `tonic`): the code and message
    /// of [`to_rpc_status`](Self::to_rpc_status), and its `ErrorInfo` as the
    /// status's details (a `google.rpc.Status`, as `tonic-types` writes it).
    /// `impl From<E> for tonic::Status` calls it, so `?` works in a tonic
    /// handler.
    ///
    /// With the `tracing` feature, a 5xx error is logged at error level, with
    /// its code and its whole source chain, as it becomes a status. The
    /// source never reaches the status.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use tonic_types::StatusExt;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 404, domain = "licenses.example.com")]
    /// enum LicenseError {
    ///     #[api_error(code = "license_not_found", message = "License {key} not found")]
    ///     LicenseNotFound { key: String },
    /// }
    ///
    /// let status = LicenseError::LicenseNotFound { key: "K-1".into() }.to_status();
    /// assert_eq!(status.code(), tonic::Code::NotFound);
    /// assert_eq!(status.message(), "License K-1 not found");
    /// let info = status.get_details_error_info().unwrap();
    /// assert_eq!(info.reason, "LICENSE_NOT_FOUND");
    /// assert_eq!(info.domain, "licenses.example.com");
    /// assert_eq!(info.metadata["key"], "K-1");
    /// ```
    #[cfg(feature = "tonic")]
    fn to_status(&self) -> tonic::Status {
        crate::adapters::tonic::status(self)
    }

    /// The `ErrorInfo.domain` of the type's errors. The derive writes the
    /// enum's `domain`, or its package's name.
    #[doc(hidden)]
    fn __grpc_domain(&self) -> &'static str {
        ""
    }

    /// Calls `visit` with each field that the message names, its key and its
    /// value as the message formats it: the `ErrorInfo.metadata`.
    #[doc(hidden)]
    fn __visit_fields(&self, visit: &mut dyn FnMut(&'static str, &dyn core::fmt::Display)) {
        let _ = visit;
    }

    /// The variant of `code` rebuilt from the values of a received
    /// `ErrorInfo.metadata`, when every field is in it and parses; `None`
    /// otherwise. The derive writes it for each variant whose fields are all
    /// plain `{field}`s of its message.
    #[doc(hidden)]
    fn __from_metadata(code: &str, info: &grpc::ErrorInfo) -> Option<Self>
    where
        Self: Sized,
    {
        let _ = (code, info);
        None
    }

    /// The error as an owned [`ErrorBody`].
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let body = E::NotFound.to_body();
    /// assert_eq!((body.status, body.code.as_str(), body.message.as_str()), (404, "not_found", "Not found"));
    /// ```
    fn to_body(&self) -> ErrorBody {
        ErrorBody {
            status: self.spec().status,
            code: self.code().to_owned(),
            message: self.to_string(),
        }
    }

    /// Rebuilds the typed error from a received body, by its code.
    ///
    /// A unit variant is rebuilt exactly. A variant with fields is rebuilt
    /// when every field appears in the message template as a plain `{field}`,
    /// placeholders are separated by literal text, each field's type parses
    /// from a string (`FromStr`), and the rebuilt error displays exactly the
    /// received message. Anything else is a [`FromBodyError`] that says why.
    /// The body's status is not checked here; see [`decode`](crate::decode).
    ///
    /// ```
    /// # use error_catalog::{ApiError, ErrorBody, FromBodyError};
    /// # #[derive(Debug, PartialEq, ApiError)]
    /// # #[api_error(status = 400)]
    /// # enum E {
    /// #     #[api_error(code = "license_not_found", message = "License {key} not found")]
    /// #     LicenseNotFound { key: String },
    /// # }
    /// let body = ErrorBody::new(400, "license_not_found", "License K-1 not found");
    /// assert_eq!(E::from_body(&body), Ok(E::LicenseNotFound { key: "K-1".into() }));
    ///
    /// let unknown = ErrorBody::new(400, "rate_limited", "Slow down");
    /// assert!(matches!(E::from_body(&unknown), Err(FromBodyError::UnknownCode { .. })));
    /// ```
    #[inline]
    fn from_body(body: &ErrorBody) -> Result<Self, FromBodyError>
    where
        Self: Sized,
    {
        Self::from_parts(&body.code, &body.message)
    }

    /// [`from_body`](Self::from_body) from a borrowed code and message, for
    /// a caller that has not built an [`ErrorBody`]: the derived
    /// `Deserialize` reads both straight from the input.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, PartialEq, ApiError)]
    /// # enum E { #[api_error(status = 400, code = "bad_quantity", message = "Quantity {0} is too large")] BadQuantity(u32) }
    /// assert_eq!(E::from_parts("bad_quantity", "Quantity 7 is too large"), Ok(E::BadQuantity(7)));
    /// ```
    fn from_parts(code: &str, message: &str) -> Result<Self, FromBodyError>
    where
        Self: Sized;
}
