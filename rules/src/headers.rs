//! Response header names and values, by the rules of the `http` crate that
//! sends them.

/// Why `name` is not a header name that `http` takes as it is, if it is not.
///
/// ```
/// use error_catalog_rules::headers::name_error;
///
/// assert_eq!(name_error("retry-after"), None);
/// assert!(name_error("Retry-After").unwrap().contains("lowercase"));
/// ```
pub fn name_error(name: &str) -> Option<String> {
    const TOKEN: &str =
        "a header name is a token: ASCII letters, digits and any of !#$%&'*+-.^_`|~";
    if name.is_empty() {
        return Some(format!("a header name cannot be empty: {TOKEN}"));
    }
    if name.len() > MAX_NAME_LEN {
        return Some(format!(
            "a header name is at most {MAX_NAME_LEN} bytes; this one has {}",
            name.len()
        ));
    }
    for bad in name.chars() {
        if !is_token_char(bad) {
            return Some(format!(
                "`{}` is not a valid header name: {bad:?} is not allowed; {TOKEN}",
                name.escape_debug()
            ));
        }
    }
    let lower = name.to_ascii_lowercase();
    if lower != name {
        return Some(format!(
            "header names are written in lowercase (HTTP/2 sends them so, and `http` keeps them so): \
             write \"{lower}\""
        ));
    }
    None
}

/// `http`'s longest header name.
const MAX_NAME_LEN: usize = (1 << 16) - 1;

/// A `tchar` of RFC 9110, the characters of `http`'s `HEADER_CHARS` table.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Why `value` is not a header value `http` takes, if it is not: a control
/// character other than tab (a line break would end the header), or DEL.
///
/// ```
/// use error_catalog_rules::headers::value_error;
///
/// assert_eq!(value_error("Bearer realm=\"api\""), None);
/// assert!(value_error("two\nlines").is_some());
/// ```
pub fn value_error(value: &str) -> Option<String> {
    for bad in value.chars() {
        if (bad < ' ' && bad != '\t') || bad == '\u{7f}' {
            return Some(format!(
                "{bad:?} is not allowed in a header value: a value is visible ASCII, spaces, tabs \
                 and non-ASCII text, on one line"
            ));
        }
    }
    None
}

/// Whether `http`'s `HeaderValue::from_static`, which the generated code
/// calls in a `const` block, takes the value: visible ASCII, space and tab.
///
/// ```
/// use error_catalog_rules::headers::is_static_value;
///
/// assert!(is_static_value("30"));
/// assert!(!is_static_value("café"));
/// ```
pub fn is_static_value(value: &str) -> bool {
    for b in value.bytes() {
        if !((b' '..0x7f).contains(&b) || b == b'\t') {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `http` takes as a name, as it is: `from_bytes` accepts it and
    /// keeps it unchanged (so it was lowercase already).
    fn http_takes_name(name: &str) -> bool {
        http::HeaderName::from_bytes(name.as_bytes()).is_ok_and(|n| n.as_str() == name)
    }

    #[test]
    fn names_are_checked_as_http_checks_them() {
        // Every byte a Rust string can hold as one char, at the start, in the
        // middle and at the end of a name, and alone.
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['é', 'ß', '日', '\u{80}'])
        {
            for name in [
                format!("{c}"),
                format!("{c}x-a"),
                format!("x{c}a"),
                format!("x-a{c}"),
            ] {
                assert_eq!(
                    name_error(&name).is_none(),
                    http_takes_name(&name),
                    "{name:?}: {:?}",
                    name_error(&name)
                );
            }
        }
        // Standard names, and the longest and one too long.
        for name in ["www-authenticate", "retry-after", "allow", "x-request-id"] {
            assert!(name_error(name).is_none(), "{name}");
            assert!(http_takes_name(name), "{name}");
        }
        let longest = "a".repeat(MAX_NAME_LEN);
        assert!(name_error(&longest).is_none());
        assert!(http_takes_name(&longest));
        let too_long = "a".repeat(MAX_NAME_LEN + 1);
        assert!(name_error(&too_long).is_some());
        assert!(!http_takes_name(&too_long));
        assert!(name_error("").is_some());
        assert!(!http_takes_name(""));
    }

    #[test]
    fn values_are_checked_as_http_checks_them() {
        let chars = (0u32..0x100)
            .filter_map(char::from_u32)
            .chain(['日', '🚀', '\u{2028}', '\u{feff}']);
        for c in chars {
            for value in [format!("{c}"), format!("a{c}b"), format!(" {c} ")] {
                let http_takes = http::HeaderValue::from_bytes(value.as_bytes()).is_ok();
                assert_eq!(value_error(&value).is_none(), http_takes, "{value:?}");
                // The const path takes the ASCII ones; the others go through
                // `from_maybe_shared`.
                let from_static = std::panic::catch_unwind(|| {
                    http::HeaderValue::from_static(Box::leak(value.clone().into_boxed_str()))
                })
                .is_ok();
                assert_eq!(is_static_value(&value), from_static, "{value:?}");
            }
        }
        assert!(value_error("").is_none());
    }
}
