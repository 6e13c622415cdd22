//! [`ErrorSpec`], one entry of an error enum's catalog.

use core::fmt;

use crate::grpc;

/// One entry of the catalog that `#[derive(ApiError)]` builds: what one
/// variant of the enum sends to a client, and how it is documented.
///
/// [`ApiError::catalog`](crate::ApiError::catalog) returns one entry a variant,
/// in declaration order. The entries are `const` data: reading them costs
/// nothing at run time, and they can feed documentation, JSON Schema, OpenAPI
/// or the service's own tests.
///
/// # Example
///
/// ```
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(type_base = "https://docs.example.com/errors/")]
/// enum MyError {
///     /// The license key is not known. Check it for typos.
///     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     #[api_error(
///         status = 401,
///         code = "authentication_failure",
///         message = "Authentication failed",
///         header("www-authenticate", "Bearer realm=\"licenses\""),
///     )]
///     AuthenticationFailure,
///     #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
///     RateLimited {
///         #[header("retry-after")]
///         seconds: u64,
///     },
/// }
///
/// let spec = &MyError::catalog()[0];
/// assert_eq!(spec.variant, "LicenseNotFound");
/// assert_eq!(spec.code, "license_not_found");
/// assert_eq!(spec.status, 404);
/// assert_eq!(spec.message, "License {key} not found");
/// assert_eq!(spec.description, "The license key is not known. Check it for typos.");
/// assert!(!spec.is_transparent());
/// assert!(spec.rebuilds());
/// assert!(spec.headers.is_empty());
/// assert_eq!(spec.problem_type, "https://docs.example.com/errors/license_not_found");
/// assert_eq!(spec.problem_title, Some("The license key is not known."));
///
/// assert_eq!(MyError::catalog()[1].headers, ["www-authenticate"]);
/// // No doc comment: the title is the status's reason phrase.
/// assert_eq!(MyError::catalog()[1].problem_title, Some("Unauthorized"));
/// assert_eq!(MyError::catalog()[2].headers, ["retry-after"]);
/// ```
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct ErrorSpec {
    /// The name of the Rust variant, as declared.
    pub variant: &'static str,
    /// The stable code sent to clients, such as `"license_not_found"`. Empty for
    /// a `transparent` variant, whose codes are those of [`nested`](Self::nested).
    pub code: &'static str,
    /// The HTTP status, 400 to 599. Zero for a `transparent` variant.
    pub status: u16,
    /// The message template as written in the attribute (or taken from the doc
    /// comment), placeholders included: `"License {key} not found"`.
    pub message: &'static str,
    /// The variant's doc comment, its paragraphs joined by blank lines; empty
    /// when it has none.
    pub description: &'static str,
    /// For a `transparent` variant, the catalog of the wrapped error type.
    pub nested: Option<fn() -> &'static [ErrorSpec]>,
    /// The names of the headers the variant's responses carry, lowercase,
    /// each once, in declaration order: its fixed `header("name", "value")`
    /// headers, then its `#[header("name")]` fields. A field header is left
    /// out of a response whose value is not a valid header value. Empty for a
    /// `transparent` variant, whose headers are the wrapped error's.
    pub headers: &'static [&'static str],
    /// The problem type of the variant's [problem details](crate::ApiError::to_problem_json):
    /// the enum's `type_base` followed by the code, or `"about:blank"` when
    /// the enum has no `type_base`. Empty for a `transparent` variant.
    pub problem_type: &'static str,
    /// The problem details' `title`: the first sentence of
    /// [`description`](Self::description), or else the status's reason
    /// phrase (`"Bad Request"`); `None` when there is neither (a status
    /// without a reason phrase, such as 499, and no doc comment), and for a
    /// `transparent` variant.
    pub problem_title: Option<&'static str>,
    /// Whether the variant rebuilds on the client side: see [`rebuilds`](Self::rebuilds).
    rebuild: Rebuild,
    /// The whole JSON body of a fixed message, written at compile time; see
    /// [`ApiError::static_body`](crate::ApiError::static_body).
    body: Option<&'static str>,
    /// The whole problem details body of a fixed message, written at compile
    /// time; see [`ApiError::static_problem_body`](crate::ApiError::static_problem_body).
    problem_body: Option<&'static str>,
    /// The variant's own gRPC code, `#[api_error(grpc = "...")]`: see
    /// [`grpc_code`](Self::grpc_code).
    grpc: Option<grpc::Code>,
}

/// Whether a variant rebuilds from a received body, as the derive decided it.
#[derive(Clone, Copy)]
enum Rebuild {
    /// By its code alone (a variant without fields), or from a message whose
    /// fields all have types that the catalog cannot name (generic ones).
    Yes,
    /// Never: its fields cannot all come back from the message.
    No,
    /// When every field type parses from a string: the derive's probe of the
    /// field types, which only generated code can run.
    IfParsable(fn() -> bool),
}

impl ErrorSpec {
    #[doc(hidden)]
    pub const fn __new(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type: "about:blank",
            problem_title: None,
            rebuild: Rebuild::Yes,
            body: None,
            problem_body: None,
            grpc: None,
        }
    }

    /// The entry of a variant with a problem title, which is nearly every
    /// variant: `__new`'s columns, its problem type and its title, in one
    /// call. Each call in a catalog is work for the compiler's interpreter,
    /// once for every variant, so the common shapes have a constructor of
    /// their own. (No test on the title either: a branch is work for the
    /// interpreter too.)
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __entry(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
        problem_type: &'static str,
        title: &'static str,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type,
            problem_title: Some(title),
            rebuild: Rebuild::Yes,
            body: None,
            problem_body: None,
            grpc: None,
        }
    }

    /// `__entry(...).__fixed(body, problem_body)` in one call: the entry of a
    /// fixed message with a problem title.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __fixed_entry(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
        problem_type: &'static str,
        title: &'static str,
        body: &'static str,
        problem_body: &'static str,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type,
            problem_title: Some(title),
            rebuild: Rebuild::Yes,
            body: Some(body),
            problem_body: Some(problem_body),
            grpc: None,
        }
    }

    /// `__entry(variant, code, status, message, description, "about:blank",
    /// description)`: the commonest entry, a one-sentence description, which
    /// is also the problem title, and no problem type of its own. Two
    /// arguments fewer for the compiler's interpreter, in every such entry.
    #[doc(hidden)]
    pub const fn __doc_entry(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type: "about:blank",
            problem_title: Some(description),
            rebuild: Rebuild::Yes,
            body: None,
            problem_body: None,
            grpc: None,
        }
    }

    /// `__doc_entry(...).__rebuildable_if(probe)` in one call: a templated
    /// message whose fields come back from it.
    #[doc(hidden)]
    pub const fn __doc_probed_entry(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
        probe: fn() -> bool,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type: "about:blank",
            problem_title: Some(description),
            rebuild: Rebuild::IfParsable(probe),
            body: None,
            problem_body: None,
            grpc: None,
        }
    }

    /// `__doc_entry(...).__fixed(body, problem_body)` in one call: a fixed
    /// message.
    #[doc(hidden)]
    pub const fn __doc_fixed_entry(
        variant: &'static str,
        code: &'static str,
        status: u16,
        message: &'static str,
        description: &'static str,
        body: &'static str,
        problem_body: &'static str,
    ) -> Self {
        ErrorSpec {
            variant,
            code,
            status,
            message,
            description,
            nested: None,
            headers: &[],
            problem_type: "about:blank",
            problem_title: Some(description),
            rebuild: Rebuild::Yes,
            body: Some(body),
            problem_body: Some(problem_body),
            grpc: None,
        }
    }

    /// The entry of a variant whose responses carry headers: their names.
    #[doc(hidden)]
    pub const fn __headers(self, headers: &'static [&'static str]) -> Self {
        ErrorSpec { headers, ..self }
    }

    /// The problem type of an entry without a problem title.
    #[doc(hidden)]
    pub const fn __problem_type(self, problem_type: &'static str) -> Self {
        ErrorSpec {
            problem_type,
            ..self
        }
    }

    /// The entry of a fixed message: its whole JSON body and its whole
    /// problem details body, both written at compile time.
    #[doc(hidden)]
    pub const fn __fixed(self, body: &'static str, problem_body: &'static str) -> Self {
        ErrorSpec {
            body: Some(body),
            problem_body: Some(problem_body),
            ..self
        }
    }

    /// The entry of a variant whose fields cannot all come back from its
    /// message (a source field, a field not in the message, a placeholder
    /// with a spec, adjacent placeholders).
    #[doc(hidden)]
    pub const fn __not_rebuildable(self) -> Self {
        ErrorSpec {
            rebuild: Rebuild::No,
            ..self
        }
    }

    /// The entry of a variant whose template gives every field back: it
    /// rebuilds when `probe` says every field type parses from a string.
    #[doc(hidden)]
    pub const fn __rebuildable_if(self, probe: fn() -> bool) -> Self {
        ErrorSpec {
            rebuild: Rebuild::IfParsable(probe),
            ..self
        }
    }

    #[doc(hidden)]
    pub const fn __transparent(
        variant: &'static str,
        description: &'static str,
        nested: fn() -> &'static [ErrorSpec],
    ) -> Self {
        ErrorSpec {
            variant,
            code: "",
            status: 0,
            message: "",
            description,
            nested: Some(nested),
            headers: &[],
            problem_type: "",
            problem_title: None,
            rebuild: Rebuild::No,
            body: None,
            problem_body: None,
            grpc: None,
        }
    }

    /// The entry of a variant with its own gRPC code,
    /// `#[api_error(grpc = "...")]`.
    #[doc(hidden)]
    pub const fn __grpc(self, code: grpc::Code) -> Self {
        ErrorSpec {
            grpc: Some(code),
            ..self
        }
    }

    /// Whether this entry stands for a `transparent` variant, whose codes come
    /// from the wrapped error's own catalog ([`nested`](Self::nested)).
    ///
    /// ```
    /// use error_catalog::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum StoreError {
    ///     #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable")]
    ///     Unavailable,
    /// }
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ServiceError {
    ///     #[api_error(transparent)]
    ///     Store(#[from] StoreError),
    /// }
    ///
    /// let entry = &ServiceError::catalog()[0];
    /// assert!(entry.is_transparent());
    /// assert_eq!(entry.nested.unwrap()()[0].code, "store_unavailable");
    /// ```
    pub const fn is_transparent(&self) -> bool {
        self.nested.is_some()
    }

    /// The status as an [`http::StatusCode`]; `None` for a `transparent` entry.
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 409, code = "taken", message = "Taken")] Taken }
    /// assert_eq!(E::catalog()[0].status_code(), Some(http::StatusCode::CONFLICT));
    /// ```
    pub fn status_code(&self) -> Option<http::StatusCode> {
        if self.is_transparent() {
            None
        } else {
            http::StatusCode::from_u16(self.status).ok()
        }
    }

    /// The gRPC code of this entry's errors: the variant's own
    /// `#[api_error(grpc = "...")]`, or else the code of its status by
    /// Google's mapping ([`grpc::Code::from_http`]). `None` for a
    /// `transparent` entry.
    ///
    /// ```
    /// use error_catalog::{grpc::Code, ApiError};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 400)]
    /// enum E {
    ///     #[api_error(code = "bad_key", message = "Bad key")]
    ///     BadKey,
    ///     #[api_error(code = "license_expired", message = "License expired", grpc = "failed_precondition")]
    ///     LicenseExpired,
    /// }
    /// assert_eq!(E::catalog()[0].grpc_code(), Some(Code::InvalidArgument));
    /// assert_eq!(E::catalog()[1].grpc_code(), Some(Code::FailedPrecondition));
    /// ```
    pub const fn grpc_code(&self) -> Option<grpc::Code> {
        match (self.nested, self.grpc) {
            (Some(_), _) => None,
            (None, Some(code)) => Some(code),
            (None, None) => Some(grpc::Code::from_http(self.status)),
        }
    }

    /// Whether the message template has no placeholders, so that every error
    /// of this entry carries exactly [`message`](Self::message), braces
    /// unescaped (`{{` is `{`).
    ///
    /// ```
    /// # use error_catalog::ApiError;
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 400)]
    /// enum E {
    ///     #[api_error(code = "fixed", message = "Use {{braces}}")]
    ///     Fixed,
    ///     #[api_error(code = "templated", message = "Quantity {0} is too large")]
    ///     Templated(u32),
    /// }
    /// assert!(E::catalog()[0].is_fixed_message());
    /// assert!(!E::catalog()[1].is_fixed_message());
    /// ```
    pub fn is_fixed_message(&self) -> bool {
        !has_placeholder(self.message)
    }

    /// The compile-time JSON body of a fixed message.
    pub(crate) const fn body(&self) -> Option<&'static str> {
        self.body
    }

    /// The compile-time problem details body of a fixed message.
    pub(crate) const fn problem_body(&self) -> Option<&'static str> {
        self.problem_body
    }

    /// Whether a client rebuilds this entry's variant from a received body
    /// ([`ApiError::from_body`](crate::ApiError::from_body)), given a message
    /// that matches the template:
    ///
    /// - a variant without fields: yes, by its code alone;
    /// - a variant whose fields all come back from the message (each once,
    ///   as a plain `{field}`, placeholders apart, no source field): yes when
    ///   every field type parses from a string (`FromStr`);
    /// - any other variant: no; a `transparent` entry: no (its codes are in
    ///   [`nested`](Self::nested), each with its own answer).
    ///
    /// The catalog is one `const` for every instantiation of a generic enum,
    /// and cannot name its parameters. A field whose type names one of them
    /// (`T`, `&'a str`) is counted as parsable, so a change to its message
    /// is reported as breaking rather than missed; whether it rebuilds
    /// depends on the impl's bounds (`T: FromStr`).
    ///
    /// ```
    /// use error_catalog::ApiError;
    ///
    /// struct Opaque;
    /// # impl std::fmt::Display for Opaque {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("opaque") }
    /// # }
    /// # impl std::fmt::Debug for Opaque {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Opaque") }
    /// # }
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(status = 400)]
    /// enum OrderError {
    ///     #[api_error(code = "order_closed", message = "The order is closed")]
    ///     Closed,
    ///     #[api_error(code = "quantity_too_large", message = "Quantity {0} exceeds {1}")]
    ///     QuantityTooLarge(u32, u32),
    ///     // `{0:?}` does not give the field back.
    ///     #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
    ///     BadSku(String),
    ///     // The template gives the field back, but `Opaque` is not `FromStr`.
    ///     #[api_error(code = "opaque", message = "Opaque {0}")]
    ///     Opaque(Opaque),
    /// }
    ///
    /// let rebuilds: Vec<_> = OrderError::catalog().iter().map(|spec| spec.rebuilds()).collect();
    /// assert_eq!(rebuilds, [true, true, false, false]);
    /// ```
    pub fn rebuilds(&self) -> bool {
        match self.rebuild {
            Rebuild::Yes => !self.is_transparent(),
            Rebuild::No => false,
            Rebuild::IfParsable(probe) => probe(),
        }
    }
}

/// Whether a format template has a `{...}` placeholder (not `{{`).
fn has_placeholder(template: &str) -> bool {
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

impl fmt::Debug for ErrorSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ErrorSpec");
        d.field("variant", &self.variant)
            .field("code", &self.code)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("description", &self.description)
            .field("rebuilds", &self.rebuilds())
            .field("headers", &self.headers)
            .field("problem_type", &self.problem_type)
            .field("problem_title", &self.problem_title)
            .field("grpc", &self.grpc_code());
        if let Some(nested) = self.nested {
            d.field("nested", &nested());
        }
        d.finish()
    }
}

impl PartialEq for ErrorSpec {
    fn eq(&self, other: &Self) -> bool {
        self.variant == other.variant
            && self.code == other.code
            && self.status == other.status
            && self.message == other.message
            && self.description == other.description
            && self.rebuilds() == other.rebuilds()
            && self.headers == other.headers
            && self.problem_type == other.problem_type
            && self.problem_title == other.problem_title
            && self.body == other.body
            && self.problem_body == other.problem_body
            && self.grpc == other.grpc
            && self.nested.map(|f| f()) == other.nested.map(|f| f())
    }
}

impl Eq for ErrorSpec {}
