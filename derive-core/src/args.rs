//! The arguments of `message("format", args...)`, thiserror's arguments after
//! its format string: `.field` and `.0` for a field, any expression over
//! them, `name = expr` for a named argument.
//!
//! syn is built without its `full` feature (build cost), so it cannot parse
//! an arbitrary expression. It does not need to: the derive only has to find
//! where each argument ends and which tokens are field references; rustc
//! checks the expression itself, at the user's own tokens. An argument ends
//! at a `,` outside any group, unless the comma belongs to generic arguments
//! (`collect::<Vec<_>>()`, `x as Trait<A, B>`, `<T as Trait>::f`) or to a
//! closure's parameters (`|a, b| ...`); those pieces are read with syn's
//! parsers for types and paths.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// `message = "..."` or `message("...", args...)`.
pub(crate) struct Message {
    pub(crate) lit: crate::attr::Str,
    pub(crate) args: Vec<FmtArg>,
}

/// One argument after the format string.
pub(crate) struct FmtArg {
    /// The `name` of `name = expr`; `None` for a positional argument.
    pub(crate) name: Option<Ident>,
    pub(crate) expr: Vec<Node>,
    /// The first and the last token of the argument, for errors.
    pub(crate) span: (Span, Span),
}

/// A token of an argument's expression.
pub(crate) enum Node {
    /// Any token but a group that may hold field references.
    Token(TokenTree),
    /// `(...)`, `[...]` or `{...}`, with its tokens read the same way.
    Group(Delimiter, Span, Vec<Node>),
    /// `.field` or `.0`.
    Field(FieldRef),
}

pub(crate) struct FieldRef {
    /// The field's name as a template names it: `key` (raw prefix dropped) or `0`.
    pub(crate) name: String,
    /// The `.`, and the name.
    pub(crate) dot: Span,
    pub(crate) span: Span,
}

impl FieldRef {
    /// The tokens of `.name`, for an error that covers both.
    pub(crate) fn tokens(&self) -> TokenStream {
        span_range(self.dot, self.span)
    }
}

impl FmtArg {
    /// The argument's tokens, for an error that covers all of them.
    pub(crate) fn tokens(&self) -> TokenStream {
        span_range(self.span.0, self.span.1)
    }

    /// The field references of the expression, in order.
    pub(crate) fn field_refs(&self) -> Vec<&FieldRef> {
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a FieldRef>) {
            for node in nodes {
                match node {
                    Node::Field(field) => out.push(field),
                    Node::Group(_, _, inner) => walk(inner, out),
                    Node::Token(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }

    /// The field when the whole expression is `.field`.
    pub(crate) fn sole_field(&self) -> Option<&FieldRef> {
        match self.expr.as_slice() {
            [Node::Field(field)] => Some(field),
            _ => None,
        }
    }

    /// The expression with each field reference replaced by `field(reference)`.
    pub(crate) fn expr_tokens(&self, field: &impl Fn(&FieldRef) -> Ident) -> TokenStream {
        fn emit(nodes: &[Node], field: &impl Fn(&FieldRef) -> Ident) -> TokenStream {
            let mut tokens = TokenStream::new();
            for node in nodes {
                match node {
                    Node::Token(tt) => tokens.append(tt.clone()),
                    Node::Field(reference) => tokens.append(field(reference)),
                    Node::Group(delimiter, span, inner) => {
                        let mut group = Group::new(*delimiter, emit(inner, field));
                        group.set_span(*span);
                        tokens.append(group);
                    }
                }
            }
            tokens
        }
        emit(&self.expr, field)
    }
}

/// Two tokens spanning from `first` to `last`: `syn::Error::new_spanned`
/// over them covers the whole range, on stable Rust too.
fn span_range(first: Span, last: Span) -> TokenStream {
    let mut a = Punct::new('.', Spacing::Alone);
    a.set_span(first);
    let mut b = Punct::new('.', Spacing::Alone);
    b.set_span(last);
    let mut tokens = TokenStream::new();
    tokens.append(a);
    tokens.append(b);
    tokens
}

/// The inside of `message(...)`: the format string, then the arguments.
pub(crate) fn parse_message_list(input: ParseStream) -> syn::Result<Message> {
    let Ok(lit) = input.parse::<LitStr>() else {
        return Err(input.error(
            "the first argument of `message(...)` is the format string: write `message(\"{} of {}\", .count, .limit)`",
        ));
    };
    let mut args = Vec::new();
    while !input.is_empty() {
        if !input.peek(Token![,]) {
            return Err(input.error("expected `,` before the next argument"));
        }
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        args.push(parse_arg(input)?);
    }
    Ok(Message {
        lit: crate::attr::Str::from_lit(&lit),
        args,
    })
}

fn parse_arg(input: ParseStream) -> syn::Result<FmtArg> {
    let first = input.span();
    let name = if input.peek(Ident::peek_any)
        && input.peek2(Token![=])
        && !input.peek2(Token![==])
        && !input.peek2(Token![=>])
    {
        let name = Ident::parse_any(input)?;
        input.parse::<Token![=]>()?;
        Some(name)
    } else {
        None
    };
    let mut expr = Vec::new();
    skim(input, Depth::Top, &mut expr)?;
    let last = match expr.last() {
        Some(Node::Token(tt)) => tt.span(),
        Some(Node::Group(_, span, _)) => *span,
        Some(Node::Field(field)) => field.span,
        None => {
            let (span, message) = match &name {
                Some(name) => (
                    name.span(),
                    format!("expected an expression after `{name} =`"),
                ),
                None => (
                    input.span(),
                    "expected an argument: an expression such as `.field`, or `name = expr`"
                        .to_owned(),
                ),
            };
            return Err(syn::Error::new(span, message));
        }
    };
    Ok(FmtArg {
        name,
        expr,
        span: (first, last),
    })
}

/// Where [`skim`] reads.
#[derive(Clone, Copy, PartialEq)]
enum Depth {
    /// An argument: it ends at a `,`.
    Top,
    /// Inside `(...)` or `[...]`.
    Nested,
    /// Inside `{...}`, where items (`impl Display for Msg { fn fmt(&self, ..) }`)
    /// may declare a `self` of their own.
    Block,
}

/// Reads one expression's tokens into `out`: up to a `,` or the end at the
/// top level, the whole stream inside a group.
fn skim(input: ParseStream, depth: Depth, out: &mut Vec<Node>) -> syn::Result<()> {
    let top = depth == Depth::Top;
    // Whether an expression may start here, so that a `.` starts a field
    // reference (`.a + .b`) and not a field access or a method call
    // (`.a.len()`).
    let mut begin = true;
    // The operator that ends what has been read, if any: an argument cannot
    // end with one.
    let mut trailing_operator: Option<(String, Span)> = None;
    let at_end = |input: ParseStream| input.is_empty() || (top && input.peek(Token![,]));
    while !at_end(input) {
        let previous = trailing_operator.take();
        if begin && input.peek(Token![.]) && !input.peek(Token![..]) {
            field_ref(input, out)?;
            begin = false;
        } else if top && begin && input.peek(Token![|]) && !input.peek(Token![||]) {
            closure_params(input, out)?;
            begin = true;
        } else if input.peek(Token![::]) && is_turbofish(input) {
            take::<syn::AngleBracketedGenericArguments>(input, out)?;
            begin = false;
        } else if input.peek(Token![as]) {
            take_token(input, out)?;
            take::<TypeNoBounds>(input, out)?;
            begin = false;
        } else if input.peek(Token![->]) {
            take_token(input, out)?;
            take_token(input, out)?;
            take::<TypeNoBounds>(input, out)?;
            begin = true;
        } else if begin && input.peek(Token![<]) && input.fork().parse::<syn::ExprPath>().is_ok() {
            // `<T as Trait>::f`
            take::<syn::ExprPath>(input, out)?;
            begin = false;
        } else if input.peek(syn::Lifetime) {
            take::<syn::Lifetime>(input, out)?;
            begin = false;
        } else {
            match input.parse::<TokenTree>()? {
                TokenTree::Group(group) if group.delimiter() != Delimiter::None => {
                    let inner_depth = match (group.delimiter(), depth) {
                        (Delimiter::Brace, _) | (_, Depth::Block) => Depth::Block,
                        _ => Depth::Nested,
                    };
                    let mut inner = Vec::new();
                    syn::parse::Parser::parse2(
                        |input: ParseStream| skim(input, inner_depth, &mut inner),
                        group.stream(),
                    )?;
                    out.push(Node::Group(group.delimiter(), group.span(), inner));
                    begin = false;
                }
                TokenTree::Ident(ident) => {
                    if ident == "self" && depth != Depth::Block {
                        return Err(syn::Error::new(
                            ident.span(),
                            "`self` is not in scope in a message argument: reach a field with `.field` (or `.0`)",
                        ));
                    }
                    begin = starts_expression(&ident);
                    out.push(Node::Token(TokenTree::Ident(ident)));
                }
                TokenTree::Punct(punct) => {
                    // After `?` or `.` an operand goes on; after any other
                    // operator an expression starts.
                    begin = !matches!(punct.as_char(), '?' | '.');
                    if begin {
                        // `==` arrives as two puncts, the first joint.
                        trailing_operator = Some(match previous {
                            Some((mut text, span)) if is_joint(out.last()) => {
                                text.push(punct.as_char());
                                (text, span)
                            }
                            _ => (punct.as_char().to_string(), punct.span()),
                        });
                    }
                    out.push(Node::Token(TokenTree::Punct(punct)));
                }
                tt => {
                    begin = false;
                    out.push(Node::Token(tt));
                }
            }
        }
    }
    if !top {
        return Ok(());
    }
    if let Some((text, span)) = trailing_operator {
        return Err(syn::Error::new(
            span,
            format!("expected an expression after `{text}`"),
        ));
    }
    // A `.` ends an argument only as the `..` of a range (`.from..`).
    match out.as_slice() {
        [.., Node::Token(TokenTree::Punct(a)), Node::Token(TokenTree::Punct(b))]
            if a.as_char() == '.' && a.spacing() == Spacing::Joint && b.as_char() == '.' =>
        {
            Ok(())
        }
        [.., Node::Token(TokenTree::Punct(dot))] if dot.as_char() == '.' => Err(syn::Error::new(
            dot.span(),
            "expected a field or a method after `.`",
        )),
        _ => Ok(()),
    }
}

fn is_joint(node: Option<&Node>) -> bool {
    matches!(node, Some(Node::Token(TokenTree::Punct(p))) if p.spacing() == Spacing::Joint)
}

/// `.field`, `.0`, or `.0.1` (which arrives as `.` and the float `0.1`).
fn field_ref(input: ParseStream, out: &mut Vec<Node>) -> syn::Result<()> {
    let dot = input.parse::<Token![.]>()?.span;
    if input.peek(Ident::peek_any) {
        let ident = Ident::parse_any(input)?;
        let name = ident.unraw().to_string();
        out.push(Node::Field(FieldRef {
            name,
            dot,
            span: ident.span(),
        }));
        return Ok(());
    }
    let lit = match input.parse::<TokenTree>() {
        Ok(TokenTree::Literal(lit)) => lit,
        _ => {
            return Err(syn::Error::new(
                dot,
                "expected a field after `.`: write `.field` or `.0`",
            ))
        }
    };
    let repr = lit.to_string();
    let Some((first, member)) = tuple_indices(&repr) else {
        return Err(syn::Error::new(
            lit.span(),
            format!("`.{repr}` is not a field: write `.field` or `.0`"),
        ));
    };
    out.push(Node::Field(FieldRef {
        name: first.to_string(),
        dot,
        span: lit.span(),
    }));
    if let Some(member) = member {
        // `.0.1`: field 0, then its member 1.
        let mut punct = Punct::new('.', Spacing::Alone);
        punct.set_span(lit.span());
        out.push(Node::Token(TokenTree::Punct(punct)));
        let mut member = Literal::u32_unsuffixed(member);
        member.set_span(lit.span());
        out.push(Node::Token(TokenTree::Literal(member)));
    }
    Ok(())
}

/// The text of the literal after a `.`, `0` or `0.1`, as the field's index
/// and, for `0.1`, its member's.
fn tuple_indices(repr: &str) -> Option<(u32, Option<u32>)> {
    match repr.split_once('.') {
        None => Some((tuple_index(repr)?, None)),
        Some((first, member)) => Some((tuple_index(first)?, Some(tuple_index(member)?))),
    }
}

/// A tuple index: ASCII digits only (no sign, no suffix).
fn tuple_index(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
    }
    s.parse().ok()
}

/// `|a, b|`: a closure's parameters, whose commas do not end the argument.
fn closure_params(input: ParseStream, out: &mut Vec<Node>) -> syn::Result<()> {
    let open = input.span();
    take_token(input, out)?;
    while !input.peek(Token![|]) {
        if input.is_empty() {
            return Err(syn::Error::new(
                open,
                "this closure's parameters have no closing `|`",
            ));
        }
        take_token(input, out)?;
    }
    take_token(input, out)
}

/// `::<`, the start of generic arguments in an expression.
fn is_turbofish(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Token![::]>().is_ok() && fork.peek(Token![<])
}

/// Keywords after which an expression starts: `if .flag`, `match .kind`.
fn starts_expression(ident: &Ident) -> bool {
    const KEYWORDS: &[&str] = &[
        "if", "match", "while", "return", "in", "mut", "break", "move", "else", "yield",
    ];
    for keyword in KEYWORDS {
        if ident == keyword {
            return true;
        }
    }
    false
}

/// One token tree, as it is.
fn take_token(input: ParseStream, out: &mut Vec<Node>) -> syn::Result<()> {
    out.push(Node::Token(input.parse::<TokenTree>()?));
    Ok(())
}

/// Whatever `T` parses, as the tokens it spans.
fn take<T: Parse + ToTokens>(input: ParseStream, out: &mut Vec<Node>) -> syn::Result<()> {
    let parsed: T = input.parse()?;
    push_tokens(parsed.into_token_stream(), out);
    Ok(())
}

/// Each token of `tokens`, as it is.
fn push_tokens(tokens: TokenStream, out: &mut Vec<Node>) {
    for tt in tokens {
        out.push(Node::Token(tt));
    }
}

/// A type after `as` or `->`: `u8`, `&dyn Trait<A, B = C>`, without a
/// trailing `+ Bound`.
struct TypeNoBounds(syn::Type);

impl Parse for TypeNoBounds {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Ok(TypeNoBounds(syn::Type::without_plus(input)?))
    }
}

impl ToTokens for TypeNoBounds {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}
