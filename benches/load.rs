//! Throughput of the License API example server under a burst of error
//! requests, beside a hand-written axum server that answers the same
//! requests with `(StatusCode, Json(json!({...})))`.
//!
//! ```text
//! cargo bench --bench load
//! ```
//!
//! Both servers run in this process, on 127.0.0.1, on one tokio runtime with
//! the client; each round sends the same burst (every error path of
//! `tests/load/burst.rs`, 64 requests in flight, over keep-alive
//! connections) to one server then the other, alternating which goes first.
//! Every answer is checked against the error body's JSON Schema as in the
//! load test, so a server that answers faster by answering wrong fails.

#[path = "../tests/load/burst.rs"]
mod burst;

use std::net::SocketAddr;
use std::sync::Arc;

use error_catalog_examples::server::{self, Store};

const REQUESTS: usize = 32_000;
const CONCURRENCY: usize = 64;
const ROUNDS: usize = 9;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench());
}

async fn spawn(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port on 127.0.0.1");
    let addr = listener.local_addr().expect("the bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

async fn bench() {
    let servers = [
        (
            "error-catalog (LicenseApiError)",
            spawn(server::router(Arc::new(Store::seeded()))).await,
        ),
        (
            "hand-written (StatusCode, Json(json!))",
            spawn(baseline::router()).await,
        ),
    ];
    let cases = burst::error_cases();
    let client = burst::client();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{REQUESTS} requests a round ({} error paths), {CONCURRENCY} in flight, {ROUNDS} rounds, {threads} runtime threads",
        cases.len()
    );

    // Warm up (connections, allocator) and check that both give the same
    // answers.
    for (name, addr) in servers {
        let outcome = burst::run(&client, addr, &cases, cases.len() * 100, CONCURRENCY).await;
        check(name, &outcome);
    }

    let mut figures: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..ROUNDS {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for i in order {
            let (name, addr) = servers[i];
            let outcome = burst::run(&client, addr, &cases, REQUESTS, CONCURRENCY).await;
            check(name, &outcome);
            println!(
                "round {round}: {name:<40} {:>9.0} requests/s ({:.2?})",
                outcome.throughput(),
                outcome.elapsed
            );
            figures[i].push(outcome.throughput());
        }
    }

    // Each round's ratio, taken between runs close in time, is less noisy
    // on a shared machine than the ratio of the medians.
    let mut ratios: Vec<f64> = figures[0]
        .iter()
        .zip(&figures[1])
        .map(|(ours, theirs)| ours / theirs)
        .collect();
    ratios.sort_by(f64::total_cmp);

    println!();
    for (i, (name, _)) in servers.iter().enumerate() {
        let figures = &mut figures[i];
        figures.sort_by(f64::total_cmp);
        println!(
            "{name:<40} median {:>9.0} requests/s (min {:.0}, max {:.0})",
            figures[figures.len() / 2],
            figures[0],
            figures[figures.len() - 1],
        );
    }
    println!(
        "error-catalog / hand-written, per round: median {:.2} (min {:.2}, max {:.2})",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1],
    );
}

fn check(name: &str, outcome: &burst::Outcome) {
    assert_eq!(
        (outcome.lost, outcome.malformed_count, outcome.received),
        (0, 0, outcome.sent),
        "{name}: {:#?}",
        outcome.malformed
    );
}

/// The same License API, written the usual way without the crate: errors are
/// `(StatusCode, Json(json!({...})))` built in each handler, with the same
/// statuses, codes and messages.
mod baseline {
    use std::collections::{BTreeSet, HashMap};
    use std::sync::{Arc, Mutex};

    use axum::body::Bytes;
    use axum::extract::rejection::QueryRejection;
    use axum::extract::{Query, State};
    use axum::http::{header, HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use axum::{Json, Router};
    use error_catalog_examples::server::{seed, LicenseParams};
    use serde_json::error::Category;
    use serde_json::{json, Value};

    type Reply = (StatusCode, Json<Value>);

    fn error(status: StatusCode, code: &str, message: &str) -> Reply {
        (
            status,
            Json(json!({ "status": status.as_u16(), "code": code, "message": message })),
        )
    }

    fn bad_request(code: &str, message: &str) -> Reply {
        error(StatusCode::BAD_REQUEST, code, message)
    }

    struct License {
        enabled: bool,
        expired: bool,
        max_activations: usize,
        devices: BTreeSet<String>,
        broken: bool,
    }

    /// product code -> license key -> license
    type Db = Arc<Mutex<HashMap<String, HashMap<String, License>>>>;

    pub fn router() -> Router {
        let mut db = HashMap::new();
        let mut add =
            |key: &str, enabled, expired, max_activations, device: Option<&str>, broken| {
                let devices = device.map(str::to_owned).into_iter().collect();
                let license = License {
                    enabled,
                    expired,
                    max_activations,
                    devices,
                    broken,
                };
                db.entry(seed::PRODUCT.to_owned())
                    .or_insert_with(HashMap::new)
                    .insert(key.to_owned(), license);
            };
        add(
            seed::ACTIVE_KEY,
            true,
            false,
            3,
            Some(seed::ACTIVE_DEVICE),
            false,
        );
        add(seed::EXPIRED_KEY, true, true, 3, None, false);
        add(seed::DISABLED_KEY, false, false, 3, None, false);
        add(
            seed::FULL_KEY,
            true,
            false,
            1,
            Some(seed::FULL_DEVICE),
            false,
        );
        add(seed::BROKEN_KEY, true, false, 1, None, true);
        let not_found = || async { error(StatusCode::NOT_FOUND, "not_found", "Not found") };
        Router::new()
            .route("/api/v4/activate_license", post(activate))
            .route("/api/v4/deactivate_license", post(deactivate))
            .route("/api/v4/check_license", get(check))
            .fallback(not_found)
            .method_not_allowed_fallback(not_found)
            .with_state(Arc::new(Mutex::new(db)))
    }

    fn authorized(headers: &HeaderMap) -> Result<(), Reply> {
        match headers.get(header::AUTHORIZATION) {
            Some(value) if !value.is_empty() => Ok(()),
            _ => Err(bad_request(
                "missing_headers",
                "Missing header: Authorization",
            )),
        }
    }

    /// The body parsed into the same `LicenseParams` as the License API
    /// server's, so that the two differ in how they answer, not in how they
    /// read a request.
    fn json_params(headers: &HeaderMap, body: &[u8]) -> Result<LicenseParams, Reply> {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().unwrap_or("").trim() == "application/json");
        if !json {
            return Err(bad_request(
                "validation_error",
                "Expected a request with content-type application/json",
            ));
        }
        serde_json::from_slice(body).map_err(|e| match e.classify() {
            Category::Data => bad_request(
                "validation_error",
                "The request body must be a JSON object of strings",
            ),
            _ => bad_request("invalid_json", "The request body is not valid JSON"),
        })
    }

    fn required(params: &LicenseParams) -> Result<[&str; 3], Reply> {
        let given = |value: &Option<String>| !value.as_deref().unwrap_or("").is_empty();
        let fields = [
            ("license_key", &params.license_key),
            ("hardware_id", &params.hardware_id),
            ("product", &params.product),
        ];
        let missing: Vec<&str> = fields
            .iter()
            .filter(|(_, value)| !given(value))
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            let message = format!("Missing parameters: {}", missing.join(", "));
            return Err(bad_request("missing_parameters", &message));
        }
        Ok(fields.map(|(_, value)| value.as_deref().unwrap_or("")))
    }

    fn internal() -> Reply {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "An unexpected server error has occured",
        )
    }

    fn state(key: &str, hardware_id: &str, product: &str, license: &License) -> Reply {
        let body = json!({
            "license_key": key,
            "hardware_id": hardware_id,
            "product": product,
            "license_active": license.devices.contains(hardware_id),
            "times_activated": license.devices.len(),
            "max_activations": license.max_activations,
        });
        (StatusCode::OK, Json(body))
    }

    enum Op {
        Activate,
        Deactivate,
        Check,
    }

    fn run(db: &Db, op: Op, params: &LicenseParams) -> Reply {
        let [key, hardware_id, product] = match required(params) {
            Ok(params) => params,
            Err(reply) => return reply,
        };
        let Ok(mut db) = db.lock() else {
            return internal();
        };
        let Some(license) = db.get_mut(product).and_then(|keys| keys.get_mut(key)) else {
            return bad_request("license_not_found", "License not found");
        };
        if license.broken {
            return internal();
        }
        let device_not_found = || {
            bad_request(
                "device_not_found",
                "No active device found for this license",
            )
        };
        if !matches!(op, Op::Deactivate) {
            if !license.enabled {
                return bad_request("license_not_enabled", "The license is not enabled");
            }
            if license.expired {
                return bad_request("license_expired", "The license has expired");
            }
        }
        match op {
            Op::Activate => {
                if !license.devices.contains(hardware_id) {
                    if license.devices.len() >= license.max_activations {
                        return bad_request(
                            "license_activated_max_times",
                            "The license has been activated the maximum number of times",
                        );
                    }
                    license.devices.insert(hardware_id.to_owned());
                }
            }
            Op::Deactivate => {
                if !license.devices.remove(hardware_id) {
                    return device_not_found();
                }
            }
            Op::Check => {
                if !license.devices.contains(hardware_id) {
                    return device_not_found();
                }
            }
        }
        state(key, hardware_id, product, license)
    }

    async fn activate(State(db): State<Db>, headers: HeaderMap, body: Bytes) -> Reply {
        if let Err(reply) = authorized(&headers) {
            return reply;
        }
        match json_params(&headers, &body) {
            Ok(params) => run(&db, Op::Activate, &params),
            Err(reply) => reply,
        }
    }

    async fn deactivate(State(db): State<Db>, headers: HeaderMap, body: Bytes) -> Reply {
        if let Err(reply) = authorized(&headers) {
            return reply;
        }
        match json_params(&headers, &body) {
            Ok(params) => run(&db, Op::Deactivate, &params),
            Err(reply) => reply,
        }
    }

    async fn check(
        State(db): State<Db>,
        headers: HeaderMap,
        query: Result<Query<LicenseParams>, QueryRejection>,
    ) -> Reply {
        if let Err(reply) = authorized(&headers) {
            return reply;
        }
        match query {
            Ok(Query(params)) => run(&db, Op::Check, &params),
            Err(_) => bad_request("validation_error", "The query string could not be read"),
        }
    }
}
