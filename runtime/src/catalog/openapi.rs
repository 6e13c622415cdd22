//! OpenAPI 3.1 from an error type's catalog: the responses of an operation
//! (one per status, with the headers its codes send), the `components`
//! fragment a service merges into its own document, and a standalone
//! document of the catalog; each in the `{status, code, message}` body or
//! in problem details.

use serde_json::{json, Map, Value};

use crate::{BodyFormat, ErrorSpec};

use super::flatten;
use super::schema::{body_schema, by_status, code_list, distinct, status_schema};

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
///   against the response's schema;
/// - `headers`, when its codes send any ([`ErrorSpec::headers`], through
///   `transparent` variants too): each header's `schema` is a string, its
///   `style` is `simple`, and its `description` says which codes send it:
///   `Sent with every code of this response.`, or
///   ``Sent only with `a`, `b`: not with the other codes of this response.``
///   (OpenAPI has no header per example). No header is marked `required`:
///   a `#[header]` field whose text is not a valid header value is left
///   out of the response, and utoipa's Header Object has no `required` to
///   keep.
///
/// This is the document of the default body. For an enum declared with
/// `#[api_error(format = "problem")]`, use [`openapi_responses_as`] with its
/// [`body_format`](crate::ApiError::body_format).
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
///
/// A header that only some codes of a status send says which:
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 401)]
/// enum AuthError {
///     #[api_error(
///         code = "authentication_failure",
///         message = "Authentication failed",
///         header("www-authenticate", "Bearer realm=\"licenses\""),
///     )]
///     AuthenticationFailure,
///     #[api_error(code = "hardware_key_mismatch", message = "Hardware key mismatch")]
///     HardwareKeyMismatch,
///     #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
///     RateLimited {
///         #[header("retry-after")]
///         seconds: u64,
///     },
/// }
///
/// let responses = catalog::openapi_responses(AuthError::catalog());
/// let challenge = &responses["401"]["headers"]["www-authenticate"];
/// assert_eq!(challenge["schema"], serde_json::json!({ "type": "string" }));
/// assert_eq!(
///     challenge["description"],
///     "Sent only with `authentication_failure`: not with the other codes of this response.",
/// );
/// assert!(challenge.get("required").is_none());
/// assert_eq!(
///     responses["429"]["headers"]["retry-after"]["description"],
///     "Sent with every code of this response.",
/// );
/// ```
pub fn openapi_responses(catalog: &'static [ErrorSpec]) -> Value {
    openapi_responses_as(catalog, BodyFormat::ErrorBody)
}

/// [`openapi_responses`] of the body the type sends in `format`: for
/// [`BodyFormat::Problem`], each response's content is
/// `application/problem+json`, its schema that of the problem details of
/// its codes (one branch per code, as [`to_schema_as`](super::to_schema_as)
/// describes), and its examples problem bodies (`detail` shows a template's
/// placeholders as `message` does). The description and the headers are
/// the same in both formats.
///
/// Pass the type's own [`body_format`](crate::ApiError::body_format), as
/// the utoipa and aide features and [`subset!`](crate::subset) types do. A
/// `transparent` entry's codes are documented in `format`, as the outer
/// type sends them, each with its own entry's `type` and `title`.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
/// use serde_json::json;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem", type_base = "https://docs.example.com/errors/")]
/// enum LicenseError {
///     /// The license key is not known.
///     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// let responses = catalog::openapi_responses_as(LicenseError::catalog(), LicenseError::body_format());
/// let content = &responses["404"]["content"]["application/problem+json"];
/// assert_eq!(content["schema"]["properties"]["code"]["enum"], json!(["license_not_found"]));
/// assert_eq!(
///     content["examples"]["license_not_found"]["value"],
///     json!({
///         "type": "https://docs.example.com/errors/license_not_found",
///         "title": "The license key is not known.",
///         "status": 404,
///         "detail": "License <key> not found",
///         "code": "license_not_found",
///     }),
/// );
/// ```
pub fn openapi_responses_as(catalog: &'static [ErrorSpec], format: BodyFormat) -> Value {
    Value::Object(responses(&flatten(catalog), format))
}

/// [`openapi_responses_as`] as `(status, Response Object)` pairs, statuses
/// ascending, for the adapters.
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) fn status_responses(
    catalog: &'static [ErrorSpec],
    format: BodyFormat,
) -> Vec<(u16, Value)> {
    by_status(&flatten(catalog))
        .into_iter()
        .map(|(status, specs)| (status, response(status, &specs, format)))
        .collect()
}

fn responses(entries: &[&'static ErrorSpec], format: BodyFormat) -> Map<String, Value> {
    by_status(entries)
        .into_iter()
        .map(|(status, specs)| (status.to_string(), response(status, &specs, format)))
        .collect()
}

/// The Response Object of one status with these entries (every entry of
/// the status, a code reached twice included).
fn response(status: u16, specs: &[&'static ErrorSpec], format: BodyFormat) -> Value {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map_or_else(|| format!("Error {status}"), str::to_owned);
    let codes = distinct(specs, BodyFormat::ErrorBody);
    let mut examples = Map::new();
    for spec in distinct(specs, format) {
        // A code with two problem bodies (two wrapped types share it) has
        // the example of its first; the schema admits both.
        if !examples.contains_key(spec.code) {
            examples.insert(spec.code.to_owned(), example(spec, format));
        }
    }
    let mut response = Map::new();
    response.insert(
        "description".to_owned(),
        format!(
            "{reason}. The body's `code` is one of:\n\n{}",
            code_list(&codes)
        )
        .into(),
    );
    let headers = headers(specs);
    if !headers.is_empty() {
        response.insert("headers".to_owned(), Value::Object(headers));
    }
    response.insert(
        "content".to_owned(),
        json!({
            format.content_type(): {
                "schema": status_schema(status, specs, format),
                "examples": examples,
            },
        }),
    );
    Value::Object(response)
}

/// The Header Objects of the headers that these entries send, by name:
/// each a string, and a description that says which codes send it.
fn headers(specs: &[&'static ErrorSpec]) -> Map<String, Value> {
    let mut names: Vec<&'static str> = Vec::new();
    for spec in specs {
        for &name in spec.headers {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let description = if specs.iter().all(|spec| spec.headers.contains(&name)) {
                "Sent with every code of this response.".to_owned()
            } else {
                let mut codes: Vec<&str> = Vec::new();
                for spec in specs.iter().filter(|spec| spec.headers.contains(&name)) {
                    if !codes.contains(&spec.code) {
                        codes.push(spec.code);
                    }
                }
                let codes: Vec<String> = codes.iter().map(|code| format!("`{code}`")).collect();
                format!(
                    "Sent only with {}: not with the other codes of this response.",
                    codes.join(", ")
                )
            };
            let header = json!({
                "description": description,
                "style": "simple",
                "schema": { "type": "string" },
            });
            (name.to_owned(), header)
        })
        .collect()
}

/// The Example Object of one code, in `format`.
fn example(spec: &ErrorSpec, format: BodyFormat) -> Value {
    let mut example = Map::new();
    if let Some(summary) = spec.description.lines().map(str::trim).next() {
        if !summary.is_empty() {
            example.insert("summary".to_owned(), summary.into());
        }
    }
    let message = example_message(spec.message);
    let (member, value) = match format {
        BodyFormat::Problem => {
            let mut value = Map::new();
            value.insert("type".to_owned(), spec.problem_type.into());
            if let Some(title) = spec.problem_title {
                value.insert("title".to_owned(), title.into());
            }
            value.insert("status".to_owned(), spec.status.into());
            value.insert("detail".to_owned(), message.into());
            value.insert("code".to_owned(), spec.code.into());
            ("detail", Value::Object(value))
        }
        BodyFormat::ErrorBody => (
            "message",
            json!({
                "status": spec.status,
                "code": spec.code,
                "message": message,
            }),
        ),
    };
    if !spec.is_fixed_message() {
        example.insert(
            "description".to_owned(),
            format!("The {member} is made from the template `{}`.", spec.message).into(),
        );
    }
    example.insert("value".to_owned(), value);
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
/// This is the fragment of the default body; [`openapi_components_as`]
/// writes that of an enum declared with `#[api_error(format = "problem")]`.
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
    openapi_components_as(catalog, name, BodyFormat::ErrorBody)
}

/// [`openapi_components`] of the body the type sends in `format`:
/// `schemas.{name}` is [`to_schema_as`](super::to_schema_as) (without
/// `$schema`), the responses are those of [`openapi_responses_as`].
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem")]
/// enum OrderError {
///     /// The order id is already taken.
///     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
///     OrderIdExists,
/// }
///
/// let components = catalog::openapi_components_as(OrderError::catalog(), "OrderError", OrderError::body_format());
/// let schema = &components["schemas"]["OrderError"];
/// assert_eq!(schema["properties"]["type"]["enum"], serde_json::json!(["about:blank"]));
/// assert!(components["responses"]["OrderError409"]["content"]["application/problem+json"].is_object());
/// ```
pub fn openapi_components_as(
    catalog: &'static [ErrorSpec],
    name: &str,
    format: BodyFormat,
) -> Value {
    let entries = flatten(catalog);
    let mut schemas = Map::new();
    schemas.insert(name.to_owned(), body_schema(&entries, format));
    let responses: Map<String, Value> = responses(&entries, format)
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
/// This is the document of the default body; [`to_openapi_as`] writes that
/// of an enum declared with `#[api_error(format = "problem")]`.
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
    to_openapi_as(catalog, name, version, BodyFormat::ErrorBody)
}

/// [`to_openapi`] of the body the type sends in `format`: its components
/// are [`openapi_components_as`].
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(format = "problem", type_base = "https://docs.example.com/errors/")]
/// enum OrderError {
///     /// The order id is already taken.
///     #[api_error(status = 409, code = "order_id_exists", message = "Order ID already exists")]
///     OrderIdExists,
/// }
///
/// let document = catalog::to_openapi_as(OrderError::catalog(), "OrderError", "1.0.0", OrderError::body_format());
/// let conflict = &document["components"]["responses"]["OrderError409"];
/// assert_eq!(
///     conflict["content"]["application/problem+json"]["examples"]["order_id_exists"]["value"]["type"],
///     "https://docs.example.com/errors/order_id_exists",
/// );
/// ```
pub fn to_openapi_as(
    catalog: &'static [ErrorSpec],
    name: &str,
    version: &str,
    format: BodyFormat,
) -> Value {
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
        "components": openapi_components_as(catalog, name, format),
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

    #[test]
    fn a_header_names_each_code_that_sends_it_once() {
        static SHARED: [ErrorSpec; 4] = [
            ErrorSpec::__new("A", "a", 503, "A", "").__headers(&["retry-after"]),
            ErrorSpec::__new("B", "b", 503, "B", ""),
            // `a` again, from another wrapped type, with the header too.
            ErrorSpec::__new("A2", "a", 503, "A", "").__headers(&["retry-after", "x-queue"]),
            // `b` again, from a type with a `type_base`.
            ErrorSpec::__new("B2", "b", 503, "B", "")
                .__problem_type("https://e.example/b")
                .__headers(&["x-queue"]),
        ];
        let responses = openapi_responses(&SHARED);
        let headers = &responses["503"]["headers"];
        assert_eq!(
            headers["retry-after"]["description"],
            "Sent only with `a`: not with the other codes of this response."
        );
        assert_eq!(
            headers["x-queue"]["description"],
            "Sent only with `a`, `b`: not with the other codes of this response."
        );
        // One example per code; the problem schema admits both bodies of `b`.
        let problem = openapi_responses_as(&SHARED, BodyFormat::Problem);
        let content = &problem["503"]["content"][crate::PROBLEM_JSON];
        assert_eq!(content["examples"].as_object().unwrap().len(), 2);
        assert_eq!(content["schema"]["oneOf"].as_array().unwrap().len(), 3);
        let plain = &responses["503"]["content"]["application/json"];
        assert_eq!(
            plain["schema"]["properties"]["code"]["enum"],
            json!(["a", "b"])
        );
        assert!(responses["503"]["description"]
            .as_str()
            .unwrap()
            .ends_with("one of:\n\n- `a`\n- `b`"));
        assert_eq!(
            problem["503"]["description"],
            responses["503"]["description"]
        );
    }
}
