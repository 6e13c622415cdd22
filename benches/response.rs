//! What an error response costs: the derived code beside the best hand-written
//! alternative, measured in the same run.
//!
//! ```text
//! cargo bench --bench response
//! ```
//!
//! Each comparison is a group holding the derived call and its hand-written
//! alternatives, and is measured two ways in the same run:
//!
//! - criterion, over every group, in several rounds
//!   (`RESPONSE_BENCH_ROUNDS`, default 3, 0 to skip); after each round the
//!   bench reads criterion's median of every function; the table shows, for
//!   each alternative, the median over the rounds of derived / alternative;
//! - paired batches (`RESPONSE_BENCH_PAIRS` passes, default 301, 0 to
//!   skip): each case of a group runs a batch of the same number of
//!   iterations, in rotating order, and each pass gives one ratio; the table
//!   shows their median. On a shared machine this is the steadier figure.
//!
//! A ratio below 1 means the derived code is faster. With
//! `RESPONSE_BENCH_PROFILE=group/function:N` the bench runs that one case
//! `N` times and nothing else, for `valgrind --tool=callgrind` (see
//! BENCHMARKS.md).
//!
//! Every input goes through `black_box` inside the timed closure, the
//! hand-written `match`es included, so that no side is folded into a
//! constant that the other has to compute.

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use criterion::Criterion;
use error_catalog::ApiError;
use error_catalog_examples::LicenseApiError;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};
use serde::Serialize;
use support::{criterion_home, median, median_ns};

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
    /// Fixed headers beside a fixed message.
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "Bearer realm=\"licenses\""),
        header("cache-control", "no-store")
    )]
    Unauthorized,
}

/// The same service's errors, sent as RFC 9457 problem details.
#[derive(Debug, ApiError)]
#[api_error(
    status = 400,
    format = "problem",
    type_base = "https://docs.example.com/errors/"
)]
enum TinyProblem {
    /// The license has expired.
    #[api_error(code = "license_expired", message = "The license has expired")]
    LicenseExpired,
    /// The license key is not known.
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
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

/// The best hand-written response with headers: the static response, and
/// each header from `HeaderValue::from_static`.
#[inline]
fn hand_static_with_headers() -> Response<Bytes> {
    use http::header::{CACHE_CONTROL, WWW_AUTHENTICATE};
    let mut response = Response::new(Bytes::from_static(
        br#"{"status":401,"code":"authentication_failure","message":"Authentication failed"}"#,
    ));
    *response.status_mut() = StatusCode::UNAUTHORIZED;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"licenses\""),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A hand-written problem details body: the same members, in the same
/// order, as a serde struct.
#[derive(Serialize)]
struct HandProblem {
    #[serde(rename = "type")]
    problem_type: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    code: &'static str,
}

/// The hand-written problem body: `format!` the detail (for a fixed one,
/// `to_owned`), then `serde_json::to_vec`.
#[inline]
fn hand_problem(
    code: &'static str,
    problem_type: &'static str,
    title: &'static str,
    detail: String,
) -> Vec<u8> {
    let body = HandProblem {
        problem_type,
        title,
        status: 400,
        detail,
        code,
    };
    serde_json::to_vec(&body).expect("a struct of strings always serializes")
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

/// One measured function: `timer(n)` runs it `n` times and returns the time
/// it took. Boxed so that a group's cases can be interleaved; the dynamic
/// call happens once a batch, not once an iteration.
struct Case<'a> {
    id: &'static str,
    timer: Box<dyn FnMut(u64) -> Duration + 'a>,
}

fn case<'a, O>(id: &'static str, mut f: impl FnMut() -> O + 'a) -> Case<'a> {
    Case {
        id,
        timer: Box::new(move |n| {
            let start = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            start.elapsed()
        }),
    }
}

/// One comparison: the derived call first, then its alternatives, each with
/// the target that `derived / alternative` must meet (`NaN`: none).
struct Group<'a> {
    name: &'static str,
    cases: Vec<Case<'a>>,
    targets: Vec<(f64, &'static str)>,
}

const FIXED: [(f64, &str); 2] = [(1.05, "<= 1.05"), (0.2, "<= 0.20 (5x faster)")];
const TEMPLATED: [(f64, &str); 1] = [(0.9, "<= 0.90")];
const NONE: [(f64, &str); 1] = [(f64::NAN, "-")];

const VALIDATION: &str = "license_key: must be a string of 16 to 32 characters";

fn invalid_value() -> LicenseApiError {
    LicenseApiError::InvalidValue {
        parameter: "hardware_id".into(),
        reason: "must not be empty".into(),
    }
}

/// What the cases read, built once, outside every measure.
struct Inputs {
    license_not_found: LicenseApiError,
    tiny_not_found: Tiny,
    invalid_value: LicenseApiError,
    validation: LicenseApiError,
    validation_detail: String,
    tiny_templated: Tiny,
    tiny_key: String,
    tiny_unauthorized: Tiny,
    problem_fixed: TinyProblem,
    problem_templated: TinyProblem,
}

impl Inputs {
    fn new() -> Self {
        Inputs {
            license_not_found: LicenseApiError::LicenseNotFound,
            tiny_not_found: Tiny::NotFound,
            invalid_value: invalid_value(),
            validation: LicenseApiError::Validation(VALIDATION.into()),
            validation_detail: VALIDATION.into(),
            tiny_templated: Tiny::LicenseNotFound { key: "K-1".into() },
            tiny_key: "K-1".into(),
            tiny_unauthorized: Tiny::Unauthorized,
            problem_fixed: TinyProblem::LicenseExpired,
            problem_templated: TinyProblem::LicenseNotFound { key: "K-1".into() },
        }
    }
}

fn groups(i: &Inputs) -> Vec<Group<'_>> {
    vec![
        Group {
            name: "fixed_license_not_found",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.license_not_found).to_response()
                }),
                case("hand_static_match", || {
                    hand_static(black_box(Hand::LicenseNotFound))
                }),
                case("hand_json_macro", || {
                    hand_json_macro(black_box(Hand::LicenseNotFound))
                }),
            ],
            targets: FIXED.to_vec(),
        },
        Group {
            name: "fixed_tiny_not_found",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.tiny_not_found).to_response()
                }),
                case("hand_static_match", || {
                    hand_static(black_box(Hand::NotFound))
                }),
                case("hand_json_macro", || {
                    hand_json_macro(black_box(Hand::NotFound))
                }),
            ],
            targets: FIXED.to_vec(),
        },
        Group {
            name: "fixed_with_headers",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.tiny_unauthorized).to_response()
                }),
                case("hand_static_match", || {
                    black_box(());
                    hand_static_with_headers()
                }),
            ],
            targets: FIXED[..1].to_vec(),
        },
        Group {
            name: "problem_fixed",
            cases: vec![
                case("derive_to_problem_json", || {
                    black_box(&i.problem_fixed).to_problem_json()
                }),
                case("hand_serde_struct", || {
                    let detail: &str = black_box("The license has expired");
                    hand_problem(
                        "license_expired",
                        "https://docs.example.com/errors/license_expired",
                        "The license has expired.",
                        detail.to_owned(),
                    )
                }),
            ],
            targets: NONE.to_vec(),
        },
        Group {
            name: "problem_templated",
            cases: vec![
                case("derive_to_problem_json", || {
                    black_box(&i.problem_templated).to_problem_json()
                }),
                case("hand_format_serde_struct", || {
                    let key: &String = black_box(&i.tiny_key);
                    hand_problem(
                        "license_not_found",
                        "https://docs.example.com/errors/license_not_found",
                        "The license key is not known.",
                        format!("License {key} not found"),
                    )
                }),
            ],
            targets: NONE.to_vec(),
        },
        Group {
            name: "templated_invalid_value",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.invalid_value).to_response()
                }),
                case("hand_format_serde", || {
                    let (parameter, reason) = black_box(("hardware_id", "must not be empty"));
                    hand_serde(
                        StatusCode::BAD_REQUEST,
                        "invalid_value",
                        format!("Invalid value for {parameter}: {reason}"),
                    )
                }),
            ],
            targets: TEMPLATED.to_vec(),
        },
        Group {
            name: "templated_validation",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.validation).to_response()
                }),
                // The template is "{0}": its `format!` is the message's text,
                // as a hand-written template would make it.
                #[allow(clippy::useless_format)]
                case("hand_format_serde", || {
                    let detail: &String = black_box(&i.validation_detail);
                    hand_serde(
                        StatusCode::BAD_REQUEST,
                        "validation_error",
                        format!("{detail}"),
                    )
                }),
            ],
            targets: TEMPLATED.to_vec(),
        },
        Group {
            name: "templated_tiny_license_not_found",
            cases: vec![
                case("derive_to_response", || {
                    black_box(&i.tiny_templated).to_response()
                }),
                case("hand_format_serde", || {
                    let key: &String = black_box(&i.tiny_key);
                    hand_serde(
                        StatusCode::BAD_REQUEST,
                        "license_not_found",
                        format!("License {key} not found"),
                    )
                }),
            ],
            targets: TEMPLATED.to_vec(),
        },
        Group {
            name: "to_json_fixed",
            cases: vec![
                case("derive_to_json", || {
                    black_box(&i.license_not_found).to_json()
                }),
                case("serde_json_to_vec", || {
                    serde_json::to_vec(black_box(&i.license_not_found)).expect("serializes")
                }),
            ],
            targets: NONE.to_vec(),
        },
        Group {
            name: "to_json_templated",
            cases: vec![
                case("derive_to_json", || black_box(&i.invalid_value).to_json()),
                case("serde_json_to_vec", || {
                    serde_json::to_vec(black_box(&i.invalid_value)).expect("serializes")
                }),
            ],
            targets: NONE.to_vec(),
        },
    ]
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
    same(
        &Tiny::Unauthorized.to_response(),
        &hand_static_with_headers(),
        "fixed with headers",
    );
    assert_eq!(
        TinyProblem::LicenseExpired.to_problem_json(),
        hand_problem(
            "license_expired",
            "https://docs.example.com/errors/license_expired",
            "The license has expired.",
            "The license has expired".to_owned(),
        ),
        "problem, fixed"
    );
    assert_eq!(
        TinyProblem::LicenseNotFound { key: "K-1".into() }.to_problem_json(),
        hand_problem(
            "license_not_found",
            "https://docs.example.com/errors/license_not_found",
            "The license key is not known.",
            "License K-1 not found".to_owned(),
        ),
        "problem, templated"
    );
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// For each alternative of each group, what the ratio table shows.
struct Row {
    group: &'static str,
    derived: &'static str,
    alternative: &'static str,
    derived_ns: f64,
    alternative_ns: f64,
    ratio: f64,
    target: (f64, &'static str),
}

fn print_table(title: &str, rows: &[Row]) {
    println!();
    println!("{title}");
    println!();
    println!(
        "| comparison | derived (ns) | alternative | alternative (ns) | ratio | target | met |"
    );
    println!("| --- | ---: | --- | ---: | ---: | --- | --- |");
    for row in rows {
        let (max, label) = row.target;
        let met = if max.is_nan() {
            "-"
        } else if row.ratio <= max {
            "yes"
        } else {
            "NO"
        };
        println!(
            "| {} {} | {:.1} | {} | {:.1} | {:.3} | {} | {} |",
            row.group,
            row.derived,
            row.derived_ns,
            row.alternative,
            row.alternative_ns,
            row.ratio,
            label,
            met,
        );
    }
}

/// Criterion, `rounds` times over every group; for each alternative, the
/// median over the rounds of (derived median / alternative median).
fn criterion_rounds(inputs: &Inputs, rounds: usize) -> Vec<Row> {
    let home = criterion_home();
    // A new Criterion each round: one reused across rounds files a repeated
    // id under `<id>_2/`, and the table would read round 1 again.
    let criterion = || {
        Criterion::default()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .sample_size(50)
            .configure_from_args()
    };
    let mut groups = groups(inputs);
    // per group, per case: one median per round.
    let mut times: Vec<Vec<Vec<f64>>> = groups
        .iter()
        .map(|g| vec![Vec::new(); g.cases.len()])
        .collect();
    let mut ratios = times.clone();
    for round in 1..=rounds {
        eprintln!("\n=== criterion round {round} of {rounds} ===");
        let since = SystemTime::now();
        let mut c = criterion();
        for group in &mut groups {
            let mut g = c.benchmark_group(group.name);
            for case in &mut group.cases {
                let timer = &mut case.timer;
                g.bench_function(case.id, |b| b.iter_custom(&mut **timer));
            }
            g.finish();
        }
        c.final_summary();
        for (gi, group) in groups.iter().enumerate() {
            let medians: Vec<Option<f64>> = group
                .cases
                .iter()
                .map(|case| median_ns(&home, group.name, case.id, since))
                .collect();
            for (ci, m) in medians.iter().enumerate() {
                if let (Some(d), Some(t)) = (medians[0], m) {
                    times[gi][ci].push(*t);
                    ratios[gi][ci].push(d / t);
                }
            }
        }
    }
    rows(&groups, &times, &ratios)
}

fn rows(groups: &[Group<'_>], times: &[Vec<Vec<f64>>], ratios: &[Vec<Vec<f64>>]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (gi, group) in groups.iter().enumerate() {
        for ci in 1..group.cases.len() {
            if ratios[gi][ci].is_empty() {
                continue;
            }
            rows.push(Row {
                group: group.name,
                derived: group.cases[0].id,
                alternative: group.cases[ci].id,
                derived_ns: median(&times[gi][0]),
                alternative_ns: median(&times[gi][ci]),
                ratio: median(&ratios[gi][ci]),
                target: group.targets[ci - 1],
            });
        }
    }
    rows
}

/// Paired batches: for each group, `pairs` times, each case runs one batch
/// of the same number of iterations (about `BATCH` of the derived call),
/// the order rotating; each pass gives one ratio per alternative, and the
/// table shows their median. A load that comes and goes on the machine
/// falls on both sides of a ratio alike.
fn paired(inputs: &Inputs, pairs: usize, filter: Option<&str>) -> Vec<Row> {
    const BATCH: Duration = Duration::from_micros(200);
    let mut groups = groups(inputs);
    groups.retain(|g| filter.is_none_or(|f| g.name.contains(f)));
    let mut times = Vec::new();
    let mut ratios = Vec::new();
    for group in &mut groups {
        eprintln!("paired batches: {}", group.name);
        let cases = &mut group.cases;
        let mut n: u64 = 1;
        while (cases[0].timer)(n) < BATCH && n < 1 << 30 {
            n *= 2;
        }
        for case in cases.iter_mut() {
            (case.timer)(n);
        }
        let mut t = vec![Vec::with_capacity(pairs); cases.len()];
        let mut r = vec![Vec::with_capacity(pairs); cases.len()];
        for pass in 0..pairs {
            let mut batch = vec![0.0; cases.len()];
            for k in 0..cases.len() {
                let ci = (pass + k) % cases.len();
                batch[ci] = (cases[ci].timer)(n).as_nanos() as f64 / n as f64;
            }
            for ci in 0..cases.len() {
                t[ci].push(batch[ci]);
                r[ci].push(batch[0] / batch[ci]);
            }
        }
        times.push(t);
        ratios.push(r);
    }
    rows(&groups, &times, &ratios)
}

fn main() {
    check_equal_work();
    let inputs = Inputs::new();
    if let Ok(spec) = std::env::var("RESPONSE_BENCH_PROFILE") {
        // `group/id:iterations`: that case alone, for callgrind.
        let (name, iterations) = spec.rsplit_once(':').unwrap_or((&spec, "100000"));
        let iterations: u64 = iterations.parse().expect("iterations: a number");
        let mut groups = groups(&inputs);
        let case = groups
            .iter_mut()
            .flat_map(|g| {
                let group = g.name;
                g.cases.iter_mut().map(move |c| (group, c))
            })
            .find(|(group, case)| format!("{group}/{}", case.id) == name);
        let (_, case) = case.unwrap_or_else(|| panic!("no case named {name}"));
        (case.timer)(iterations);
        return;
    }
    let rounds = env_number("RESPONSE_BENCH_ROUNDS", 3);
    let pairs = env_number("RESPONSE_BENCH_PAIRS", 301);
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));

    let criterion = if rounds > 0 {
        criterion_rounds(&inputs, rounds)
    } else {
        Vec::new()
    };
    let batches = if pairs > 0 {
        paired(&inputs, pairs, filter.as_deref())
    } else {
        Vec::new()
    };
    if !criterion.is_empty() {
        print_table(
            &format!(
                "Criterion: median over {rounds} round(s) of criterion's median time; ratio = derived / alternative."
            ),
            &criterion,
        );
    }
    if !batches.is_empty() {
        print_table(
            &format!(
                "Paired batches: median over {pairs} passes of interleaved batches; ratio = derived / alternative."
            ),
            &batches,
        );
    }
}
