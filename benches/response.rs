//! What an error response costs: the derived code beside the best hand-written
//! alternative, measured in the same run.
//!
//! ```text
//! cargo bench --bench response
//! ```
//!
//! Each comparison is a criterion group holding the derived call and its
//! hand-written alternatives. The groups run in several interleaved rounds
//! (`RESPONSE_BENCH_ROUNDS`, default 3); after each round the bench reads
//! criterion's median of every function, and at the end it prints, for each
//! comparison, the median over the rounds of the ratio derived / alternative.
//! A ratio below 1 means the derived code is faster.
//!
//! Every input goes through `black_box` inside the timed closure, the
//! hand-written `match`es included, so that no side is folded into a
//! constant that the other has to compute.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;
use criterion::Criterion;
use error_catalog::ApiError;
use error_catalog_examples::LicenseApiError;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};
use serde::Serialize;

/// A small service's errors: the derive on a three-variant enum.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Tiny {
    /// The resource does not exist.
    #[api_error(status = 404, code = "not_found", message = "Not found")]
    NotFound,
    /// The license key is not known.
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
    /// The server failed.
    #[api_error(status = 500, code = "internal_error", message = "Internal error")]
    Internal,
}

// ---------------------------------------------------------------------------
// The hand-written alternatives.
// ---------------------------------------------------------------------------

/// The errors of the hand-written service, with fixed messages.
#[derive(Clone, Copy)]
enum Hand {
    NotFound,
    LicenseNotFound,
    Internal,
}

/// The best hand-written response: a `match` to a status and a static body.
#[inline]
fn hand_static(err: Hand) -> Response<Bytes> {
    let (status, body): (StatusCode, &'static [u8]) = match err {
        Hand::NotFound => (
            StatusCode::NOT_FOUND,
            br#"{"status":404,"code":"not_found","message":"Not found"}"#,
        ),
        Hand::LicenseNotFound => (
            StatusCode::BAD_REQUEST,
            br#"{"status":400,"code":"license_not_found","message":"License not found"}"#,
        ),
        Hand::Internal => (
            StatusCode::INTERNAL_SERVER_ERROR,
            br#"{"status":500,"code":"internal_error","message":"Internal error"}"#,
        ),
    };
    let mut response = Response::new(Bytes::from_static(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The common hand-written response: the body built with `json!`.
#[inline]
fn hand_json_macro(err: Hand) -> Response<Bytes> {
    let (status, code, message) = match err {
        Hand::NotFound => (StatusCode::NOT_FOUND, "not_found", "Not found"),
        Hand::LicenseNotFound => (
            StatusCode::BAD_REQUEST,
            "license_not_found",
            "License not found",
        ),
        Hand::Internal => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Internal error",
        ),
    };
    let value = serde_json::json!({
        "status": status.as_u16(),
        "code": code,
        "message": message,
    });
    let body = serde_json::to_vec(&value).expect("a Value always serializes");
    let mut response = Response::new(Bytes::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A hand-written body type.
#[derive(Serialize)]
struct HandBody {
    status: u16,
    code: &'static str,
    message: String,
}

/// The hand-written templated response: `format!` the message, then
/// serialize a serde struct with `serde_json::to_vec`.
#[inline]
fn hand_serde(status: StatusCode, code: &'static str, message: String) -> Response<Bytes> {
    let body = HandBody {
        status: status.as_u16(),
        code,
        message,
    };
    let body = serde_json::to_vec(&body).expect("a struct of strings always serializes");
    let mut response = Response::new(Bytes::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

// ---------------------------------------------------------------------------
// The comparisons.
// ---------------------------------------------------------------------------

/// One comparison: the group's name, the derived function's id, and for each
/// alternative its id and the target the ratio must meet (`ratio <= max`).
struct Comparison {
    group: &'static str,
    derived: &'static str,
    alternatives: &'static [(&'static str, f64, &'static str)],
}

const COMPARISONS: &[Comparison] = &[
    Comparison {
        group: "fixed_license_not_found",
        derived: "derive_to_response",
        alternatives: &[
            ("hand_static_match", 1.05, "<= 1.05"),
            ("hand_json_macro", 0.2, "<= 0.20 (5x faster)"),
        ],
    },
    Comparison {
        group: "fixed_tiny_not_found",
        derived: "derive_to_response",
        alternatives: &[
            ("hand_static_match", 1.05, "<= 1.05"),
            ("hand_json_macro", 0.2, "<= 0.20 (5x faster)"),
        ],
    },
    Comparison {
        group: "templated_invalid_value",
        derived: "derive_to_response",
        alternatives: &[("hand_format_serde", 0.9, "<= 0.90")],
    },
    Comparison {
        group: "templated_validation",
        derived: "derive_to_response",
        alternatives: &[("hand_format_serde", 0.9, "<= 0.90")],
    },
    Comparison {
        group: "templated_tiny_license_not_found",
        derived: "derive_to_response",
        alternatives: &[("hand_format_serde", 0.9, "<= 0.90")],
    },
    Comparison {
        group: "to_json_fixed",
        derived: "derive_to_json",
        alternatives: &[("serde_json_to_vec", f64::NAN, "-")],
    },
    Comparison {
        group: "to_json_templated",
        derived: "derive_to_json",
        alternatives: &[("serde_json_to_vec", f64::NAN, "-")],
    },
];

const VALIDATION: &str = "license_key: must be a string of 16 to 32 characters";

fn invalid_value() -> LicenseApiError {
    LicenseApiError::InvalidValue {
        parameter: "hardware_id".into(),
        reason: "must not be empty".into(),
    }
}

/// Where the cases run: under criterion, or in a plain loop for a profiler.
trait Runner {
    fn case<O>(&mut self, group: &str, id: &str, f: impl FnMut() -> O);
}

/// Times each case with criterion, one group per comparison.
struct Timed<'a>(&'a mut Criterion);

impl Runner for Timed<'_> {
    fn case<O>(&mut self, group: &str, id: &str, mut f: impl FnMut() -> O) {
        self.0
            .benchmark_group(group)
            .bench_function(id, |b| b.iter(&mut f));
    }
}

/// Runs the one case named `group/id`, `iterations` times, and nothing else:
/// `RESPONSE_BENCH_PROFILE=group/id:iterations`, for callgrind's counts.
struct Profiled {
    name: String,
    iterations: u64,
    found: bool,
}

impl Runner for Profiled {
    fn case<O>(&mut self, group: &str, id: &str, mut f: impl FnMut() -> O) {
        if self.name == format!("{group}/{id}") {
            self.found = true;
            for _ in 0..self.iterations {
                black_box(f());
            }
        }
    }
}

fn run_round(r: &mut impl Runner) {
    {
        let group = "fixed_license_not_found";
        let err = LicenseApiError::LicenseNotFound;
        r.case(group, "derive_to_response", || {
            black_box(&err).to_response()
        });
        r.case(group, "hand_static_match", || {
            hand_static(black_box(Hand::LicenseNotFound))
        });
        r.case(group, "hand_json_macro", || {
            hand_json_macro(black_box(Hand::LicenseNotFound))
        });
    }
    {
        let group = "fixed_tiny_not_found";
        let err = Tiny::NotFound;
        r.case(group, "derive_to_response", || {
            black_box(&err).to_response()
        });
        r.case(group, "hand_static_match", || {
            hand_static(black_box(Hand::NotFound))
        });
        r.case(group, "hand_json_macro", || {
            hand_json_macro(black_box(Hand::NotFound))
        });
    }
    {
        let group = "templated_invalid_value";
        let err = invalid_value();
        let (parameter, reason) = ("hardware_id", "must not be empty");
        r.case(group, "derive_to_response", || {
            black_box(&err).to_response()
        });
        r.case(group, "hand_format_serde", || {
            let (parameter, reason) = black_box((parameter, reason));
            hand_serde(
                StatusCode::BAD_REQUEST,
                "invalid_value",
                format!("Invalid value for {parameter}: {reason}"),
            )
        });
    }
    {
        let group = "templated_validation";
        let err = LicenseApiError::Validation(VALIDATION.into());
        let detail = String::from(VALIDATION);
        r.case(group, "derive_to_response", || {
            black_box(&err).to_response()
        });
        r.case(group, "hand_format_serde", || {
            let detail: &String = black_box(&detail);
            hand_serde(
                StatusCode::BAD_REQUEST,
                "validation_error",
                format!("{detail}"),
            )
        });
    }
    {
        let group = "templated_tiny_license_not_found";
        let err = Tiny::LicenseNotFound { key: "K-1".into() };
        let key = String::from("K-1");
        r.case(group, "derive_to_response", || {
            black_box(&err).to_response()
        });
        r.case(group, "hand_format_serde", || {
            let key: &String = black_box(&key);
            hand_serde(
                StatusCode::BAD_REQUEST,
                "license_not_found",
                format!("License {key} not found"),
            )
        });
    }
    {
        let group = "to_json_fixed";
        let err = LicenseApiError::LicenseNotFound;
        r.case(group, "derive_to_json", || black_box(&err).to_json());
        r.case(group, "serde_json_to_vec", || {
            serde_json::to_vec(black_box(&err)).expect("serializes")
        });
    }
    {
        let group = "to_json_templated";
        let err = invalid_value();
        r.case(group, "derive_to_json", || black_box(&err).to_json());
        r.case(group, "serde_json_to_vec", || {
            serde_json::to_vec(black_box(&err)).expect("serializes")
        });
    }
}

/// Checks, before timing anything, that every side of a comparison sends the
/// same response, so that the figures compare equal work.
fn check_equal_work() {
    fn same(a: &Response<Bytes>, b: &Response<Bytes>, what: &str) {
        assert_eq!(a.status(), b.status(), "{what}: status");
        assert_eq!(a.headers(), b.headers(), "{what}: headers");
        if what.contains("json!") {
            // `json!` builds a map, which serde_json writes with its keys
            // sorted: the same JSON value, its members in another order.
            let parse = |body: &Bytes| serde_json::from_slice::<serde_json::Value>(body).unwrap();
            assert_eq!(parse(a.body()), parse(b.body()), "{what}: body");
            assert_eq!(a.body().len(), b.body().len(), "{what}: body length");
        } else {
            assert_eq!(a.body(), b.body(), "{what}: body");
        }
    }
    let derived = LicenseApiError::LicenseNotFound.to_response();
    same(&derived, &hand_static(Hand::LicenseNotFound), "static");
    same(&derived, &hand_json_macro(Hand::LicenseNotFound), "json!");
    let derived = Tiny::NotFound.to_response();
    same(&derived, &hand_static(Hand::NotFound), "tiny static");
    same(&derived, &hand_json_macro(Hand::NotFound), "tiny json!");
    let derived = Tiny::Internal.to_response();
    same(&derived, &hand_static(Hand::Internal), "tiny 500 static");
    same(&derived, &hand_json_macro(Hand::Internal), "tiny 500 json!");
    same(
        &invalid_value().to_response(),
        &hand_serde(
            StatusCode::BAD_REQUEST,
            "invalid_value",
            "Invalid value for hardware_id: must not be empty".into(),
        ),
        "invalid_value",
    );
    same(
        &LicenseApiError::Validation(VALIDATION.into()).to_response(),
        &hand_serde(
            StatusCode::BAD_REQUEST,
            "validation_error",
            VALIDATION.into(),
        ),
        "validation",
    );
    same(
        &Tiny::LicenseNotFound { key: "K-1".into() }.to_response(),
        &hand_serde(
            StatusCode::BAD_REQUEST,
            "license_not_found",
            "License K-1 not found".into(),
        ),
        "tiny templated",
    );
    for err in [LicenseApiError::LicenseNotFound, invalid_value()] {
        assert_eq!(err.to_json(), serde_json::to_vec(&err).unwrap(), "to_json");
    }
}

/// Where criterion writes its estimates: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else the `criterion` folder of the target
/// directory that holds this executable (`target/release/deps/response-*`).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let exe = std::env::current_exe().expect("the bench knows its own path");
    exe.ancestors()
        .nth(3)
        .map(|target| target.join("criterion"))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Criterion's median for `group/function` in nanoseconds, when it was
/// written since `since` (a function left out by a filter has none).
fn median_ns(
    home: &std::path::Path,
    group: &str,
    function: &str,
    since: std::time::SystemTime,
) -> Option<f64> {
    let path = home
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let text = std::fs::read(&path).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn main() {
    check_equal_work();
    if let Ok(spec) = std::env::var("RESPONSE_BENCH_PROFILE") {
        let (name, iterations) = spec.rsplit_once(':').unwrap_or((&spec, "100000"));
        let mut profiled = Profiled {
            name: name.to_owned(),
            iterations: iterations.parse().expect("iterations: a number"),
            found: false,
        };
        run_round(&mut profiled);
        assert!(profiled.found, "no case named {name}");
        return;
    }
    let rounds: usize = std::env::var("RESPONSE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let home = criterion_home();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args();

    // ratios[comparison][alternative] = one ratio per round; times likewise.
    let mut ratios: Vec<Vec<Vec<f64>>> = COMPARISONS
        .iter()
        .map(|cmp| vec![Vec::new(); cmp.alternatives.len()])
        .collect();
    let mut derived_ns: Vec<Vec<f64>> = vec![Vec::new(); COMPARISONS.len()];
    let mut alt_ns: Vec<Vec<Vec<f64>>> = ratios.clone();
    for round in 1..=rounds {
        eprintln!("\n=== round {round} of {rounds} ===");
        let since = std::time::SystemTime::now();
        run_round(&mut Timed(&mut c));
        for (i, cmp) in COMPARISONS.iter().enumerate() {
            let Some(d) = median_ns(&home, cmp.group, cmp.derived, since) else {
                continue;
            };
            derived_ns[i].push(d);
            for (j, (alt, _, _)) in cmp.alternatives.iter().enumerate() {
                if let Some(a) = median_ns(&home, cmp.group, alt, since) {
                    alt_ns[i][j].push(a);
                    ratios[i][j].push(d / a);
                }
            }
        }
    }
    c.final_summary();

    println!();
    println!(
        "Median over {rounds} round(s) of criterion's median time; ratio = derived / alternative."
    );
    println!();
    println!(
        "| comparison | derived (ns) | alternative | alternative (ns) | ratio | target | met |"
    );
    println!("| --- | ---: | --- | ---: | ---: | --- | --- |");
    for (i, cmp) in COMPARISONS.iter().enumerate() {
        for (j, (alt, max, target)) in cmp.alternatives.iter().enumerate() {
            if ratios[i][j].is_empty() {
                continue;
            }
            let ratio = median(&mut ratios[i][j]);
            let met = if max.is_nan() {
                "-"
            } else if ratio <= *max {
                "yes"
            } else {
                "NO"
            };
            println!(
                "| {} {} | {:.1} | {} | {:.1} | {:.3} | {} | {} |",
                cmp.group,
                cmp.derived,
                median(&mut derived_ns[i].clone()),
                alt,
                median(&mut alt_ns[i][j]),
                ratio,
                target,
                met,
            );
        }
    }
}
