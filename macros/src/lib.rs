use proc_macro::TokenStream;
#[proc_macro_derive(ApiError, attributes(api_error, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream { let _ = input; TokenStream::new() }
