//! The gRPC metadata code of the impl: `__grpc_domain`, `__visit_fields`
//! and `__from_metadata`. Compiled only with this crate's `grpc` feature,
//! which error-catalog's `grpc` (and `tonic`) feature turns on through
//! error-catalog-macros'.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::ast::Variant;
use crate::catalog::forward;
use crate::display::is_std_display;
use crate::expand::{binding, construct, local, pattern, private_at, SpanOrCallSite};
use crate::fmt::{Role, Trait};
use crate::private;
use crate::valid::{Kind, Own, Plan, Target};

/// `__grpc_domain` (the enum's `domain`, else the package's name, read in
/// the user's crate), `__visit_fields` and `__from_metadata`.
pub(super) fn expand(input: &crate::ast::Input, plans: &[Plan]) -> TokenStream {
    let domain = match &input.attrs.domain {
        Some(lit) => quote!(#lit),
        None => quote!(::core::env!("CARGO_PKG_NAME")),
    };
    let visit_fields = expand_visit_fields(plans);
    let from_metadata = expand_from_metadata(plans);
    quote! {
        #[inline]
        fn __grpc_domain(&self) -> &'static str {
            #domain
        }

        #visit_fields

        #from_metadata
    }
}

/// `__visit_fields`: each field that a placeholder names (not the format
/// arguments), with the trait of its first placeholder; a width or
/// precision field (`{n:w$}`) as its number. A variant whose message names
/// no field has no arm.
fn expand_visit_fields(plans: &[Plan]) -> TokenStream {
    let p = private;
    let visit = local("__visit");
    let mut arms = Vec::new();
    let mut specializes = false;
    for plan in plans {
        match &plan.kind {
            Kind::Transparent { field } => {
                let (pat, call) = forward(plan, *field, "__visit_fields", quote!(, #visit));
                arms.push(quote!(#pat => #call));
            }
            Kind::Own(own) => {
                let mut fields: Vec<(usize, Trait)> = Vec::new();
                for (arg, role) in own.template.args() {
                    let Some(Target::Field(field)) = own.target(arg) else {
                        continue;
                    };
                    let trait_ = match role {
                        Role::Format(trait_) => trait_,
                        Role::Count => Trait::Display,
                    };
                    if !has_field(&fields, field) {
                        fields.push((field, trait_));
                    }
                }
                if fields.is_empty() {
                    continue;
                }
                let mut used = Vec::with_capacity(fields.len());
                for (field, _) in &fields {
                    used.push(*field);
                }
                let pat = pattern(plan.variant, &used);
                // Fields of standard types that display (`String`, a
                // number) go in order, a run of them in one call: no method
                // lookup for the compiler.
                let mut plain = Vec::new();
                let mut calls = Vec::new();
                let flush = |plain: &mut Vec<TokenStream>, calls: &mut Vec<TokenStream>| {
                    if !plain.is_empty() {
                        calls.push(quote!(#p::visit_displayed(#visit, &[#(#plain),*]);));
                        plain.clear();
                    }
                };
                for (field, trait_) in &fields {
                    let key = plan.variant.fields[*field].name();
                    let b = binding(*field);
                    if *trait_ == Trait::Display && is_std_display(plan.variant.fields[*field].ty) {
                        plain.push(quote!((#key, #b)));
                        continue;
                    }
                    flush(&mut plain, &mut calls);
                    specializes = true;
                    let (method, value) = match trait_ {
                        // A path shows its `.display()`, as in the message.
                        Trait::Display => {
                            ("meta_display", quote!(&#p::DisplayArg(#b).as_display()))
                        }
                        Trait::Debug => ("meta_debug", quote!(#b)),
                        Trait::LowerHex => ("meta_lower_hex", quote!(#b)),
                        Trait::UpperHex => ("meta_upper_hex", quote!(#b)),
                        Trait::Octal => ("meta_octal", quote!(#b)),
                        Trait::Binary => ("meta_binary", quote!(#b)),
                        Trait::LowerExp => ("meta_lower_exp", quote!(#b)),
                        Trait::UpperExp => ("meta_upper_exp", quote!(#b)),
                        // The pointer the field holds, as `{field:p}` prints it.
                        Trait::Pointer => ("meta_pointer", quote!(#b)),
                    };
                    let method = Ident::new(method, Span::call_site());
                    // A field that lacks its placeholder's trait is reported
                    // by the `Display` impl, at the message; here it is
                    // skipped (auto-ref specialization), so it is reported
                    // once.
                    calls.push(quote!((&#p::MetaField(#value)).#method(#key, #visit);));
                }
                flush(&mut plain, &mut calls);
                arms.push(quote!(#pat => { #(#calls)* }));
            }
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    if arms.len() < plans.len() {
        arms.push(quote!(_ => {}));
    }
    let uses = if specializes {
        quote! {
            #[allow(unused_imports)]
            use #p::{
                DisplayField as _, MetaBinary as _, MetaDebug as _, MetaDisplay as _,
                MetaLowerExp as _, MetaLowerHex as _, MetaOctal as _, MetaPointer as _,
                MetaUpperExp as _, MetaUpperHex as _, NoMetaBinary as _, NoMetaDebug as _,
                NoMetaDisplay as _, NoMetaLowerExp as _, NoMetaLowerHex as _, NoMetaOctal as _,
                NoMetaPointer as _, NoMetaUpperExp as _, NoMetaUpperHex as _,
            };
        }
    } else {
        TokenStream::new()
    };
    quote! {
        fn __visit_fields(
            &self,
            #visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn ::core::fmt::Display),
        ) {
            #uses
            match self { #(#arms,)* }
        }
    }
}

/// Whether `field` is in the list already.
fn has_field(fields: &[(usize, Trait)], field: usize) -> bool {
    for (f, _) in fields {
        if *f == field {
            return true;
        }
    }
    false
}

/// `__from_metadata`: a variant rebuilt from the values of a received
/// `ErrorInfo.metadata`, each field parsed (`FromStr`) from the value under
/// its name. A variant takes part when every field is named by a plain
/// `{field}` and none is a source; the values need no splitting, so
/// adjacent placeholders are fine. The code is found as `from_parts` finds
/// it, in the runtime's table, with no compare of its own; codes of
/// `transparent` variants are tried on the wrapped type.
///
/// As in `from_parts`, the parsing is one closure for each distinct list of
/// field types, shared by the variants with that list; an arm names its
/// keys and builds its variant.
fn expand_from_metadata(plans: &[Plan]) -> TokenStream {
    let p = private;
    let code = local("__code");
    let info = local("__info");
    let index = local("__index");
    let mut arms = Vec::new();
    let mut nested = Vec::new();
    // The parsing closures, and the list of field types each parses.
    let mut closures: Vec<TokenStream> = Vec::new();
    let mut closure_types: Vec<Vec<String>> = Vec::new();
    for plan in plans {
        let variant = plan.variant;
        match &plan.kind {
            Kind::Transparent { field } => {
                let inner = local("__inner");
                let construct = construct(variant, &[quote!(#inner)]);
                let fty = variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let call =
                    quote_spanned!(span=> <#fty as #p_at::ApiError>::__from_metadata(#code, #info));
                nested.push(quote! {
                    if let ::core::option::Option::Some(#inner) = #call {
                        return ::core::option::Option::Some(#construct);
                    }
                });
            }
            Kind::Own(own) => {
                // A message with arguments rebuilds nothing, as in the HTTP
                // decode: its variant decodes as `Known`.
                if variant.fields.is_empty()
                    || own.has_fmt_args
                    || own.source.is_some()
                    || !all_fields_plain(own, variant.fields.len())
                {
                    continue;
                }
                let mut types = Vec::with_capacity(variant.fields.len());
                let mut keys = Vec::with_capacity(variant.fields.len());
                let mut fields = Vec::with_capacity(variant.fields.len());
                for (f, field) in variant.fields.iter().enumerate() {
                    let ty = field.ty;
                    types.push(quote!(#ty).to_string());
                    keys.push(field.name());
                    let b = binding(f);
                    fields.push(quote!(#b));
                }
                let at = match position_of(&closure_types, &types) {
                    Some(at) => at,
                    None => {
                        closures.push(metadata_closure(variant, closures.len(), &info));
                        closure_types.push(types);
                        closures.len() - 1
                    }
                };
                let closure = closure_name(at);
                let construct = construct(variant, &fields);
                let i = Literal::usize_unsuffixed(plan.index);
                arms.push(quote! {
                    #i => match #closure([#(#keys),*]) {
                        ::core::option::Option::Some((#(#fields,)*)) => #construct,
                        ::core::option::Option::None => return ::core::option::Option::None,
                    }
                });
            }
        }
    }
    if arms.is_empty() && nested.is_empty() {
        return TokenStream::new();
    }
    let own = if arms.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            static __CODES: #p::CodeIndex = #p::CodeIndex::new();
            if let ::core::option::Option::Some(#index) =
                __CODES.find(<Self as #p::ApiError>::catalog(), #code)
            {
                #(#closures)*
                return ::core::option::Option::Some(match #index {
                    #(#arms,)*
                    _ => return ::core::option::Option::None,
                });
            }
        }
    };
    quote! {
        fn __from_metadata(
            #code: &str,
            #info: &#p::GrpcErrorInfo,
        ) -> ::core::option::Option<Self> {
            #own
            #(#nested)*
            ::core::option::Option::None
        }
    }
}

/// Whether every one of the `count` fields is named by a plain `{field}`.
fn all_fields_plain(own: &Own, count: usize) -> bool {
    for field in 0..count {
        if !is_plain_field(own, field) {
            return false;
        }
    }
    true
}

/// Whether a placeholder names the field as a plain `{field}`: no spec,
/// `Display`.
fn is_plain_field(own: &Own, field: usize) -> bool {
    for ph in own.template.placeholders() {
        if ph.is_plain()
            && ph.trait_ == Trait::Display
            && own.target(&ph.arg) == Some(Target::Field(field))
        {
            return true;
        }
    }
    false
}

/// The index of the list of field types in `seen`, if it is there.
fn position_of(seen: &[Vec<String>], types: &[String]) -> Option<usize> {
    for (at, list) in seen.iter().enumerate() {
        if list == types {
            return Some(at);
        }
    }
    None
}

fn closure_name(n: usize) -> Ident {
    format_ident!("__metadata{}", n, span = Span::mixed_site())
}

/// `let __metadataN = |__keys: [&str; K]| -> Option<(A, B)> { ... };`: the
/// value under each key parsed into its field's type, in declaration order.
fn metadata_closure(variant: &Variant, n: usize, info: &Ident) -> TokenStream {
    let p = private;
    let name = closure_name(n);
    let keys = local("__keys");
    let verbatim = local("__verbatim");
    let mut types = Vec::with_capacity(variant.fields.len());
    let mut values = Vec::with_capacity(variant.fields.len());
    for (f, field) in variant.fields.iter().enumerate() {
        let ty = field.ty;
        let f = Literal::usize_unsuffixed(f);
        values.push(
            quote!((&#p::Parse::<#ty>::new()).parse_field(#info.get(#keys[#f])?, &mut #verbatim)?),
        );
        types.push(ty);
    }
    let count = Literal::usize_unsuffixed(types.len());
    quote! {
        let #name = |#keys: [&str; #count]| -> ::core::option::Option<(#(#types,)*)> {
            use #p::{NotParsable as _, ViaFromStr as _};
            let mut #verbatim = true;
            ::core::option::Option::Some((#(#values,)*))
        };
    }
}
