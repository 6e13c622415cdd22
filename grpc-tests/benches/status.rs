//! What a gRPC status costs: `err.to_status()` beside the hand-written
//! `Status::with_error_details` that builds the same status, measured in the
//! same run; and `decode_status` beside a hand-written read of the
//! `ErrorInfo`.
//!
//! ```text
//! cargo bench -p error-catalog-grpc-tests --bench status
//! ```
//!
//! Two measures: criterion, over every function (its report is in
//! `target/criterion/status/`); and paired batches (`STATUS_BENCH_PAIRS`
//! passes, default 201, 0 to skip; `STATUS_BENCH_ONLY=decode` for some
//! comparisons only), each case of a comparison running one batch of the
//! same size in turn, each pass giving one ratio, the table showing their
//! median: the steadier figure on a shared machine. A ratio below 1 means
//! the derived code is faster. Every input goes through `black_box` inside
//! the timed closure.
//!
//! `STATUS_BENCH_PROFILE=build/fixed/to_status:N` runs one case `N` times
//! and nothing else, for `valgrind --tool=callgrind`, whose instruction
//! counts repeat exactly.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use error_catalog::{decode_status, ApiError};
use error_catalog_examples::LicenseApiError;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

// ---------------------------------------------------------------------------
// The hand-written alternatives: what a service writes without the derive.
// ---------------------------------------------------------------------------

fn hand_fixed() -> Status {
    Status::with_error_details(
        Code::InvalidArgument,
        "License not found",
        ErrorDetails::with_error_info(
            "LICENSE_NOT_FOUND",
            "error-catalog-examples",
            HashMap::new(),
        ),
    )
}

fn hand_templated(parameter: &str, reason: &str) -> Status {
    let mut metadata = HashMap::with_capacity(2);
    metadata.insert("parameter".to_owned(), parameter.to_owned());
    metadata.insert("reason".to_owned(), reason.to_owned());
    Status::with_error_details(
        Code::InvalidArgument,
        format!("Invalid value for {parameter}: {reason}"),
        ErrorDetails::with_error_info("INVALID_VALUE", "error-catalog-examples", metadata),
    )
}

/// A client without the derive: the reason picks the variant, the metadata
/// fills its fields.
fn hand_decode(status: &Status) -> Option<LicenseApiError> {
    let info = status.get_details_error_info()?;
    match info.reason.as_str() {
        "LICENSE_NOT_FOUND" => Some(LicenseApiError::LicenseNotFound),
        "INVALID_VALUE" => {
            let mut metadata = info.metadata;
            Some(LicenseApiError::InvalidValue {
                parameter: metadata.remove("parameter")?,
                reason: metadata.remove("reason")?,
            })
        }
        _ => None,
    }
}

fn templated() -> LicenseApiError {
    LicenseApiError::InvalidValue {
        parameter: "hardware_id".into(),
        reason: "must not be empty".into(),
    }
}

type Case = (&'static str, Box<dyn Fn()>);

/// Each comparison: the derived case first, then its alternative.
fn comparisons() -> Vec<(&'static str, Vec<Case>)> {
    let fixed_status = LicenseApiError::LicenseNotFound.to_status();
    let templated_status = templated().to_status();
    vec![
        (
            "build/fixed",
            vec![
                (
                    "to_status",
                    Box::new(|| {
                        black_box(black_box(LicenseApiError::LicenseNotFound).to_status());
                    }) as Box<dyn Fn()>,
                ),
                (
                    "with_error_details",
                    Box::new(|| {
                        black_box(hand_fixed());
                    }),
                ),
            ],
        ),
        (
            "build/templated",
            vec![
                (
                    "to_status",
                    Box::new(|| {
                        black_box(black_box(templated()).to_status());
                    }),
                ),
                (
                    "with_error_details",
                    Box::new(|| {
                        black_box(hand_templated(
                            black_box("hardware_id"),
                            black_box("must not be empty"),
                        ));
                    }),
                ),
            ],
        ),
        (
            "decode/fixed",
            vec![
                (
                    "decode_status",
                    Box::new({
                        let status = fixed_status.clone();
                        move || {
                            black_box(decode_status::<LicenseApiError>(black_box(&status)).ok());
                        }
                    }),
                ),
                (
                    "get_details_error_info",
                    Box::new({
                        let status = fixed_status;
                        move || {
                            black_box(hand_decode(black_box(&status)));
                        }
                    }),
                ),
            ],
        ),
        (
            "decode/templated",
            vec![
                (
                    "decode_status",
                    Box::new({
                        let status = templated_status.clone();
                        move || {
                            black_box(decode_status::<LicenseApiError>(black_box(&status)).ok());
                        }
                    }),
                ),
                (
                    "get_details_error_info",
                    Box::new({
                        let status = templated_status;
                        move || {
                            black_box(hand_decode(black_box(&status)));
                        }
                    }),
                ),
            ],
        ),
    ]
}

/// Nanoseconds per call of one batch of `n` calls.
fn batch(case: &dyn Fn(), n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        case();
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // Both decoders must agree before either is timed.
    for status in [
        LicenseApiError::LicenseNotFound.to_status(),
        templated().to_status(),
    ] {
        let derived = decode_status::<LicenseApiError>(&status).unwrap();
        let hand = hand_decode(&status).unwrap();
        assert_eq!(
            format!("{:?}", derived.typed().unwrap()),
            format!("{hand:?}")
        );
    }

    // `STATUS_BENCH_PROFILE=build/fixed/to_status:N`: that one case, `N`
    // times, and nothing else, for `valgrind --tool=callgrind`.
    if let Ok(profile) = std::env::var("STATUS_BENCH_PROFILE") {
        let (name, n) = profile.rsplit_once(':').expect("group/function:N");
        let n: u32 = n.parse().expect("a count");
        let (group, function) = name.rsplit_once('/').expect("group/function");
        let comparisons = comparisons();
        let (_, case) = comparisons
            .iter()
            .filter(|(g, _)| *g == group)
            .flat_map(|(_, cases)| cases)
            .find(|(f, _)| *f == function)
            .expect("a case of the bench");
        batch(&**case, n);
        return;
    }

    // Criterion reads its own arguments (a filter among them); the paired
    // batches read `STATUS_BENCH_ONLY`, a part of a comparison's name.
    let only = std::env::var("STATUS_BENCH_ONLY").ok();
    let comparisons: Vec<_> = comparisons()
        .into_iter()
        .filter(|(group, _)| only.as_deref().is_none_or(|f| group.contains(f)))
        .collect();

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for (group, cases) in &comparisons {
        let mut g = criterion.benchmark_group(format!("status/{group}"));
        for (name, case) in cases {
            g.bench_function(*name, |b| b.iter(case));
        }
        g.finish();
    }

    let pairs: usize = std::env::var("STATUS_BENCH_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(201);
    if pairs == 0 {
        return;
    }
    println!("\nPaired batches: median over {pairs} passes; ratio = derived / hand-written.");
    println!("| comparison | derived | ns/call | hand-written | ns/call | ratio |");
    println!("| --- | --- | ---: | --- | ---: | ---: |");
    for (group, cases) in &comparisons {
        let n = 2_000;
        let (derived, hand) = (&cases[0], &cases[1]);
        let (mut d, mut h, mut r) = (Vec::new(), Vec::new(), Vec::new());
        for pass in 0..pairs {
            // Alternate which runs first.
            let (a, b) = if pass % 2 == 0 {
                let a = batch(&*derived.1, n);
                (a, batch(&*hand.1, n))
            } else {
                let b = batch(&*hand.1, n);
                (batch(&*derived.1, n), b)
            };
            d.push(a);
            h.push(b);
            r.push(a / b);
        }
        println!(
            "| {group} | `{}` | {:.0} | `{}` | {:.0} | {:.2} |",
            derived.0,
            median(d),
            hand.0,
            median(h),
            median(r)
        );
    }
}
