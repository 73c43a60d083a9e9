//! Server settings: the Python mock's `MOCK_*` environment variables.

use crate::pynum::{PyInt, python_int};
use std::fmt;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            users: 25,
            token: "valid-token".to_owned(),
            max_limit: PyInt::from(1000),
            default_limit: PyInt::from(100),
        }
    }
}

/// A `MOCK_*` variable that Python's `int()` would reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} must be an integer, got {:?}", self.name, self.value)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the `MOCK_*` variables through `lookup` (e.g. `std::env::var`),
    /// keeping the default for each one that is absent.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let int = |name: &'static str| -> Result<Option<PyInt>, ConfigError> {
            lookup(name)
                .map(|value| python_int(&value).ok_or(ConfigError { name, value }))
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
        Ok(config)
    }

    /// [`Config::from_lookup`] on the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }
}
