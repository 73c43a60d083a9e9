//! The credential an integration declares, checked before the capability runs.

use serde_json::Value;

use crate::credentials::{AuthCredential, CredentialKind};
use crate::error::ConnectorError;
use crate::schema;

/// The `A` of `Request<P, S, A>`: what an integration requires in `auth`.
///
/// A [`CredentialKind`] (`TokenCredential`, ...) means "exactly this kind, in `auth`"; the
/// capability receives it checked and typed, so reading another kind does not compile.
/// [`NoAuth`] means the integration declares no credential.
pub trait DeclaredAuth: Sized + Send + Sync + 'static {
    /// Picks the declared credential out of a request's `auth`, or explains what is missing.
    fn from_request(
        auth: Option<&AuthCredential>,
        credentials: Option<&[AuthCredential]>,
    ) -> Result<Self, ConnectorError>;

    /// The `authentication_schema` of `info` (`{}` when nothing is declared).
    fn authentication_schema() -> Value;

    /// The `credentials_schema` of `info` (`[]` unless several credentials are declared).
    fn credentials_schema() -> Value {
        Value::Array(Vec::new())
    }
}

/// The credential type of an integration that declares none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoAuth;

impl DeclaredAuth for NoAuth {
    fn from_request(
        _: Option<&AuthCredential>,
        _: Option<&[AuthCredential]>,
    ) -> Result<Self, ConnectorError> {
        Ok(NoAuth)
    }

    fn authentication_schema() -> Value {
        Value::Object(Default::default())
    }
}

impl<T: CredentialKind> DeclaredAuth for T {
    fn from_request(
        auth: Option<&AuthCredential>,
        credentials: Option<&[AuthCredential]>,
    ) -> Result<Self, ConnectorError> {
        match (auth, credentials) {
            (Some(auth), _) => T::pick(auth).cloned().ok_or_else(|| {
                ConnectorError::bad_request()
                    .with_message(format!("Missing '{}' auth in request", T::KEY))
            }),
            (None, Some([])) => {
                Err(ConnectorError::bad_request().with_message("Missing credentials in request"))
            }
            (None, Some(list)) => Err(ConnectorError::bad_request().with_message(
                match list.iter().position(|c| c.id.is_none()) {
                    Some(index) => format!("Missing ID in credential at index {index}"),
                    None => format!(
                        "Credential with id '{}' not expected",
                        list.first()
                            .and_then(|c| c.id.as_deref())
                            .unwrap_or_default()
                    ),
                },
            )),
            (None, None) => {
                Err(ConnectorError::bad_request()
                    .with_message("Missing auth/credentials in request"))
            }
        }
    }

    fn authentication_schema() -> Value {
        schema::credential_schema::<T>(T::KEY)
    }
}

/// The checks every authenticated request passes before its declared credential is read.
pub(crate) fn check_envelope(
    auth: Option<&AuthCredential>,
    credentials: Option<&[AuthCredential]>,
) -> Result<(), ConnectorError> {
    if auth.is_some() && credentials.is_some() {
        return Err(ConnectorError::bad_request().with_message(
            "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.",
        ));
    }
    Ok(())
}

/// The error of a typed accessor when the request lacks that kind of credential.
pub(crate) fn wrong_auth<T: CredentialKind>() -> ConnectorError {
    ConnectorError::integration_missing_parameter().with_message(format!(
        "Wrong auth: required credential for {} authentication is missing or not configured.",
        T::LABEL
    ))
}
