//! The `ErrorInfo` the derive makes, rule by rule: the metadata holds each
//! field that the message names and only those, keyed by name or position,
//! formatted as its first placeholder formats it; the domain is the enum's
//! or the package's; a `transparent` variant is its wrapped error; and a
//! client rebuilds each variant from the metadata's values. Each status goes
//! through a real server and client.

use std::collections::BTreeMap;

use error_catalog::{decode_status, ApiError, ReceivedKind};
use error_catalog_grpc_tests::{connect, request, serve};
use tonic_types::StatusExt;

/// A struct whose `Display` and `Debug` differ.
#[derive(Debug, Clone, PartialEq)]
struct Sku(u32);

impl std::fmt::Display for Sku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SKU-{}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    /// Named fields, one of them not in the message.
    #[api_error(code = "order_closed", message = "Order {order} is closed")]
    Closed {
        order: String,
        internal_note: String,
    },
    /// Tuple fields by position, `{}` and `{1}` alike, the first twice.
    #[api_error(
        code = "quantity_too_large",
        message = "Quantity {} exceeds {1} ({0} asked)"
    )]
    QuantityTooLarge(u32, u32),
    /// Debug, a spec, a width argument, a raw identifier.
    #[api_error(code = "bad_line", message = "Line {sku:?}: {price:>8.2} {r#type:w$}")]
    BadLine {
        sku: Sku,
        price: f64,
        r#type: String,
        w: usize,
    },
    /// Adjacent placeholders: only the metadata can give them back.
    #[api_error(code = "bad_code", message = "{prefix}{number}")]
    BadCode { prefix: String, number: u32 },
    #[api_error(code = "order_missing", message = "No such order")]
    Missing,
}

/// The domain, set; and a wrapped error from a package-named enum.
#[derive(Debug, ApiError)]
#[api_error(domain = "shop.example.com")]
enum ShopError {
    #[api_error(transparent)]
    Order(#[from] OrderError),
    #[api_error(
        status = 409,
        code = "cart_taken",
        message = "Cart {0} is taken",
        grpc = "aborted"
    )]
    CartTaken(u64),
}

fn metadata(status: &tonic::Status) -> BTreeMap<String, String> {
    let info = status.get_details_error_info().expect("an ErrorInfo");
    info.metadata.into_iter().collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn errors() -> Vec<ShopError> {
    vec![
        ShopError::Order(OrderError::Closed {
            order: "O-7".into(),
            internal_note: "customer is rude".into(),
        }),
        ShopError::Order(OrderError::QuantityTooLarge(9, 5)),
        ShopError::Order(OrderError::BadLine {
            sku: Sku(12),
            price: 19.987,
            r#type: "gift".into(),
            w: 6,
        }),
        ShopError::Order(OrderError::BadCode {
            prefix: "AB12".into(),
            number: 34,
        }),
        ShopError::Order(OrderError::Missing),
        ShopError::CartTaken(77),
    ]
}

#[tokio::test]
async fn metadata_holds_what_the_message_names() {
    let addr = serve(|request| {
        let index: usize = request.license_key.parse().unwrap();
        Err(errors().swap_remove(index).into())
    })
    .await;
    let mut client = connect(addr).await;
    let expected = [
        ("ORDER_CLOSED", map(&[("order", "O-7")])),
        ("QUANTITY_TOO_LARGE", map(&[("0", "9"), ("1", "5")])),
        (
            "BAD_LINE",
            // Debug for `{sku:?}`; no width or precision; `w` is named too.
            map(&[
                ("sku", "Sku(12)"),
                ("price", "19.987"),
                ("type", "gift"),
                ("w", "6"),
            ]),
        ),
        ("BAD_CODE", map(&[("prefix", "AB12"), ("number", "34")])),
        ("ORDER_MISSING", map(&[])),
        ("CART_TAKEN", map(&[("0", "77")])),
    ];
    for (index, (error, (reason, expected))) in errors().iter().zip(expected).enumerate() {
        let status = client
            .check_license(request(&index.to_string()))
            .await
            .unwrap_err();
        let info = status.get_details_error_info().unwrap();
        assert_eq!(info.reason, reason);
        // The outer enum's domain, for its own and its wrapped errors.
        assert_eq!(info.domain, "shop.example.com");
        assert_eq!(metadata(&status), expected, "{reason}");
        assert_eq!(status.message(), error.to_string());

        let received = decode_status::<ShopError>(&status).unwrap();
        assert_eq!(received.status_mismatch(), None, "{reason}");
        let received = received.into_kind();
        match (error, received) {
            (ShopError::Order(OrderError::Closed { .. }), ReceivedKind::Known(spec)) => {
                // `internal_note` is in no message: it cannot come back.
                assert_eq!(spec.variant, "Closed");
            }
            (ShopError::Order(OrderError::BadLine { .. }), ReceivedKind::Known(spec)) => {
                // `{sku:?}` and `{price:>8.2}` give no value back.
                assert_eq!(spec.variant, "BadLine");
            }
            (ShopError::Order(sent), ReceivedKind::Typed(ShopError::Order(back))) => {
                assert_eq!(&back, sent)
            }
            (ShopError::CartTaken(sent), ReceivedKind::Typed(ShopError::CartTaken(back))) => {
                assert_eq!(back, *sent)
            }
            (sent, received) => panic!("{sent:?} came back as {received:?}"),
        }
    }
    assert_eq!(
        errors()[5].to_status().code(),
        tonic::Code::Aborted,
        "grpc = \"aborted\" over status 409"
    );
}

#[test]
fn the_default_domain_is_the_package_that_declares_the_enum() {
    let info = OrderError::Missing.to_rpc_status().error_info;
    assert_eq!(info.domain, env!("CARGO_PKG_NAME"));
    assert_eq!(info.domain, "error-catalog-grpc-tests");
    let info = error_catalog_examples::LicenseApiError::NotFound
        .to_rpc_status()
        .error_info;
    assert_eq!(info.domain, "error-catalog-examples");
}

#[test]
fn a_value_that_does_not_display_as_received_is_not_rebuilt() {
    use error_catalog::grpc::Code;
    use tonic_types::{ErrorDetails, StatusExt};
    // `09` parses as 9, which displays `9`: not what was sent.
    let status = tonic::Status::with_error_details(
        tonic::Code::InvalidArgument,
        "AB09",
        ErrorDetails::with_error_info(
            "BAD_CODE",
            "shop.example.com",
            [
                ("prefix".to_owned(), "AB".to_owned()),
                ("number".to_owned(), "09".to_owned()),
            ],
        ),
    );
    let received = decode_status::<OrderError>(&status).unwrap();
    assert!(matches!(received.kind(), ReceivedKind::Known(spec) if spec.variant == "BadCode"));
    assert_eq!(received.grpc_code(), Some(Code::InvalidArgument));
}

/// A generic enum: bounds for the metadata come with the message's.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 404)]
enum Lookup<K> {
    #[api_error(code = "key_not_found", message = "Key {0} not found")]
    NotFound(K),
}

#[test]
fn a_generic_field_is_metadata_too() {
    let status = Lookup::NotFound(42u64).to_status();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(metadata(&status), map(&[("0", "42")]));
    // As for an HTTP body, a field of a generic type is parsed only where
    // the impl's bounds say `K: FromStr`, which the derive does not add:
    // the code is known, the variant is not rebuilt.
    let received = decode_status::<Lookup<u64>>(&status).unwrap();
    assert!(matches!(received.kind(), ReceivedKind::Known(spec) if spec.variant == "NotFound"));
    let error = Lookup::NotFound(42u64);
    let http = error_catalog::decode::<Lookup<u64>>(error.status(), &error.to_json()).unwrap();
    assert!(http.is_known() && !http.is_typed());
}

/// Fields as the message shows them: a path by its `.display()`, a `{:p}`
/// by the pointer it holds; a format argument is not a field the message
/// names, so it sends nothing.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Shown {
    #[api_error(code = "unreadable", message = "failed to read '{file}'")]
    Unreadable { file: std::path::PathBuf },
    #[api_error(code = "at", message = "at {0:p}")]
    At(Box<i32>),
    #[api_error(code = "missing", message("Missing: {}", .names.join(", ")))]
    Missing { names: Vec<String> },
}

#[test]
fn metadata_shows_fields_as_the_message_does() {
    let status = Shown::Unreadable {
        file: "/var/lib/licenses.db".into(),
    }
    .to_status();
    assert_eq!(metadata(&status), map(&[("file", "/var/lib/licenses.db")]));

    let boxed = Box::new(7);
    let expected = format!("{boxed:p}");
    let status = Shown::At(boxed).to_status();
    assert_eq!(metadata(&status), map(&[("0", expected.as_str())]));

    let status = Shown::Missing {
        names: vec!["key".into(), "product".into()],
    }
    .to_status();
    assert_eq!(status.message(), "Missing: key, product");
    assert_eq!(metadata(&status), map(&[]));
}
