//! `cargo connector new acme`: starts a connector crate on `connector-runtime`, laid out as
//! the tutorial's (settings, client, pagination, read and write capabilities, integration,
//! main), with the credential of `--auth` and tests written with `connector-testing` that
//! pass offline. Exit status 0 when the crate was written, 1 when it could not be, 2 for a
//! bad command line.

mod args;
mod auth;
mod format;
mod name;
mod runtime_source;
mod scaffold;
mod template;

use std::process::ExitCode;

use args::Command;

fn main() -> ExitCode {
    let argv: Vec<_> = std::env::args_os().skip(1).collect();
    match args::parse(&argv) {
        Ok(Command::Help) => {
            print!("{}", args::usage());
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("cargo-connector {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::New(new)) => match scaffold::create(&new) {
            Ok(files) => {
                println!(
                    "Created `{}` ({} credential, {} files) in {}",
                    new.name.crate_name,
                    new.auth.flag(),
                    files.len(),
                    new.path.display()
                );
                println!("Next: cd {} && cargo test", new.path.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Err(message) => {
            eprintln!("error: {message}\n\n{}", args::usage());
            ExitCode::from(2)
        }
    }
}
