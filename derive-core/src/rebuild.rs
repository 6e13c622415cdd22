//! `from_parts`: the typed error rebuilt from a received code and message,
//! on the client side.
//!
//! The code is found by the runtime (`__ec::CodeIndex`, a table made from
//! the catalog on first use), so a variant costs no code compare; a unit
//! variant is one `match` arm from its index, and the variants with fields
//! whose types (in the order of their placeholders) are the same share one
//! arm, which splits the message along the literals of the variant's
//! template and parses each field. The rules are in
//! `ApiError::from_body`'s documentation.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::ast::Variant;
use crate::expand::{binding, construct, index_of, local, private_at, SpanOrCallSite};
use crate::private;
use crate::valid::{Kind, Own, Plan, Split};

/// The split of a variant that can be rebuilt from its message, or `None`
/// when it cannot be rebuilt at all: a source field (which never crosses
/// the wire), arguments after the format string (an expression cannot run
/// backwards), a placeholder with a spec or another trait, two placeholders
/// with no text between them, or a field the message does not show.
pub(crate) fn split(plan: &Plan, own: &Own) -> Option<Split> {
    if own.source.is_some() {
        return None;
    }
    let split = own.plain_split()?;
    let Split { literals, order } = &split;
    // Fields, but a message without placeholders: nothing comes back.
    if order.is_empty() {
        return None;
    }
    // Adjacent placeholders: an empty literal between two of them.
    for between in &literals[1..literals.len() - 1] {
        if between.is_empty() {
            return None;
        }
    }
    // Every field must come back from the message.
    for field in 0..plan.variant.fields.len() {
        if !order.contains(&field) {
            return None;
        }
    }
    Some(split)
}

pub(crate) fn expand_from_parts(plans: &[Plan]) -> TokenStream {
    let p = private;
    let code = local("__code");
    let message = local("__message");
    let catalog = local("__catalog");
    let index = local("__index");
    let value = local("__value");
    let verbatim = local("__verbatim");
    let not_rebuildable = local("__not_rebuildable");
    let rebuilt_local = local("__rebuilt");
    let arms_label = syn::Lifetime::new("'__arms", Span::mixed_site());

    // A transparent variant: the codes of the error it wraps, tried in
    // order after the enum's own.
    let mut nested = TokenStream::new();
    for plan in plans {
        let Kind::Transparent { field } = plan.kind else {
            continue;
        };
        let inner = local("__inner");
        let construct = construct(plan.variant, &[quote!(#inner)]);
        let fty = plan.variant.fields[field].ty;
        let span = fty.span_or_call_site();
        let p_at = private_at(span);
        let from_nested = quote_spanned!(span=> #p_at::from_nested::<#fty>);
        nested.extend(quote! {
            if let ::core::option::Option::Some(__result) = #from_nested(#code, #message) {
                return ::core::result::Result::map(__result, |#inner| #construct);
            }
        });
    }
    let unknown = quote!(::core::result::Result::Err(#p::unknown_code(#code)));

    let mut arms = Vec::new();
    let mut parsers = Parsers::default();
    // The variants with fields, grouped by their parser (the group of
    // `__fieldsN` is `groups[N]`): one arm a group.
    let mut groups: Vec<Group> = Vec::new();
    let mut own_variants = false;
    for plan in plans {
        let Kind::Own(own) = &plan.kind else {
            continue;
        };
        own_variants = true;
        let i = Literal::usize_unsuffixed(plan.index);
        // A unit variant carries nothing to rebuild: its code is enough,
        // arguments or not.
        if plan.variant.fields.is_empty() {
            let unit = construct(plan.variant, &[]);
            arms.push(quote!(#i => (#unit, true)));
        } else if let Some(split) = split(plan, own) {
            let at = parsers.parser(plan.variant, &split.order);
            let mut values: Vec<TokenStream> = Vec::with_capacity(plan.variant.fields.len());
            for field in 0..plan.variant.fields.len() {
                let b = binding(field);
                values.push(quote!(#b));
            }
            let literals = &split.literals;
            let member = Member {
                index: i,
                literals: quote!([#(#literals),*]),
                construct: construct(plan.variant, &values),
            };
            match groups.get_mut(at) {
                Some(group) => group.members.push(member),
                None => groups.push(Group {
                    parser: Parsers::name(at),
                    fields: plan.variant.fields.len(),
                    members: vec![member],
                }),
            }
        }
    }
    for group in &groups {
        arms.push(group_arm(group, &message, &index, &verbatim, &arms_label));
    }

    if !own_variants {
        // Only the wrapped errors' codes.
        return quote! {
            #[inline]
            fn from_parts(#code: &str, #message: &str) -> ::core::result::Result<Self, #p::FromBodyError> {
                #nested
                #unknown
            }
        };
    }
    let parser_items = &parsers.items;
    let rebuilt = if arms.is_empty() {
        quote!(#not_rebuildable())
    } else {
        quote! {
            // One value out of the arms, a failed parse breaking out: no
            // `return` through a closure in every arm.
            let #rebuilt_local: ::core::option::Option<(Self, bool)> = #arms_label: {
                ::core::option::Option::Some(match #index {
                    #(#arms,)*
                    _ => break #arms_label ::core::option::Option::None,
                })
            };
            match #rebuilt_local {
                ::core::option::Option::Some((#value, #verbatim)) => {
                    #p::rebuilt(#value, #message, #verbatim, #not_rebuildable)
                }
                ::core::option::Option::None => #not_rebuildable(),
            }
        }
    };
    quote! {
        // Inlined: compiled only in the crates that decode.
        #[inline]
        fn from_parts(#code: &str, #message: &str) -> ::core::result::Result<Self, #p::FromBodyError> {
            static __CODES: #p::CodeIndex = #p::CodeIndex::new();
            let #catalog = <Self as #p::ApiError>::catalog();
            let ::core::option::Option::Some(#index) = __CODES.find(#catalog, #code) else {
                #nested
                return #unknown;
            };
            let #not_rebuildable = || ::core::result::Result::Err(#p::not_rebuildable(&#catalog[#index]));
            #(#parser_items)*
            #rebuilt
        }
    }
}

/// The variants that share a parser (the same field types, placeholders in
/// the same order): one `match` arm for all of them.
struct Group {
    parser: Ident,
    /// The number of fields of each.
    fields: usize,
    members: Vec<Member>,
}

/// A variant of a [`Group`]: its index, its template's literals
/// (`["Item ", " refused: ", ""]`, by value: a `&[...]` would be a constant
/// for the compiler to promote) and its value from the parsed fields.
struct Member {
    index: Literal,
    literals: TokenStream,
    construct: TokenStream,
}

/// A group's arm: its variants' indexes, the literals chosen by index, one
/// call of the parser, then the value chosen by index:
///
/// ```text
/// 1 | 4 => match __fields0(__message, match __index { 1 => [..], _ => [..] }) {
///     Some(((__field0, __field1), __verbatim)) => (match __index {
///         1 => Self::A { key: __field0, n: __field1 },
///         _ => Self::B { key: __field0, n: __field1 },
///     }, __verbatim),
///     None => break '__arms None,
/// }
/// ```
///
/// One call and one pattern a group instead of one a variant: the borrow
/// checker's work grows with the locals and borrows of the function times
/// its arms, and each call with its destructured result was most of
/// `from_parts`' cost. A group of one variant has no inner `match`.
fn group_arm(
    group: &Group,
    message: &Ident,
    index: &Ident,
    verbatim: &Ident,
    arms_label: &syn::Lifetime,
) -> TokenStream {
    let parser = &group.parser;
    let mut fields: Vec<Ident> = Vec::with_capacity(group.fields);
    for field in 0..group.fields {
        fields.push(binding(field));
    }
    let Some((last, members)) = group.members.split_last() else {
        // Never: a group is made with its first member.
        return TokenStream::new();
    };
    let (last_index, last_literals, last_value) = (&last.index, &last.literals, &last.construct);
    let (indexes, literals, value) = if members.is_empty() {
        (
            quote!(#last_index),
            last_literals.clone(),
            last_value.clone(),
        )
    } else {
        // By repetitions over the members: no stream of their own an arm.
        // The last member is the catch-all: no unreachable arm.
        let mut indexes = Vec::with_capacity(members.len());
        let mut literals = Vec::with_capacity(members.len());
        let mut values = Vec::with_capacity(members.len());
        for member in members {
            indexes.push(&member.index);
            literals.push(&member.literals);
            values.push(&member.construct);
        }
        (
            quote!(#(#indexes |)* #last_index),
            quote!(match #index { #(#indexes => #literals,)* _ => #last_literals }),
            quote!(match #index { #(#indexes => #values,)* _ => #last_value }),
        )
    };
    quote! {
        #indexes => match #parser(#message, #literals) {
            ::core::option::Option::Some(((#(#fields,)*), #verbatim)) => (#value, #verbatim),
            ::core::option::Option::None => break #arms_label ::core::option::Option::None,
        }
    }
}

/// The parsers that split a message and parse its fields, one for each
/// distinct list of field types (and order of the placeholders), shared by
/// every variant with that list: `__fields0(message, literals)` is the
/// variant's fields, in declaration order, and whether they display as the
/// text they were parsed from, or `None`. Each is a closure that captures
/// nothing, as a `fn` pointer: a call borrows nothing.
#[derive(Default)]
struct Parsers {
    /// The field types, as text, and the placeholders' order, of each.
    seen: Vec<(Vec<String>, Vec<usize>)>,
    items: Vec<TokenStream>,
}

impl Parsers {
    /// The number of the parser of the variant's fields, made on first use.
    fn parser(&mut self, variant: &Variant, order: &[usize]) -> usize {
        let mut types: Vec<String> = Vec::with_capacity(variant.fields.len());
        for field in &variant.fields {
            let ty = field.ty;
            types.push(quote!(#ty).to_string());
        }
        let key = (types, order.to_vec());
        match self.position(&key) {
            Some(at) => at,
            None => {
                self.items
                    .push(parser_closure(variant, order, self.seen.len()));
                self.seen.push(key);
                self.seen.len() - 1
            }
        }
    }

    /// `__fieldsN`, the local the parser number `at` is bound to.
    fn name(at: usize) -> Ident {
        format_ident!("__fields{}", at, span = Span::mixed_site())
    }

    /// The number of the parser made for `key`, if there is one.
    fn position(&self, key: &(Vec<String>, Vec<usize>)) -> Option<usize> {
        for (at, seen) in self.seen.iter().enumerate() {
            if seen == key {
                return Some(at);
            }
        }
        None
    }
}

/// `let __fieldsN: fn(&str, [&str; K]) -> Option<((A, B), bool)> =
/// |__message, __literals| { ... };`: the message split along the
/// template's literals, each field parsed from its part, and whether every
/// field displays as its part (`verbatim`, see `__private::Parse`). A
/// template that shows a field twice is never verbatim: only the
/// round-trip check compares its other places.
fn parser_closure(variant: &Variant, order: &[usize], n: usize) -> TokenStream {
    let p = private;
    let name = Parsers::name(n);
    let message = local("__message");
    let literals = local("__literals");
    let verbatim = local("__verbatim");
    let mut parts: Vec<Ident> = Vec::with_capacity(order.len());
    for i in 0..order.len() {
        parts.push(format_ident!("__part{}", i, span = Span::mixed_site()));
    }
    let mut types: Vec<&syn::Type> = Vec::with_capacity(variant.fields.len());
    let mut values = TokenStream::new();
    for (f, field) in variant.fields.iter().enumerate() {
        let ty = field.ty;
        let part = &parts[index_of(order, f).unwrap_or(0)];
        values.extend(quote!((&#p::Parse::<#ty>::new()).parse_field(#part, &mut #verbatim)?,));
        types.push(ty);
    }
    let count = Literal::usize_unsuffixed(order.len());
    let literal_count = Literal::usize_unsuffixed(order.len() + 1);
    let verbatim_init = order.len() == variant.fields.len();
    quote! {
        let #name: fn(&str, [&str; #literal_count]) -> ::core::option::Option<((#(#types,)*), bool)> =
            |#message, #literals| {
                use #p::{NotParsable as _, ViaFromStr as _};
                let mut #verbatim = #verbatim_init;
                let [#(#parts),*] = #p::split_template::<#count>(#message, &#literals)?;
                ::core::option::Option::Some(((#values), #verbatim))
            };
    }
}
