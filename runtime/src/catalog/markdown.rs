//! The catalog as a Markdown table shaped like an API reference page.

use crate::ErrorSpec;

use super::flatten;

/// The catalog as a Markdown table, columns Status, Code and Description, one
/// row per entry of [`flatten`], in declaration order.
///
/// Each line ends with a newline. In descriptions, a `|` is escaped as `\|`
/// (one already escaped is kept), and line breaks are folded so that each
/// entry stays on one row: the lines of a paragraph are joined by spaces,
/// paragraphs by `<br><br>`.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// Requested API path doesn't exist
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
///     /// The key is not known:
///     /// check `a | b`.
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// assert_eq!(
///     catalog::to_markdown(LicenseError::catalog()),
///     "| Status | Code | Description |\n\
///      | --- | --- | --- |\n\
///      | 404 | not_found | Requested API path doesn't exist |\n\
///      | 400 | license_not_found | The key is not known: check `a \\| b`. |\n",
/// );
/// ```
pub fn to_markdown(catalog: &'static [ErrorSpec]) -> String {
    let entries = flatten(catalog);
    let mut out = String::with_capacity(64 + entries.len() * 96);
    out.push_str("| Status | Code | Description |\n| --- | --- | --- |\n");
    for spec in entries {
        out.push_str("| ");
        out.push_str(&spec.status.to_string());
        out.push_str(" | ");
        push_cell(&mut out, spec.code);
        out.push_str(" | ");
        push_cell(&mut out, spec.description);
        out.push_str(" |\n");
    }
    out
}

/// Appends `text` as the content of one table cell: on one line, with every
/// unescaped `|` escaped.
fn push_cell(out: &mut String, text: &str) {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(core::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("<br><br>");
        }
        let mut backslashes = 0usize;
        for c in paragraph.chars() {
            if c == '|' && backslashes % 2 == 0 {
                out.push('\\');
            }
            if c == '\\' {
                backslashes += 1;
            } else {
                backslashes = 0;
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn markdown_escapes_pipes_and_folds_lines() {
        assert_eq!(
            to_markdown(&OUTER),
            "| Status | Code | Description |\n\
             | --- | --- | --- |\n\
             | 400 | x |  |\n\
             | 404 | a | First \\| second |\n\
             | 503 | b | Line one line two<br><br>Next \\| kept |\n"
        );
    }
}
