//! Collects every error of one input, so that one build reports them all.

use std::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

#[derive(Default)]
pub(crate) struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// An error at the tokens of `node`.
    pub(crate) fn error_at(&mut self, node: impl ToTokens, message: impl Display) {
        self.push_at(&node, &message);
    }

    /// `error_at` through trait objects: syn's generic constructor is then
    /// compiled once, not once for each kind of node and message.
    fn push_at(&mut self, node: &dyn ToTokens, message: &dyn Display) {
        self.errors.push(syn::Error::new_spanned(node, message));
    }

    /// An error at the tokens of `node` if there is one, else at `span`.
    pub(crate) fn error_at_or(
        &mut self,
        node: Option<impl ToTokens>,
        span: proc_macro2::Span,
        message: impl Display,
    ) {
        match node {
            Some(node) => self.error_at(node, message),
            None => self.error_span(span, message),
        }
    }

    /// An error at `span`.
    pub(crate) fn error_span(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.push_span(span, &message);
    }

    fn push_span(&mut self, span: proc_macro2::Span, message: &dyn Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    pub(crate) fn syn_error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every error as a `compile_error!` invocation at its own span.
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        let mut errors = self.errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return TokenStream::new();
        };
        // A combined error keeps each message at its own span.
        for error in errors {
            combined.combine(error);
        }
        combined.to_compile_error()
    }
}
