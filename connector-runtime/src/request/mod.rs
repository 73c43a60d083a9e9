//! The request envelope a capability receives: `Request<Payload, Settings, Auth>`.

mod auth;
mod dump;
mod envelope;
mod fingerprint;
mod multi;
mod raw_part;
mod settings;
mod strict;

pub use auth::{DeclaredAuth, NoAuth};
pub use envelope::{DecodeRequest, RawEnvelope};
pub use multi::{CredentialSet, CredentialSpec, CredentialValidator, Credentials};
pub use settings::{NoSettings, SettingsModel};

use serde::de::DeserializeOwned;

use crate::credentials::{
    AuthCredential, BasicCredential, CredentialKind, JWTCredential, KeyPairCredential,
    OAuth1Credential, OAuthClientCredential, OAuthCredential, ServiceAccountCredential,
    TokenCredential,
};
use crate::error::ConnectorError;
use crate::models::{Page, RateLimitRequestInfo};
use crate::pagination;
use crate::secret::Secret;

/// A decoded, validated request: the payload `P`, the integration's settings `S` and its
/// declared credential `A`.
///
/// By the time a capability sees it, the envelope parsed strictly, the settings validated and
/// the declared credential was present; the capability only reads typed fields.
#[derive(Debug, Clone)]
pub struct Request<P, S = NoSettings, A = NoAuth> {
    /// The capability's payload (the envelope's `request`).
    pub request: P,
    /// The integration's settings.
    pub settings: S,
    /// The declared credential, already checked.
    pub auth: A,
    /// The page the caller asks for, if any.
    pub page: Option<Page>,
    /// Whether the caller wants `raw_data` filled.
    pub include_raw_data: Option<bool>,
    /// Rate-limit information from the caller.
    pub rate_limit: Option<RateLimitRequestInfo>,
    envelope_auth: Option<AuthCredential>,
    envelope_credentials: Option<Vec<AuthCredential>>,
    /// The envelope's credential and settings members as sent (see `RawEnvelope`).
    forwarded: Secret,
}

impl<P, S, A> Request<P, S, A> {
    /// A request built in code (tests, or one capability calling another).
    pub fn new(request: P, settings: S, auth: A) -> Self {
        Request {
            request,
            settings,
            auth,
            page: None,
            include_raw_data: None,
            rate_limit: None,
            envelope_auth: None,
            envelope_credentials: None,
            forwarded: Secret::new(""),
        }
    }

    /// The same request with its credential converted, for code written against another
    /// credential kind (an OAuth connector reusing a token connector's capabilities).
    pub fn map_auth<B>(self, convert: impl FnOnce(A) -> B) -> Request<P, S, B> {
        Request {
            request: self.request,
            settings: self.settings,
            auth: convert(self.auth),
            page: self.page,
            include_raw_data: self.include_raw_data,
            rate_limit: self.rate_limit,
            envelope_auth: self.envelope_auth,
            envelope_credentials: self.envelope_credentials,
            forwarded: self.forwarded,
        }
    }

    /// The envelope's `auth`, `credentials` and `settings` members as JSON text, to call
    /// another capability of the integration with them (empty for a request built in code).
    pub(crate) fn forwarded_members(&self) -> &Secret {
        &self.forwarded
    }

    /// Sets the page.
    pub fn with_page(mut self, page: Page) -> Self {
        self.page = Some(page);
        self
    }

    /// The page size the caller asked for, or `default` when it did not (or asked for less
    /// than one).
    pub fn page_size(&self, default: usize) -> usize {
        match self.page.as_ref().and_then(|p| p.size) {
            Some(size) if size > 0 => usize::try_from(size).unwrap_or(default),
            _ => default,
        }
    }

    /// The raw page token, if any.
    pub fn page_token(&self) -> Option<&str> {
        self.page.as_ref().and_then(|p| p.token.as_deref())
    }

    /// The whole cursor stack of the page token (empty on the first page).
    pub fn page_cursors<C: DeserializeOwned>(&self) -> Result<Vec<C>, ConnectorError> {
        match self.page_token() {
            Some(token) => pagination::decode(token),
            None => Ok(Vec::new()),
        }
    }

    /// The current cursor of the page token (the last of the stack), or `None` on the first
    /// page. A token that does not decode is an `invalid_page_token` error.
    pub fn page_cursor<C: DeserializeOwned>(&self) -> Result<Option<C>, ConnectorError> {
        Ok(self.page_cursors()?.pop())
    }
}

/// Reading credentials by kind, for integrations that declare none (`NoAuth`) and read what
/// each request carries. An integration that declares `auth = TokenCredential` reads
/// `req.auth` instead: asking it for another kind does not compile.
impl<P, S> Request<P, S, NoAuth> {
    /// The envelope's `auth`, as sent.
    pub fn raw_auth(&self) -> Option<&AuthCredential> {
        self.envelope_auth.as_ref()
    }

    /// The envelope's `credentials`, as sent.
    pub fn raw_credentials(&self) -> Option<&[AuthCredential]> {
        self.envelope_credentials.as_deref()
    }

    fn auth_of<T: CredentialKind>(&self) -> Result<&T, ConnectorError> {
        self.envelope_auth
            .as_ref()
            .and_then(T::pick)
            .ok_or_else(auth::wrong_auth::<T>)
    }

    /// `auth.oauth`, or `integration_missing_parameter`.
    pub fn oauth(&self) -> Result<&OAuthCredential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.oauth_client_credentials`, or `integration_missing_parameter`.
    pub fn oauth_client_credentials(&self) -> Result<&OAuthClientCredential, ConnectorError> {
        self.auth_of()
    }

    /// The OAuth 2.0 access token of either OAuth kind, or `integration_missing_parameter`.
    pub fn oauth_access_token(&self) -> Result<&crate::Secret, ConnectorError> {
        match (self.oauth(), self.oauth_client_credentials()) {
            (Ok(c), _) => Ok(&c.access_token),
            (_, Ok(c)) => Ok(&c.access_token),
            (Err(e), _) => Err(e),
        }
    }

    /// `auth.oauth1`, or `integration_missing_parameter`.
    pub fn oauth1(&self) -> Result<&OAuth1Credential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.basic`, or `integration_missing_parameter`.
    pub fn basic(&self) -> Result<&BasicCredential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.token`, or `integration_missing_parameter`.
    pub fn token(&self) -> Result<&TokenCredential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.jwt`, or `integration_missing_parameter`.
    pub fn jwt(&self) -> Result<&JWTCredential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.service_account`, or `integration_missing_parameter`.
    pub fn service_account(&self) -> Result<&ServiceAccountCredential, ConnectorError> {
        self.auth_of()
    }

    /// `auth.key_pair`, or `integration_missing_parameter`.
    pub fn key_pair(&self) -> Result<&KeyPairCredential, ConnectorError> {
        self.auth_of()
    }

    /// The credential with this `id` from `credentials`, as kind `T`.
    ///
    /// No `credentials` list in the request, or the id present with another kind:
    /// `invalid_value`; a list without this id: `integration_missing_parameter` (connector-py's
    /// `get_credential` codes).
    pub fn credential<T: CredentialKind>(&self, id: &str) -> Result<&T, ConnectorError> {
        let not_provided = || format!("Credential '{id}' not provided in credentials.");
        let Some(list) = self.envelope_credentials.as_deref() else {
            return Err(ConnectorError::invalid_configuration().with_message(not_provided()));
        };
        let Some(found) = list.iter().find(|c| c.id.as_deref() == Some(id)) else {
            return Err(
                ConnectorError::integration_missing_parameter().with_message(not_provided())
            );
        };
        T::pick(found).ok_or_else(|| {
            ConnectorError::invalid_configuration().with_message(format!(
                "Credential '{id}' found but is not of type {}.",
                T::schema_name()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: &str) -> Request<serde_json::Value> {
        let envelope = RawEnvelope::parse(json.as_bytes()).unwrap();
        Request::decode(envelope, "app", true).unwrap()
    }

    #[test]
    fn credential_lookup_codes_are_connector_py_s() {
        let code = |json: &str| {
            request(json)
                .credential::<TokenCredential>("scim")
                .unwrap_err()
                .code()
                .as_str()
        };
        assert_eq!(code(r#"{"request":{}}"#), "invalid_value");
        assert_eq!(
            code(r#"{"request":{},"credentials":[{"id":"api","token":{"token":"t"}}]}"#),
            "integration_missing_parameter"
        );
        assert_eq!(
            code(
                r#"{"request":{},"credentials":[{"id":"scim","basic":{"username":"u","password":"p"}}]}"#
            ),
            "invalid_value"
        );
        let found =
            request(r#"{"request":{},"credentials":[{"id":"scim","token":{"token":"t"}}]}"#);
        assert_eq!(
            found
                .credential::<TokenCredential>("scim")
                .unwrap()
                .token
                .expose(),
            "t"
        );
    }
}
