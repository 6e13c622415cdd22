//! The seed inputs of each target, taken from the project's own tests so
//! that they follow the tests as they change. `examples/seeds.rs` writes
//! them to `fuzz/seeds/TARGET/`, and `scripts/fuzz.sh` runs it first.

use std::fs;
use std::io;
use std::path::Path;

use error_catalog::{catalog, ApiError, ErrorBody};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::decode::selector;
use crate::{LicenseApiError, Templates};

/// The seeds of the `grpc_status` target: the status of every catalog
/// entry of [`LicenseApiError`] and [`Templates`] that can be built without
/// fields, the statuses of the field-carrying samples of [`decode`], and a
/// status with no details.
pub fn grpc_status() -> Vec<Seed> {
    let mut seeds = vec![(
        "no-details".to_owned(),
        crate::grpc::input(&tonic::Status::not_found("License not found")),
    )];
    let samples = [
        LicenseApiError::LicenseExpired,
        LicenseApiError::Validation("license_key: too long".into()),
        LicenseApiError::MissingHeaders {
            header: "Authorization".into(),
        },
        LicenseApiError::InvalidValue {
            parameter: "product".into(),
            reason: "unknown product \"pro\"".into(),
        },
        LicenseApiError::Internal(Box::new(std::io::Error::other("disk failed"))),
    ];
    for (i, error) in samples.iter().enumerate() {
        seeds.push((
            format!("sample-{i}-{}", error.code()),
            crate::grpc::input(&error.to_status()),
        ));
    }
    seeds
}

/// One seed: a file name (unique within its target) and the input.
pub type Seed = (String, Vec<u8>);

/// The seeds of the `decode` target:
///
/// - the body of every catalog entry of [`LicenseApiError`] and
///   [`Templates`], with its own status, and with its template as the
///   message;
/// - bodies with messages made from fields;
/// - every string literal of `tests/client.rs`, `tests/client_fuzz.rs` and
///   `tests/problem.rs` (well-formed, malformed and hostile bodies, problem
///   details bodies, and their pieces), once for each enum;
/// - the problem details body of every sample.
pub fn decode(root: &Path) -> io::Result<Vec<Seed>> {
    let mut seeds = Vec::new();
    for (templates, specs) in [
        (false, catalog::flatten(LicenseApiError::catalog())),
        (true, catalog::flatten(Templates::catalog())),
    ] {
        for spec in specs {
            let body = ErrorBody::new(spec.status, spec.code, spec.message).to_json();
            let name = format!("catalog-{}", spec.code);
            seeds.push(with_selector(name, templates, spec.status, &body));
        }
    }
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
    for error in &samples {
        let name = format!("sample-{}", error.code());
        seeds.push(with_selector(name, false, 400, &error.to_json()));
    }
    let templated = [
        Templates::Two(7, 4_294_967_295),
        Templates::Mixed {
            name: "é, ✓".into(),
            count: -3,
            ratio: 1.5,
        },
        Templates::Chars('|', true),
        Templates::SameSep {
            a: "x, y".into(),
            b: 7,
            c: String::new(),
        },
    ];
    for error in &templated {
        let name = format!("sample-{}", error.code());
        seeds.push(with_selector(name, true, 400, &error.to_json()));
        let name = format!("problem-{}", error.code());
        seeds.push(with_selector(name, true, 400, &error.to_problem_json()));
    }
    for file in ["tests/client.rs", "tests/client_fuzz.rs", "tests/problem.rs"] {
        let source = fs::read_to_string(root.join(file))?;
        let stem = stem(file);
        for (i, literal) in string_literals(&source).into_iter().enumerate() {
            for templates in [false, true] {
                let enum_name = if templates { "templates" } else { "license" };
                let name = format!("{stem}-{i}-{enum_name}");
                seeds.push(with_selector(name, templates, 400, &literal));
            }
        }
    }
    Ok(seeds)
}

fn with_selector(name: String, templates: bool, status: u16, body: &[u8]) -> Seed {
    let mut input = vec![selector(templates, status)];
    input.extend_from_slice(body);
    (name, input)
}

/// The seeds of the `derive` target: the inputs of the derive's own
/// never-panic tests (the raw strings of `derive-core/src/tests.rs`), and every
/// item that derives `ApiError` in the compile-fail cases (`tests/ui/`), the
/// behaviour and hygiene tests, and the License API.
pub fn derive(root: &Path) -> io::Result<Vec<Seed>> {
    let mut seeds = Vec::new();
    let unit_tests = fs::read_to_string(root.join("derive-core/src/tests.rs"))?;
    for (i, literal) in string_literals(&unit_tests).into_iter().enumerate() {
        if literal.len() > 8 {
            seeds.push((format!("derive-core-tests-{i}"), literal));
        }
    }
    let mut files = vec![
        "tests/derive.rs".to_owned(),
        "tests/hygiene.rs".to_owned(),
        "tests/client_fuzz.rs".to_owned(),
        "src/license_api.rs".to_owned(),
    ];
    let mut ui: Vec<String> = fs::read_dir(root.join("tests/ui"))?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".rs").then(|| format!("tests/ui/{name}"))
        })
        .collect();
    ui.sort();
    files.extend(ui);
    for file in files {
        let source = fs::read_to_string(root.join(&file))?;
        let Ok(tokens) = source.parse::<TokenStream>() else {
            continue;
        };
        let stem = stem(&file);
        for (i, item) in derived_items(tokens).into_iter().enumerate() {
            seeds.push((format!("{stem}-{i}"), item.to_string().into_bytes()));
        }
    }
    Ok(seeds)
}

fn stem(file: &str) -> String {
    file.trim_end_matches(".rs").replace('/', "-")
}

/// Every item that `#[derive(...)]`s `ApiError`, with the attributes after
/// the derive (the input the derive receives), however deep in modules,
/// functions or macro bodies.
fn derived_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Group(group) = &trees[i] {
            items.extend(derived_items(group.stream()));
        }
        let is_derive = matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#')
            && matches!(trees.get(i + 1), Some(TokenTree::Group(g))
            if g.delimiter() == Delimiter::Bracket && {
                let text = g.stream().to_string();
                text.starts_with("derive") && text.contains("ApiError")
            });
        if !is_derive {
            i += 1;
            continue;
        }
        // The item runs to its first brace group, or to a `;` (a tuple
        // struct).
        let start = i + 2;
        let mut end = start;
        while end < trees.len() {
            match &trees[end] {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    end += 1;
                    break;
                }
                TokenTree::Punct(p) if p.as_char() == ';' => {
                    end += 1;
                    break;
                }
                _ => end += 1,
            }
        }
        items.push(trees[start..end].iter().cloned().collect());
        i = end;
    }
    items
}

/// The values of the string and byte-string literals of Rust `source`,
/// raw or not, in order. A rough reader, enough for test files: it skips
/// line comments and character literals, and decodes the common escapes.
pub fn string_literals(source: &str) -> Vec<Vec<u8>> {
    let bytes = source.as_bytes();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            // A character literal such as '"' or '\''.
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') && bytes.get(i + 3) == Some(&b'\'') => i += 4,
            b'r' if raw_prefix(bytes, i) && matches!(bytes.get(i + 1), Some(b'#' | b'"')) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let open = i + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let mut close = b"\"".to_vec();
                close.extend(std::iter::repeat_n(b'#', hashes));
                match find(&bytes[open + 1..], &close) {
                    Some(len) => {
                        literals.push(bytes[open + 1..open + 1 + len].to_vec());
                        i = open + 1 + len + close.len();
                    }
                    None => break,
                }
            }
            b'"' => {
                let (value, next) = escaped(bytes, i + 1);
                literals.push(value);
                i = next;
            }
            _ => i += 1,
        }
    }
    literals
}

/// Whether the `r` at `i` starts a raw string (`r"`, `r#"`, `br"`), not
/// ends an identifier.
fn raw_prefix(bytes: &[u8], i: usize) -> bool {
    let before = |back: usize| i.checked_sub(back).map(|at| bytes[at]);
    let ident = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
    match before(1) {
        Some(b'b') => !ident(before(2)),
        other => !ident(other),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A quoted literal's value from `start` (after the quote), and the index
/// after its closing quote.
fn escaped(bytes: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut value = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (value, i + 1),
            b'\\' => {
                let Some(&next) = bytes.get(i + 1) else {
                    break;
                };
                i += 2;
                match next {
                    b'n' => value.push(b'\n'),
                    b'r' => value.push(b'\r'),
                    b't' => value.push(b'\t'),
                    b'0' => value.push(0),
                    b'x' => {
                        let hex = std::str::from_utf8(&bytes[i..(i + 2).min(bytes.len())]);
                        if let Some(b) = hex.ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            value.push(b);
                        }
                        i += 2;
                    }
                    b'u' => {
                        let end = bytes[i..].iter().position(|&b| b == b'}').map(|e| i + e);
                        let code = end
                            .and_then(|end| std::str::from_utf8(&bytes[i + 1..end]).ok())
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32);
                        if let Some(c) = code {
                            value.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        i = end.map_or(i, |end| end + 1);
                    }
                    // A line continuation: the newline and the indentation.
                    b'\n' => {
                        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                            i += 1;
                        }
                    }
                    other => value.push(other),
                }
            }
            b => {
                value.push(b);
                i += 1;
            }
        }
    }
    (value, bytes.len())
}

/// Writes `seeds` to `dir`, one file each, replacing what was there.
pub fn write(dir: &Path, seeds: &[Seed]) -> io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    for (name, input) in seeds {
        fs::write(dir.join(name), input)?;
    }
    Ok(())
}
