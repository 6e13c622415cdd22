//! The rules across the model: each variant resolved into what the expansion
//! needs, every broken rule recorded at the token that breaks it.

use std::collections::BTreeMap;

use proc_macro2::Span;
use quote::ToTokens;

use syn::ext::IdentExt;

use crate::args::{FieldRef, FmtArg};
use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::fmt::{self, ArgRef, Template};

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
        self.args.iter().find(|(a, _)| a == arg).map(|(_, t)| *t)
    }
}

pub(crate) fn check<'a>(cx: &mut Ctxt, input: &'a Input<'a>) -> Vec<Plan<'a>> {
    let mut plans = Vec::new();
    // Code → the variant and span of its first use.
    let mut codes: BTreeMap<String, (String, Span)> = BTreeMap::new();
    for (index, variant) in input.variants.iter().enumerate() {
        let from = check_fields(cx, variant);
        let kind = if let Some(span) = variant.attrs.transparent {
            check_transparent(cx, variant, span).map(|field| Kind::Transparent { field })
        } else {
            check_own(cx, input, variant, &mut codes).map(Kind::Own)
        };
        if let Some(kind) = kind {
            plans.push(Plan {
                variant,
                index,
                from,
                kind,
            });
        }
    }
    plans
}

/// `#[source]` / `#[from]` rules; returns the `#[from]` field.
fn check_fields(cx: &mut Ctxt, variant: &Variant) -> Option<usize> {
    let mut source_seen = false;
    let mut from = None;
    for (i, field) in variant.fields.iter().enumerate() {
        if field.is_source() {
            if source_seen {
                let span = field
                    .attrs
                    .from
                    .or(field.attrs.source)
                    .unwrap_or_else(Span::call_site);
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
    for (key, present) in [
        ("code", variant.attrs.code.as_ref().map(|l| l.span())),
        ("status", variant.attrs.status.map(|s| s.span)),
        (
            "message",
            variant.attrs.message.as_ref().map(|m| m.lit.span()),
        ),
    ] {
        if let Some(key_span) = present {
            cx.error_span(
                key_span,
                format!(
                    "a `transparent` variant takes its {key} from the error it wraps: remove `{key}`, or remove `transparent`"
                ),
            );
            ok = false;
        }
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
    ok.then_some(0)
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
            let code = lit.value();
            if code.is_empty() {
                cx.error_at(
                    lit,
                    "`code` is empty: a code is a non-empty string like \"license_not_found\"",
                );
                None
            } else if let Some(bad) = code
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            {
                cx.error_at(
                    lit,
                    format!(
                        "`code` may hold ASCII letters, digits, `_`, `-` and `.` only, found {bad:?}: write something like \"{}\"",
                        code.chars()
                            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '.') { c } else { '_' })
                            .collect::<String>()
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
                || variant.attrs.keys.iter().any(|k| k == "code")
                || input.attrs.malformed
                || input.attrs.keys.iter().any(|k| k == "rename_all") =>
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
                || variant.attrs.keys.iter().any(|k| k == "status")
                || input.attrs.keys.iter().any(|k| k == "status") =>
        {
            None
        }
        (None, None) => {
            cx.error_at_or(
                variant.attrs.attr.as_ref(),
                variant_span,
                format!(
                    "variant `{name}` has no status: add `status = 400` (400 to 599) to its `#[api_error(...)]`, \
                     or a default for every variant with `#[api_error(status = 400)]` on the enum"
                ),
            );
            None
        }
    };

    let (message, message_span) = match (&variant.attrs.message, &variant.doc.span) {
        (Some(m), _) => (m.lit.value(), m.lit.span()),
        (None, Some(span)) if !variant.doc.first_paragraph.is_empty() => {
            (variant.doc.first_paragraph.clone(), *span)
        }
        _ if variant.attrs.malformed || variant.attrs.keys.iter().any(|k| k == "message") => {
            return None
        }
        _ => {
            cx.error_at_or(
                variant.attrs.attr.as_ref(),
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
    let source = variant.fields.iter().position(|f| f.is_source());
    let args = resolve_args(cx, variant, &template, message_span);
    let args_ok = check_fmt_args(cx, variant, args.as_deref().unwrap_or(&[]), args.is_some());
    let args = args?;

    if let (Some(status @ 500..=599), Some(source)) = (status, source) {
        let field = variant.fields[source].name();
        let mut leaks = false;
        if args
            .iter()
            .any(|(_, target)| *target == Target::Field(source))
        {
            cx.error_span(
                message_span,
                format!(
                    "a {status} message must not show its source: `{{{field}}}` would send the text of an internal error to the client. \
                     Write a fixed message; the source stays available through `source()` (and is logged with the `tracing` feature)"
                ),
            );
            leaks = true;
        }
        for reference in fmt_args.iter().flat_map(FmtArg::field_refs) {
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
    })
}

/// Resolves every argument of the template: to an argument after the format
/// string, or to a field of the variant. As in `format!`, `{}` and `{0}` are
/// the positional arguments when there are any; a named argument wins over a
/// field of the same name.
fn resolve_args(
    cx: &mut Ctxt,
    variant: &Variant,
    template: &Template,
    span: Span,
) -> Option<Vec<(ArgRef, Target)>> {
    let fmt_args = variant.fmt_args();
    let positional: Vec<usize> = (0..fmt_args.len())
        .filter(|&j| fmt_args[j].name.is_none())
        .collect();
    let mut out: Vec<(ArgRef, Target)> = Vec::new();
    let mut ok = true;
    for (arg, _) in template.args() {
        if out.iter().any(|(a, _)| a == arg) {
            continue;
        }
        let found = match arg {
            ArgRef::Named(name) => fmt_args
                .iter()
                .position(|a| a.name.as_ref().is_some_and(|n| n.unraw() == name))
                .map(Target::Arg)
                .or_else(|| {
                    variant
                        .fields
                        .iter()
                        .position(|f| {
                            matches!(f.member, syn::Member::Named(_)) && f.name() == *name
                        })
                        .map(Target::Field)
                }),
            ArgRef::Index(i) if !positional.is_empty() => {
                positional.get(*i).map(|&j| Target::Arg(j))
            }
            ArgRef::Index(i) => {
                if variant.has_named_fields() {
                    None
                } else {
                    (*i < variant.fields.len()).then_some(Target::Field(*i))
                }
            }
        };
        match found {
            Some(target) => out.push((arg.clone(), target)),
            None => {
                ok = false;
                cx.error_span(span, unresolved(variant, arg, positional.len()));
            }
        }
    }
    ok.then_some(out)
}

/// The rules of the arguments after the format string: each names only
/// fields that exist, each is used, named ones come last and once.
/// `resolved` says whether `args` holds the template's resolution (else an
/// error was reported for it, and no argument is reported as unused).
fn check_fmt_args(
    cx: &mut Ctxt,
    variant: &Variant,
    args: &[(ArgRef, Target)],
    resolved: bool,
) -> bool {
    let mut ok = true;
    let mut named: Vec<(String, &syn::Ident)> = Vec::new();
    for (j, arg) in variant.fmt_args().iter().enumerate() {
        let mut duplicate = false;
        match &arg.name {
            Some(name) => {
                let text = name.unraw().to_string();
                if named.iter().any(|(n, _)| *n == text) {
                    cx.error_at(
                        name,
                        format!("the argument `{text}` is given twice: keep one"),
                    );
                    duplicate = true;
                    ok = false;
                }
                named.push((text, name));
            }
            None => {
                if let Some((first, _)) = named.first() {
                    cx.error_at(
                        arg.tokens(),
                        format!("a positional argument must come before the named ones, as in `format!`: move it before `{first} = ...`"),
                    );
                    ok = false;
                }
            }
        }
        for reference in arg.field_refs() {
            if variant.field_named(&reference.name).is_none() {
                cx.error_at(reference.tokens(), unresolved_ref(variant, reference));
                ok = false;
            }
        }
        if resolved && !duplicate && !args.iter().any(|(_, t)| *t == Target::Arg(j)) {
            let message = match &arg.name {
                Some(name) => format!(
                    "the argument `{0}` is never used: put `{{{0}}}` in the format string, or remove the argument",
                    name.unraw()
                ),
                None => "this argument is never used: put a `{}` for it in the format string, or remove the argument".to_owned(),
            };
            cx.error_at(arg.tokens(), message);
            ok = false;
        }
    }
    ok
}

fn unresolved_ref(variant: &Variant, reference: &FieldRef) -> String {
    let name = &reference.name;
    let names: Vec<String> = variant
        .fields
        .iter()
        .map(|f| format!("`.{}`", f.name()))
        .collect();
    if names.is_empty() {
        return format!(
            "`.{name}` names no field: `{}` has no fields",
            variant.ident
        );
    }
    let available = format!("`{}` has {}", variant.ident, names.join(", "));
    let numeric = name.bytes().all(|b| b.is_ascii_digit());
    if variant.has_named_fields() && numeric {
        format!("`.{name}` names no field: the fields are named; {available}")
    } else if !variant.has_named_fields() && !numeric {
        format!("`.{name}` names no field: the fields of a tuple variant are named by position; {available}")
    } else {
        format!("`.{name}` names no field: {available}")
    }
}

fn unresolved(variant: &Variant, arg: &ArgRef, positional: usize) -> String {
    if let ArgRef::Index(i) = arg {
        if positional > 0 {
            let count = if positional == 1 {
                "one positional argument, `{0}`".to_owned()
            } else {
                format!(
                    "{positional} positional arguments, `{{0}}` to `{{{}}}`",
                    positional - 1
                )
            };
            return format!(
                "placeholder `{{{i}}}` (or `{{}}`) is out of range: the message has {count}"
            );
        }
    }
    let names: Vec<String> = variant
        .fields
        .iter()
        .map(|f| format!("`{{{}}}`", f.name()))
        .collect();
    let available = if names.is_empty() {
        format!("`{}` has no fields, so its message can have no placeholders (write `{{{{` for a literal brace)", variant.ident)
    } else {
        format!("`{}` has {}", variant.ident, names.join(", "))
    };
    let named_args: Vec<String> = variant
        .fmt_args()
        .iter()
        .filter_map(|a| a.name.as_ref())
        .map(|n| format!("`{{{}}}`", n.unraw()))
        .collect();
    let available = if named_args.is_empty() {
        available
    } else {
        format!("{available}, and the arguments {}", named_args.join(", "))
    };
    match arg {
        ArgRef::Named(name) if !variant.has_named_fields() && !variant.fields.is_empty() => format!(
            "`{{{name}}}` names no field: the fields of a tuple variant are named by position; {available}"
        ),
        ArgRef::Named(name) => format!("`{{{name}}}` names no field: {available}"),
        ArgRef::Index(i) if variant.has_named_fields() => format!(
            "placeholder `{{{i}}}` (or `{{}}`) is positional, but the fields are named: {available}"
        ),
        ArgRef::Index(i) => format!("placeholder `{{{i}}}` (or `{{}}`) is out of range: {available}"),
    }
}

/// Whether a type mentions one of the generic type parameters.
pub(crate) fn mentions_param(ty: &syn::Type, params: &[String]) -> bool {
    if params.is_empty() {
        return false;
    }
    fn walk(tokens: proc_macro2::TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) => params.iter().any(|p| i == p),
            proc_macro2::TokenTree::Group(g) => walk(g.stream(), params),
            _ => false,
        })
    }
    walk(ty.to_token_stream(), params)
}
