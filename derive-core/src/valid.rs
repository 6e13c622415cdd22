//! The rules across the model: each variant resolved into what the expansion
//! needs, every broken rule recorded at the token that breaks it.

use std::collections::BTreeMap;

use proc_macro2::Span;
use quote::ToTokens;

use crate::ast::{Input, Variant};
use crate::attr::Str;
use crate::ctxt::Ctxt;
use crate::fmt::{self, ArgRef, Piece, Template, Trait};
use crate::headers::{self, Header};
use crate::resolve;

/// A variant, resolved.
pub(crate) struct Plan<'a> {
    pub(crate) variant: &'a Variant<'a>,
    /// Its position in the catalog.
    pub(crate) index: usize,
    /// The field of `#[from]`, if any.
    pub(crate) from: Option<usize>,
    pub(crate) kind: Kind,
}

pub(crate) enum Kind {
    /// Everything comes from the one field, itself an `ApiError`.
    Transparent {
        field: usize,
    },
    Own(Own),
}

pub(crate) struct Own {
    pub(crate) code: String,
    pub(crate) status: u16,
    pub(crate) template: Template,
    /// The template as written, for the catalog.
    pub(crate) message: String,
    /// Where the template was written: the `message` literal or the doc comment.
    pub(crate) message_span: Span,
    /// The field of `#[source]` or `#[from]`.
    pub(crate) source: Option<usize>,
    /// What each argument the template names resolves to.
    pub(crate) args: Vec<(ArgRef, Target)>,
    /// Whether the message has arguments after its format string.
    pub(crate) has_fmt_args: bool,
    /// The headers of its responses, fixed ones first.
    pub(crate) headers: Vec<Header>,
    /// `grpc = "..."`: the variant of the runtime's `grpc::Code`.
    pub(crate) grpc: Option<&'static str>,
}

/// What a placeholder of the template stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A field of the variant, by index.
    Field(usize),
    /// An argument after the format string, by index.
    Arg(usize),
}

impl Own {
    /// A message without placeholders and arguments: the same text for every
    /// error of the variant, so its body is written at compile time.
    pub(crate) fn is_fixed(&self) -> bool {
        self.template.is_fixed() && !self.has_fmt_args
    }

    pub(crate) fn target(&self, arg: &ArgRef) -> Option<Target> {
        target_of(&self.args, arg)
    }

    /// The template as literal text around fields, when every placeholder
    /// is a plain `{field}` (no spec, `Display`) and no argument follows the
    /// format string: what `Display` writes without the format machinery,
    /// and what `from_parts` splits a message along.
    pub(crate) fn plain_split(&self) -> Option<Split> {
        if self.has_fmt_args {
            return None;
        }
        let mut literals = vec![String::new()];
        let mut order = Vec::new();
        for piece in &self.template.pieces {
            match piece {
                Piece::Lit(s) => literals.last_mut()?.push_str(s),
                Piece::Placeholder(ph) => {
                    if !ph.is_plain() || ph.trait_ != Trait::Display {
                        return None;
                    }
                    let Some(Target::Field(field)) = self.target(&ph.arg) else {
                        return None;
                    };
                    order.push(field);
                    literals.push(String::new());
                }
            }
        }
        Some(Split { literals, order })
    }
}

/// A template as literal text around fields: see [`Own::plain_split`].
pub(crate) struct Split {
    /// `order.len() + 1` pieces, unescaped; empty between two adjacent
    /// placeholders and at an end that is a placeholder.
    pub(crate) literals: Vec<String>,
    /// The field of each placeholder, in order.
    pub(crate) order: Vec<usize>,
}

/// What `arg` resolves to among `args`.
pub(crate) fn target_of(args: &[(ArgRef, Target)], arg: &ArgRef) -> Option<Target> {
    for (a, target) in args {
        if a == arg {
            return Some(*target);
        }
    }
    None
}

/// Whether some argument of `args` resolves to `target`: the template or an
/// argument shows it.
pub(crate) fn is_used(args: &[(ArgRef, Target)], target: Target) -> bool {
    for (_, t) in args {
        if *t == target {
            return true;
        }
    }
    false
}

pub(crate) fn check<'a>(cx: &mut Ctxt, input: &'a Input<'a>) -> Vec<Plan<'a>> {
    let mut plans = Vec::new();
    // Code → the variant and span of its first use.
    let mut codes: BTreeMap<String, (String, Span)> = BTreeMap::new();
    check_domain(cx, input);
    for (index, variant) in input.variants.iter().enumerate() {
        let from = check_fields(cx, variant);
        let kind = if let Some(span) = variant.attrs.transparent {
            match check_transparent(cx, variant, span) {
                Some(field) => Kind::Transparent { field },
                None => continue,
            }
        } else {
            match check_own(cx, input, variant, &mut codes) {
                Some(own) => Kind::Own(own),
                None => continue,
            }
        };
        plans.push(Plan {
            variant,
            index,
            from,
            kind,
        });
    }
    check_reasons(cx, input, &plans);
    plans
}

/// `#[source]` / `#[from]` rules; returns the `#[from]` field.
fn check_fields(cx: &mut Ctxt, variant: &Variant) -> Option<usize> {
    let mut source_seen = false;
    let mut from = None;
    for (i, field) in variant.fields.iter().enumerate() {
        if field.is_source() {
            if source_seen {
                let span = match (field.attrs.from, field.attrs.source) {
                    (Some(span), _) | (None, Some(span)) => span,
                    (None, None) => Span::call_site(),
                };
                cx.error_span(
                    span,
                    "a variant has at most one `#[source]` or `#[from]` field: remove this one",
                );
            }
            source_seen = true;
        }
        if let Some(span) = field.attrs.from {
            if variant.fields.len() != 1 {
                cx.error_span(
                    span,
                    format!(
                        "`#[from]` needs the variant's only field, so that `From` can build the variant; \
                         `{}` has {} fields: use `#[source]` here instead",
                        variant.ident,
                        variant.fields.len()
                    ),
                );
            } else {
                from = Some(i);
            }
        }
    }
    from
}

fn check_transparent(cx: &mut Ctxt, variant: &Variant, span: Span) -> Option<usize> {
    let mut ok = true;
    if let Some(lit) = &variant.attrs.code {
        taken_from_wrapped(cx, "code", lit.span());
        ok = false;
    }
    if let Some(status) = variant.attrs.status {
        taken_from_wrapped(cx, "status", status.span);
        ok = false;
    }
    if let Some(message) = &variant.attrs.message {
        taken_from_wrapped(cx, "message", message.lit.span());
        ok = false;
    }
    if let Some(lit) = &variant.attrs.grpc {
        cx.error_at(
            lit,
            "a `transparent` variant takes its gRPC code from the error it wraps: remove `grpc`, or remove `transparent`",
        );
        ok = false;
    }
    if variant.fields.len() != 1 {
        cx.error_span(
            span,
            format!(
                "`transparent` needs exactly one field, the wrapped `ApiError`; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
        return None;
    }
    if let Some(source) = variant.fields[0].attrs.source {
        cx.error_span(
            source,
            "a `transparent` variant forwards `source()` to the wrapped error: remove `#[source]`",
        );
        ok = false;
    }
    ok &= headers::check_transparent(cx, variant);
    ok.then_some(0)
}

/// `key` written on a `transparent` variant, which takes it from the error it
/// wraps.
fn taken_from_wrapped(cx: &mut Ctxt, key: &str, span: Span) {
    cx.error_span(
        span,
        format!(
            "a `transparent` variant takes its {key} from the error it wraps: remove `{key}`, or remove `transparent`"
        ),
    );
}

fn check_own(
    cx: &mut Ctxt,
    input: &Input,
    variant: &Variant,
    codes: &mut BTreeMap<String, (String, Span)>,
) -> Option<Own> {
    let name = variant.ident.to_string();
    // Where to point an error about the variant as a whole.
    let variant_span = variant.ident.span();

    let code = match (&variant.attrs.code, input.attrs.rename_all) {
        (Some(lit), _) => {
            let code = lit.value.clone();
            if code.is_empty() {
                cx.error_at(
                    lit,
                    "`code` is empty: a code is a non-empty string like \"license_not_found\"",
                );
                None
            } else if let Some(bad) = first_char_not(&code, is_code_char) {
                cx.error_at(
                    lit,
                    format!(
                        "`code` may hold ASCII letters, digits, `_`, `-` and `.` only, found {bad:?}: write something like \"{}\"",
                        code_like(&code)
                    ),
                );
                None
            } else {
                Some((code, lit.span()))
            }
        }
        (None, Some(case)) => Some((case.apply(&name), variant_span)),
        (None, None)
            if variant.attrs.malformed
                || contains(&variant.attrs.keys, "code")
                || input.attrs.malformed
                || contains(&input.attrs.keys, "rename_all") =>
        {
            None
        }
        (None, None) => {
            cx.error_span(
                variant_span,
                format!(
                    "variant `{name}` has no code: add `#[api_error(code = \"{}\")]`. A code is part of the API's contract; \
                     to derive every code from its variant's name instead, put `#[api_error(rename_all = \"snake_case\")]` on the enum",
                    crate::case::Case::Snake.apply(&name)
                ),
            );
            None
        }
    };
    if let Some((code, span)) = &code {
        if let Some((first, first_span)) = codes.get(code) {
            cx.error_span(
                *span,
                format!("duplicate code `{code}`: variant `{first}` already uses it; every code must be unique"),
            );
            cx.error_span(
                *first_span,
                format!("note: the code `{code}` is first used here, by `{first}`"),
            );
        } else {
            codes.insert(code.clone(), (name.clone(), *span));
        }
    }

    let status = match (variant.attrs.status, input.attrs.status) {
        (Some(s), _) | (None, Some(s)) => Some(s.value),
        (None, None)
            if variant.attrs.malformed
                || input.attrs.malformed
                || contains(&variant.attrs.keys, "status")
                || contains(&input.attrs.keys, "status") =>
        {
            None
        }
        (None, None) => {
            cx.error_at_or(
                variant.api_error_attr(),
                variant_span,
                format!(
                    "variant `{name}` has no status: add `status = 400` (400 to 599) to its `#[api_error(...)]`, \
                     or a default for every variant with `#[api_error(status = 400)]` on the enum"
                ),
            );
            None
        }
    };

    // Before the message, which may end the checks early.
    let headers = headers::check(cx, variant, status);
    let grpc = match &variant.attrs.grpc {
        Some(lit) => grpc_code(cx, lit),
        None => None,
    };

    let (message, message_span) = match (&variant.attrs.message, &variant.doc.span) {
        (Some(m), _) => (m.lit.value.clone(), m.lit.span()),
        (None, Some(span)) if !variant.doc.first_paragraph.is_empty() => {
            (variant.doc.first_paragraph.clone(), *span)
        }
        _ if variant.attrs.malformed || contains(&variant.attrs.keys, "message") => return None,
        _ => {
            cx.error_at_or(
                variant.api_error_attr(),
                variant_span,
                format!(
                    "variant `{name}` has no message: add `message = \"...\"` to its `#[api_error(...)]`, or a doc comment whose first paragraph is the message"
                ),
            );
            return None;
        }
    };
    let template = match fmt::parse(&message) {
        Ok(t) => t,
        Err(e) => {
            cx.error_span(message_span, e);
            return None;
        }
    };
    let fmt_args = variant.fmt_args();
    let source = source_field(variant);
    let args = resolve::resolve_args(cx, variant, &template, message_span);
    let args_ok =
        resolve::check_fmt_args(cx, variant, args.as_deref().unwrap_or(&[]), args.is_some());
    let args = args?;

    if let (Some(status @ 500..=599), Some(source)) = (status, source) {
        let field = variant.fields[source].name();
        let mut leaks = false;
        if is_used(&args, Target::Field(source)) {
            cx.error_span(
                message_span,
                format!(
                    "a {status} message must not show its source: `{{{field}}}` would send the text of an internal error to the client. \
                     Write a fixed message; the source stays available through `source()` (and is logged with the `tracing` feature)"
                ),
            );
            leaks = true;
        }
        for arg in fmt_args {
            for reference in arg.field_refs() {
                if variant.field_named(&reference.name) == Some(source) {
                    cx.error_at(
                        reference.tokens(),
                        format!(
                            "a {status} message must not show its source: `.{field}` would send the text of an internal error to the client. \
                             Leave the source out of the message's arguments; it stays available through `source()` (and is logged with the `tracing` feature)"
                        ),
                    );
                    leaks = true;
                }
            }
        }
        if leaks {
            return None;
        }
    }
    if !args_ok {
        return None;
    }

    let (code, _) = code?;
    Some(Own {
        code,
        status: status?,
        template,
        message,
        message_span,
        source,
        args,
        has_fmt_args: !fmt_args.is_empty(),
        headers: headers?,
        grpc,
    })
}

/// Whether `item` is one of `list`.
pub(crate) fn contains(list: &[String], item: &str) -> bool {
    for s in list {
        if s == item {
            return true;
        }
    }
    false
}

/// The `#[source]` or `#[from]` field, the first if there are more.
fn source_field(variant: &Variant) -> Option<usize> {
    for (i, field) in variant.fields.iter().enumerate() {
        if field.is_source() {
            return Some(i);
        }
    }
    None
}

/// A character a code may hold.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A valid code close to `code`: every character it may not hold is `_`.
fn code_like(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        out.push(if is_code_char(c) { c } else { '_' });
    }
    out
}

/// The first character of `text` that is not `allowed`.
// A loop, not `find` with a closure: no copy of the iterator machinery to
// compile for each predicate.
#[allow(clippy::manual_find)]
pub(crate) fn first_char_not(text: &str, allowed: fn(char) -> bool) -> Option<char> {
    for c in text.chars() {
        if !allowed(c) {
            return Some(c);
        }
    }
    None
}

/// Whether a type mentions one of the generic type parameters.
pub(crate) fn mentions_param(ty: &syn::Type, params: &[String]) -> bool {
    if params.is_empty() {
        return false;
    }
    fn walk(tokens: proc_macro2::TokenStream, params: &[String]) -> bool {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Ident(i) => {
                    for p in params {
                        if i == p {
                            return true;
                        }
                    }
                }
                proc_macro2::TokenTree::Group(g) if walk(g.stream(), params) => return true,
                _ => {}
            }
        }
        false
    }
    walk(ty.to_token_stream(), params)
}

/// The names `grpc = "..."` accepts: the 16 error codes of
/// `google.rpc.Code` in snake_case, each with its variant of the runtime's
/// `grpc::Code`. The 17th, `ok`, is a success, and `grpc_code` refuses it.
const GRPC_CODES: &[(&str, &str)] = &[
    ("cancelled", "Cancelled"),
    ("unknown", "Unknown"),
    ("invalid_argument", "InvalidArgument"),
    ("deadline_exceeded", "DeadlineExceeded"),
    ("not_found", "NotFound"),
    ("already_exists", "AlreadyExists"),
    ("permission_denied", "PermissionDenied"),
    ("resource_exhausted", "ResourceExhausted"),
    ("failed_precondition", "FailedPrecondition"),
    ("aborted", "Aborted"),
    ("out_of_range", "OutOfRange"),
    ("unimplemented", "Unimplemented"),
    ("internal", "Internal"),
    ("unavailable", "Unavailable"),
    ("data_loss", "DataLoss"),
    ("unauthenticated", "Unauthenticated"),
];

/// `grpc = "failed_precondition"`: the runtime's variant for the name, or an
/// error at the literal.
fn grpc_code(cx: &mut Ctxt, lit: &Str) -> Option<&'static str> {
    let name = &lit.value;
    for &(n, variant) in GRPC_CODES {
        if n == name {
            return Some(variant);
        }
    }
    // Its letters and digits, lower-cased: `Failed-Precondition` is
    // `failedprecondition`.
    let mut squashed = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            squashed.push(c.to_ascii_lowercase());
        }
    }
    if squashed == "ok" {
        cx.error_at(
            lit,
            "`grpc = \"ok\"` is the code of a success: a client would take the error for a reply. \
             Pick an error code, such as \"failed_precondition\", or remove `grpc` to map the status",
        );
        return None;
    }
    // A name that is `squashed` but for its underscores, or that `canceled`
    // (American spelling) means.
    for &(n, _) in GRPC_CODES {
        if crate::case::without(n, '_') == squashed || (squashed == "canceled" && n == "cancelled")
        {
            cx.error_at(
                lit,
                format!("unknown gRPC code `{name}`: write `grpc = \"{n}\"`"),
            );
            return None;
        }
    }
    cx.error_at(
        lit,
        format!(
            "unknown gRPC code `{name}`: expected one of {}",
            grpc_code_names()
        ),
    );
    None
}

/// Every name `grpc = "..."` accepts, quoted, separated by commas.
fn grpc_code_names() -> String {
    let mut names = String::new();
    for &(n, _) in GRPC_CODES {
        if !names.is_empty() {
            names.push_str(", ");
        }
        names.push('"');
        names.push_str(n);
        names.push('"');
    }
    names
}

/// `domain = "..."`: a name such as `licenses.example.com`.
fn check_domain(cx: &mut Ctxt, input: &Input) {
    let Some(lit) = &input.attrs.domain else {
        return;
    };
    let domain = &lit.value;
    if domain.is_empty() {
        cx.error_at(
            lit,
            "`domain` is empty: write the service's name, like `domain = \"licenses.example.com\"`, \
             or remove it to use the package's name",
        );
    } else if let Some(bad) = first_char_not(domain, is_domain_char) {
        cx.error_at(
            lit,
            format!(
                "`domain` may not hold {bad:?}: write the service's name, like `domain = \"licenses.example.com\"`"
            ),
        );
    }
}

/// A character `domain` may hold.
fn is_domain_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control())
}

/// With `domain` set, the enum speaks AIP-193: every code, upper-cased, must
/// be a valid reason, and no two codes may share one.
fn check_reasons(cx: &mut Ctxt, input: &Input, plans: &[Plan]) {
    if input.attrs.domain.is_none() {
        return;
    }
    let mut seen: BTreeMap<String, (String, Span)> = BTreeMap::new();
    for plan in plans {
        let Kind::Own(own) = &plan.kind else { continue };
        let span = match &plan.variant.attrs.code {
            Some(lit) => lit.span(),
            None => plan.variant.ident.span(),
        };
        let reason = own.code.to_ascii_uppercase();
        if let Some(why) = reason_problem(&reason) {
            cx.error_span(
                span,
                format!(
                    "code `{}` cannot be a gRPC reason: upper-cased it is `{reason}`, and {why} \
                     (AIP-193: `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters). Rename the code, \
                     or remove `domain` from the enum to have it sent as `{}`",
                    own.code,
                    mapped_reason(&own.code)
                ),
            );
            continue;
        }
        if let Some((first, first_span)) = seen.get(&reason) {
            cx.error_span(
                span,
                format!(
                    "code `{}` has the gRPC reason `{reason}`, as code `{first}` has: a client could not tell them apart. Rename one of them",
                    own.code
                ),
            );
            cx.error_span(
                *first_span,
                format!("note: the gRPC reason `{reason}` is first used here, by code `{first}`"),
            );
        } else {
            seen.insert(reason, (own.code.clone(), span));
        }
    }
}

/// Why an upper-cased code is not a valid AIP-193 reason, or `None`.
fn reason_problem(reason: &str) -> Option<String> {
    let len = reason.chars().count();
    let first = reason.chars().next()?;
    let last = reason.chars().last()?;
    if let Some(bad) = first_char_not(reason, is_reason_char) {
        Some(format!("a reason may not hold {bad:?}"))
    } else if !first.is_ascii_alphabetic() {
        Some("a reason starts with a letter".to_owned())
    } else if len < 3 {
        Some("a reason has 3 characters at least".to_owned())
    } else if len > 63 {
        Some(format!("a reason has 63 characters at most, not {len}"))
    } else if last == '_' {
        Some("a reason ends with a letter or a digit".to_owned())
    } else {
        None
    }
}

/// A character an AIP-193 reason may hold, once upper-cased.
fn is_reason_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The reason the runtime sends for a code (`error_catalog::grpc::reason`),
/// for the hint: upper-cased, other characters `_`, wrapped as `E_…_E` when
/// that is still no valid reason.
fn mapped_reason(code: &str) -> String {
    let mut mapped = String::with_capacity(code.len());
    for c in code.chars() {
        mapped.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        });
    }
    if reason_problem(&mapped).is_none() && !mapped.is_empty() {
        mapped
    } else {
        format!("E_{}_E", &mapped[..mapped.len().min(59)])
    }
}

#[cfg(test)]
mod grpc_tests {
    use super::*;

    /// The same table as the runtime's `grpc::reason` test.
    #[test]
    fn the_hint_is_the_runtime_reason() {
        for (code, expected) in [
            ("license_not_found", "LICENSE_NOT_FOUND"),
            ("license-not-found", "LICENSE_NOT_FOUND"),
            ("license.not_found", "LICENSE_NOT_FOUND"),
            ("abc", "ABC"),
            ("a1", "E_A1_E"),
            ("ok", "E_OK_E"),
            ("404", "E_404_E"),
            ("_private", "E__PRIVATE_E"),
            ("retry_", "E_RETRY__E"),
            ("v22", "V22"),
        ] {
            assert_eq!(mapped_reason(code), expected, "{code}");
        }
        assert_eq!(
            mapped_reason(&"a".repeat(64)),
            format!("E_{}_E", "A".repeat(59))
        );
    }
}
