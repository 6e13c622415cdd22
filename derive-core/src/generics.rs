//! The bounds of the generated impls: each impl requires of a type parameter
//! only what a field that mentions it needs there (`T: Display` for a `{t}`,
//! `E: ApiError` for a `transparent` field), nothing for a field that the
//! message does not show.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::Ident;

use crate::ast::{Input, Variant};
use crate::fmt::{Role, Trait};
use crate::private;
use crate::valid::{self, Kind, Plan, Target};

/// The generics of the impls, and the bounds each impl needs.
pub(crate) struct Generics<'a> {
    input: &'a Input<'a>,
    pub(crate) params: Vec<String>,
    pub(crate) display: Vec<TokenStream>,
    pub(crate) error: Vec<TokenStream>,
    pub(crate) api: Vec<TokenStream>,
}

impl<'a> Generics<'a> {
    pub(crate) fn new(input: &'a Input<'a>, plans: &[Plan]) -> Self {
        let mut params: Vec<String> = Vec::new();
        for param in input.generics.type_params() {
            params.push(param.ident.to_string());
        }
        let mut g = Generics {
            input,
            params,
            display: Vec::new(),
            error: Vec::new(),
            api: Vec::new(),
        };
        if g.params.is_empty() {
            return g;
        }
        let ty = g.self_ty();
        push_unique(&mut g.error, quote!(#ty: ::core::fmt::Debug));
        push_unique(&mut g.api, quote!(#ty: ::core::error::Error));
        for plan in plans {
            let variant = plan.variant;
            match &plan.kind {
                Kind::Transparent { field } => {
                    let fty = variant.fields[*field].ty;
                    if g.mentions_param(fty) {
                        push_unique(&mut g.display, quote!(#fty: ::core::fmt::Display));
                        push_unique(&mut g.error, quote!(#fty: ::core::error::Error));
                        push_unique(&mut g.api, quote!(#fty: #private::ApiError));
                    }
                }
                Kind::Own(own) => {
                    for (arg, role) in own.template.args() {
                        // A field in a placeholder, or an argument that is
                        // exactly `.field`: the field's type needs the trait.
                        // (`{:p}` of `.field` formats the reference itself.)
                        let field = match own.target(arg) {
                            Some(Target::Field(field)) => Some(field),
                            Some(Target::Arg(j)) if role != Role::Format(Trait::Pointer) => {
                                sole_field_of_arg(variant, j)
                            }
                            _ => None,
                        };
                        let (Some(field), Role::Format(trait_)) = (field, role) else {
                            continue;
                        };
                        let fty = variant.fields[field].ty;
                        if g.mentions_param(fty) {
                            let tr = Ident::new(trait_.path_name(), Span::call_site());
                            push_unique(&mut g.display, quote!(#fty: ::core::fmt::#tr));
                        }
                    }
                    for header in &own.headers {
                        if let crate::headers::Header::Field { field, .. } = *header {
                            let field = &variant.fields[field];
                            let fty = if field.is_option() {
                                field.source_ty()
                            } else {
                                field.ty
                            };
                            if g.mentions_param(fty) {
                                push_unique(&mut g.api, quote!(#fty: ::core::fmt::Display));
                            }
                        }
                    }
                    if let Some(source) = own.source {
                        let fty = variant.fields[source].source_ty();
                        if g.mentions_param(fty) {
                            push_unique(&mut g.error, quote!(#fty: ::core::error::Error + 'static));
                        }
                    }
                }
            }
        }
        let display = g.display.clone();
        for p in display {
            // `ApiError::__visit_fields` formats the fields as `Display` does.
            push_unique(&mut g.api, p.clone());
            push_unique(&mut g.error, p);
        }
        g
    }

    pub(crate) fn mentions_param(&self, ty: &syn::Type) -> bool {
        valid::mentions_param(ty, &self.params)
    }

    pub(crate) fn self_ty(&self) -> TokenStream {
        let ident = self.input.ident;
        let (_, ty_generics, _) = self.input.generics.split_for_impl();
        quote!(#ident #ty_generics)
    }

    /// The user's where-predicates, each as written.
    pub(crate) fn predicates(&self) -> Vec<TokenStream> {
        let mut predicates = Vec::new();
        if let Some(where_clause) = &self.input.generics.where_clause {
            for predicate in &where_clause.predicates {
                predicates.push(predicate.to_token_stream());
            }
        }
        predicates
    }

    /// `where` + the user's predicates + `extra`, or nothing when empty.
    pub(crate) fn where_clause(&self, extra: &[TokenStream]) -> TokenStream {
        let existing = self.predicates();
        if existing.is_empty() && extra.is_empty() {
            return TokenStream::new();
        }
        quote!(where #(#existing,)* #(#extra,)*)
    }
}

/// The field that the `j`th argument after the format string is exactly
/// (`.field`), if it is one.
fn sole_field_of_arg(variant: &Variant, j: usize) -> Option<usize> {
    let reference = variant.fmt_args().get(j)?.sole_field()?;
    variant.field_named(&reference.name)
}

pub(crate) fn push_unique(list: &mut Vec<TokenStream>, item: TokenStream) {
    let key = item.to_string();
    for x in list.iter() {
        if x.to_string() == key {
            return;
        }
    }
    list.push(item);
}
