//! `LicenseApiError` against the License API's reference error table
//! (tests/fixtures/license-api-errors.tsv), and the catalog renderings.

use std::collections::{BTreeSet, HashSet};

use error_catalog::{catalog, ApiError, ErrorBody, ErrorSpec};
use error_catalog_examples::LicenseApiError;

/// The reference table: status, code, notes; a header line first.
const TABLE: &str = include_str!("fixtures/license-api-errors.tsv");

struct Row {
    status: u16,
    code: &'static str,
    notes: &'static str,
}

fn table() -> Vec<Row> {
    let mut lines = TABLE.lines();
    assert_eq!(lines.next(), Some("status\tcode\tnotes"), "fixture header");
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 3, "fixture line {line:?}");
            Row {
                status: cells[0].parse().expect("fixture status"),
                code: cells[1],
                notes: cells[2],
            }
        })
        .collect()
}

fn row(code: &str) -> Row {
    table()
        .into_iter()
        .find(|row| row.code == code)
        .unwrap_or_else(|| panic!("`{code}` is not in the fixture table"))
}

/// The body the reference API sends, written from the table's own values.
fn expected_body(code: &str, message: &str) -> String {
    let row = row(code);
    format!(
        r#"{{"status":{},"code":"{}","message":"{}"}}"#,
        row.status, row.code, message
    )
}

#[test]
fn fixture_is_the_reference_table() {
    let rows = table();
    assert_eq!(rows.len(), 79);
    let statuses: BTreeSet<u16> = rows.iter().map(|r| r.status).collect();
    assert_eq!(statuses, BTreeSet::from([400, 401, 404, 409, 500]));
    let empty: Vec<&str> = rows
        .iter()
        .filter(|r| r.notes.is_empty())
        .map(|r| r.code)
        .collect();
    assert_eq!(
        empty,
        ["customer_account_id_mismatch", "license_device_exists"]
    );
}

#[test]
fn catalog_matches_the_table_row_by_row() {
    let rows = table();
    let specs = LicenseApiError::catalog();
    assert_eq!(specs.len(), rows.len(), "one variant per table row");
    for (i, (spec, row)) in specs.iter().zip(&rows).enumerate() {
        assert!(!spec.is_transparent(), "row {i}: {spec:?}");
        assert_eq!(spec.code, row.code, "row {i}: code");
        assert_eq!(spec.status, row.status, "row {i} ({}): status", row.code);
        if row.notes.is_empty() {
            assert!(
                !spec.description.trim().is_empty(),
                "row {i} ({}): the table has no notes, the variant needs a description",
                row.code
            );
        } else {
            assert_eq!(
                spec.description, row.notes,
                "row {i} ({}): description",
                row.code
            );
        }
    }
    // Flattening changes nothing: the enum has no transparent variants.
    let flat: Vec<&ErrorSpec> = catalog::flatten(specs);
    assert_eq!(flat.len(), specs.len());
    assert!(flat.iter().zip(specs).all(|(a, b)| std::ptr::eq(*a, b)));
}

#[test]
fn codes_and_variants_are_unique_and_messages_are_set() {
    let specs = LicenseApiError::catalog();
    let codes: HashSet<&str> = specs.iter().map(|s| s.code).collect();
    assert_eq!(codes.len(), specs.len(), "duplicate code");
    let variants: HashSet<&str> = specs.iter().map(|s| s.variant).collect();
    assert_eq!(variants.len(), specs.len(), "duplicate variant");
    for spec in specs {
        assert!(
            !spec.message.trim().is_empty(),
            "{}: empty message",
            spec.code
        );
        assert!(!spec.variant.is_empty(), "{}: empty variant", spec.code);
    }
}

#[test]
fn markdown_table_has_a_row_per_table_row() {
    let markdown = catalog::to_markdown(LicenseApiError::catalog());
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines[0], "| Status | Code | Description |");
    assert_eq!(lines[1], "| --- | --- | --- |");
    let rows = table();
    assert_eq!(lines.len(), 2 + rows.len(), "{markdown}");
    assert!(markdown.ends_with(" |\n"));
    for (line, (row, spec)) in lines[2..]
        .iter()
        .zip(rows.iter().zip(LicenseApiError::catalog()))
    {
        let inner = line
            .strip_prefix("| ")
            .and_then(|l| l.strip_suffix(" |"))
            .unwrap_or_else(|| panic!("not a table row: {line:?}"));
        let cells: Vec<&str> = inner.split(" | ").collect();
        assert_eq!(cells.len(), 3, "{line:?}");
        assert_eq!(cells[0], row.status.to_string(), "{line:?}");
        assert_eq!(cells[1], row.code, "{line:?}");
        if row.notes.is_empty() {
            assert_eq!(cells[2], spec.description, "{line:?}");
        } else {
            assert_eq!(cells[2], row.notes, "{line:?}");
        }
    }
}

#[test]
fn json_catalog_has_the_five_members_for_every_row() {
    let json = catalog::to_json(LicenseApiError::catalog());
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let entries = value.as_array().expect("a JSON array");
    let rows = table();
    assert_eq!(entries.len(), rows.len());
    let members = BTreeSet::from(["code", "description", "message", "status", "variant"]);
    for ((entry, row), spec) in entries.iter().zip(&rows).zip(LicenseApiError::catalog()) {
        let object = entry.as_object().expect("an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, members, "{entry}");
        assert_eq!(entry["status"], row.status, "{entry}");
        assert_eq!(entry["code"], row.code, "{entry}");
        if !row.notes.is_empty() {
            assert_eq!(entry["description"], row.notes, "{entry}");
        }
        assert_eq!(entry["description"], spec.description, "{entry}");
        assert_eq!(entry["message"], spec.message, "{entry}");
        assert_eq!(entry["variant"], spec.variant, "{entry}");
    }
}

#[test]
fn fixed_messages_have_a_static_body_equal_to_their_spec() {
    let mut fixed = 0;
    for spec in LicenseApiError::catalog() {
        if !spec.is_fixed_message() {
            continue;
        }
        fixed += 1;
        let err = if spec.code == "internal_error" {
            LicenseApiError::internal("cause")
        } else {
            let body = ErrorBody::new(spec.status, spec.code, spec.message);
            LicenseApiError::from_body(&body)
                .unwrap_or_else(|e| panic!("{}: a unit variant rebuilds: {e}", spec.code))
        };
        assert_eq!(err.spec().variant, spec.variant);
        let body = err
            .static_body()
            .unwrap_or_else(|| panic!("{}: a fixed message has a static body", spec.code));
        let value: serde_json::Value = serde_json::from_str(body).expect("valid JSON");
        assert_eq!(
            value,
            serde_json::json!({"status": spec.status, "code": spec.code, "message": spec.message}),
        );
        // None of the messages needs escaping, so the bytes are known exactly.
        assert_eq!(body, expected_body(spec.code, spec.message));
        assert_eq!(err.to_json(), body.as_bytes());
        assert_eq!(serde_json::to_string(&err).unwrap(), body);
    }
    // 79 codes, of which validation_error, missing_headers,
    // missing_parameters and invalid_value have templated messages.
    assert_eq!(fixed, 75);
}

#[test]
fn templated_messages_have_no_static_body_and_round_trip() {
    let errors = [
        LicenseApiError::Validation("hardware_id: too long".into()),
        LicenseApiError::MissingHeaders {
            header: "Authorization".into(),
        },
        LicenseApiError::MissingParameters {
            parameters: "license_key, hardware_id".into(),
        },
        LicenseApiError::InvalidValue {
            parameter: "quantity".into(),
            reason: "must be between 1 and 100".into(),
        },
    ];
    for err in errors {
        assert_eq!(err.static_body(), None, "{err:?}");
        let received: LicenseApiError =
            serde_json::from_slice(&err.to_json()).unwrap_or_else(|e| panic!("{err:?}: {e}"));
        assert_eq!(format!("{received:?}"), format!("{err:?}"));
    }
}

fn assert_response(err: &LicenseApiError, status: u16, body: &str) {
    let response = err.to_response();
    assert_eq!(response.status().as_u16(), status, "{err:?}");
    assert_eq!(
        response.headers()[http::header::CONTENT_TYPE],
        "application/json",
        "{err:?}"
    );
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        body,
        "{err:?}"
    );
}

#[test]
fn responses_of_unit_variants() {
    for (err, code, message) in [
        (LicenseApiError::NotFound, "not_found", "Not found"),
        (
            LicenseApiError::LicenseNotFound,
            "license_not_found",
            "License not found",
        ),
        (
            LicenseApiError::AuthenticationFailure,
            "authentication_failure",
            "Authentication failed",
        ),
        (
            LicenseApiError::OrderIdExists,
            "order_id_exists",
            "The order ID already exists",
        ),
    ] {
        assert_response(&err, row(code).status, &expected_body(code, message));
    }
}

#[test]
fn responses_of_templated_variants_escape_the_details() {
    let err = LicenseApiError::InvalidValue {
        parameter: "product".into(),
        reason: "use \"fps\" or \\fpc\\\n".into(),
    };
    assert_response(
        &err,
        400,
        &expected_body(
            "invalid_value",
            r#"Invalid value for product: use \"fps\" or \\fpc\\\n"#,
        ),
    );

    let err = LicenseApiError::Validation("quantity must be ≤ 100".into());
    let response = err.to_response();
    let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"status": 400, "code": "validation_error", "message": "quantity must be ≤ 100"})
    );

    let err = LicenseApiError::MissingHeaders {
        header: "licensespring-hardware-key".into(),
    };
    assert_response(
        &err,
        400,
        &expected_body(
            "missing_headers",
            "Missing header: licensespring-hardware-key",
        ),
    );
}

#[test]
fn internal_error_never_sends_its_source() {
    const SECRET: &str = "postgres://admin:hunter2@db-7.internal/licenses";
    let cause = std::io::Error::other(format!("connection refused: {SECRET}"));
    let err = LicenseApiError::Internal(Box::new(cause));

    // The cause is kept for the server's logs...
    let source = std::error::Error::source(&err).expect("a source");
    assert!(source.to_string().contains(SECRET));

    // ...and is nowhere in what the client receives.
    assert_response(
        &err,
        500,
        &expected_body("internal_error", "An unexpected server error has occured"),
    );
    let response = err.to_response();
    assert!(!String::from_utf8_lossy(response.body()).contains("hunter2"));
    for value in response.headers().values() {
        assert!(!String::from_utf8_lossy(value.as_bytes()).contains("hunter2"));
    }
    assert!(!err.to_string().contains("hunter2"));
    assert!(!serde_json::to_string(&err).unwrap().contains("hunter2"));
}
