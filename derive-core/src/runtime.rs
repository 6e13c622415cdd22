//! The runtime's path in generated code.
//!
//! The derive writes its impls inside one block,
//! `const _: () = { use ::error_catalog::__private as __ec; ... };`, so
//! every path to the runtime is `__ec::...`, short for the compiler and for
//! the reader of the expansion, and the alias is seen by nothing outside the
//! block.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};

/// The runtime's module for generated code, the alias `__ec` of
/// `::error_catalog::__private`, written `#private` inside `quote!`.
#[allow(non_camel_case_types)]
pub(crate) struct private;

impl ToTokens for private {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        alias(Span::call_site()).to_tokens(tokens);
    }
}

/// The alias at `span`: a path through it that is spanned at the user's
/// tokens reports its errors there.
pub(crate) fn alias(span: Span) -> syn::Ident {
    syn::Ident::new("__ec", span)
}

/// `const _: () = { use ::error_catalog::__private as __ec; #items };`: the
/// block every impl of the derive is written in.
pub(crate) fn in_block(items: TokenStream) -> TokenStream {
    let p = private;
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications)]
        const _: () = {
            use ::error_catalog::__private as #p;
            #items
        };
    }
}
