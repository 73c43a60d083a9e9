//! The `mockapp-oauth` connector binary.

fn main() -> std::process::ExitCode {
    mockapp_oauth::MockappOAuth::main()
}
