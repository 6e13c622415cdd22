//! The same user crate compiles with none of error-catalog's features, with
//! each one, and with both frameworks (and both OpenAPI libraries): the derive emits no `cfg` into user
//! code, and the runtime's glue macros expand to the impls its own features
//! turn on. With `grpc`, the derive writes the gRPC metadata code, which
//! must compile in the same places (without the prelude too).
//!
//! The user crate is `tests/features/lib.rs`. It is checked (`cargo check`)
//! as a crate of its own outside this workspace, once per feature set, in a
//! target directory under this package's `CARGO_TARGET_TMPDIR`, offline, with
//! the workspace's `Cargo.lock`, so that it resolves to the same versions and
//! reuses its dependencies' checks from one feature set to the next.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every feature set, all first: it checks every dependency once, and the
/// others only recheck error-catalog and the user crate.
const FEATURE_SETS: &[&[&str]] = &[
    &["axum", "actix-web", "tracing", "utoipa", "aide"],
    &[],
    &["axum"],
    &["actix-web"],
    &["tracing"],
    &["axum", "actix-web"],
    &["utoipa"],
    &["aide"],
    &["grpc"],
];

fn manifest(runtime: &Path) -> String {
    // A TOML basic string: escape what the path could hold.
    let runtime = runtime
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    format!(
        r#"[package]
name = "error-catalog-features-fixture"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "lib.rs"

[features]
axum = ["error-catalog/axum", "dep:axum-core"]
actix-web = ["error-catalog/actix-web", "dep:actix-web"]
tracing = ["error-catalog/tracing"]
utoipa = ["error-catalog/utoipa", "dep:utoipa"]
aide = ["error-catalog/aide", "dep:aide"]
grpc = ["error-catalog/grpc"]
# Calls `to_rpc_status` whether `grpc` is on or not.
call-rpc-status = []

[dependencies]
error-catalog = {{ path = "{runtime}" }}
axum-core = {{ version = "0.5", optional = true }}
actix-web = {{ version = "4", default-features = false, optional = true }}
utoipa = {{ version = "6", optional = true }}
aide = {{ version = "0.15", default-features = false, optional = true }}

# Not a member of the error-catalog workspace.
[workspace]
"#
    )
}

/// `(name, version)` of every package in a `Cargo.lock`.
fn locked_packages(lock: &str) -> BTreeSet<(String, String)> {
    let mut packages = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let Some(v) = line.strip_prefix("version = ") {
            if let Some(n) = name.take() {
                packages.insert((n, v.trim_matches('"').to_owned()));
            }
        }
    }
    packages
}

#[test]
fn same_enum_compiles_with_every_feature_set() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("feature-matrix");
    let krate = work.join("crate");
    std::fs::create_dir_all(&krate).expect("fixture directory");
    std::fs::write(krate.join("Cargo.toml"), manifest(&root.join("runtime"))).expect("manifest");
    std::fs::copy(root.join("tests/features/lib.rs"), krate.join("lib.rs")).expect("lib.rs");
    // The workspace's lock: the fixture resolves to the same versions, and
    // needs no registry (cargo keeps the locked versions it can).
    let workspace_lock = std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
    std::fs::write(krate.join("Cargo.lock"), &workspace_lock).expect("fixture Cargo.lock");

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let check = |features: &[&str]| {
        Command::new(&cargo)
            .arg("check")
            .arg("--offline")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(krate.join("Cargo.toml"))
            .arg("--no-default-features")
            .arg("--features")
            .arg(features.join(","))
            .env("CARGO_TARGET_DIR", work.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .output()
            .expect("cargo runs")
    };
    for features in FEATURE_SETS {
        let output = check(features);
        assert!(
            output.status.success(),
            "the user crate does not compile with features {features:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    // `to_rpc_status` without the `grpc` feature: an error that names it.
    let output = check(&["call-rpc-status"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "compiled without `grpc`");
    assert!(
        stderr.contains("`to_rpc_status` needs error-catalog's `grpc` feature")
            && stderr.contains(r#"features = ["grpc"]"#),
        "{stderr}"
    );
    let output = check(&["call-rpc-status", "grpc"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The fixture built against the workspace's own versions, no others.
    let fixture_lock = std::fs::read_to_string(krate.join("Cargo.lock")).expect("fixture lock");
    let workspace = locked_packages(&workspace_lock);
    let extra: Vec<_> = locked_packages(&fixture_lock)
        .into_iter()
        .filter(|(name, _)| name != "error-catalog-features-fixture")
        .filter(|package| !workspace.contains(package))
        .collect();
    assert!(
        extra.is_empty(),
        "versions not in the workspace's Cargo.lock: {extra:?}"
    );
}
