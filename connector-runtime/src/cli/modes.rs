//! The other ways to run a connector binary, as connector-py spells them where it has them:
//! `dev http-server [-p PORT] [--host H]`, `dev compile-on-prem [--output-directory D]`, and
//! `lambda`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use super::flags::Flags;

/// `dev http-server`'s options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServerOptions {
    /// The address to listen on (`--host`, default `127.0.0.1` as uvicorn's).
    pub(crate) host: String,
    /// The port (`-p`/`--port`, default 8000; 0 picks a free one).
    pub(crate) port: u16,
    /// How many capabilities run at once (`--max-concurrency`); more requests wait their turn.
    pub(crate) max_concurrency: usize,
    /// How long a stop waits for the requests in flight (`--drain-seconds`).
    pub(crate) drain: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            host: "127.0.0.1".into(),
            port: 8000,
            max_concurrency: 64,
            drain: Duration::from_secs(30),
        }
    }
}

/// Why a mode's command line is refused (the caller makes it a usage error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal(pub(crate) String);

/// A way to run other than one capability per process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `dev http-server`.
    HttpServer(ServerOptions),
    /// `dev compile-on-prem`.
    CompileOnPrem {
        /// `--output-directory` (default `./compiled/<app_id>-<timestamp>`).
        output_directory: Option<PathBuf>,
    },
    /// `lambda`.
    Lambda,
}

/// The mode `args` ask for, `None` when they ask for none (`args[0]` is neither `dev` nor
/// `lambda`).
pub(crate) fn parse_mode(args: &[OsString]) -> Option<Result<Mode, Refusal>> {
    let first = args.first()?.to_string_lossy();
    match first.as_ref() {
        "lambda" => Some(match args.get(1) {
            None => Ok(Mode::Lambda),
            Some(extra) => Err(unrecognized(extra)),
        }),
        "dev" => Some(parse_dev(&args[1..])),
        _ => None,
    }
}

fn parse_dev(args: &[OsString]) -> Result<Mode, Refusal> {
    let Some(command) = args.first() else {
        return Err(Refusal(
            "dev: a command is required (http-server, compile-on-prem)".into(),
        ));
    };
    let mut options = Flags::new(&args[1..]);
    match command.to_string_lossy().as_ref() {
        "http-server" => {
            let mut server = ServerOptions::default();
            while let Some(flag) = options.next_flag() {
                match flag.as_str() {
                    "-p" | "--port" => server.port = number(&mut options, &flag)?,
                    "--host" => server.host = text(&mut options, &flag)?,
                    "--max-concurrency" => {
                        server.max_concurrency = number(&mut options, &flag)?;
                        if server.max_concurrency == 0 {
                            return Err(Refusal(
                                "argument --max-concurrency: must be at least 1".into(),
                            ));
                        }
                    }
                    "--drain-seconds" => {
                        server.drain = Duration::from_secs(number(&mut options, &flag)?);
                    }
                    "--reload" | "--use-proxy" | "--sip" => {
                        tracing::warn!("{flag} is accepted for compatibility and ignored");
                    }
                    _ => return Err(Refusal(options.unrecognized())),
                }
            }
            Ok(Mode::HttpServer(server))
        }
        "compile-on-prem" => {
            let mut output_directory = None;
            while let Some(flag) = options.next_flag() {
                match flag.as_str() {
                    "--output-directory" => {
                        output_directory =
                            Some(PathBuf::from(options.value(&flag).map_err(Refusal)?));
                    }
                    _ => return Err(Refusal(options.unrecognized())),
                }
            }
            Ok(Mode::CompileOnPrem { output_directory })
        }
        other => Err(Refusal(format!(
            "argument dev: invalid choice: '{other}' (choose from 'http-server', 'compile-on-prem')"
        ))),
    }
}

/// The value of `flag`, as text.
fn text(options: &mut Flags<'_>, flag: &str) -> Result<String, Refusal> {
    let value = options.value(flag).map_err(Refusal)?;
    Ok(value.to_string_lossy().into_owned())
}

/// The value of `flag`, as a number.
fn number<N: std::str::FromStr>(options: &mut Flags<'_>, flag: &str) -> Result<N, Refusal> {
    let value = text(options, flag)?;
    value
        .parse()
        .map_err(|_| Refusal(format!("argument {flag}: invalid int value: '{value}'")))
}

fn unrecognized(arg: &OsString) -> Refusal {
    Refusal(format!("unrecognized arguments: {}", arg.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(args: &[&str]) -> Option<Result<Mode, Refusal>> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse_mode(&args)
    }

    #[test]
    fn each_mode_and_its_options() {
        assert_eq!(mode(&["list_accounts", "--json", "{}"]), None);
        assert_eq!(mode(&["lambda"]), Some(Ok(Mode::Lambda)));
        assert_eq!(
            mode(&["dev", "http-server"]),
            Some(Ok(Mode::HttpServer(ServerOptions::default())))
        );
        assert_eq!(
            mode(&[
                "dev",
                "http-server",
                "-p",
                "0",
                "--host=0.0.0.0",
                "--max-concurrency",
                "8",
                "--drain-seconds=5",
                "--reload"
            ]),
            Some(Ok(Mode::HttpServer(ServerOptions {
                host: "0.0.0.0".into(),
                port: 0,
                max_concurrency: 8,
                drain: Duration::from_secs(5),
            })))
        );
        assert_eq!(
            mode(&["dev", "compile-on-prem", "--output-directory", "out"]),
            Some(Ok(Mode::CompileOnPrem {
                output_directory: Some("out".into())
            }))
        );
    }

    #[test]
    fn each_mistake_is_a_usage_error_naming_it() {
        for (args, says) in [
            (&["dev"][..], "a command is required"),
            (&["dev", "serve"], "invalid choice: 'serve'"),
            (
                &["dev", "http-server", "-p", "http"],
                "invalid int value: 'http'",
            ),
            (
                &["dev", "http-server", "-p", "70000"],
                "invalid int value: '70000'",
            ),
            (&["dev", "http-server", "--port"], "expected one argument"),
            (
                &["dev", "http-server", "--max-concurrency", "0"],
                "at least 1",
            ),
            (
                &["dev", "http-server", "--bogus"],
                "unrecognized arguments: --bogus",
            ),
            (
                &["dev", "compile-on-prem", "x"],
                "unrecognized arguments: x",
            ),
            (&["lambda", "--json"], "unrecognized arguments: --json"),
        ] {
            match mode(args) {
                Some(Err(Refusal(message))) => {
                    assert!(message.contains(says), "{args:?}: {message}");
                }
                other => panic!("{args:?}: {other:?}"),
            }
        }
    }
}
