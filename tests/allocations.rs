//! How many heap allocations an error response costs, counted by a global
//! allocator that wraps the system's. The counts are per thread, so the
//! tests can run in parallel; each measured call runs several times and
//! every run must stay within the bound.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use bytes::Bytes;
use error_catalog::ApiError;
use error_catalog_examples::LicenseApiError;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};

/// Counts `alloc`, `alloc_zeroed` and `realloc` calls of the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: an allocation during the thread's teardown is not counted.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded to `System` unchanged; the counter is a
// const-initialized thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RUNS: usize = 5;

/// The allocations of each of `RUNS` calls of `f`; what `f` returns is
/// dropped after the count, outside the measure.
fn allocations<T>(mut f: impl FnMut() -> T) -> Vec<usize> {
    (0..RUNS)
        .map(|_| {
            let before = ALLOCATIONS.with(Cell::get);
            let value = std::hint::black_box(f());
            let after = ALLOCATIONS.with(Cell::get);
            drop(value);
            after - before
        })
        .collect()
}

/// The most allocations any run of `f` made.
fn most<T>(f: impl FnMut() -> T) -> usize {
    allocations(f).into_iter().max().unwrap_or(0)
}

/// The best hand-written response: a static body, the status, and the
/// content type from a static header value.
fn hand_static(status: StatusCode, body: &'static [u8]) -> Response<Bytes> {
    let mut response = Response::new(Bytes::from_static(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An error's code and message length, for a failure message that does not
/// print a long message whole.
fn describe(err: &LicenseApiError) -> String {
    format!(
        "{} ({} bytes of message)",
        err.code(),
        err.to_string().len()
    )
}

#[test]
fn the_counter_sees_allocations() {
    // The measure itself: a Vec of 3 bytes is one allocation, growing it
    // past its capacity one more, and a static `Bytes` none.
    assert_eq!(
        most(|| {
            let v = std::hint::black_box(vec![1u8, 2, 3]);
            v.len()
        }),
        1
    );
    assert_eq!(
        most(|| {
            // One allocation of capacity 1, then one to grow it.
            let mut v = vec![std::hint::black_box(1u8)];
            v.push(std::hint::black_box(2u8));
            v
        }),
        2
    );
    assert_eq!(most(|| Bytes::from_static(b"{}")), 0);
}

#[test]
fn fixed_message_response_allocates_no_more_than_a_hand_written_one() {
    let hand = most(|| {
        hand_static(
            StatusCode::BAD_REQUEST,
            br#"{"status":400,"code":"license_not_found","message":"License not found"}"#,
        )
    });
    let errors = [
        LicenseApiError::LicenseNotFound,
        LicenseApiError::NotFound,
        LicenseApiError::AddingManagerError,
    ];
    for err in &errors {
        let derived = allocations(|| err.to_response());
        eprintln!(
            "{}: to_response() {derived:?}, hand-written {hand}",
            err.code()
        );
        assert!(
            derived.iter().all(|&n| n <= hand),
            "{err:?}: to_response() made {derived:?} allocations, the hand-written response {hand}"
        );
        // The same response, byte for byte.
        let expected = err.static_body().expect("a fixed message");
        assert_eq!(err.to_response().body(), expected.as_bytes());
    }
}

#[test]
fn templated_response_makes_at_most_three_allocations() {
    let long = "x".repeat(1000);
    let quoted = "\"quoted\" and \\ and \n".repeat(40);
    let errors = [
        LicenseApiError::Validation("license_key: must be 16 characters".into()),
        LicenseApiError::InvalidValue {
            parameter: "hardware_id".into(),
            reason: "must not be empty".into(),
        },
        LicenseApiError::MissingHeaders {
            header: "authorization".into(),
        },
        // Longer than any stack buffer: still one allocation for the body.
        LicenseApiError::Validation(long.clone()),
        LicenseApiError::Validation(quoted.clone()),
    ];
    for err in &errors {
        assert!(err.static_body().is_none(), "{err:?} is templated");
        let counts = allocations(|| err.to_response());
        eprintln!("{}: to_response() {counts:?}", describe(err));
        assert!(
            counts.iter().all(|&n| n <= 3),
            "{}: to_response() made {counts:?} allocations, more than 3",
            describe(err)
        );
        // And it is the body serde would write.
        let response = err.to_response();
        let expected = serde_json::to_vec(err).unwrap();
        assert_eq!(response.body(), &expected[..]);
        let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(value["message"], err.to_string().as_str());
    }
    assert_eq!(
        LicenseApiError::Validation(long.clone()).to_string(),
        long,
        "the long message is not cut"
    );
}

/// The hand-written templated response: `format!` the message, then
/// serialize a serde struct with `serde_json::to_vec`.
fn hand_format_serde(parameter: &str, reason: &str) -> Response<Bytes> {
    #[derive(serde::Serialize)]
    struct Body {
        status: u16,
        code: &'static str,
        message: String,
    }
    let body = Body {
        status: 400,
        code: "invalid_value",
        message: format!("Invalid value for {parameter}: {reason}"),
    };
    let mut response = Response::new(Bytes::from(serde_json::to_vec(&body).unwrap()));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[test]
fn templated_response_allocates_less_than_format_and_serde() {
    let (parameter, reason) = ("hardware_id", "must not be empty");
    let err = LicenseApiError::InvalidValue {
        parameter: parameter.into(),
        reason: reason.into(),
    };
    let hand = most(|| hand_format_serde(parameter, reason));
    let derived = most(|| err.to_response());
    eprintln!("invalid_value: to_response() {derived}, format! + serde_json::to_vec {hand}");
    assert!(
        derived < hand,
        "to_response() made {derived} allocations, format! + serde {hand}"
    );
    assert_eq!(
        err.to_response().body(),
        hand_format_serde(parameter, reason).body()
    );
}

#[test]
fn templated_body_is_one_allocation() {
    let errors = [
        LicenseApiError::Validation("license_key: must be 16 characters".into()),
        LicenseApiError::Validation("é \"ü\" \u{1}".repeat(100)),
    ];
    for err in &errors {
        let counts = allocations(|| err.to_json());
        assert!(
            counts.iter().all(|&n| n <= 1),
            "{}: to_json() made {counts:?} allocations",
            describe(err)
        );
    }
}

#[test]
fn static_body_makes_no_allocation() {
    for err in [
        LicenseApiError::LicenseNotFound,
        LicenseApiError::NotFound,
        LicenseApiError::AddingManagerError,
    ] {
        let counts = allocations(|| err.static_body());
        assert_eq!(counts, [0; RUNS], "{err:?}");
        assert!(err.static_body().is_some());
    }
    // A templated message has no static body, and says so without allocating.
    let err = LicenseApiError::Validation("x".into());
    assert_eq!(allocations(|| err.static_body()), [0; RUNS]);
    assert_eq!(err.static_body(), None);
}

#[test]
fn fixed_message_to_json_makes_no_allocation() {
    for err in [
        LicenseApiError::LicenseNotFound,
        LicenseApiError::NotFound,
        LicenseApiError::internal("db down"),
    ] {
        let counts = allocations(|| err.to_json());
        assert_eq!(counts, [0; RUNS], "{err:?}");
        assert_eq!(err.to_json(), serde_json::to_vec(&err).unwrap());
    }
}

/// An enum whose variants carry headers, and one sent as problem details.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum HeaderError {
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "Bearer realm=\"licenses\""),
        header("cache-control", "no-store")
    )]
    AuthenticationFailure,
    #[api_error(
        status = 429,
        code = "rate_limited",
        message = "Retry in {seconds} seconds"
    )]
    RateLimited {
        #[header("retry-after")]
        seconds: u64,
    },
}

#[derive(Debug, ApiError)]
#[api_error(format = "problem", type_base = "https://docs.example.com/errors/")]
enum ProblemError {
    /// The license has expired.
    #[api_error(
        status = 400,
        code = "license_expired",
        message = "The license has expired"
    )]
    LicenseExpired,
    #[api_error(status = 400, code = "validation_error", message = "{0}")]
    Validation(String),
}

/// The hand-written static response with the same headers, each from
/// `HeaderValue::from_static`.
fn hand_static_with_headers() -> Response<Bytes> {
    use http::header::{CACHE_CONTROL, WWW_AUTHENTICATE};
    let mut response = hand_static(
        StatusCode::UNAUTHORIZED,
        br#"{"status":401,"code":"authentication_failure","message":"Authentication failed"}"#,
    );
    let headers = response.headers_mut();
    headers.insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"licenses\""),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[test]
fn fixed_headers_cost_what_hand_written_static_headers_cost() {
    let hand = most(hand_static_with_headers);
    let err = HeaderError::AuthenticationFailure;
    let derived = allocations(|| err.to_response());
    eprintln!("authentication_failure: to_response() {derived:?}, hand-written {hand}");
    assert!(
        derived.iter().all(|&n| n <= hand),
        "to_response() made {derived:?} allocations, the hand-written response {hand}"
    );
    // The same response, byte for byte.
    let (derived, by_hand) = (err.to_response(), hand_static_with_headers());
    assert_eq!(derived.headers(), by_hand.headers());
    assert_eq!(derived.body(), by_hand.body());
    // The example service's 401, whose header is fixed too.
    let err = LicenseApiError::AuthenticationFailure;
    let counts = allocations(|| err.to_response());
    assert!(counts.iter().all(|&n| n <= hand), "{counts:?}");
    assert!(err.to_response().headers().contains_key("www-authenticate"));
}

#[test]
fn a_field_header_is_one_allocation_for_its_value() {
    let err = HeaderError::RateLimited { seconds: 30 };
    let derived = most(|| err.to_response());
    // The same by hand: `format!` and serde for the body, `HeaderValue::from`
    // for the number.
    let hand = most(|| {
        #[derive(serde::Serialize)]
        struct Body {
            status: u16,
            code: &'static str,
            message: String,
        }
        let seconds = std::hint::black_box(30u64);
        let body = Body {
            status: 429,
            code: "rate_limited",
            message: format!("Retry in {seconds} seconds"),
        };
        let mut response = Response::new(Bytes::from(serde_json::to_vec(&body).unwrap()));
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
            .headers_mut()
            .insert(http::header::RETRY_AFTER, HeaderValue::from(seconds));
        response
    });
    eprintln!("rate_limited: to_response() {derived}, by hand {hand}");
    // The templated body's three, and one for the header's value.
    assert!(derived <= 4, "{derived}");
    assert!(derived < hand, "to_response() {derived}, by hand {hand}");
    assert_eq!(err.to_response().headers()["retry-after"], "30");
}

#[test]
fn a_fixed_problem_body_costs_what_a_fixed_body_costs() {
    let err = ProblemError::LicenseExpired;
    assert_eq!(allocations(|| err.to_problem_json()), [0; RUNS]);
    assert_eq!(allocations(|| err.static_problem_body()), [0; RUNS]);
    let hand = most(|| {
        let mut response = Response::new(Bytes::from_static(
            br#"{"type":"https://docs.example.com/errors/license_expired","title":"The license has expired.","status":400,"detail":"The license has expired","code":"license_expired"}"#,
        ));
        *response.status_mut() = StatusCode::BAD_REQUEST;
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    });
    let derived = allocations(|| err.to_response());
    eprintln!("license_expired (problem): to_response() {derived:?}, hand-written {hand}");
    assert!(
        derived.iter().all(|&n| n <= hand),
        "{derived:?} against {hand}"
    );

    // A templated problem body is one allocation, as a templated body is.
    let err = ProblemError::Validation("é \"ü\" \u{1}".repeat(100));
    let counts = allocations(|| err.to_problem_json());
    assert!(counts.iter().all(|&n| n <= 1), "{counts:?}");
}
