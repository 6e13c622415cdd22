//! What a framework error response costs: a derived error beside the same
//! response written by hand, through axum and through actix-web, measured in
//! the same run.
//!
//! ```text
//! cargo bench --bench frameworks
//! ```
//!
//! Four comparisons, each a criterion group with the derived call and the
//! hand-written one: axum and actix-web, a fixed message (`404 not_found`)
//! and a templated one (`400 license_not_found`, `License {key} not found`).
//! The hand-written side is what a service writes without the derive: a
//! `#[derive(Serialize)]` body struct (the same member order, so the same
//! bytes; `json!` would sort the members) sent with axum's `Json` or
//! actix-web's `HttpResponseBuilder::json`. Before measuring, the bench
//! checks that both sides send the same status, content-type and body.
//!
//! At the end it prints, for each comparison, the ratio of criterion's
//! medians, derived / hand-written: below 1, the derived response is faster.

mod support;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use actix_web::ResponseError;
use axum::response::IntoResponse;
use criterion::Criterion;
use error_catalog::ApiError;
use serde::Serialize;
use support::{criterion_home, median_ns};

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Derived {
    #[api_error(status = 404, code = "not_found", message = "Not found")]
    NotFound,
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
}

/// The hand-written body.
#[derive(Serialize)]
struct Body {
    status: u16,
    code: &'static str,
    message: String,
}

const KEY: &str = "AAAA-BBBB-CCCC-DDDD";

fn derived_fixed() -> Derived {
    black_box(Derived::NotFound)
}

fn derived_templated() -> Derived {
    Derived::LicenseNotFound {
        key: black_box(KEY).to_owned(),
    }
}

fn hand_fixed() -> (u16, Body) {
    let status = black_box(404);
    let body = Body {
        status,
        code: "not_found",
        message: "Not found".to_owned(),
    };
    (status, body)
}

fn hand_templated() -> (u16, Body) {
    let key = black_box(KEY).to_owned();
    let status = black_box(400);
    let body = Body {
        status,
        code: "license_not_found",
        message: format!("License {key} not found"),
    };
    (status, body)
}

fn axum_hand((status, body): (u16, Body)) -> axum::response::Response {
    let status = http::StatusCode::from_u16(status).expect("a status");
    (status, axum::Json(body)).into_response()
}

fn actix_hand((status, body): (u16, Body)) -> actix_web::HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(status).expect("a status");
    actix_web::HttpResponse::build(status).json(body)
}

/// Both sides send the same status, content-type and body bytes.
fn check_equal_work() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        for (derived, hand) in [
            (derived_fixed(), hand_fixed()),
            (derived_templated(), hand_templated()),
        ] {
            let expected = derived.to_response();

            let a = derived.into_response();
            let b = axum_hand(hand);
            for response in [a, b] {
                assert_eq!(response.status(), expected.status());
                assert_eq!(response.headers()["content-type"], "application/json");
                let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await
                    .expect("a body");
                assert_eq!(body, expected.body());
            }
        }
        for (derived, hand) in [
            (derived_fixed(), hand_fixed()),
            (derived_templated(), hand_templated()),
        ] {
            let expected = derived.to_response();
            for response in [derived.error_response(), actix_hand(hand)] {
                assert_eq!(response.status().as_u16(), expected.status().as_u16());
                assert_eq!(
                    response.headers().get("content-type").map(|v| v.as_bytes()),
                    Some(&b"application/json"[..])
                );
                let body = actix_web::body::to_bytes(response.into_body())
                    .await
                    .expect("a body");
                assert_eq!(body, expected.body());
            }
        }
    });
}

fn main() {
    check_equal_work();
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    {
        let mut g = c.benchmark_group("axum_fixed");
        g.bench_function("derived", |b| b.iter(|| derived_fixed().into_response()));
        g.bench_function("hand_written", |b| b.iter(|| axum_hand(hand_fixed())));
        g.finish();
    }
    {
        let mut g = c.benchmark_group("axum_templated");
        g.bench_function("derived", |b| {
            b.iter(|| derived_templated().into_response())
        });
        g.bench_function("hand_written", |b| b.iter(|| axum_hand(hand_templated())));
        g.finish();
    }
    {
        let mut g = c.benchmark_group("actix_fixed");
        g.bench_function("derived", |b| b.iter(|| derived_fixed().error_response()));
        g.bench_function("hand_written", |b| b.iter(|| actix_hand(hand_fixed())));
        g.finish();
    }
    {
        let mut g = c.benchmark_group("actix_templated");
        g.bench_function("derived", |b| {
            b.iter(|| derived_templated().error_response())
        });
        g.bench_function("hand_written", |b| b.iter(|| actix_hand(hand_templated())));
        g.finish();
    }
    c.final_summary();

    let home = criterion_home();
    println!();
    println!("derived / hand-written (criterion medians; below 1 = derived faster)");
    for group in [
        "axum_fixed",
        "axum_templated",
        "actix_fixed",
        "actix_templated",
    ] {
        let derived = median_ns(&home, group, "derived", started);
        let hand = median_ns(&home, group, "hand_written", started);
        match (derived, hand) {
            (Some(d), Some(h)) => println!(
                "{group:<16} derived {d:>9.1} ns   hand-written {h:>9.1} ns   ratio {:.2}",
                d / h
            ),
            _ => println!("{group:<16} (not measured in this run)"),
        }
    }
}
