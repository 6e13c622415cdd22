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
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
