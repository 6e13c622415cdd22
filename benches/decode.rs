//! Decoding a received error body: into the derived enum (strict
//! `Deserialize` and the lenient `error_catalog::decode`), against serde into
//! a plain struct with the same three fields.
//!
//! ```text
//! cargo bench --bench decode
//! ```
//!
//! Two bodies: a unit variant (`license_expired`, a fixed message) and a
//! templated one (`invalid_value`, "Invalid value for {parameter}: {reason}",
//! two fields split out of the message and checked by a round trip).

use std::borrow::Cow;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use error_catalog::{decode, ApiError, ErrorBody};
use error_catalog_examples::LicenseApiError;
use http::StatusCode;
use serde::Deserialize;

/// The baseline: what a client without the catalog would write.
#[derive(Deserialize)]
#[allow(dead_code)] // read by the benchmark only through black_box
struct Plain {
    status: u16,
    code: String,
    message: String,
}

/// The plain struct, borrowing its strings from the input where it can: what
/// the enum's decode would cost if it did not copy the code and the message
/// into an owned `ErrorBody` first.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Borrowed<'a> {
    status: u16,
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
}

fn bodies() -> [(&'static str, bytes::Bytes); 2] {
    let unit = LicenseApiError::LicenseExpired.to_json();
    let templated = LicenseApiError::InvalidValue {
        parameter: "hardware_id".into(),
        reason: "must be at most 64 characters".into(),
    }
    .to_json();
    [("unit", unit), ("templated", templated)]
}

fn bench(c: &mut Criterion) {
    let status = StatusCode::BAD_REQUEST;
    for (name, body) in bodies() {
        // Every path decodes what it should, before it is measured.
        let plain: Plain = serde_json::from_slice(&body).unwrap();
        let strict: LicenseApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(strict.code(), plain.code);
        assert!(decode::<LicenseApiError>(status, &body).unwrap().is_typed());

        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.bench_function("plain struct", |b| {
            b.iter(|| serde_json::from_slice::<Plain>(black_box(&body)).unwrap())
        });
        group.bench_function("ErrorBody", |b| {
            b.iter(|| serde_json::from_slice::<ErrorBody>(black_box(&body)).unwrap())
        });
        group.bench_function("enum Deserialize", |b| {
            b.iter(|| serde_json::from_slice::<LicenseApiError>(black_box(&body)).unwrap())
        });
        group.bench_function("error_catalog::decode", |b| {
            b.iter(|| decode::<LicenseApiError>(black_box(status), black_box(&body)).unwrap())
        });
        // The parts of the enum decode: the body is parsed, then rebuilt.
        let parsed: ErrorBody = serde_json::from_slice(&body).unwrap();
        group.bench_function("from_body only", |b| {
            b.iter(|| LicenseApiError::from_body(black_box(&parsed)).unwrap())
        });
        group.bench_function("borrowed struct", |b| {
            b.iter(|| serde_json::from_slice::<Borrowed>(black_box(&body)).unwrap())
        });
        group.finish();
    }

    // Where the time of a templated rebuild goes: the steps of the
    // generated `from_body` for `InvalidValue`, one by one.
    let message = "Invalid value for hardware_id: must be at most 64 characters";
    let literals = ["Invalid value for ", ": ", ""];
    let mut group = c.benchmark_group("decode/templated steps");
    group.bench_function("split_template", |b| {
        b.iter(|| {
            error_catalog::__private::split_template::<2>(black_box(message), &literals).unwrap()
        })
    });
    let [parameter, reason] =
        error_catalog::__private::split_template::<2>(message, &literals).unwrap();
    group.bench_function("fields to String", |b| {
        b.iter(|| {
            (
                black_box(parameter).to_owned(),
                black_box(reason).to_owned(),
            )
        })
    });
    let value = LicenseApiError::InvalidValue {
        parameter: parameter.to_owned(),
        reason: reason.to_owned(),
    };
    group.bench_function("displays_as", |b| {
        b.iter(|| error_catalog::__private::displays_as(black_box(&value), black_box(message)))
    });
    group.bench_function("drop value", |b| {
        b.iter_batched(
            || LicenseApiError::InvalidValue {
                parameter: parameter.to_owned(),
                reason: reason.to_owned(),
            },
            drop,
            criterion::BatchSize::SmallInput,
        )
    });
    // The code lookup: the first and the last code of the catalog.
    for code in ["not_found", "notification_sending_error"] {
        let body = ErrorBody::new(400, code, "x");
        group.bench_function(format!("from_body {code}"), |b| {
            b.iter(|| LicenseApiError::from_body(black_box(&body)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
