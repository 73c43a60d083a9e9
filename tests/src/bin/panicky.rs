//! A connector whose author code panics where the runtime decodes the request: in the
//! settings' `Deserialize`, and in a `#[serde(default = ...)]` function of a payload. The
//! hardening tests run it to see that each panic becomes one error envelope.
//!
//! With `PANICKY_HOST_HOOK=1` it plays a host program that installed its own panic hook and
//! then runs the connector through `cli::main_with_args`.

use connector_runtime::prelude::*;
use serde::Deserializer;

/// Settings whose decoding panics when `mode` is `"panic"`.
#[derive(Debug, JsonSchema)]
pub struct Settings {
    /// `"panic"` makes decoding panic.
    pub mode: String,
}

impl<'de> Deserialize<'de> for Settings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Plain {
            mode: String,
        }
        let plain = Plain::deserialize(d)?;
        if plain.mode == "panic" {
            panic!("settings-panic-message-secret");
        }
        Ok(Settings { mode: plain.mode })
    }
}

/// A payload whose missing `filter` is filled by a panicking default.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Search {
    /// What to look for.
    #[serde(default = "panicking_default")]
    pub filter: String,
}

fn panicking_default() -> String {
    panic!("default-panic-message-secret")
}

type Req<P> = Request<P, Settings, TokenCredential>;

#[capability(validate_credentials)]
async fn validate_credentials(
    req: Req<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(
        ValidatedCredentials::builder()
            .valid(true)
            .unique_tenant_id(req.settings.mode)
            .build(),
    ))
}

/// Counts the accounts matching a filter.
#[capability(custom = "search_accounts")]
async fn search_accounts(req: Req<Search>) -> Result<Response<usize>, ConnectorError> {
    Ok(Response::new(req.request.filter.len()))
}

#[integration(
    app_id = "panicky",
    auth = TokenCredential,
    settings = Settings,
    capabilities(validate_credentials, search_accounts),
)]
pub struct Panicky;

fn main() -> std::process::ExitCode {
    if std::env::var_os("PANICKY_HOST_HOOK").is_some() {
        std::panic::set_hook(Box::new(|_| eprintln!("the host's panic hook ran")));
        let args: Vec<_> = std::env::args_os().skip(1).collect();
        return connector_runtime::cli::main_with_args::<Panicky>("panicky", args);
    }
    Panicky::main()
}
