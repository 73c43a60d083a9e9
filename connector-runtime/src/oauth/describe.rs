//! What `info` and `app_info` say about an integration's OAuth provider, as connector-py says
//! it: `oauth_scopes`, `x-oauth-settings`, the `oauth2` security scheme and each operation's
//! scopes. URLs and scopes computed from settings are computed from the `app_info` request's.

use serde_json::{Map, Value, json};

use super::OAuthProvider;
use super::config::{Flow, ScopeSource};

/// The provider of an integration, without its settings type.
#[derive(Debug, Clone, Copy)]
pub struct OAuthInfo {
    flow: Flow,
    pkce: bool,
    /// The scopes written in the integration (`None` when computed from settings).
    fixed_scopes: Option<&'static [(&'static str, &'static str)]>,
    resolve: fn(Option<&str>) -> Resolved,
}

/// The endpoints and scopes for one request's settings.
pub(crate) struct Resolved {
    authorization_url: String,
    token_url: String,
    /// `(capability, scopes)` in declaration order.
    scopes: Vec<(String, String)>,
}

/// The [`OAuthInfo`] of provider `P`.
pub const fn info<P: OAuthProvider>() -> OAuthInfo {
    OAuthInfo {
        flow: P::OAUTH.flow,
        pkce: P::OAUTH.pkce,
        fixed_scopes: match P::OAUTH.scopes {
            ScopeSource::Fixed(pairs) => Some(pairs),
            ScopeSource::FromSettings(_) => None,
        },
        resolve: resolve::<P>,
    }
}

/// The provider's endpoints and scopes for settings JSON `settings` (absent: `{}`); a URL
/// computed from settings that do not decode is `""`.
fn resolve<P: OAuthProvider>(settings: Option<&str>) -> Resolved {
    let oauth = P::OAUTH;
    let decoded: Option<P::Settings> = serde_json::from_str(settings.unwrap_or("{}")).ok();
    let url = |source: Option<super::UrlSource<P::Settings>>| match (source, &decoded) {
        (Some(super::UrlSource::Fixed(url)), _) => url.to_owned(),
        (Some(source), Some(settings)) => source.resolve(settings),
        _ => String::new(),
    };
    Resolved {
        authorization_url: url(oauth.authorization_url),
        token_url: url(Some(oauth.token_url)),
        scopes: match (oauth.scopes, &decoded) {
            (ScopeSource::Fixed(_), _) => oauth.scopes.resolve_fixed(),
            (source, Some(settings)) => source.resolve(settings),
            (_, None) => Vec::new(),
        },
    }
}

impl OAuthInfo {
    /// The endpoints and scopes for an `app_info` request with settings JSON `settings`.
    pub(crate) fn resolve(&self, settings: Option<&str>) -> Resolved {
        (self.resolve)(settings)
    }

    /// `info`'s `oauth_scopes`: `{capability: scopes}` when written in the integration, else
    /// null (connector-py skips computed scopes too).
    pub(crate) fn oauth_scopes(&self) -> Value {
        match self.fixed_scopes {
            Some(pairs) if !pairs.is_empty() => Value::Object(
                pairs
                    .iter()
                    .map(|(capability, scopes)| ((*capability).to_owned(), json!(scopes)))
                    .collect(),
            ),
            _ => Value::Null,
        }
    }

    /// `x-oauth-settings`.
    pub(crate) fn settings(&self, resolved: &Resolved) -> Value {
        let capabilities: Map<String, Value> = self
            .capabilities()
            .iter()
            .map(|name| ((*name).to_owned(), Value::Bool(true)))
            .collect();
        json!({
            "oauth_type": match self.flow {
                Flow::Code => "CODE_FLOW",
                Flow::ClientCredentials => "CLIENT_CREDENTIALS",
            },
            "token_url": resolved.token_url,
            "authorization_url": resolved.authorization_url,
            "capabilities": capabilities,
            "scopes": scope_descriptions(&resolved.scopes),
            "pkce_enabled": self.pkce,
        })
    }

    /// The `oauth2` security scheme with its one flow.
    pub(crate) fn security_scheme(&self, resolved: &Resolved) -> Value {
        let scopes = scope_descriptions(&resolved.scopes);
        let flow = match self.flow {
            Flow::Code => json!({"authorizationCode": {
                "authorizationUrl": resolved.authorization_url,
                "tokenUrl": resolved.token_url,
                "scopes": scopes,
            }}),
            Flow::ClientCredentials => json!({"clientCredentials": {
                "tokenUrl": resolved.token_url,
                "scopes": scopes,
            }}),
        };
        json!({"type": "oauth2", "flows": flow})
    }

    /// An operation's `security` under scheme `scheme`: every scope when none is declared at
    /// all, the capability's own scopes, or nothing when others have scopes and it has none.
    pub(crate) fn operation_security(
        &self,
        resolved: &Resolved,
        scheme: &str,
        capability: &str,
    ) -> Value {
        if resolved.scopes.is_empty() {
            return json!([{scheme: []}]);
        }
        match resolved.scopes.iter().find(|(name, _)| name == capability) {
            Some((_, scopes)) => json!([{scheme: scopes.split_whitespace().collect::<Vec<_>>()}]),
            None => json!([]),
        }
    }

    /// The capabilities the flow registers.
    fn capabilities(&self) -> &'static [&'static str] {
        match self.flow {
            Flow::Code => &[
                "get_authorization_url",
                "handle_authorization_callback",
                "refresh_access_token",
            ],
            Flow::ClientCredentials => {
                &["handle_client_credentials_request", "refresh_access_token"]
            }
        }
    }
}

/// `{scopes: "Required for cap, cap"}`: each distinct scope list once, in declaration order,
/// with the capabilities that need it.
fn scope_descriptions(scopes: &[(String, String)]) -> Value {
    let mut described: Vec<(&str, Vec<&str>)> = Vec::new();
    for (capability, list) in scopes {
        match described
            .iter_mut()
            .find(|(known, _)| *known == list.as_str())
        {
            Some((_, capabilities)) => capabilities.push(capability),
            None => described.push((list, vec![capability])),
        }
    }
    Value::Object(
        described
            .into_iter()
            .map(|(list, capabilities)| {
                (
                    list.to_owned(),
                    json!(format!("Required for {}", capabilities.join(", "))),
                )
            })
            .collect(),
    )
}
