//! The impls emitted after an error: every trait the derive promises, with
//! bodies that never run, so that the user's other code still compiles and
//! the real errors are all the user sees. Their text is the runtime's
//! `__fallback_impls!`; this module gives it the enum's generics, type and
//! `#[from]` types.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Input;
use crate::expand::with_de_lifetime;

/// After an error: impls that keep the rest of the user's code compiling, so
/// that the real errors are all the user sees. None of them ever runs.
pub(crate) fn fallback(node: &DeriveInput, model: Option<&Input>) -> TokenStream {
    let ident = &node.ident;
    let (impl_generics, ty_generics, _) = node.generics.split_for_impl();
    let de_impl_generics = with_de_lifetime(&node.generics);
    let mut predicates = TokenStream::new();
    if let Some(where_clause) = &node.generics.where_clause {
        for predicate in &where_clause.predicates {
            predicates.extend(quote!(#predicate,));
        }
    }
    let mut froms = Vec::new();
    if let Some(model) = model {
        for variant in &model.variants {
            if let [field] = variant.fields.as_slice() {
                if field.attrs.from.is_some() {
                    froms.push(field.source_ty());
                }
            }
        }
    }
    quote! {
        ::error_catalog::__fallback_impls! {
            [#impl_generics] [#de_impl_generics] [#ident #ty_generics] [#predicates]
            [#(#froms),*]
        }
    }
}
