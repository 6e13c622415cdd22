//! The headers a variant sends with its response, as the derive declares
//! them: a fixed `header("name", "value")` is a `HeaderValue` made at
//! compile time; a `#[header("name")]` field is displayed here, at run time,
//! and left out when its text is not a valid header value.

use core::fmt::{self, Write};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};

/// How many bytes of a field's text are displayed on the stack before
/// spilling to the heap; a header value is seldom longer.
const STACK: usize = 128;

/// Appends the `Display` of a `#[header("name")]` field as the value of
/// `name`. A text that `http` refuses as a header value (a line break, a
/// control character) is left out, never sent broken, and logged at warn
/// level with the `tracing` feature.
pub fn append_field(
    headers: &mut HeaderMap,
    name: HeaderName,
    value: &dyn fmt::Display,
    code: &'static str,
) {
    let mut text = Text::new();
    let shown = write!(text, "{value}").is_ok();
    let valid = if shown {
        HeaderValue::from_bytes(text.as_bytes()).ok()
    } else {
        None
    };
    match valid {
        Some(value) => {
            headers.append(name, value);
        }
        None => left_out(&name, text.as_bytes(), shown, code),
    }
}

/// Appends a fixed value that holds non-ASCII text (obs-text), which
/// `HeaderValue::from_static` does not take: checked again here, and taken
/// without a copy. The derive checked it already, so it is always appended.
pub fn append_fixed(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    if let Ok(value) = HeaderValue::from_maybe_shared(Bytes::from_static(value.as_bytes())) {
        headers.append(name, value);
    }
}

#[cfg(feature = "tracing")]
fn left_out(name: &HeaderName, text: &[u8], shown: bool, code: &'static str) {
    // Enough of the text to see what is wrong with it, escaped by `Debug`.
    const EXCERPT: usize = 200;
    let text = String::from_utf8_lossy(&text[..text.len().min(EXCERPT)]);
    if shown {
        tracing::warn!(
            target: crate::adapters::log::TARGET,
            code,
            header = name.as_str(),
            value = ?text,
            "header left out of the error response: its value is not a valid header value"
        );
    } else {
        tracing::warn!(
            target: crate::adapters::log::TARGET,
            code,
            header = name.as_str(),
            "header left out of the error response: its value failed to display"
        );
    }
}

#[cfg(not(feature = "tracing"))]
#[inline]
fn left_out(_: &HeaderName, _: &[u8], _: bool, _: &'static str) {}

/// A field's text: on the stack up to [`STACK`] bytes, then on the heap.
struct Text {
    stack: [u8; STACK],
    len: usize,
    heap: Vec<u8>,
}

impl Text {
    fn new() -> Self {
        Text {
            stack: [0; STACK],
            len: 0,
            heap: Vec::new(),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        if self.heap.is_empty() {
            &self.stack[..self.len]
        } else {
            &self.heap
        }
    }
}

impl Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if self.heap.is_empty() && end <= STACK {
            self.stack[self.len..end].copy_from_slice(s.as_bytes());
            self.len = end;
        } else {
            if self.heap.is_empty() {
                self.heap.reserve(end);
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.extend_from_slice(s.as_bytes());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Shown(&'static str);

    impl fmt::Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    fn appended(value: &dyn fmt::Display) -> Vec<Vec<u8>> {
        let mut headers = HeaderMap::new();
        append_field(&mut headers, HeaderName::from_static("x-test"), value, "c");
        headers
            .get_all("x-test")
            .iter()
            .map(|v| v.as_bytes().to_vec())
            .collect()
    }

    #[test]
    fn a_valid_text_is_appended_whole_short_or_long() {
        let long = "a".repeat(STACK * 3 + 1);
        for text in [
            "30",
            "",
            "Bearer realm=\"x\"",
            "tab\there",
            "é",
            long.as_str(),
        ] {
            assert_eq!(appended(&text), [text.as_bytes()], "{text:?}");
        }
        // Written in pieces that cross the stack's end.
        struct Pieces;
        impl fmt::Display for Pieces {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for _ in 0..100 {
                    f.write_str("abc")?;
                }
                Ok(())
            }
        }
        assert_eq!(appended(&Pieces), ["abc".repeat(100).into_bytes()]);
    }

    #[test]
    fn an_invalid_text_is_left_out_as_http_refuses_it() {
        for byte in 0u8..0x80 {
            let text = format!("a{}b", byte as char);
            let valid = HeaderValue::from_bytes(text.as_bytes()).is_ok();
            let sent = appended(&text);
            assert_eq!(sent.len(), usize::from(valid), "{byte:#x}");
        }
        let long_and_broken = format!("{}\n", "a".repeat(STACK * 2));
        assert!(appended(&long_and_broken).is_empty());
    }

    #[test]
    fn a_failing_display_sends_nothing() {
        struct Fails;
        impl fmt::Display for Fails {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("partial")?;
                Err(fmt::Error)
            }
        }
        assert!(appended(&Fails).is_empty());
        assert_eq!(appended(&Shown("ok")), [b"ok".to_vec()]);
    }

    #[test]
    fn a_fixed_obs_text_value_is_appended() {
        let mut headers = HeaderMap::new();
        append_fixed(&mut headers, HeaderName::from_static("x-test"), "café");
        assert_eq!(headers["x-test"].as_bytes(), "café".as_bytes());
    }
}
