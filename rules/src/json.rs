//! JSON string escaping at expansion time, byte for byte as `serde_json`
//! (and the runtime's body writer) escapes, and the two bodies written at
//! expansion time: the error body and the problem details.

/// Appends `s` to `out` as the inside of a JSON string.
///
/// ```
/// let mut out = String::new();
/// error_catalog_rules::json::escape_into(&mut out, "say \"hi\"\n");
/// assert_eq!(out, r#"say \"hi\"\n"#);
/// ```
pub fn escape_into(out: &mut String, s: &str) {
    // Runs of bytes that need no escape are copied whole: the derive runs
    // unoptimized in a dev build, where a push per character costs. Every
    // byte to escape is ASCII, so a run never splits a character.
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// The whole body of an error with a fixed message.
///
/// ```
/// assert_eq!(
///     error_catalog_rules::json::body(404, "not_found", "Not found"),
///     r#"{"status":404,"code":"not_found","message":"Not found"}"#,
/// );
/// ```
pub fn body(status: u16, code: &str, message: &str) -> String {
    let mut out = String::with_capacity(40 + code.len() + message.len());
    out.push_str("{\"status\":");
    out.push_str(&status.to_string());
    out.push_str(",\"code\":\"");
    escape_into(&mut out, code);
    out.push_str("\",\"message\":\"");
    escape_into(&mut out, message);
    out.push_str("\"}");
    out
}

/// The whole problem details body of an error with a fixed message, the
/// members in the runtime's order (`representation/problem.rs`).
///
/// ```
/// assert_eq!(
///     error_catalog_rules::json::problem_body("about:blank", Some("Not Found"), 404, "Not found", "not_found"),
///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not found","code":"not_found"}"#,
/// );
/// ```
pub fn problem_body(
    problem_type: &str,
    title: Option<&str>,
    status: u16,
    detail: &str,
    code: &str,
) -> String {
    let mut out = String::with_capacity(64 + problem_type.len() + detail.len() + code.len());
    out.push_str("{\"type\":\"");
    escape_into(&mut out, problem_type);
    out.push('"');
    if let Some(title) = title {
        out.push_str(",\"title\":\"");
        escape_into(&mut out, title);
        out.push('"');
    }
    out.push_str(",\"status\":");
    out.push_str(&status.to_string());
    out.push_str(",\"detail\":\"");
    escape_into(&mut out, detail);
    out.push_str("\",\"code\":\"");
    escape_into(&mut out, code);
    out.push_str("\"}");
    out
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    /// JSON's escapes one character at a time, as serde_json writes them.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn runs_and_escapes_are_json_s() {
        let mut every_ascii = String::new();
        for b in 0u8..0x80 {
            every_ascii.push(char::from(b));
        }
        let texts = [
            "",
            "plain",
            "\"",
            "ends with \\",
            "\u{0}starts and ends\u{1f}",
            "é \"ü\" \u{1} 日本 🚀 \u{7f} </script>",
            "\n\r\t\u{8}\u{c}\u{b}",
            every_ascii.as_str(),
        ];
        for text in texts {
            let mut out = String::from("kept:");
            escape_into(&mut out, text);
            assert_eq!(out, format!("kept:{}", reference(text)), "{text:?}");
        }
    }
}
