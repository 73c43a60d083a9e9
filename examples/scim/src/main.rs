//! The `scim` connector binary.

fn main() -> std::process::ExitCode {
    scim::Scim::main()
}
