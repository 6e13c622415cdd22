//! Renders an error type's catalog for people and tools: a Markdown table for
//! the documentation, a JSON array for everything else.
//!
//! Every function takes the `&'static [ErrorSpec]` that
//! [`ApiError::catalog`](crate::ApiError::catalog) returns, and expands
//! `transparent` variants into the entries of the errors they wrap, so the
//! output lists every code a client can receive.
//!
//! ```
//! use error_catalog::{catalog, ApiError};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum OrderError {
//!     /// The order id is already taken.
//!     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
//!     OrderIdExists,
//! }
//!
//! print!("{}", catalog::to_markdown(OrderError::catalog()));
//! ```

use serde::ser::{SerializeStruct, Serializer};

use crate::ErrorSpec;

/// The entries of `catalog` with every `transparent` entry replaced by the
/// entries of the catalog it wraps (recursively), in declaration order.
///
/// A catalog that wraps itself, directly or through others, is expanded once:
/// the repeated wrapping is skipped rather than followed forever.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The store is unreachable.
///     #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable")]
///     Unavailable,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum ServiceError {
///     /// The license key is not known.
///     #[api_error(status = 404, code = "license_not_found", message = "License not found")]
///     LicenseNotFound,
///     #[api_error(transparent)]
///     Store(#[from] StoreError),
/// }
///
/// // Two variants, one of them transparent...
/// assert_eq!(ServiceError::catalog().len(), 2);
/// assert!(ServiceError::catalog()[1].is_transparent());
///
/// // ...flatten into the two codes a client can receive.
/// let codes: Vec<_> = catalog::flatten(ServiceError::catalog())
///     .iter()
///     .map(|spec| (spec.status, spec.code))
///     .collect();
/// assert_eq!(codes, [(404, "license_not_found"), (503, "store_unavailable")]);
/// ```
pub fn flatten(catalog: &'static [ErrorSpec]) -> Vec<&'static ErrorSpec> {
    let mut out = Vec::with_capacity(catalog.len());
    let mut path = Vec::new();
    flatten_into(catalog, &mut path, &mut out);
    out
}

fn flatten_into(
    catalog: &'static [ErrorSpec],
    path: &mut Vec<*const [ErrorSpec]>,
    out: &mut Vec<&'static ErrorSpec>,
) {
    let this: *const [ErrorSpec] = catalog;
    if path.iter().any(|seen| core::ptr::eq(*seen, this)) {
        return;
    }
    path.push(this);
    for spec in catalog {
        match spec.nested {
            Some(nested) => flatten_into(nested(), path, out),
            None => out.push(spec),
        }
    }
    path.pop();
}

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

/// The catalog as a pretty-printed JSON array, one object per entry of
/// [`flatten`], in declaration order, with the members `status`, `code`,
/// `message` (the template as written), `description` and `variant`.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// An action is being attempted on a license which cannot be found
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// let json = catalog::to_json(LicenseError::catalog());
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(
///     value,
///     serde_json::json!([{
///         "status": 400,
///         "code": "license_not_found",
///         "message": "License {key} not found",
///         "description": "An action is being attempted on a license which cannot be found",
///         "variant": "LicenseNotFound",
///     }]),
/// );
/// ```
pub fn to_json(catalog: &'static [ErrorSpec]) -> String {
    let entries: Vec<Entry> = flatten(catalog).into_iter().map(Entry).collect();
    // Serializing strings and integers into a String cannot fail.
    serde_json::to_string_pretty(&entries).expect("a catalog always serializes to JSON")
}

/// One catalog entry as a JSON object, members in a fixed order.
struct Entry(&'static ErrorSpec);

impl serde::Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let spec = self.0;
        let mut s = serializer.serialize_struct("ErrorSpec", 5)?;
        s.serialize_field("status", &spec.status)?;
        s.serialize_field("code", spec.code)?;
        s.serialize_field("message", spec.message)?;
        s.serialize_field("description", spec.description)?;
        s.serialize_field("variant", spec.variant)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static INNER: [ErrorSpec; 2] = [
        ErrorSpec::__new("A", "a", 404, "A | B", "First | second"),
        ErrorSpec::__new("B", "b", 503, "B", "Line one\nline two\n\nNext \\| kept"),
    ];

    fn inner() -> &'static [ErrorSpec] {
        &INNER
    }

    fn outer() -> &'static [ErrorSpec] {
        &OUTER
    }

    static OUTER: [ErrorSpec; 3] = [
        ErrorSpec::__new("X", "x", 400, "X", ""),
        ErrorSpec::__transparent("Inner", "", inner),
        ErrorSpec::__transparent("Again", "", outer),
    ];

    #[test]
    fn flatten_expands_transparent_entries_in_order_and_stops_on_cycles() {
        let codes: Vec<_> = flatten(&OUTER).iter().map(|s| s.code).collect();
        assert_eq!(codes, ["x", "a", "b"]);
        let codes: Vec<_> = flatten(&INNER).iter().map(|s| s.code).collect();
        assert_eq!(codes, ["a", "b"]);
    }

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

    #[test]
    fn json_has_the_five_members_in_order() {
        let json = to_json(&INNER);
        assert!(json.starts_with("[\n  {\n    \"status\": 404,\n    \"code\": \"a\",\n    \"message\": \"A | B\",\n    \"description\": \"First | second\",\n    \"variant\": \"A\"\n  },"), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value.as_array().unwrap().len(), 2);
        assert_eq!(
            value[1]["description"],
            "Line one\nline two\n\nNext \\| kept"
        );
    }
}
