//! The catalog: one `ErrorSpec` entry a variant, in a `const`, and `spec`,
//! the one `match` from a variant to the index of its entry.
//!
//! Everything the runtime reads about a variant is data in its entry, built
//! by a constructor and one builder call a further column: the header names,
//! the problem type and title, the two compile-time bodies of a fixed
//! message, whether the variant rebuilds. A new column is one more builder
//! here, and a provided method of the trait that reads it; no new
//! per-variant code.

use proc_macro2::{Literal, Punct, Spacing, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens, TokenStreamExt};
use syn::ext::IdentExt;

use crate::ast::Input;
use crate::display::is_std_from_str;
use crate::expand::{binding, local, pattern, private_at, SpanOrCallSite};
use crate::private;
use crate::problem;
use crate::rebuild;
use crate::valid::{self, Kind, Own, Plan};

/// The catalog's part of the expansion.
pub(crate) struct Catalog {
    /// `catalog()` and `spec()`, in the `ApiError` impl.
    pub(crate) methods: TokenStream,
    /// The functions the entries point at (the field types' rebuild probes),
    /// beside the impls.
    pub(crate) items: TokenStream,
}

pub(crate) fn expand(input: &Input, plans: &[Plan]) -> Catalog {
    let p = private;
    let mut probes = Probes::default();
    let mut entries: Vec<TokenStream> = Vec::with_capacity(plans.len());
    for plan in plans {
        entries.push(entry(input, plan, &mut probes));
    }

    // A static cannot name the impl's generics; an inline `const` block
    // can, so a generic enum gets one catalog a set of parameters, whose
    // transparent entries nest the catalogs of the types they wrap.
    //
    // A non-generic enum's catalog is an array static: the compiler
    // evaluates and checks it once, where an array const behind a
    // reference const is evaluated, then copied and checked again for the
    // reference (14 M instructions of a 79-variant enum's 385 M), and an
    // array literal behind `&` holds a temporary for the compiler to extend
    // to `'static`, which it checks entry by entry.
    let catalog_value = if input.generics.params.is_empty() {
        let len = Literal::usize_unsuffixed(entries.len());
        quote! {
            static __ENTRIES: [#p::ErrorSpec; #len] = [#(#entries,)*];
            &__ENTRIES
        }
    } else {
        quote!(const { &[#(#entries,)*] })
    };
    let spec = expand_spec(plans);
    Catalog {
        methods: quote! {
            fn catalog() -> &'static [#p::ErrorSpec] {
                #catalog_value
            }

            #spec
        },
        items: probes.items,
    }
}

/// One entry: a constructor and its builders, or `__transparent(...)`. The
/// constructor takes the columns nearly every variant has, so that most
/// entries are one call for the compiler's interpreter, with as few
/// arguments as their columns allow:
/// - a one-sentence description, which is also the problem title, and the
///   problem type `about:blank` (most variants):
///   `__doc_fixed_entry(variant, code, status, message, description, body,
///   problem_body)` for a fixed message, else
///   `__doc_probed_entry(..., probe)` for a template that gives its fields
///   back, else `__doc_entry(...)`;
/// - otherwise `__fixed_entry(variant, code, status, message, description,
///   type, title, body, problem_body)` for a fixed message,
///   `__entry(..., type, title)` for another, and `__new(variant, code,
///   status, message, description)` for a variant without a problem title.
fn entry(input: &Input, plan: &Plan, probes: &mut Probes) -> TokenStream {
    let p = private;
    let variant = plan.variant.ident.unraw().to_string();
    let description = &plan.variant.doc.text;
    let own = match &plan.kind {
        Kind::Transparent { field } => {
            let fty = plan.variant.fields[*field].ty;
            let span = fty.span_or_call_site();
            let p_at = private_at(span);
            let nested = quote_spanned!(span=> <#fty as #p_at::ApiError>::catalog);
            return quote!(#p::ErrorSpec::__transparent(#variant, #description, #nested));
        }
        Kind::Own(own) => own,
    };
    let common = Common {
        variant: &variant,
        code: &own.code,
        status: own.status,
        message: &own.message,
        description,
    };
    let mut rebuilds = rebuilds(input, plan, own, probes);
    let columns = problem_columns(input, plan, own);
    // The commonest entry: a one-sentence description that is also the
    // title, no problem type of its own.
    let from_doc = columns.problem_type == "about:blank"
        && columns.title.as_deref() == Some(description.as_str());
    let constructor = match columns {
        Problem {
            fixed: Some((body, problem_body)),
            ..
        } if from_doc => quote!(#p::ErrorSpec::__doc_fixed_entry(#common, #body, #problem_body)),
        Problem { fixed: None, .. } if from_doc => match rebuilds {
            Rebuilds::IfParsable(probe) => {
                rebuilds = Rebuilds::ByCode;
                quote!(#p::ErrorSpec::__doc_probed_entry(#common, #probe))
            }
            _ => quote!(#p::ErrorSpec::__doc_entry(#common)),
        },
        Problem {
            title: Some(title),
            problem_type,
            fixed: Some((body, problem_body)),
        } => quote! {
            #p::ErrorSpec::__fixed_entry(#common, #problem_type, #title, #body, #problem_body)
        },
        Problem {
            title: Some(title),
            problem_type,
            fixed,
        } => {
            let fixed = fixed_bodies(fixed);
            quote!(#p::ErrorSpec::__entry(#common, #problem_type, #title) #fixed)
        }
        Problem {
            title: None,
            problem_type,
            fixed,
        } => {
            // `__new`'s own problem type is `about:blank`.
            let problem_type = if problem_type == "about:blank" {
                TokenStream::new()
            } else {
                quote!(.__problem_type(#problem_type))
            };
            let fixed = fixed_bodies(fixed);
            quote!(#p::ErrorSpec::__new(#common) #problem_type #fixed)
        }
    };
    let headers = header_names(own);
    let rebuilds = match rebuilds {
        Rebuilds::ByCode => TokenStream::new(),
        Rebuilds::Never => quote!(.__not_rebuildable()),
        Rebuilds::IfParsable(probe) => quote!(.__rebuildable_if(#probe)),
    };
    let grpc = crate::grpc::in_catalog(own);
    if headers.is_empty() && rebuilds.is_empty() && grpc.is_empty() {
        return constructor;
    }
    quote!(#constructor #headers #rebuilds #grpc)
}

/// The columns every constructor takes first: `variant, code, status,
/// message, description`. Written token by token into the call's
/// arguments, where a stream of their own would be one more exchange with
/// the compiler an entry.
struct Common<'a> {
    variant: &'a str,
    code: &'a str,
    status: u16,
    message: &'a str,
    description: &'a str,
}

impl ToTokens for Common<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let comma = Punct::new(',', Spacing::Alone);
        self.variant.to_tokens(tokens);
        tokens.append(comma.clone());
        self.code.to_tokens(tokens);
        tokens.append(comma.clone());
        tokens.append(Literal::u16_unsuffixed(self.status));
        tokens.append(comma.clone());
        self.message.to_tokens(tokens);
        tokens.append(comma);
        self.description.to_tokens(tokens);
    }
}

/// `.__fixed(body, problem_body)` for a fixed message; nothing otherwise.
fn fixed_bodies(fixed: Option<(String, String)>) -> TokenStream {
    match fixed {
        Some((body, problem_body)) => quote!(.__fixed(#body, #problem_body)),
        None => TokenStream::new(),
    }
}

/// `.__headers(&["name", ...])`: each name once, in order; nothing for a
/// variant without headers.
fn header_names(own: &Own) -> TokenStream {
    let mut names: Vec<&str> = Vec::new();
    for header in &own.headers {
        if !names.contains(&header.name()) {
            names.push(header.name());
        }
    }
    if names.is_empty() {
        return TokenStream::new();
    }
    quote!(.__headers(&[#(#names),*]))
}

/// The problem details columns of an entry.
struct Problem {
    problem_type: String,
    title: Option<String>,
    /// For a fixed message, its whole JSON body and its whole problem
    /// details body, written here.
    fixed: Option<(String, String)>,
}

/// The variant's problem type and title, and the two compile-time bodies of
/// a fixed message.
fn problem_columns(input: &Input, plan: &Plan, own: &Own) -> Problem {
    let problem_type = problem::problem_type(input.attrs.type_base.as_deref(), &own.code);
    let title = problem::title(&plan.variant.doc.first_paragraph, own.status);
    let fixed = if own.is_fixed() {
        let text = own.template.fixed_text();
        let body = crate::json::body(own.status, &own.code, &text);
        let problem_body = crate::json::problem_body(
            &problem_type,
            title.as_deref(),
            own.status,
            &text,
            &own.code,
        );
        Some((body, problem_body))
    } else {
        None
    };
    Problem {
        problem_type,
        title,
        fixed,
    }
}

/// What the entry answers for `ErrorSpec::rebuilds`: by its code for a
/// variant without fields, never when the template cannot give its fields
/// back (the decision `from_parts` acts on), else when a probe says so, a
/// function that asks whether every field type parses from a string, which
/// only generated code can answer. A const cannot name the enum's generic
/// parameters: a field type that mentions one counts as parsable. A type of
/// the standard library that parses (`String`, `u32`) is not asked about:
/// no probe at all for a variant of such fields, whose generic calls would
/// each be compiled in the user's crate.
fn rebuilds(input: &Input, plan: &Plan, own: &Own, probes: &mut Probes) -> Rebuilds {
    let fields = &plan.variant.fields;
    if fields.is_empty() {
        return Rebuilds::ByCode;
    }
    if rebuild::split(plan, own).is_none() {
        return Rebuilds::Never;
    }
    let mut generics: Vec<String> = Vec::with_capacity(input.generics.params.len() + 1);
    for param in &input.generics.params {
        generics.push(match param {
            syn::GenericParam::Type(param) => param.ident.to_string(),
            syn::GenericParam::Lifetime(param) => param.lifetime.ident.to_string(),
            syn::GenericParam::Const(param) => param.ident.to_string(),
        });
    }
    generics.push("Self".to_owned());
    // The types to ask about: not those of the standard library that parse
    // (`String`, `u32`), whose answer is known here.
    let mut types: Vec<&syn::Type> = Vec::new();
    for field in fields {
        if !valid::mentions_param(field.ty, &generics) && !is_std_from_str(field.ty) {
            types.push(field.ty);
        }
    }
    match probes.probe(&types) {
        Some(probe) => Rebuilds::IfParsable(probe),
        None => Rebuilds::ByCode,
    }
}

/// What [`rebuilds`] decided.
enum Rebuilds {
    /// By its code, or its fields' types all name generic parameters:
    /// nothing to write (the constructors' default).
    ByCode,
    /// `.__not_rebuildable()`.
    Never,
    /// `.__rebuildable_if(probe)`, or `__doc_probed_entry(..., probe)`.
    IfParsable(syn::Ident),
}

/// The rebuild probes, one function for each distinct list of field types:
/// `fn __parsable0() -> bool { ... }`, shared by every variant with those
/// types. They name no generic parameter, so they stand beside the impls.
#[derive(Default)]
struct Probes {
    /// The field types of each probe, as text, and its name.
    seen: Vec<(Vec<String>, syn::Ident)>,
    items: TokenStream,
}

impl Probes {
    /// The probe of `types` (each type once), made on first use; `None`
    /// for no type.
    fn probe(&mut self, types: &[&syn::Type]) -> Option<syn::Ident> {
        let mut key: Vec<String> = Vec::new();
        let mut distinct: Vec<&syn::Type> = Vec::new();
        for ty in types {
            let text = quote!(#ty).to_string();
            if !key.contains(&text) {
                key.push(text);
                distinct.push(ty);
            }
        }
        if distinct.is_empty() {
            return None;
        }
        for (seen, name) in &self.seen {
            if *seen == key {
                return Some(name.clone());
            }
        }
        let p = private;
        let name = format_ident!("__parsable{}", self.seen.len());
        self.items.extend(quote! {
            fn #name() -> bool {
                use #p::{NotParsable as _, ViaFromStr as _};
                #((&#p::Parse::<#distinct>::new()).is_parsable())&&*
            }
        });
        self.seen.push((key, name.clone()));
        Some(name)
    }
}

/// `spec`: the index of the variant's entry, from one `match`; a
/// transparent variant answers the entry of the error it wraps.
fn expand_spec(plans: &[Plan]) -> TokenStream {
    let p = private;
    let any_own = has_own(plans);
    // The patterns and their values, written into the `match` by one
    // repetition: each arm built as a stream of its own and appended would
    // cost the derive two more exchanges with the compiler an arm. The
    // variants that forward to the error they wrap come last.
    let mut own_pats = Vec::with_capacity(plans.len());
    let mut indexes = Vec::with_capacity(plans.len());
    let mut forward_pats = Vec::new();
    let mut forwards = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let (pat, value) = forward(plan, *field, "spec", TokenStream::new());
                forward_pats.push(pat);
                forwards.push(if any_own {
                    quote!(return #value)
                } else {
                    value
                });
            }
            Kind::Own(_) => {
                own_pats.push(pattern(plan.variant, &[]));
                indexes.push(Literal::usize_unsuffixed(plan.index));
            }
        }
    }
    let arms = quote! {
        #(#own_pats => #indexes,)*
        #(#forward_pats => #forwards,)*
    };
    let body = if plans.is_empty() {
        quote!(match *self {})
    } else if any_own {
        let index = local("__index");
        quote! {
            let #index: usize = match self { #arms };
            &<Self as #p::ApiError>::catalog()[#index]
        }
    } else {
        quote!(match self { #arms })
    };
    quote! {
        #[inline]
        fn spec(&self) -> &'static #p::ErrorSpec {
            #body
        }
    }
}

/// Whether any variant has an entry of its own (is not `transparent`).
fn has_own(plans: &[Plan]) -> bool {
    for plan in plans {
        if let Kind::Own(_) = plan.kind {
            return true;
        }
    }
    false
}

/// A transparent variant's pattern and call:
/// `Self::V(__field0)` and `<Inner as ApiError>::method(__field0, args)`,
/// the call spanned at the field's type, so that a field that is no
/// `ApiError` is reported there. `args` follow the field, comma first.
pub(crate) fn forward(
    plan: &Plan,
    field: usize,
    method: &str,
    args: TokenStream,
) -> (TokenStream, TokenStream) {
    let pat = pattern(plan.variant, &[field]);
    let b = binding(field);
    let fty = plan.variant.fields[field].ty;
    let span = fty.span_or_call_site();
    let p = private_at(span);
    let method = syn::Ident::new(method, span);
    let call = quote_spanned!(span=> <#fty as #p::ApiError>::#method(#b #args));
    (pat, call)
}
