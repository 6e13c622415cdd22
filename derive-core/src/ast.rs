//! The typed model of the input enum, read from syn. Each node keeps its syn
//! original, so that every later error can point at the user's own token.

use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, Ident, Member, Type};

use crate::args::FmtArg;
use crate::attr::{self, Doc, EnumAttrs, FieldAttrs, VariantAttrs};
use crate::ctxt::Ctxt;

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) attrs: EnumAttrs,
    pub(crate) variants: Vec<Variant<'a>>,
}

pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: VariantAttrs,
    pub(crate) doc: Doc,
    pub(crate) fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: FieldAttrs,
}

impl Variant<'_> {
    /// The variant's first `#[api_error(...)]` attribute.
    pub(crate) fn api_error_attr(&self) -> Option<&syn::Attribute> {
        self.original.attrs.get(self.attrs.attr?)
    }
}

impl<'a> Input<'a> {
    /// The model of an enum; `None`, with an error, for a struct or a union.
    pub(crate) fn from_syn(cx: &mut Ctxt, node: &'a DeriveInput) -> Option<Self> {
        let data = match &node.data {
            syn::Data::Enum(data) => data,
            syn::Data::Struct(data) => {
                cx.error_span(
                    data.struct_token.span,
                    format!(
                        "`ApiError` can only be derived for an enum: each variant is one error with its own code. \
                         Write `enum {0}Error {{ #[api_error(code = \"...\", status = 400, message = \"...\")] {0} {{ .. }} }}` instead",
                        node.ident
                    ),
                );
                return None;
            }
            syn::Data::Union(data) => {
                cx.error_span(
                    data.union_token.span,
                    "`ApiError` can only be derived for an enum, not a union: each variant is one error with its own code",
                );
                return None;
            }
        };
        let attrs = attr::enum_attrs(cx, &node.attrs);
        let mut variants = Vec::with_capacity(data.variants.len());
        for variant in &data.variants {
            variants.push(Variant::from_syn(cx, variant));
        }
        Some(Input {
            ident: &node.ident,
            generics: &node.generics,
            attrs,
            variants,
        })
    }
}

impl<'a> Variant<'a> {
    fn from_syn(cx: &mut Ctxt, node: &'a syn::Variant) -> Self {
        let mut fields = Vec::with_capacity(node.fields.len());
        for (i, field) in node.fields.iter().enumerate() {
            fields.push(Field {
                member: match &field.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(syn::Index::from(i)),
                },
                ty: &field.ty,
                attrs: attr::field_attrs(cx, &field.attrs),
            });
        }
        let attrs = attr::variant_attrs(cx, &node.attrs);
        // As in thiserror, a field named `source` is the source when no
        // field is marked (and the variant is not transparent).
        if attrs.transparent.is_none() && !has_source(&fields) {
            for field in &mut fields {
                if matches!(&field.member, Member::Named(i) if i == "source") {
                    field.attrs.source = Some(field.member.span());
                    break;
                }
            }
        }
        Variant {
            original: node,
            ident: &node.ident,
            attrs,
            doc: attr::doc(&node.attrs),
            fields,
        }
    }

    pub(crate) fn has_named_fields(&self) -> bool {
        matches!(self.original.fields, syn::Fields::Named(_))
    }

    /// The arguments after the format string of `message(...)`.
    pub(crate) fn fmt_args(&self) -> &[FmtArg] {
        match &self.attrs.message {
            Some(message) => &message.args,
            None => &[],
        }
    }

    /// The field a template or an argument names: `key` a named field, `0`
    /// a field of a tuple variant.
    pub(crate) fn field_named(&self, name: &str) -> Option<usize> {
        for (i, field) in self.fields.iter().enumerate() {
            if field.name() == name {
                return Some(i);
            }
        }
        None
    }
}

/// Whether a field is marked `#[source]` or `#[from]`.
fn has_source(fields: &[Field]) -> bool {
    for field in fields {
        if field.is_source() {
            return true;
        }
    }
    false
}

impl<'a> Field<'a> {
    /// The name a template uses for this field: `key`, or `0`.
    pub(crate) fn name(&self) -> String {
        match &self.member {
            Member::Named(ident) => {
                let s = ident.to_string();
                match s.strip_prefix("r#") {
                    Some(unraw) => unraw.to_owned(),
                    None => s,
                }
            }
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    pub(crate) fn is_source(&self) -> bool {
        self.attrs.source.is_some() || self.attrs.from.is_some()
    }

    /// For a source field, the type of the error it holds: `E` of an
    /// `Option<E>` (a source that may be absent, as in thiserror), else the
    /// field's type.
    pub(crate) fn source_ty(&self) -> &'a Type {
        option_inner(self.ty).unwrap_or(self.ty)
    }

    pub(crate) fn is_option(&self) -> bool {
        option_inner(self.ty).is_some()
    }
}

/// `T` when `ty` is written `Option<T>` (or with a path to `Option`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let path = match ty {
        Type::Path(path) if path.qself.is_none() => &path.path,
        Type::Group(group) => return option_inner(&group.elem),
        _ => return None,
    };
    let last = path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}
