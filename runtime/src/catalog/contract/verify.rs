//! [`verify`]: the contract test, against a snapshot file committed with the
//! service.

use core::fmt;
use std::path::{Path, PathBuf};

use crate::ApiError;

use super::diff::{diff, Diff};
use super::snapshot::{Snapshot, SnapshotError};

/// The environment variable that accepts a breaking change: with
/// `ERROR_CATALOG_ACCEPT=1`, [`verify`] rewrites the snapshot whatever changed.
///
/// ```
/// assert_eq!(error_catalog::contract::ACCEPT_VAR, "ERROR_CATALOG_ACCEPT");
/// ```
pub const ACCEPT_VAR: &str = "ERROR_CATALOG_ACCEPT";

/// Checks `E`'s error contract against the snapshot in `path`, in a test.
///
/// ```ignore
/// #[test]
/// fn error_contract() {
///     error_catalog::contract::verify::<LicenseApiError>("tests/error-contract.json");
/// }
/// ```
///
/// - **The file is missing**: it writes the snapshot and passes.
/// - **No change, or only additive and cosmetic ones**: it passes, prints the
///   changes to the test's output (`cargo test -- --nocapture` shows it), and
///   rewrites the file, so that they show in code review.
/// - **A breaking change**: it panics with every change, each with its code
///   and its old and new values, and leaves the file as it was.
/// - **`ERROR_CATALOG_ACCEPT=1`** in the environment: it rewrites the file
///   whatever changed, and passes. That is the explicit acceptance of a
///   break, as `TRYBUILD=overwrite` is for trybuild.
///
/// A relative `path` is relative to the directory of the manifest of the crate
/// under test (`CARGO_MANIFEST_DIR`, which `cargo test` sets), as trybuild's
/// paths are; an absolute one is used as it is. The file is rewritten only
/// when the snapshot changed, not for its formatting alone.
///
/// # Panics
///
/// On a breaking change; when the file exists but cannot be read, or is not a
/// snapshot (rewrite it with `ERROR_CATALOG_ACCEPT=1`); when it cannot be
/// written; when `path` is relative and `CARGO_MANIFEST_DIR` is not set.
///
/// # Example
///
/// ```
/// use error_catalog::{contract, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// let dir = std::env::temp_dir().join(format!("error-catalog-doc-verify-{}", std::process::id()));
/// let path = dir.join("error-contract.json");
/// # let _ = std::fs::remove_file(&path);
///
/// contract::verify::<LicenseError>(&path); // writes the file
/// assert_eq!(contract::Snapshot::read(&path).unwrap(), contract::Snapshot::of::<LicenseError>());
/// contract::verify::<LicenseError>(&path); // unchanged: passes
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[track_caller]
pub fn verify<E: ApiError>(path: impl AsRef<Path>) {
    let path = match resolve(path.as_ref()) {
        Ok(path) => path,
        Err(message) => panic!("{message}"),
    };
    let accept = std::env::var_os(ACCEPT_VAR).is_some_and(|value| value == "1");
    match verify_snapshot(&Snapshot::of::<E>(), &path, accept) {
        Ok(outcome) => eprint!("{outcome}"),
        Err(failure) => panic!("{failure}"),
    }
}

/// `path`, relative to the manifest directory of the crate under test.
fn resolve(path: &Path) -> Result<PathBuf, String> {
    if path.is_absolute() {
        return Ok(path.to_owned());
    }
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => Ok(PathBuf::from(dir).join(path)),
        None => Err(format!(
            "error contract: `{}` is relative to the crate's manifest directory, but \
             CARGO_MANIFEST_DIR is not set: run the test with `cargo test`, or pass an absolute path",
            path.display()
        )),
    }
}

/// What [`verify`] did when it passed.
#[derive(Debug)]
pub(crate) enum Verified {
    Created {
        path: PathBuf,
        codes: usize,
    },
    Unchanged,
    /// Only additive and cosmetic changes (possibly none, when the file was
    /// only out of order), written.
    Updated {
        path: PathBuf,
        diff: Diff,
    },
    /// `ERROR_CATALOG_ACCEPT=1`: written whatever changed.
    Accepted {
        path: PathBuf,
        diff: Diff,
    },
    /// `ERROR_CATALOG_ACCEPT=1`, and the file was not a snapshot: replaced.
    Replaced {
        error: SnapshotError,
    },
}

/// Why [`verify`] failed.
#[derive(Debug)]
pub(crate) enum Failure {
    Breaking { path: PathBuf, diff: Diff },
    Unreadable(SnapshotError),
    Unwritable(SnapshotError),
}

/// The whole of [`verify`] but for the environment: the snapshot to check,
/// the file, and whether a break is accepted.
pub(crate) fn verify_snapshot(
    current: &Snapshot,
    path: &Path,
    accept: bool,
) -> Result<Verified, Failure> {
    let old = match Snapshot::read(path) {
        Ok(old) => old,
        Err(err) if err.is_not_found() => {
            write(path, current)?;
            return Ok(Verified::Created {
                path: path.to_owned(),
                codes: current.entries().len(),
            });
        }
        Err(err) if accept => {
            write(path, current)?;
            return Ok(Verified::Replaced { error: err });
        }
        Err(err) => return Err(Failure::Unreadable(err)),
    };
    let diff = diff(&old, current);
    if diff.is_breaking() && !accept {
        return Err(Failure::Breaking {
            path: path.to_owned(),
            diff,
        });
    }
    if old == *current {
        return Ok(Verified::Unchanged);
    }
    write(path, current)?;
    let path = path.to_owned();
    Ok(if accept {
        Verified::Accepted { path, diff }
    } else {
        Verified::Updated { path, diff }
    })
}

/// Writes the snapshot to a file beside `path`, then renames it over `path`:
/// a reader (the CLI in another test) sees the old file or the new one,
/// never half of one.
fn write(path: &Path, snapshot: &Snapshot) -> Result<(), Failure> {
    let io = |source| {
        Failure::Unwritable(SnapshotError::Io {
            path: path.to_owned(),
            source,
        })
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let written = std::fs::write(&temporary, snapshot.to_json())
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(io)
}

impl fmt::Display for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verified::Created { path, codes } => writeln!(
                f,
                "error contract: wrote {} ({codes} codes)",
                path.display()
            ),
            Verified::Unchanged => Ok(()),
            Verified::Updated { path, diff } => write!(
                f,
                "error contract: {} updated; {} additive, {} cosmetic changes:\n{diff}",
                path.display(),
                diff.count(super::Severity::Additive),
                diff.count(super::Severity::Cosmetic),
            ),
            Verified::Accepted { path, diff } => write!(
                f,
                "error contract: {ACCEPT_VAR}=1: rewrote {} with every change:\n{diff}",
                path.display()
            ),
            Verified::Replaced { error } => writeln!(
                f,
                "error contract: {ACCEPT_VAR}=1: replaced a file that was no snapshot ({error})"
            ),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Breaking { path, diff } => {
                let breaking = diff.changes().iter().filter(|c| c.severity().is_breaking());
                writeln!(
                    f,
                    "error contract: {} breaking change(s) against {}:",
                    breaking.clone().count(),
                    path.display()
                )?;
                for change in breaking {
                    writeln!(f, "  {change}")?;
                }
                let others: Vec<_> = diff
                    .changes()
                    .iter()
                    .filter(|c| !c.severity().is_breaking())
                    .collect();
                if !others.is_empty() {
                    writeln!(f, "and {} other change(s):", others.len())?;
                    for change in others {
                        writeln!(f, "  {change}")?;
                    }
                }
                write!(
                    f,
                    "The file is unchanged. If the break is intended, accept it: \
                     {ACCEPT_VAR}=1 cargo test"
                )
            }
            Failure::Unreadable(err) => write!(
                f,
                "error contract: cannot read the snapshot: {err}\n\
                 Fix or delete the file, or rewrite it: {ACCEPT_VAR}=1 cargo test"
            ),
            Failure::Unwritable(err) => {
                write!(f, "error contract: cannot write the snapshot: {err}")
            }
        }
    }
}
