//! RFC 9457 problem details: each variant's problem `type` and `title`, and
//! the characters a `type_base` URI may hold.

/// A character of a URI (RFC 3986): unreserved, reserved, or `%`.
///
/// ```
/// use error_catalog_rules::problem::is_uri_char;
///
/// assert!(is_uri_char('/') && is_uri_char('%'));
/// assert!(!is_uri_char(' '));
/// ```
pub fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// The problem `type` of a code: the base and the code with one `/` between
/// them, or `about:blank`.
///
/// ```
/// use error_catalog_rules::problem::problem_type;
///
/// let base = Some("https://docs.example.com/errors");
/// assert_eq!(problem_type(base, "not_found"), "https://docs.example.com/errors/not_found");
/// assert_eq!(problem_type(None, "not_found"), "about:blank");
/// ```
pub fn problem_type(base: Option<&str>, code: &str) -> String {
    match base {
        Some(base) if base.ends_with('/') => format!("{base}{code}"),
        Some(base) => format!("{base}/{code}"),
        None => "about:blank".to_owned(),
    }
}

/// The problem `title`: the first sentence of the description's first
/// paragraph, or else the status's reason phrase.
///
/// ```
/// use error_catalog_rules::problem::title;
///
/// assert_eq!(title("The key is unknown. Check it.", 404).as_deref(), Some("The key is unknown."));
/// assert_eq!(title("", 404).as_deref(), Some("Not Found"));
/// ```
pub fn title(first_paragraph: &str, status: u16) -> Option<String> {
    let sentence = first_sentence(first_paragraph.trim());
    let title = if sentence.is_empty() {
        reason_phrase(status)?
    } else {
        sentence
    };
    Some(title.to_owned())
}

/// Up to the first `.`, `!` or `?` that ends the text or is followed by
/// whitespace, that mark included; the whole text when there is none.
///
/// ```
/// use error_catalog_rules::problem::first_sentence;
///
/// assert_eq!(first_sentence("Version 1.2 is gone! Upgrade."), "Version 1.2 is gone!");
/// assert_eq!(first_sentence("No mark"), "No mark");
/// ```
pub fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space_or_end = match chars.peek() {
            Some(&(_, next)) => next.is_whitespace(),
            None => true,
        };
        if matches!(c, '.' | '!' | '?') && next_is_space_or_end {
            return &text[..i + c.len_utf8()];
        }
    }
    text
}

/// The reason phrase of an error status, as `http`'s
/// `StatusCode::canonical_reason` gives it.
///
/// ```
/// use error_catalog_rules::problem::reason_phrase;
///
/// assert_eq!(reason_phrase(429), Some("Too Many Requests"));
/// assert_eq!(reason_phrase(499), None);
/// ```
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_phrases_are_http_s() {
        for status in 400..=599u16 {
            let http = http::StatusCode::from_u16(status).unwrap();
            assert_eq!(reason_phrase(status), http.canonical_reason(), "{status}");
        }
    }

    #[test]
    fn the_title_is_the_first_sentence_or_the_reason_phrase() {
        let cases = [
            (
                "Requested API path doesn't exist",
                "Requested API path doesn't exist",
            ),
            (
                "Caused by request data not conforming to the schema. The message says more",
                "Caused by request data not conforming to the schema.",
            ),
            ("Version 1.2 is gone! Upgrade.", "Version 1.2 is gone!"),
            ("Is it there? No.", "Is it there?"),
            ("Ends with a dot.", "Ends with a dot."),
            ("A.B.C stays whole", "A.B.C stays whole"),
            ("Tabs.\tAfter", "Tabs."),
            ("  Padded.  ", "Padded."),
        ];
        for (doc, title) in cases {
            assert_eq!(super::title(doc, 400).as_deref(), Some(title), "{doc:?}");
        }
        assert_eq!(title("", 404).as_deref(), Some("Not Found"));
        assert_eq!(title("   ", 503).as_deref(), Some("Service Unavailable"));
        assert_eq!(title("", 499), None);
    }

    #[test]
    fn the_type_has_one_slash_before_the_code() {
        assert_eq!(
            problem_type(Some("https://docs.example.com/errors/"), "a"),
            "https://docs.example.com/errors/a"
        );
        assert_eq!(
            problem_type(Some("https://docs.example.com/errors"), "a"),
            "https://docs.example.com/errors/a"
        );
        assert_eq!(problem_type(None, "a"), "about:blank");
    }
}
