//! The derive's core, `error_catalog_derive_core::derive`, on any token
//! stream: it must answer with code or with `compile_error!`s, never panic,
//! and what it writes must lex again as Rust tokens.
#![no_main]

use proc_macro2::TokenStream;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The input is Rust source text; what does not lex is not a token
    // stream, and a derive never sees it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = text.parse::<TokenStream>() else {
        return;
    };
    let output = error_catalog_derive_core::derive(input).to_string();
    assert!(!output.is_empty(), "an answer for {text:?}");
    if let Err(error) = output.parse::<TokenStream>() {
        panic!("the expansion of {text:?} does not lex ({error}): {output}");
    }
});
