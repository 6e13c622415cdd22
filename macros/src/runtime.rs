//! The runtime's path in generated code.

use quote::{quote, ToTokens};

/// The runtime's module for generated code, `::error_catalog::__private`,
/// written `#private` inside `quote!`.
#[allow(non_camel_case_types)]
pub(crate) struct private;

impl ToTokens for private {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        tokens.extend(quote!(::error_catalog::__private));
    }
}
