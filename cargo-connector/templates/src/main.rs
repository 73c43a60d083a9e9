//! The `{{crate_name}}` connector binary: `{{crate_name}} info`, `{{crate_name}} list_accounts --json '{...}'`.

fn main() -> std::process::ExitCode {
    {{lib_name}}::{{Type}}::main()
}
