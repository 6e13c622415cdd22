//! Prints the License API's error catalog, generated from `LicenseApiError`.
//!
//! ```text
//! cargo run --example catalog                       # Markdown table (default)
//! cargo run --example catalog -- --format json      # JSON array
//! cargo run --example catalog -- --format schema    # JSON Schema of the error body
//! cargo run --example catalog -- --format openapi   # OpenAPI 3.1 document of the errors
//! cargo run --example catalog -- --check tests/error-contract.json
//! cargo run --example catalog -- --diff OLD.json NEW.json
//! ```
//!
//! `--check` and `--diff` are `error_catalog::contract::cli`: the contract
//! check of any service, here for `LicenseApiError`.

use std::io::Write;
use std::process::ExitCode;

use error_catalog::{catalog, contract, ApiError};
use error_catalog_examples::LicenseApiError;

const USAGE: &str = "\
Prints the error catalog of the License API example service.

Usage: cargo run --example catalog -- [--format <markdown|json|schema|openapi>]
       cargo run --example catalog -- --check FILE
       cargo run --example catalog -- --diff OLD NEW

Options:
  --format markdown   a Markdown table: Status | Code | Description (default)
  --format json       a JSON array of {status, code, message, description, variant}
  --format schema     the JSON Schema (draft 2020-12) of every error body
  --format openapi    an OpenAPI 3.1 document: one response per status, every
                      code with its description and an example
  --check FILE        compare the error contract snapshot in FILE with the catalog;
                      exit 1 on a breaking change, 2 on a file it cannot read
  --diff OLD NEW      compare two error contract snapshots, the same way
  -h, --help          print this help
";

#[derive(Debug, PartialEq)]
enum Format {
    Markdown,
    Json,
    Schema,
    OpenApi,
}

impl Format {
    fn parse(value: &str) -> Result<Format, String> {
        Ok(match value {
            "markdown" | "md" => Format::Markdown,
            "json" => Format::Json,
            "schema" => Format::Schema,
            "openapi" => Format::OpenApi,
            other => {
                return Err(format!(
                    "unknown format `{other}`: use markdown, json, schema or openapi"
                ))
            }
        })
    }

    /// The catalog of the License API in this format.
    fn render(&self) -> String {
        let catalog = LicenseApiError::catalog();
        let pretty = |value: serde_json::Value| {
            // A `Value` always serializes.
            serde_json::to_string_pretty(&value).expect("JSON serializes") + "\n"
        };
        match self {
            Format::Markdown => catalog::to_markdown(catalog),
            Format::Json => catalog::to_json(catalog) + "\n",
            Format::Schema => pretty(catalog::to_schema(catalog)),
            Format::OpenApi => pretty(catalog::to_openapi(
                catalog,
                "LicenseApiError",
                env!("CARGO_PKG_VERSION"),
            )),
        }
    }
}

#[derive(Debug, PartialEq)]
enum Command {
    Print(Format),
    Help,
    /// `--check` or `--diff`: every argument goes to the contract check.
    Contract(Vec<String>),
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let args: Vec<String> = args.into_iter().collect();
    let contract =
        |arg: &String| arg == "--check" || arg == "--diff" || arg.starts_with("--check=");
    if args.iter().any(contract) {
        return Ok(Command::Contract(args));
    }
    let mut format = Format::Markdown;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--format" => {
                let value = args.next().ok_or_else(|| {
                    "`--format` needs a value: markdown, json, schema or openapi".to_owned()
                })?;
                format = Format::parse(&value)?;
            }
            other => match other.strip_prefix("--format=") {
                Some(value) => format = Format::parse(value)?,
                None => return Err(format!("unknown argument `{other}`")),
            },
        }
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
        Command::Contract(args) => return contract::cli::<LicenseApiError>(args).into(),
        Command::Help => USAGE.to_owned(),
        Command::Print(format) => format.render(),
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
        assert_eq!(
            parse(&["--format", "schema"]),
            Ok(Command::Print(Format::Schema))
        );
        assert_eq!(
            parse(&["--format=openapi"]),
            Ok(Command::Print(Format::OpenApi))
        );
        assert_eq!(
            parse(&["--format", "json", "--format", "openapi"]),
            Ok(Command::Print(Format::OpenApi))
        );
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["--format", "json", "-h"]), Ok(Command::Help));
        assert!(parse(&["--format"]).is_err());
        assert!(parse(&["--format", "yaml"]).is_err());
        assert!(parse(&["--json"]).is_err());
        assert!(parse(&["json"]).is_err());
        assert!(parse(&["--format=OpenAPI"]).is_err());
    }

    #[test]
    fn every_format_renders_the_whole_catalog() {
        let codes = LicenseApiError::catalog().len();
        let schema: serde_json::Value = serde_json::from_str(&Format::Schema.render()).unwrap();
        let in_schema: usize = schema["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|branch| {
                branch["properties"]["code"]["enum"]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(in_schema, codes);
        let openapi: serde_json::Value = serde_json::from_str(&Format::OpenApi.render()).unwrap();
        assert_eq!(openapi["openapi"], "3.1.0");
        let examples: usize = openapi["components"]["responses"]
            .as_object()
            .unwrap()
            .values()
            .map(|response| {
                response["content"]["application/json"]["examples"]
                    .as_object()
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(examples, codes);
    }

    #[test]
    fn contract_arguments_go_to_the_contract_check() {
        let contract = |args: &[&str]| {
            Ok(Command::Contract(
                args.iter().map(|a| a.to_string()).collect(),
            ))
        };
        assert_eq!(
            parse(&["--check", "a.json"]),
            contract(&["--check", "a.json"])
        );
        assert_eq!(parse(&["--check=a.json"]), contract(&["--check=a.json"]));
        assert_eq!(
            parse(&["--diff", "a", "b"]),
            contract(&["--diff", "a", "b"])
        );
        // Mixed with a format: the contract check rejects what it does not take.
        assert_eq!(
            parse(&["--format", "json", "--check", "a"]),
            contract(&["--format", "json", "--check", "a"])
        );
    }
}
