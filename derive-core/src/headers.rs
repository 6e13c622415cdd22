//! Response headers: `header("name", "value")` on a variant, a fixed header,
//! and `#[header("name")]` on a field, whose `Display` is the value.
//!
//! Names and values are checked here as the `http` crate checks them
//! (`HeaderName::from_bytes`, `HeaderValue::from_bytes`), so that the code
//! the derive writes never builds a header `http` would refuse: a name is a
//! token of lowercase letters, digits and ``!#$%&'*+-.^_`|~``; a value is
//! visible ASCII, space, tab, and non-ASCII text (obs-text).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Token};

use error_catalog_rules::headers::{is_static_value, name_error, value_error};

use crate::ast::Variant;
use crate::catalog::forward;
use crate::ctxt::Ctxt;
use crate::expand::{binding, local, pattern, private_at};
use crate::private;
use crate::valid::{Kind, Plan};

/// `header("name", "value")` on a variant.
pub(crate) struct FixedHeader {
    pub(crate) name: LitStr,
    pub(crate) value: LitStr,
}

/// `#[header("name")]` on a field.
pub(crate) struct FieldHeader {
    pub(crate) name: LitStr,
    /// The whole attribute, for errors about the field as a header.
    pub(crate) attr: TokenStream,
}

/// A header of a resolved variant.
pub(crate) enum Header {
    Fixed {
        name: String,
        value: String,
    },
    /// The field's index, the attribute's span, and whether the field is an
    /// `Option` (the header is sent when it is `Some`).
    Field {
        name: String,
        field: usize,
        span: Span,
        optional: bool,
    },
}

impl Header {
    pub(crate) fn name(&self) -> &str {
        match self {
            Header::Fixed { name, .. } | Header::Field { name, .. } => name,
        }
    }
}

const FIXED_EXAMPLE: &str = "header(\"www-authenticate\", \"Bearer realm=\\\"api\\\"\")";
const FIELD_EXAMPLE: &str = "#[header(\"retry-after\")]";

/// The `header` key of a variant's `#[api_error(...)]`: `header("name", "value")`.
pub(crate) fn parse_fixed(cx: &mut Ctxt, meta: &ParseNestedMeta) -> Option<FixedHeader> {
    if !meta.input.peek(syn::token::Paren) {
        cx.error_at(
            &meta.path,
            format!(
                "`header` takes a name and a value: write `{FIXED_EXAMPLE}`; \
                 for a value from a field, put `#[header(\"name\")]` on the field"
            ),
        );
        crate::attr::skip_value(meta);
        return None;
    }
    let group = match meta.input.parse::<TokenTree>() {
        Ok(TokenTree::Group(group)) => group,
        _ => return None,
    };
    match syn::parse::Parser::parse2(parse_fixed_args, group.stream()) {
        Ok((name, Some(value))) => Some(FixedHeader { name, value }),
        Ok((name, None)) => {
            cx.error_at(
                &name,
                format!(
                    "`header(\"{}\")` needs a value: write `header(\"{}\", \"value\")`; \
                     for a value from a field, put `#[header(\"{}\")]` on the field",
                    name.value(),
                    name.value(),
                    name.value()
                ),
            );
            None
        }
        Err(err) => {
            cx.syn_error(err);
            None
        }
    }
}

/// The inside of `header(...)`: the name, and the value unless it is
/// missing.
fn parse_fixed_args(input: syn::parse::ParseStream) -> syn::Result<(LitStr, Option<LitStr>)> {
    let name = parse_literal(input, FIXED_EXAMPLE)?;
    if input.is_empty() {
        return Ok((name, None));
    }
    input.parse::<Token![,]>()?;
    let value = parse_literal(input, FIXED_EXAMPLE)?;
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    if !input.is_empty() {
        return Err(input.error(
            "`header(...)` takes a name and a value, nothing more: repeat `header(...)` for another header",
        ));
    }
    Ok((name, Some(value)))
}

/// A string literal, or an error that shows `example`.
fn parse_literal(input: syn::parse::ParseStream, example: &str) -> syn::Result<LitStr> {
    let at = input.span();
    match input.parse::<LitStr>() {
        Ok(lit) => Ok(lit),
        Err(_) => Err(syn::Error::new(
            at,
            format!("expected a string literal: write `{example}`"),
        )),
    }
}

/// `#[header("name")]` on a field.
pub(crate) fn parse_field(cx: &mut Ctxt, attr: &Attribute, slot: &mut Option<FieldHeader>) {
    let list = match &attr.meta {
        syn::Meta::List(list) => list,
        _ => {
            cx.error_at(
                attr,
                format!("`#[header]` needs the header's name: write `{FIELD_EXAMPLE}`"),
            );
            return;
        }
    };
    let name = match list.parse_args_with(parse_field_args) {
        Ok(name) => name,
        Err(_) if list.tokens.is_empty() => {
            cx.error_at(
                attr,
                format!("`#[header]` needs the header's name: write `{FIELD_EXAMPLE}`"),
            );
            return;
        }
        Err(err) => {
            cx.syn_error(err);
            return;
        }
    };
    if slot.is_some() {
        cx.error_at(
            attr,
            "a field is one header: remove this `#[header(...)]`, or send the value from another field",
        );
        return;
    }
    *slot = Some(FieldHeader {
        name,
        attr: quote!(#attr),
    });
}

/// The inside of `#[header(...)]`: the name.
fn parse_field_args(input: syn::parse::ParseStream) -> syn::Result<LitStr> {
    let name = parse_literal(input, FIELD_EXAMPLE)?;
    if !input.is_empty() {
        return Err(input.error(
            "`#[header(...)]` takes the header's name only; the field's `Display` is its value",
        ));
    }
    Ok(name)
}

/// The headers of a variant that is not `transparent`, checked: every name
/// and value as `http` takes them, and no header made from the source of a
/// 5xx error. `None` after an error.
pub(crate) fn check(cx: &mut Ctxt, variant: &Variant, status: Option<u16>) -> Option<Vec<Header>> {
    let mut ok = true;
    let mut out = Vec::new();
    for fixed in &variant.attrs.headers {
        let name_ok = check_name(cx, &fixed.name);
        let value_ok = check_value(cx, &fixed.value);
        if name_ok && value_ok {
            out.push(Header::Fixed {
                name: fixed.name.value(),
                value: fixed.value.value(),
            });
        }
        ok &= name_ok && value_ok;
    }
    for (index, field) in variant.fields.iter().enumerate() {
        let Some(header) = &field.attrs.header else {
            continue;
        };
        let mut field_ok = check_name(cx, &header.name);
        if let (Some(status @ 500..=599), true) = (status, field.is_source()) {
            cx.error_at(
                &header.attr,
                format!(
                    "a {status} response must not carry its source: `#[header]` on the field `{}` would send the text of an \
                     internal error to the client. Remove it; the source stays available through `source()` \
                     (and is logged with the `tracing` feature)",
                    field.name()
                ),
            );
            field_ok = false;
        }
        if field_ok {
            out.push(Header::Field {
                name: header.name.value(),
                field: index,
                span: header.name.span(),
                optional: field.is_option(),
            });
        }
        ok &= field_ok;
    }
    ok.then_some(out)
}

/// Errors for the headers of a `transparent` variant, which sends the
/// headers of the error it wraps; `false` when it has any.
pub(crate) fn check_transparent(cx: &mut Ctxt, variant: &Variant) -> bool {
    let mut ok = true;
    for fixed in &variant.attrs.headers {
        cx.error_at(
            &fixed.name,
            "a `transparent` variant sends the headers of the error it wraps: remove `header(...)`, \
             or put it on the wrapped error's variant",
        );
        ok = false;
    }
    for field in &variant.fields {
        if let Some(header) = &field.attrs.header {
            cx.error_at(
                &header.attr,
                "a `transparent` variant sends the headers of the error it wraps: remove `#[header(...)]`",
            );
            ok = false;
        }
    }
    ok
}

/// Checks a header name at its literal; `true` when `http` takes it as it is.
pub(crate) fn check_name(cx: &mut Ctxt, lit: &LitStr) -> bool {
    let name = lit.value();
    let lower = name.to_ascii_lowercase();
    let message = if lower == "content-type" {
        format!(
            "`{name}` is the response's own: it says whether the body is `application/json` or \
             `application/problem+json`. Remove this header"
        )
    } else if lower == "content-length" {
        format!("`{name}` is the response's own: it is the body's length. Remove this header")
    } else {
        match name_error(&name) {
            Some(error) => error,
            None => return true,
        }
    };
    cx.error_at(lit, message);
    false
}

/// Checks a fixed header value at its literal.
pub(crate) fn check_value(cx: &mut Ctxt, lit: &LitStr) -> bool {
    match value_error(&lit.value()) {
        Some(error) => {
            cx.error_at(lit, error);
            false
        }
        None => true,
    }
}

/// The body of `append_headers`, or nothing when no variant sends a header
/// of its own and none forwards to a wrapped error (the trait's default, an
/// empty method, is then the same).
pub(crate) fn expand_append_headers(plans: &[Plan]) -> TokenStream {
    let p = private;
    let headers = local("__headers");
    let mut arms = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let (pat, call) = forward(plan, *field, "append_headers", quote!(, #headers));
                arms.push(quote!(#pat => #call));
            }
            Kind::Own(own) if !own.headers.is_empty() => {
                let mut fields: Vec<usize> = Vec::new();
                let mut appends = TokenStream::new();
                for header in &own.headers {
                    if let Header::Field { field, .. } = *header {
                        fields.push(field);
                    }
                    appends.extend(append(header, &own.code, &headers));
                }
                let pat = pattern(plan.variant, &fields);
                arms.push(quote!(#pat => { #appends }));
            }
            Kind::Own(_) => {}
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    if arms.len() < plans.len() {
        arms.push(quote!(_ => {}));
    }
    quote! {
        #[inline]
        fn append_headers(&self, #headers: &mut #p::http::HeaderMap) {
            match self { #(#arms,)* }
        }
    }
}

/// The statement that appends one header of a variant to `headers`.
fn append(header: &Header, code: &str, headers: &Ident) -> TokenStream {
    let p = private;
    let name = header_name(header.name());
    match header {
        Header::Fixed { value, .. } if is_static_value(value) => quote! {
            #headers.append(#name, const { #p::http::HeaderValue::from_static(#value) });
        },
        Header::Fixed { value, .. } => quote! {
            #p::append_fixed_header(#headers, #name, #value);
        },
        &Header::Field {
            field,
            span,
            optional,
            ..
        } => {
            // The binding at the attribute: a field type without `Display`
            // is reported there.
            let b = Ident::new(
                &binding(field).to_string(),
                Span::mixed_site().located_at(span),
            );
            let p_at = private_at(span);
            if optional {
                let value = local("__value");
                quote_spanned! {span=>
                    if let ::core::option::Option::Some(#value) = #b {
                        #p_at::append_field_header(#headers, #name, #value, #code);
                    }
                }
            } else {
                quote_spanned! {span=>
                    #p_at::append_field_header(#headers, #name, #b, #code);
                }
            }
        }
    }
}

/// `HeaderName::from_static(name)` in a `const` block: made at compile time.
fn header_name(name: &str) -> TokenStream {
    let p = private;
    quote!(const { #p::http::HeaderName::from_static(#name) })
}
