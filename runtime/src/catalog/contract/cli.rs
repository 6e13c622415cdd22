//! [`cli`]: the contract check as a command, for a service's CI.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{ExitCode, Termination};

use crate::ApiError;

use super::diff::{diff, Diff, Severity};
use super::snapshot::Snapshot;

const USAGE: &str = "\
Checks an error contract snapshot (the JSON of error_catalog::contract).

Usage:
  --check FILE     compare the snapshot in FILE with the error type's catalog
  --diff OLD NEW   compare two snapshot files, OLD before NEW
  -h, --help       print this help

Prints one line a change, most severe first. Exit status: 0 when no change is
breaking, 1 when one is, 2 when a file cannot be read or is not a snapshot,
or the arguments are wrong.
";

/// Runs the contract check from command-line arguments, for `E`, and returns
/// the process's exit status:
///
/// - `--check FILE`: compares the snapshot in `FILE` with `E`'s catalog (a
///   relative path is relative to the current directory). The file is never
///   written: [`verify`](super::verify) does that, in tests.
/// - `--diff OLD NEW`: compares two snapshots, for example from two git
///   revisions.
/// - `-h`, `--help`: prints the usage.
///
/// It prints every change to standard output, one a line, most severe first,
/// and a count to standard error. The [`Exit`] is
/// [`Success`](Exit::Success) (0) when no change is breaking,
/// [`Breaking`](Exit::Breaking) (1) when one is, and [`Error`](Exit::Error)
/// (2) when a file cannot be read, is not JSON or not a snapshot, or the
/// arguments are wrong. It never panics.
///
/// A service's whole check command, `examples/contract.rs`:
///
/// ```no_run
/// # use error_catalog::ApiError;
/// # #[derive(Debug, ApiError)]
/// # enum MyServiceError { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
/// fn main() -> error_catalog::contract::Exit {
///     error_catalog::contract::cli::<MyServiceError>(std::env::args_os().skip(1))
/// }
/// ```
///
/// and in CI: `cargo run --example contract -- --check tests/error-contract.json`.
///
/// # Example
///
/// ```
/// use error_catalog::contract::{cli, Exit, Snapshot};
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// let dir = std::env::temp_dir().join(format!("error-catalog-doc-cli-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("error-contract.json");
///
/// std::fs::write(&file, Snapshot::of::<E>().to_json()).unwrap();
/// assert_eq!(cli::<E>(["--check".into(), file.clone().into_os_string()]), Exit::Success);
///
/// std::fs::write(&file, "[]").unwrap(); // an older contract, without `not_found`: additive
/// assert_eq!(cli::<E>(["--check".into(), file.clone().into_os_string()]), Exit::Success);
///
/// std::fs::write(&file, "not json").unwrap();
/// assert_eq!(cli::<E>(["--check".into(), file.clone().into_os_string()]), Exit::Error);
/// assert_eq!(cli::<E>(["--frobnicate"]), Exit::Error);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn cli<E: ApiError>(args: impl IntoIterator<Item = impl Into<OsString>>) -> Exit {
    cli_to::<E>(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}

/// [`cli`], writing to `out` what it writes to standard output and to `err`
/// what it writes to standard error: for a tool that runs the check among
/// others and keeps their output (an `xtask`, a test).
///
/// ```
/// use error_catalog::contract::{cli_to, Exit};
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api_error(status = 404, code = "not_found", message = "Not found")]
///     NotFound,
/// }
///
/// let (mut out, mut err) = (Vec::new(), Vec::new());
/// let exit = cli_to::<E>(["--check", "no/such/file.json"], &mut out, &mut err);
/// assert_eq!(exit, Exit::Error);
/// assert!(out.is_empty());
/// assert!(String::from_utf8(err).unwrap().starts_with("error: no/such/file.json: "));
/// ```
pub fn cli_to<E: ApiError>(
    args: impl IntoIterator<Item = impl Into<OsString>>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    run(&args, Snapshot::of::<E>, out, err)
}

/// The exit status of [`cli`]: `0`, `1` or `2`. A `main` can return it.
///
/// ```
/// use error_catalog::contract::Exit;
///
/// assert_eq!(Exit::Breaking.code(), 1);
/// let _: std::process::ExitCode = Exit::Error.into();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exit {
    /// `0`: no change is breaking (or help was asked for).
    Success,
    /// `1`: a change is breaking.
    Breaking,
    /// `2`: a file cannot be read or is not a snapshot, or bad arguments.
    Error,
}

impl Exit {
    /// The process exit code.
    ///
    /// ```
    /// # use error_catalog::contract::Exit;
    /// assert_eq!([Exit::Success, Exit::Breaking, Exit::Error].map(Exit::code), [0, 1, 2]);
    /// ```
    pub const fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Breaking => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

impl Termination for Exit {
    fn report(self) -> ExitCode {
        self.into()
    }
}

#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Check(PathBuf),
    Diff(PathBuf, PathBuf),
}

fn parse(args: &[OsString]) -> Result<Command, String> {
    let flag = |arg: &OsString| arg.to_str().map(str::to_owned);
    match args {
        [] => Err("nothing to do: give `--check FILE` or `--diff OLD NEW`".to_owned()),
        [only] if matches!(flag(only).as_deref(), Some("-h" | "--help")) => Ok(Command::Help),
        [first, rest @ ..] => match (flag(first).as_deref(), rest) {
            (Some("--check"), [file]) => Ok(Command::Check(file.into())),
            (Some("--diff"), [old, new]) => Ok(Command::Diff(old.into(), new.into())),
            (Some("--check"), _) => Err("`--check` takes one file".to_owned()),
            (Some("--diff"), _) => Err("`--diff` takes two files: OLD NEW".to_owned()),
            (Some(arg), []) if arg.starts_with("--check=") => {
                Ok(Command::Check(arg["--check=".len()..].into()))
            }
            _ => Err(format!(
                "unexpected arguments {:?}: give `--check FILE` or `--diff OLD NEW`",
                args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>()
            )),
        },
    }
}

/// [`cli_to`] with the current snapshot given. Writes to the streams are best
/// effort: a closed pipe changes no exit status.
fn run(
    args: &[OsString],
    current: impl FnOnce() -> Snapshot,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let command = match parse(args) {
        Ok(command) => command,
        Err(message) => {
            let _ = write!(err, "error: {message}\n\n{USAGE}");
            return Exit::Error;
        }
    };
    let (old, new) = match command {
        Command::Help => {
            let _ = out.write_all(USAGE.as_bytes());
            return Exit::Success;
        }
        Command::Check(file) => (Snapshot::read(file), Ok(current())),
        Command::Diff(old, new) => (Snapshot::read(old), Snapshot::read(new)),
    };
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) | (_, Err(error)) => {
            let _ = writeln!(err, "error: {error}");
            return Exit::Error;
        }
    };
    let diff = diff(&old, &new);
    let _ = write!(out, "{diff}");
    let _ = writeln!(err, "error contract: {}", summary(&diff));
    if diff.is_breaking() {
        Exit::Breaking
    } else {
        Exit::Success
    }
}

fn summary(diff: &Diff) -> String {
    if diff.is_empty() {
        return "no changes".to_owned();
    }
    let counts: Vec<String> = [
        Severity::Breaking,
        Severity::BreakingForTypedClients,
        Severity::Additive,
        Severity::Cosmetic,
    ]
    .into_iter()
    .filter_map(|severity| match diff.count(severity) {
        0 => None,
        n => Some(format!("{n} {severity}")),
    })
    .collect();
    format!("{} change(s): {}", diff.changes().len(), counts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn arguments() {
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["-h"])), Ok(Command::Help));
        assert_eq!(
            parse(&args(&["--check", "a.json"])),
            Ok(Command::Check("a.json".into()))
        );
        assert_eq!(
            parse(&args(&["--check=a.json"])),
            Ok(Command::Check("a.json".into()))
        );
        assert_eq!(
            parse(&args(&["--diff", "a.json", "b.json"])),
            Ok(Command::Diff("a.json".into(), "b.json".into()))
        );
        for bad in [
            &[][..],
            &["--check"],
            &["--check", "a", "b"],
            &["--diff", "a"],
            &["--diff", "a", "b", "c"],
            &["--format", "json"],
            &["--check=a", "b"],
            &["a.json"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_kept() {
        use std::os::unix::ffi::OsStringExt;
        let file = OsString::from_vec(b"caf\xe9.json".to_vec());
        let parsed = parse(&[OsString::from("--check"), file.clone()]);
        assert_eq!(parsed, Ok(Command::Check(file.into())));
    }

    #[test]
    fn output_lists_changes_on_stdout_and_a_count_on_stderr() {
        let dir = std::env::temp_dir().join(format!(
            "error-catalog-cli-unit-{}-output",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let old = dir.join("old.json");
        std::fs::write(
            &old,
            r#"[{"code": "a", "status": 400, "message": "A {x}", "placeholders": ["x"],
                 "rebuilds": true, "variant": "A", "description": ""},
                {"code": "b", "status": 400, "message": "B", "placeholders": [],
                 "rebuilds": true, "variant": "B", "description": "old"}]"#,
        )
        .unwrap();
        let current = || {
            Snapshot::from_json(
                r#"[{"code": "a", "status": 400, "message": "A: {x}", "placeholders": ["x"],
                     "rebuilds": true, "variant": "A", "description": ""},
                    {"code": "b", "status": 400, "message": "B", "placeholders": [],
                     "rebuilds": true, "variant": "B", "description": "new"}]"#,
            )
            .unwrap()
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = run(
            &[OsString::from("--check"), old.clone().into_os_string()],
            current,
            &mut out,
            &mut err,
        );
        assert_eq!(exit, Exit::Breaking);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "breaking for typed clients: a: message \"A {x}\" -> \"A: {x}\"\n\
             cosmetic: b: description \"old\" -> \"new\"\n"
        );
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error contract: 2 change(s): 1 breaking for typed clients, 1 cosmetic\n"
        );

        // A file that is not a snapshot: the error names it, nothing on stdout.
        std::fs::write(&old, "[1]").unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = run(
            &[OsString::from("--check"), old.clone().into_os_string()],
            current,
            &mut out,
            &mut err,
        );
        assert_eq!(exit, Exit::Error);
        assert!(out.is_empty());
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains("old.json"), "{err}");
        assert!(err.contains("entry 0 is not a JSON object"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
