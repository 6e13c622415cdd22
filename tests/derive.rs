//! What `#[derive(ApiError)]` generates, checked on its behaviour: the
//! message, the status and code, the catalog, the source chain, `From`,
//! `transparent`, `rename_all`, generics, the bytes of the JSON body and the
//! decoding of a received body.
//!
//! Every expected body here is written by hand, or built with `serde_json`
//! from the expected message, never taken from the code under test.

use std::error::Error as _;

use error_catalog::{ApiError, ErrorBody, ErrorSpec, FromBodyError};

/// The body that `serde_json` writes for these three parts.
fn expected_body(status: u16, code: &str, message: &str) -> String {
    format!(
        r#"{{"status":{status},"code":{},"message":{}}}"#,
        serde_json::to_string(code).unwrap(),
        serde_json::to_string(message).unwrap(),
    )
}

/// The four ways to get an error's body agree byte for byte with `expected`:
/// `to_json`, `to_response`'s body, `Serialize` and `to_body`.
#[track_caller]
fn assert_body<E: ApiError + serde::Serialize>(error: &E, expected: &str) {
    assert_eq!(
        std::str::from_utf8(&error.to_json()).unwrap(),
        expected,
        "to_json"
    );
    let response = error.to_response();
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        expected,
        "to_response"
    );
    assert_eq!(serde_json::to_string(error).unwrap(), expected, "Serialize");
    assert_eq!(serde_json::to_vec(error).unwrap(), expected.as_bytes());
    assert_eq!(
        std::str::from_utf8(&error.to_body().to_json()).unwrap(),
        expected,
        "to_body"
    );
}

// ---------------------------------------------------------------------------
// Display: the message template filled from the fields.
// ---------------------------------------------------------------------------

#[allow(dead_code)] // a field carried by the error but never shown in its message
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Shapes {
    #[api_error(code = "unit", message = "A unit variant")]
    Unit,
    #[api_error(code = "tuple", message = "Tuple {0} and {1}")]
    Tuple(u32, String),
    #[api_error(code = "tuple_reversed", message = "{1} before {0}, {0} again")]
    TupleReversed(u32, &'static str),
    #[api_error(code = "named", message = "License {key} not found in {region}")]
    Named { key: String, region: &'static str },
    #[api_error(code = "tuple_debug", message = "Got {0:?}")]
    TupleDebug(String),
    #[api_error(code = "named_debug", message = "Got {value:?} and {value}")]
    NamedDebug { value: String },
    #[api_error(
        code = "width",
        message = "[{n:>5}] [{n:<4}] [{n:^5}] [{n:05}] [{x:.2}] [{x:>8.3}] [{n:#x}]"
    )]
    Width { n: u32, x: f64 },
    #[api_error(code = "tuple_width", message = "[{0:>4}] [{1:.1}]")]
    TupleWidth(u8, f32),
    #[api_error(code = "braces", message = "Use {{braces}} around {0}, not }}{{")]
    Braces(u8),
    #[api_error(code = "only_field", message = "{0}")]
    OnlyField(String),
    #[api_error(code = "only_padded", message = "{0:>4}")]
    OnlyPadded(u8),
    #[api_error(code = "only_debug", message = "{value:?}")]
    OnlyDebug { value: String },
    #[api_error(code = "unused_field", message = "The field is not shown")]
    UnusedField { secret: String },
    #[api_error(code = "adjacent", message = "{0}{1}{0}")]
    Adjacent(i8, String),
    #[api_error(code = "path", message = "Cannot read {path} ({n} tries)")]
    Path { path: std::path::PathBuf, n: u8 },
    #[api_error(code = "hex", message = "n = {n}.")]
    Hex { n: DebugShown },
}

#[test]
fn display_fills_unit_tuple_and_struct_variants() {
    assert_eq!(Shapes::Unit.to_string(), "A unit variant");
    assert_eq!(
        Shapes::Tuple(7, "eight".into()).to_string(),
        "Tuple 7 and eight"
    );
    assert_eq!(
        Shapes::TupleReversed(1, "two").to_string(),
        "two before 1, 1 again"
    );
    assert_eq!(
        Shapes::Named {
            key: "K-1".into(),
            region: "eu"
        }
        .to_string(),
        "License K-1 not found in eu"
    );
    assert_eq!(
        Shapes::UnusedField {
            secret: "hunter2".into()
        }
        .to_string(),
        "The field is not shown"
    );
}

#[test]
fn display_honours_debug_width_and_precision() {
    assert_eq!(
        Shapes::TupleDebug("a \"b\"".into()).to_string(),
        r#"Got "a \"b\"""#
    );
    assert_eq!(
        Shapes::NamedDebug { value: "v".into() }.to_string(),
        r#"Got "v" and v"#
    );
    assert_eq!(
        Shapes::Width { n: 42, x: 1.23456 }.to_string(),
        "[   42] [42  ] [ 42  ] [00042] [1.23] [   1.235] [0x2a]"
    );
    assert_eq!(Shapes::TupleWidth(7, 2.25).to_string(), "[   7] [2.2]");
}

#[test]
fn a_message_that_is_one_placeholder_keeps_its_spec() {
    assert_eq!(Shapes::OnlyField("as is".into()).to_string(), "as is");
    assert_eq!(Shapes::OnlyPadded(7).to_string(), "   7");
    assert_eq!(
        Shapes::OnlyDebug { value: "q".into() }.to_string(),
        r#""q""#
    );
    assert_body(
        &Shapes::OnlyDebug { value: "q".into() },
        r#"{"status":400,"code":"only_debug","message":"\"q\""}"#,
    );
}

#[test]
fn display_unescapes_braces() {
    assert_eq!(
        Shapes::Braces(3).to_string(),
        "Use {braces} around 3, not }{"
    );
}

#[test]
fn display_fills_adjacent_placeholders_and_paths() {
    assert_eq!(Shapes::Adjacent(-1, "x".into()).to_string(), "-1x-1");
    assert_eq!(
        Shapes::Path {
            path: "/etc/app.toml".into(),
            n: 3
        }
        .to_string(),
        "Cannot read /etc/app.toml (3 tries)"
    );
}

#[test]
fn display_gives_the_fields_no_spec_of_the_callers() {
    // As `write!` in a hand-written `Display`: a width or a sign asked of
    // the error reaches neither its text nor the fields it shows.
    let err = Shapes::Tuple(7, "eight".into());
    assert_eq!(format!("{err:>30}"), "Tuple 7 and eight");
    assert_eq!(format!("{err:+}"), "Tuple 7 and eight");
    let err = Shapes::Adjacent(5, "x".into());
    assert_eq!(format!("{err:+08}"), "5x5");
    // `{:x?}` too, through a `Debug` that shows the error's `Display` and a
    // field whose `Display` shows its `Debug`.
    struct ShownByDebug<'a>(&'a Shapes);
    impl std::fmt::Debug for ShownByDebug<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            std::fmt::Display::fmt(self.0, f)
        }
    }
    let err = Shapes::Hex { n: DebugShown(255) };
    assert_eq!(format!("{:x?}", ShownByDebug(&err)), "n = 255.");
    assert_eq!(format!("{:x?}", 255), "ff"); // what the field would show
}

/// A type whose `Display` is its `Debug`, the formatter's options included.
#[derive(Debug)]
struct DebugShown(u32);

impl std::fmt::Display for DebugShown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

#[test]
fn display_matches_the_body_message() {
    let err = Shapes::Width { n: 1, x: 0.5 };
    let body: serde_json::Value = serde_json::from_slice(&err.to_json()).unwrap();
    assert_eq!(body["message"], err.to_string());
}

// ---------------------------------------------------------------------------
// Every formatting trait, pointers and paths, as `format!` prints them.
// ---------------------------------------------------------------------------

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Traits<T> {
    #[api_error(
        code = "traits",
        message = "{0:x} {0:X} {0:o} {0:b} {1:e} {1:E} {0:#x} {0:#b} {0:?} {1:+.2} {0:>#6x}"
    )]
    Concrete(u32, f64),
    #[api_error(code = "generic_traits", message = "0x{thing:x} 0x{thing:X} {thing:o}")]
    Generic { thing: T },
}

#[test]
fn every_formatting_trait_prints_as_format_does() {
    assert_eq!(
        Traits::<u8>::Concrete(255, 1234.5).to_string(),
        format!(
            "{0:x} {0:X} {0:o} {0:b} {1:e} {1:E} {0:#x} {0:#b} {0:?} {1:+.2} {0:>#6x}",
            255u32, 1234.5f64
        )
    );
    assert_eq!(
        Traits::Generic { thing: 0xffi32 }.to_string(),
        format!("0x{0:x} 0x{0:X} {0:o}", 0xffi32)
    );
}

#[allow(dead_code)] // the tuple's second field is only shown in one variant
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Pointers {
    #[api_error(code = "boxed_pointer", message = "{field:p}")]
    Boxed { field: Box<i32> },
    #[api_error(code = "pointer_with_text", message = "at {0:p} ({0:?}), then {1:p}")]
    WithText(Box<u8>, &'static str),
    #[api_error(code = "argument_pointer", message("{:p}", .0))]
    Argument(Box<u8>),
}

#[test]
fn a_pointer_placeholder_prints_the_fields_own_pointer() {
    let field = Box::new(-1);
    let expected = format!("{:p}", field);
    let err = Pointers::Boxed { field };
    assert_eq!(err.to_string(), expected);
    if let Pointers::Boxed { field } = &err {
        // The heap address the box holds, not where the field is stored.
        assert_ne!(err.to_string(), format!("{:p}", field as *const Box<i32>));
    }

    let (boxed, text) = (Box::new(7u8), "t");
    let expected = format!("at {:p} ({:?}), then {:p}", boxed, boxed, text);
    assert_eq!(Pointers::WithText(boxed, text).to_string(), expected);

    // An argument `.0` is a reference to the field, as in thiserror: `{:p}`
    // of it is where the field is stored.
    let err = Pointers::Argument(Box::new(1));
    let Pointers::Argument(field) = &err else {
        unreachable!()
    };
    assert_eq!(err.to_string(), format!("{:p}", field));
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum FileError<'a> {
    #[api_error(code = "read_failed", message = "failed to read '{file}'")]
    Read { file: std::path::PathBuf },
    #[api_error(code = "locked", message = "'{0}' is locked ({0:?})")]
    Locked(&'a std::path::Path),
    #[api_error(code = "only_path", message = "{0}")]
    OnlyPath(std::path::PathBuf),
    #[api_error(code = "padded_path", message = "[{0:>12}] [{0:<8.3}]")]
    Padded(Box<std::path::Path>),
    #[api_error(code = "cow_path", message = "{0} and {1}")]
    CowPath(
        std::borrow::Cow<'a, std::path::Path>,
        &'a std::path::PathBuf,
    ),
}

#[test]
fn paths_display_as_their_display_method_does() {
    let path = std::path::PathBuf::from("/var/lib/licenses.db");
    let err = FileError::Read { file: path.clone() };
    let expected = format!("failed to read '{}'", path.display());
    assert_eq!(err.to_string(), expected);
    assert_body(&err, &expected_body(400, "read_failed", &expected));

    assert_eq!(
        FileError::Locked(&path).to_string(),
        format!("'{}' is locked ({:?})", path.display(), path)
    );
    assert_eq!(
        FileError::OnlyPath(path.clone()).to_string(),
        path.display().to_string()
    );
    assert_eq!(
        FileError::Padded(path.clone().into_boxed_path()).to_string(),
        format!("[{0:>12}] [{0:<8.3}]", path.display())
    );
    let short = std::path::Path::new("/a");
    assert_eq!(
        FileError::Padded(short.into()).to_string(),
        format!("[{0:>12}] [{0:<8.3}]", short.display())
    );
    assert_eq!(
        FileError::CowPath(std::borrow::Cow::Borrowed(&path), &path).to_string(),
        format!("{0} and {0}", path.display())
    );
}

#[test]
fn a_path_field_rebuilds_from_its_message() {
    let err = FileError::Read {
        file: "/srv/data.bin".into(),
    };
    match FileError::from_body(&err.to_body()) {
        Ok(FileError::Read { file }) => assert_eq!(file, std::path::Path::new("/srv/data.bin")),
        other => panic!("decoded as {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Messages taken from doc comments.
// ---------------------------------------------------------------------------

#[allow(dead_code)] // a field carried by the error but never shown in its message
#[derive(Debug, ApiError)]
#[api_error(status = 404)]
enum Documented {
    /// Requested API path doesn't exist
    #[api_error(code = "not_found")]
    NotFound,

    /// The first paragraph
    /// goes on here.
    ///
    /// The second paragraph is only in the description.
    #[api_error(code = "two_paragraphs")]
    TwoParagraphs,

    /// The doc comment is the description; the attribute is the message.
    #[api_error(code = "both", message = "Attribute message")]
    Both,

    #[api_error(code = "undocumented", message = "No doc comment")]
    Undocumented,

    /// License {0} is unknown.
    #[api_error(code = "doc_template")]
    DocTemplate(String),

    /// A doc-comment message on a variant with a field.
    #[api_error(code = "doc_with_field")]
    DocWithField(String),
}

#[test]
fn message_defaults_to_the_first_doc_paragraph() {
    assert_eq!(
        Documented::NotFound.to_string(),
        "Requested API path doesn't exist"
    );
    assert_eq!(
        Documented::TwoParagraphs.to_string(),
        "The first paragraph goes on here."
    );
    assert_eq!(Documented::Both.to_string(), "Attribute message");
    // A doc-comment message is a template like an attribute's.
    assert_eq!(
        Documented::DocTemplate("K-3".into()).to_string(),
        "License K-3 is unknown."
    );
    assert_eq!(Documented::catalog()[4].message, "License {0} is unknown.");
    assert_eq!(
        Documented::DocWithField("x".into()).to_string(),
        "A doc-comment message on a variant with a field."
    );
    assert_body(
        &Documented::NotFound,
        r#"{"status":404,"code":"not_found","message":"Requested API path doesn't exist"}"#,
    );
    assert_eq!(
        Documented::NotFound.static_body(),
        Some(r#"{"status":404,"code":"not_found","message":"Requested API path doesn't exist"}"#)
    );
}

#[test]
fn catalog_descriptions_come_from_doc_comments() {
    let catalog = Documented::catalog();
    let descriptions: Vec<&str> = catalog.iter().map(|s| s.description).collect();
    assert_eq!(descriptions[0], "Requested API path doesn't exist");
    assert!(
        descriptions[1].starts_with("The first paragraph"),
        "{:?}",
        descriptions[1]
    );
    assert!(
        descriptions[1].ends_with("The second paragraph is only in the description."),
        "{:?}",
        descriptions[1]
    );
    assert!(
        descriptions[1].contains("\n\n"),
        "paragraphs are joined by a blank line: {:?}",
        descriptions[1]
    );
    assert_eq!(
        descriptions[2],
        "The doc comment is the description; the attribute is the message."
    );
    assert_eq!(descriptions[3], "");
    // The template of a doc-comment message is the paragraph itself.
    assert_eq!(catalog[0].message, "Requested API path doesn't exist");
    assert_eq!(catalog[2].message, "Attribute message");
}

// ---------------------------------------------------------------------------
// Status, code, spec and catalog.
// ---------------------------------------------------------------------------

/// Errors of the order service.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum OrderError {
    /// The order id is already taken.
    #[api_error(status = 409, code = "order_id_taken", message = "Order {id} exists")]
    IdTaken { id: u64 },
    #[api_error(code = "quantity.too-large_2", message = "Quantity {0} exceeds {1}")]
    QuantityTooLarge(u32, u32),
    /// Lowest allowed status.
    #[api_error(status = 400, code = "lowest", message = "Lowest")]
    Lowest,
    #[api_error(status = 599, code = "highest", message = "Highest")]
    Highest,
    #[api_error(status = 503, code = "unavailable", message = "Try again {{later}}")]
    Unavailable,
}

#[test]
fn status_and_code_per_variant_with_the_enum_default() {
    assert_eq!(
        OrderError::IdTaken { id: 1 }.status(),
        http::StatusCode::CONFLICT
    );
    assert_eq!(OrderError::IdTaken { id: 1 }.code(), "order_id_taken");
    assert_eq!(OrderError::QuantityTooLarge(2, 1).status(), 400);
    assert_eq!(
        OrderError::QuantityTooLarge(2, 1).code(),
        "quantity.too-large_2"
    );
    assert_eq!(OrderError::Lowest.status(), 400);
    assert_eq!(OrderError::Highest.status().as_u16(), 599);
    assert_eq!(
        OrderError::Unavailable.status(),
        http::StatusCode::SERVICE_UNAVAILABLE
    );
}

#[test]
fn catalog_lists_every_variant_in_declaration_order() {
    let catalog: &'static [ErrorSpec] = OrderError::catalog();
    let rows: Vec<(&str, &str, u16, &str, &str)> = catalog
        .iter()
        .map(|s| (s.variant, s.code, s.status, s.message, s.description))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "IdTaken",
                "order_id_taken",
                409,
                "Order {id} exists",
                "The order id is already taken."
            ),
            (
                "QuantityTooLarge",
                "quantity.too-large_2",
                400,
                "Quantity {0} exceeds {1}",
                ""
            ),
            ("Lowest", "lowest", 400, "Lowest", "Lowest allowed status."),
            ("Highest", "highest", 599, "Highest", ""),
            ("Unavailable", "unavailable", 503, "Try again {{later}}", ""),
        ]
    );
    assert!(catalog.iter().all(|s| !s.is_transparent()));
    assert!(!catalog[0].is_fixed_message());
    assert!(catalog[2].is_fixed_message());
    assert!(catalog[4].is_fixed_message());
}

#[test]
fn spec_is_the_variants_catalog_entry() {
    let catalog = OrderError::catalog();
    assert_eq!(OrderError::IdTaken { id: 9 }.spec(), &catalog[0]);
    assert_eq!(OrderError::QuantityTooLarge(1, 0).spec(), &catalog[1]);
    assert_eq!(OrderError::Unavailable.spec(), &catalog[4]);
    assert_eq!(OrderError::Lowest.spec(), &catalog[2]);
    assert_eq!(OrderError::Highest.spec().variant, "Highest");
}

// ---------------------------------------------------------------------------
// Bodies: Serialize, to_json, to_response, static_body.
// ---------------------------------------------------------------------------

#[test]
fn serialize_writes_exactly_status_code_message() {
    assert_body(
        &OrderError::IdTaken { id: 17 },
        r#"{"status":409,"code":"order_id_taken","message":"Order 17 exists"}"#,
    );
    assert_body(
        &OrderError::Unavailable,
        r#"{"status":503,"code":"unavailable","message":"Try again {later}"}"#,
    );
    assert_body(
        &Shapes::Named {
            key: "K-1".into(),
            region: "eu",
        },
        r#"{"status":400,"code":"named","message":"License K-1 not found in eu"}"#,
    );
}

#[test]
fn templated_messages_are_escaped_in_the_body() {
    let nasty = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} del \u{7f} é 日本 🚀 </script>";
    let err = Shapes::Tuple(1, nasty.into());
    let message = format!("Tuple 1 and {nasty}");
    assert_eq!(err.static_body(), None);
    assert_body(&err, &expected_body(400, "tuple", &message));
    // A message longer than any inline buffer.
    let long = "\"x\\".repeat(500);
    let err = Shapes::Tuple(2, long.clone());
    assert_body(
        &err,
        &expected_body(400, "tuple", &format!("Tuple 2 and {long}")),
    );
}

#[allow(dead_code)] // a field carried by the error but never shown in its message
#[derive(Debug, ApiError)]
#[api_error(status = 422)]
enum Fixed {
    #[api_error(code = "quotes", message = "Say \"hi\" to 'them'")]
    Quotes,
    #[api_error(code = "backslashes", message = "C:\\path\\to\\file and \\n stays")]
    Backslashes,
    #[api_error(
        code = "control",
        message = "line\nbreak\ttab\rcr\u{0}nul\u{1f}us\u{8}bs\u{c}ff"
    )]
    Control,
    #[api_error(
        code = "non_ascii",
        message = "Clé inconnue: 日本語 🚀 \u{2028} \u{7f}"
    )]
    NonAscii,
    #[api_error(code = "braces", message = "{{\"json\": true}} and }}")]
    Braces,
    #[api_error(code = "raw", message = r#"Raw "string" with \ and {{x}}"#)]
    Raw,
    #[api_error(code = "empty", message = "")]
    Empty,
    #[api_error(code = "with_field", message = "Fixed text, field ignored")]
    WithField(String),
}

#[test]
fn static_body_is_exactly_what_serde_json_writes() {
    let cases: [(Fixed, &str, &str); 8] = [
        (Fixed::Quotes, "quotes", "Say \"hi\" to 'them'"),
        (
            Fixed::Backslashes,
            "backslashes",
            "C:\\path\\to\\file and \\n stays",
        ),
        (
            Fixed::Control,
            "control",
            "line\nbreak\ttab\rcr\u{0}nul\u{1f}us\u{8}bs\u{c}ff",
        ),
        (
            Fixed::NonAscii,
            "non_ascii",
            "Clé inconnue: 日本語 🚀 \u{2028} \u{7f}",
        ),
        (Fixed::Braces, "braces", "{\"json\": true} and }"),
        (Fixed::Raw, "raw", r#"Raw "string" with \ and {x}"#),
        (Fixed::Empty, "empty", ""),
        (
            Fixed::WithField("secret".into()),
            "with_field",
            "Fixed text, field ignored",
        ),
    ];
    for (err, code, message) in cases {
        let expected = expected_body(422, code, message);
        assert_eq!(err.static_body(), Some(expected.as_str()), "{code}");
        assert_eq!(err.to_string(), message, "{code}");
        assert_body(&err, &expected);
        // The body is valid JSON whose message is the Display text.
        let parsed: serde_json::Value = serde_json::from_str(&expected).unwrap();
        assert_eq!(parsed["message"], message);
    }
}

#[test]
fn static_body_is_shared_static_data() {
    let a = Fixed::Quotes.to_json();
    let b = Fixed::Quotes.to_json();
    // Both point at the one compile-time string: nothing was allocated.
    assert_eq!(a.as_ptr(), b.as_ptr());
    assert_eq!(a.as_ptr(), Fixed::Quotes.static_body().unwrap().as_ptr());
}

#[test]
fn to_response_has_status_content_type_and_body() {
    let response = OrderError::IdTaken { id: 5 }.to_response();
    assert_eq!(response.status(), http::StatusCode::CONFLICT);
    assert_eq!(
        response.headers().get(http::header::CONTENT_TYPE).unwrap(),
        "application/json"
    );
    assert_eq!(response.headers().len(), 1);
    assert_eq!(
        &response.body()[..],
        br#"{"status":409,"code":"order_id_taken","message":"Order 5 exists"}"#
    );

    let response = Fixed::Control.to_response();
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body(),
        Fixed::Control.static_body().unwrap().as_bytes()
    );
}

// ---------------------------------------------------------------------------
// std::error::Error::source and From.
// ---------------------------------------------------------------------------

#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum StorageError {
    #[api_error(code = "io_error", message = "Storage failed")]
    Io(#[source] std::io::Error),
    #[api_error(status = 400, code = "bad_number", message = "Bad number")]
    Parse(#[from] std::num::ParseIntError),
    #[api_error(code = "boxed", message = "Boxed failure")]
    Boxed {
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
    #[api_error(code = "utf8", message = "Not UTF-8")]
    Utf8 {
        #[from]
        source: std::str::Utf8Error,
    },
    #[api_error(status = 400, code = "bad_input", message = "Bad input {input}")]
    WithContext {
        input: String,
        #[source]
        cause: std::num::ParseFloatError,
    },
    #[api_error(code = "no_source", message = "No source")]
    NoSource,
    #[api_error(code = "no_source_field", message = "No source {0}")]
    NoSourceField(String),
}

#[test]
fn source_is_the_source_or_from_field() {
    let io = StorageError::Io(std::io::Error::other("disk /dev/sda3 failed"));
    assert_eq!(io.source().unwrap().to_string(), "disk /dev/sda3 failed");
    assert!(io
        .source()
        .unwrap()
        .downcast_ref::<std::io::Error>()
        .is_some());

    let parse = StorageError::Parse("x".parse::<u8>().unwrap_err());
    assert!(parse
        .source()
        .unwrap()
        .downcast_ref::<std::num::ParseIntError>()
        .is_some());

    let boxed = StorageError::Boxed {
        cause: "boxed cause".into(),
    };
    assert_eq!(boxed.source().unwrap().to_string(), "boxed cause");

    #[allow(invalid_from_utf8)]
    let utf8 = StorageError::Utf8 {
        source: std::str::from_utf8(&[0xff]).unwrap_err(),
    };
    assert!(utf8
        .source()
        .unwrap()
        .downcast_ref::<std::str::Utf8Error>()
        .is_some());

    let ctx = StorageError::WithContext {
        input: "1.x".into(),
        cause: "1.x".parse::<f64>().unwrap_err(),
    };
    assert!(ctx
        .source()
        .unwrap()
        .downcast_ref::<std::num::ParseFloatError>()
        .is_some());
    assert_eq!(ctx.to_string(), "Bad input 1.x");

    assert!(StorageError::NoSource.source().is_none());
    assert!(StorageError::NoSourceField("x".into()).source().is_none());
}

#[test]
fn source_text_never_reaches_the_body() {
    let err = StorageError::Io(std::io::Error::other("disk /dev/sda3 failed"));
    assert_eq!(err.to_string(), "Storage failed");
    assert_body(
        &err,
        r#"{"status":500,"code":"io_error","message":"Storage failed"}"#,
    );
}

#[test]
fn from_converts_the_from_field() {
    fn parse(s: &str) -> Result<u8, StorageError> {
        Ok(s.parse::<u8>()?)
    }
    let err = parse("300").unwrap_err();
    assert!(matches!(err, StorageError::Parse(_)));
    assert_eq!(err.code(), "bad_number");
    assert_eq!(err.status(), 400);

    #[allow(invalid_from_utf8)]
    let utf8_error = std::str::from_utf8(&[0xc0]).unwrap_err();
    let err = StorageError::from(utf8_error);
    assert!(matches!(err, StorageError::Utf8 { .. }));
    assert_eq!(err.status(), 500);
}

// ---------------------------------------------------------------------------
// transparent.
// ---------------------------------------------------------------------------

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum AccountError {
    #[api_error(
        status = 404,
        code = "account_not_found",
        message = "Account {0} not found"
    )]
    NotFound(String),
    #[api_error(
        status = 503,
        code = "account_store_down",
        message = "Account store unavailable"
    )]
    StoreDown(#[source] std::io::Error),
    #[api_error(code = "account_locked", message = "Account locked")]
    Locked,
}

/// Errors of the whole service.
#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum ServiceError {
    /// Account errors keep their own status and code.
    #[api_error(transparent)]
    Account(#[from] AccountError),
    #[api_error(transparent)]
    AccountNoFrom(AccountError),
    #[api_error(transparent)]
    Named { inner: AccountError },
    #[api_error(
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal,
}

#[test]
fn transparent_forwards_status_code_message_and_source() {
    let err = ServiceError::from(AccountError::NotFound("A-1".into()));
    assert!(matches!(
        err,
        ServiceError::Account(AccountError::NotFound(_))
    ));
    assert_eq!(err.status(), http::StatusCode::NOT_FOUND);
    assert_eq!(err.code(), "account_not_found");
    assert_eq!(err.to_string(), "Account A-1 not found");
    assert_eq!(err.spec(), &AccountError::catalog()[0]);
    assert_eq!(err.static_body(), None);
    assert_body(
        &err,
        r#"{"status":404,"code":"account_not_found","message":"Account A-1 not found"}"#,
    );
    assert!(err.source().is_none());

    let err = ServiceError::AccountNoFrom(AccountError::StoreDown(std::io::Error::other("down")));
    assert_eq!(err.status(), 503);
    assert_eq!(err.code(), "account_store_down");
    // Like thiserror's `transparent`: the source is the inner error's source.
    assert_eq!(err.source().unwrap().to_string(), "down");
    assert_eq!(
        err.static_body(),
        Some(r#"{"status":503,"code":"account_store_down","message":"Account store unavailable"}"#)
    );
    assert_eq!(
        err.to_response().status(),
        http::StatusCode::SERVICE_UNAVAILABLE
    );

    let err = ServiceError::Named {
        inner: AccountError::Locked,
    };
    assert_eq!(err.status(), 400);
    assert_eq!(err.code(), "account_locked");
    assert_body(
        &err,
        r#"{"status":400,"code":"account_locked","message":"Account locked"}"#,
    );

    assert_eq!(ServiceError::Internal.status(), 500);
}

#[test]
fn transparent_catalog_entries_nest_the_inner_catalog() {
    let catalog = ServiceError::catalog();
    assert_eq!(catalog.len(), 4);
    let account = &catalog[0];
    assert_eq!(account.variant, "Account");
    assert!(account.is_transparent());
    assert_eq!(
        account.description,
        "Account errors keep their own status and code."
    );
    assert_eq!(account.status_code(), None);
    assert_eq!(
        account.nested.map(|nested| nested()),
        Some(AccountError::catalog())
    );
    assert!(catalog[1].is_transparent());
    assert!(catalog[2].is_transparent());
    assert!(!catalog[3].is_transparent());
    assert_eq!(catalog[3].code, "internal_error");
}

#[test]
fn transparent_decodes_through_the_inner_error() {
    let body = ErrorBody::new(404, "account_not_found", "Account A-9 not found");
    let err = ServiceError::from_body(&body).unwrap();
    match err {
        ServiceError::Account(AccountError::NotFound(id))
        | ServiceError::AccountNoFrom(AccountError::NotFound(id))
        | ServiceError::Named {
            inner: AccountError::NotFound(id),
        } => assert_eq!(id, "A-9"),
        other => panic!("decoded as {other:?}"),
    }
    let err = ServiceError::from_body(&ErrorBody::new(
        500,
        "internal_error",
        "An unexpected server error has occured",
    ))
    .unwrap();
    assert!(matches!(err, ServiceError::Internal));
}

// `transparent` over a type parameter. The impls require of `E` only what
// the wrapped field needs, each where it needs it:
//
//     impl<E> Display for Layered<E> where E: Display;
//     impl<E> Error for Layered<E> where Self: Debug, E: Error, E: Display;
//     impl<E> ApiError for Layered<E> where Self: Error, E: ApiError;
//     impl<E> From<E> for Layered<E>;
#[derive(Debug, ApiError)]
enum Layered<E> {
    #[api_error(code = "this", status = 400, message = "this failed")]
    This,
    #[api_error(transparent)]
    Other(#[from] E),
}

/// The wrapped type mentions the parameter.
#[derive(Debug, ApiError)]
enum Around<E> {
    #[api_error(transparent)]
    Layer(Layered<E>),
}

/// The parameter with a bound of its own.
#[derive(Debug, ApiError)]
enum Bounded2<E: ApiError> {
    #[api_error(transparent)]
    Inner { inner: E },
}

/// The parameter bounded in a where-clause.
#[derive(Debug, ApiError)]
enum WhereBound<E>
where
    E: ApiError + Send,
{
    #[api_error(transparent)]
    Inner(E),
    #[api_error(code = "where_fixed", status = 409, message = "Fixed")]
    Fixed,
}

#[derive(Debug, ApiError)]
enum BorrowingTransparent<'a> {
    #[api_error(transparent)]
    Inner(Borrowed<'a>),
}

#[test]
fn transparent_over_a_type_parameter_forwards_everything() {
    let err: Layered<AccountError> = AccountError::NotFound("A-1".into()).into();
    assert_eq!(err.status(), http::StatusCode::NOT_FOUND);
    assert_eq!(err.code(), "account_not_found");
    assert_eq!(err.to_string(), "Account A-1 not found");
    assert_eq!(err.spec(), &AccountError::catalog()[0]);
    assert_body(
        &err,
        r#"{"status":404,"code":"account_not_found","message":"Account A-1 not found"}"#,
    );

    let err = Layered::Other(AccountError::StoreDown(std::io::Error::other("down")));
    assert_eq!(err.source().unwrap().to_string(), "down");
    assert_eq!(
        err.static_body(),
        Some(r#"{"status":503,"code":"account_store_down","message":"Account store unavailable"}"#)
    );
    assert_eq!(Layered::<AccountError>::This.code(), "this");
    assert!(Layered::<AccountError>::This.source().is_none());

    // Display needs `E: Display` only: a plain error type will do for it.
    assert_eq!(Layered::<std::fmt::Error>::This.to_string(), "this failed");

    let err = Around::Layer(Layered::Other(AccountError::Locked));
    assert_eq!((err.status().as_u16(), err.code()), (400, "account_locked"));
    let err = Bounded2::Inner {
        inner: AccountError::Locked,
    };
    assert_eq!(err.to_string(), "Account locked");
    let err = WhereBound::Inner(AccountError::Locked);
    assert_eq!(err.code(), "account_locked");
    assert_eq!(WhereBound::<AccountError>::Fixed.status(), 409);
}

#[test]
fn transparent_over_a_type_parameter_decodes_through_it() {
    let body = ErrorBody::new(404, "account_not_found", "Account A-9 not found");
    match Layered::<AccountError>::from_body(&body) {
        Ok(Layered::Other(AccountError::NotFound(id))) => assert_eq!(id, "A-9"),
        other => panic!("decoded as {other:?}"),
    }
    match Around::<AccountError>::from_body(&body) {
        Ok(Around::Layer(Layered::Other(AccountError::NotFound(id)))) => assert_eq!(id, "A-9"),
        other => panic!("decoded as {other:?}"),
    }
    // A code of the wrapped type that does not rebuild is still known,
    // through the nested catalog.
    let bytes =
        br#"{"status":503,"code":"account_store_down","message":"Account store unavailable"}"#;
    let received = error_catalog::decode::<Layered<AccountError>>(
        http::StatusCode::SERVICE_UNAVAILABLE,
        bytes,
    )
    .unwrap();
    match received.kind() {
        error_catalog::ReceivedKind::Known(spec) => assert_eq!(spec.variant, "StoreDown"),
        other => panic!("decoded as {other:?}"),
    }
}

#[test]
fn a_generic_transparent_entry_nests_the_catalog_of_its_type() {
    let catalog = Layered::<AccountError>::catalog();
    assert_eq!(catalog.len(), 2);
    assert!(catalog[1].is_transparent());
    assert_eq!(
        catalog[1].nested.map(|nested| nested()),
        Some(AccountError::catalog())
    );
    let codes: Vec<&str> = error_catalog::catalog::flatten(Around::<AccountError>::catalog())
        .iter()
        .map(|spec| spec.code)
        .collect();
    assert_eq!(
        codes,
        [
            "this",
            "account_not_found",
            "account_store_down",
            "account_locked"
        ]
    );
    // One catalog for each type argument.
    assert_eq!(
        Layered::<Borrowed<'static>>::catalog()[1]
            .nested
            .map(|nested| nested()),
        Some(Borrowed::catalog())
    );
    assert_eq!(
        BorrowingTransparent::catalog()[0]
            .nested
            .map(|nested| nested()),
        Some(Borrowed::catalog())
    );
}

// ---------------------------------------------------------------------------
// rename_all.
// ---------------------------------------------------------------------------

// `$case:tt`, not `:literal`: this file tests the cases; an enum declared
// through `:literal` fragments is tested in tests/hygiene.rs.
macro_rules! renamed_enum {
    ($name:ident, $case:tt) => {
        #[derive(Debug, ApiError)]
        #[api_error(status = 400, rename_all = $case)]
        enum $name {
            /// The license is not known.
            LicenseNotFound,
            /// Expired.
            Expired,
            /// An explicit code wins over the derived one.
            #[api_error(code = "explicit.code")]
            Renamed,
        }
    };
}

renamed_enum!(SnakeCase, "snake_case");
renamed_enum!(KebabCase, "kebab-case");
renamed_enum!(ScreamingSnakeCase, "SCREAMING_SNAKE_CASE");
renamed_enum!(ScreamingKebabCase, "SCREAMING-KEBAB-CASE");
renamed_enum!(CamelCase, "camelCase");
renamed_enum!(PascalCase, "PascalCase");
renamed_enum!(LowerCase, "lowercase");
renamed_enum!(UpperCase, "UPPERCASE");

fn codes<E: ApiError>() -> Vec<&'static str> {
    E::catalog().iter().map(|spec| spec.code).collect()
}

#[test]
fn rename_all_derives_missing_codes_and_an_explicit_code_wins() {
    assert_eq!(
        codes::<SnakeCase>(),
        ["license_not_found", "expired", "explicit.code"]
    );
    assert_eq!(
        codes::<KebabCase>(),
        ["license-not-found", "expired", "explicit.code"]
    );
    assert_eq!(
        codes::<ScreamingSnakeCase>(),
        ["LICENSE_NOT_FOUND", "EXPIRED", "explicit.code"]
    );
    assert_eq!(
        codes::<ScreamingKebabCase>(),
        ["LICENSE-NOT-FOUND", "EXPIRED", "explicit.code"]
    );
    assert_eq!(
        codes::<CamelCase>(),
        ["licenseNotFound", "expired", "explicit.code"]
    );
    assert_eq!(
        codes::<PascalCase>(),
        ["LicenseNotFound", "Expired", "explicit.code"]
    );
    assert_eq!(
        codes::<LowerCase>(),
        ["licensenotfound", "expired", "explicit.code"]
    );
    assert_eq!(
        codes::<UpperCase>(),
        ["LICENSENOTFOUND", "EXPIRED", "explicit.code"]
    );
    assert_eq!(SnakeCase::LicenseNotFound.code(), "license_not_found");
    assert_eq!(SnakeCase::Renamed.code(), "explicit.code");
    assert_body(
        &KebabCase::LicenseNotFound,
        r#"{"status":400,"code":"license-not-found","message":"The license is not known."}"#,
    );
}

// ---------------------------------------------------------------------------
// Generics, lifetimes, where-clauses.
// ---------------------------------------------------------------------------

/// Debug but not Display: usable in a variant whose message does not show it.
#[derive(Debug, PartialEq)]
struct NotDisplay;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Generic<T, U> {
    #[api_error(code = "shown", message = "Value {0}")]
    Shown(T),
    #[api_error(code = "hidden", message = "Hidden value")]
    Hidden(U),
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum DebugOnly<T> {
    #[api_error(code = "debugged", message = "Value {value:?}")]
    Debugged { value: T },
}

#[allow(dead_code)] // a field carried by the error but never shown in its message
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Borrowed<'a> {
    #[api_error(code = "borrowed", message = "Key {key}")]
    Key { key: &'a str },
    #[api_error(code = "borrowed_fixed", message = "Fixed")]
    Fixed(&'a [u8]),
}

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Bounded<'a, T: Clone>
where
    T: std::fmt::Display + std::fmt::Debug,
{
    #[api_error(code = "bounded", message = "Bounded {0} {1}")]
    Bounded(T, &'a str),
}

#[derive(Debug, ApiError)]
#[api_error(status = 500)]
enum Wrapped<E> {
    #[api_error(code = "wrapped", message = "Wrapped failure")]
    Wrapped(#[source] E),
}

#[derive(Debug, ApiError)]
#[api_error(status = 502)]
enum WrappedFrom<E> {
    #[api_error(code = "wrapped_from", message = "Upstream failed")]
    Upstream(#[from] E),
}

#[test]
fn generics_need_display_only_where_the_message_uses_them() {
    let shown: Generic<u32, NotDisplay> = Generic::Shown(5);
    assert_eq!(shown.to_string(), "Value 5");
    assert_body(
        &shown,
        r#"{"status":400,"code":"shown","message":"Value 5"}"#,
    );
    let hidden: Generic<u32, NotDisplay> = Generic::Hidden(NotDisplay);
    assert_eq!(hidden.to_string(), "Hidden value");
    assert_eq!(
        hidden.static_body(),
        Some(r#"{"status":400,"code":"hidden","message":"Hidden value"}"#)
    );
    assert_eq!(Generic::<u32, NotDisplay>::catalog().len(), 2);

    let debugged = DebugOnly::Debugged { value: NotDisplay };
    assert_eq!(debugged.to_string(), "Value NotDisplay");
    assert_eq!(debugged.code(), "debugged");
}

#[test]
fn lifetimes_and_where_clauses() {
    let key = String::from("K-2");
    let err = Borrowed::Key { key: &key };
    assert_eq!(err.to_string(), "Key K-2");
    assert_body(
        &err,
        r#"{"status":400,"code":"borrowed","message":"Key K-2"}"#,
    );
    assert_eq!(Borrowed::Fixed(b"x").code(), "borrowed_fixed");

    let err: Bounded<'_, f32> = Bounded::Bounded(1.5, "x");
    assert_eq!(err.to_string(), "Bounded 1.5 x");
    assert_eq!(err.status(), 400);
}

#[test]
fn generic_source_and_from_fields() {
    let err: Wrapped<std::io::Error> = Wrapped::Wrapped(std::io::Error::other("inner"));
    assert_eq!(err.source().unwrap().to_string(), "inner");
    assert_eq!(err.to_string(), "Wrapped failure");

    let err: WrappedFrom<std::fmt::Error> = std::fmt::Error.into();
    assert!(err.source().unwrap().is::<std::fmt::Error>());
    assert_eq!(err.status(), http::StatusCode::BAD_GATEWAY);
}

// ---------------------------------------------------------------------------
// Decoding: Deserialize and from_body.
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 400)]
enum LicenseError {
    #[api_error(status = 404, code = "not_found", message = "Not found")]
    NotFound,
    #[api_error(code = "validation_error", message = "{0}")]
    Validation(String),
    #[api_error(code = "license_not_found", message = "License {key} not found")]
    LicenseNotFound { key: String },
    #[api_error(code = "quantity", message = "Quantity {0} is over {1}")]
    Quantity(u32, u32),
    #[api_error(code = "wrapped_parse", message = "Cannot parse")]
    Parse(#[source] std::num::ParseIntError),
}

#[test]
fn a_body_decodes_back_into_its_variant() {
    let cases = [
        LicenseError::NotFound,
        LicenseError::Validation("Field \"email\" is required".into()),
        LicenseError::Validation(String::new()),
        LicenseError::LicenseNotFound {
            key: "K-1 é \\".into(),
        },
        LicenseError::Quantity(9, 5),
    ];
    for err in cases {
        let json = serde_json::to_string(&err).unwrap();
        let decoded: LicenseError = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, err, "{json}");
        assert_eq!(LicenseError::from_body(&err.to_body()), Ok(err));
    }
}

#[test]
fn decoding_reads_members_in_any_order_and_ignores_extras() {
    let decoded: LicenseError = serde_json::from_str(
        r#"{"message":"License K-7 not found","request_id":"r-1","code":"license_not_found","status":400}"#,
    )
    .unwrap();
    assert_eq!(decoded, LicenseError::LicenseNotFound { key: "K-7".into() });
}

#[test]
fn an_unknown_code_is_an_error_that_names_it() {
    let body = ErrorBody::new(429, "rate_limited", "Slow down");
    assert_eq!(
        LicenseError::from_body(&body),
        Err(FromBodyError::UnknownCode {
            code: "rate_limited".into()
        })
    );
    let err = serde_json::from_str::<LicenseError>(
        r#"{"status":429,"code":"rate_limited","message":"Slow down"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("rate_limited"), "{err}");
}

#[test]
fn a_variant_that_cannot_be_rebuilt_says_so() {
    let body = ErrorBody::new(400, "wrapped_parse", "Cannot parse");
    assert_eq!(
        LicenseError::from_body(&body),
        Err(FromBodyError::NotRebuildable {
            variant: "Parse",
            code: "wrapped_parse"
        })
    );
    let err = LicenseError::Parse("x".parse::<u8>().unwrap_err());
    assert_eq!(
        LicenseError::from_body(&err.to_body()),
        Err(FromBodyError::NotRebuildable {
            variant: "Parse",
            code: "wrapped_parse"
        })
    );
    // The message must come back exactly as the template makes it.
    let body = ErrorBody::new(400, "quantity", "Quantity nine is over 5");
    assert!(matches!(
        LicenseError::from_body(&body),
        Err(FromBodyError::NotRebuildable { .. })
    ));
}

#[test]
fn deserialize_checks_the_status_against_the_catalog() {
    let err = serde_json::from_str::<LicenseError>(
        r#"{"status":400,"code":"not_found","message":"Not found"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("404"), "{err}");
    // from_body itself does not check the status.
    assert_eq!(
        LicenseError::from_body(&ErrorBody::new(400, "not_found", "Not found")),
        Ok(LicenseError::NotFound)
    );
}

#[test]
fn deserialize_rejects_a_body_missing_a_member() {
    let err =
        serde_json::from_str::<LicenseError>(r#"{"status":404,"code":"not_found"}"#).unwrap_err();
    assert!(err.to_string().contains("message"), "{err}");
}

// ---------------------------------------------------------------------------
// Format arguments: message("format", args...).
// ---------------------------------------------------------------------------

const LIMIT: usize = 3;

#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 400)]
enum ArgsError {
    #[api_error(code = "missing_parameters", message("Missing parameters: {}", .names.join(", ")))]
    MissingParameters { names: Vec<String> },
    #[api_error(code = "over_limit", message("{} of {}", .count, .limit))]
    OverLimit { count: u32, limit: u32 },
    #[api_error(code = "shouted", message("{x}", x = .name.to_uppercase()))]
    Shouted { name: String },
    #[api_error(code = "limit", message("at most {} items", LIMIT))]
    Limit,
    #[api_error(code = "quoted", message("said {:?} then {}", .0, .0))]
    Quoted(String),
    #[api_error(code = "first_argument", message("{0} ({0})", .1))]
    FirstArgument(u8, u8),
    #[api_error(code = "named_wins", message("{name} / {other}", name = "argument"))]
    NamedWins { name: String, other: String },
    #[api_error(code = "width_argument", message("[{:>w$}]", .v, w = 2 * *.w))]
    WidthArgument { v: u8, w: usize },
}

#[derive(Debug, ApiError)]
#[api_error(status = 503)]
enum UpstreamError {
    #[api_error(code = "upstream", message("{} failed after {} tries", .host, .tries))]
    Upstream {
        host: String,
        tries: u8,
        #[source]
        cause: std::io::Error,
    },
}

#[test]
fn arguments_fill_the_message_as_format_does() {
    let names = vec!["product".to_owned(), "hardware_id".to_owned()];
    assert_eq!(
        ArgsError::MissingParameters {
            names: names.clone()
        }
        .to_string(),
        format!("Missing parameters: {}", names.join(", "))
    );
    assert_eq!(
        ArgsError::OverLimit { count: 9, limit: 5 }.to_string(),
        "9 of 5"
    );
    assert_eq!(
        ArgsError::Shouted {
            name: "quiet".into()
        }
        .to_string(),
        "QUIET"
    );
    assert_eq!(ArgsError::Limit.to_string(), "at most 3 items");
    assert_eq!(
        ArgsError::Quoted("a \"b\"".into()).to_string(),
        r#"said "a \"b\"" then a "b""#
    );
    // Once there are positional arguments, `{0}` is the first of them.
    assert_eq!(ArgsError::FirstArgument(1, 2).to_string(), "2 (2)");
    // A named argument wins over a field of the same name.
    let err = ArgsError::NamedWins {
        name: "field".into(),
        other: "o".into(),
    };
    assert_eq!(err.to_string(), "argument / o");
    assert_eq!(
        ArgsError::WidthArgument { v: 7, w: 2 }.to_string(),
        "[   7]"
    );
}

#[test]
fn a_message_with_arguments_has_its_body_written_at_run_time() {
    let err = ArgsError::Quoted("line\nbreak \"q\"".into());
    assert_eq!(err.static_body(), None);
    assert_body(
        &err,
        &expected_body(
            400,
            "quoted",
            &format!("said {0:?} then {0}", "line\nbreak \"q\""),
        ),
    );
    // No placeholder names a field, yet the message is not fixed.
    assert_eq!(ArgsError::Limit.static_body(), None);
    assert_body(
        &ArgsError::Limit,
        r#"{"status":400,"code":"limit","message":"at most 3 items"}"#,
    );
}

#[test]
fn the_catalog_keeps_the_format_string() {
    let catalog = ArgsError::catalog();
    assert_eq!(catalog[0].message, "Missing parameters: {}");
    assert_eq!(catalog[2].message, "{x}");
    assert_eq!(catalog[3].message, "at most {} items");
    assert!(!catalog[3].is_fixed_message());
}

#[test]
fn a_variant_with_arguments_decodes_as_known() {
    for err in [
        ArgsError::MissingParameters {
            names: vec!["a".into()],
        },
        ArgsError::OverLimit { count: 1, limit: 2 },
        ArgsError::Shouted { name: "a".into() },
    ] {
        let body = err.to_body();
        assert_eq!(
            ArgsError::from_body(&body),
            Err(FromBodyError::NotRebuildable {
                variant: err.spec().variant,
                code: err.code()
            })
        );
        let received = error_catalog::decode::<ArgsError>(err.status(), &err.to_json()).unwrap();
        match received.kind() {
            error_catalog::ReceivedKind::Known(spec) => assert_eq!(spec.code, err.code()),
            other => panic!("decoded as {other:?}"),
        }
        assert_eq!(received.message(), err.to_string());
    }
    // A unit variant has nothing to rebuild: its code is enough.
    let body = ArgsError::Limit.to_body();
    assert_eq!(ArgsError::from_body(&body), Ok(ArgsError::Limit));
}

#[test]
fn a_server_error_may_use_arguments_that_leave_its_source_out() {
    let err = UpstreamError::Upstream {
        host: "db-1".into(),
        tries: 3,
        cause: std::io::Error::other("connection refused"),
    };
    assert_eq!(err.to_string(), "db-1 failed after 3 tries");
    assert_eq!(err.source().unwrap().to_string(), "connection refused");
    assert!(!String::from_utf8_lossy(&err.to_json()).contains("refused"));
}

// ---------------------------------------------------------------------------
// Less common shapes of valid input.
// ---------------------------------------------------------------------------

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum NoVariants {}

#[test]
fn an_enum_without_variants_has_an_empty_catalog() {
    assert!(NoVariants::catalog().is_empty());
    assert_eq!(
        NoVariants::from_body(&ErrorBody::new(400, "any", "Any")).unwrap_err(),
        FromBodyError::UnknownCode { code: "any".into() }
    );
}

#[derive(Debug, ApiError)]
enum Unusual {
    /// Trailing commas are fine.
    #[api_error(status = 418, code = "teapot", message = "I'm a teapot")]
    Teapot,
    /// Keys may be split over several attributes.
    #[api_error(status = 409)]
    #[api_error(code = "split")]
    Split,
    #[doc = "An explicit doc attribute."]
    #[doc(hidden)]
    #[api_error(status = 400, code = "explicit_doc")]
    ExplicitDoc,
    #[api_error(status = 400, code = "raw_field", message = "Type {type} in {r#match}")]
    RawField { r#type: u8, r#match: &'static str },
    #[api_error(status = 400, code = "raw_variant", message = "Raw variant")]
    r#Loop,
}

#[derive(Debug, ApiError)]
#[api_error(status = 400, rename_all = "snake_case")]
enum RawRenamed {
    /// A keyword as a variant name.
    r#Match,
    /// A keyword inside a longer name.
    MatchFailed,
}

#[test]
fn rename_all_uses_the_name_of_a_raw_identifier_without_its_prefix() {
    assert_eq!(RawRenamed::r#Match.code(), "match");
    assert_eq!(RawRenamed::MatchFailed.code(), "match_failed");
    assert_eq!(RawRenamed::catalog()[0].variant, "Match");
}

#[test]
fn trailing_commas_split_attributes_doc_attributes_and_raw_identifiers() {
    assert_eq!(Unusual::Teapot.status().as_u16(), 418);
    assert_eq!(Unusual::Teapot.to_string(), "I'm a teapot");
    assert_eq!(Unusual::Split.status(), 409);
    assert_eq!(Unusual::Split.code(), "split");
    assert_eq!(
        Unusual::Split.to_string(),
        "Keys may be split over several attributes."
    );
    assert_eq!(
        Unusual::ExplicitDoc.to_string(),
        "An explicit doc attribute."
    );
    assert_eq!(
        Unusual::catalog()[2].description,
        "An explicit doc attribute."
    );
    let raw = Unusual::RawField {
        r#type: 1,
        r#match: "m",
    };
    assert_eq!(raw.to_string(), "Type 1 in m");
    assert_eq!(Unusual::catalog()[4].variant, "Loop");
    assert_eq!(Unusual::r#Loop.code(), "raw_variant");
}
