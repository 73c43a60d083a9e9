//! `--help`: the usage line, the capabilities and the flags, in our own words.

use std::fmt::Write;

use crate::answered::{self, Answered};
use crate::integration::App;

/// The usage lines printed before usage errors and at the top of `--help`.
pub(super) fn usage(program: &str) -> String {
    format!(
        "usage: {program} <capability> (--json JSON | --json - | --json-file PATH) [--result-file-path PATH.gz]\n       {program} info [--result-file-path PATH.gz]\n"
    )
}

/// The full help text.
pub(super) fn help(app: &App, program: &str) -> String {
    let mut text = usage(program);
    let _ = write!(
        text,
        "\n{name} connector `{id}`, version {version}.\n\nCapabilities:\n  {info:<44}print what this connector supports, as JSON\n",
        name = app.user_friendly_name,
        id = app.app_id,
        version = app.version,
        info = "info",
    );
    let mut capabilities: Vec<(&str, &str)> = answered::all(app)
        .map(|capability| {
            let note = match capability {
                Answered::Listed(entry) => entry.meta.level.as_str(),
                Answered::BuiltInAppInfo => "the connector as an OpenAPI document",
            };
            (capability.meta().name, note)
        })
        .collect();
    capabilities.sort_unstable();
    for (name, level) in capabilities {
        let _ = writeln!(text, "  {name:<44}{level}");
    }
    text.push_str(
        "\nOptions:
  --json JSON                 the request: {\"auth\": {...}, \"settings\": {...}, \"request\": {...}}
  --json -                    read the request from standard input (keeps secrets out of argv)
  --json-file PATH            read the request from a file
  --result-file-path PATH.gz  write the result gzipped to PATH.gz instead of standard output
  -h, --help                  print this help

Other ways to run:
  dev http-server [-p PORT] [--host HOST] [--max-concurrency N] [--drain-seconds S]
      serve POST /<capability> with the request as body, answering the envelope (default
      127.0.0.1:8000, 64 at once); SIGTERM or Ctrl-C drains the requests in flight (30 s)
  dev compile-on-prem [--output-directory DIR]
      write DIR/bundled/<app_id>-<version>.tar.gz for the on-prem agent; prints its path
  lambda
      run as an AWS Lambda function: events {\"capability\": NAME, \"request\": {...}}

Standard output carries exactly one JSON document. Exit status: 0 for every result, error
envelopes included; 2 for usage errors; 1 when the command cannot run. Logs go to standard
error; LUMOS_LOG_LEVEL sets their level (DEBUG, INFO, WARNING, ERROR, CRITICAL; default ERROR).
",
    );
    text
}
