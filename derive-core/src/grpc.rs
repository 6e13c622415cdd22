//! The gRPC parts of the `ApiError` impl: the `ErrorInfo` domain, the
//! metadata (each field the message names, as the message formats it), and
//! `__from_metadata`, a variant rebuilt from a received `ErrorInfo`. A
//! variant's own gRPC code is a column of its catalog entry
//! ([`in_catalog`], called by the catalog); the rest is in
//! `grpc/metadata.rs`, compiled with the `grpc` feature only.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::private;
use crate::valid::{Own, Plan};

// The path is spelled out so that the fuzz crate, which includes this
// file by `#[path]`, finds the module too.
#[cfg(feature = "grpc")]
#[path = "grpc/metadata.rs"]
mod metadata;

/// A variant's own gRPC code in its catalog entry: `.__grpc(GrpcCode::X)`.
pub(crate) fn in_catalog(own: &Own) -> TokenStream {
    match own.grpc {
        Some(code) => {
            let p = private;
            let code = Ident::new(code, Span::call_site());
            quote!(.__grpc(#p::GrpcCode::#code))
        }
        None => TokenStream::new(),
    }
}

/// `__grpc_domain` (the enum's `domain`, else the package's name, read in
/// the user's crate), `__visit_fields` and `__from_metadata`.
///
/// Written only with the `grpc` feature, which error-catalog's `grpc` (and
/// `tonic`) feature turns on: without it the trait's defaults (no metadata)
/// stand, an enum costs nothing more to compile, and neither does this
/// crate (the code that writes them is not built).
#[cfg(feature = "grpc")]
pub(crate) fn expand(input: &crate::ast::Input, plans: &[Plan]) -> TokenStream {
    metadata::expand(input, plans)
}

/// Without the `grpc` feature: nothing (see the other `expand`).
#[cfg(not(feature = "grpc"))]
pub(crate) fn expand(_: &crate::ast::Input, _: &[Plan]) -> TokenStream {
    TokenStream::new()
}
