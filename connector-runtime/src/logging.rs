//! Logs go to stderr, never stdout; `LUMOS_LOG_LEVEL` sets the level, as in connector-py.

use std::io::IsTerminal;

use tracing::level_filters::LevelFilter;

/// The environment variable that sets the log level.
pub(crate) const LOG_LEVEL_VAR: &str = "LUMOS_LOG_LEVEL";

/// The level named by `value` (connector-py's names; `CRITICAL` counts as `ERROR`).
pub(crate) fn parse_level(value: &str) -> Option<LevelFilter> {
    match value.trim().to_ascii_uppercase().as_str() {
        "DEBUG" => Some(LevelFilter::DEBUG),
        "INFO" => Some(LevelFilter::INFO),
        "WARNING" | "WARN" => Some(LevelFilter::WARN),
        "ERROR" | "CRITICAL" => Some(LevelFilter::ERROR),
        "TRACE" => Some(LevelFilter::TRACE),
        "OFF" => Some(LevelFilter::OFF),
        _ => None,
    }
}

/// Installs the stderr logger once per process, at `LUMOS_LOG_LEVEL` or else `default`. An
/// unknown level is reported and `default` is used; connector-py would refuse to run.
///
/// A log line that cannot be written (stderr full or closed) is dropped: logging never stops
/// a run, and never falls back to a panicking `eprintln!`.
pub(crate) fn init(default: LevelFilter) {
    let raw = std::env::var(LOG_LEVEL_VAR).ok();
    let level = raw.as_deref().map(parse_level);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(true)
        .log_internal_errors(false)
        .with_max_level(level.flatten().unwrap_or(default))
        .finish();
    if tracing::subscriber::set_global_default(subscriber).is_ok()
        && let (Some(raw), Some(None)) = (raw, level)
    {
        let default = default.to_string().to_uppercase();
        tracing::error!("{LOG_LEVEL_VAR}={raw:?} is not a log level; using {default}");
    }
}

/// What the connector's panic hook does with the hook that was installed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PreviousHook {
    /// The process is the connector's own: the standard hook, which prints the panic's
    /// message, is replaced.
    Replace,
    /// The connector is embedded in a host program: the host's hook still runs after ours.
    Chain,
}

/// Installs, once per process, a panic hook that prints where a panic happened, never its
/// message (which could hold a secret). Write failures are ignored, so a panic with stderr
/// full or closed does not become an abort.
pub(crate) fn install_panic_hook(previous: PreviousHook) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()));
            let line = format!("connector panicked{}\n", location.unwrap_or_default());
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            if previous == PreviousHook::Chain {
                earlier(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connector_py_level_names_and_unknown_ones() {
        assert_eq!(parse_level("DEBUG"), Some(LevelFilter::DEBUG));
        assert_eq!(parse_level(" warning "), Some(LevelFilter::WARN));
        assert_eq!(parse_level("CRITICAL"), Some(LevelFilter::ERROR));
        assert_eq!(parse_level("loud"), None);
    }
}
