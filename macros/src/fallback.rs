//! The impls emitted after an error: every trait the derive promises, with
//! bodies that never run, so that the user's other code still compiles and
//! the real errors are all the user sees.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::DeriveInput;

use crate::ast::Input;
use crate::expand::{impl_attrs, with_de_lifetime};
use crate::private;

/// After an error: impls that keep the rest of the user's code compiling, so
/// that the real errors are all the user sees. None of them ever runs.
pub(crate) fn fallback(node: &DeriveInput, model: Option<&Input>) -> TokenStream {
    let ident = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let attrs = impl_attrs();
    let de_impl_generics = with_de_lifetime(&node.generics);
    // The user's predicates, plus `Self: Debug` where the trait needs it.
    let predicates: Vec<TokenStream> = node
        .generics
        .where_clause
        .as_ref()
        .map(|w| w.predicates.iter().map(|p| p.to_token_stream()).collect())
        .unwrap_or_default();
    let debug_where = quote!(where #(#predicates,)* Self: ::core::fmt::Debug);
    let froms: TokenStream = model
        .map(|model| {
            model
                .variants
                .iter()
                .filter(|v| v.fields.len() == 1 && v.fields[0].attrs.from.is_some())
                .map(|v| {
                    let ty = v.fields[0].source_ty();
                    quote! {
                        #attrs
                        impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                            fn from(_: #ty) -> Self { ::core::unreachable!() }
                        }
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    crate::runtime::in_block(quote! {
        #attrs
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }
        #attrs
        impl #impl_generics ::core::error::Error for #ident #ty_generics #debug_where {}
        #attrs
        impl #impl_generics #private::ApiError for #ident #ty_generics #debug_where {
            fn catalog() -> &'static [#private::ErrorSpec] { &[] }
            fn spec(&self) -> &'static #private::ErrorSpec { ::core::unreachable!() }
            fn from_parts(_: &str, _: &str) -> ::core::result::Result<Self, #private::FromBodyError> {
                ::core::unreachable!()
            }
        }
        #attrs
        impl #impl_generics #private::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                ::core::unreachable!()
            }
        }
        #attrs
        impl #de_impl_generics #private::serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'__de>,
            {
                ::core::unreachable!()
            }
        }
        #froms
    })
}
