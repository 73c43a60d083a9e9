//! OAuth 2.0: the capabilities Lumos calls to connect an account to an app that wants OAuth,
//! answered by the runtime from a declaration on the integration.
//!
//! ```ignore
//! #[integration(
//!     app_id = "acme",
//!     settings = AcmeSettings,
//!     auth = OAuthCredential,
//!     oauth(
//!         authorization_url = authorize_url,          // fn(&AcmeSettings) -> String, or "https://..."
//!         token_url = "https://acme.example/oauth/token",
//!         scopes(list_accounts = "users:read", create_account = "users:write"),
//!         pkce,
//!         client_auth = basic,                        // or post (the default)
//!         request_type = form,                        // or query, json
//!     ),
//!     capabilities(list_accounts, create_account),
//! )]
//! pub struct Acme;
//! ```
//!
//! The code flow (the default, `flow = code`) registers `get_authorization_url`,
//! `handle_authorization_callback` and `refresh_access_token`; `flow = client_credentials`
//! registers `handle_client_credentials_request` and `refresh_access_token`. Their payloads,
//! responses and errors are connector-py's: the authorization URL carries `client_id`,
//! `response_type=code`, `scope`, `redirect_uri`, `state` and, with PKCE, an S256
//! `code_challenge` whose verifier the response returns; the token requests send
//! `grant_type` and the grant's parameters by form, query or JSON, the client authenticated
//! by HTTP basic or by form fields; a refusal is never retried and is classified as
//! connector-py's `raise_for_oauth_status` does. Scopes the caller does not give are every
//! declared scope once, in declaration order (connector-py's order is a set's, so it varies).
//!
//! The client secret, the code, the verifier and the tokens are kept out of every message
//! and log line; the tokens reach stdout only in the response that hands them over.

mod authorize;
mod config;
mod describe;
mod handlers;
mod scopes;
mod token;

pub use config::{ClientAuth, Flow, OAuth, RequestBody, ScopeSource, UrlSource};
pub(crate) use describe::Resolved;
pub use describe::{OAuthInfo, info};
pub use handlers::{
    AuthorizationUrlHandler, CallbackHandler, ClientCredentialsHandler, RefreshHandler,
};

use crate::error::ConnectorError;
use crate::request::SettingsModel;

/// An integration's OAuth provider; `#[integration(oauth(...))]` implements it, and adds the
/// flow's handlers ([`AuthorizationUrlHandler`], [`CallbackHandler`], [`RefreshHandler`],
/// [`ClientCredentialsHandler`]) to the capability table. By hand: implement it and list
/// `CapabilityEntry::of::<CallbackHandler<MyApp>>()` and the others in `App::new`.
pub trait OAuthProvider: 'static {
    /// The integration's settings, which URLs and scopes may be computed from.
    type Settings: SettingsModel;
    /// The declaration.
    const OAUTH: OAuth<Self::Settings>;
}

/// The error for an endpoint the flow needs but the declaration lacks (connector-py's words).
fn missing_url() -> ConnectorError {
    ConnectorError::integration_missing_parameter()
        .with_message("Required URL was not provided for the OAuth flow.")
}
