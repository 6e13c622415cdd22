//! Writing the impls. Every path is absolute (`::core::...`,
//! `::error_catalog::__private::...`), every local is `__`-prefixed with a
//! mixed-site span, so the code means the same beside any user names.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{DeriveInput, Ident};

use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::display::expand_display;
use crate::fallback::fallback;
use crate::generics::Generics;
use crate::private;
use crate::valid::{self, Kind, Own, Plan};

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

/// The runtime's path at `span`: errors about a transparent field's type
/// then point at the field, and identical ones merge.
pub(crate) fn private_at(span: Span) -> TokenStream {
    crate::runtime::alias(span).into_token_stream()
}

pub(crate) fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// Where `value` first is in `list`.
pub(crate) fn index_of(list: &[usize], value: usize) -> Option<usize> {
    for (i, &x) in list.iter().enumerate() {
        if x == value {
            return Some(i);
        }
    }
    None
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
    let catalog = crate::catalog::expand(input, plans);
    let catalog_methods = &catalog.methods;
    let catalog_items = &catalog.items;
    let from_parts = crate::rebuild::expand_from_parts(plans);
    let headers = crate::headers::expand_append_headers(plans);
    let grpc = crate::grpc::expand(input, plans);
    let (problem_format, serialize) = if input.attrs.format.is_some() {
        let methods = quote! {
            #[inline]
            fn body_format() -> #p::BodyFormat {
                #p::BodyFormat::Problem
            }

            #[inline(always)]
            fn to_response(&self) -> #p::http::Response<#p::bytes::Bytes> {
                <Self as #p::ApiError>::to_problem_response(self)
            }
        };
        (methods, quote!(serialize_problem))
    } else {
        (TokenStream::new(), quote!(serialize))
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
    crate::runtime::in_block(quote! {
        #display

        #attrs
        impl #impl_generics ::core::error::Error for #ident #ty_generics #error_where {
            #source
        }

        #attrs
        impl #impl_generics #p::ApiError for #ident #ty_generics #api_where {
            #catalog_methods
            #from_parts
            #headers
            #problem_format
            #grpc
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

        #catalog_items

        ::error_catalog::__framework_glue! {
            [#impl_generics] [#ident #ty_generics] [where #(#existing,)*]
        }
    })
}

/// The impl generics with `'__de` first, for `Deserialize<'__de>`:
/// `<'__de, 'a, T: Bound>` from `<'a, T: Bound>`, `<'__de>` from none.
/// (Without cloning the generics, so syn needs no `clone-impls`.)
pub(crate) fn with_de_lifetime(generics: &syn::Generics) -> TokenStream {
    let (impl_generics, _, _) = generics.split_for_impl();
    let tokens: Vec<proc_macro2::TokenTree> = impl_generics.to_token_stream().into_iter().collect();
    match tokens.as_slice() {
        [_open, inner @ .., _close] if !inner.is_empty() => {
            let mut params = TokenStream::new();
            for token in inner {
                token.to_tokens(&mut params);
            }
            quote!(<'__de, #params>)
        }
        _ => quote!(<'__de>),
    }
}

/// `Self::Variant { field: __fieldN, .. }`, binding only the fields listed.
pub(crate) fn pattern(variant: &Variant, fields: &[usize]) -> TokenStream {
    let ident = variant.ident;
    if fields.is_empty() {
        return quote!(Self::#ident { .. });
    }
    let mut members = Vec::with_capacity(fields.len());
    let mut bindings = Vec::with_capacity(fields.len());
    for &i in fields {
        members.push(&variant.fields[i].member);
        bindings.push(binding(i));
    }
    quote!(Self::#ident { #(#members: #bindings,)* .. })
}

/// `Self::Variant(v0, v1)`, `Self::Variant { a: v0, b: v1 }` or
/// `Self::Variant`, from one value a field in declaration order.
pub(crate) fn construct(variant: &Variant, values: &[TokenStream]) -> TokenStream {
    let ident = variant.ident;
    match &variant.original.fields {
        syn::Fields::Unit => quote!(Self::#ident),
        syn::Fields::Unnamed(_) => quote!(Self::#ident(#(#values),*)),
        syn::Fields::Named(_) => {
            let mut members = Vec::with_capacity(values.len());
            let mut inits = Vec::with_capacity(values.len());
            for (field, value) in variant.fields.iter().zip(values) {
                members.push(&field.member);
                inits.push(value);
            }
            quote!(Self::#ident { #(#members: #inits),* })
        }
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
        match self.to_token_stream().into_iter().next() {
            Some(tt) => tt.span(),
            None => Span::call_site(),
        }
    }
}

fn expand_froms(input: &Input, plans: &[Plan]) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let attrs = impl_attrs();
    let mut froms = TokenStream::new();
    for plan in plans {
        let Some(field) = plan.from else {
            continue;
        };
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
            .unwrap_or(Span::call_site());
        froms.extend(quote_spanned! {span=>
            #attrs
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(#source: #ty) -> Self {
                    #construct
                }
            }
        });
    }
    froms
}
