//! The argv grammar of a connector binary, parsed by hand (it is small and must match
//! connector-py's flags exactly).

use std::ffi::OsString;
use std::path::PathBuf;

use super::flags::Flags;
use super::modes::{Mode, Refusal, parse_mode};

/// Where the request JSON comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// `--json STRING`.
    Inline(Vec<u8>),
    /// `--json-file PATH`.
    File(PathBuf),
    /// `--json -`: standard input.
    Stdin,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    /// `--help` / `-h`, or `<capability> --help`.
    Help,
    /// No arguments at all.
    Nothing,
    /// `info`.
    Info {
        /// `--result-file-path`.
        result_file: Option<PathBuf>,
    },
    /// `dev http-server`, `dev compile-on-prem` or `lambda`.
    Mode(Mode),
    /// `<capability> --json ...`.
    Run {
        /// The capability name.
        capability: String,
        /// The request source.
        input: Input,
        /// `--result-file-path`.
        result_file: Option<PathBuf>,
    },
}

/// A command line that does not fit the grammar: exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UsageError(pub(crate) String);

/// Parses `args` (without the program name); `known` says whether a capability exists.
pub(crate) fn parse(
    args: &[OsString],
    known: impl Fn(&str) -> bool,
) -> Result<Command, UsageError> {
    let Some(first) = args.first() else {
        return Ok(Command::Nothing);
    };
    let first = first.to_string_lossy();
    if first == "-h" || first == "--help" {
        return Ok(Command::Help);
    }
    if let Some(mode) = parse_mode(args) {
        return mode
            .map(Command::Mode)
            .map_err(|Refusal(message)| UsageError(message));
    }
    let is_info = first == "info";
    if !is_info && !known(&first) {
        return Err(UsageError(format!(
            "argument command: invalid choice: '{first}'"
        )));
    }
    let mut inline = None;
    let mut file = None;
    let mut result_file = None;
    let mut flags = Flags::new(&args[1..]);
    while let Some(flag) = flags.next_flag() {
        let mut value = |flag: &str| flags.value(flag).map_err(UsageError);
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--use-proxy" | "--sip" => {
                tracing::warn!("{flag} is accepted for compatibility and ignored");
            }
            "--result-file-path" => result_file = Some(PathBuf::from(unquote(value(&flag)?))),
            "--json" if !is_info => inline = Some(value(&flag)?),
            "--json-file" if !is_info => file = Some(PathBuf::from(unquote(value(&flag)?))),
            _ => return Err(UsageError(flags.unrecognized())),
        }
    }
    if is_info {
        return Ok(Command::Info { result_file });
    }
    let input = match (inline, file) {
        (Some(_), Some(_)) => {
            return Err(UsageError(
                "argument --json-file: not allowed with argument --json".into(),
            ));
        }
        (None, None) => {
            return Err(UsageError(
                "one of the arguments --json --json-file is required".into(),
            ));
        }
        (Some(json), None) if json == "-" => Input::Stdin,
        (Some(json), None) => Input::Inline(json.into_encoded_bytes()),
        (None, Some(path)) => Input::File(path),
    };
    Ok(Command::Run {
        capability: first.into_owned(),
        input,
        result_file,
    })
}

/// Strips the quotes an agent or a Windows shell may leave around a path, as connector-py does.
fn unquote(value: OsString) -> OsString {
    match value.to_str() {
        Some(s) => OsString::from(s.trim_matches(|c| c == '"' || c == '\'')),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, UsageError> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&args, |name| name == "list_accounts")
    }

    #[test]
    fn the_reference_grammar() {
        assert_eq!(parse_strs(&[]), Ok(Command::Nothing));
        assert_eq!(parse_strs(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["list_accounts", "--help"]), Ok(Command::Help));
        assert_eq!(
            parse_strs(&["info"]),
            Ok(Command::Info { result_file: None })
        );
        assert_eq!(
            parse_strs(&[
                "list_accounts",
                "--json",
                "{}",
                "--result-file-path",
                "'out.gz'"
            ]),
            Ok(Command::Run {
                capability: "list_accounts".into(),
                input: Input::Inline(b"{}".to_vec()),
                result_file: Some("out.gz".into())
            })
        );
        assert_eq!(
            parse_strs(&["list_accounts", "--json-file=\"r.json\""]),
            Ok(Command::Run {
                capability: "list_accounts".into(),
                input: Input::File("r.json".into()),
                result_file: None
            })
        );
        assert!(matches!(
            parse_strs(&["list_accounts", "--json", "-"]),
            Ok(Command::Run {
                input: Input::Stdin,
                ..
            })
        ));
    }

    #[test]
    fn usage_errors() {
        for bad in [
            &["list_widgets", "--json", "{}"][..],
            &["list_accounts"],
            &["list_accounts", "--json", "{}", "--json-file", "x"],
            &["list_accounts", "--json"],
            &["info", "--json", "{}"],
            &["list_accounts", "--json", "{}", "--bogus"],
        ] {
            assert!(parse_strs(bad).is_err(), "{bad:?}");
        }
    }
}
