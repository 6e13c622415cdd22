//! The JSON Schema of an error type's body (draft 2020-12, the dialect of
//! OpenAPI 3.1): exactly `status`, `code` and `message`, where `code` is one
//! of the catalog's codes and `status` is that code's status; or, for
//! problem details, exactly `type`, `title`, `status`, `detail` and `code`,
//! each code with its own `type` and `title`.

use serde_json::{json, Map, Value};

use crate::{BodyFormat, ErrorSpec};

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
/// This is the schema of the default body. For an enum declared with
/// `#[api_error(format = "problem")]`, which sends problem details, use
/// [`to_schema_as`] with its [`body_format`](crate::ApiError::body_format).
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
    to_schema_as(catalog, BodyFormat::ErrorBody)
}

/// The JSON Schema (draft 2020-12) of every body the error type sends in
/// `format`: [`to_schema`] for [`BodyFormat::ErrorBody`], and for
/// [`BodyFormat::Problem`] the schema of its RFC 9457 problem details
/// (`application/problem+json`), as
/// [`to_problem_json`](crate::ApiError::to_problem_json) writes them.
///
/// Pass the type's own [`body_format`](crate::ApiError::body_format) to
/// document the body it sends from `to_response()`, its `Serialize` and the
/// framework responses. The catalog-level functions take the format as a
/// parameter, because the catalog (`&'static [ErrorSpec]`) does not carry
/// it; the functions without `_as` mean [`BodyFormat::ErrorBody`]. A
/// `transparent` entry's codes are documented in the format asked for, as
/// the outer type sends them.
///
/// A problem body has exactly the members `type`, `title`, `status`,
/// `detail` and `code`, in that order, `additionalProperties: false`. Since
/// `type` and `title` are the code's own, the schema has one branch per
/// code (under `oneOf` when there are several; statuses ascending, codes in
/// declaration order), each an object whose `type`, `title`, `status` and
/// `code` admit that code's one value (`"enum": [...]`, which utoipa
/// keeps, where it would drop `const`) and whose `detail` is any string. A code whose entry has no title
/// ([`ErrorSpec::problem_title`] is `None`) has no `title` member: its
/// branch has none, and rejects one. Every member the branch has is
/// required. The schema's `description` lists every code with its
/// description, and each branch's `code` carries its own.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError, BodyFormat};
/// use serde_json::json;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem", type_base = "https://docs.example.com/errors/")]
/// enum LicenseError {
///     /// The license key is not known.
///     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     #[api_error(status = 499, code = "client_closed", message = "Closed")]
///     ClientClosed,
/// }
///
/// let schema = catalog::to_schema_as(LicenseError::catalog(), LicenseError::body_format());
/// assert_eq!(schema["$schema"], catalog::JSON_SCHEMA_DIALECT);
///
/// // One branch per code, with the code's own `type` and `title`.
/// let branches = schema["oneOf"].as_array().unwrap();
/// let found = &branches[0]["properties"];
/// assert_eq!(found["type"]["enum"], json!(["https://docs.example.com/errors/license_not_found"]));
/// assert_eq!(found["title"]["enum"], json!(["The license key is not known."]));
/// assert_eq!(found["status"]["enum"], json!([404]));
/// assert_eq!(found["code"]["enum"], json!(["license_not_found"]));
/// assert_eq!(found["detail"]["type"], "string");
/// assert_eq!(branches[0]["required"], json!(["type", "title", "status", "detail", "code"]));
/// assert_eq!(branches[0]["additionalProperties"], false);
///
/// // 499 has no reason phrase, and the variant no doc comment: no `title`.
/// assert!(branches[1]["properties"].get("title").is_none());
/// assert_eq!(branches[1]["required"], json!(["type", "status", "detail", "code"]));
///
/// // The same catalog in the default format: the `{status, code, message}` body.
/// assert_eq!(
///     catalog::to_schema_as(LicenseError::catalog(), BodyFormat::ErrorBody),
///     catalog::to_schema(LicenseError::catalog()),
/// );
/// ```
pub fn to_schema_as(catalog: &'static [ErrorSpec], format: BodyFormat) -> Value {
    let mut schema = body_schema_of(catalog, format);
    if let Value::Object(members) = &mut schema {
        members.insert("$schema".to_owned(), JSON_SCHEMA_DIALECT.into());
    }
    schema
}

/// [`to_schema_as`] without `$schema`: the schema as it sits inside an
/// OpenAPI document.
pub(crate) fn body_schema_of(catalog: &'static [ErrorSpec], format: BodyFormat) -> Value {
    body_schema(&flatten(catalog), format)
}

/// The schema of a body in `format` whose code is one of `entries`
/// (flattened already).
pub(crate) fn body_schema(entries: &[&'static ErrorSpec], format: BodyFormat) -> Value {
    let groups = by_status(entries);
    let (mut schema, description) = match format {
        BodyFormat::Problem => {
            let codes: Vec<_> = groups
                .iter()
                .flat_map(|(_, specs)| distinct(specs, format))
                .collect();
            let schema = match codes.as_slice() {
                // No code at all: an object whose `code` admits nothing.
                [] => problem_schema_of(None, json!({ "type": "integer" }), &[]),
                _ => one_of(codes.iter().map(|spec| problem_schema(spec)).collect()),
            };
            let description = format!(
                "RFC 9457 problem details (`application/problem+json`): `type`, `title` \
                 (when the code has one), `status`, `detail` and `code`, nothing else. \
                 `code` is one of the codes below; `type`, `title` and `status` are that \
                 code's.\n\n{}",
                code_list(&codes)
            );
            (schema, description)
        }
        BodyFormat::ErrorBody => {
            let schema = match groups.as_slice() {
                // No code at all: an object whose `code` admits nothing.
                [] => status_schema_of(json!({ "type": "integer" }), &[]),
                _ => one_of(
                    groups
                        .iter()
                        .map(|(status, specs)| status_schema(*status, specs, format))
                        .collect(),
                ),
            };
            let description = "An error body: `status`, `code` and `message`, nothing else. \
                `code` is one of the codes below, and `status` is that code's status.";
            (schema, description.to_owned())
        }
    };
    if let Value::Object(members) = &mut schema {
        members.insert("description".to_owned(), description.into());
    }
    schema
}

/// One schema as it is, several under `oneOf`.
fn one_of(mut schemas: Vec<Value>) -> Value {
    if schemas.len() == 1 {
        schemas.remove(0)
    } else {
        json!({ "oneOf": schemas })
    }
}

/// The entries of `entries` grouped by status, statuses ascending, entries
/// in declaration order. A code reached twice (through two `transparent`
/// variants) is in its group twice: see [`distinct`].
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
        groups[at].1.push(spec);
    }
    groups
}

/// The entries of one status that send different bodies in `format`, each
/// as its first entry: one per code for the `{status, code, message}` body,
/// one per code, type and title for problem details (two wrapped types can
/// share a code and differ in their `type_base`).
pub(crate) fn distinct(
    specs: &[&'static ErrorSpec],
    format: BodyFormat,
) -> Vec<&'static ErrorSpec> {
    let same = |a: &ErrorSpec, b: &ErrorSpec| match format {
        BodyFormat::Problem => {
            a.code == b.code
                && a.problem_type == b.problem_type
                && a.problem_title == b.problem_title
        }
        BodyFormat::ErrorBody => a.code == b.code,
    };
    let mut out: Vec<&'static ErrorSpec> = Vec::with_capacity(specs.len());
    for &spec in specs {
        if out.iter().all(|seen| !same(seen, spec)) {
            out.push(spec);
        }
    }
    out
}

/// The schema of a body in `format` with this status and one of these
/// codes: for problem details, one branch per code.
pub(crate) fn status_schema(
    status: u16,
    specs: &[&'static ErrorSpec],
    format: BodyFormat,
) -> Value {
    let specs = distinct(specs, format);
    match format {
        BodyFormat::Problem => one_of(specs.iter().map(|spec| problem_schema(spec)).collect()),
        BodyFormat::ErrorBody => status_schema_of(status_member(status), &specs),
    }
}

fn status_member(status: u16) -> Value {
    json!({
        "type": "integer",
        "enum": [status],
        "description": "The HTTP status of the response.",
    })
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

/// The schema of the problem details of one code: the members that
/// `to_problem_json` writes, in its order.
fn problem_schema(spec: &'static ErrorSpec) -> Value {
    problem_schema_of(Some(spec), status_member(spec.status), &[spec])
}

fn problem_schema_of(
    spec: Option<&'static ErrorSpec>,
    status: Value,
    codes: &[&'static ErrorSpec],
) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut member = |name: &'static str, schema: Value| {
        properties.insert(name.to_owned(), schema);
        required.push(Value::from(name));
    };
    member(
        "type",
        match spec {
            Some(spec) => json!({
                "type": "string",
                "enum": [spec.problem_type],
                "description": "The problem type, a URI reference that names the code \
                    (`about:blank` when the API gives none).",
            }),
            None => json!({ "type": "string" }),
        },
    );
    if let Some(title) = spec.and_then(|spec| spec.problem_title) {
        member(
            "title",
            json!({
                "type": "string",
                "enum": [title],
                "description": "A short summary of the problem type, the same for every \
                    error of the code.",
            }),
        );
    }
    member("status", status);
    member(
        "detail",
        json!({
            "type": "string",
            "description": "What went wrong, for people to read, made from the code's \
                message template. Match on `code`, not on the detail.",
        }),
    );
    member("code", code_schema(codes));
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
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
    fn groups_by_status_ascending_and_keeps_one_body_of_each_code() {
        static TWICE: [ErrorSpec; 5] = [
            ErrorSpec::__new("B", "b", 503, "B", ""),
            ErrorSpec::__new("X", "x", 400, "X", ""),
            ErrorSpec::__new("B2", "b", 503, "B again", ""),
            ErrorSpec::__new("Y", "y", 400, "Y", ""),
            // The same code from a type with a `type_base`: another problem body.
            ErrorSpec::__new("B3", "b", 503, "B", "").__problem_type("https://e.example/b"),
        ];
        let entries: Vec<_> = TWICE.iter().collect();
        let groups = by_status(&entries);
        let variants = |format| -> Vec<(u16, Vec<&str>)> {
            groups
                .iter()
                .map(|(status, specs)| {
                    let distinct = distinct(specs, format);
                    (*status, distinct.iter().map(|s| s.variant).collect())
                })
                .collect()
        };
        assert_eq!(
            variants(BodyFormat::ErrorBody),
            [(400, vec!["X", "Y"]), (503, vec!["B"])]
        );
        assert_eq!(
            variants(BodyFormat::Problem),
            [(400, vec!["X", "Y"]), (503, vec!["B", "B3"])]
        );
        // Every entry stays in its group, for the headers of each.
        assert_eq!(groups[1].1.len(), 3);
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
        for format in [BodyFormat::ErrorBody, BodyFormat::Problem] {
            let schema = to_schema_as(&[], format);
            assert_eq!(
                schema["properties"]["code"]["enum"],
                json!([]),
                "{format:?}"
            );
            assert_eq!(schema["additionalProperties"], false);
        }
    }
}
