//! The command line: `cargo connector new NAME [options]`. Cargo runs `cargo-connector
//! connector new ...`, so a leading `connector` is skipped.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::auth::{CHOICES, Credential};
use crate::name::ConnectorName;
use crate::runtime_source::RuntimeSource;
use crate::scaffold::NewConnector;

/// What was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
    /// Create a connector.
    New(NewConnector),
}

/// The usage text.
pub(crate) fn usage() -> String {
    let choices: Vec<&str> = CHOICES.iter().map(|(name, _)| *name).collect();
    format!(
        "\
Start a connector crate on connector-runtime, with tests that pass offline.

Usage: cargo connector new <NAME> [OPTIONS]

Arguments:
  <NAME>  the crate's name: lower-case letters, digits, `-` and `_` (`acme`, `acme-crm`)

Options:
  --path <DIR>               where to create it (default: ./<NAME>)
  --auth <KIND>              the credential requests carry: {} (default: token)
  --runtime-path <DIR>       a checkout of the framework to depend on by path
                             (default: the checkout this cargo-connector was built from)
  --runtime-version <REQ>    depend on connector-runtime and connector-testing by version
  --force                    write into a directory that is not empty
  -h, --help                 print this
  -V, --version              print the version
",
        choices.join(", ")
    )
}

/// Parses the arguments after the program's name.
pub(crate) fn parse(args: &[OsString]) -> Result<Command, String> {
    let mut args: Vec<String> = args
        .iter()
        .map(|a| {
            a.to_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{} is not valid UTF-8", a.to_string_lossy()))
        })
        .collect::<Result<_, _>>()?;
    if args.first().is_some_and(|a| a == "connector") {
        args.remove(0);
    }
    let mut args = args.into_iter();
    match args.next().as_deref() {
        None | Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("new") => parse_new(args.collect()),
        Some(other) => Err(format!("unknown command `{other}`; the command is `new`")),
    }
}

fn parse_new(args: Vec<String>) -> Result<Command, String> {
    let mut name = None;
    let mut path = None;
    let mut auth = Credential::Token;
    let mut runtime = None;
    let mut force = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--path" => path = Some(PathBuf::from(value()?)),
            "--auth" => {
                let given = value()?;
                auth = Credential::from_flag(&given).ok_or_else(|| {
                    let choices: Vec<&str> = CHOICES.iter().map(|(n, _)| *n).collect();
                    format!("--auth {given}: expected one of {}", choices.join(", "))
                })?;
            }
            "--runtime-path" | "--runtime-version" if runtime.is_some() => {
                return Err("give --runtime-path or --runtime-version once".to_owned());
            }
            "--runtime-path" => {
                runtime = Some(RuntimeSource::checkout(&PathBuf::from(value()?))?);
            }
            "--runtime-version" => runtime = Some(RuntimeSource::version(&value()?)?),
            "--force" if inline.is_none() => force = true,
            _ if flag.starts_with('-') => return Err(format!("unknown option `{arg}`")),
            _ if name.is_some() => return Err(format!("unexpected argument `{arg}`")),
            _ => name = Some(ConnectorName::parse(&arg).map_err(|e| e.to_string())?),
        }
    }
    let name = name.ok_or("new needs the connector's name: `cargo connector new acme`")?;
    let runtime = match runtime {
        Some(runtime) => runtime,
        None => RuntimeSource::built_from().ok_or(
            "this cargo-connector was not built from a checkout that is still there: pass --runtime-path <DIR> or --runtime-version <REQ>",
        )?,
    };
    Ok(Command::New(NewConnector {
        path: path.unwrap_or_else(|| PathBuf::from(&name.crate_name)),
        name,
        auth,
        runtime,
        force,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Command, String> {
        parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    fn new(args: &[&str]) -> NewConnector {
        match parsed(args) {
            Ok(Command::New(new)) => new,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn as_cargo_runs_it_and_with_every_option() {
        let plain = new(&["connector", "new", "acme"]);
        assert_eq!(plain.path, PathBuf::from("acme"));
        assert_eq!(plain.auth, Credential::Token);
        assert!(!plain.force);
        assert!(matches!(plain.runtime, RuntimeSource::Checkout(_)));
        let full = new(&[
            "new",
            "acme",
            "--path=out/x",
            "--auth",
            "multi",
            "--runtime-version",
            "0.2",
            "--force",
        ]);
        assert_eq!(full.path, PathBuf::from("out/x"));
        assert_eq!(full.auth, Credential::Multi);
        assert_eq!(full.runtime, RuntimeSource::Version("0.2".into()));
        assert!(full.force);
        assert_eq!(parsed(&["connector"]), Ok(Command::Help));
        assert_eq!(parsed(&["new", "acme", "--help"]), Ok(Command::Help));
        assert_eq!(parsed(&["--version"]), Ok(Command::Version));
    }

    #[test]
    fn each_mistake_is_named() {
        let error = |args: &[&str]| parsed(args).unwrap_err();
        assert_eq!(
            error(&["make"]),
            "unknown command `make`; the command is `new`"
        );
        assert!(error(&["new"]).starts_with("new needs the connector's name"));
        assert_eq!(
            error(&["new", "acme", "--auth", "saml"]),
            "--auth saml: expected one of token, basic, oauth, multi"
        );
        assert_eq!(error(&["new", "acme", "--path"]), "--path needs a value");
        assert_eq!(error(&["new", "acme", "--fast"]), "unknown option `--fast`");
        assert_eq!(
            error(&["new", "acme", "other"]),
            "unexpected argument `other`"
        );
        assert!(error(&["new", "Acme"]).contains("try `acme`"));
        assert_eq!(
            error(&[
                "new",
                "a",
                "--runtime-version",
                "1",
                "--runtime-version",
                "2"
            ]),
            "give --runtime-path or --runtime-version once"
        );
        assert!(error(&["new", "a", "--runtime-path", "/nonexistent"]).contains("not a checkout"));
    }
}
