//! The JSON Schema of an error type's body (draft 2020-12, the dialect of
//! OpenAPI 3.1): exactly `status`, `code` and `message`, where `code` is one
//! of the catalog's codes and `status` is that code's status.

use serde_json::{json, Map, Value};

use crate::ErrorSpec;

use super::flatten;

/// The JSON Schema dialect of [`to_schema`]: draft 2020-12, which OpenAPI 3.1
/// schemas use too.
pub const JSON_SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema (draft 2020-12) of every body the error type can send:
/// an object with exactly the members `status`, `code` and `message`
/// (`additionalProperties: false`), whose `code` is one of the codes of
/// [`flatten`] and whose `status` is that code's status.
///
/// Its shape:
///
/// - one branch per status, statuses ascending (under `oneOf` when there
///   are several), each an object whose `status` is that status
///   (`"enum": [400]`) and whose `code` is one of that status's codes
///   (`"enum": [...]`, in declaration order);
/// - each code's description (its variant's doc comment) in the `code`
///   member's `description`, as a Markdown list, and in
///   `x-enum-descriptions`, in the order of the `enum` (the extension that
///   openapi-generator and openapi-typescript read);
/// - `message` is any string: it is made from the code's template.
///
/// A code reached twice with the same status (through two `transparent`
/// variants) is listed once. The schema uses only keywords that OpenAPI 3.1
/// tools, utoipa and aide keep as they are (`type`, `enum`, `properties`,
/// `required`, `additionalProperties`, `oneOf`, `description`).
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// The license key is not known.
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     /// The license has expired.
///     #[api_error(code = "license_expired", message = "License expired")]
///     LicenseExpired,
///     /// Something broke on our side.
///     #[api_error(status = 500, code = "internal_error", message = "Internal error")]
///     Internal,
/// }
///
/// let schema = catalog::to_schema(LicenseError::catalog());
/// assert_eq!(schema["$schema"], catalog::JSON_SCHEMA_DIALECT);
///
/// // One branch per status: 400 with two codes, 500 with one.
/// let branches = schema["oneOf"].as_array().unwrap();
/// assert_eq!(branches.len(), 2);
/// assert_eq!(branches[0]["properties"]["status"]["enum"], serde_json::json!([400]));
/// assert_eq!(
///     branches[0]["properties"]["code"]["enum"],
///     serde_json::json!(["license_not_found", "license_expired"]),
/// );
/// assert_eq!(branches[1]["properties"]["code"]["enum"], serde_json::json!(["internal_error"]));
/// assert_eq!(branches[1]["additionalProperties"], false);
/// ```
pub fn to_schema(catalog: &'static [ErrorSpec]) -> Value {
    let mut schema = body_schema_of(catalog);
    if let Value::Object(members) = &mut schema {
        members.insert("$schema".to_owned(), JSON_SCHEMA_DIALECT.into());
    }
    schema
}

/// [`to_schema`] without `$schema`: the schema as it sits inside an OpenAPI
/// document.
pub(crate) fn body_schema_of(catalog: &'static [ErrorSpec]) -> Value {
    body_schema(&flatten(catalog))
}

/// The schema of a body whose code is one of `entries` (flattened already).
pub(crate) fn body_schema(entries: &[&'static ErrorSpec]) -> Value {
    const DESCRIPTION: &str = "An error body: `status`, `code` and `message`, nothing else. \
        `code` is one of the codes below, and `status` is that code's status.";
    let groups = by_status(entries);
    let mut schema = match groups.as_slice() {
        [(status, specs)] => status_schema(*status, specs),
        // No code at all: an object whose `code` admits nothing.
        [] => status_schema_of(json!({ "type": "integer" }), &[]),
        _ => json!({
            "oneOf": groups
                .iter()
                .map(|(status, specs)| status_schema(*status, specs))
                .collect::<Vec<_>>(),
        }),
    };
    if let Value::Object(members) = &mut schema {
        members.insert("description".to_owned(), DESCRIPTION.into());
    }
    schema
}

/// The codes of `entries` grouped by status, statuses ascending, codes in
/// declaration order. A code reached twice with the same status (through
/// two `transparent` variants) is kept once, as its first entry.
pub(crate) fn by_status(entries: &[&'static ErrorSpec]) -> Vec<(u16, Vec<&'static ErrorSpec>)> {
    let mut groups: Vec<(u16, Vec<&'static ErrorSpec>)> = Vec::new();
    for &spec in entries {
        let at = match groups.binary_search_by_key(&spec.status, |(status, _)| *status) {
            Ok(at) => at,
            Err(at) => {
                groups.insert(at, (spec.status, Vec::new()));
                at
            }
        };
        let specs = &mut groups[at].1;
        if specs.iter().all(|seen| seen.code != spec.code) {
            specs.push(spec);
        }
    }
    groups
}

/// The schema of a body with this status and one of these codes.
pub(crate) fn status_schema(status: u16, specs: &[&'static ErrorSpec]) -> Value {
    status_schema_of(
        json!({
            "type": "integer",
            "enum": [status],
            "description": "The HTTP status of the response.",
        }),
        specs,
    )
}

fn status_schema_of(status: Value, specs: &[&'static ErrorSpec]) -> Value {
    json!({
        "type": "object",
        "properties": {
            "status": status,
            "code": code_schema(specs),
            "message": {
                "type": "string",
                "description": "What went wrong, for people to read, made from the code's \
                    message template. Match on `code`, not on the message.",
            },
        },
        "required": ["status", "code", "message"],
        "additionalProperties": false,
    })
}

/// `code`: one of the codes, each with its description.
fn code_schema(specs: &[&'static ErrorSpec]) -> Value {
    let mut members = Map::new();
    members.insert("type".to_owned(), "string".into());
    members.insert(
        "enum".to_owned(),
        specs.iter().map(|spec| Value::from(spec.code)).collect(),
    );
    members.insert(
        "description".to_owned(),
        format!("The stable error code, one of:\n\n{}", code_list(specs)).into(),
    );
    members.insert(
        "x-enum-descriptions".to_owned(),
        specs
            .iter()
            .map(|spec| Value::from(spec.description))
            .collect(),
    );
    Value::Object(members)
}

/// A Markdown list of the codes, each with its description:
/// ``- `code`: description``. A description of several lines or paragraphs
/// continues, indented, under its item.
pub(crate) fn code_list(specs: &[&'static ErrorSpec]) -> String {
    let mut out = String::new();
    for (i, spec) in specs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("- `");
        out.push_str(spec.code);
        out.push('`');
        let mut lines = spec.description.trim().lines().map(str::trim_end);
        if let Some(first) = lines.next().filter(|line| !line.is_empty()) {
            out.push_str(": ");
            out.push_str(first.trim_start());
        }
        for line in lines {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str("  ");
                out.push_str(line.trim_start());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn groups_by_status_ascending_and_keeps_one_of_each_code() {
        static TWICE: [ErrorSpec; 4] = [
            ErrorSpec::__new("B", "b", 503, "B", ""),
            ErrorSpec::__new("X", "x", 400, "X", ""),
            ErrorSpec::__new("B2", "b", 503, "B again", ""),
            ErrorSpec::__new("Y", "y", 400, "Y", ""),
        ];
        let entries: Vec<_> = TWICE.iter().collect();
        let groups: Vec<(u16, Vec<&str>)> = by_status(&entries)
            .into_iter()
            .map(|(status, specs)| (status, specs.iter().map(|s| s.variant).collect()))
            .collect();
        assert_eq!(groups, [(400, vec!["X", "Y"]), (503, vec!["B"])]);
    }

    #[test]
    fn code_list_folds_descriptions_under_their_item() {
        let entries = flatten(&OUTER);
        assert_eq!(
            code_list(&entries),
            "- `x`\n- `a`: First | second\n- `b`: Line one\n  line two\n\n  Next \\| kept"
        );
    }

    #[test]
    fn an_empty_catalog_admits_no_code() {
        let schema = to_schema(&[]);
        assert_eq!(schema["properties"]["code"]["enum"], json!([]));
        assert_eq!(schema["additionalProperties"], false);
    }
}
