//! The `mockapp` connector binary.

fn main() -> std::process::ExitCode {
    mockapp::Mockapp::main()
}
