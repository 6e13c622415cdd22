//! A deterministic property test of the client side: mutated and random
//! bodies fed to `ErrorBody`'s `Deserialize`, the derived `Deserialize` of the
//! enum, and `error_catalog::decode`.
//!
//! Nothing may panic (a panic fails the test), and the three decoders must
//! agree with each other: the strict decoder is exactly "the body parses, the
//! variant rebuilds and the body's status is the catalog's"; the lenient one
//! keeps every body that parses; a rebuilt error carries the body's code,
//! status and message. The generator is a fixed-seed xorshift, so a failure
//! reproduces: the assertion message gives the iteration and the input.

use std::fmt::Debug;

use error_catalog::{catalog, decode, ApiError, DecodeErrorKind, ErrorBody, ReceivedKind};
use error_catalog_examples::LicenseApiError;
use http::StatusCode;
use serde::de::DeserializeOwned;

/// Iterations of each loop; each runs the three decoders on one input.
const ITERATIONS: usize = 120_000;
const MESSAGE_ITERATIONS: usize = 60_000;

/// xorshift64*: small, fast, and the same sequence on every platform.
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

    /// True with probability `percent`%.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Text pieces for strings: plain words, the template's own punctuation,
/// multi-byte characters, and JSON escapes valid and invalid.
const STRING_PIECES: &[&str] = &[
    "a",
    "K-1",
    "License",
    " ",
    ": ",
    ", ",
    "not found",
    "{",
    "}",
    "{0}",
    "{key}",
    "é",
    "✓",
    "𝄞",
    "\\\"",
    "\\\\",
    "\\n",
    "\\u00e9",
    "\\ud834\\udd1e",
    "\\ud800",
    "\\u0000",
    "\\x",
    "7",
    "-1",
    "65536",
    "Missing header: ",
    "Invalid value for ",
    "Quantity ",
    " exceeds the limit of ",
];

/// JSON numbers, including the edges of u16 and what serde_json rejects.
const NUMBERS: &[&str] = &[
    "0",
    "400",
    "401",
    "404",
    "409",
    "500",
    "599",
    "65535",
    "65536",
    "-1",
    "-0",
    "400.0",
    "4e2",
    "1e400",
    "18446744073709551616",
    "00",
    "-",
    "0x190",
    "NaN",
];

fn json_string(rng: &mut Rng) -> String {
    let mut s = String::from("\"");
    for _ in 0..rng.below(6) {
        s.push_str(rng.pick(STRING_PIECES));
    }
    s.push('"');
    s
}

/// A random JSON value; occasionally nested past serde_json's recursion limit.
fn json_value(rng: &mut Rng, depth: usize, out: &mut String) {
    if depth == 0 && rng.chance(2) {
        let levels = 100 + rng.below(200);
        let (open, close) = if rng.chance(50) {
            ("[", "]")
        } else {
            ("{\"a\":", "}")
        };
        out.push_str(&open.repeat(levels));
        out.push('1');
        out.push_str(&close.repeat(levels));
        return;
    }
    match rng.below(if depth > 3 { 5 } else { 7 }) {
        0 => out.push_str("null"),
        1 => out.push_str(if rng.chance(50) { "true" } else { "false" }),
        2 | 3 => out.push_str(rng.pick(NUMBERS)),
        4 => out.push_str(&json_string(rng)),
        5 => {
            out.push('[');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                json_value(rng, depth + 1, out);
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(rng));
                out.push(':');
                json_value(rng, depth + 1, out);
            }
            out.push('}');
        }
    }
}

fn whitespace(rng: &mut Rng, out: &mut String) {
    if rng.chance(10) {
        out.push_str(rng.pick(&[" ", "\n", "\t", "\r\n  "]));
    }
}

/// A JSON object built member by member: usually the three members with the
/// right types, sometimes one missing, repeated or of another type, in a
/// random order, among random extra members.
fn structured_body(rng: &mut Rng, codes: &[&'static str], messages: &[String]) -> String {
    let mut members: Vec<(String, String)> = Vec::new();
    if !rng.chance(5) {
        let status = if rng.chance(85) {
            rng.pick(&["400", "401", "404", "409", "500", "503"])
                .to_string()
        } else {
            let mut v = String::new();
            json_value(rng, 1, &mut v);
            v
        };
        members.push(("\"status\"".into(), status));
    }
    if !rng.chance(5) {
        let code = if rng.chance(85) {
            if rng.chance(90) {
                format!("\"{}\"", rng.pick(codes))
            } else {
                json_string(rng)
            }
        } else {
            let mut v = String::new();
            json_value(rng, 1, &mut v);
            v
        };
        members.push(("\"code\"".into(), code));
    }
    if !rng.chance(5) {
        let message = if rng.chance(85) {
            if rng.chance(70) {
                serde_json::to_string(&messages[rng.below(messages.len())]).unwrap()
            } else {
                json_string(rng)
            }
        } else {
            let mut v = String::new();
            json_value(rng, 1, &mut v);
            v
        };
        members.push(("\"message\"".into(), message));
    }
    if rng.chance(5) && !members.is_empty() {
        let dup = members[rng.below(members.len())].clone();
        members.push(dup);
    }
    for _ in 0..rng.below(3) {
        let name = match rng.below(4) {
            0 => "\"request_id\"".to_string(),
            1 => "\"Status\"".to_string(),
            2 => "\"\"".to_string(),
            _ => json_string(rng),
        };
        let mut value = String::new();
        json_value(rng, 0, &mut value);
        members.push((name, value));
    }
    // Shuffle (Fisher-Yates).
    for i in (1..members.len()).rev() {
        let j = rng.below(i + 1);
        members.swap(i, j);
    }
    let mut out = String::new();
    whitespace(rng, &mut out);
    out.push('{');
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        whitespace(rng, &mut out);
        out.push_str(name);
        whitespace(rng, &mut out);
        out.push(':');
        whitespace(rng, &mut out);
        out.push_str(value);
    }
    whitespace(rng, &mut out);
    out.push('}');
    whitespace(rng, &mut out);
    out
}

/// Bytes that JSON gives meaning to, for overwrites and insertions.
const SPECIAL: &[u8] = b"{}[]\":,\\ 0123456789-+.eEtfn\n\x00\xff\xc3";

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len();
        match rng.below(8) {
            // Flip bits.
            0 if len > 0 => {
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(len);
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            // Truncate.
            1 => bytes.truncate(rng.below(len + 1)),
            // Splice: a prefix of this body, a suffix of another.
            2 => {
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                bytes.truncate(cut);
                bytes.extend_from_slice(&other[from..]);
            }
            // Delete a range.
            3 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(8)).min(len);
                bytes.drain(start..end);
            }
            // Duplicate a range.
            4 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(16)).min(len);
                let copy = bytes[start..end].to_vec();
                let at = rng.below(len + 1);
                bytes.splice(at..at, copy);
            }
            // Overwrite a byte with one that JSON gives meaning to.
            5 if len > 0 => {
                let at = rng.below(len);
                bytes[at] = rng.pick(SPECIAL);
            }
            // Insert a random member after an opening brace.
            6 => {
                let mut member = json_string(rng);
                member.push(':');
                json_value(rng, 0, &mut member);
                member.push(',');
                let at = bytes.iter().position(|&b| b == b'{').map_or(0, |at| at + 1);
                bytes.splice(at..at, member.into_bytes());
            }
            // Insert random bytes.
            _ => {
                let at = rng.below(len + 1);
                let noise: Vec<u8> = (0..1 + rng.below(4)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, noise);
            }
        }
    }
    bytes
}

/// Entirely random input: raw bytes, whitespace, or token soup.
fn random_input(rng: &mut Rng) -> Vec<u8> {
    match rng.below(3) {
        0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
        1 => (0..rng.below(4)).map(|_| rng.pick(b" \t\r\n")).collect(),
        _ => {
            let mut out = String::new();
            for _ in 0..rng.below(24) {
                match rng.below(6) {
                    0 => out.push_str(rng.pick(&["{", "}", "[", "]", ":", ","])),
                    1 => out.push_str(rng.pick(&["\"status\"", "\"code\"", "\"message\""])),
                    2 => out.push_str(rng.pick(NUMBERS)),
                    3 => out.push_str(&json_string(rng)),
                    4 => out.push_str(rng.pick(&["null", "true", "false"])),
                    _ => whitespace(rng, &mut out),
                }
            }
            out.into_bytes()
        }
    }
}

const HTTP_STATUSES: &[u16] = &[400, 401, 404, 409, 500, 503, 502, 200, 599, 100];

#[derive(Default, Debug)]
struct Stats {
    inputs: usize,
    bodies: usize,
    strict_ok: usize,
    typed: usize,
    known: usize,
    unknown: usize,
    mismatches: usize,
    errors: [usize; 4],
}

fn kind_index(kind: DecodeErrorKind) -> usize {
    match kind {
        DecodeErrorKind::Empty => 0,
        DecodeErrorKind::Syntax => 1,
        DecodeErrorKind::Truncated => 2,
        DecodeErrorKind::Shape => 3,
        other => panic!("a new kind: {other:?}"),
    }
}

/// Runs the three decoders on `bytes` and checks that they agree.
fn check<E>(iteration: usize, status: StatusCode, bytes: &[u8], stats: &mut Stats)
where
    E: ApiError + Debug + DeserializeOwned,
{
    let context = || {
        format!(
            "iteration {iteration}, input {:?}",
            String::from_utf8_lossy(bytes)
        )
    };
    stats.inputs += 1;
    let body = serde_json::from_slice::<ErrorBody>(bytes);
    let strict = serde_json::from_slice::<E>(bytes);
    let lenient = decode::<E>(status, bytes);

    let body = match body {
        Err(body_err) => {
            assert!(strict.is_err(), "{}", context());
            let err = lenient.expect_err(&context());
            assert_eq!(err.status(), status, "{}", context());
            assert_eq!(err.body(), bytes, "{}", context());
            let empty = bytes.iter().all(u8::is_ascii_whitespace);
            assert_eq!(err.kind() == DecodeErrorKind::Empty, empty, "{}", context());
            if !empty {
                // The same JSON error as ErrorBody's own.
                assert_eq!(
                    err.json_error().map(ToString::to_string),
                    Some(body_err.to_string()),
                    "{}",
                    context()
                );
            }
            assert!(!err.to_string().is_empty());
            stats.errors[kind_index(err.kind())] += 1;
            return;
        }
        Ok(body) => body,
    };
    stats.bodies += 1;

    // The body round-trips through its own serialization...
    let json = serde_json::to_vec(&body).unwrap();
    assert_eq!(
        serde_json::from_slice::<ErrorBody>(&json).unwrap(),
        body,
        "{}",
        context()
    );
    // ...and `to_json` writes the same bytes.
    assert_eq!(&body.to_json()[..], &json[..], "{}", context());

    let received = lenient.unwrap_or_else(|err| panic!("{}: {err}", context()));
    assert_eq!(received.status(), status);
    assert_eq!(received.body(), &body, "{}", context());
    assert_eq!(received.code(), body.code);
    assert_eq!(received.message(), body.message);

    let catalog_status = match received.kind() {
        ReceivedKind::Typed(error) => {
            stats.typed += 1;
            assert_eq!(error.code(), body.code, "{}", context());
            if error.static_body().is_none() {
                // A rebuilt templated variant displays as the received message.
                assert_eq!(error.to_string(), body.message, "{}", context());
            }
            // A rebuilt error decodes back to itself.
            let again = decode::<E>(error.status(), &error.to_json()).unwrap();
            assert_eq!(
                format!("{:?}", again.typed()),
                format!("{:?}", Some(error)),
                "{}",
                context()
            );
            Some(error.spec().status)
        }
        ReceivedKind::Known(spec) => {
            stats.known += 1;
            assert_eq!(spec.code, body.code, "{}", context());
            assert!(!spec.is_transparent());
            Some(spec.status)
        }
        ReceivedKind::Unknown => {
            stats.unknown += 1;
            assert!(
                catalog::flatten(E::catalog())
                    .iter()
                    .all(|spec| spec.code != body.code),
                "{}",
                context()
            );
            None
        }
    };
    assert_eq!(received.spec().map(|spec| spec.status), catalog_status);

    // The mismatch is reported exactly when the statuses disagree.
    let agree =
        body.status == status.as_u16() && catalog_status.is_none_or(|s| s == status.as_u16());
    match received.status_mismatch() {
        None => assert!(agree, "{}", context()),
        Some(mismatch) => {
            stats.mismatches += 1;
            assert!(!agree, "{}", context());
            assert_eq!(mismatch.http, status);
            assert_eq!(mismatch.body, body.status);
            assert_eq!(mismatch.catalog, catalog_status);
        }
    }

    // Strict = typed and the body's status is the catalog's.
    match (&strict, received.typed()) {
        (Ok(strict), Some(typed)) => {
            stats.strict_ok += 1;
            assert_eq!(body.status, typed.spec().status, "{}", context());
            assert_eq!(format!("{strict:?}"), format!("{typed:?}"), "{}", context());
        }
        (Ok(strict), None) => panic!("{}: strict {strict:?} but not typed", context()),
        (Err(_), Some(typed)) => {
            assert_ne!(body.status, typed.spec().status, "{}", context())
        }
        (Err(_), None) => {}
    }
}

/// The seeds: one valid body for every code of the License API, with a
/// message its template makes.
fn license_seeds() -> (Vec<&'static str>, Vec<String>, Vec<Vec<u8>>) {
    let specs = catalog::flatten(LicenseApiError::catalog());
    let codes: Vec<&'static str> = specs.iter().map(|spec| spec.code).collect();
    let mut messages: Vec<String> = specs.iter().map(|spec| spec.message.to_owned()).collect();
    let samples = [
        LicenseApiError::Validation("license_key: too long".into()),
        LicenseApiError::MissingHeaders {
            header: "Authorization".into(),
        },
        LicenseApiError::MissingParameters {
            parameters: "license_key, hardware_id".into(),
        },
        LicenseApiError::InvalidValue {
            parameter: "product".into(),
            reason: "unknown product \"pro\"".into(),
        },
    ];
    messages.extend(samples.iter().map(ToString::to_string));
    let mut seeds: Vec<Vec<u8>> = specs
        .iter()
        .map(|spec| {
            ErrorBody::new(spec.status, spec.code, spec.message)
                .to_json()
                .to_vec()
        })
        .collect();
    seeds.extend(samples.iter().map(|error| error.to_json().to_vec()));
    (codes, messages, seeds)
}

#[test]
fn mutated_and_random_license_api_bodies() {
    let (codes, messages, mut seeds) = license_seeds();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut stats = Stats::default();
    for iteration in 0..ITERATIONS {
        let status = StatusCode::from_u16(rng.pick(HTTP_STATUSES)).unwrap();
        let input = match rng.below(10) {
            0..=3 => {
                let seed = rng.below(seeds.len());
                let other = rng.below(seeds.len());
                mutate(&mut rng, &seeds[seed], &seeds[other])
            }
            4..=7 => {
                let body = structured_body(&mut rng, &codes, &messages).into_bytes();
                if rng.chance(30) {
                    let other = rng.below(seeds.len());
                    mutate(&mut rng, &body, &seeds[other])
                } else {
                    body
                }
            }
            8 => random_input(&mut rng),
            _ => seeds[rng.below(seeds.len())].clone(),
        };
        check::<LicenseApiError>(iteration, status, &input, &mut stats);
        // Keep some bodies that parsed as seeds for later mutations.
        if seeds.len() < 1_000
            && rng.chance(1)
            && serde_json::from_slice::<ErrorBody>(&input).is_ok()
        {
            seeds.push(input);
        }
    }
    println!("{stats:?}");
    assert_eq!(stats.inputs, ITERATIONS);
    // Every path was taken often: the test is not vacuous.
    assert!(stats.bodies > ITERATIONS / 4, "{stats:?}");
    assert!(stats.typed > ITERATIONS / 10, "{stats:?}");
    assert!(stats.strict_ok > ITERATIONS / 20, "{stats:?}");
    assert!(stats.known > 100, "{stats:?}");
    assert!(stats.unknown > 1_000, "{stats:?}");
    assert!(stats.mismatches > 1_000, "{stats:?}");
    assert!(stats.errors.iter().all(|&n| n > 20), "{stats:?}");
}

// ---------------------------------------------------------------------------
// Messages close to templates, for the splitting and parsing of fields.

#[derive(Debug, ApiError)]
#[allow(dead_code)] // some variants are only ever decoded
enum StoreError {
    #[api_error(
        status = 503,
        code = "store_unavailable",
        message = "Store {0} unavailable"
    )]
    Unavailable(String),
    #[api_error(status = 500, code = "store_failed", message = "Store failed")]
    Failed(#[source] std::io::Error),
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
#[allow(dead_code)] // some variants are only ever decoded
enum Templates {
    #[api_error(code = "unit", message = "Fixed {{braces}}")]
    Unit,
    #[api_error(code = "whole", message = "{0}")]
    Whole(String),
    #[api_error(code = "named", message = "License {key} not found")]
    Named { key: String },
    #[api_error(code = "two", message = "Quantity {0} exceeds the limit of {1}")]
    Two(u32, u32),
    #[api_error(code = "mixed", message = "{name}: {count} × {ratio}é")]
    Mixed {
        name: String,
        count: i64,
        ratio: f64,
    },
    #[api_error(code = "chars", message = "[{0}|{1}]")]
    Chars(char, bool),
    #[api_error(code = "same_sep", message = "{a}, {b}, {c}")]
    SameSep { a: String, b: u8, c: String },
    #[api_error(code = "adjacent", message = "{a}{b}")]
    Adjacent { a: String, b: String },
    #[api_error(code = "debug", message = "{0:?}")]
    Debugged(String),
    #[api_error(transparent)]
    Store(#[from] StoreError),
}

const TEMPLATE_PIECES: &[&str] = &[
    "",
    "K-1",
    "0",
    "7",
    "-3",
    "4294967295",
    "4294967296",
    "1.5",
    "NaN",
    "inf",
    "-0",
    "1e3",
    "é",
    "✓",
    "𝄞",
    ": ",
    ", ",
    " × ",
    "|",
    "[",
    "]",
    "true",
    "false",
    "x",
    " ",
    "License ",
    " not found",
    "Quantity ",
    " exceeds the limit of ",
    "Store ",
    " unavailable",
    "{",
    "}",
    "\"",
    "\\",
];

/// A message: a template with each placeholder replaced by random pieces,
/// then sometimes cut or spliced.
fn near_template(rng: &mut Rng, template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        if rest[start..].starts_with("{{") {
            out.push('{');
            rest = &rest[start + 2..];
            continue;
        }
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        for _ in 0..rng.below(3) {
            out.push_str(rng.pick(TEMPLATE_PIECES));
        }
        rest = &rest[end..];
    }
    out.push_str(&rest.replace("}}", "}"));
    if rng.chance(20) {
        let mut cut = rng.below(out.len() + 1);
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str(rng.pick(TEMPLATE_PIECES));
    }
    out
}

#[test]
fn messages_near_their_templates() {
    let specs = catalog::flatten(Templates::catalog());
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut stats = Stats::default();
    for iteration in 0..MESSAGE_ITERATIONS {
        let spec = rng.pick(&specs);
        let template = rng.pick(&specs).message;
        let message = near_template(&mut rng, template);
        let body_status = if rng.chance(90) { spec.status } else { 400 };
        let body = ErrorBody::new(body_status, spec.code, message);
        let status = StatusCode::from_u16(spec.status).unwrap();
        check::<Templates>(iteration, status, &body.to_json(), &mut stats);
    }
    println!("{stats:?}");
    assert_eq!(stats.bodies, MESSAGE_ITERATIONS);
    assert!(stats.typed > MESSAGE_ITERATIONS / 10, "{stats:?}");
    assert!(stats.known > MESSAGE_ITERATIONS / 10, "{stats:?}");
    assert!(stats.mismatches > 100, "{stats:?}");
}
