//! How an integration declares its OAuth provider: the flow, the endpoints (fixed, or computed
//! from the request's settings), the scopes per capability, PKCE, how the client authenticates
//! and how the token request carries its parameters.

/// Which OAuth 2.0 grant connects an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// The authorization-code flow (RFC 6749 §4.1): a person approves in the browser.
    Code,
    /// The client-credentials flow (RFC 6749 §4.4): the app's own identity, no person.
    ClientCredentials,
}

/// How the client proves who it is at the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` among the request's parameters (connector-py's default).
    Post,
    /// `Authorization: Basic base64(client_id:client_secret)`.
    Basic,
}

/// Where the token request's parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestBody {
    /// An `application/x-www-form-urlencoded` body, as RFC 6749 asks (the default).
    Form,
    /// The URL's query string.
    Query,
    /// A JSON object body.
    Json,
}

/// An endpoint URL: written in the integration, or computed from the request's settings.
pub enum UrlSource<S: 'static> {
    /// A fixed URL.
    Fixed(&'static str),
    /// A URL computed from the settings (`{api_url}/oauth/token`).
    FromSettings(fn(&S) -> String),
}

/// The scopes each capability needs, as space-separated lists.
pub enum ScopeSource<S: 'static> {
    /// Written in the integration: `(capability name, scopes)` pairs.
    Fixed(&'static [(&'static str, &'static str)]),
    /// Computed from the settings.
    FromSettings(fn(&S) -> Vec<(String, String)>),
}

/// An integration's OAuth provider, as `#[integration(oauth(...))]` declares it.
pub struct OAuth<S: 'static> {
    pub(crate) flow: Flow,
    pub(crate) authorization_url: Option<UrlSource<S>>,
    pub(crate) token_url: UrlSource<S>,
    pub(crate) scopes: ScopeSource<S>,
    pub(crate) pkce: bool,
    pub(crate) client_auth: ClientAuth,
    pub(crate) request_body: RequestBody,
}

impl<S> OAuth<S> {
    /// The authorization-code flow with these endpoints.
    pub const fn code_flow(authorization_url: UrlSource<S>, token_url: UrlSource<S>) -> Self {
        OAuth {
            flow: Flow::Code,
            authorization_url: Some(authorization_url),
            token_url,
            scopes: ScopeSource::Fixed(&[]),
            pkce: false,
            client_auth: ClientAuth::Post,
            request_body: RequestBody::Form,
        }
    }

    /// The client-credentials flow with this token endpoint.
    pub const fn client_credentials(token_url: UrlSource<S>) -> Self {
        OAuth {
            flow: Flow::ClientCredentials,
            authorization_url: None,
            token_url,
            scopes: ScopeSource::Fixed(&[]),
            pkce: false,
            client_auth: ClientAuth::Post,
            request_body: RequestBody::Form,
        }
    }

    /// Sets the scopes per capability.
    pub const fn with_scopes(mut self, scopes: ScopeSource<S>) -> Self {
        self.scopes = scopes;
        self
    }

    /// Uses PKCE (RFC 7636, `S256`) in the code flow.
    pub const fn with_pkce(mut self) -> Self {
        assert!(
            matches!(self.flow, Flow::Code),
            "PKCE belongs to the authorization-code flow"
        );
        self.pkce = true;
        self
    }

    /// Sets how the client authenticates.
    pub const fn with_client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.client_auth = client_auth;
        self
    }

    /// Sets where the token request's parameters go.
    pub const fn with_request_body(mut self, request_body: RequestBody) -> Self {
        self.request_body = request_body;
        self
    }
}

// Written out: derives would ask `S: Clone`, but only fn pointers and static text are held.
impl<S> Clone for UrlSource<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for UrlSource<S> {}
impl<S> Clone for ScopeSource<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for ScopeSource<S> {}
impl<S> Clone for OAuth<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for OAuth<S> {}

impl<S> UrlSource<S> {
    /// The URL for a request with these settings.
    pub(crate) fn resolve(self, settings: &S) -> String {
        match self {
            UrlSource::Fixed(url) => url.to_owned(),
            UrlSource::FromSettings(compute) => compute(settings),
        }
    }
}

impl<S> ScopeSource<S> {
    /// The scopes for a request with these settings.
    pub(crate) fn resolve(self, settings: &S) -> Vec<(String, String)> {
        match self {
            ScopeSource::Fixed(_) => self.resolve_fixed(),
            ScopeSource::FromSettings(compute) => compute(settings),
        }
    }

    /// The scopes written in the integration (none when they are computed).
    pub(crate) fn resolve_fixed(self) -> Vec<(String, String)> {
        match self {
            ScopeSource::Fixed(pairs) => pairs
                .iter()
                .map(|(capability, scopes)| ((*capability).to_owned(), (*scopes).to_owned()))
                .collect(),
            ScopeSource::FromSettings(_) => Vec::new(),
        }
    }
}
