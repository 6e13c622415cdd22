//! RFC 9457 problem details: the `application/problem+json` form of an
//! error, written byte for byte as `serde_json` would write it.
//!
//! ```json
//! {"type":"https://docs.example.com/errors/license_not_found","title":"The license key is not known.","status":404,"detail":"License K-1 not found","code":"license_not_found"}
//! ```
//!
//! - `type`: the enum's `type_base` followed by the code, or `about:blank`
//!   ([`ErrorSpec::problem_type`]);
//! - `title`: the first sentence of the code's description, or else the
//!   status's reason phrase ([`ErrorSpec::problem_title`]; left out when
//!   there is neither);
//! - `status`: the HTTP status;
//! - `detail`: the message, as the `{status, code, message}` body's `message`;
//! - `code`: an extension member, the stable code.
//!
//! The members are written in that order. The type and the title come from
//! the catalog entry of the code, so a `transparent` variant sends the type
//! and the title of the wrapped error's entry.

use core::fmt;

use bytes::Bytes;

use crate::error::json::{push_u16, write_framed, BodyBuf, Frame, Sink};
use crate::{ApiError, ErrorSpec};

/// The media type of problem details: `application/problem+json`.
///
/// ```
/// use error_catalog::{ApiError, PROBLEM_JSON};
/// # #[derive(Debug, ApiError)]
/// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
/// assert_eq!(E::NotFound.to_problem_response().headers()["content-type"], PROBLEM_JSON);
/// ```
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Which body an error type sends from `to_response()`, its `Serialize`,
/// axum and actix-web: [`ApiError::body_format`].
///
/// The enum chooses with `#[api_error(format = "problem")]`; without it, it
/// sends the `{"status", "code", "message"}` body. Every derived error can
/// also be sent in the other form, by calling
/// [`to_json`](ApiError::to_json) or
/// [`to_problem_json`](ApiError::to_problem_json) and their response
/// counterparts.
///
/// ```
/// use error_catalog::{ApiError, BodyFormat};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem")]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// assert_eq!(E::body_format(), BodyFormat::Problem);
/// assert_eq!(E::body_format().content_type(), "application/problem+json");
/// assert_eq!(E::NotFound.to_response().headers()["content-type"], "application/problem+json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyFormat {
    /// `{"status": 404, "code": "not_found", "message": "Not found"}`, with
    /// `content-type: application/json`: the [`ErrorBody`](crate::ErrorBody).
    ErrorBody,
    /// RFC 9457 problem details, with `content-type:
    /// application/problem+json`: see [`ApiError::to_problem_json`].
    Problem,
}

impl BodyFormat {
    /// The media type of the body: `application/json` or
    /// `application/problem+json`.
    ///
    /// ```
    /// use error_catalog::BodyFormat;
    /// assert_eq!(BodyFormat::ErrorBody.content_type(), "application/json");
    /// ```
    pub const fn content_type(self) -> &'static str {
        match self {
            BodyFormat::ErrorBody => "application/json",
            BodyFormat::Problem => PROBLEM_JSON,
        }
    }
}

/// `{"type":"T","title":"X","status":S,"detail":"` ... `","code":"C"}`.
struct ProblemFrame<'a> {
    spec: &'a ErrorSpec,
}

impl Frame for ProblemFrame<'_> {
    #[inline]
    fn head<S: Sink>(&self, sink: &mut S) -> bool {
        let spec = self.spec;
        sink.push(b"{\"type\":\"")
            && sink.push_escaped(spec.problem_type)
            && sink.push(b"\"")
            && match spec.problem_title {
                Some(title) => {
                    sink.push(b",\"title\":\"") && sink.push_escaped(title) && sink.push(b"\"")
                }
                None => true,
            }
            && sink.push(b",\"status\":")
            && push_u16(sink, spec.status)
            && sink.push(b",\"detail\":\"")
    }

    #[inline]
    fn tail<S: Sink>(&self, sink: &mut S) -> bool {
        sink.push(b"\",\"code\":\"") && sink.push_escaped(self.spec.code) && sink.push(b"\"}")
    }
}

/// The problem details body of an error whose message is a template,
/// written once into a buffer of its size.
pub(crate) fn render_problem<E: ApiError + ?Sized>(error: &E) -> Bytes {
    let spec = error.spec();
    let mut buf = BodyBuf::new();
    write_framed(&mut buf, &ProblemFrame { spec }, &DisplayOf(error));
    buf.into_bytes()
}

/// `Serialize` of a `format = "problem"` enum: the members of
/// [`render_problem`], in its order, so that `serde_json` writes the same
/// bytes.
pub(crate) fn serialize_problem<E, S>(error: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: ApiError + ?Sized,
    S: serde::Serializer,
{
    use serde::ser::SerializeStruct;
    let spec = error.spec();
    let len = 4 + usize::from(spec.problem_title.is_some());
    let mut s = serializer.serialize_struct("ProblemDetails", len)?;
    s.serialize_field("type", spec.problem_type)?;
    match spec.problem_title {
        Some(title) => s.serialize_field("title", title)?,
        None => s.skip_field("title")?,
    }
    s.serialize_field("status", &spec.status)?;
    s.serialize_field("detail", &Detail(error))?;
    s.serialize_field("code", spec.code)?;
    s.end()
}

/// The code a problem's `type` names, for a received problem without a
/// `code` member: the text after the last `/`, when there is one and it is
/// not empty. `about:blank`, and a type without a `/`, name none.
pub(crate) fn code_from_type(problem_type: &str) -> Option<&str> {
    match problem_type.rsplit_once('/') {
        Some((_, code)) if !code.is_empty() => Some(code),
        _ => None,
    }
}

/// `Display` through a `?Sized` reference.
struct DisplayOf<'a, E: ?Sized>(&'a E);

impl<E: fmt::Display + ?Sized> fmt::Display for DisplayOf<'_, E> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

/// The message as a JSON string, written by the serializer's own escaping.
struct Detail<'a, E: ?Sized>(&'a E);

impl<E: fmt::Display + ?Sized> serde::Serialize for Detail<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&DisplayOf(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::code_from_type;

    #[test]
    fn the_code_of_a_type_is_its_last_segment() {
        let cases = [
            (
                "https://docs.example.com/errors/license_not_found",
                Some("license_not_found"),
            ),
            ("/errors/a.b-c", Some("a.b-c")),
            ("license_not_found/", None),
            ("about:blank", None),
            ("urn:example:license_not_found", None),
            ("", None),
            ("/", None),
            ("é/ü", Some("ü")),
        ];
        for (problem_type, code) in cases {
            assert_eq!(code_from_type(problem_type), code, "{problem_type:?}");
        }
    }
}
