//! OpenAPI 3.1 from an error type's catalog: the responses of an operation
//! (one per status), the `components` fragment a service merges into its
//! own document, and a standalone document of the catalog.

use serde_json::{json, Map, Value};

use crate::ErrorSpec;

use super::flatten;
use super::schema::{body_schema, by_status, code_list, status_schema};

/// The OpenAPI version of [`to_openapi`].
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The OpenAPI 3.1 responses of an operation that can fail with any error
/// of the catalog: a JSON object from status (`"400"`) to Response Object,
/// statuses ascending, one response per status however many codes share it.
///
/// Each response has:
///
/// - a `description` that names the status and lists each of its codes
///   with its description (the variant's doc comment), as Markdown;
/// - `content."application/json".schema`, the schema of a body with that
///   status and one of its codes, nothing else (as in
///   [`to_schema`](super::to_schema));
/// - `content."application/json".examples`, one Example Object per code,
///   keyed by the code: its `summary` is the first line of the code's
///   description, its `value` a body of that code. A templated message shows
///   each placeholder as its field's name in angle brackets
///   (`License {key} not found` → `License <key> not found`; a positional
///   `{0}` or `{}` → `<0>`), and `{{`, `}}` as `{`, `}`; the Example's
///   `description` then quotes the template. Every example validates
///   against the response's schema.
///
/// Merge the object into an operation's `responses`, beside its success
/// response. utoipa and aide do it for you (features `utoipa` and `aide`);
/// [`subset!`](crate::subset) narrows the codes to those one operation
/// can return.
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
/// }
///
/// let responses = catalog::openapi_responses(LicenseError::catalog());
/// // Two codes, one status: one response that has both.
/// assert_eq!(responses.as_object().unwrap().len(), 1);
/// let bad_request = &responses["400"];
/// assert_eq!(
///     bad_request["description"],
///     "Bad Request. The body's `code` is one of:\n\n\
///      - `license_not_found`: The license key is not known.\n\
///      - `license_expired`: The license has expired.",
/// );
/// let examples = &bad_request["content"]["application/json"]["examples"];
/// assert_eq!(
///     examples["license_not_found"]["value"],
///     serde_json::json!({
///         "status": 400,
///         "code": "license_not_found",
///         "message": "License <key> not found",
///     }),
/// );
/// assert_eq!(examples["license_expired"]["value"]["message"], "License expired");
/// ```
pub fn openapi_responses(catalog: &'static [ErrorSpec]) -> Value {
    Value::Object(responses(&flatten(catalog)))
}

/// [`openapi_responses`] as `(status, Response Object)` pairs, statuses
/// ascending, for the adapters.
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) fn status_responses(catalog: &'static [ErrorSpec]) -> Vec<(u16, Value)> {
    by_status(&flatten(catalog))
        .into_iter()
        .map(|(status, specs)| (status, response(status, &specs)))
        .collect()
}

fn responses(entries: &[&'static ErrorSpec]) -> Map<String, Value> {
    by_status(entries)
        .into_iter()
        .map(|(status, specs)| (status.to_string(), response(status, &specs)))
        .collect()
}

/// The Response Object of one status with these codes.
fn response(status: u16, specs: &[&'static ErrorSpec]) -> Value {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map_or_else(|| format!("Error {status}"), str::to_owned);
    let examples: Map<String, Value> = specs
        .iter()
        .map(|spec| (spec.code.to_owned(), example(spec)))
        .collect();
    json!({
        "description": format!("{reason}. The body's `code` is one of:\n\n{}", code_list(specs)),
        "content": {
            "application/json": {
                "schema": status_schema(status, specs),
                "examples": examples,
            },
        },
    })
}

/// The Example Object of one code.
fn example(spec: &ErrorSpec) -> Value {
    let mut example = Map::new();
    if let Some(summary) = spec.description.lines().map(str::trim).next() {
        if !summary.is_empty() {
            example.insert("summary".to_owned(), summary.into());
        }
    }
    if !spec.is_fixed_message() {
        example.insert(
            "description".to_owned(),
            format!("The message is made from the template `{}`.", spec.message).into(),
        );
    }
    example.insert(
        "value".to_owned(),
        json!({
            "status": spec.status,
            "code": spec.code,
            "message": example_message(spec.message),
        }),
    );
    Value::Object(example)
}

/// A message template made readable for an example: each placeholder
/// becomes its field's name in angle brackets (`{key}`, `{key:?}`,
/// `{key:>8}` → `<key>`; `{0}` → `<0>`; `{}` → the next position, as
/// `format!` counts), and `{{`, `}}` become `{`, `}`. An unclosed `{` is
/// kept as it is.
pub(crate) fn example_message(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut next_position = 0usize;
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let (brace, after) = (rest.as_bytes()[at], &rest[at + 1..]);
        if after.as_bytes().first() == Some(&brace) {
            // `{{` or `}}`
            out.push(char::from(brace));
            rest = &after[1..];
            continue;
        }
        if brace == b'}' {
            out.push('}');
            rest = after;
            continue;
        }
        let Some(end) = after.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let argument = after[..end].split(':').next().unwrap_or("").trim();
        out.push('<');
        if argument.is_empty() {
            out.push_str(&next_position.to_string());
            next_position += 1;
        } else {
            out.push_str(argument);
        }
        out.push('>');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The `components` fragment of the catalog, for a service to merge into
/// its own OpenAPI document:
///
/// - `schemas.{name}`: the schema of every body the type can send (as
///   [`to_schema`](super::to_schema), without `$schema`);
/// - `responses.{name}{status}` (such as `LicenseApiError400`): the
///   responses of [`openapi_responses`], one per status, each with its own
///   schema inline, so that each stands alone.
///
/// `name` becomes part of component names, which OpenAPI restricts to
/// ASCII letters, digits, `.`, `-` and `_`: the type's name is the usual
/// choice.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     /// The order id is already taken.
///     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
///     OrderIdExists,
///     /// No order has that id.
///     #[api_error(status = 404, code = "order_not_found", message = "Order {0} not found")]
///     OrderNotFound(u64),
/// }
///
/// let components = catalog::openapi_components(OrderError::catalog(), "OrderError");
/// assert!(components["schemas"]["OrderError"]["oneOf"].is_array());
/// let names: Vec<&String> = components["responses"].as_object().unwrap().keys().collect();
/// assert_eq!(names, ["OrderError404", "OrderError409"]);
/// ```
pub fn openapi_components(catalog: &'static [ErrorSpec], name: &str) -> Value {
    let entries = flatten(catalog);
    let mut schemas = Map::new();
    schemas.insert(name.to_owned(), body_schema(&entries));
    let responses: Map<String, Value> = responses(&entries)
        .into_iter()
        .map(|(status, response)| (format!("{name}{status}"), response))
        .collect();
    json!({ "schemas": schemas, "responses": responses })
}

/// A standalone OpenAPI 3.1 document of the catalog: `info` (`title` is
/// `name`, `version` is `version`), no paths, and the
/// [`openapi_components`] of the catalog. It documents the error contract
/// on its own, for tools that read OpenAPI (client generators, gateways,
/// linters).
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     /// The order id is already taken.
///     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
///     OrderIdExists,
/// }
///
/// let document = catalog::to_openapi(OrderError::catalog(), "OrderError", "1.0.0");
/// assert_eq!(document["openapi"], "3.1.0");
/// assert_eq!(document["info"]["title"], "OrderError");
/// assert!(document["components"]["responses"]["OrderError409"].is_object());
/// println!("{}", serde_json::to_string_pretty(&document).unwrap());
/// ```
pub fn to_openapi(catalog: &'static [ErrorSpec], name: &str, version: &str) -> Value {
    json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": name,
            "version": version,
            "description": format!(
                "The errors of `{name}`: every error body it can send, one response \
                 per status, every code with its description and an example.",
            ),
        },
        "paths": {},
        "components": openapi_components(catalog, name),
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn example_messages_show_placeholders_readably() {
        for (template, expected) in [
            ("License {key} not found", "License <key> not found"),
            ("{0}", "<0>"),
            ("{} and {} then {0}", "<0> and <1> then <0>"),
            ("Quantity {n:>8.2} of {m:?}", "Quantity <n> of <m>"),
            ("Use {{braces}} and }} alone", "Use {braces} and } alone"),
            ("Not a {placeholder", "Not a {placeholder"),
            ("Stray } brace", "Stray } brace"),
            ("Fixed", "Fixed"),
            ("", ""),
            ("{{{key}}}", "{<key>}"),
            ("é {ü} ü", "é <ü> ü"),
        ] {
            assert_eq!(example_message(template), expected, "{template:?}");
        }
    }

    #[test]
    fn one_response_per_status_with_every_code() {
        let responses = openapi_responses(&OUTER);
        let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["400", "404", "503"]);
        let unavailable = &responses["503"];
        assert!(unavailable["description"]
            .as_str()
            .unwrap()
            .starts_with("Service Unavailable. "));
        let examples = unavailable["content"]["application/json"]["examples"]
            .as_object()
            .unwrap();
        assert_eq!(examples.keys().collect::<Vec<_>>(), ["b"]);
        assert_eq!(examples["b"]["summary"], "Line one");
        // No summary for an entry without a description.
        assert!(
            responses["400"]["content"]["application/json"]["examples"]["x"]
                .get("summary")
                .is_none()
        );
    }

    #[test]
    fn a_status_without_a_reason_phrase_is_named_by_its_number() {
        static ODD: [ErrorSpec; 1] = [ErrorSpec::__new("Odd", "odd", 599, "Odd", "")];
        let responses = openapi_responses(&ODD);
        assert!(responses["599"]["description"]
            .as_str()
            .unwrap()
            .starts_with("Error 599. "));
    }
}
