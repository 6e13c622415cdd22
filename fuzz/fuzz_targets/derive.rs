//! The derive's core, `expand::derive`, on any token stream: it must
//! answer with code or with `compile_error!`s, never panic, and what it
//! writes must lex again as Rust tokens.
//!
//! `error-catalog-macros` is a proc-macro crate, which another crate cannot
//! call, so this target compiles the core's own files, each under its
//! crate-level name (the `crate::...` paths inside them stay right). Keep
//! this list the list of modules in `macros/src/lib.rs`, without `tests`,
//! and its `use` of error-catalog-rules (a unit test of the macro crate
//! checks both).
#![no_main]
// Items only the proc-macro entry point or the unit tests use.
#![allow(dead_code)]

// The rules that need no syntax tree are a crate of their own, named as
// `macros/src/lib.rs` names them.
use error_catalog_rules::{case, fmt, json};

#[path = "../../macros/src/args.rs"]
mod args;
#[path = "../../macros/src/ast.rs"]
mod ast;
#[path = "../../macros/src/attr.rs"]
mod attr;
#[path = "../../macros/src/catalog.rs"]
mod catalog;
#[path = "../../macros/src/ctxt.rs"]
mod ctxt;
#[path = "../../macros/src/display.rs"]
mod display;
#[path = "../../macros/src/expand.rs"]
mod expand;
#[path = "../../macros/src/fallback.rs"]
mod fallback;
#[path = "../../macros/src/generics.rs"]
mod generics;
#[path = "../../macros/src/grpc.rs"]
mod grpc;
#[path = "../../macros/src/headers.rs"]
mod headers;
#[path = "../../macros/src/problem.rs"]
mod problem;
#[path = "../../macros/src/rebuild.rs"]
mod rebuild;
#[path = "../../macros/src/resolve.rs"]
mod resolve;
#[path = "../../macros/src/runtime.rs"]
mod runtime;
#[path = "../../macros/src/valid.rs"]
mod valid;

use proc_macro2::TokenStream;
use runtime::private;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The input is Rust source text; what does not lex is not a token
    // stream, and a derive never sees it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = text.parse::<TokenStream>() else {
        return;
    };
    let output = expand::derive(input).to_string();
    assert!(!output.is_empty(), "an answer for {text:?}");
    if let Err(error) = output.parse::<TokenStream>() {
        panic!("the expansion of {text:?} does not lex ({error}): {output}");
    }
});
