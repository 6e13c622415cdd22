//! Decoding a received error body into the derived enum, against serde into a
//! plain struct with the same three fields, measured in the same run.
//!
//! ```text
//! cargo bench --bench decode
//! ```
//!
//! Two bodies: a unit variant (`license_expired`, a fixed message) and a
//! templated one (`invalid_value`, "Invalid value for {parameter}: {reason}":
//! two fields split out of the message, then checked by a round trip). For
//! each, the decoders are:
//!
//! | id | what |
//! | --- | --- |
//! | `plain_struct` | the baseline: `#[derive(Deserialize)] struct { status: u16, code: String, message: String }` |
//! | `borrowed_struct` | the same with `Cow<str>` fields, borrowed from the input: the cost of parsing alone |
//! | `error_body` | `error_catalog::ErrorBody`, the first step of both enum decoders |
//! | `enum_deserialize` | the derived `Deserialize` of `LicenseApiError` (strict) |
//! | `lenient_decode` | `error_catalog::decode::<LicenseApiError>` |
//! | `from_body` | `LicenseApiError::from_body` on a parsed body: the second step |
//!
//! The group `decode_steps` splits the templated `from_body` into its steps.
//!
//! The groups run in several interleaved rounds (`DECODE_BENCH_ROUNDS`,
//! default 3); after each round the bench reads criterion's median of every
//! function, and at the end it prints the median over the rounds of each
//! time and of each ratio to `plain_struct` (below 1: faster than the plain
//! struct).
//!
//! `DECODE_BENCH_PROFILE=group/id:iterations` runs one case that many times
//! and nothing else, for `valgrind --tool=callgrind`: the instructions of one
//! decode are `(Ir(n) - Ir(0)) / n`, a count that does not depend on the
//! machine's load.

mod support;

use std::borrow::Cow;
use std::hint::black_box;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use criterion::Criterion;
use error_catalog::{decode, ApiError, ErrorBody};
use error_catalog_examples::LicenseApiError;
use http::StatusCode;
use serde::Deserialize;
use support::{criterion_home, median, median_ns};

/// The baseline: what a client without the catalog would write.
#[derive(Deserialize)]
#[allow(dead_code)] // the fields are only ever black_boxed
struct Plain {
    status: u16,
    code: String,
    message: String,
}

/// The plain struct borrowing its strings from the input where it can (no
/// escapes): what parsing costs without the two `String`s.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Borrowed<'a> {
    status: u16,
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
}

const BODIES: [&str; 2] = ["decode_unit", "decode_templated"];
const BASELINE: &str = "plain_struct";
const DECODERS: [&str; 6] = [
    "plain_struct",
    "borrowed_struct",
    "error_body",
    "enum_deserialize",
    "lenient_decode",
    "from_body",
];

fn body(group: &str) -> Bytes {
    match group {
        "decode_unit" => LicenseApiError::LicenseExpired.to_json(),
        _ => LicenseApiError::InvalidValue {
            parameter: "hardware_id".into(),
            reason: "must be at most 64 characters".into(),
        }
        .to_json(),
    }
}

/// Every decoder decodes what it should, before anything is measured.
fn check_equal_work() {
    for group in BODIES {
        let body = body(group);
        let plain: Plain = serde_json::from_slice(&body).unwrap();
        let strict: LicenseApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(strict.code(), plain.code);
        assert_eq!(strict.to_string(), plain.message);
        let received = decode::<LicenseApiError>(StatusCode::BAD_REQUEST, &body).unwrap();
        assert_eq!(
            format!("{:?}", received.typed().unwrap()),
            format!("{strict:?}")
        );
        assert_eq!(received.status_mismatch(), None);
    }
}

/// Runs one case: timed by criterion, or looped for a profiler.
trait Runner {
    fn case<O>(&mut self, group: &str, id: &str, f: impl FnMut() -> O);
}

struct Timed<'a>(&'a mut Criterion);

impl Runner for Timed<'_> {
    fn case<O>(&mut self, group: &str, id: &str, mut f: impl FnMut() -> O) {
        self.0
            .benchmark_group(group)
            .bench_function(id, |b| b.iter(&mut f));
    }
}

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
    let status = StatusCode::BAD_REQUEST;
    for group in BODIES {
        let body = body(group);
        let body = &body[..];
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap();
        r.case(group, "plain_struct", || {
            serde_json::from_slice::<Plain>(black_box(body)).unwrap()
        });
        r.case(group, "borrowed_struct", || {
            serde_json::from_slice::<Borrowed>(black_box(body)).unwrap()
        });
        r.case(group, "error_body", || {
            serde_json::from_slice::<ErrorBody>(black_box(body)).unwrap()
        });
        r.case(group, "enum_deserialize", || {
            serde_json::from_slice::<LicenseApiError>(black_box(body)).unwrap()
        });
        r.case(group, "lenient_decode", || {
            decode::<LicenseApiError>(black_box(status), black_box(body)).unwrap()
        });
        r.case(group, "from_body", || {
            LicenseApiError::from_body(black_box(&parsed)).unwrap()
        });
    }

    // The steps of the generated `from_body` for `InvalidValue`.
    let group = "decode_steps";
    let message = "Invalid value for hardware_id: must be at most 64 characters";
    let literals = ["Invalid value for ", ": ", ""];
    r.case(group, "split_template", || {
        error_catalog::__private::split_template::<2>(black_box(message), black_box(&literals))
    });
    let [parameter, reason] =
        error_catalog::__private::split_template::<2>(message, &literals).unwrap();
    r.case(group, "fields_to_string", || {
        (
            black_box(parameter).to_owned(),
            black_box(reason).to_owned(),
        )
    });
    let value = LicenseApiError::InvalidValue {
        parameter: parameter.to_owned(),
        reason: reason.to_owned(),
    };
    r.case(group, "displays_as", || {
        error_catalog::__private::displays_as(black_box(&value), black_box(message))
    });
    // The code lookup, for the first and the last code of the catalog.
    for code in ["not_found", "notification_sending_error"] {
        let body = ErrorBody::new(404, code, "x");
        r.case(group, &format!("code_lookup_{code}"), || {
            LicenseApiError::from_body(black_box(&body)).is_ok()
        });
    }
}

fn main() {
    check_equal_work();
    if let Ok(spec) = std::env::var("DECODE_BENCH_PROFILE") {
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
    let rounds: usize = std::env::var("DECODE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let home = criterion_home();

    // times[body][decoder] and ratios[body][decoder]: one value per round.
    let mut times = vec![vec![Vec::new(); DECODERS.len()]; BODIES.len()];
    let mut ratios = times.clone();
    for round in 1..=rounds {
        eprintln!("\n=== round {round} of {rounds} ===");
        let since = SystemTime::now();
        // A new Criterion each round: one Criterion gives a repeated id a
        // new directory (`id_2`, ...), and the round would read the first
        // round's estimates again.
        let mut c = Criterion::default()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .sample_size(50)
            .configure_from_args();
        run_round(&mut Timed(&mut c));
        c.final_summary();
        for (i, group) in BODIES.iter().enumerate() {
            let baseline = median_ns(&home, group, BASELINE, since);
            for (j, decoder) in DECODERS.iter().enumerate() {
                if let Some(ns) = median_ns(&home, group, decoder, since) {
                    times[i][j].push(ns);
                    if let Some(baseline) = baseline {
                        ratios[i][j].push(ns / baseline);
                    }
                }
            }
        }
    }

    println!();
    println!(
        "Median over {rounds} round(s) of criterion's median time; ratio = time / {BASELINE}."
    );
    println!();
    println!("| body | decoder | time (ns) | ratio | ratio, lowest and highest round |");
    println!("| --- | --- | ---: | ---: | --- |");
    for (i, group) in BODIES.iter().enumerate() {
        for (j, decoder) in DECODERS.iter().enumerate() {
            if times[i][j].is_empty() {
                continue;
            }
            let (ratio, range) = if ratios[i][j].is_empty() {
                ("-".to_owned(), "-".to_owned())
            } else {
                let r = &ratios[i][j];
                let low = r.iter().copied().fold(f64::INFINITY, f64::min);
                let high = r.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (
                    format!("{:.2}", median(r)),
                    format!("{low:.2} to {high:.2}"),
                )
            };
            println!(
                "| {} | {decoder} | {:.1} | {ratio} | {range} |",
                group.trim_start_matches("decode_"),
                median(&times[i][j]),
            );
        }
    }
}
