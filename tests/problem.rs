//! RFC 9457 problem details, on real servers: axum (`axum::serve`) and
//! actix-web (`HttpServer`) on 127.0.0.1, real HTTP requests, checks on the
//! bytes on the wire; then the client side, which reads problem bodies as
//! it reads `{status, code, message}` ones.

mod support;

use std::net::SocketAddr;

use error_catalog::{decode, ApiError, BodyFormat, DecodeErrorKind, ErrorBody, ReceivedKind};
use serde::Serialize;
use support::{assert_no_secret, raw_get, Wire};

/// Text that the source of a 500 holds and that must never reach a client.
const SECRET: &str = "vault-token=s.9f8e7d6c@10.0.0.9";

/// A lower layer, with the default body and no `type_base`.
#[derive(Debug, PartialEq, ApiError)]
enum StoreError {
    /// The store is unreachable.
    #[api_error(
        status = 503,
        code = "store_unavailable",
        message = "Store unavailable"
    )]
    Unavailable,
}

/// The service's errors, sent as problem details.
#[derive(Debug, ApiError)]
#[api_error(
    status = 400,
    format = "problem",
    type_base = "https://docs.example.com/errors/"
)]
enum ProblemError {
    /// The license key is not known. Check it for typos.
    #[api_error(
        status = 404,
        code = "license_not_found",
        message = "License {key} not found"
    )]
    LicenseNotFound { key: String },
    /// The license has expired! Renew it.
    #[api_error(code = "license_expired", message = "The license has expired")]
    LicenseExpired,
    #[api_error(status = 409, code = "conflict", message = "Already activated")]
    Conflict,
    #[api_error(status = 499, code = "client_closed", message = "Closed")]
    ClientClosed,
    /// Say "hi" \ politely? Then retry.
    #[api_error(
        code = "quoted",
        message = "Tab\there \"quoted\" back\\slash é \u{1} 日本"
    )]
    Quoted,
    #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    /// An unexpected server error has occured.
    #[api_error(
        status = 500,
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal(#[source] std::io::Error),
    #[api_error(transparent)]
    Store(#[from] StoreError),
}

/// The error that `/case/{name}` answers with.
fn case(name: &str) -> ProblemError {
    match name {
        "templated" => ProblemError::LicenseNotFound {
            key: "K-\"1\"".into(),
        },
        "fixed" => ProblemError::LicenseExpired,
        "no-doc" => ProblemError::Conflict,
        "no-title" => ProblemError::ClientClosed,
        "quoted" => ProblemError::Quoted,
        "header" => ProblemError::RateLimited { seconds: 30 },
        "internal" => ProblemError::Internal(std::io::Error::other(SECRET)),
        _ => StoreError::Unavailable.into(),
    }
}

/// Each case with its status and its body, written out by hand.
const CASES: &[(&str, u16, &str)] = &[
    (
        "templated",
        404,
        r#"{"type":"https://docs.example.com/errors/license_not_found","title":"The license key is not known.","status":404,"detail":"License K-\"1\" not found","code":"license_not_found"}"#,
    ),
    (
        "fixed",
        400,
        r#"{"type":"https://docs.example.com/errors/license_expired","title":"The license has expired!","status":400,"detail":"The license has expired","code":"license_expired"}"#,
    ),
    // No doc comment: the status's reason phrase.
    (
        "no-doc",
        409,
        r#"{"type":"https://docs.example.com/errors/conflict","title":"Conflict","status":409,"detail":"Already activated","code":"conflict"}"#,
    ),
    // Nor a reason phrase: no title at all.
    (
        "no-title",
        499,
        r#"{"type":"https://docs.example.com/errors/client_closed","status":499,"detail":"Closed","code":"client_closed"}"#,
    ),
    (
        "quoted",
        400,
        "{\"type\":\"https://docs.example.com/errors/quoted\",\"title\":\"Say \\\"hi\\\" \\\\ politely?\",\"status\":400,\"detail\":\"Tab\\there \\\"quoted\\\" back\\\\slash \u{e9} \\u0001 \u{65e5}\u{672c}\",\"code\":\"quoted\"}",
    ),
    (
        "header",
        429,
        r#"{"type":"https://docs.example.com/errors/rate_limited","title":"Too Many Requests","status":429,"detail":"Retry in 30 s","code":"rate_limited"}"#,
    ),
    (
        "internal",
        500,
        r#"{"type":"https://docs.example.com/errors/internal_error","title":"An unexpected server error has occured.","status":500,"detail":"An unexpected server error has occured","code":"internal_error"}"#,
    ),
    // Through `transparent`: the type and the title of the wrapped error's
    // own entry (no `type_base`: `about:blank`), in the problem format of
    // the enum that sends it.
    (
        "transparent",
        503,
        r#"{"type":"about:blank","title":"The store is unreachable.","status":503,"detail":"Store unavailable","code":"store_unavailable"}"#,
    ),
];

// --- The servers. ---

async fn start_axum() -> SocketAddr {
    use axum::extract::Path;
    use axum::routing::get;

    let app = axum::Router::new()
        .route(
            "/case/{name}",
            get(|Path(name): Path<String>| async move { Err::<(), _>(case(&name)) }),
        )
        // An enum of the default format, sent as problem details on purpose.
        .route(
            "/plain-as-problem",
            get(|| async {
                let (parts, body) = StoreError::Unavailable.to_problem_response().into_parts();
                axum::response::Response::from_parts(parts, axum::body::Body::from(body))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    addr
}

fn start_actix() -> SocketAddr {
    use actix_web::{web, App, HttpResponse, HttpServer};

    async fn by_name(name: web::Path<String>) -> Result<HttpResponse, ProblemError> {
        Err(case(&name))
    }

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server =
                HttpServer::new(|| App::new().route("/case/{name}", web::get().to(by_name)))
                    .workers(1)
                    .bind(("127.0.0.1", 0))
                    .expect("bound");
            let addr = server.addrs()[0];
            let server = server.run();
            tx.send(addr).expect("address sent");
            server.await.expect("served");
        })
    });
    rx.recv().expect("server started")
}

async fn servers() -> [(&'static str, SocketAddr); 2] {
    [("axum", start_axum().await), ("actix-web", start_actix())]
}

/// The values of every `name` header, in the order sent.
fn values<'a>(wire: &'a Wire, name: &str) -> Vec<&'a str> {
    wire.header_lines
        .iter()
        .filter_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
        .collect()
}

// --- On the wire. ---

#[tokio::test]
async fn problem_bodies_on_the_wire() {
    for (server, addr) in servers().await {
        for &(name, status, expected) in CASES {
            let wire = raw_get(addr, &format!("/case/{name}")).await;
            assert!(
                wire.status_line.starts_with(&format!("HTTP/1.1 {status} ")),
                "{server} {name}: {}",
                wire.status_line
            );
            assert_eq!(
                values(&wire, "content-type"),
                ["application/problem+json"],
                "{server} {name}"
            );
            assert_eq!(
                values(&wire, "content-length"),
                [expected.len().to_string()],
                "{server} {name}"
            );
            assert_eq!(
                String::from_utf8_lossy(&wire.body),
                expected,
                "{server} {name}"
            );
            // The same bytes whichever way they are made.
            let error = case(name);
            assert_eq!(error.to_problem_json(), expected.as_bytes(), "{name}");
            assert_eq!(error.to_response().body(), expected.as_bytes(), "{name}");
            assert_eq!(
                serde_json::to_vec(&error).unwrap(),
                expected.as_bytes(),
                "{name}: Serialize"
            );
        }
    }
}

#[tokio::test]
async fn a_5xx_problem_body_never_leaks_its_source() {
    let error = case("internal");
    let source = std::error::Error::source(&error).expect("a source");
    assert!(source.to_string().contains(SECRET));
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/internal").await;
        assert_eq!(
            wire.status_line, "HTTP/1.1 500 Internal Server Error",
            "{server}"
        );
        assert_eq!(
            wire.body,
            br#"{"type":"https://docs.example.com/errors/internal_error","title":"An unexpected server error has occured.","status":500,"detail":"An unexpected server error has occured","code":"internal_error"}"#,
            "{server}"
        );
        assert_no_secret(&wire, SECRET);
        assert_no_secret(&wire, "vault-token");
    }
}

#[tokio::test]
async fn headers_come_with_problem_responses() {
    for (server, addr) in servers().await {
        let wire = raw_get(addr, "/case/header").await;
        assert_eq!(values(&wire, "retry-after"), ["30"], "{server}");
        assert_eq!(
            values(&wire, "content-type"),
            ["application/problem+json"],
            "{server}"
        );
    }
}

/// An enum of the default format still sends `{status, code, message}`
/// from `to_response`, and problem details when asked.
#[tokio::test]
async fn every_derived_error_can_be_sent_as_problem_details() {
    assert_eq!(StoreError::body_format(), BodyFormat::ErrorBody);
    assert_eq!(ProblemError::body_format(), BodyFormat::Problem);
    let response = StoreError::Unavailable.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body(),
        r#"{"status":503,"code":"store_unavailable","message":"Store unavailable"}"#
    );
    assert_eq!(
        serde_json::to_string(&StoreError::Unavailable).unwrap(),
        r#"{"status":503,"code":"store_unavailable","message":"Store unavailable"}"#
    );

    let addr = start_axum().await;
    let wire = raw_get(addr, "/plain-as-problem").await;
    assert_eq!(wire.status_line, "HTTP/1.1 503 Service Unavailable");
    assert_eq!(values(&wire, "content-type"), ["application/problem+json"]);
    assert_eq!(
        wire.body,
        br#"{"type":"about:blank","title":"The store is unreachable.","status":503,"detail":"Store unavailable","code":"store_unavailable"}"#
    );
}

// --- Byte for byte what serde_json writes. ---

/// The problem details members, as a hand-written serde struct.
#[derive(Serialize)]
struct HandProblem<'a> {
    #[serde(rename = "type")]
    problem_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    status: u16,
    detail: String,
    code: &'a str,
}

fn hand_written(error: &impl ApiError) -> Vec<u8> {
    let spec = error.spec();
    serde_json::to_vec(&HandProblem {
        problem_type: spec.problem_type,
        title: spec.problem_title,
        status: spec.status,
        detail: error.to_string(),
        code: spec.code,
    })
    .unwrap()
}

#[test]
fn compile_time_and_run_time_bodies_match_serde_json() {
    // The compile-time bodies.
    let mut fixed = 0;
    for &(name, ..) in CASES {
        let error = case(name);
        if let Some(body) = error.static_problem_body() {
            assert_eq!(body.as_bytes(), hand_written(&error), "{name}");
            fixed += 1;
        }
    }
    assert_eq!(fixed, 6, "the fixed messages, the transparent one included");
    // The run-time writer, on text that needs every escape, short and long
    // enough to leave the stack buffer.
    let texts = [
        "K-1".to_owned(),
        "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} é 日本 🚀".to_owned(),
        "x\"".repeat(300),
        "y".repeat(5000),
    ];
    for key in texts {
        let error = ProblemError::LicenseNotFound { key };
        assert_eq!(error.static_problem_body(), None);
        assert_eq!(&error.to_problem_json()[..], &hand_written(&error)[..]);
        assert_eq!(serde_json::to_vec(&error).unwrap(), hand_written(&error));
    }
}

#[test]
fn the_catalog_holds_each_type_and_title() {
    let rows: Vec<(&str, Option<&str>)> = ProblemError::catalog()
        .iter()
        .filter(|spec| !spec.is_transparent())
        .map(|spec| (spec.problem_type, spec.problem_title))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "https://docs.example.com/errors/license_not_found",
                Some("The license key is not known.")
            ),
            (
                "https://docs.example.com/errors/license_expired",
                Some("The license has expired!")
            ),
            ("https://docs.example.com/errors/conflict", Some("Conflict")),
            ("https://docs.example.com/errors/client_closed", None),
            (
                "https://docs.example.com/errors/quoted",
                Some("Say \"hi\" \\ politely?")
            ),
            (
                "https://docs.example.com/errors/rate_limited",
                Some("Too Many Requests")
            ),
            (
                "https://docs.example.com/errors/internal_error",
                Some("An unexpected server error has occured.")
            ),
        ]
    );
    assert_eq!(StoreError::catalog()[0].problem_type, "about:blank");
}

// --- The client side. ---

/// What the servers sent decodes back: typed where the message gives every
/// field back, the catalog entry for a variant with a source; `detail` is
/// the message.
#[tokio::test]
async fn round_trips_through_the_client_decode() {
    for (server, addr) in servers().await {
        for &(name, status, _) in CASES {
            let reply = support::get(addr, &format!("/case/{name}")).await;
            assert_eq!(reply.status.as_u16(), status);
            let received = decode::<ProblemError>(reply.status, &reply.body)
                .unwrap_or_else(|err| panic!("{server} {name}: {err}"));
            let error = case(name);
            assert_eq!(received.code(), error.code(), "{server} {name}");
            assert_eq!(received.message(), error.to_string(), "{server} {name}");
            assert!(received.status_mismatch().is_none(), "{server} {name}");
            match received.kind() {
                ReceivedKind::Typed(typed) => {
                    assert_ne!(name, "internal");
                    assert_eq!(typed.to_problem_json(), error.to_problem_json());
                }
                ReceivedKind::Known(spec) => {
                    // A source never crosses the wire: `Internal` comes
                    // back as its catalog entry.
                    assert_eq!((name, spec.variant), ("internal", "Internal"));
                }
                ReceivedKind::Unknown => panic!("{server} {name}: unknown"),
            }
            // The strict decoder, and a client whose enum sends the other
            // format, read the same body.
            if name != "internal" {
                let strict: ProblemError = serde_json::from_slice(&reply.body)
                    .unwrap_or_else(|err| panic!("{server} {name}: {err}"));
                assert_eq!(strict.to_problem_json(), error.to_problem_json());
            }
        }
        let reply = support::get(addr, "/case/transparent").await;
        let plain: StoreError = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(plain, StoreError::Unavailable);
    }
}

/// Problem bodies written by other servers: members in any order, extension
/// members ignored, the code from `type` when there is no `code` member,
/// `detail` (else `title`) as the message.
#[test]
fn problem_bodies_from_elsewhere() {
    let read = |body: &str| serde_json::from_str::<ErrorBody>(body);
    let ok = [
        (
            r#"{"detail":"License K-9 not found","status":404,"instance":"/licenses/K-9","type":"https://other.example/problems/license_not_found","balance":30}"#,
            ErrorBody::new(404, "license_not_found", "License K-9 not found"),
        ),
        // `code` wins over the type's last segment.
        (
            r#"{"type":"https://x/a/b","code":"conflict","status":409,"detail":"d"}"#,
            ErrorBody::new(409, "conflict", "d"),
        ),
        // No `detail`: the title; neither: empty.
        (
            r#"{"type":"https://x/conflict","title":"Conflict","status":409}"#,
            ErrorBody::new(409, "conflict", "Conflict"),
        ),
        (
            r#"{"type":"https://x/conflict","status":409}"#,
            ErrorBody::new(409, "conflict", ""),
        ),
        // `about:blank` names no code, but a `code` member does.
        (
            r#"{"type":"about:blank","status":400,"code":"c","detail":"d"}"#,
            ErrorBody::new(400, "c", "d"),
        ),
        // A `detail` without `type` is problem details too.
        (
            r#"{"status":400,"code":"c","detail":"d"}"#,
            ErrorBody::new(400, "c", "d"),
        ),
        // `message` and `detail` both: `message` wins.
        (
            r#"{"status":400,"code":"c","detail":"d","message":"m"}"#,
            ErrorBody::new(400, "c", "m"),
        ),
        // Escapes in every member.
        (
            r#"{"type":"https:\/\/x\/caf\u00e9","status":400,"detail":"\u00e9\n"}"#,
            ErrorBody::new(400, "café", "é\n"),
        ),
    ];
    for (body, expected) in ok {
        assert_eq!(read(body).unwrap(), expected, "{body}");
        let received = decode::<ProblemError>(
            http::StatusCode::from_u16(expected.status).unwrap(),
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(received.body(), &expected);
    }
    let err = [
        (
            r#"{"type":"about:blank","status":400,"detail":"d"}"#,
            "missing field `code`",
        ),
        (
            r#"{"type":"https://x/","status":400,"detail":"d"}"#,
            "missing field `code`",
        ),
        (
            r#"{"type":"https://x/c","detail":"d"}"#,
            "missing field `status`",
        ),
        (
            r#"{"type":7,"status":400,"detail":"d","code":"c"}"#,
            "invalid type",
        ),
        (
            r#"{"type":"https://x/c","status":400,"detail":null}"#,
            "invalid type",
        ),
        (
            r#"{"type":"https://x/c","status":400,"title":["t"]}"#,
            "invalid type",
        ),
        (
            r#"{"type":"a/c","type":"a/d","status":400}"#,
            "duplicate field `type`",
        ),
        (
            r#"{"type":"a/c","status":400,"detail":"d","detail":"e"}"#,
            "duplicate field `detail`",
        ),
        (
            r#"{"type":"a/c","status":"400","detail":"d"}"#,
            "invalid type",
        ),
        // No `message`, no `detail`, no `type`: not an error body.
        (
            r#"{"status":400,"code":"c","title":"t"}"#,
            "missing field `message`",
        ),
    ];
    for (body, why) in err {
        let error = read(body).unwrap_err().to_string();
        assert!(error.contains(why), "{body}: {error}");
        let decoded = decode::<ProblemError>(http::StatusCode::BAD_REQUEST, body.as_bytes());
        assert_eq!(
            decoded.unwrap_err().kind(),
            DecodeErrorKind::Shape,
            "{body}"
        );
    }
}

/// The strict decoder on problem bodies: the variant by its code, its
/// status checked against the catalog.
#[test]
fn the_derived_deserialize_reads_problem_bodies() {
    let body = r#"{"type":"https://elsewhere.example/license_not_found","status":404,"detail":"License K-2 not found"}"#;
    let error: ProblemError = serde_json::from_str(body).unwrap();
    assert!(matches!(error, ProblemError::LicenseNotFound { ref key } if key == "K-2"));

    let wrong_status =
        r#"{"type":"https://x/license_expired","status":500,"detail":"The license has expired"}"#;
    let err = serde_json::from_str::<ProblemError>(wrong_status).unwrap_err();
    assert!(
        err.to_string().contains("has status 400 in the catalog"),
        "{err}"
    );

    // Through `transparent`.
    let nested = r#"{"type":"about:blank","code":"store_unavailable","status":503,"detail":"Store unavailable"}"#;
    let error: ProblemError = serde_json::from_str(nested).unwrap();
    assert!(matches!(
        error,
        ProblemError::Store(StoreError::Unavailable)
    ));
}

// --- Never a panic on malformed input. ---

/// xorshift64*: the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const TYPES: &[&str] = &[
    r#""https://docs.example.com/errors/license_not_found""#,
    r#""https://docs.example.com/errors/license_expired""#,
    r#""https://x/store_unavailable""#,
    r#""https://x/rate_limited""#,
    r#""about:blank""#,
    r#""https://x/""#,
    r#""license_expired""#,
];

const TEXTS: &[&str] = &[
    r#""The license has expired""#,
    r#""License K-1 not found""#,
    r#""Store unavailable""#,
    r#""Retry in 5 s""#,
    r#""\u00e9\n""#,
    r#""""#,
];

const CODES: &[&str] = &[
    r#""license_expired""#,
    r#""license_not_found""#,
    r#""store_unavailable""#,
    r#""nope""#,
];

const STATUSES: &[&str] = &["400", "404", "429", "503", "500"];

/// Values of every JSON type, for a member of the wrong type.
const OTHERS: &[&str] = &[
    "65536",
    "-1",
    "4.5",
    "null",
    "true",
    "[1,{}]",
    r#"{"a":"b"}"#,
    r#""400""#,
    "7",
];

/// A problem-like body, member by member: the list, for the oracle, and the
/// bytes. Usually the members of a problem with values of the right type;
/// sometimes one missing, repeated, of another type, or a `message` or an
/// extension member beside them.
fn structured(rng: &mut Rng) -> (Vec<(&'static str, &'static str)>, String) {
    let mut members: Vec<(&str, &str)> = Vec::new();
    let slots: [(&str, &[&str], u64); 6] = [
        ("status", STATUSES, 90),
        ("type", TYPES, 85),
        ("detail", TEXTS, 70),
        ("code", CODES, 25),
        ("title", TEXTS, 25),
        ("message", TEXTS, 10),
    ];
    for (name, good, percent) in slots {
        if rng.next() % 100 < percent {
            let value = if rng.next() % 100 < 90 {
                rng.pick(good)
            } else {
                rng.pick(OTHERS)
            };
            members.push((name, value));
        }
    }
    if rng.below(20) == 0 && !members.is_empty() {
        let again = members[rng.below(members.len())];
        members.push(again);
    }
    for _ in 0..rng.below(3) {
        let name = rng.pick(&["instance", "Type", "", "balance"]);
        let kind = [TYPES, TEXTS, OTHERS][rng.below(3)];
        let value = rng.pick(kind);
        members.push((name, value));
    }
    for i in (1..members.len()).rev() {
        let j = rng.below(i + 1);
        members.swap(i, j);
    }
    let body = format!(
        "{{{}}}",
        members
            .iter()
            .map(|(name, value)| format!("\"{name}\":{value}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    (members, body)
}

/// What the rules of `ErrorBody`'s `Deserialize` make of a list of members,
/// computed here from its documentation: `None` for an error.
fn oracle(members: &[(&str, &str)]) -> Option<ErrorBody> {
    let known = ["type", "title", "status", "detail", "code", "message"];
    let get = |name: &str| -> Result<Option<serde_json::Value>, ()> {
        let mut found = None;
        for (n, v) in members {
            if *n == name {
                if found.is_some() {
                    return Err(());
                }
                found = Some(serde_json::from_str::<serde_json::Value>(v).unwrap());
            }
        }
        Ok(found)
    };
    let mut values = std::collections::HashMap::new();
    for name in known {
        values.insert(name, get(name).ok()?);
    }
    let string = |name: &str| -> Result<Option<String>, ()> {
        match &values[name] {
            None => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(()),
        }
    };
    let (problem_type, title, detail, code, message) = (
        string("type").ok()?,
        string("title").ok()?,
        string("detail").ok()?,
        string("code").ok()?,
        string("message").ok()?,
    );
    let status = match &values["status"] {
        None => return None,
        Some(v) => u16::try_from(v.as_u64()?).ok()?,
    };
    let code = match code {
        Some(code) => code,
        None => {
            let t = problem_type.as_deref()?;
            let (_, last) = t.rsplit_once('/')?;
            if last.is_empty() {
                return None;
            }
            last.to_owned()
        }
    };
    let message = match (message, detail) {
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) if problem_type.is_some() => title.unwrap_or_default(),
        _ => return None,
    };
    Some(ErrorBody::new(status, code, message))
}

#[test]
fn malformed_problem_bodies_never_panic_and_the_decoders_agree() {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let mut parsed = 0;
    let mut typed = 0;
    for iteration in 0..40_000 {
        let (members, body) = structured(&mut rng);
        let mut bytes = body.clone().into_bytes();
        let mutated = rng.below(4) == 0;
        if mutated {
            for _ in 0..1 + rng.below(3) {
                let len = bytes.len();
                match rng.below(3) {
                    0 => bytes.truncate(rng.below(len + 1)),
                    1 if len > 0 => {
                        let at = rng.below(len);
                        bytes[at] = rng.pick(b"{}[]\":,\\ 0e-\xff\x00");
                    }
                    _ => {
                        let at = rng.below(len + 1);
                        bytes.insert(at, rng.next() as u8);
                    }
                }
            }
        }
        let context = || format!("#{iteration}: {:?}", String::from_utf8_lossy(&bytes));
        let body_result = serde_json::from_slice::<ErrorBody>(&bytes);
        let strict = serde_json::from_slice::<ProblemError>(&bytes);
        let lenient = decode::<ProblemError>(http::StatusCode::BAD_REQUEST, &bytes);
        if !mutated {
            assert_eq!(
                body_result.as_ref().ok(),
                oracle(&members).as_ref(),
                "{}",
                context()
            );
        }
        match body_result {
            Err(_) => {
                assert!(strict.is_err(), "{}", context());
                assert_eq!(lenient.unwrap_err().body(), &bytes[..], "{}", context());
            }
            Ok(body) => {
                parsed += 1;
                let received = lenient.unwrap_or_else(|err| panic!("{}: {err}", context()));
                assert_eq!(received.body(), &body, "{}", context());
                assert_eq!(received.message(), body.message);
                if let Ok(error) = strict {
                    typed += 1;
                    assert_eq!(error.code(), body.code, "{}", context());
                    assert_eq!(error.spec().status, body.status, "{}", context());
                    assert!(received.is_typed(), "{}", context());
                }
            }
        }
    }
    // Both paths must be exercised, or the test proves little.
    assert!(parsed > 10_000, "only {parsed} bodies parsed");
    assert!(typed > 1_000, "only {typed} typed");
}

// --- Following the request's `Accept` (axum, `NegotiateLayer`). ---

/// The default body, with a header, for the layer to convert.
#[derive(Debug, ApiError)]
#[api_error(status = 400, type_base = "https://docs.example.com/errors")]
enum PlainError {
    /// Slow down. Then retry.
    #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
    #[api_error(transparent)]
    Store(#[from] StoreError),
}

async fn start_negotiating() -> SocketAddr {
    use axum::routing::get;
    use error_catalog::NegotiateLayer;

    let plain = axum::Router::new()
        .route(
            "/plain/rate",
            get(|| async { Err::<(), _>(PlainError::RateLimited { seconds: 5 }) }),
        )
        .route(
            "/plain/store",
            get(|| async { Err::<(), _>(PlainError::from(StoreError::Unavailable)) }),
        )
        .route("/plain/ok", get(|| async { "fine" }))
        // A JSON error that is not the catalog's: left alone.
        .route(
            "/plain/foreign",
            get(|| async {
                (
                    http::StatusCode::BAD_REQUEST,
                    [(http::header::CONTENT_TYPE, "application/json")],
                    r#"{"error":"not ours"}"#,
                )
            }),
        )
        .layer(NegotiateLayer::<PlainError>::new());
    let problem = axum::Router::new()
        .route(
            "/problem/{name}",
            get(
                |axum::extract::Path(name): axum::extract::Path<String>| async move {
                    Err::<(), _>(case(&name))
                },
            ),
        )
        .layer(NegotiateLayer::<ProblemError>::new());
    let app = plain.merge(problem);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    addr
}

/// `GET {path}` with `accept` as its `Accept` header lines, raw.
async fn get_accepting(addr: SocketAddr, path: &str, accept: &[&[u8]]) -> Wire {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut request = format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\n").into_bytes();
    for value in accept {
        request.extend_from_slice(b"accept: ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"connection: close\r\n\r\n");
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connected");
    stream.write_all(&request).await.expect("sent");
    let mut all = Vec::new();
    stream.read_to_end(&mut all).await.expect("read");
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a blank line ends the head");
    let head = String::from_utf8_lossy(&all[..split]).into_owned();
    let mut lines = head.split("\r\n").map(str::to_owned);
    let status_line = lines.next().expect("a status line");
    let header_lines = lines.collect();
    let body = all[split + 4..].to_vec();
    Wire {
        all,
        status_line,
        header_lines,
        body,
    }
}

const RATE_PLAIN: &str = r#"{"status":429,"code":"rate_limited","message":"Retry in 5 s"}"#;
const RATE_PROBLEM: &str = r#"{"type":"https://docs.example.com/errors/rate_limited","title":"Slow down.","status":429,"detail":"Retry in 5 s","code":"rate_limited"}"#;

#[tokio::test]
async fn the_layer_follows_accept() {
    let addr = start_negotiating().await;
    let cases: &[(&[&[u8]], &str, &str)] = &[
        (&[], "application/json", RATE_PLAIN),
        (&[b"*/*"], "application/json", RATE_PLAIN),
        (&[b"application/json"], "application/json", RATE_PLAIN),
        (
            &[b"application/problem+json"],
            "application/problem+json",
            RATE_PROBLEM,
        ),
        (
            &[b"application/json;q=0.2, application/problem+json;q=0.8"],
            "application/problem+json",
            RATE_PROBLEM,
        ),
        (
            &[b"text/html", b"application/problem+json"],
            "application/problem+json",
            RATE_PROBLEM,
        ),
    ];
    for &(accept, content_type, body) in cases {
        let wire = get_accepting(addr, "/plain/rate", accept).await;
        let what = format!("{accept:?}");
        assert_eq!(wire.status_line, "HTTP/1.1 429 Too Many Requests", "{what}");
        assert_eq!(values(&wire, "content-type"), [content_type], "{what}");
        assert_eq!(String::from_utf8_lossy(&wire.body), body, "{what}");
        assert_eq!(
            values(&wire, "content-length"),
            [body.len().to_string()],
            "{what}"
        );
        // The variant's header stays.
        assert_eq!(values(&wire, "retry-after"), ["5"], "{what}");
    }
    // The converted body is the one `to_problem_json` makes.
    assert_eq!(
        PlainError::RateLimited { seconds: 5 }.to_problem_json(),
        RATE_PROBLEM.as_bytes()
    );

    // A code of a transparent variant: the wrapped entry's type and title.
    let wire = get_accepting(addr, "/plain/store", &[b"application/problem+json"]).await;
    assert_eq!(
        wire.body,
        br#"{"type":"about:blank","title":"The store is unreachable.","status":503,"detail":"Store unavailable","code":"store_unavailable"}"#
    );

    // A problem-format enum, to a client that wants the plain body.
    for &(name, _, problem) in CASES {
        let error = case(name);
        let wire = get_accepting(addr, &format!("/problem/{name}"), &[b"application/json"]).await;
        assert_eq!(
            values(&wire, "content-type"),
            ["application/json"],
            "{name}"
        );
        assert_eq!(wire.body, error.to_json().as_ref(), "{name}");
        assert_no_secret(&wire, SECRET);
        // And the problem body to everyone else.
        let wire = get_accepting(addr, &format!("/problem/{name}"), &[b"*/*"]).await;
        assert_eq!(String::from_utf8_lossy(&wire.body), problem, "{name}");
    }
}

#[tokio::test]
async fn the_layer_leaves_every_other_response_alone() {
    let addr = start_negotiating().await;
    let wire = get_accepting(addr, "/plain/ok", &[b"application/problem+json"]).await;
    assert_eq!(wire.status_line, "HTTP/1.1 200 OK");
    assert_eq!(wire.body, b"fine");
    let wire = get_accepting(addr, "/plain/foreign", &[b"application/problem+json"]).await;
    assert_eq!(wire.status_line, "HTTP/1.1 400 Bad Request");
    assert_eq!(values(&wire, "content-type"), ["application/json"]);
    assert_eq!(wire.body, br#"{"error":"not ours"}"#);
}

/// `Accept` values no client should send: each answered, in the enum's own
/// format unless a valid range asks for the other.
#[tokio::test]
async fn hostile_accept_values_are_answered() {
    let addr = start_negotiating().await;
    let long = format!(
        "application/problem+json;q=0.5,{}",
        "x/y;q=0.1,".repeat(2000)
    );
    let hostile: &[&[u8]] = &[
        b"application/problem+json;q=NaN",
        b"application/problem+json;q=1e3",
        b";;;,,,;q=;",
        b"\xff\xfe\x80application/problem+json",
        b"application/problem+json;q=0.5\xff",
        b"*/*;q=0.0000001",
        long.as_bytes(),
    ];
    for accept in hostile {
        let wire = get_accepting(addr, "/plain/rate", &[accept]).await;
        let what = String::from_utf8_lossy(accept);
        assert_eq!(wire.status_line, "HTTP/1.1 429 Too Many Requests", "{what}");
        let body = String::from_utf8_lossy(&wire.body).into_owned();
        let expected = if accept.starts_with(b"application/problem+json;q=0.5,") {
            RATE_PROBLEM
        } else {
            RATE_PLAIN
        };
        assert_eq!(body, expected, "{what}");
    }
}
