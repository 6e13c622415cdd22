//! What each placeholder of a message stands for (an argument after the
//! format string, or a field), and the rules of those arguments. Every
//! broken rule is recorded at its own token: the message for a placeholder,
//! the argument or its `.field` for an argument.

use proc_macro2::Span;
use syn::ext::IdentExt;

use crate::args::FieldRef;
use crate::ast::Variant;
use crate::ctxt::Ctxt;
use crate::fmt::{self, ArgRef, Template};
use crate::valid::{self, Target};

/// Resolves every argument of the template: to an argument after the format
/// string, or to a field of the variant. As in `format!`, `{}` and `{0}` are
/// the positional arguments when there are any; a named argument wins over a
/// field of the same name.
pub(crate) fn resolve_args(
    cx: &mut Ctxt,
    variant: &Variant,
    template: &Template,
    span: Span,
) -> Option<Vec<(ArgRef, Target)>> {
    let fmt_args = variant.fmt_args();
    // The indices of the positional arguments among all of them.
    let mut positional: Vec<usize> = Vec::with_capacity(fmt_args.len());
    for (j, arg) in fmt_args.iter().enumerate() {
        if arg.name.is_none() {
            positional.push(j);
        }
    }
    let mut out: Vec<(ArgRef, Target)> = Vec::new();
    let mut ok = true;
    for (arg, _) in template.args() {
        if valid::target_of(&out, arg).is_some() {
            continue;
        }
        match resolve_arg(variant, &positional, arg) {
            Some(target) => out.push((arg.clone(), target)),
            None => {
                ok = false;
                cx.error_span(span, unresolved(variant, arg, positional.len()));
            }
        }
    }
    ok.then_some(out)
}

/// What one argument of the template stands for; `positional` holds the
/// indices of the positional arguments after the format string.
fn resolve_arg(variant: &Variant, positional: &[usize], arg: &ArgRef) -> Option<Target> {
    match arg {
        ArgRef::Named(name) => resolve_named(variant, name),
        ArgRef::Index(i) if !positional.is_empty() => {
            let j = *positional.get(*i)?;
            Some(Target::Arg(j))
        }
        ArgRef::Index(i) => {
            if variant.has_named_fields() {
                None
            } else {
                (*i < variant.fields.len()).then_some(Target::Field(*i))
            }
        }
    }
}

/// `{name}`: the argument `name = ...` after the format string, else the
/// named field `name`.
fn resolve_named(variant: &Variant, name: &str) -> Option<Target> {
    for (j, arg) in variant.fmt_args().iter().enumerate() {
        if let Some(n) = &arg.name {
            if n.unraw() == name {
                return Some(Target::Arg(j));
            }
        }
    }
    for (i, field) in variant.fields.iter().enumerate() {
        if matches!(field.member, syn::Member::Named(_)) && field.name() == name {
            return Some(Target::Field(i));
        }
    }
    None
}

/// The rules of the arguments after the format string: each names only
/// fields that exist, each is used, named ones come last and once.
/// `resolved` says whether `args` holds the template's resolution (else an
/// error was reported for it, and no argument is reported as unused).
pub(crate) fn check_fmt_args(
    cx: &mut Ctxt,
    variant: &Variant,
    args: &[(ArgRef, Target)],
    resolved: bool,
) -> bool {
    let mut ok = true;
    // The names of the named arguments so far.
    let mut named: Vec<String> = Vec::new();
    for (j, arg) in variant.fmt_args().iter().enumerate() {
        let mut duplicate = false;
        match &arg.name {
            Some(name) => {
                let text = name.unraw().to_string();
                if valid::contains(&named, &text) {
                    cx.error_at(
                        name,
                        format!("the argument `{text}` is given twice: keep one"),
                    );
                    duplicate = true;
                    ok = false;
                }
                named.push(text);
            }
            None => {
                if let Some(first) = named.first() {
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
        if resolved && !duplicate && !valid::is_used(args, Target::Arg(j)) {
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
    if variant.fields.is_empty() {
        return format!(
            "`.{name}` names no field: `{}` has no fields",
            variant.ident
        );
    }
    let available = format!("`{}` has {}", variant.ident, field_list(variant, "`.", "`"));
    let numeric = fmt::is_digits(name);
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
    let available = if variant.fields.is_empty() {
        format!("`{}` has no fields, so its message can have no placeholders (write `{{{{` for a literal brace)", variant.ident)
    } else {
        format!(
            "`{}` has {}",
            variant.ident,
            field_list(variant, "`{", "}`")
        )
    };
    let mut named_args = String::new();
    for arg in variant.fmt_args() {
        if let Some(name) = &arg.name {
            if !named_args.is_empty() {
                named_args.push_str(", ");
            }
            named_args.push_str("`{");
            named_args.push_str(&name.unraw().to_string());
            named_args.push_str("}`");
        }
    }
    let available = if named_args.is_empty() {
        available
    } else {
        format!("{available}, and the arguments {named_args}")
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

/// The fields of the variant, each name between `open` and `close`,
/// separated by commas.
fn field_list(variant: &Variant, open: &str, close: &str) -> String {
    let mut list = String::new();
    for field in &variant.fields {
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push_str(open);
        list.push_str(&field.name());
        list.push_str(close);
    }
    list
}
