//! The gRPC parts of the expansion (`__grpc_domain`, `__visit_fields`,
//! `__from_metadata`, the catalog's `grpc` code, `From<E> for tonic::Status`)
//! are hygienic: they compile with no prelude, beside user items named like
//! the prelude's and like the crates they use, with fields named like their
//! locals, for an enum declared by a `macro_rules!`, and without a warning.
#![no_implicit_prelude]
#![deny(warnings, unused_qualifications, rust_2018_idioms)]
#![forbid(unsafe_code)]

use ::error_catalog::ApiError;

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Some;
#[allow(dead_code)]
struct None;
#[allow(dead_code)]
struct String;
#[allow(dead_code)]
trait Display {}
#[allow(dead_code)]
trait FnMut {}
#[allow(dead_code)]
mod core {}
#[allow(dead_code)]
mod tonic {
    pub struct Status;
}
#[allow(dead_code)]
mod error_catalog {}

/// Fields named like the expansion's locals.
#[derive(::core::fmt::Debug, ApiError)]
#[api_error(status = 400, domain = "hygiene.example.com")]
enum LocalsError {
    #[api_error(
        code = "locals",
        message = "{__visit} {__info} {__code} {__inner} {visit} {info} {key}",
        grpc = "failed_precondition"
    )]
    Locals {
        __visit: ::std::string::String,
        __info: u8,
        __code: u8,
        __inner: u8,
        visit: u8,
        info: u8,
        key: u8,
    },
    #[api_error(code = "debug", message = "{0:?} {1:x}")]
    Debug(u8, u8),
    #[api_error(status = 500, code = "failed", message = "Failed {f}")]
    Failed {
        f: u8,
        #[source]
        source: ::std::io::Error,
    },
}

/// A generic enum wrapping another.
#[derive(::core::fmt::Debug, ApiError)]
enum Outer<T: ::core::fmt::Display> {
    #[api_error(status = 404, code = "missing", message = "Missing {0}")]
    Missing(T),
    #[api_error(transparent)]
    Inner(#[from] LocalsError),
}

macro_rules! declare_error {
    ($name:ident, $domain:literal, $grpc:literal) => {
        /// An error declared by a `macro_rules!`.
        #[derive(::core::fmt::Debug, ApiError)]
        #[api_error(status = 409, domain = $domain)]
        enum $name {
            #[api_error(code = "declared", message = "Declared {0}", grpc = $grpc)]
            Declared(u8),
        }
    };
}

declare_error!(MacroError, "macro.example.com", "aborted");

#[::core::prelude::v1::test]
fn the_grpc_expansion_is_hygienic() {
    let error = LocalsError::Locals {
        __visit: ::std::string::ToString::to_string("a"),
        __info: 1,
        __code: 2,
        __inner: 3,
        visit: 4,
        info: 5,
        key: 6,
    };
    let status: ::tonic::Status = ::core::convert::From::from(error);
    ::core::assert_eq!(status.code(), ::tonic::Code::FailedPrecondition);
    let received = ::error_catalog::decode_status::<LocalsError>(&status).unwrap();
    ::core::assert!(::core::matches!(
        received.typed(),
        ::core::option::Option::Some(LocalsError::Locals {
            __visit,
            __info: 1,
            __code: 2,
            __inner: 3,
            visit: 4,
            info: 5,
            key: 6,
        }) if __visit == "a"
    ));

    let info = LocalsError::Debug(7, 255).to_rpc_status().error_info;
    ::core::assert_eq!(info.get("0"), ::core::option::Option::Some("7"));
    ::core::assert_eq!(info.get("1"), ::core::option::Option::Some("ff"));

    let info = LocalsError::Failed {
        f: 1,
        source: ::std::io::Error::other("secret"),
    }
    .to_rpc_status()
    .error_info;
    ::core::assert_eq!(info.metadata.len(), 1);

    let outer: Outer<u8> = Outer::Inner(LocalsError::Debug(1, 2));
    let info = outer.to_rpc_status().error_info;
    ::core::assert_eq!(info.reason, "DEBUG");
    ::core::assert_eq!(info.domain, "error-catalog-grpc-tests");
    ::core::assert_eq!(
        Outer::Missing(3u8).to_rpc_status().error_info.get("0"),
        ::core::option::Option::Some("3")
    );

    let status = MacroError::Declared(1).to_status();
    ::core::assert_eq!(status.code(), ::tonic::Code::Aborted);
    ::core::assert_eq!(
        MacroError::Declared(1).to_rpc_status().error_info.domain,
        "macro.example.com"
    );
}
