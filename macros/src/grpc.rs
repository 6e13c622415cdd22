//! The gRPC parts of the `ApiError` impl: the `ErrorInfo` domain, the
//! metadata (each field the message names, as the message formats it), and
//! `__from_metadata`, a variant rebuilt from a received `ErrorInfo`. A
//! variant's own gRPC code is a column of its catalog entry
//! ([`in_catalog`], called by the catalog).

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::display::is_std_display;
use crate::expand::{binding, construct, local, pattern, private_at, SpanOrCallSite};
use crate::fmt::{Role, Trait};
use crate::private;
use crate::valid::{Kind, Own, Plan, Target};

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
pub(crate) fn expand(input: &crate::ast::Input, plans: &[Plan]) -> TokenStream {
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
                let pat = pattern(plan.variant, &[*field]);
                let b = binding(*field);
                let fty = plan.variant.fields[*field].ty;
                let span = fty.span_or_call_site();
                let p_at = private_at(span);
                let call =
                    quote_spanned!(span=> <#fty as #p_at::ApiError>::__visit_fields(#b, #visit));
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
                    if !fields.iter().any(|(f, _)| *f == field) {
                        fields.push((field, trait_));
                    }
                }
                if fields.is_empty() {
                    continue;
                }
                let used: Vec<usize> = fields.iter().map(|(f, _)| *f).collect();
                let pat = pattern(plan.variant, &used);
                let calls = fields.iter().map(|(field, trait_)| {
                    let key = plan.variant.fields[*field].name();
                    let b = binding(*field);
                    // A standard type that displays (`String`, a number) is
                    // given as it is: no method lookup for the compiler.
                    if *trait_ == Trait::Display && is_std_display(plan.variant.fields[*field].ty) {
                        return quote!(#visit(#key, #b););
                    }
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
                    quote!((&#p::MetaField(#value)).#method(#key, #visit);)
                });
                let calls: Vec<TokenStream> = calls.collect();
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
    let uses = specializes.then(|| {
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
    });
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

/// `__from_metadata`: a variant rebuilt from the values of a received
/// `ErrorInfo.metadata`, each field parsed (`FromStr`) from the value under
/// its name. A variant takes part when every field is named by a plain
/// `{field}` and none is a source; the values need no splitting, so
/// adjacent placeholders are fine. The code is found as `from_parts` finds
/// it, in the runtime's table, with no compare of its own; codes of
/// `transparent` variants are tried on the wrapped type.
fn expand_from_metadata(plans: &[Plan]) -> TokenStream {
    let p = private;
    let code = local("__code");
    let info = local("__info");
    let index = local("__index");
    let verbatim = local("__verbatim");
    let mut arms = Vec::new();
    let mut nested = Vec::new();
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
                let plain = |f: usize| {
                    own.template.placeholders().any(|ph| {
                        ph.is_plain()
                            && ph.trait_ == Trait::Display
                            && own.target(&ph.arg) == Some(Target::Field(f))
                    })
                };
                // A message with arguments rebuilds nothing, as in the HTTP
                // decode: its variant decodes as `Known`.
                if variant.fields.is_empty()
                    || own.has_fmt_args
                    || own.source.is_some()
                    || !(0..variant.fields.len()).all(plain)
                {
                    continue;
                }
                let values: Vec<TokenStream> = variant
                    .fields
                    .iter()
                    .map(|field| {
                        let ty = field.ty;
                        let key = field.name();
                        quote!((&#p::Parse::<#ty>::new()).parse_field(#info.get(#key)?, &mut #verbatim)?)
                    })
                    .collect();
                let construct = construct(variant, &values);
                let i = Literal::usize_unsuffixed(plan.index);
                arms.push(quote!(#i => #construct));
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
                use #p::{NotParsable as _, ViaFromStr as _};
                let mut #verbatim = true;
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
