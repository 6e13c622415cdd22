//! Reading `#[api_error(...)]`, `#[source]`, `#[from]` and doc comments.
//!
//! Every mistake is recorded in the [`Ctxt`] at its own token and parsing
//! goes on, so that one build reports every bad key of every variant.

use proc_macro2::{Delimiter, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::meta::ParseNestedMeta;
use syn::parse::discouraged::Speculative;
use syn::spanned::Spanned;
use syn::{Attribute, Lit, LitStr, Token};

use crate::args::{self, Message};
use crate::case::{Case, CASES};
use crate::ctxt::Ctxt;
use crate::headers::{self, FieldHeader, FixedHeader};
use crate::problem;

/// A string literal's value, with its token for errors at it.
pub(crate) struct Str {
    pub(crate) value: String,
    pub(crate) token: Literal,
}

impl Str {
    /// The value of a string literal token; `None` for any other literal.
    pub(crate) fn new(token: Literal) -> Option<Str> {
        let repr = token.to_string();
        if let Some(value) = plain_value(&repr) {
            return Some(Str {
                value: value.to_owned(),
                token,
            });
        }
        // Something to unescape, or not a plain string: syn's reading.
        match Lit::new(token) {
            Lit::Str(lit) => Some(Str {
                value: lit.value(),
                token: lit.token(),
            }),
            _ => None,
        }
    }

    pub(crate) fn from_lit(lit: &LitStr) -> Str {
        Str {
            value: str_value(lit),
            token: lit.token(),
        }
    }

    pub(crate) fn span(&self) -> Span {
        self.token.span()
    }
}

impl ToTokens for Str {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.token.to_tokens(tokens);
    }
}

/// A status code with the span of its literal.
#[derive(Clone, Copy)]
pub(crate) struct Status {
    pub(crate) value: u16,
    pub(crate) span: Span,
}

#[derive(Default)]
pub(crate) struct EnumAttrs {
    pub(crate) status: Option<Status>,
    /// Every key written, valid or not: a key with a bad value was already
    /// reported, and must not be reported again as missing.
    pub(crate) keys: Vec<String>,
    /// See [`VariantAttrs::malformed`].
    pub(crate) malformed: bool,
    pub(crate) rename_all: Option<Case>,
    /// `format = "problem"`: the span of its literal.
    pub(crate) format: Option<Span>,
    pub(crate) type_base: Option<String>,
    /// `domain = "..."`: the gRPC `ErrorInfo.domain`.
    pub(crate) domain: Option<Str>,
}

#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub(crate) code: Option<Str>,
    pub(crate) status: Option<Status>,
    /// `message = "..."`, or `message("...", args...)`.
    pub(crate) message: Option<Message>,
    /// `grpc = "..."`: the variant's own gRPC code, checked in `valid`.
    pub(crate) grpc: Option<Str>,
    /// The `transparent` keyword.
    pub(crate) transparent: Option<Span>,
    /// Every `header("name", "value")`, in order.
    pub(crate) headers: Vec<FixedHeader>,
    /// The index of the first `#[api_error(...)]` attribute among the
    /// variant's, for errors about the variant.
    pub(crate) attr: Option<usize>,
    /// An `#[api_error]` attribute was unreadable (bare, empty): its error is
    /// reported, and the keys it may have meant are not reported missing.
    pub(crate) malformed: bool,
    /// Every key written, valid or not (see [`EnumAttrs::keys`]).
    pub(crate) keys: Vec<String>,
}

#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) source: Option<Span>,
    pub(crate) from: Option<Span>,
    pub(crate) header: Option<FieldHeader>,
}

/// A doc comment: the whole text, and its first paragraph on one line.
#[derive(Default)]
pub(crate) struct Doc {
    pub(crate) text: String,
    pub(crate) first_paragraph: String,
    pub(crate) span: Option<Span>,
}

const ENUM_KEYS: &str = "`status`, `rename_all`, `format`, `type_base` or `domain`";
const MISPLACED_HEADER: &str =
    "`#[header(\"name\")]` goes on a field, whose `Display` is the value; \
     for a fixed header write `header(\"name\", \"value\")` in the variant's `#[api_error(...)]`";
const VARIANT_KEYS: &str = "`code`, `status`, `message`, `header`, `grpc` or `transparent`";

pub(crate) fn enum_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> EnumAttrs {
    let mut out = EnumAttrs::default();
    let mut seen = Seen::default();
    for attr in attrs {
        if attr.path().is_ident("source") || attr.path().is_ident("from") {
            cx.error_at(
                attr,
                "`#[source]` and `#[from]` go on a field of a variant, not on the enum",
            );
            continue;
        }
        if attr.path().is_ident("header") {
            cx.error_at(attr, MISPLACED_HEADER);
            continue;
        }
        if !attr.path().is_ident("api_error") {
            continue;
        }
        out.malformed |= !for_each_key(cx, attr, ENUM_KEYS, |cx, meta, key| match key.as_str() {
            "status" => {
                if seen.first(cx, meta, "status") {
                    out.status = parse_status(cx, meta);
                } else {
                    skip_value(meta);
                }
            }
            "rename_all" => {
                if seen.first(cx, meta, "rename_all") {
                    out.rename_all = parse_case(cx, meta);
                } else {
                    skip_value(meta);
                }
            }
            "format" => {
                if seen.first(cx, meta, "format") {
                    out.format = match parse_str(cx, meta, "format", "\"problem\"") {
                        Some(lit) => problem::parse_format(cx, lit),
                        None => None,
                    };
                } else {
                    skip_value(meta);
                }
            }
            "domain" => {
                if seen.first(cx, meta, "domain") {
                    out.domain = parse_str(cx, meta, "domain", "\"licenses.example.com\"");
                } else {
                    skip_value(meta);
                }
            }
            "type_base" => {
                if seen.first(cx, meta, "type_base") {
                    let lit = parse_str(
                        cx,
                        meta,
                        "type_base",
                        "\"https://docs.example.com/errors/\"",
                    );
                    out.type_base = match lit {
                        Some(lit) => problem::parse_type_base(cx, lit),
                        None => None,
                    };
                } else {
                    skip_value(meta);
                }
            }
            "code" | "message" | "transparent" | "header" | "grpc" => {
                cx.error_at(
                    &meta.path,
                    format!(
                        "`{key}` goes on a variant, not on the enum; on the enum write {ENUM_KEYS}"
                    ),
                );
                skip_value(meta);
            }
            _ => {
                cx.error_at(
                    &meta.path,
                    format!("unknown key `{key}` on the enum: expected {ENUM_KEYS}"),
                );
                skip_value(meta);
            }
        });
    }
    out.keys = seen.0;
    out
}

pub(crate) fn variant_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    let mut seen = Seen::default();
    for (at, attr) in attrs.iter().enumerate() {
        // The commonest first: each test prints the path's identifier.
        if !attr.path().is_ident("api_error") {
            if attr.path().is_ident("doc") {
                continue;
            }
            if attr.path().is_ident("source") || attr.path().is_ident("from") {
                cx.error_at(
                    attr,
                    "`#[source]` and `#[from]` go on a field of the variant, not on the variant itself",
                );
            } else if attr.path().is_ident("header") {
                cx.error_at(attr, MISPLACED_HEADER);
            }
            continue;
        }
        if out.attr.is_none() {
            out.attr = Some(at);
        }
        out.malformed |= !for_each_key(cx, attr, VARIANT_KEYS, |cx, meta, key| {
            if key == "header" {
                seen.0.push(key);
                if let Some(header) = headers::parse_fixed(cx, meta) {
                    out.headers.push(header);
                }
                return;
            }
            if !matches!(
                key.as_str(),
                "code" | "status" | "message" | "grpc" | "transparent"
            ) {
                let hint = if matches!(
                    key.as_str(),
                    "rename_all" | "format" | "type_base" | "domain"
                ) {
                    format!("; `{key}` goes on the enum")
                } else {
                    String::new()
                };
                cx.error_at(
                    &meta.path,
                    format!("unknown key `{key}`: expected {VARIANT_KEYS}{hint}"),
                );
                skip_value(meta);
                return;
            }
            if !seen.first(cx, meta, &key) {
                skip_value(meta);
                return;
            }
            match key.as_str() {
                "code" => out.code = parse_str(cx, meta, "code", "\"license_not_found\""),
                "status" => out.status = parse_status(cx, meta),
                "message" => out.message = parse_message(cx, meta),
                "grpc" => out.grpc = parse_str(cx, meta, "grpc", "\"failed_precondition\""),
                _ => {
                    if meta.input.peek(Token![=]) || !is_end(meta) {
                        cx.error_at(
                            &meta.path,
                            "`transparent` takes no value: write `#[api_error(transparent)]`",
                        );
                        skip_value(meta);
                    } else {
                        out.transparent = Some(meta.path.span());
                    }
                }
            }
        });
    }
    out.keys = seen.0;
    out
}

pub(crate) fn field_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("header") {
            headers::parse_field(cx, attr, &mut out.header);
            continue;
        }
        let slot = if attr.path().is_ident("source") {
            &mut out.source
        } else if attr.path().is_ident("from") {
            &mut out.from
        } else {
            if attr.path().is_ident("api_error") {
                cx.error_at(
                    attr,
                    "`#[api_error(...)]` goes on the enum or a variant; on a field write `#[source]`, `#[from]` or `#[header(\"name\")]`",
                );
            }
            continue;
        };
        let name = if attr.path().is_ident("source") {
            "source"
        } else {
            "from"
        };
        if !matches!(attr.meta, syn::Meta::Path(_)) {
            cx.error_at(
                &attr.meta,
                format!("`#[{name}]` takes no arguments: write `#[{name}]`"),
            );
        } else if slot.is_some() {
            cx.error_at(attr, format!("duplicate `#[{name}]` on this field"));
        } else {
            *slot = Some(attr.path().span());
        }
    }
    out
}

pub(crate) fn doc(attrs: &[Attribute]) -> Doc {
    // The lines of every doc attribute, joined by `\n`.
    let mut text = String::new();
    let mut first_line = true;
    let mut span = None;
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) = &nv.value
            {
                span.get_or_insert(attr.span());
                // `split`, not `lines`: an empty `///` line is an empty
                // string, and it is what separates two paragraphs.
                for line in str_value(s).split('\n') {
                    if !first_line {
                        text.push('\n');
                    }
                    first_line = false;
                    text.push_str(line.strip_prefix(' ').unwrap_or(line).trim_end());
                }
            }
        }
    }
    let text = text.trim().to_owned();
    let paragraph = match text.split_once("\n\n") {
        Some((paragraph, _)) => paragraph,
        None => text.as_str(),
    };
    let mut first_paragraph = String::with_capacity(paragraph.len());
    for (i, line) in paragraph.lines().enumerate() {
        if i > 0 {
            first_paragraph.push(' ');
        }
        first_paragraph.push_str(line.trim());
    }
    Doc {
        text,
        first_paragraph,
        span,
    }
}

/// `lit.value()`, without syn's unescaping when the literal has nothing to
/// unescape: the text between its quotes. Every variant has a doc comment,
/// nearly always without an escape, and syn reads a literal a character at
/// a time (the derive runs unoptimized in a dev build). A code's or a
/// message's literal is read the same way by [`Str::new`].
pub(crate) fn str_value(lit: &LitStr) -> String {
    match plain_value(&lit.token().to_string()) {
        Some(value) => value.to_owned(),
        None => lit.value(),
    }
}

/// The text between the quotes of a plain `"..."` literal (not raw, no
/// suffix) that has nothing to unescape: no escape, and no line break that
/// the compiler normalizes. `None` for any other literal.
fn plain_value(repr: &str) -> Option<&str> {
    let inner = repr.strip_prefix('"')?.strip_suffix('"')?;
    for b in inner.bytes() {
        if b == b'\\' || b == b'\r' {
            return None;
        }
    }
    Some(inner)
}

/// Calls `f` for each `key` of `#[api_error(key = value, key, ...)]`;
/// `false` when the attribute has no list of keys to read.
fn for_each_key(
    cx: &mut Ctxt,
    attr: &Attribute,
    expected: &str,
    mut f: impl FnMut(&mut Ctxt, &ParseNestedMeta, String),
) -> bool {
    read_keys(cx, attr, expected, &mut f)
}

/// `for_each_key` through a trait object: syn's parser of the keys is then
/// compiled once, not once for the enum's keys and once for a variant's.
fn read_keys(
    cx: &mut Ctxt,
    attr: &Attribute,
    expected: &str,
    f: &mut dyn FnMut(&mut Ctxt, &ParseNestedMeta, String),
) -> bool {
    let list = match &attr.meta {
        syn::Meta::List(list) if !list.tokens.is_empty() => list,
        _ => {
            cx.error_at(
                attr,
                format!("expected `#[api_error(...)]` with at least one key: {expected}"),
            );
            return false;
        }
    };
    let result = list.parse_nested_meta(|meta| {
        let key = match meta.path.get_ident() {
            Some(ident) => ident.to_string(),
            // A path such as `a::b` as the user wrote it, from its printed
            // tokens (`a :: b`).
            None => crate::case::without(&meta.path.to_token_stream().to_string(), ' '),
        };
        f(cx, &meta, key);
        Ok(())
    });
    match result {
        Ok(()) => true,
        Err(err) => {
            cx.syn_error(err);
            false
        }
    }
}

/// Records the keys seen on one variant or the enum.
#[derive(Default)]
struct Seen(Vec<String>);

impl Seen {
    /// Whether this is the key's first use; an error at the repeat if not.
    fn first(&mut self, cx: &mut Ctxt, meta: &ParseNestedMeta, key: &str) -> bool {
        for seen in &self.0 {
            if seen == key {
                cx.error_at(&meta.path, format!("`{key}` is given twice: keep one"));
                return false;
            }
        }
        self.0.push(key.to_owned());
        true
    }
}

fn is_end(meta: &ParseNestedMeta) -> bool {
    meta.input.is_empty() || meta.input.peek(Token![,])
}

/// The tokens of `= value`, up to the next `,`. `None` (and nothing consumed)
/// when the key has no `=`.
fn value_tokens(meta: &ParseNestedMeta) -> Option<TokenStream> {
    if !meta.input.peek(Token![=]) {
        return None;
    }
    let input = meta.value().ok()?;
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        match input.parse::<TokenTree>() {
            Ok(tt) => tokens.append(tt),
            Err(_) => break,
        }
    }
    Some(open_invisible_groups(tokens))
}

/// The tokens with invisible groups opened: a `$status:literal` of a
/// `macro_rules!` reaches the derive wrapped in one.
fn open_invisible_groups(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    append_opened(&mut out, tokens);
    out
}

fn append_opened(out: &mut TokenStream, tokens: TokenStream) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                append_opened(out, g.stream());
            }
            tt => out.append(tt),
        }
    }
}

/// Consumes whatever a key carries (`= value` or `(...)`), so that parsing
/// goes on at the next key.
pub(crate) fn skip_value(meta: &ParseNestedMeta) {
    if value_tokens(meta).is_none() && !is_end(meta) {
        let _ = meta.input.parse::<TokenTree>();
    }
}

/// The value, a string literal, or an error at its tokens.
pub(crate) fn parse_str(
    cx: &mut Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    example: &str,
) -> Option<Str> {
    // The commonest form, `key = "..."`: one literal, then the next key or
    // the end, read without collecting the value's tokens.
    let fork = meta.input.fork();
    if fork.parse::<Token![=]>().is_ok() {
        if let Ok(TokenTree::Literal(lit)) = fork.parse::<TokenTree>() {
            if fork.is_empty() || fork.peek(Token![,]) {
                if let Some(s) = Str::new(lit) {
                    meta.input.advance_to(&fork);
                    return Some(s);
                }
            }
        }
    }
    let Some(tokens) = value_tokens(meta) else {
        cx.error_at(
            &meta.path,
            format!("`{key}` needs a value: write `{key} = {example}`"),
        );
        skip_value(meta);
        return None;
    };
    let mut iter = tokens.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(TokenTree::Literal(lit)), None) => {
            if let Some(s) = Str::new(lit) {
                return Some(s);
            }
        }
        (None, _) => {
            cx.error_at(
                &meta.path,
                format!("`{key}` needs a value: write `{key} = {example}`"),
            );
            return None;
        }
        _ => {}
    }
    cx.error_at(
        tokens,
        format!("`{key}` must be a string literal: write `{key} = {example}`"),
    );
    None
}

/// `message = "..."` or `message("format", args...)`.
fn parse_message(cx: &mut Ctxt, meta: &ParseNestedMeta) -> Option<Message> {
    if !meta.input.peek(syn::token::Paren) {
        let lit = parse_str(cx, meta, "message", "\"License {key} not found\"")?;
        return Some(Message {
            lit,
            args: Vec::new(),
        });
    }
    let group = match meta.input.parse::<TokenTree>() {
        Ok(TokenTree::Group(group)) => group,
        _ => return None,
    };
    if group.stream().is_empty() {
        cx.error_at(
            &group,
            "`message(...)` needs a format string: write `message(\"{} of {}\", .count, .limit)`",
        );
        return None;
    }
    match syn::parse::Parser::parse2(args::parse_message_list, group.stream()) {
        Ok(message) => Some(message),
        Err(err) => {
            cx.syn_error(err);
            None
        }
    }
}

fn parse_status(cx: &mut Ctxt, meta: &ParseNestedMeta) -> Option<Status> {
    let tokens = value_tokens(meta);
    if let Some(tokens) = &tokens {
        let mut iter = tokens.clone().into_iter();
        if let (Some(TokenTree::Punct(p)), Some(TokenTree::Literal(_))) = (iter.next(), iter.next())
        {
            if p.as_char() == '-' {
                cx.error_at(
                    tokens,
                    "`status` must be an HTTP error status from 400 to 599, like `status = 404`; a negative number is not a status",
                );
                return None;
            }
        }
    }
    let (lit, tokens) = match tokens {
        None => {
            cx.error_at(&meta.path, "`status` needs a value: write `status = 404`");
            skip_value(meta);
            return None;
        }
        Some(tokens) => {
            let mut iter = tokens.clone().into_iter();
            match (iter.next(), iter.next()) {
                (Some(TokenTree::Literal(lit)), None) => (Lit::new(lit), tokens),
                (None, _) => {
                    cx.error_at(&meta.path, "`status` needs a value: write `status = 404`");
                    return None;
                }
                _ => (Lit::Verbatim(proc_macro2::Literal::u8_suffixed(0)), tokens),
            }
        }
    };
    let int = match lit {
        Lit::Int(int) => int,
        Lit::Str(s) => {
            cx.error_at(
                tokens,
                format!(
                    "`status` must be an integer, not a string: write `status = {}`",
                    s.value().trim()
                ),
            );
            return None;
        }
        _ => {
            cx.error_at(
                tokens,
                "`status` must be an integer from 400 to 599, like `status = 404`",
            );
            return None;
        }
    };
    if !int.suffix().is_empty() {
        cx.error_at(
            &int,
            format!(
                "`status` takes a plain integer: write `status = {}`",
                int.base10_digits()
            ),
        );
        return None;
    }
    match int.base10_parse::<u64>() {
        Ok(value @ 400..=599) => Some(Status {
            value: value as u16,
            span: int.span(),
        }),
        Ok(value) => {
            let hint = if (100..400).contains(&value) {
                ": an API error answers with a 4xx (client) or 5xx (server) status"
            } else {
                ""
            };
            cx.error_at(
                &int,
                format!("`status = {value}` is out of range: use an HTTP error status from 400 to 599{hint}"),
            );
            None
        }
        Err(_) => {
            cx.error_at(
                &int,
                "`status` is out of range: use an HTTP error status from 400 to 599",
            );
            None
        }
    }
}

fn parse_case(cx: &mut Ctxt, meta: &ParseNestedMeta) -> Option<Case> {
    let lit = parse_str(cx, meta, "rename_all", "\"snake_case\"")?;
    let case = Case::from_name(&lit.value);
    if case.is_none() {
        let mut names = String::new();
        for (i, (name, _)) in CASES.iter().enumerate() {
            if i > 0 {
                names.push_str(", ");
            }
            names.push('"');
            names.push_str(name);
            names.push('"');
        }
        cx.error_at(
            &lit,
            format!("unknown case `{}`: expected one of {names}", lit.value),
        );
    }
    case
}
