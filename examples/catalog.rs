//! Prints the License API's error catalog, generated from `LicenseApiError`.
//!
//! ```text
//! cargo run --example catalog                    # Markdown table (default)
//! cargo run --example catalog -- --format json   # JSON array
//! ```

use std::io::Write;
use std::process::ExitCode;

use error_catalog::{catalog, ApiError};
use error_catalog_examples::LicenseApiError;

const USAGE: &str = "\
Prints the error catalog of the License API example service.

Usage: cargo run --example catalog -- [--format <markdown|json>]

Options:
  --format markdown   a Markdown table: Status | Code | Description (default)
  --format json       a JSON array of {status, code, message, description, variant}
  -h, --help          print this help
";

#[derive(Debug, PartialEq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug, PartialEq)]
enum Command {
    Print(Format),
    Help,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut format = Format::Markdown;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--format" => args
                .next()
                .ok_or_else(|| "`--format` needs a value: markdown or json".to_owned())?,
            other => match other.strip_prefix("--format=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unknown argument `{other}`")),
            },
        };
        format = match value.as_str() {
            "markdown" | "md" => Format::Markdown,
            "json" => Format::Json,
            other => return Err(format!("unknown format `{other}`: use markdown or json")),
        };
    }
    Ok(Command::Print(format))
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprint!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let output = match command {
        Command::Help => USAGE.to_owned(),
        Command::Print(Format::Markdown) => catalog::to_markdown(LicenseApiError::catalog()),
        Command::Print(Format::Json) => catalog::to_json(LicenseApiError::catalog()) + "\n",
    };
    // A closed pipe (`... | head`) is not an error worth a panic.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the catalog: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn arguments() {
        assert_eq!(parse(&[]), Ok(Command::Print(Format::Markdown)));
        assert_eq!(
            parse(&["--format", "markdown"]),
            Ok(Command::Print(Format::Markdown))
        );
        assert_eq!(
            parse(&["--format", "json"]),
            Ok(Command::Print(Format::Json))
        );
        assert_eq!(parse(&["--format=json"]), Ok(Command::Print(Format::Json)));
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["--format", "json", "-h"]), Ok(Command::Help));
        assert!(parse(&["--format"]).is_err());
        assert!(parse(&["--format", "yaml"]).is_err());
        assert!(parse(&["--json"]).is_err());
        assert!(parse(&["json"]).is_err());
    }
}
