//! The derive's output is hygienic: it compiles with no prelude at all, beside
//! user items named like the prelude's (`Result`, `Option`, `String`, `Box`,
//! `Ok`, `Some`) and like the crates it uses (`core`, `serde`, `http`), with
//! fields named like the expansion's own locals, for an enum declared by a
//! `macro_rules!`, and without a single warning under
//! `deny(warnings, unused_qualifications)`.
#![no_implicit_prelude]
#![deny(warnings, unused_qualifications, rust_2018_idioms)]
#![forbid(unsafe_code)]

use ::error_catalog::ApiError;

// Prelude names, taken by the user. Generated code that says `Result`,
// `Ok(..)` or `Some(..)` instead of `::core::result::Result` fails here.
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct String;
#[allow(dead_code)]
struct Box;
#[allow(dead_code)]
struct Ok;
#[allow(dead_code)]
struct Some;
#[allow(dead_code)]
struct None;
#[allow(dead_code)]
struct Err;
#[allow(dead_code)]
struct Vec;
#[allow(dead_code)]
trait Display {}
#[allow(dead_code)]
trait Debug {}
#[allow(dead_code)]
trait Error {}
#[allow(dead_code)]
trait From {}
#[allow(dead_code)]
trait Into {}
#[allow(dead_code)]
trait ToString {}

// Crate names, taken by the user's modules. Generated code that says
// `core::fmt` or `serde::Serialize` without the leading `::` fails here.
#[allow(dead_code)]
mod core {
    pub mod fmt {
        pub struct Formatter;
        pub struct Result;
    }
    pub mod result {}
    pub mod option {}
}
#[allow(dead_code)]
mod serde {
    pub trait Serialize {}
    pub trait Serializer {}
    pub trait Deserialize {}
}
#[allow(dead_code)]
mod http {
    pub struct StatusCode;
    pub struct Response;
}
#[allow(dead_code)]
mod bytes {
    pub struct Bytes;
}
#[allow(dead_code)]
mod std {}
#[allow(dead_code)]
mod error_catalog {}

/// Errors whose fields are named like the locals a derive would use.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 400)]
enum LocalsError {
    #[api_error(
        code = "locals",
        message = "{f} {formatter} {__formatter} {serializer} {deserializer} {__serializer} {self_} {__self} {state} {__state}"
    )]
    Locals {
        f: ::std::string::String,
        formatter: u8,
        __formatter: u8,
        serializer: u8,
        deserializer: u8,
        __serializer: u8,
        self_: u8,
        __self: u8,
        state: u8,
        __state: u8,
    },
    #[api_error(code = "tuple_locals", message = "{0} {1}")]
    TupleLocals(::std::string::String, u16),
    #[api_error(code = "unused", message = "Fields not in the message")]
    Unused {
        f: ::std::string::String,
        body: u8,
        buf: u8,
        error: u8,
    },
    #[api_error(status = 500, code = "with_source", message = "Failed")]
    WithSource {
        #[source]
        source: ::std::io::Error,
        f: u8,
    },
    #[api_error(status = 502, code = "with_from", message = "Failed upstream")]
    WithFrom(#[from] ::std::fmt::Error),
}

/// Variants named like prelude items.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 409)]
enum PreludeVariants {
    #[api_error(code = "ok", message = "Ok")]
    Ok,
    #[api_error(code = "err", message = "Err {0}")]
    Err(u8),
    #[api_error(code = "some", message = "Some")]
    Some,
    #[api_error(code = "none", message = "None")]
    None,
    #[api_error(code = "result", message = "Result {value}")]
    Result { value: u8 },
}

/// Generics under the same conditions.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 400, rename_all = "snake_case")]
enum GenericError<'a, T>
where
    T: ::core::fmt::Debug,
{
    /// Shows a value.
    #[api_error(message = "{value:?} in {name}")]
    Shown { value: T, name: &'a str },
    /// Wraps another error.
    #[api_error(transparent)]
    Wrapped(#[from] LocalsError),
}

/// Type and lifetime parameters named like the ones a derive adds to its
/// own impls (`S: Serializer`, `D: Deserializer<'de>`, `E`, `F`).
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 400)]
enum ParamNames<'de, 'a, S, D, E, F>
where
    S: ::core::fmt::Display,
    D: ::core::fmt::Debug,
{
    #[api_error(code = "params", message = "{s} {d:?} {borrowed} {de}")]
    Params {
        s: S,
        d: D,
        borrowed: &'a str,
        de: &'de str,
    },
    #[api_error(code = "phantom", message = "Phantom {0:?}")]
    Phantom(::core::marker::PhantomData<(E, F)>),
}

/// Format arguments, paths and pointers: a user's named arguments named
/// like the expansion's own (`__display0`, `__field0`, `__formatter`), and
/// fields named like the locals an argument could reach by mistake.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 400)]
enum ArgsError {
    #[api_error(
        code = "named_like_locals",
        message("{__display0} {__field0} {__formatter} {f} {0} {1:?}", __display0 = 1, __field0 = .1, __formatter = "x", f = .0.len())
    )]
    NamedLikeLocals(::std::string::String, u8),
    #[api_error(code = "positional", message("{} of {}", .count, .limit))]
    Positional { count: u32, limit: u32 },
    #[api_error(code = "path", message = "{file} at {at:p}")]
    Path {
        file: ::std::path::PathBuf,
        at: ::std::boxed::Box<u8>,
    },
}

/// `transparent` over a type parameter.
#[derive(::core::fmt::Debug, ApiError)]
enum Layered<E> {
    #[api_error(code = "layered", status = 400, message = "Layered")]
    Own,
    #[api_error(transparent)]
    Other(#[from] E),
}

/// A deprecated variant: the generated code that names it must not warn.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 410)]
enum WithDeprecated {
    #[deprecated = "use `New`"]
    #[api_error(code = "old", message = "Old {0}")]
    Old(u8),
    #[api_error(code = "new", message = "New")]
    New,
}

/// Headers and problem details: fields named like the expansion's locals
/// (`__headers`, `__value`), an optional and a generic field header, a
/// fixed header in ASCII and one in non-ASCII text, and a wrapped error's
/// headers forwarded.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(
    status = 429,
    format = "problem",
    type_base = "https://docs.example.com/errors"
)]
enum HeadersError<T: ::core::fmt::Display> {
    /// Slow down. Then retry.
    #[api_error(
        code = "rate_limited",
        message = "Retry in {__headers} s",
        header("cache-control", "no-store"),
        header("x-note", "café")
    )]
    RateLimited {
        #[header("retry-after")]
        __headers: u64,
        #[header("x-hint")]
        __value: ::core::option::Option<T>,
    },
    #[api_error(transparent)]
    Locals(#[from] LocalsError),
}

macro_rules! declare_error {
    ($name:ident, $status:literal, $code:literal, $case:literal, $field:ident) => {
        /// An error declared by a `macro_rules!`.
        #[derive(::core::fmt::Debug, ApiError)]
        #[api_error(status = $status, rename_all = $case)]
        enum $name {
            #[api_error(code = $code, message = "Declared by a macro")]
            Fixed,
            #[api_error(code = "from_macro_field", message = "Field {0}")]
            WithField(::std::string::String),
            #[api_error(code = "from_macro_named", message = "Named {name}")]
            Named { name: u8, $field: u8 },
            /// Code from `rename_all`.
            FromRenameAll,
        }
    };
}

declare_error!(MacroError, 404, "from_macro", "snake_case", f);

#[::core::prelude::v1::test]
fn fields_named_like_locals() {
    let err = LocalsError::Locals {
        f: ::std::string::ToString::to_string("f"),
        formatter: 1,
        __formatter: 2,
        serializer: 3,
        deserializer: 4,
        __serializer: 5,
        self_: 6,
        __self: 7,
        state: 8,
        __state: 9,
    };
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&err),
        "f 1 2 3 4 5 6 7 8 9"
    );
    ::std::assert_eq!(
        &err.to_json()[..],
        br#"{"status":400,"code":"locals","message":"f 1 2 3 4 5 6 7 8 9"}"#
    );
    ::std::assert_eq!(
        ::serde_json::to_string(&err).unwrap(),
        r#"{"status":400,"code":"locals","message":"f 1 2 3 4 5 6 7 8 9"}"#
    );

    let err = LocalsError::TupleLocals(::std::string::ToString::to_string("x"), 7);
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "x 7");

    let err = LocalsError::Unused {
        f: ::std::string::String::new(),
        body: 0,
        buf: 0,
        error: 0,
    };
    ::std::assert_eq!(
        err.static_body(),
        ::core::option::Option::Some(
            r#"{"status":400,"code":"unused","message":"Fields not in the message"}"#
        )
    );

    if let LocalsError::Unused {
        f,
        body,
        buf,
        error,
    } = &err
    {
        ::std::assert_eq!((f.len(), *body, *buf, *error), (0, 0, 0, 0));
    }

    let err = LocalsError::WithSource {
        source: ::std::io::Error::other("disk"),
        f: 0,
    };
    if let LocalsError::WithSource { f, .. } = &err {
        ::std::assert_eq!(*f, 0);
    }
    ::std::assert!(::std::error::Error::source(&err).is_some());
    ::std::assert_eq!(err.status().as_u16(), 500);

    let err: LocalsError = ::core::convert::From::from(::std::fmt::Error);
    ::std::assert_eq!(err.code(), "with_from");
}

#[::core::prelude::v1::test]
fn variants_named_like_prelude_items() {
    ::std::assert_eq!(PreludeVariants::Ok.code(), "ok");
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&PreludeVariants::Err(3)),
        "Err 3"
    );
    ::std::assert_eq!(PreludeVariants::Some.status().as_u16(), 409);
    ::std::assert_eq!(PreludeVariants::None.code(), "none");
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&PreludeVariants::Result { value: 1 }),
        "Result 1"
    );
    let body = ::error_catalog::ErrorBody::new(409, "err", "Err 5");
    ::std::assert!(::std::matches!(
        PreludeVariants::from_body(&body),
        ::core::result::Result::Ok(PreludeVariants::Err(5))
    ));
    let decoded: PreludeVariants =
        ::serde_json::from_str(r#"{"status":409,"code":"some","message":"Some"}"#).unwrap();
    ::std::assert!(::std::matches!(decoded, PreludeVariants::Some));
    ::std::assert_eq!(PreludeVariants::catalog().len(), 5);
}

#[::core::prelude::v1::test]
fn generics_without_a_prelude() {
    let name = ::std::string::ToString::to_string("n");
    let err: GenericError<'_, u8> = GenericError::Shown {
        value: 4,
        name: &name,
    };
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "4 in n");
    ::std::assert_eq!(err.code(), "shown");
    let err: GenericError<'_, u8> =
        ::core::convert::From::from(LocalsError::TupleLocals(::std::string::String::new(), 1));
    ::std::assert_eq!(err.code(), "tuple_locals");
}

#[::core::prelude::v1::test]
fn parameters_named_like_the_derives_own() {
    let err: ParamNames<'_, '_, u8, u8, (), ()> = ParamNames::Params {
        s: 1,
        d: 2,
        borrowed: "b",
        de: "de",
    };
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "1 2 b de");
    ::std::assert_eq!(
        ::serde_json::to_string(&err).unwrap(),
        r#"{"status":400,"code":"params","message":"1 2 b de"}"#
    );
    let body = r#"{"status":400,"code":"phantom","message":"Phantom PhantomData<((), ())>"}"#;
    let decoded: ::core::result::Result<ParamNames<'_, '_, u8, u8, (), ()>, _> =
        ::serde_json::from_str(body);
    ::std::assert!(
        decoded.is_err(),
        "a PhantomData field does not parse from text"
    );
    let phantom: ParamNames<'_, '_, u8, u8, (), ()> =
        ParamNames::Phantom(::core::marker::PhantomData);
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&phantom),
        "Phantom PhantomData<((), ())>"
    );
}

#[::core::prelude::v1::test]
fn a_deprecated_variant_does_not_warn() {
    ::std::assert_eq!(WithDeprecated::New.code(), "new");
    ::std::assert_eq!(WithDeprecated::catalog()[0].code, "old");
}

#[::core::prelude::v1::test]
fn an_enum_declared_inside_a_function() {
    #[derive(::core::fmt::Debug, ApiError)]
    #[api_error(status = 404)]
    enum Local {
        #[api_error(code = "local", message = "Local {0}")]
        Local(u8),
    }
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&Local::Local(1)),
        "Local 1"
    );
    ::std::assert_eq!(Local::catalog()[0].code, "local");
}

#[::core::prelude::v1::test]
fn an_enum_declared_by_a_macro() {
    ::std::assert_eq!(MacroError::Fixed.code(), "from_macro");
    ::std::assert_eq!(MacroError::Fixed.status().as_u16(), 404);
    ::std::assert_eq!(
        MacroError::Fixed.static_body(),
        ::core::option::Option::Some(
            r#"{"status":404,"code":"from_macro","message":"Declared by a macro"}"#
        )
    );
    let err = MacroError::WithField(::std::string::ToString::to_string("w"));
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "Field w");
    let err = MacroError::Named { name: 2, f: 3 };
    if let MacroError::Named { f, .. } = &err {
        ::std::assert_eq!(*f, 3);
    }
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "Named 2");
    ::std::assert_eq!(MacroError::catalog()[2].message, "Named {name}");
    ::std::assert_eq!(MacroError::FromRenameAll.code(), "from_rename_all");
}

#[::core::prelude::v1::test]
fn format_arguments_paths_and_pointers() {
    let err = ArgsError::NamedLikeLocals(::std::string::ToString::to_string("abc"), 7);
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "1 7 x 3 abc 7");
    let err = ArgsError::Positional { count: 2, limit: 3 };
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "2 of 3");
    ::std::assert_eq!(ArgsError::catalog()[1].message, "{} of {}");
    let at = ::std::boxed::Box::new(0u8);
    let expected = ::std::format!("/tmp/x at {:p}", at);
    let err = ArgsError::Path {
        file: ::std::convert::From::from("/tmp/x"),
        at,
    };
    ::std::assert_eq!(::std::string::ToString::to_string(&err), expected);
}

#[::core::prelude::v1::test]
fn transparent_over_a_type_parameter() {
    let err: Layered<ArgsError> =
        ::core::convert::From::from(ArgsError::Positional { count: 1, limit: 0 });
    ::std::assert_eq!(err.code(), "positional");
    ::std::assert_eq!(::std::string::ToString::to_string(&err), "1 of 0");
    ::std::assert_eq!(Layered::<ArgsError>::Own.code(), "layered");
    ::std::assert!(Layered::<ArgsError>::catalog()[1].is_transparent());
}

#[::core::prelude::v1::test]
fn headers_and_problem_details() {
    let err: HeadersError<u8> = HeadersError::RateLimited {
        __headers: 30,
        __value: ::core::option::Option::Some(7),
    };
    let response = err.to_response();
    ::std::assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    ::std::assert_eq!(response.headers()["retry-after"], "30");
    ::std::assert_eq!(response.headers()["x-hint"], "7");
    ::std::assert_eq!(response.headers()["cache-control"], "no-store");
    ::std::assert_eq!(response.headers()["x-note"].as_bytes(), "café".as_bytes());
    ::std::assert_eq!(
        &response.body()[..],
        br#"{"type":"https://docs.example.com/errors/rate_limited","title":"Slow down.","status":429,"detail":"Retry in 30 s","code":"rate_limited"}"#
    );
    ::std::assert_eq!(
        ::serde_json::to_vec(&err).unwrap(),
        response.body().to_vec()
    );
    ::std::assert_eq!(
        HeadersError::<u8>::catalog()[0].headers,
        ["cache-control", "x-note", "retry-after", "x-hint"]
    );
    let wrapped: HeadersError<u8> =
        ::core::convert::From::from(LocalsError::TupleLocals(::std::string::String::new(), 1));
    ::std::assert_eq!(wrapped.to_response().headers().len(), 1);
}
