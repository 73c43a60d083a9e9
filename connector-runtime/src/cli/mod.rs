//! The command line of a connector binary: `info`, `<capability> --json ...`, `--help`.
//!
//! stdout carries exactly one JSON document and a newline (or nothing, with
//! `--result-file-path`); everything else goes to stderr. Exit status: 0 for every capability
//! result, error envelopes included; 2 for usage errors; 1 when the command cannot run at all.

mod args;
mod descriptors;
mod flags;
mod help;
pub(crate) mod modes;
mod output;
mod streams;

use args::{Command, Input, UsageError, parse};
use modes::Mode;
pub use streams::Streams;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;

use crate::error::ConnectorError;
use crate::integration::{App, Integration};
use crate::logging::{self, PreviousHook};
use crate::response::envelope::{self, Origin};
use crate::{answered, dispatch, info};
use output::ResultFile;
use tracing::level_filters::LevelFilter;

pub use crate::request_size::MAX_REQUEST_BYTES;
use crate::request_size::too_large;

/// The variable through which Lambda tells a function where its Runtime API is.
const LAMBDA_API_VAR: &str = "AWS_LAMBDA_RUNTIME_API";

/// The entry point of a connector binary: `fn main() -> ExitCode { cli::main::<MyApp>() }`.
///
/// The process is the connector's: its panic hook replaces the standard one, which would
/// print the panic's message.
pub fn main<I: Integration>() -> ExitCode {
    logging::install_panic_hook(PreviousHook::Replace);
    let mut args = std::env::args_os();
    let program = args.next().unwrap_or_default();
    let program = program_name(&program, &I::APP);
    main_with_args::<I>(&program, args)
}

/// The entry point with the program name and arguments given, for binaries that embed a
/// connector among other commands. The host's panic hook, if it set one, still runs after the
/// connector's (which prints only where the panic happened).
///
/// With stdout closed, nothing runs (exit 1): the caller could not see the envelope.
pub fn main_with_args<I: Integration>(
    program: &str,
    args: impl IntoIterator<Item = impl Into<OsString>>,
) -> ExitCode {
    logging::install_panic_hook(PreviousHook::Chain);
    let mut args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Lambda starts a custom runtime's `bootstrap` with no arguments: inside Lambda, that
    // means `lambda`, so the binary itself can be the bootstrap.
    if cfg!(feature = "lambda") && args.is_empty() && std::env::var_os(LAMBDA_API_VAR).is_some() {
        args.push("lambda".into());
    }
    // A server says what it serves (one line per request) unless told to be quieter.
    let long_running = matches!(
        modes::parse_mode(&args),
        Some(Ok(Mode::HttpServer(_) | Mode::Lambda))
    );
    logging::init(if long_running {
        LevelFilter::INFO
    } else {
        LevelFilter::ERROR
    });
    if descriptors::stdout_was_closed() {
        let _ = writeln!(
            std::io::stderr(),
            "{program}: error: standard output is closed; the result would be lost"
        );
        return ExitCode::FAILURE;
    }
    // For connectors that build reqwest clients of their own, not only through `http`.
    crate::tls::ensure_crypto_provider();
    let app = I::APP;
    // Not locked for the whole run: a server's worker threads log to stderr meanwhile.
    let mut streams = Streams {
        stdin: &mut std::io::stdin(),
        stdout: &mut std::io::stdout(),
        stderr: &mut std::io::stderr(),
    };
    ExitCode::from(run(&app, program, &args, &mut streams))
}

/// Runs one command line against `app` and returns the exit status.
pub fn run(app: &App, program: &str, args: &[OsString], streams: &mut Streams<'_>) -> u8 {
    let command = match parse(args, |name| answered::find(app, name).is_some()) {
        Ok(command) => command,
        Err(UsageError(message)) => {
            let _ = writeln!(
                streams.stderr,
                "{}{program}: error: {message}",
                help::usage(program)
            );
            return 2;
        }
    };
    let result_file = match &command {
        Command::Info { result_file } | Command::Run { result_file, .. } => {
            match result_file.as_deref().map(ResultFile::check).transpose() {
                Ok(file) => file,
                Err(message) => {
                    let _ = writeln!(streams.stderr, "{program}: error: {message}");
                    return 1;
                }
            }
        }
        Command::Help | Command::Nothing | Command::Mode(_) => None,
    };
    match command {
        Command::Help => {
            let _ = streams
                .stdout
                .write_all(help::help(app, program).as_bytes());
            0
        }
        Command::Nothing => {
            let _ = write!(
                streams.stderr,
                "No command passed in\n{}",
                help::help(app, program)
            );
            1
        }
        Command::Info { .. } => output::emit(&info::info_json(app), result_file.as_ref(), streams),
        Command::Mode(mode) => run_mode(app, mode, streams),
        Command::Run {
            capability, input, ..
        } => {
            let envelope = match read_input(input, streams.stdin) {
                Ok(json) => match run_blocking(app, &capability, &json) {
                    Ok(envelope) => envelope,
                    Err(message) => {
                        let _ = writeln!(streams.stderr, "{program}: error: {message}");
                        return 1;
                    }
                },
                Err(InputError::Refused(error)) => {
                    envelope::error(&error, app.app_id, Origin::BeforeCall)
                }
                Err(InputError::Unreadable(message)) => {
                    let _ = writeln!(streams.stderr, "{program}: error: {message}");
                    return 1;
                }
            };
            output::emit(&envelope, result_file.as_ref(), streams)
        }
    }
}

/// Why no request bytes could be had.
enum InputError {
    /// The source cannot be read at all: the run stops (exit 1).
    Unreadable(String),
    /// The bytes are refused (too large): reported as an error envelope.
    Refused(ConnectorError),
}

/// The request bytes from `--json`, `--json-file` or stdin, at most [`MAX_REQUEST_BYTES`].
fn read_input(input: Input, stdin: &mut dyn Read) -> Result<Vec<u8>, InputError> {
    let (source, reader): (String, Box<dyn Read + '_>) = match input {
        Input::Inline(json) if json.is_empty() => {
            return Err(InputError::Unreadable("No JSON value provided".into()));
        }
        Input::Inline(json) => return Ok(json),
        Input::Stdin => ("standard input".into(), Box::new(stdin)),
        Input::File(path) => {
            let file = std::fs::File::open(&path).map_err(|e| {
                InputError::Unreadable(format!("cannot read --json-file {}: {e}", path.display()))
            })?;
            (path.display().to_string(), Box::new(file))
        }
    };
    let mut json = Vec::new();
    reader
        .take(MAX_REQUEST_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|e| InputError::Unreadable(format!("cannot read {source}: {e}")))?;
    if json.len() as u64 > MAX_REQUEST_BYTES {
        return Err(InputError::Refused(too_large()));
    }
    Ok(json)
}

/// Runs a mode other than one capability per process.
fn run_mode(app: &App, mode: Mode, streams: &mut Streams<'_>) -> u8 {
    match mode {
        #[cfg(feature = "server")]
        Mode::HttpServer(options) => crate::server::serve(app, &options, streams.stderr),
        #[cfg(not(feature = "server"))]
        Mode::HttpServer(_) => not_built_with("dev http-server", "server", streams),
        #[cfg(feature = "lambda")]
        Mode::Lambda => crate::lambda::run(app, streams.stderr),
        #[cfg(not(feature = "lambda"))]
        Mode::Lambda => not_built_with("lambda", "lambda", streams),
        Mode::CompileOnPrem { output_directory } => {
            crate::bundle::compile_on_prem(app, output_directory, streams)
        }
    }
}

/// The refusal of a mode whose cargo feature the connector was built without.
#[cfg(not(all(feature = "server", feature = "lambda")))]
fn not_built_with(mode: &str, feature: &str, streams: &mut Streams<'_>) -> u8 {
    let _ = writeln!(
        streams.stderr,
        "error: `{mode}` needs connector-runtime's `{feature}` feature, which this connector was built without"
    );
    1
}

/// Dispatches on this thread's single-threaded Tokio runtime, made on first use and kept, so
/// that a process running many commands (a sync loop, a server) keeps its upstream
/// connections alive between them.
fn run_blocking(app: &App, capability: &str, json: &[u8]) -> Result<String, String> {
    thread_local! {
        static RUNTIME: std::cell::RefCell<Option<tokio::runtime::Runtime>> = const { std::cell::RefCell::new(None) };
    }
    RUNTIME.with(|slot| {
        let mut slot = slot.borrow_mut();
        let runtime = match slot.take() {
            Some(runtime) => runtime,
            None => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the async runtime: {e}"))?,
        };
        let envelope = runtime.block_on(dispatch::dispatch(app, capability, json));
        *slot = Some(runtime);
        Ok(envelope)
    })
}

/// The program name shown in usage lines: the binary's file name, else the app id.
fn program_name(argv0: &OsString, app: &App) -> String {
    std::path::Path::new(argv0)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| app.app_id.to_owned())
}
