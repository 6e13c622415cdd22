//! The error contract guard (`error_catalog::contract`): the License API's
//! committed snapshot, one test for each rule of `diff` on a small enum
//! released twice, `verify`'s behaviours (each in a child process with an
//! environment of its own), and the command-line check, called directly and
//! through the `catalog` example.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use error_catalog::contract::{
    self, diff, ChangeKind, Exit, Severity, Snapshot, SnapshotError, ACCEPT_VAR,
};
use error_catalog::{ApiError, FromBodyError};
use error_catalog_examples::LicenseApiError;

#[test]
fn error_contract() {
    error_catalog::contract::verify::<LicenseApiError>("tests/error-contract.json");
}

#[path = "contract/releases.rs"]
mod releases;

use releases::*;

type Row = (Severity, String, ChangeKind, Option<String>, Option<String>);

/// Every change from `Old`'s contract to `New`'s: severity, code, kind, old
/// and new values.
fn changes<Old: ApiError, New: ApiError>() -> Vec<Row> {
    diff(&Snapshot::of::<Old>(), &Snapshot::of::<New>())
        .changes()
        .iter()
        .map(|c| {
            (
                c.severity(),
                c.code.clone(),
                c.kind,
                c.old.clone(),
                c.new.clone(),
            )
        })
        .collect()
}

fn row(
    severity: Severity,
    code: &str,
    kind: ChangeKind,
    old: Option<&str>,
    new: Option<&str>,
) -> Row {
    (
        severity,
        code.to_owned(),
        kind,
        old.map(str::to_owned),
        new.map(str::to_owned),
    )
}

#[test]
fn no_change_no_diff() {
    assert_eq!(changes::<v1::OrderError, v1::OrderError>(), []);
}

#[test]
fn a_removed_code_breaks_every_client() {
    assert_eq!(
        changes::<v1::OrderError, removed::OrderError>(),
        [row(
            Severity::Breaking,
            "unknown_sku",
            ChangeKind::CodeRemoved,
            Some(r#"404 "Unknown SKU {0}""#),
            None
        )]
    );
}

#[test]
fn a_changed_status_breaks_every_client() {
    assert_eq!(
        changes::<v1::OrderError, status::OrderError>(),
        [row(
            Severity::Breaking,
            "order_closed",
            ChangeKind::StatusChanged,
            Some("400"),
            Some("409")
        )]
    );
    // The strict decoder of a v1 client rejects the new body.
    let body = serde_json::to_vec(&status::OrderError::OrderClosed).unwrap();
    let err = serde_json::from_slice::<v1::OrderError>(&body).unwrap_err();
    assert!(err.to_string().contains("status 400"), "{err}");
}

#[test]
fn changed_literal_text_in_a_rebuilt_message_breaks_typed_clients() {
    assert_eq!(
        changes::<v1::OrderError, literal::OrderError>(),
        [row(
            Severity::BreakingForTypedClients,
            "quantity_too_large",
            ChangeKind::TemplateChanged,
            Some("Quantity {quantity} exceeds {limit}"),
            Some("Quantity {quantity} is over the limit of {limit}")
        )]
    );
    // Why: a v1 client can no longer rebuild the error it receives.
    let sent = literal::OrderError::QuantityTooLarge {
        quantity: 9,
        limit: 5,
    };
    assert_eq!(
        v1::OrderError::from_parts(sent.code(), &sent.to_string()),
        Err(FromBodyError::NotRebuildable {
            variant: "QuantityTooLarge",
            code: "quantity_too_large"
        })
    );
}

#[test]
fn a_renamed_placeholder_in_a_rebuilt_message_breaks_typed_clients() {
    assert_eq!(
        changes::<v1::OrderError, renamed::OrderError>(),
        [row(
            Severity::BreakingForTypedClients,
            "quantity_too_large",
            ChangeKind::TemplateChanged,
            Some("Quantity {quantity} exceeds {limit}"),
            Some("Quantity {quantity} exceeds {max}")
        )]
    );
}

#[test]
fn a_renamed_placeholder_breaks_typed_clients_even_where_the_message_does_not_rebuild() {
    // The field's name is a key clients read its value by, whether or not
    // the message itself rebuilds.
    assert!(!Snapshot::of::<v1::OrderError>().entries()[0].rebuilds);
    assert_eq!(
        changes::<v1::OrderError, renamed_unrebuilt::OrderError>(),
        [row(
            Severity::BreakingForTypedClients,
            "bad_sku",
            ChangeKind::TemplateChanged,
            Some("Bad SKU {0:?}"),
            Some("Bad SKU {sku:?}")
        )]
    );
}

#[test]
fn reordered_placeholders_in_a_rebuilt_message_break_typed_clients() {
    assert_eq!(
        changes::<v1::OrderError, reordered::OrderError>(),
        [row(
            Severity::BreakingForTypedClients,
            "quantity_too_large",
            ChangeKind::TemplateChanged,
            Some("Quantity {quantity} exceeds {limit}"),
            Some("Quantity {limit} exceeds {quantity}")
        )]
    );
    // Why: a v1 client rebuilds the error with its fields swapped.
    let sent = reordered::OrderError::QuantityTooLarge {
        quantity: 9,
        limit: 5,
    };
    assert_eq!(
        v1::OrderError::from_parts(sent.code(), &sent.to_string()),
        Ok(v1::OrderError::QuantityTooLarge {
            quantity: 5,
            limit: 9
        })
    );
}

#[test]
fn a_code_that_no_longer_rebuilds_breaks_typed_clients() {
    assert_eq!(
        changes::<v1::OrderError, opaque::OrderError>(),
        [row(
            Severity::BreakingForTypedClients,
            "unknown_sku",
            ChangeKind::NoLongerRebuilds,
            Some("true"),
            Some("false")
        )]
    );
    // Why: the same body rebuilds a v1 error, and no longer an error of the new release.
    let sent = opaque::OrderError::UnknownSku(Sku("SKU-1".into()));
    assert!(v1::OrderError::from_parts(sent.code(), &sent.to_string()).is_ok());
    assert!(opaque::OrderError::from_parts(sent.code(), &sent.to_string()).is_err());
}

#[test]
fn a_new_code_is_additive() {
    assert_eq!(
        changes::<v1::OrderError, added::OrderError>(),
        [row(
            Severity::Additive,
            "rate_limited",
            ChangeKind::CodeAdded,
            None,
            Some(r#"429 "Slow down""#)
        )]
    );
}

#[test]
fn a_code_that_now_rebuilds_is_additive() {
    assert_eq!(
        changes::<opaque::OrderError, v1::OrderError>(),
        [row(
            Severity::Additive,
            "unknown_sku",
            ChangeKind::NowRebuilds,
            Some("false"),
            Some("true")
        )]
    );
}

#[test]
fn a_reworded_message_that_no_client_rebuilds_is_cosmetic() {
    assert_eq!(
        changes::<v1::OrderError, reworded::OrderError>(),
        [
            row(
                Severity::Cosmetic,
                "bad_sku",
                ChangeKind::MessageReworded,
                Some("Bad SKU {0:?}"),
                Some("Malformed SKU: {0:?}")
            ),
            row(
                Severity::Cosmetic,
                "order_closed",
                ChangeKind::MessageReworded,
                Some("The order is closed"),
                Some("This order no longer accepts changes")
            ),
            row(
                Severity::Cosmetic,
                "unknown_sku",
                ChangeKind::MessageReworded,
                Some("Unknown SKU {0}"),
                Some("Unknown SKU {}")
            ),
        ]
    );
    // Why: a v1 client still rebuilds every one of them.
    let sent = [
        reworded::OrderError::OrderClosed,
        reworded::OrderError::UnknownSku("SKU-1".into()),
    ];
    for err in sent {
        assert!(v1::OrderError::from_parts(err.code(), &err.to_string()).is_ok());
    }
    // `bad_sku` never rebuilt: its `{0:?}` does not give the field back.
    assert!(!Snapshot::of::<v1::OrderError>().entries()[0].rebuilds);
}

#[test]
fn a_changed_description_or_variant_name_is_cosmetic() {
    assert_eq!(
        changes::<v1::OrderError, documented::OrderError>(),
        [
            row(
                Severity::Cosmetic,
                "order_closed",
                ChangeKind::DescriptionChanged,
                Some("The order is closed to changes."),
                Some("The order was shipped or cancelled, and takes no more changes.")
            ),
            row(
                Severity::Cosmetic,
                "unknown_sku",
                ChangeKind::VariantRenamed,
                Some("UnknownSku"),
                Some("SkuNotFound")
            ),
        ]
    );
}

#[test]
fn changes_are_listed_most_severe_first_with_their_values() {
    // v1 → a release with every kind of change at once, by snapshot values.
    let old = Snapshot::of::<v1::OrderError>();
    let mut new: serde_json::Value = serde_json::from_str(&old.to_json()).unwrap();
    let entries = new.as_array_mut().unwrap();
    entries.retain(|e| e["code"] != "bad_sku"); // removed
    entries[0]["status"] = 409.into(); // order_closed
    entries[0]["description"] = "Closed.".into();
    entries[1]["message"] = "Quantity {quantity} > {limit}".into(); // quantity_too_large
    entries[2]["variant"] = "SkuNotFound".into(); // unknown_sku
    let new = Snapshot::from_json(&new.to_string()).unwrap();
    let changes = diff(&old, &new);
    assert!(changes.is_breaking());
    assert_eq!(changes.count(Severity::Breaking), 2);
    assert_eq!(
        changes.to_string(),
        "breaking: bad_sku: code removed (was 400 \"Bad SKU {0:?}\")\n\
         breaking: order_closed: status 400 -> 409\n\
         breaking for typed clients: quantity_too_large: message \"Quantity {quantity} exceeds {limit}\" -> \"Quantity {quantity} > {limit}\"\n\
         cosmetic: order_closed: description \"The order is closed to changes.\" -> \"Closed.\"\n\
         cosmetic: unknown_sku: variant UnknownSku -> SkuNotFound\n"
    );
}

// ---------------------------------------------------------------------------
// What the snapshot records.
// ---------------------------------------------------------------------------

#[test]
fn snapshot_json_is_sorted_by_code_one_member_a_line() {
    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    enum Small {
        /// Z comes first in the enum.
        #[api_error(code = "z_last", message = "Value {value} for \"{key}\"")]
        Z { key: String, value: u32 },
        #[api_error(status = 404, code = "a_first", message = "Not here")]
        A,
    }
    let expected = r#"[
  {
    "code": "a_first",
    "status": 404,
    "message": "Not here",
    "placeholders": [],
    "rebuilds": true,
    "variant": "A",
    "description": ""
  },
  {
    "code": "z_last",
    "status": 400,
    "message": "Value {value} for \"{key}\"",
    "placeholders": [
      "value",
      "key"
    ],
    "rebuilds": true,
    "variant": "Z",
    "description": "Z comes first in the enum."
  }
]
"#;
    assert_eq!(Snapshot::of::<Small>().to_json(), expected);
    assert_eq!(
        Snapshot::from_json(expected).unwrap(),
        Snapshot::of::<Small>()
    );
}

#[test]
fn the_license_api_snapshot_has_every_code_sorted() {
    let snapshot = Snapshot::of::<LicenseApiError>();
    let entries = snapshot.entries();
    assert_eq!(entries.len(), 79);
    assert!(entries.windows(2).all(|w| w[0].code < w[1].code));
    for entry in entries {
        let spec = LicenseApiError::catalog()
            .iter()
            .find(|spec| spec.code == entry.code)
            .unwrap();
        assert_eq!(
            (
                entry.status,
                &*entry.message,
                &*entry.variant,
                &*entry.description
            ),
            (spec.status, spec.message, spec.variant, spec.description)
        );
    }
    // 78 of the 79 codes rebuild; `internal_error` has a source.
    let not_rebuilt: Vec<_> = entries
        .iter()
        .filter(|e| !e.rebuilds)
        .map(|e| &*e.code)
        .collect();
    assert_eq!(not_rebuilt, ["internal_error"]);
    let invalid_value = entries.iter().find(|e| e.code == "invalid_value").unwrap();
    assert_eq!(invalid_value.placeholders, ["parameter", "reason"]);
}

/// A message that matches `template`, each placeholder filled with `7`.
fn sample_message(template: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => out.push(chars.next().unwrap()),
            '}' if chars.peek() == Some(&'}') => out.push(chars.next().unwrap()),
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push('7');
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn the_rebuild_flag_is_what_the_decoder_does() {
    #[allow(dead_code)] // fields carried by the error, never shown
    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    enum Shapes {
        #[api_error(code = "unit", message = "Unit")]
        Unit,
        #[api_error(code = "whole", message = "{0}")]
        Whole(String),
        #[api_error(code = "numbers", message = "{0} of {1}")]
        Numbers(u32, u8),
        #[api_error(code = "debug", message = "{0:?}")]
        Debug(String),
        #[api_error(code = "width", message = "[{0:>5}]")]
        Width(u32),
        #[api_error(code = "source", message = "Failed {0}")]
        Source(u32, #[source] std::io::Error),
        #[api_error(code = "hidden", message = "Hidden")]
        Hidden(u32),
        #[api_error(code = "adjacent", message = "{a}{b}")]
        Adjacent { a: u32, b: u32 },
        #[api_error(code = "opaque", message = "SKU {0}")]
        Opaque(Sku),
        #[api_error(code = "repeated", message = "{0} and {0}")]
        Repeated(u32),
        #[api_error(code = "mixed", message = "{0} at {1}")]
        Mixed(u32, Sku),
        #[api_error(code = "qualified", message = "{0} / {1}")]
        Qualified(std::string::String, i64),
    }
    let mut rebuilt = Vec::new();
    for spec in Shapes::catalog() {
        let decoded = Shapes::from_parts(spec.code, &sample_message(spec.message)).is_ok();
        assert_eq!(spec.rebuilds(), decoded, "{}", spec.code);
        if decoded {
            rebuilt.push(spec.code);
        }
    }
    assert_eq!(
        rebuilt,
        ["unit", "whole", "numbers", "repeated", "qualified"]
    );
    // The License API's flags, against its decoder.
    for spec in LicenseApiError::catalog() {
        let decoded = LicenseApiError::from_parts(spec.code, &sample_message(spec.message));
        assert_eq!(spec.rebuilds(), decoded.is_ok(), "{}", spec.code);
    }
}

#[test]
fn a_generic_field_counts_as_parsable() {
    // The const catalog cannot name `T`: the flag errs toward "rebuilds", so
    // that a change to the message is reported as breaking, not missed.
    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    enum Generic<T> {
        #[api_error(code = "value", message = "Value {0}")]
        Value(T),
    }
    assert!(Generic::<u32>::catalog()[0].rebuilds());
    assert!(Snapshot::of::<Generic<Sku>>().entries()[0].rebuilds);
}

#[test]
fn transparent_codes_are_in_the_snapshot() {
    mod inner_v1 {
        use super::*;
        #[derive(Debug, ApiError)]
        pub enum StoreError {
            #[api_error(
                status = 503,
                code = "store_unavailable",
                message = "Store unavailable"
            )]
            Unavailable,
            #[api_error(status = 504, code = "store_timeout", message = "Store timed out")]
            Timeout,
        }
        #[derive(Debug, ApiError)]
        pub enum ServiceError {
            #[api_error(status = 404, code = "not_found", message = "Not found")]
            NotFound,
            #[api_error(transparent)]
            Store(#[from] StoreError),
        }
    }
    mod inner_v2 {
        use super::*;
        #[derive(Debug, ApiError)]
        pub enum StoreError {
            #[api_error(
                status = 503,
                code = "store_unavailable",
                message = "Store unavailable"
            )]
            Unavailable,
        }
        #[derive(Debug, ApiError)]
        pub enum ServiceError {
            #[api_error(status = 404, code = "not_found", message = "Not found")]
            NotFound,
            #[api_error(transparent)]
            Store(#[from] StoreError),
        }
    }
    let codes: Vec<_> = Snapshot::of::<inner_v1::ServiceError>()
        .entries()
        .iter()
        .map(|e| e.code.clone())
        .collect();
    assert_eq!(codes, ["not_found", "store_timeout", "store_unavailable"]);
    // A code removed from the wrapped error is removed from the service's contract.
    assert_eq!(
        changes::<inner_v1::ServiceError, inner_v2::ServiceError>(),
        [row(
            Severity::Breaking,
            "store_timeout",
            ChangeKind::CodeRemoved,
            Some(r#"504 "Store timed out""#),
            None
        )]
    );
}

#[test]
fn text_that_is_not_a_snapshot_is_a_typed_error() {
    let syntax = ["", "<html>Bad Gateway</html>", "[", "[{\"code\": }]"];
    for text in syntax {
        assert!(
            matches!(Snapshot::from_json(text), Err(SnapshotError::Syntax { .. })),
            "{text:?}"
        );
    }
    let entry = r#""code": "x", "status": 400, "message": "X {k}", "placeholders": ["k"], "rebuilds": true, "variant": "X", "description": """#;
    assert!(Snapshot::from_json(&format!("[{{{entry}}}]")).is_ok());
    let shapes = [
        (r#"{"code": "x"}"#.to_owned(), None),
        ("[1]".to_owned(), Some(0)),
        (format!("[{{{entry}}}, {{}}]"), Some(1)),
        (
            format!(r#"[{{{}}}]"#, entry.replace("400", "70000")),
            Some(0),
        ),
        (format!(r#"[{{{}}}]"#, entry.replace("400", "-1")), Some(0)),
        (format!(r#"[{{{}}}]"#, entry.replace("true", "1")), Some(0)),
        (
            format!(r#"[{{{}}}]"#, entry.replace(r#"["k"]"#, r#"["j"]"#)),
            Some(0),
        ),
        (
            format!(r#"[{{{}}}]"#, entry.replace(r#"["k"]"#, r#"[1]"#)),
            Some(0),
        ),
        (
            format!(r#"[{{{}}}]"#, entry.replace(r#""variant": "X", "#, "")),
            Some(0),
        ),
    ];
    for (text, at) in shapes {
        match Snapshot::from_json(&text) {
            Err(SnapshotError::Shape { entry, .. }) => assert_eq!(entry, at, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    // Every cut of a real snapshot is an error, never a panic.
    let json = Snapshot::of::<LicenseApiError>().to_json();
    let cuts = json.char_indices().map(|(i, _)| i).step_by(7);
    for cut in cuts {
        assert!(Snapshot::from_json(&json[..cut]).is_err(), "cut at {cut}");
    }
}

// ---------------------------------------------------------------------------
// `verify`, each case in a child process: this test binary run again with
// only `verify_in_child`, and an environment of its own. The parent's
// `ERROR_CATALOG_ACCEPT` (set when a break of the License API is accepted)
// then changes nothing here.
// ---------------------------------------------------------------------------

const CHILD_FILE: &str = "ERROR_CATALOG_TEST_FILE";
const CHILD_ENUM: &str = "ERROR_CATALOG_TEST_ENUM";

#[test]
#[ignore = "run by the verify tests, in a child process with its own environment"]
fn verify_in_child() {
    let Some(file) = std::env::var_os(CHILD_FILE) else {
        return;
    };
    match std::env::var(CHILD_ENUM).as_deref() {
        Ok("v1") => contract::verify::<v1::OrderError>(file),
        Ok("added") => contract::verify::<added::OrderError>(file),
        Ok("reworded") => contract::verify::<reworded::OrderError>(file),
        Ok("status") => contract::verify::<status::OrderError>(file),
        other => panic!("unknown enum {other:?}"),
    }
}

/// Runs `verify::<enum>(file)` in a child process, in `dir`, with
/// `ERROR_CATALOG_ACCEPT=1` or without it.
fn verify_child(enum_: &str, file: &Path, dir: &Path, accept: bool) -> (bool, String) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["verify_in_child", "--exact", "--ignored", "--nocapture"])
        .env(CHILD_FILE, file)
        .env(CHILD_ENUM, enum_)
        .env_remove("RUST_BACKTRACE")
        .current_dir(dir);
    if accept {
        command.env(ACCEPT_VAR, "1");
    } else {
        command.env_remove(ACCEPT_VAR);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().unwrap();
    let output = String::from_utf8_lossy(&stdout).into_owned() + &String::from_utf8_lossy(&stderr);
    (status.success(), output)
}

/// An empty directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("contract-{}", std::process::id()))
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn verify_writes_a_missing_file_and_passes() {
    let dir = scratch("missing");
    let file = dir.join("nested/dir/error-contract.json");
    let (passed, output) = verify_child("v1", &file, &dir, false);
    assert!(passed, "{output}");
    assert!(output.contains("wrote"), "{output}");
    assert_eq!(
        Snapshot::read(&file).unwrap(),
        Snapshot::of::<v1::OrderError>()
    );
    // Run again: unchanged, and the file too.
    let before = fs::read(&file).unwrap();
    let (passed, output) = verify_child("v1", &file, &dir, false);
    assert!(passed, "{output}");
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[test]
fn verify_passes_prints_and_updates_on_additive_and_cosmetic_changes() {
    let dir = scratch("compatible");
    let file = dir.join("error-contract.json");
    for (release, printed) in [
        ("added", "additive: rate_limited: code added (429 \"Slow down\")"),
        (
            "reworded",
            "cosmetic: order_closed: message \"The order is closed\" -> \"This order no longer accepts changes\"",
        ),
    ] {
        fs::write(&file, Snapshot::of::<v1::OrderError>().to_json()).unwrap();
        let (passed, output) = verify_child(release, &file, &dir, false);
        assert!(passed, "{output}");
        assert!(output.contains(printed), "{output}");
        let expected = match release {
            "added" => Snapshot::of::<added::OrderError>(),
            _ => Snapshot::of::<reworded::OrderError>(),
        };
        assert_eq!(Snapshot::read(&file).unwrap(), expected);
    }
}

#[test]
fn verify_fails_on_a_breaking_change_and_leaves_the_file() {
    let dir = scratch("breaking");
    let file = dir.join("error-contract.json");
    let v1 = Snapshot::of::<v1::OrderError>().to_json();
    fs::write(&file, &v1).unwrap();
    let (passed, output) = verify_child("status", &file, &dir, false);
    assert!(!passed, "{output}");
    assert!(
        output.contains("breaking: order_closed: status 400 -> 409"),
        "{output}"
    );
    assert!(output.contains("ERROR_CATALOG_ACCEPT=1"), "{output}");
    assert_eq!(fs::read_to_string(&file).unwrap(), v1);
}

#[test]
fn verify_fails_on_a_file_that_is_not_a_snapshot_and_leaves_it() {
    let dir = scratch("unreadable");
    let file = dir.join("error-contract.json");
    fs::write(&file, "<<<<<<< HEAD\n").unwrap();
    let (passed, output) = verify_child("v1", &file, &dir, false);
    assert!(!passed, "{output}");
    assert!(output.contains("not JSON"), "{output}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "<<<<<<< HEAD\n");
    // Accepted: replaced.
    let (passed, output) = verify_child("v1", &file, &dir, true);
    assert!(passed, "{output}");
    assert_eq!(
        Snapshot::read(&file).unwrap(),
        Snapshot::of::<v1::OrderError>()
    );
}

#[test]
fn error_catalog_accept_rewrites_the_file_on_a_breaking_change() {
    let dir = scratch("accept");
    let file = dir.join("error-contract.json");
    fs::write(&file, Snapshot::of::<v1::OrderError>().to_json()).unwrap();
    let (passed, output) = verify_child("status", &file, &dir, true);
    assert!(passed, "{output}");
    assert!(output.contains("status 400 -> 409"), "{output}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        Snapshot::of::<status::OrderError>().to_json()
    );
}

#[test]
fn a_relative_path_is_relative_to_the_manifest_directory() {
    // The child runs in another directory; the fixture is found in this
    // package's tests/fixtures/, where it records `order_closed` at 410.
    let dir = scratch("relative");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contract-order-v0.json");
    let before = fs::read(&fixture).unwrap();
    let relative = Path::new("tests/fixtures/contract-order-v0.json");
    let (passed, output) = verify_child("v1", relative, &dir, false);
    assert!(!passed, "{output}");
    assert!(
        output.contains("breaking: order_closed: status 410 -> 400"),
        "{output}"
    );
    assert!(output.contains(&fixture.display().to_string()), "{output}");
    assert_eq!(fs::read(&fixture).unwrap(), before);
    assert!(!dir.join(relative).exists());
}

// ---------------------------------------------------------------------------
// The command-line check.
// ---------------------------------------------------------------------------

/// `cli_to::<E>(args)`: the exit, and what it wrote to stdout and stderr.
fn cli<E: ApiError>(args: &[&std::ffi::OsStr]) -> (Exit, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = contract::cli_to::<E>(args.iter().copied(), &mut out, &mut err);
    (
        exit,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn cli_exit_codes_and_output() {
    let dir = scratch("cli");
    let v1 = dir.join("v1.json");
    let added = dir.join("added.json");
    let status = dir.join("status.json");
    let garbage = dir.join("garbage.json");
    fs::write(&v1, Snapshot::of::<v1::OrderError>().to_json()).unwrap();
    fs::write(&added, Snapshot::of::<added::OrderError>().to_json()).unwrap();
    fs::write(&status, Snapshot::of::<status::OrderError>().to_json()).unwrap();
    fs::write(&garbage, "{\"not\": \"a snapshot\"}").unwrap();
    fn check(file: &Path) -> [&std::ffi::OsStr; 2] {
        ["--check".as_ref(), file.as_os_str()]
    }

    assert_eq!(
        cli::<v1::OrderError>(&check(&v1)),
        (
            Exit::Success,
            String::new(),
            "error contract: no changes\n".to_owned()
        )
    );
    assert_eq!(
        cli::<added::OrderError>(&check(&v1)),
        (
            Exit::Success,
            "additive: rate_limited: code added (429 \"Slow down\")\n".to_owned(),
            "error contract: 1 change(s): 1 additive\n".to_owned()
        )
    );
    assert_eq!(
        cli::<status::OrderError>(&check(&v1)),
        (
            Exit::Breaking,
            "breaking: order_closed: status 400 -> 409\n".to_owned(),
            "error contract: 1 change(s): 1 breaking\n".to_owned()
        )
    );
    let (exit, out, err) = cli::<v1::OrderError>(&check(&dir.join("missing.json")));
    assert_eq!((exit, &*out), (Exit::Error, ""));
    assert!(
        err.starts_with("error: ") && err.contains("missing.json"),
        "{err}"
    );
    let (exit, out, err) = cli::<v1::OrderError>(&check(&garbage));
    assert_eq!((exit, &*out), (Exit::Error, ""));
    assert!(err.contains("not an error contract snapshot"), "{err}");
    // `--check` never writes.
    assert_eq!(
        fs::read_to_string(&v1).unwrap(),
        Snapshot::of::<v1::OrderError>().to_json()
    );

    let diff = |old: &Path, new: &Path| {
        cli::<v1::OrderError>(&["--diff".as_ref(), old.as_os_str(), new.as_os_str()]).0
    };
    assert_eq!(diff(&v1, &added), Exit::Success);
    assert_eq!(diff(&added, &v1), Exit::Breaking);
    assert_eq!(diff(&v1, &status), Exit::Breaking);
    assert_eq!(diff(&v1, &garbage), Exit::Error);
    assert_eq!(diff(&garbage, &v1), Exit::Error);

    let (exit, out, _) = cli::<v1::OrderError>(&["--help".as_ref()]);
    assert_eq!(exit, Exit::Success);
    assert!(out.contains("--check FILE"), "{out}");
    for bad in [
        &["--check".as_ref()][..],
        &[],
        &["--format".as_ref(), "json".as_ref()],
    ] {
        let (exit, out, err) = cli::<v1::OrderError>(bad);
        assert_eq!((exit, &*out), (Exit::Error, ""), "{bad:?}");
        assert!(
            err.starts_with("error: ") && err.contains("Usage:"),
            "{err}"
        );
    }
}

/// The `catalog` example's executable, built by cargo in this workspace.
fn catalog_example() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let output = Command::new(cargo)
        .args([
            "build",
            "--offline",
            "--quiet",
            "--example",
            "catalog",
            "--message-format=json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "catalog")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .expect("cargo names the example's executable")
}

#[test]
fn the_catalog_example_checks_the_license_api_contract() {
    let example = catalog_example();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&std::ffi::OsStr]| {
        let output = Command::new(&example)
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let check = "--check".as_ref();

    // The committed snapshot: the repository's own contract. (`error_contract`
    // may be updating it with additive or cosmetic changes right now.)
    let (code, stdout, stderr) = run(&[check, "tests/error-contract.json".as_ref()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");

    // The current contract.
    let dir = scratch("example");
    let current = dir.join("current.json");
    fs::write(&current, Snapshot::of::<LicenseApiError>().to_json()).unwrap();
    let (code, stdout, stderr) = run(&[check, current.as_os_str()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "error contract: no changes\n");

    // An older contract, in which `license_not_found` answered 404.
    let older = dir.join("older.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&Snapshot::of::<LicenseApiError>().to_json()).unwrap();
    for entry in value.as_array_mut().unwrap() {
        if entry["code"] == "license_not_found" {
            entry["status"] = 404.into();
        }
    }
    fs::write(&older, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let (code, stdout, _) = run(&[check, older.as_os_str()]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "breaking: license_not_found: status 404 -> 400\n");

    let (code, stdout, _) = run(&["--diff".as_ref(), current.as_os_str(), older.as_os_str()]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "breaking: license_not_found: status 400 -> 404\n");

    let (code, _, stderr) = run(&[check, dir.join("missing.json").as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("missing.json"), "{stderr}");

    // The catalog printer is still there.
    let (code, stdout, _) = run(&["--format".as_ref(), "json".as_ref()]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.starts_with("[\n  {\n    \"status\": 404"),
        "{stdout}"
    );
}
