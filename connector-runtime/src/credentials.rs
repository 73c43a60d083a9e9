//! The credential kinds a request may carry, each with its secrets in redacting types.
//!
//! Field names and flags are Lumos'; the descriptions are ours.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::credential_models::{JWTClaims, JWTHeaders, ServiceAccountType};
use crate::secret::{Secret, SecretJson};

/// One credential of a request: `auth` holds one, `credentials` a list with `id`s.
///
/// Normally exactly one kind is set.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
pub struct AuthCredential {
    /// The credential's id in multi-credential integrations.
    #[serde(default)]
    pub id: Option<String>,
    /// An OAuth 2.0 access token.
    #[serde(default)]
    pub oauth: Option<OAuthCredential>,
    /// An OAuth 2.0 client-credentials grant.
    #[serde(default)]
    pub oauth_client_credentials: Option<OAuthClientCredential>,
    /// OAuth 1.0a keys.
    #[serde(default)]
    pub oauth1: Option<OAuth1Credential>,
    /// A username and password.
    #[serde(default)]
    pub basic: Option<BasicCredential>,
    /// An API token.
    #[serde(default)]
    pub token: Option<TokenCredential>,
    /// A signed JWT.
    #[serde(default)]
    pub jwt: Option<JWTCredential>,
    /// A cloud service account.
    #[serde(default)]
    pub service_account: Option<ServiceAccountCredential>,
    /// A key pair.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "key-pair"))]
    pub key_pair: Option<KeyPairCredential>,
    /// No credential at all (ambient access).
    #[serde(default)]
    pub empty: Option<EmptyCredential>,
}

impl AuthCredential {
    /// Whether the payload of kind `key` (`"token"`, `"oauth"`, ...) is set; `empty` always
    /// counts as set, as in connector-py.
    pub fn has_kind(&self, key: &str) -> bool {
        match key {
            "oauth" => self.oauth.is_some(),
            "oauth_client_credentials" => self.oauth_client_credentials.is_some(),
            "oauth1" => self.oauth1.is_some(),
            "basic" => self.basic.is_some(),
            "token" => self.token.is_some(),
            "jwt" => self.jwt.is_some(),
            "service_account" => self.service_account.is_some(),
            "key_pair" => self.key_pair.is_some(),
            "empty" => true,
            _ => false,
        }
    }
}

/// An OAuth 2.0 access token.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "oauth"))]
pub struct OAuthCredential {
    /// The bearer token sent to the app.
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub access_token: Secret,
}

/// An OAuth 2.0 client-credentials grant and the token it produced.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "oauth_client_credentials"))]
pub struct OAuthClientCredential {
    /// The bearer token sent to the app.
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub access_token: Secret,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The scopes granted.
    pub scopes: Vec<String>,
}

/// OAuth 1.0a consumer and token keys.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "oauth1"))]
pub struct OAuth1Credential {
    /// The consumer key.
    pub consumer_key: String,
    /// The consumer secret.
    pub consumer_secret: Secret,
    /// The token id.
    pub token_id: String,
    /// The token secret.
    pub token_secret: Secret,
}

/// A username and password (HTTP basic authentication).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "basic"))]
pub struct BasicCredential {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: Secret,
}

/// An API token.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "token"))]
pub struct TokenCredential {
    /// The API token sent to the app.
    pub token: Secret,
}

/// A JWT: its header, its claims and the signing secret.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "jwt"))]
pub struct JWTCredential {
    /// The JOSE header.
    pub headers: JWTHeaders,
    /// The claims.
    pub claims: JWTClaims,
    /// The signing secret (a plain string in connector-py's schema, which does not mark it
    /// secret; it is still one here).
    #[schemars(with = "String")]
    pub secret: Secret,
}

/// A cloud service account and its key.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "service_account"))]
pub struct ServiceAccountCredential {
    /// Which cloud the account belongs to.
    #[serde(default)]
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub service_type: Option<ServiceAccountType>,
    /// The key file, as JSON.
    pub key: SecretJson,
    /// The user to act as.
    pub impersonation_email: String,
    /// The tenant or domain.
    pub tenant_id: String,
    /// The scopes to request.
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub scopes: Vec<String>,
}

/// A key pair, such as an SSH key.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "key_pair", "x-keygen-type" = "SSH", "x-semantic" = "key-pair"))]
pub struct KeyPairCredential {
    /// The public identifier of the key.
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub key_identifier: String,
    /// The private key.
    #[schemars(extend("x-field_type" = "HIDDEN", "x-hidden" = true))]
    pub private_key: Secret,
}

/// No credential: the connector relies on ambient access.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[schemars(extend("x-credential-type" = "empty"))]
pub struct EmptyCredential {}

/// A credential kind an integration can declare (`auth = TokenCredential`).
pub trait CredentialKind: JsonSchema + Clone + Send + Sync + 'static {
    /// The key under `auth` (`"token"`), also its `x-credential-type`.
    const KEY: &'static str;
    /// The kind's name in "Wrong auth" messages (`"Token"`).
    const LABEL: &'static str;
    /// This kind's payload in a credential, if set.
    fn pick(credential: &AuthCredential) -> Option<&Self>;
}

macro_rules! credential_kinds {
    ($($ty:ident => $field:ident, $label:literal;)*) => {
        $(
            impl CredentialKind for $ty {
                const KEY: &'static str = stringify!($field);
                const LABEL: &'static str = $label;
                fn pick(credential: &AuthCredential) -> Option<&Self> {
                    credential.$field.as_ref()
                }
            }
        )*
    };
}

credential_kinds! {
    OAuthCredential => oauth, "OAuth 2.0";
    OAuthClientCredential => oauth_client_credentials, "OAuth 2.0";
    OAuth1Credential => oauth1, "OAuth 1.0";
    BasicCredential => basic, "Basic";
    TokenCredential => token, "Token";
    JWTCredential => jwt, "JWT";
    ServiceAccountCredential => service_account, "Service Account";
    KeyPairCredential => key_pair, "Key Pair";
    EmptyCredential => empty, "Empty";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_credential_reads_and_never_prints() {
        let c: AuthCredential =
            serde_json::from_str(r#"{"token":{"token":"tok-123"},"extra":1}"#).unwrap();
        let t = TokenCredential::pick(&c).unwrap();
        assert_eq!(t.token.expose(), "tok-123");
        assert!(!format!("{c:?}").contains("tok-123"));
        assert!(BasicCredential::pick(&c).is_none());
    }

    #[test]
    fn every_kind_has_its_wire_key() {
        let c: AuthCredential = serde_json::from_str(
            r#"{"oauth":{"access_token":"a"},"oauth_client_credentials":{"access_token":"a","client_id":"c","client_secret":"s","scopes":[]},
                "oauth1":{"consumer_key":"k","consumer_secret":"s","token_id":"t","token_secret":"s"},
                "basic":{"username":"u","password":"p"},"key_pair":{"key_identifier":"k","private_key":"p"},
                "service_account":{"key":{"k":1},"impersonation_email":"e","tenant_id":"t","scopes":[]},"empty":{}}"#,
        )
        .unwrap();
        assert!(OAuthCredential::pick(&c).is_some());
        assert!(OAuthClientCredential::pick(&c).is_some());
        assert!(OAuth1Credential::pick(&c).is_some());
        assert!(BasicCredential::pick(&c).is_some());
        assert!(KeyPairCredential::pick(&c).is_some());
        assert!(ServiceAccountCredential::pick(&c).is_some());
        assert!(EmptyCredential::pick(&c).is_some());
        assert!(!format!("{c:?}").contains("\"p\""));
    }
}
