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

/// Why `name` is not a header name that `http` takes as it is, if it is not.
pub(crate) fn name_error(name: &str) -> Option<String> {
    const TOKEN: &str =
        "a header name is a token: ASCII letters, digits and any of !#$%&'*+-.^_`|~";
    if name.is_empty() {
        return Some(format!("a header name cannot be empty: {TOKEN}"));
    }
    if name.len() > MAX_NAME_LEN {
        return Some(format!(
            "a header name is at most {MAX_NAME_LEN} bytes; this one has {}",
            name.len()
        ));
    }
    for bad in name.chars() {
        if !is_token_char(bad) {
            return Some(format!(
                "`{}` is not a valid header name: {bad:?} is not allowed; {TOKEN}",
                name.escape_debug()
            ));
        }
    }
    let lower = name.to_ascii_lowercase();
    if lower != name {
        return Some(format!(
            "header names are written in lowercase (HTTP/2 sends them so, and `http` keeps them so): \
             write \"{lower}\""
        ));
    }
    None
}

/// `http`'s longest header name.
const MAX_NAME_LEN: usize = (1 << 16) - 1;

/// A `tchar` of RFC 9110, the characters of `http`'s `HEADER_CHARS` table.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
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

/// Why `value` is not a header value `http` takes, if it is not: a control
/// character other than tab (a line break would end the header), or DEL.
pub(crate) fn value_error(value: &str) -> Option<String> {
    for bad in value.chars() {
        if (bad < ' ' && bad != '\t') || bad == '\u{7f}' {
            return Some(format!(
                "{bad:?} is not allowed in a header value: a value is visible ASCII, spaces, tabs \
                 and non-ASCII text, on one line"
            ));
        }
    }
    None
}

/// Whether `http`'s `HeaderValue::from_static`, which the generated code
/// calls in a `const` block, takes the value: visible ASCII, space and tab.
pub(crate) fn is_static_value(value: &str) -> bool {
    for b in value.bytes() {
        if !((b' '..0x7f).contains(&b) || b == b'\t') {
            return false;
        }
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `http` takes as a name, as it is: `from_bytes` accepts it and
    /// keeps it unchanged (so it was lowercase already).
    fn http_takes_name(name: &str) -> bool {
        http::HeaderName::from_bytes(name.as_bytes()).is_ok_and(|n| n.as_str() == name)
    }

    #[test]
    fn names_are_checked_as_http_checks_them() {
        // Every byte a Rust string can hold as one char, at the start, in the
        // middle and at the end of a name, and alone.
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['é', 'ß', '日', '\u{80}'])
        {
            for name in [
                format!("{c}"),
                format!("{c}x-a"),
                format!("x{c}a"),
                format!("x-a{c}"),
            ] {
                assert_eq!(
                    name_error(&name).is_none(),
                    http_takes_name(&name),
                    "{name:?}: {:?}",
                    name_error(&name)
                );
            }
        }
        // Standard names, and the longest and one too long.
        for name in ["www-authenticate", "retry-after", "allow", "x-request-id"] {
            assert!(name_error(name).is_none(), "{name}");
            assert!(http_takes_name(name), "{name}");
        }
        let longest = "a".repeat(MAX_NAME_LEN);
        assert!(name_error(&longest).is_none());
        assert!(http_takes_name(&longest));
        let too_long = "a".repeat(MAX_NAME_LEN + 1);
        assert!(name_error(&too_long).is_some());
        assert!(!http_takes_name(&too_long));
        assert!(name_error("").is_some());
        assert!(!http_takes_name(""));
    }

    #[test]
    fn values_are_checked_as_http_checks_them() {
        let chars = (0u32..0x100)
            .filter_map(char::from_u32)
            .chain(['日', '🚀', '\u{2028}', '\u{feff}']);
        for c in chars {
            for value in [format!("{c}"), format!("a{c}b"), format!(" {c} ")] {
                let http_takes = http::HeaderValue::from_bytes(value.as_bytes()).is_ok();
                assert_eq!(value_error(&value).is_none(), http_takes, "{value:?}");
                // The const path takes the ASCII ones; the others go through
                // `from_maybe_shared`.
                let from_static = std::panic::catch_unwind(|| {
                    http::HeaderValue::from_static(Box::leak(value.clone().into_boxed_str()))
                })
                .is_ok();
                assert_eq!(is_static_value(&value), from_static, "{value:?}");
            }
        }
        assert!(value_error("").is_none());
    }
}
