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

impl BodyFormat {
    /// The format a request prefers, from the values of its `Accept`
    /// headers: the other format when the request gives its media type a
    /// higher quality than `self`'s, else `self` (on a tie, with no
    /// `Accept`, or when it accepts neither).
    ///
    /// Each format's quality is that of the most specific media range that
    /// matches its media type (`application/problem+json` or
    /// `application/json`, then `application/*`, then `*/*`), `q=1` when the
    /// range has no `q`. A range whose `q` is not a valid quality is ignored.
    /// The values are plain bytes, so that any framework's headers do:
    ///
    /// ```
    /// use error_catalog::BodyFormat;
    ///
    /// let accept = |value: &'static str| BodyFormat::ErrorBody.negotiate([value.as_bytes()]);
    /// assert_eq!(accept("application/problem+json"), BodyFormat::Problem);
    /// assert_eq!(accept("application/json;q=0.5, application/problem+json"), BodyFormat::Problem);
    /// assert_eq!(accept("application/*"), BodyFormat::ErrorBody);
    /// assert_eq!(accept("text/html"), BodyFormat::ErrorBody);
    ///
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
    /// let values = headers.get_all(http::header::ACCEPT).iter().map(|v| v.as_bytes());
    /// assert_eq!(BodyFormat::Problem.negotiate(values), BodyFormat::ErrorBody);
    /// ```
    pub fn negotiate<'a>(self, accept: impl IntoIterator<Item = &'a [u8]>) -> BodyFormat {
        let other = match self {
            BodyFormat::ErrorBody => BodyFormat::Problem,
            BodyFormat::Problem => BodyFormat::ErrorBody,
        };
        // (specificity, quality) of the best match so far, for each format.
        let mut own = (0u8, 0u16);
        let mut theirs = (0u8, 0u16);
        for value in accept {
            for range in value.split(|&b| b == b',') {
                let Some((media, quality)) = media_range(range) else {
                    continue;
                };
                for (format, best) in [(self, &mut own), (other, &mut theirs)] {
                    let specificity = matches(media, format.content_type());
                    let better =
                        specificity > best.0 || (specificity == best.0 && quality > best.1);
                    if specificity > 0 && better {
                        *best = (specificity, quality);
                    }
                }
            }
        }
        if theirs.1 > own.1 {
            other
        } else {
            self
        }
    }
}

/// A media range's `type/subtype` (trimmed) and its quality in thousandths;
/// `None` for an empty range or a `q` that is not a quality.
fn media_range(range: &[u8]) -> Option<(&[u8], u16)> {
    let mut parts = range.split(|&b| b == b';');
    let media = trim(parts.next()?);
    if media.is_empty() {
        return None;
    }
    let mut quality = 1000;
    for parameter in parts {
        let parameter = trim(parameter);
        if let Some(value) = parameter
            .strip_prefix(b"q=")
            .or_else(|| parameter.strip_prefix(b"Q="))
        {
            quality = qvalue(value)?;
        }
    }
    Some((media, quality))
}

/// RFC 9110's `qvalue`: `0` to `1` with up to three decimals, in thousandths.
fn qvalue(value: &[u8]) -> Option<u16> {
    let (whole, fraction) = match value.iter().position(|&b| b == b'.') {
        Some(dot) => (&value[..dot], &value[dot + 1..]),
        None => (value, &b""[..]),
    };
    if fraction.len() > 3 || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for i in 0..3 {
        thousandths = thousandths * 10 + fraction.get(i).map_or(0, |d| u16::from(d - b'0'));
    }
    match whole {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// How specifically `range` matches `media_type`: 3 exactly (case
/// insensitive), 2 for `type/*`, 1 for `*/*`, 0 not at all.
fn matches(range: &[u8], media_type: &str) -> u8 {
    let media_type = media_type.as_bytes();
    if range.eq_ignore_ascii_case(media_type) {
        return 3;
    }
    if range == b"*/*" {
        return 1;
    }
    let slash = media_type.iter().position(|&b| b == b'/').unwrap_or(0);
    match range.strip_suffix(b"/*") {
        Some(kind) if kind.eq_ignore_ascii_case(&media_type[..slash]) => 2,
        _ => 0,
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    &bytes[start..end.max(start)]
}

/// A body that a derived error of `catalog` sent, in the other format: for
/// a code of the catalog (looked up through `transparent` entries), the
/// same status, code and message; `None` for any other body.
#[cfg(feature = "axum")]
pub(crate) fn convert(
    catalog: &'static [ErrorSpec],
    bytes: &[u8],
    to: BodyFormat,
) -> Option<Bytes> {
    let body: crate::ErrorBody = serde_json::from_slice(bytes).ok()?;
    let spec = crate::error::decode::find_spec(catalog, &|spec| spec.code == body.code)?;
    Some(match to {
        BodyFormat::Problem => {
            let mut buf = BodyBuf::new();
            write_framed(&mut buf, &ProblemFrame { spec }, &body.message);
            buf.into_bytes()
        }
        BodyFormat::ErrorBody => body.to_json(),
    })
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

#[cfg(test)]
mod negotiate_tests {
    use super::BodyFormat::{self, ErrorBody, Problem};

    fn negotiate(own: BodyFormat, accept: &[&str]) -> BodyFormat {
        own.negotiate(accept.iter().map(|value| value.as_bytes()))
    }

    #[test]
    fn the_request_s_preference_wins_and_a_tie_keeps_the_enum_s_format() {
        let cases: &[(&[&str], BodyFormat, BodyFormat)] = &[
            // (Accept values, for an ErrorBody enum, for a Problem enum)
            (&[], ErrorBody, Problem),
            (&[""], ErrorBody, Problem),
            (&["application/problem+json"], Problem, Problem),
            (&["application/json"], ErrorBody, ErrorBody),
            (&["*/*"], ErrorBody, Problem),
            (&["application/*"], ErrorBody, Problem),
            (&["text/html"], ErrorBody, Problem),
            (&["APPLICATION/Problem+JSON"], Problem, Problem),
            (
                &["application/json;q=0.5, application/problem+json"],
                Problem,
                Problem,
            ),
            (
                &["application/json, application/problem+json;q=0.9"],
                ErrorBody,
                ErrorBody,
            ),
            (
                &["application/json;q=0.5", "application/problem+json;q=0.6"],
                Problem,
                Problem,
            ),
            // The most specific range decides, not the highest.
            (
                &["application/problem+json;q=0.1, */*"],
                ErrorBody,
                ErrorBody,
            ),
            (
                &["application/problem+json;q=0, application/*"],
                ErrorBody,
                ErrorBody,
            ),
            (&["application/json;q=0, */*;q=0.5"], Problem, Problem),
            // Both at zero: nothing acceptable, the enum's own format.
            (
                &["application/json;q=0, application/problem+json;q=0"],
                ErrorBody,
                Problem,
            ),
            // Parameters, spaces, upper-case Q.
            (
                &[" application/problem+json ; charset=utf-8 ; Q=1.000 "],
                Problem,
                Problem,
            ),
            (
                &["application/json;q=1, application/problem+json;q=0.999"],
                ErrorBody,
                ErrorBody,
            ),
        ];
        for (accept, for_error_body, for_problem) in cases {
            assert_eq!(negotiate(ErrorBody, accept), *for_error_body, "{accept:?}");
            assert_eq!(negotiate(Problem, accept), *for_problem, "{accept:?}");
        }
    }

    #[test]
    fn a_malformed_range_is_ignored() {
        for accept in [
            "application/problem+json;q=abc",
            "application/problem+json;q=1.5",
            "application/problem+json;q=2",
            "application/problem+json;q=0.1234",
            "application/problem+json;q=-1",
            "application/problem+json;q=",
            ";q=1",
            ",,,",
            "application/problem+json;q=0.",
        ] {
            // Read as `q=1`, each would ask for problem details.
            assert_eq!(negotiate(ErrorBody, &[accept]), ErrorBody, "{accept}");
        }
        // The valid ranges beside a malformed one still count.
        assert_eq!(
            negotiate(
                ErrorBody,
                &["application/problem+json;q=abc, application/problem+json;q=0.5"]
            ),
            Problem
        );
        // Bytes that are not text at all.
        let bytes: &[u8] = b"\xff\xfe/\x00;q=\x80";
        assert_eq!(ErrorBody.negotiate([bytes]), ErrorBody);
    }
}
