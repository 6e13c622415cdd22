//! The derive's core takes a `proc_macro2::TokenStream`, so it can be fed
//! inputs here without a compiler: thousands of mutated enums, each of which
//! must come back as code or as `compile_error!`s, never as a panic.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use crate::expand::derive;

const SEEDS: &[&str] = &[
    r#"
    #[api_error(status = 400)]
    enum LicenseApiError {
        /// Requested API path doesn't exist
        #[api_error(status = 404, code = "not_found", message = "Not found")]
        NotFound,
        #[api_error(code = "validation_error", message = "{0}")]
        Validation(String),
        #[api_error(code = "license_not_found", message = "License {key} not found")]
        LicenseNotFound { key: String },
        #[api_error(status = 500, code = "internal_error", message = "An unexpected server error has occured")]
        Internal(#[source] std::io::Error),
        #[api_error(transparent)]
        Inner(#[from] OtherError),
    }
    "#,
    r#"
    #[api_error(status = 400, rename_all = "snake_case")]
    enum E<'a, T: Clone> where T: Send {
        /// Doc message {0:>5.2} and {n:w$}
        A(&'a str, T),
        #[api_error(message = "x {a:?} y {b}")]
        B { a: T, b: u32 },
        C,
    }
    "#,
    r#"
    enum E {
        #[api_error(code = "a", status = 599, message = "{{literal}} \" \\ \n")]
        A,
        #[api_error(code = "a", status = 399, message = "{missing}")]
        B { x: u8 },
        #[api_error(transparent, code = "t")]
        T(Inner, Inner),
    }
    "#,
    r#"
    #[api_error(status = 400)]
    enum Fixed {
        #[api_error(code = "a", message = "Fixed, though it has fields")]
        A(String, u32),
        /// From the doc comment.
        B { source: std::io::Error },
        #[api_error(code = "c", message = "{0}{1}")]
        C(u8, u8),
    }
    "#,
    r##"
    #[api_error(status = 400)]
    enum Args<T> {
        #[api_error(code = "list", message("Missing parameters: {}", .names.join(", ")))]
        List { names: Vec<String> },
        #[api_error(code = "pair", message("{} of {} {x:>w$}", .0, .1.len(), x = .0 + 1, w = 4,))]
        Pair(u32, String),
        #[api_error(code = "nested", message("{}", (.0).0.1))]
        Nested(((u8, u8), u8)),
        #[api_error(code = "expr", message("{} {}", if *.flag { "a" } else { "b" }, match .opt { Some(v) => v, None => &0 }))]
        Expr { flag: bool, opt: Option<u8> },
        #[api_error(code = "generic", message("{}", .v.iter().map(|a: &u8| -> u16 { *a as u16 }).collect::<Vec<_>>().len()))]
        Generic { v: Vec<u8> },
        #[api_error(code = "cast", message("{}", &0 as &dyn Tr<i32, A = i32>), status = 500)]
        Cast(#[source] T),
        #[api_error(code = "path", message("{} {file}", <u8 as Default>::default()))]
        Path { file: std::path::PathBuf },
        #[api_error(transparent)]
        Other(T),
    }
    "##,
    r##"
    #[api_error(status = 400, format = "problem", type_base = "https://docs.example.com/errors/")]
    enum Headers<T> {
        /// Authentication failed. Check the key.
        #[api_error(status = 401, code = "authentication_failure", message = "Authentication failed",
            header("www-authenticate", "Bearer realm=\"licenses\""), header("x-note", "café\tok"))]
        Auth,
        #[api_error(status = 429, code = "rate_limited", message = "Retry in {seconds} s")]
        RateLimited { #[header("retry-after")] seconds: u64, #[header("x-hint")] hint: Option<T> },
        #[api_error(code = "bad", message = "Bad")]
        Bad(#[header("x-reason")] #[source] std::num::ParseIntError),
        #[api_error(transparent)]
        Inner(Other),
    }
    "##,
    r#"
    #[api_error(status = 400, domain = "licenses.example.com")]
    enum Grpc<T> {
        #[api_error(code = "license_expired", message = "Expired {0:?} {1:x}", grpc = "failed_precondition")]
        Expired(T, u32),
        #[api_error(code = "LICENSE_EXPIRED", message = "Again", grpc = "ok")]
        Again,
        #[api_error(code = "2fa", message = "{key:>w$}", grpc = "nope")]
        TwoFactor { key: String, w: usize },
    }
    "#,
    r#"struct NotAnEnum { #[source] x: u8 }"#,
    r#"union U { a: u8 }"#,
];

const SNIPPETS: &[&str] = &[
    "#[api_error]",
    "#[api_error()]",
    "#[api_error(code = \"x\")]",
    "#[api_error(status = -1)]",
    "#[api_error(status = \"400\")]",
    "#[api_error(status = 4.5)]",
    "#[api_error(message = \"{0} {x} {}\")]",
    "#[api_error(transparent)]",
    "#[api_error(message(\"{} {x}\", .a, x = .0.1))]",
    "#[api_error(message())]",
    "#[api_error(message(1, 2))]",
    "message(\"{}\", .source)",
    ", .a",
    ", x = ",
    ".0.1",
    ". ",
    "self.",
    "|a, b|",
    "::<",
    " as ",
    "->",
    "<T as X>::",
    "{:p}",
    "#[api_error(rename_all = \"nope\")]",
    "#[api_error(grpc = \"not_found\", domain = \"\")]",
    "#[api_error(grpc = 1, domain)]",
    "#[api_error(code = 1, code = \"\", nope, status)]",
    "#[api_error = \"x\"]",
    "#[source]",
    "#[from]",
    "#[from(x)]",
    "/// doc {0}",
    "= ",
    ",",
    "(",
    ")",
    "{",
    "}",
    "<T>",
    "'a",
    "\"{\"",
    "r#type",
    "V(u8),",
    "W { f: String },",
    "X,",
    "header(\"retry-after\", \"30\"),",
    "header(\"Content-Type\", \"a\nb\")",
    "header(\"x\")",
    "header",
    "#[header(\"retry-after\")]",
    "#[header(\"Bad Name\")]",
    "#[header]",
    "#[header(\"a\", \"b\")]",
    "format = \"problem\",",
    "format = \"xml\"",
    "type_base = \"https://x/\",",
    "type_base = \"a b//\"",
    "status = 500,",
];

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Text-level mutation: cut, insert a snippet, or duplicate a slice.
fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_owned();
    for _ in 0..1 + rng.below(4) {
        let boundaries: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        let at = boundaries[rng.below(boundaries.len())];
        match rng.below(3) {
            0 => {
                let end = boundaries[rng.below(boundaries.len())].max(at);
                let end = end.min(at + 1 + rng.below(24)).min(s.len());
                let end = (end..=s.len())
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(s.len());
                s.replace_range(at..end, "");
            }
            1 => s.insert_str(at, SNIPPETS[rng.below(SNIPPETS.len())]),
            _ => {
                let end = (at + rng.below(40)).min(s.len());
                let end = (end..=s.len())
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(s.len());
                let copy = s[at..end].to_owned();
                s.insert_str(at, &copy);
            }
        }
    }
    s
}

/// Token-level mutation: drop, duplicate or swap trees, inside groups too.
fn mutate_tokens(rng: &mut Rng, tokens: TokenStream, depth: usize) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if !trees.is_empty() && rng.below(3) == 0 {
        let i = rng.below(trees.len());
        match rng.below(3) {
            0 => {
                trees.remove(i);
            }
            1 => {
                let t = trees[i].clone();
                trees.insert(i, t);
            }
            _ => {
                let j = rng.below(trees.len());
                trees.swap(i, j);
            }
        }
    }
    trees
        .into_iter()
        .map(|tt| match tt {
            // What a `$x:literal` of a macro_rules! looks like.
            tt @ TokenTree::Literal(_) if rng.below(8) == 0 => {
                TokenTree::Group(Group::new(Delimiter::None, tt.into()))
            }
            TokenTree::Group(g) if depth < 6 => {
                let inner = mutate_tokens(rng, g.stream(), depth + 1);
                let delimiter = if rng.below(50) == 0 {
                    Delimiter::Parenthesis
                } else {
                    g.delimiter()
                };
                TokenTree::Group(Group::new(delimiter, inner))
            }
            tt => tt,
        })
        .collect()
}

#[test]
fn seeds_expand_or_fail_cleanly() {
    for seed in SEEDS {
        let out = derive(seed.parse().unwrap());
        assert!(!out.is_empty(), "no output for {seed}");
    }
}

#[test]
fn misuse_is_reported_at_its_token_with_every_error_at_once() {
    let out = derive(SEEDS[2].parse().unwrap()).to_string();
    // Out-of-range status, unknown placeholder, duplicate code (error and its
    // companion at the first use), transparent with a code, and with two fields.
    assert_eq!(out.matches("compile_error").count(), 6, "{out}");
    assert!(out.contains("out of range"), "{out}");
    assert!(out.contains("duplicate code `a`"), "{out}");
    // Stub impls follow the errors, so no cascade of missing-trait errors:
    // the runtime's macro writes them for `E`.
    assert!(
        out.contains("__fallback_impls ! { [] [< '__de >] [E] []"),
        "{out}"
    );
}

#[test]
fn format_arguments_of_every_shape_expand() {
    let out = derive(SEEDS[4].parse().unwrap()).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    // `.field` became the field's binding; no `.names` is left over.
    assert!(out.contains("__field0 . join"), "{out}");
}

#[test]
fn headers_and_problem_details_expand() {
    let out = derive(SEEDS[5].parse().unwrap()).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("fn append_headers"), "{out}");
    assert!(out.contains("serialize_problem"), "{out}");
    // The fixed headers and the compile-time problem body are in the catalog.
    assert!(
        out.contains(r#"__headers (& ["www-authenticate" , "x-note"])"#),
        "{out}"
    );
    assert!(
        out.contains(r#"\"title\":\"Authentication failed.\""#),
        "{out}"
    );
    // The same seed with the 4xx source made a 5xx: its header is refused.
    let leaking = SEEDS[5].replace(r#"code = "bad","#, r#"code = "bad", status = 500,"#);
    let out = derive(leaking.parse().unwrap()).to_string();
    assert_eq!(out.matches("compile_error").count(), 1, "{out}");
    assert!(out.contains("must not carry its source"), "{out}");
}

#[test]
fn thousands_of_malformed_inputs_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut expanded = 0;
    let mut rejected = 0;
    for i in 0..6_000 {
        let seed = SEEDS[i % SEEDS.len()];
        let tokens = if i % 2 == 0 {
            match mutate_text(&mut rng, seed).parse::<TokenStream>() {
                Ok(tokens) => tokens,
                Err(_) => continue, // not even tokens: rustc would not call the derive
            }
        } else {
            mutate_tokens(&mut rng, seed.parse().unwrap(), 0)
        };
        let input = tokens.to_string();
        let out = std::panic::catch_unwind(|| derive(tokens).to_string())
            .unwrap_or_else(|_| panic!("the derive panicked on input #{i}:\n{input}"));
        assert!(!out.is_empty(), "no output for input #{i}:\n{input}");
        if out.contains("compile_error") {
            rejected += 1;
        } else {
            expanded += 1;
        }
    }
    // The mutations must exercise both paths, or the test proves little.
    assert!(expanded > 50, "only {expanded} inputs expanded");
    assert!(rejected > 1_000, "only {rejected} inputs rejected");
}

#[test]
fn doc_paragraphs_stay_apart() {
    let input: syn::DeriveInput = syn::parse_str(
        "enum E {\n/// First paragraph,\n/// on two lines.\n///\n/// Second paragraph.\n V }",
    )
    .unwrap();
    let syn::Data::Enum(data) = &input.data else {
        unreachable!()
    };
    let doc = crate::attr::doc(&data.variants[0].attrs);
    assert_eq!(
        doc.text,
        "First paragraph,\non two lines.\n\nSecond paragraph."
    );
    assert_eq!(doc.first_paragraph, "First paragraph, on two lines.");
}

/// `str_value` and `Str::new` read a plain literal themselves and leave the
/// others to syn: both give `LitStr::value`'s text, for every form a string
/// literal takes; `Str::new` takes no other kind of literal.
#[test]
fn string_values_are_syn_s() {
    let literals = [
        r#""""#,
        r#""Not found""#,
        r#""License {key} not found: ü, 日本, 🚀""#,
        r#""a \"quoted\" word""#,
        r#""tab\tnew\nline \\ back""#,
        r#""\u{1F680} \x41""#,
        "\"line one\r\nline two\"",
        "\"continued \\\n    line\"",
        r##"r"raw \n stays""##,
        r###"r#"raw "quoted" \"#"###,
        r#""suffixed"sfx"#,
    ];
    for text in literals {
        let lit: syn::LitStr = syn::parse_str(text).unwrap();
        assert_eq!(crate::attr::str_value(&lit), lit.value(), "{text}");
        let s = crate::attr::Str::new(lit.token()).unwrap();
        assert_eq!(s.value, lit.value(), "{text}");
    }
    for text in ["404", "b\"bytes\"", "c\"c string\"", "'c'", "1.5"] {
        let token: proc_macro2::Literal = text.parse().unwrap();
        assert!(crate::attr::Str::new(token).is_none(), "{text}");
    }
}
