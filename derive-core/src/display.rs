//! The `Display` impl: each variant's message, its template filled from the
//! fields and from the arguments after its format string; the fixed
//! messages of a non-generic enum in one arm that reads them from the
//! catalog.
//!
//! A template of plain `{field}`s is split into its literal text and its
//! fields here, and written by `__private::display_template`, one function
//! of the runtime, from `&[literals]` and `&[&dyn Display]`: a
//! `format_args!` in every arm is expanded, type-checked and borrow-checked
//! in every crate that derives (17 M of the 322 M instructions of a build of
//! the 79-variant benchmark enum after an edit, for its 26 templates). A
//! runtime reading of the catalog's template instead would cost every
//! templated response its parsing. Any other template (a spec, another
//! trait, arguments after the format string) is formatted by `write!`.
//!
//! Every value a placeholder formats is spanned at the message, so that a
//! field whose type lacks the placeholder's trait is reported there, by
//! rustc, naming the trait. A `{field}` goes through
//! `__private::DisplayArg`, which displays a path with `.display()`; a
//! `{field:p}` through `__private::PointerArg`, which formats the field's own
//! pointer.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::ast::Input;
use crate::expand::{binding, impl_attrs, index_of, local, pattern, private_at};
use crate::fmt::{Piece, Role, Trait};
use crate::generics::Generics;
use crate::private;
use crate::valid::{Kind, Own, Plan, Split, Target};

pub(crate) fn expand_display(input: &Input, plans: &[Plan], g: &Generics) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let attrs = impl_attrs();
    let display_where = g.where_clause(&g.display);
    let formatter = local("__formatter");
    // A mixed-site `self`: the message's arguments are the user's tokens,
    // and reach the fields only through `.field`, never through `self`.
    let self_ = local("self");

    // The fixed messages of an enum without type parameters are read from
    // the catalog, in one arm: `ApiError` is implemented for every such
    // enum, whereas for a generic one it may need more of the parameters
    // than `Display` does.
    let fold_fixed = g.params.is_empty();
    let mut uses_display_arg = false;
    let mut fixed = 0;
    let mut arms: Vec<TokenStream> = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Own(own) if fold_fixed && own.is_fixed() => fixed += 1,
            _ => arms.push(arm(plan, &mut uses_display_arg)),
        }
    }
    if fixed > 0 {
        let p = private;
        arms.push(quote! {
            _ => #p::display_fixed(<Self as #p::ApiError>::spec(#self_), #formatter)
        });
    }
    let body = if arms.is_empty() {
        quote!(match *#self_ {})
    } else {
        quote!(match #self_ { #(#arms,)* })
    };
    let uses = if uses_display_arg {
        quote!(use #private::DisplayField as _;)
    } else {
        TokenStream::new()
    };
    quote! {
        #attrs
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #display_where {
            fn fmt(&#self_, #formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #uses
                #body
            }
        }
    }
}

fn arm(plan: &Plan, uses_display_arg: &mut bool) -> TokenStream {
    let formatter = local("__formatter");
    let own = match &plan.kind {
        Kind::Transparent { field } => {
            let pat = pattern(plan.variant, &[*field]);
            let b = binding(*field);
            return quote!(#pat => ::core::fmt::Display::fmt(#b, #formatter));
        }
        Kind::Own(own) => own,
    };
    let span = own.message_span;
    if own.is_fixed() {
        let pat = pattern(plan.variant, &[]);
        let text = LitStr::new(&own.template.fixed_text(), span);
        return quote!(#pat => #formatter.write_str(#text));
    }
    if let ([Piece::Placeholder(ph)], false) = (own.template.pieces.as_slice(), own.has_fmt_args) {
        if let (true, Some(Target::Field(field))) = (ph.is_plain(), own.target(&ph.arg)) {
            // The message is one field as it displays: no format machinery.
            let pat = pattern(plan.variant, &[field]);
            let value = display_value(plan, field, span, uses_display_arg);
            let call = quote_spanned!(span=> ::core::fmt::Display::fmt(&#value, #formatter));
            return quote!(#pat => #call);
        }
    }
    if let Some(split) = own.plain_split() {
        return template_arm(plan, &split, span, uses_display_arg);
    }
    general_arm(plan, own, uses_display_arg)
}

/// `display_template(f, &[literals], &[fields])`: a template of plain
/// `{field}`s, its literal text split here, written by one runtime function
/// that displays each field as `write!` would. The same output as
/// `write!`, for less of the compiler's work: a `format_args!` is expanded,
/// type-checked and borrow-checked in every arm.
fn template_arm(
    plan: &Plan,
    split: &Split,
    span: Span,
    uses_display_arg: &mut bool,
) -> TokenStream {
    let formatter = local("__formatter");
    let mut used: Vec<usize> = Vec::new();
    for &field in &split.order {
        push_new(&mut used, field);
    }
    let pat = pattern(plan.variant, &used);
    let literals = split.literals.iter().map(|s| LitStr::new(s, span));
    let values = split.order.iter().map(|&field| {
        let value = display_value(plan, field, span, uses_display_arg);
        if is_std_display(plan.variant.fields[field].ty) {
            // The binding, a reference already: coerced as it is.
            value
        } else {
            quote_spanned!(span=> &#value)
        }
    });
    let p = private_at(span);
    quote! {
        #pat => #p::display_template(#formatter, &[#(#literals),*], &[#(#values),*])
    }
}

/// `write!(f, "...", args...)`: the template with each field placeholder
/// renamed to a generated named argument, then the user's arguments.
fn general_arm(plan: &Plan, own: &Own, uses_display_arg: &mut bool) -> TokenStream {
    let variant = plan.variant;
    let span = own.message_span;
    let formatter = local("__formatter");
    let fmt_args = variant.fmt_args();
    // The user's argument names, and the indices of the positional ones.
    let mut user_names: Vec<String> = Vec::new();
    let mut positional: Vec<usize> = Vec::new();
    for (j, a) in fmt_args.iter().enumerate() {
        match &a.name {
            Some(name) => user_names.push(name.unraw().to_string()),
            None => positional.push(j),
        }
    }
    // The name a field takes in the format string, for the way it is used;
    // never one of the user's argument names.
    let var_name = |field: usize, role: Role| {
        let kind = match role {
            Role::Format(Trait::Display) => "display",
            Role::Format(Trait::Pointer) => "pointer",
            Role::Format(_) => "field",
            Role::Count => "count",
        };
        let mut name = format!("__{kind}{field}");
        while user_names.contains(&name) {
            name.insert(0, '_');
        }
        name
    };
    let format = own.template.rewrite(|arg, role| match own.target(arg) {
        Some(Target::Field(field)) => var_name(field, role),
        Some(Target::Arg(j)) => match &fmt_args[j].name {
            Some(name) => name.unraw().to_string(),
            None => index_of(&positional, j).unwrap_or(0).to_string(),
        },
        // Unreachable: every argument was resolved before expansion.
        None => String::new(),
    });
    let format = LitStr::new(&format, span);

    // The generated named arguments, each once, in order of first use.
    let mut var_names: Vec<String> = Vec::new();
    // By repetitions in the arm's `quote!`: no stream of their own each.
    let mut var_idents = Vec::new();
    let mut var_values = Vec::new();
    for (arg, role) in own.template.args() {
        let Some(Target::Field(field)) = own.target(arg) else {
            continue;
        };
        let name = var_name(field, role);
        if var_names.contains(&name) {
            continue;
        }
        let b = binding_at(field, span);
        let p = private_at(span);
        let value = match role {
            Role::Format(Trait::Display) => display_value(plan, field, span, uses_display_arg),
            Role::Format(Trait::Pointer) => quote_spanned!(span=> #p::PointerArg(#b)),
            Role::Format(_) => quote!(#b),
            Role::Count => quote_spanned!(span=> *#b),
        };
        var_idents.push(Ident::new(&name, span));
        var_values.push(value);
        var_names.push(name);
    }

    // The user's arguments, `.field` bound to the field.
    let field_of = |reference: &crate::args::FieldRef| {
        let field = variant.field_named(&reference.name).unwrap_or(0);
        Ident::new(
            &binding(field).to_string(),
            Span::mixed_site().located_at(reference.span),
        )
    };
    let mut positional_exprs = Vec::new();
    let mut names = Vec::new();
    let mut named_exprs = Vec::new();
    for a in fmt_args {
        let expr = a.expr_tokens(&field_of);
        match &a.name {
            None => positional_exprs.push(expr),
            Some(name) => {
                names.push(name);
                named_exprs.push(expr);
            }
        }
    }

    // The fields to bind: those of the template, then those the arguments
    // name, each once.
    let mut used: Vec<usize> = Vec::new();
    for (_, target) in &own.args {
        if let Target::Field(field) = *target {
            push_new(&mut used, field);
        }
    }
    for a in fmt_args {
        for reference in a.field_refs() {
            if let Some(field) = variant.field_named(&reference.name) {
                push_new(&mut used, field);
            }
        }
    }
    let pat = pattern(variant, &used);
    quote! {
        #pat => ::core::write!(
            #formatter,
            #format,
            #(#positional_exprs,)*
            #(#names = #named_exprs,)*
            #(#var_idents = #var_values,)*
        )
    }
}

/// Adds `field` to `used` unless it is there already.
fn push_new(used: &mut Vec<usize>, field: usize) {
    if !used.contains(&field) {
        used.push(field);
    }
}

/// A field's binding, spanned at the message for errors about its type.
fn binding_at(field: usize, span: Span) -> Ident {
    Ident::new(
        &binding(field).to_string(),
        Span::mixed_site().located_at(span),
    )
}

/// `DisplayArg(field).as_display()`: the field, or a path's `.display()`.
/// A field of a type from the standard library that implements `Display`
/// (`String`, `&str`, a number, `bool`, `char`) is written as it is: the
/// same output, without the method lookup, which costs the compiler for
/// every field of every template.
fn display_value(
    plan: &Plan,
    field: usize,
    span: Span,
    uses_display_arg: &mut bool,
) -> TokenStream {
    let b = binding_at(field, span);
    if is_std_display(plan.variant.fields[field].ty) {
        return quote_spanned!(span=> #b);
    }
    *uses_display_arg = true;
    let p = private_at(span);
    quote_spanned!(span=> #p::DisplayArg(#b).as_display())
}

/// Whether `ty` is written as a standard type that implements `Display`,
/// or a reference to one: `String`, `std::string::String`, `&str`, `u32`.
pub(crate) fn is_std_display(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(reference) => is_std_display(&reference.elem),
        _ => std_type_name(ty)
            .is_some_and(|name| name == "str" || STD_SCALARS.contains(&name.as_str())),
    }
}

/// Whether `ty` is written as a standard type that implements `FromStr`:
/// `String`, `u32`, `bool`; not a reference.
pub(crate) fn is_std_from_str(ty: &syn::Type) -> bool {
    std_type_name(ty).is_some_and(|name| STD_SCALARS.contains(&name.as_str()))
}

/// The standard types that implement both `Display` and `FromStr`, by name.
const STD_SCALARS: &[&str] = &[
    "String", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
    "i64", "i128", "isize", "f32", "f64",
];

/// The last segment of a path type without arguments, through groups and
/// parentheses: `String` for `std::string::String`.
fn std_type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Group(group) => std_type_name(&group.elem),
        syn::Type::Paren(paren) => std_type_name(&paren.elem),
        syn::Type::Path(path) if path.qself.is_none() => match path.path.segments.last() {
            Some(last) if last.arguments.is_none() => Some(last.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}
