//! RFC 9457 problem details at compile time: `format = "problem"` and
//! `type_base = "..."` on the enum, and each variant's `type` and `title`.
//! The members and their order are the runtime's
//! (`runtime/src/representation/problem.rs`).

use proc_macro2::Span;

use crate::attr::Str;
use crate::ctxt::Ctxt;

use error_catalog_rules::problem::is_uri_char;
pub(crate) use error_catalog_rules::problem::{problem_type, title};

/// Reads `format = "problem"`: the span of the literal, or an error.
pub(crate) fn parse_format(cx: &mut Ctxt, lit: Str) -> Option<Span> {
    if lit.value == "problem" {
        return Some(lit.span());
    }
    cx.error_at(
        &lit,
        format!(
            "unknown format `{}`: write `format = \"problem\"` for RFC 9457 problem details \
             (`application/problem+json`); without `format`, the body is `{{\"status\", \"code\", \"message\"}}`",
            lit.value.escape_default()
        ),
    );
    None
}

/// Checks `type_base = "..."`: a URI reference, the beginning of every
/// variant's problem `type`.
pub(crate) fn parse_type_base(cx: &mut Ctxt, lit: Str) -> Option<String> {
    let value = lit.value.as_str();
    let example = "type_base = \"https://docs.example.com/errors/\"";
    let error = if value.is_empty() {
        Some(format!(
            "`type_base` is empty: write `{example}`, or leave `type_base` out for `about:blank`"
        ))
    } else if let Some(bad) = crate::valid::first_char_not(value, is_uri_char) {
        Some(format!(
            "{bad:?} is not allowed in `type_base`, a URI: percent-encode it (a space is `%20`); write something like `{example}`"
        ))
    } else if value.ends_with("//") {
        Some(
            "`type_base` ends with `//`: a problem type is the base, one `/` and the code; \
             end it with one `/` or none"
                .to_owned(),
        )
    } else {
        None
    };
    if let Some(error) = error {
        cx.error_at(&lit, error);
        return None;
    }
    Some(lit.value)
}
