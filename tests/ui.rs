//! Compile-fail tests: every misuse of `#[derive(ApiError)]` is a clear
//! compile error at the offending token, reported in one build, with no
//! cascade of follow-on errors. One case a diagnostic, named after it.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
