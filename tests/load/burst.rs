//! A bounded burst of concurrent requests to a License API server on
//! 127.0.0.1, every answer checked against the reference JSON Schema of an
//! error body. Shared by `tests/load.rs` and `benches/load.rs`, which each
//! use a part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use error_catalog_examples::server::seed;
use http::{Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// One kind of request of the burst, and the error it must get.
#[derive(Debug, Clone)]
pub struct Case {
    pub method: Method,
    pub path: String,
    pub headers: Headers,
    pub body: Bytes,
    pub status: u16,
    pub code: &'static str,
}

const AUTH: (&str, &str) = ("authorization", "load-test");
const JSON: (&str, &str) = ("content-type", "application/json");

type Headers = Vec<(&'static str, &'static str)>;

fn post(
    path: &str,
    headers: &[(&'static str, &'static str)],
    body: &str,
) -> (Method, String, Headers, Bytes) {
    (
        Method::POST,
        path.to_owned(),
        headers.to_vec(),
        Bytes::from(body.to_owned()),
    )
}

fn params(key: &str, hardware_id: &str) -> String {
    format!(
        r#"{{"license_key":"{key}","hardware_id":"{hardware_id}","product":"{}"}}"#,
        seed::PRODUCT
    )
}

/// The error paths of the License API, each with the answer it must get.
/// None changes the store, so the burst can repeat them in any order.
pub fn error_cases() -> Vec<Case> {
    let activate = "/api/v4/activate_license";
    let deactivate = "/api/v4/deactivate_license";
    let check = |query: &str| {
        (
            Method::GET,
            format!("/api/v4/check_license?{query}"),
            vec![AUTH],
            Bytes::new(),
        )
    };
    let cases = [
        (
            post(activate, &[JSON], &params(seed::ACTIVE_KEY, "device-2")),
            400,
            "missing_headers",
        ),
        (
            post(
                activate,
                &[AUTH, JSON],
                r#"{"license_key": "ACTIVE-0001", "#,
            ),
            400,
            "invalid_json",
        ),
        (
            post(deactivate, &[AUTH, JSON], "not json"),
            400,
            "invalid_json",
        ),
        (
            post(
                activate,
                &[AUTH, ("content-type", "text/plain")],
                &params(seed::ACTIVE_KEY, "device-2"),
            ),
            400,
            "validation_error",
        ),
        (
            post(activate, &[AUTH, JSON], r#"{"license_key":"ACTIVE-0001"}"#),
            400,
            "missing_parameters",
        ),
        (check("product=demo"), 400, "missing_parameters"),
        (
            post(activate, &[AUTH, JSON], &params("NO-SUCH-KEY", "device-2")),
            400,
            "license_not_found",
        ),
        (
            check(&format!(
                "license_key=NO-SUCH-KEY&hardware_id=device-2&product={}",
                seed::PRODUCT
            )),
            400,
            "license_not_found",
        ),
        (
            post(
                activate,
                &[AUTH, JSON],
                &params(seed::EXPIRED_KEY, "device-2"),
            ),
            400,
            "license_expired",
        ),
        (
            post(
                activate,
                &[AUTH, JSON],
                &params(seed::DISABLED_KEY, "device-2"),
            ),
            400,
            "license_not_enabled",
        ),
        (
            post(activate, &[AUTH, JSON], &params(seed::FULL_KEY, "device-2")),
            400,
            "license_activated_max_times",
        ),
        (
            post(
                deactivate,
                &[AUTH, JSON],
                &params(seed::ACTIVE_KEY, "device-2"),
            ),
            400,
            "device_not_found",
        ),
        (
            check(&format!(
                "license_key={}&hardware_id=device-2&product={}",
                seed::ACTIVE_KEY,
                seed::PRODUCT
            )),
            400,
            "device_not_found",
        ),
        (
            (
                Method::GET,
                "/api/v4/no_such_endpoint".to_owned(),
                vec![AUTH],
                Bytes::new(),
            ),
            404,
            "not_found",
        ),
        (
            (Method::GET, activate.to_owned(), vec![AUTH], Bytes::new()),
            404,
            "not_found",
        ),
        (
            post(
                activate,
                &[AUTH, JSON],
                &params(seed::BROKEN_KEY, "device-2"),
            ),
            500,
            "internal_error",
        ),
    ];
    cases
        .into_iter()
        .map(|((method, path, headers, body), status, code)| Case {
            method,
            path,
            headers,
            body,
            status,
            code,
        })
        .collect()
}

/// Checks an error body against the reference JSON Schema, written out:
/// an object with exactly the members `status` (a number), `code` (a
/// string) and `message` (a string), all required, no other. Answers
/// `(status, code)`.
pub fn check_schema(body: &[u8]) -> Result<(u64, String), String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("not JSON ({e}): {body:?}"))?;
    let Value::Object(members) = &value else {
        return Err(format!("not an object: {value}"));
    };
    for name in members.keys() {
        if !matches!(name.as_str(), "status" | "code" | "message") {
            return Err(format!("additional member `{name}`: {value}"));
        }
    }
    let status = match members.get("status") {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| format!("`status` is not an HTTP status: {value}"))?,
        Some(_) => return Err(format!("`status` is not a number: {value}")),
        None => return Err(format!("`status` is missing: {value}")),
    };
    let code = match members.get("code") {
        Some(Value::String(code)) => code.clone(),
        Some(_) => return Err(format!("`code` is not a string: {value}")),
        None => return Err(format!("`code` is missing: {value}")),
    };
    match members.get("message") {
        Some(Value::String(_)) => {}
        Some(_) => return Err(format!("`message` is not a string: {value}")),
        None => return Err(format!("`message` is missing: {value}")),
    }
    Ok((status, code))
}

/// What a burst got back.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Requests sent.
    pub sent: usize,
    /// Responses received whole, malformed or not.
    pub received: usize,
    /// Requests that got no response (a connection or transport error).
    pub lost: usize,
    /// Responses that break the schema or do not match their case, with why
    /// (the first few).
    pub malformed: Vec<String>,
    /// How many responses that failed a check.
    pub malformed_count: usize,
    /// Well-formed responses, by code.
    pub by_code: BTreeMap<String, usize>,
    /// From the first request sent to the last response received.
    pub elapsed: Duration,
}

impl Outcome {
    /// Requests per second over the whole burst.
    pub fn throughput(&self) -> f64 {
        self.received as f64 / self.elapsed.as_secs_f64()
    }
}

/// A client for bursts: HTTP/1.1 with a keep-alive pool.
pub fn client() -> Client<HttpConnector, Full<Bytes>> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new()).build(connector)
}

/// A further check of every answer's body, given its case: the load test
/// validates each body against the OpenAPI document the server serves.
pub type BodyCheck = Arc<dyn Fn(&Case, &[u8]) -> Result<(), String> + Send + Sync>;

/// Sends `total` requests to `addr`, case `i % cases.len()` for the `i`-th,
/// with `concurrency` in flight, and checks every answer: a status equal to
/// the case's and to the body's `status`, `content-type: application/json`,
/// the body valid under the schema, and the case's code.
pub async fn run(
    client: &Client<HttpConnector, Full<Bytes>>,
    addr: SocketAddr,
    cases: &[Case],
    total: usize,
    concurrency: usize,
) -> Outcome {
    run_checked(client, addr, cases, total, concurrency, None).await
}

/// [`run`], with `body_check` run on every answer too.
pub async fn run_checked(
    client: &Client<HttpConnector, Full<Bytes>>,
    addr: SocketAddr,
    cases: &[Case],
    total: usize,
    concurrency: usize,
    body_check: Option<BodyCheck>,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let cases: Arc<[Case]> = cases.into();
    let start = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (client, next, outcome, cases, body_check) = (
            client.clone(),
            next.clone(),
            outcome.clone(),
            cases.clone(),
            body_check.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut local = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let case = &cases[i % cases.len()];
                local.sent += 1;
                match send(&client, addr, case).await {
                    Err(error) => {
                        local.lost += 1;
                        if local.malformed.len() < 5 {
                            local
                                .malformed
                                .push(format!("{} {}: lost: {error}", case.method, case.path));
                        }
                    }
                    Ok((status, content_type, body)) => {
                        local.received += 1;
                        let checked = check_answer(case, status, content_type.as_deref(), &body)
                            .and_then(|code| match &body_check {
                                Some(check) => check(case, &body).map(|()| code),
                                None => Ok(code),
                            });
                        match checked {
                            Ok(code) => *local.by_code.entry(code).or_default() += 1,
                            Err(why) => {
                                local.malformed_count += 1;
                                if local.malformed.len() < 5 {
                                    local
                                        .malformed
                                        .push(format!("{} {}: {why}", case.method, case.path));
                                }
                            }
                        }
                    }
                }
            }
            let mut outcome = outcome.lock().unwrap();
            outcome.sent += local.sent;
            outcome.received += local.received;
            outcome.lost += local.lost;
            outcome.malformed_count += local.malformed_count;
            outcome.malformed.extend(local.malformed);
            outcome.malformed.truncate(10);
            for (code, n) in local.by_code {
                *outcome.by_code.entry(code).or_default() += n;
            }
        }));
    }
    for worker in workers {
        worker.await.expect("a burst worker panicked");
    }
    let mut outcome = std::mem::take(&mut *outcome.lock().unwrap());
    outcome.elapsed = start.elapsed();
    outcome
}

async fn send(
    client: &Client<HttpConnector, Full<Bytes>>,
    addr: SocketAddr,
    case: &Case,
) -> Result<(u16, Option<String>, Bytes), String> {
    let mut request = Request::builder()
        .method(case.method.clone())
        .uri(format!("http://{addr}{}", case.path));
    for (name, value) in &case.headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(case.body.clone()))
        .map_err(|e| e.to_string())?;
    let response = client
        .request(request)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    let content_type = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    Ok((parts.status.as_u16(), content_type, body))
}

fn check_answer(
    case: &Case,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<String, String> {
    let (body_status, code) = check_schema(body)?;
    if body_status != u64::from(status) {
        return Err(format!("HTTP status {status}, body status {body_status}"));
    }
    if status != case.status || code != case.code {
        return Err(format!(
            "expected {} {}, got {status} {code}",
            case.status, case.code
        ));
    }
    if content_type != Some("application/json") {
        return Err(format!("content-type {content_type:?}"));
    }
    Ok(code)
}
