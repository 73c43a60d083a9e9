//! Server settings: the Python mock's `MOCK_*` environment variables.

use crate::pynum::{PyInt, python_int};
use std::fmt;
use std::time::Duration;

/// What the mock serves; `Default` matches the Python mock with no variables set.
#[derive(Debug, Clone)]
pub struct Config {
    /// Number of seeded users (`MOCK_USERS`, default 25). Zero or negative
    /// seeds none.
    pub users: i64,
    /// The accepted bearer token (`MOCK_TOKEN`, default `valid-token`).
    pub token: String,
    /// Largest page size; bigger `?limit` values are clamped (`MOCK_MAX_LIMIT`,
    /// default 1000).
    pub max_limit: PyInt,
    /// Page size when `?limit` is absent (`MOCK_DEFAULT_LIMIT`, default 100).
    pub default_limit: PyInt,
    /// The one client registered with the OAuth server
    /// (`MOCK_OAUTH_CLIENT_ID`, default `mockapp-client`).
    pub oauth_client_id: String,
    /// Its secret (`MOCK_OAUTH_CLIENT_SECRET`, default `mockapp-secret`).
    pub oauth_client_secret: String,
    /// How long an authorization code can be exchanged
    /// (`MOCK_OAUTH_CODE_TTL` in seconds, default 60). Zero makes every
    /// code arrive expired.
    pub oauth_code_ttl: Duration,
    /// How long an issued access token is accepted
    /// (`MOCK_OAUTH_ACCESS_TOKEN_TTL`, default 3600 s); also the
    /// `expires_in` of token responses, in whole seconds.
    pub oauth_access_token_ttl: Duration,
    /// How long a refresh token can be used, counted from its issue
    /// (`MOCK_OAUTH_REFRESH_TOKEN_TTL`, default 86400 s).
    pub oauth_refresh_token_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            users: 25,
            token: "valid-token".to_owned(),
            max_limit: PyInt::from(1000),
            default_limit: PyInt::from(100),
            oauth_client_id: "mockapp-client".to_owned(),
            oauth_client_secret: "mockapp-secret".to_owned(),
            oauth_code_ttl: Duration::from_secs(60),
            oauth_access_token_ttl: Duration::from_secs(3600),
            oauth_refresh_token_ttl: Duration::from_secs(86_400),
        }
    }
}

/// A `MOCK_*` variable that Python's `int()` would reject, or a lifetime
/// that is not a number of seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    /// What the value should have been: `an integer`, `a number of seconds`.
    pub expected: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be {}, got {:?}",
            self.name, self.expected, self.value
        )
    }
}

/// A lifetime in seconds: a non-negative decimal number (`60`, `0.5`).
pub fn parse_seconds(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    text.parse::<f64>()
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the `MOCK_*` variables through `lookup` (e.g. `std::env::var`),
    /// keeping the default for each one that is absent.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let int = |name: &'static str| -> Result<Option<PyInt>, ConfigError> {
            lookup(name)
                .map(|value| {
                    python_int(&value).ok_or(ConfigError {
                        name,
                        value,
                        expected: "an integer",
                    })
                })
                .transpose()
        };
        let seconds = |name: &'static str| -> Result<Option<Duration>, ConfigError> {
            lookup(name)
                .map(|value| {
                    parse_seconds(&value).ok_or(ConfigError {
                        name,
                        value,
                        expected: "a number of seconds",
                    })
                })
                .transpose()
        };
        let mut config = Config::default();
        if let Some(users) = int("MOCK_USERS")? {
            config.users = users.value().clamp(i64::MIN.into(), i64::MAX.into()) as i64;
        }
        if let Some(token) = lookup("MOCK_TOKEN") {
            config.token = token;
        }
        if let Some(max) = int("MOCK_MAX_LIMIT")? {
            config.max_limit = max;
        }
        if let Some(default) = int("MOCK_DEFAULT_LIMIT")? {
            config.default_limit = default;
        }
        if let Some(id) = lookup("MOCK_OAUTH_CLIENT_ID") {
            config.oauth_client_id = id;
        }
        if let Some(secret) = lookup("MOCK_OAUTH_CLIENT_SECRET") {
            config.oauth_client_secret = secret;
        }
        if let Some(ttl) = seconds("MOCK_OAUTH_CODE_TTL")? {
            config.oauth_code_ttl = ttl;
        }
        if let Some(ttl) = seconds("MOCK_OAUTH_ACCESS_TOKEN_TTL")? {
            config.oauth_access_token_ttl = ttl;
        }
        if let Some(ttl) = seconds("MOCK_OAUTH_REFRESH_TOKEN_TTL")? {
            config.oauth_refresh_token_ttl = ttl;
        }
        Ok(config)
    }

    /// [`Config::from_lookup`] on the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_from_the_environment() {
        let config = Config::from_lookup(|name| match name {
            "MOCK_OAUTH_CODE_TTL" => Some("0".to_owned()),
            "MOCK_OAUTH_REFRESH_TOKEN_TTL" => Some("1.5".to_owned()),
            "MOCK_OAUTH_CLIENT_ID" => Some("other".to_owned()),
            _ => None,
        });
        let config = config.expect("valid");
        assert_eq!(config.oauth_code_ttl, Duration::ZERO);
        assert_eq!(config.oauth_refresh_token_ttl, Duration::from_millis(1500));
        assert_eq!(config.oauth_access_token_ttl, Duration::from_secs(3600));
        assert_eq!(config.oauth_client_id, "other");
        let bad = Config::from_lookup(|name| {
            (name == "MOCK_OAUTH_ACCESS_TOKEN_TTL").then(|| "-1".to_owned())
        });
        assert_eq!(
            bad.map_err(|e| e.to_string()).err().as_deref(),
            Some("MOCK_OAUTH_ACCESS_TOKEN_TTL must be a number of seconds, got \"-1\"")
        );
        for bad in ["", "1e3", "inf", "NaN", "1.2.3", "-0"] {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
    }
}
