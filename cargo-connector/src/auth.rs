//! The credential choices of `--auth` and the code each one puts in the new crate: the
//! credential type, what `#[integration]` declares, how the client authenticates, and the
//! credential the tests send.

/// How requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// An API token, sent as a bearer token.
    Token,
    /// A username and password, sent as HTTP basic authentication.
    Basic,
    /// OAuth 2.0 (authorization code with PKCE); the access token is sent as a bearer token.
    OAuth,
    /// Several credentials by id: an API token, and an optional administrator login.
    Multi,
}

/// The `--auth` values, in the order the help lists them.
pub(crate) const CHOICES: &[(&str, Credential)] = &[
    ("token", Credential::Token),
    ("basic", Credential::Basic),
    ("oauth", Credential::OAuth),
    ("multi", Credential::Multi),
];

/// The builder of every choice but `multi`: the credential knows how to authenticate.
const SINGLE_CLIENT: &str = r#"        let http = HttpClient::builder(req.settings.api_url.as_str())
            .base_url_setting("api_url")
            .auth(&req.auth)
            .build()?;"#;

const MULTI_CLIENT: &str = r#"        let builder = HttpClient::builder(req.settings.api_url.as_str()).base_url_setting("api_url");
        // The administrator's login, when the customer gave one, reaches what the API token
        // cannot.
        let builder = match req.auth.has("admin") {
            true => builder.auth(req.auth.get::<BasicCredential>("admin")?),
            false => builder.auth(req.auth.get::<TokenCredential>("api")?),
        };
        let http = builder.build()?;"#;

const MULTI_ITEMS: &str = r#"
/// The credentials {{Display}} takes, by id: the API token, and an administrator's login
/// that the client sends instead when it is given.
pub struct {{Type}}Credentials;

impl CredentialSet for {{Type}}Credentials {
    const CREDENTIALS: &'static [CredentialSpec] = &[
        CredentialSpec::of::<TokenCredential>("api").describe("The API token."),
        CredentialSpec::of::<BasicCredential>("admin")
            .describe("An administrator's login, for what the API token cannot do.")
            .optional(),
    ];
}"#;

const OAUTH_ITEMS: &str = r#"
/// The authorization endpoint of the {{Display}} instance at `api_url`.
pub fn authorization_url(settings: &{{Type}}Settings) -> String {
    format!("{}/oauth/authorize", settings.api_url.trim_end_matches('/'))
}

/// The token endpoint of the {{Display}} instance at `api_url`.
pub fn token_url(settings: &{{Type}}Settings) -> String {
    format!("{}/oauth/token", settings.api_url.trim_end_matches('/'))
}"#;

const OAUTH_INTEGRATION: &str = r#"    auth = OAuthCredential,
    oauth(
        authorization_url = authorization_url,
        token_url = token_url,
        scopes(
            validate_credentials = "users:read",
            list_accounts = "users:read",
            get_account = "users:read",
            list_entitlements = "roles:read",
            create_account = "users:write",
            delete_account = "users:write",
            assign_entitlement = "roles:write",
            unassign_entitlement = "roles:write",
        ),
        pkce,
    ),"#;

impl Credential {
    /// The choice named `flag`.
    pub(crate) fn from_flag(flag: &str) -> Option<Credential> {
        CHOICES
            .iter()
            .find(|(name, _)| *name == flag)
            .map(|(_, auth)| *auth)
    }

    /// Its `--auth` value.
    pub(crate) fn flag(self) -> &'static str {
        CHOICES
            .iter()
            .find(|(_, auth)| *auth == self)
            .map_or("token", |(name, _)| name)
    }

    /// What the README says requests carry.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Credential::Token => "an API token (`TokenCredential`), sent as a bearer token",
            Credential::Basic => {
                "a username and password (`BasicCredential`), sent as HTTP basic authentication"
            }
            Credential::OAuth => {
                "an OAuth 2.0 access token (`OAuthCredential`), sent as a bearer token; the runtime answers `get_authorization_url`, `handle_authorization_callback` and `refresh_access_token` from the `oauth(...)` declaration"
            }
            Credential::Multi => {
                "two credentials by id (`Credentials<...>`): `api`, an API token, and optionally `admin`, a username and password the client sends instead"
            }
        }
    }

    /// The third parameter of the request type.
    pub(crate) fn credential_type(self) -> &'static str {
        match self {
            Credential::Token => "TokenCredential",
            Credential::Basic => "BasicCredential",
            Credential::OAuth => "OAuthCredential",
            Credential::Multi => "Credentials<{{Type}}Credentials>",
        }
    }

    /// `use` lines `integration.rs` needs beyond the prelude.
    pub(crate) fn credential_uses(self) -> &'static str {
        match self {
            Credential::Multi => {
                "use connector_runtime::request::{CredentialSet, CredentialSpec, Credentials};"
            }
            _ => "",
        }
    }

    /// Items `integration.rs` declares for the credential.
    pub(crate) fn credential_items(self) -> &'static str {
        match self {
            Credential::OAuth => OAUTH_ITEMS,
            Credential::Multi => MULTI_ITEMS,
            Credential::Token | Credential::Basic => "",
        }
    }

    /// The credential lines of `#[integration(...)]`.
    pub(crate) fn integration_auth(self) -> &'static str {
        match self {
            Credential::Token => "    auth = TokenCredential,",
            Credential::Basic => "    auth = BasicCredential,",
            Credential::OAuth => OAUTH_INTEGRATION,
            Credential::Multi => "    credentials = {{Type}}Credentials,",
        }
    }

    /// The statements of the client's constructor that build `http`.
    pub(crate) fn client_builder(self) -> &'static str {
        match self {
            Credential::Multi => MULTI_CLIENT,
            _ => SINGLE_CLIENT,
        }
    }

    /// The credential member of a request envelope, as the tests and the README send it.
    pub(crate) fn request_credential(self) -> &'static str {
        match self {
            Credential::Token => r#""auth": {"token": {"token": "test-token-0001"}}"#,
            Credential::Basic => {
                r#""auth": {"basic": {"username": "test-user", "password": "test-password-0001"}}"#
            }
            Credential::OAuth => r#""auth": {"oauth": {"access_token": "test-access-token-0001"}}"#,
            Credential::Multi => {
                r#""credentials": [{"id": "api", "token": {"token": "test-token-0001"}}]"#
            }
        }
    }

    /// The `Authorization` header the tests expect, its secret scrubbed.
    pub(crate) fn authorization(self) -> &'static str {
        match self {
            Credential::Basic => "Basic [REDACTED]",
            _ => "Bearer [REDACTED]",
        }
    }
}
