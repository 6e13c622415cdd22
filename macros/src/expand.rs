//! Writing the impls. Every path is absolute (`::core::...`,
//! `::error_catalog::__private::...`), every local is `__`-prefixed with a
//! mixed-site span, so the code means the same beside any user names.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::{DeriveInput, Ident};

use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::display::expand_display;
use crate::fallback::fallback;
use crate::fmt::{Piece, Role, Trait};
use crate::generics::Generics;
use crate::private;
use crate::problem;
use crate::valid::{self, Kind, Own, Plan, Target};

/// The derive: a token stream in, the impls (or the errors and stub impls)
/// out. Never panics.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let node: DeriveInput = match syn::parse2(input) {
        Ok(node) => node,
        Err(err) => return err.to_compile_error(),
    };
    let mut cx = Ctxt::default();
    let model = Input::from_syn(&mut cx, &node);
    let plans = match &model {
        Some(model) => valid::check(&mut cx, model),
        None => Vec::new(),
    };
    match &model {
        Some(model) if !cx.has_errors() => expand(model, &plans),
        // A union gets no stubs: it cannot even be `Debug`.
        _ if matches!(node.data, syn::Data::Union(_)) => cx.into_compile_errors(),
        model => {
            let stubs = fallback(&node, model.as_ref());
            let errors = cx.into_compile_errors();
            quote!(#errors #stubs)
        }
    }
}

/// The runtime's path with every token at `span`: errors about a transparent
/// field's type then point at the field, and identical ones merge.
pub(crate) fn private_at(span: Span) -> TokenStream {
    quote_spanned!(span=> ::error_catalog::__private)
}

pub(crate) fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The local a field is bound to in a pattern.
pub(crate) fn binding(field: usize) -> Ident {
    format_ident!("__field{}", field, span = Span::mixed_site())
}

pub(crate) fn impl_attrs() -> TokenStream {
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, deprecated, clippy::used_underscore_binding)]
    }
}

fn expand(input: &Input, plans: &[Plan]) -> TokenStream {
    let g = Generics::new(input, plans);
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let attrs = impl_attrs();
    let p = private;
    let self_ty = g.self_ty();

    let display = expand_display(input, plans, &g);
    let source = expand_source(plans);
    let api = expand_api(input, plans);
    let headers = crate::headers::expand_append_headers(plans);
    let problem_format = input.attrs.format.is_some().then(|| {
        quote! {
            #[inline]
            fn body_format() -> #p::BodyFormat {
                #p::BodyFormat::Problem
            }

            #[inline(always)]
            fn to_response(&self) -> #p::http::Response<#p::bytes::Bytes> {
                <Self as #p::ApiError>::to_problem_response(self)
            }
        }
    });
    let serialize = if input.attrs.format.is_some() {
        quote!(serialize_problem)
    } else {
        quote!(serialize)
    };
    let froms = expand_froms(input, plans);

    let error_where = g.where_clause(&g.error);
    let api_where = g.where_clause(&g.api);
    let serde_bound = if g.params.is_empty() {
        Vec::new()
    } else {
        vec![quote!(#self_ty: #p::ApiError)]
    };
    let serde_where = g.where_clause(&serde_bound);

    let de_impl_generics = with_de_lifetime(input.generics);

    let existing = g.predicates();

    let serializer = local("__serializer");
    let deserializer = local("__deserializer");
    quote! {
        #display

        #attrs
        impl #impl_generics ::core::error::Error for #ident #ty_generics #error_where {
            #source
        }

        #attrs
        impl #impl_generics #p::ApiError for #ident #ty_generics #api_where {
            #api
            #headers
            #problem_format
        }

        #attrs
        impl #impl_generics #p::serde::Serialize for #ident #ty_generics #serde_where {
            fn serialize<__S>(&self, #serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #p::serde::Serializer,
            {
                #p::#serialize(self, #serializer)
            }
        }

        #attrs
        impl #de_impl_generics #p::serde::Deserialize<'__de> for #ident #ty_generics #serde_where {
            fn deserialize<__D>(#deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #p::serde::Deserializer<'__de>,
            {
                #p::deserialize(#deserializer)
            }
        }

        #froms

        ::error_catalog::__framework_glue! {
            [#impl_generics] [#ident #ty_generics] [where #(#existing,)*]
        }
    }
}

/// The impl generics with `'__de` first, for `Deserialize<'__de>`:
/// `<'__de, 'a, T: Bound>` from `<'a, T: Bound>`, `<'__de>` from none.
/// (Without cloning the generics, so syn needs no `clone-impls`.)
pub(crate) fn with_de_lifetime(generics: &syn::Generics) -> TokenStream {
    let (impl_generics, _, _) = generics.split_for_impl();
    let tokens: Vec<proc_macro2::TokenTree> = impl_generics.to_token_stream().into_iter().collect();
    match tokens.as_slice() {
        [_open, inner @ .., _close] if !inner.is_empty() => {
            let inner: TokenStream = inner.iter().cloned().collect();
            quote!(<'__de, #inner>)
        }
        _ => quote!(<'__de>),
    }
}

/// `Self::Variant { field: __fieldN, .. }`, binding only the fields listed.
pub(crate) fn pattern(variant: &Variant, fields: &[usize]) -> TokenStream {
    let ident = variant.ident;
    let binds = fields.iter().map(|&i| {
        let member = &variant.fields[i].member;
        let b = binding(i);
        quote!(#member: #b)
    });
    quote!(Self::#ident { #(#binds,)* .. })
}

/// `Self::Variant(v0, v1)`, `Self::Variant { a: v0, b: v1 }` or
/// `Self::Variant`, from one value a field in declaration order.
fn construct(variant: &Variant, values: &[TokenStream]) -> TokenStream {
    let ident = variant.ident;
    match &variant.original.fields {
        syn::Fields::Unit => quote!(Self::#ident),
        syn::Fields::Unnamed(_) => quote!(Self::#ident(#(#values),*)),
        syn::Fields::Named(_) => {
            let members = variant.fields.iter().map(|f| &f.member);
            quote!(Self::#ident { #(#members: #values),* })
        }
    }
}

/// `match self { arms }`, or `match *self {}` for an enum without variants.
fn match_self(arms: &[TokenStream]) -> TokenStream {
    if arms.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms,)* })
    }
}

fn expand_source(plans: &[Plan]) -> TokenStream {
    let p = private;
    let mut arms = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let pat = pattern(plan.variant, &[*field]);
                let b = binding(*field);
                arms.push(quote!(#pat => ::core::error::Error::source(#b)));
            }
            Kind::Own(Own {
                source: Some(source),
                ..
            }) => {
                let pat = pattern(plan.variant, &[*source]);
                let b = binding(*source);
                let field = &plan.variant.fields[*source];
                let span = field.ty.span_or_call_site();
                // `(*x)`: through a `Box<dyn Error>` to the error it holds.
                // An `Option<E>` source is `None` when absent.
                let call = if field.is_option() {
                    quote_spanned!(span=> (*#b.as_ref()?).as_dyn_error())
                } else {
                    quote_spanned!(span=> (*#b).as_dyn_error())
                };
                arms.push(quote!(#pat => ::core::option::Option::Some(#call)));
            }
            Kind::Own(_) => {}
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    if arms.len() < plans.len() {
        arms.push(quote!(_ => ::core::option::Option::None));
    }
    quote! {
        fn source(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
            use #p::AsDynError as _;
            match self { #(#arms,)* }
        }
    }
}

pub(crate) trait SpanOrCallSite {
    fn span_or_call_site(&self) -> Span;
}

impl<T: ToTokens> SpanOrCallSite for T {
    fn span_or_call_site(&self) -> Span {
        self.to_token_stream()
            .into_iter()
            .next()
            .map(|tt| tt.span())
            .unwrap_or_else(Span::call_site)
    }
}

fn expand_api(input: &Input, plans: &[Plan]) -> TokenStream {
    let p = private;
    let entries = plans.iter().map(|plan| {
        let variant = plan.variant.ident.unraw().to_string();
        let description = &plan.variant.doc.text;
        match &plan.kind {
            Kind::Transparent { field } => {
                let fty = plan.variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let nested = quote_spanned!(span=> <#fty as #p_at::ApiError>::catalog);
                quote!(#p::ErrorSpec::__transparent(#variant, #description, #nested))
            }
            Kind::Own(own) => {
                let code = &own.code;
                let status = own.status;
                let message = &own.message;
                let rebuilds = rebuild_in_catalog(input, plan, own);
                let headers = header_names(own);
                let problem = problem_in_catalog(input, plan, own);
                let grpc = grpc_in_catalog(own);
                quote!(#p::ErrorSpec::__new(#variant, #code, #status, #message, #description) #rebuilds #headers #problem #grpc)
            }
        }
    });

    let catalog = local("__catalog");
    let spec_arms: Vec<TokenStream> = plans
        .iter()
        .map(|plan| match &plan.kind {
            Kind::Transparent { field } => forward(plan, *field, "spec"),
            Kind::Own(_) => {
                let pat = pattern(plan.variant, &[]);
                let index = plan.index;
                quote!(#pat => &#catalog[#index])
            }
        })
        .collect();
    let spec_match = match_self(&spec_arms);
    // The catalog is looked up once, not once an arm: fewer paths for the
    // compiler to resolve in a large enum.
    let catalog_local = if plans.iter().any(|plan| matches!(plan.kind, Kind::Own(_))) {
        quote!(let #catalog = <Self as #p::ApiError>::catalog();)
    } else {
        TokenStream::new()
    };

    let body_arms: Vec<TokenStream> = plans
        .iter()
        .map(|plan| match &plan.kind {
            Kind::Transparent { field } => forward(plan, *field, "static_body"),
            Kind::Own(own) => {
                let pat = pattern(plan.variant, &[]);
                if own.is_fixed() {
                    let body = crate::json::body(own.status, &own.code, &own.template.fixed_text());
                    quote!(#pat => ::core::option::Option::Some(#body))
                } else {
                    quote!(#pat => ::core::option::Option::None)
                }
            }
        })
        .collect();
    let body_match = match_self(&body_arms);

    let from_body = expand_from_body(plans);
    let grpc = expand_grpc(input, plans);

    // A const item cannot name the impl's generics; an inline `const`
    // block can, so a generic enum gets one catalog a set of parameters,
    // whose transparent entries nest the catalogs of the types they wrap.
    let catalog_value = if input.generics.params.is_empty() {
        quote! {
            const __CATALOG: &[#p::ErrorSpec] = &[#(#entries,)*];
            __CATALOG
        }
    } else {
        quote!(const { &[#(#entries,)*] })
    };
    quote! {
        fn catalog() -> &'static [#p::ErrorSpec] {
            #catalog_value
        }

        #[inline]
        fn spec(&self) -> &'static #p::ErrorSpec {
            #catalog_local
            #spec_match
        }

        #[inline]
        fn static_body(&self) -> ::core::option::Option<&'static str> {
            #body_match
        }

        #from_body

        #grpc
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

/// `.__problem(type, title, body)`: the problem type and title of the
/// variant, and its whole problem details body when the message is fixed
/// (`""` for none).
fn problem_in_catalog(input: &Input, plan: &Plan, own: &Own) -> TokenStream {
    let problem_type = problem::problem_type(input.attrs.type_base.as_deref(), &own.code);
    let title = problem::title(&plan.variant.doc.first_paragraph, own.status);
    let body = if own.is_fixed() {
        crate::json::problem_body(
            &problem_type,
            title.as_deref(),
            own.status,
            &own.template.fixed_text(),
            &own.code,
        )
    } else {
        String::new()
    };
    let title = title.unwrap_or_default();
    quote!(.__problem(#problem_type, #title, #body))
}

/// A transparent variant's arm: `Self::V(__field0) => <Inner as ApiError>::method(__field0)`,
/// spanned at the field's type, so that a field that is no `ApiError` is
/// reported there.
fn forward(plan: &Plan, field: usize, method: &str) -> TokenStream {
    let pat = pattern(plan.variant, &[field]);
    let b = binding(field);
    let fty = plan.variant.fields[field].ty;
    let span = fty.span_or_call_site();
    let p = private_at(span);
    let method = Ident::new(method, span);
    let call = quote_spanned!(span=> <#fty as #p::ApiError>::#method(#b));
    quote!(#pat => #call)
}

fn expand_from_body(plans: &[Plan]) -> TokenStream {
    let p = private;
    let code_local = local("__code");
    let message = local("__message");
    let mut arms = Vec::new();
    let mut nested = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let inner = local("__inner");
                let construct = construct(plan.variant, &[quote!(#inner)]);
                let fty = plan.variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let from_nested = quote_spanned!(span=> #p_at::from_nested::<#fty>);
                nested.push(quote! {
                    if let ::core::option::Option::Some(__result) = #from_nested(#code_local, #message) {
                        return ::core::result::Result::map(__result, |#inner| #construct);
                    }
                });
            }
            Kind::Own(own) => {
                let code = &own.code;
                let index = plan.index;
                let not_rebuildable =
                    quote!(#p::not_rebuildable(&<Self as #p::ApiError>::catalog()[#index]));
                // A unit variant carries nothing to rebuild: its code is
                // enough, arguments or not.
                let arm = if plan.variant.fields.is_empty() {
                    let value = construct(plan.variant, &[]);
                    quote!(#code => ::core::result::Result::Ok(#value))
                } else if let Some(rebuild) = rebuild(plan, own, &message) {
                    quote! {
                        #code => match (|| -> ::core::option::Option<Self> { #rebuild })() {
                            ::core::option::Option::Some(__value) => ::core::result::Result::Ok(__value),
                            ::core::option::Option::None => ::core::result::Result::Err(#not_rebuildable),
                        }
                    }
                } else {
                    quote!(#code => ::core::result::Result::Err(#not_rebuildable))
                };
                arms.push(arm);
            }
        }
    }
    quote! {
        fn from_parts(#code_local: &str, #message: &str) -> ::core::result::Result<Self, #p::FromBodyError> {
            match #code_local {
                #(#arms,)*
                _ => {
                    #(#nested)*
                    ::core::result::Result::Err(#p::unknown_code(#code_local))
                }
            }
        }
    }
}

/// The body of a closure that rebuilds a variant from the received message,
/// or `None` when the variant cannot be rebuilt at all (the rules are in
/// `ApiError::from_body`'s documentation).
fn rebuild(plan: &Plan, own: &Own, message: &Ident) -> Option<TokenStream> {
    let p = private;
    let variant = plan.variant;
    // A source never crosses the wire; an argument's expression cannot be
    // run backwards.
    if own.source.is_some() || own.has_fmt_args {
        return None;
    }
    // Literals around the placeholders; placeholders must be plain and apart.
    let mut literals = vec![String::new()];
    let mut order = Vec::new();
    for piece in &own.template.pieces {
        match piece {
            Piece::Lit(s) => literals.last_mut()?.push_str(s),
            Piece::Placeholder(ph) => {
                if !ph.is_plain() || ph.trait_ != Trait::Display {
                    return None;
                }
                let Some(Target::Field(field)) = own.target(&ph.arg) else {
                    return None;
                };
                if order.len() + 1 == literals.len()
                    && !order.is_empty()
                    && literals.last()?.is_empty()
                {
                    return None;
                }
                order.push(field);
                literals.push(String::new());
            }
        }
    }
    // Fields, but a message without placeholders: nothing comes back.
    if order.is_empty() {
        return None;
    }
    // Adjacent placeholders: an empty literal between two of them.
    if literals[1..literals.len() - 1].iter().any(String::is_empty) {
        return None;
    }
    // Every field must come back from the message.
    if (0..variant.fields.len()).any(|f| !order.contains(&f)) {
        return None;
    }
    let n = order.len();
    let parts: Vec<Ident> = (0..n)
        .map(|i| format_ident!("__part{}", i, span = Span::mixed_site()))
        .collect();
    let inits: Vec<TokenStream> = (0..variant.fields.len())
        .map(|f| {
            let ty = variant.fields[f].ty;
            let part = &parts[order.iter().position(|&o| o == f).unwrap_or(0)];
            quote!((&#p::Parse::<#ty>::new()).parse_field(#part)?)
        })
        .collect();
    let construct = construct(variant, &inits);
    let value = local("__value");
    // Each field once, each a `String`: the split alone gives the message
    // back, and the round-trip check is skipped (a constant, folded away).
    let verified = if order.len() == variant.fields.len() {
        let probes = variant.fields.iter().map(|f| {
            let ty = f.ty;
            quote!((&#p::Probe::<#ty>::new()).displays_as_parsed())
        });
        quote!((#(#probes)&&*))
    } else {
        quote!(false)
    };
    Some(quote! {
        use #p::{DisplaysAsParsed as _, MayDisplayOtherwise as _, NotParsable as _, ViaFromStr as _};
        let [#(#parts),*] = #p::split_template::<#n>(#message, &[#(#literals),*])?;
        let #value = #construct;
        if #verified || #p::displays_as(&#value, #message) {
            ::core::option::Option::Some(#value)
        } else {
            ::core::option::Option::None
        }
    })
}

/// What the catalog entry answers for `ErrorSpec::rebuilds`: nothing for a
/// variant without fields (it rebuilds by its code), `rebuild`'s own decision
/// (the one `from_parts` acts on), then a probe of each field type, which
/// only generated code can run. A const cannot name the enum's generic
/// parameters: a field type that mentions one counts as parsable.
fn rebuild_in_catalog(input: &Input, plan: &Plan, own: &Own) -> TokenStream {
    let fields = &plan.variant.fields;
    if fields.is_empty() {
        return TokenStream::new();
    }
    if rebuild(plan, own, &local("__message")).is_none() {
        return quote!(.__not_rebuildable());
    }
    let mut generics: Vec<String> = input
        .generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Type(param) => param.ident.to_string(),
            syn::GenericParam::Lifetime(param) => param.lifetime.ident.to_string(),
            syn::GenericParam::Const(param) => param.ident.to_string(),
        })
        .collect();
    generics.push("Self".to_owned());
    let p = private;
    let mut probes = Vec::new();
    for field in fields {
        let ty = field.ty;
        if !valid::mentions_param(ty, &generics) {
            crate::generics::push_unique(
                &mut probes,
                quote!((&#p::Parse::<#ty>::new()).is_parsable()),
            );
        }
    }
    if probes.is_empty() {
        return TokenStream::new();
    }
    quote!(.__rebuildable_if(|| {
        use #p::{NotParsable as _, ViaFromStr as _};
        #(#probes)&&*
    }))
}

fn expand_froms(input: &Input, plans: &[Plan]) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let attrs = impl_attrs();
    plans
        .iter()
        .filter_map(|plan| {
            let field = plan.from?;
            let ty = plan.variant.fields[field].source_ty();
            let source = local("__source");
            // `#[from] Option<E>` converts from `E`, as in thiserror.
            let value = if plan.variant.fields[field].is_option() {
                quote!(::core::option::Option::Some(#source))
            } else {
                quote!(#source)
            };
            let construct = construct(plan.variant, &[value]);
            // Spanned at `#[from]`: two variants from one type conflict there.
            let span = plan.variant.fields[field]
                .attrs
                .from
                .unwrap_or_else(Span::call_site);
            Some(quote_spanned! {span=>
                #attrs
                impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                    #[inline]
                    fn from(#source: #ty) -> Self {
                        #construct
                    }
                }
            })
        })
        .collect()
}

/// A variant's own gRPC code in its catalog entry: `.__grpc(Code::X)`.
fn grpc_in_catalog(own: &Own) -> TokenStream {
    match own.grpc {
        Some(code) => {
            let p = private;
            let code = Ident::new(code, Span::call_site());
            quote!(.__grpc(#p::GrpcCode::#code))
        }
        None => TokenStream::new(),
    }
}

/// The gRPC parts of the `ApiError` impl: the `ErrorInfo` domain (the enum's
/// `domain`, else the package's name, read in the user's crate), and the
/// metadata, each field that the message names, formatted with the trait of
/// its first placeholder.
fn expand_grpc(input: &Input, plans: &[Plan]) -> TokenStream {
    let domain = match &input.attrs.domain {
        Some(lit) => quote!(#lit),
        None => quote!(::core::env!("CARGO_PKG_NAME")),
    };
    let p = private;
    let visit = local("__visit");
    let mut arms = Vec::new();
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let pat = pattern(plan.variant, &[*field]);
                let b = binding(*field);
                let fty = plan.variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let call =
                    quote_spanned!(span=> <#fty as #p_at::ApiError>::__visit_fields(#b, #visit));
                arms.push(quote!(#pat => #call));
            }
            Kind::Own(own) => {
                // The fields that placeholders name (not the format
                // arguments), each with the trait of its first placeholder;
                // a width or precision field (`{n:w$}`) as its number.
                let mut fields: Vec<(usize, Trait)> = Vec::new();
                for (arg, role) in own.template.args() {
                    let Some(Target::Field(field)) = own.target(arg) else {
                        continue;
                    };
                    let trait_ = match role {
                        Role::Format(trait_) => trait_,
                        Role::Count => Trait::Display,
                    };
                    if !fields.iter().any(|(f, _)| *f == field) {
                        fields.push((field, trait_));
                    }
                }
                if fields.is_empty() {
                    continue;
                }
                let used: Vec<usize> = fields.iter().map(|(f, _)| *f).collect();
                let pat = pattern(plan.variant, &used);
                // A field that lacks its placeholder's trait is reported by
                // the `Display` impl, at the message; here it is skipped
                // (auto-ref specialization), so it is reported once.
                let calls = fields.iter().map(|(field, trait_)| {
                    let key = plan.variant.fields[*field].name();
                    let b = binding(*field);
                    let (method, value) = match trait_ {
                        // A path shows its `.display()`, as in the message.
                        Trait::Display => {
                            ("meta_display", quote!(&#p::DisplayArg(#b).as_display()))
                        }
                        Trait::Debug => ("meta_debug", quote!(#b)),
                        Trait::LowerHex => ("meta_lower_hex", quote!(#b)),
                        Trait::UpperHex => ("meta_upper_hex", quote!(#b)),
                        Trait::Octal => ("meta_octal", quote!(#b)),
                        Trait::Binary => ("meta_binary", quote!(#b)),
                        Trait::LowerExp => ("meta_lower_exp", quote!(#b)),
                        Trait::UpperExp => ("meta_upper_exp", quote!(#b)),
                        // The pointer the field holds, as `{field:p}` prints it.
                        Trait::Pointer => ("meta_pointer", quote!(#b)),
                    };
                    let method = Ident::new(method, Span::call_site());
                    quote!((&#p::MetaField(#value)).#method(#key, #visit);)
                });
                arms.push(quote!(#pat => { #(#calls)* }));
            }
        }
    }
    let visit_fields = if arms.is_empty() {
        TokenStream::new()
    } else {
        if arms.len() < plans.len() {
            arms.push(quote!(_ => {}));
        }
        quote! {
            fn __visit_fields(
                &self,
                #visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn ::core::fmt::Display),
            ) {
                #[allow(unused_imports)]
                use #p::{
                    DisplayField as _, MetaBinary as _, MetaDebug as _, MetaDisplay as _,
                    MetaLowerExp as _, MetaLowerHex as _, MetaOctal as _, MetaPointer as _,
                    MetaUpperExp as _, MetaUpperHex as _, NoMetaBinary as _, NoMetaDebug as _,
                    NoMetaDisplay as _, NoMetaLowerExp as _, NoMetaLowerHex as _, NoMetaOctal as _,
                    NoMetaPointer as _, NoMetaUpperExp as _, NoMetaUpperHex as _,
                };
                match self { #(#arms,)* }
            }
        }
    };
    let from_metadata = expand_from_metadata(plans);
    quote! {
        #[inline]
        fn __grpc_domain(&self) -> &'static str {
            #domain
        }

        #visit_fields

        #from_metadata
    }
}

/// `ApiError::__from_metadata`: a variant rebuilt from the values of a
/// received `ErrorInfo.metadata`, each field parsed (`FromStr`) from the
/// value under its name. A variant takes part when every field is named by a
/// plain `{field}` and none is a source; the values need no splitting, so
/// adjacent placeholders are fine. Codes of `transparent` variants are
/// tried on the wrapped type.
fn expand_from_metadata(plans: &[Plan]) -> TokenStream {
    let p = private;
    let code = local("__code");
    let info = local("__info");
    let mut arms = Vec::new();
    let mut nested = Vec::new();
    for plan in plans {
        let variant = plan.variant;
        match &plan.kind {
            Kind::Transparent { field } => {
                let inner = local("__inner");
                let construct = construct(variant, &[quote!(#inner)]);
                let fty = variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let call =
                    quote_spanned!(span=> <#fty as #p_at::ApiError>::__from_metadata(#code, #info));
                nested.push(quote! {
                    if let ::core::option::Option::Some(#inner) = #call {
                        return ::core::option::Option::Some(#construct);
                    }
                });
            }
            Kind::Own(own) => {
                let plain = |f: usize| {
                    own.template.placeholders().any(|ph| {
                        ph.is_plain()
                            && ph.trait_ == Trait::Display
                            && own.target(&ph.arg) == Some(Target::Field(f))
                    })
                };
                // A message with arguments rebuilds nothing, as in the HTTP
                // decode: its variant decodes as `Known`.
                if variant.fields.is_empty()
                    || own.has_fmt_args
                    || own.source.is_some()
                    || !(0..variant.fields.len()).all(plain)
                {
                    continue;
                }
                let values: Vec<TokenStream> = variant
                    .fields
                    .iter()
                    .map(|field| {
                        let ty = field.ty;
                        let key = field.name();
                        quote!((&#p::Parse::<#ty>::new()).parse_field(#info.get(#key)?)?)
                    })
                    .collect();
                let construct = construct(variant, &values);
                let code_lit = &own.code;
                arms.push(quote!(#code_lit => ::core::option::Option::Some(#construct)));
            }
        }
    }
    if arms.is_empty() && nested.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn __from_metadata(
            #code: &str,
            #info: &#p::GrpcErrorInfo,
        ) -> ::core::option::Option<Self> {
            use #p::{NotParsable as _, ViaFromStr as _};
            match #code {
                #(#arms,)*
                _ => {
                    #(#nested)*
                    ::core::option::Option::None
                }
            }
        }
    }
}
