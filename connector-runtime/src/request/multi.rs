//! Multi-credential integrations: several credentials by id, such as an OAuth token for the
//! API and a SCIM token for provisioning, each required or optional.

use std::marker::PhantomData;

use serde_json::Value;

use super::DeclaredAuth;
use crate::credentials::{AuthCredential, CredentialKind};
use crate::error::ConnectorError;
use crate::schema;

/// One credential a multi-credential integration accepts.
#[derive(Debug, Clone, Copy)]
pub struct CredentialSpec {
    /// The id requests name it by (part of the public contract).
    pub id: &'static str,
    /// Its kind's key under `auth` (`"token"`, `"oauth"`, ...).
    pub kind: &'static str,
    /// Instructions shown to the administrator.
    pub description: &'static str,
    /// Whether requests may leave it out.
    pub optional: bool,
    schema: fn() -> Value,
    /// Whether a credential carries this kind's payload.
    pub(crate) carries: fn(&AuthCredential) -> bool,
    /// The author's own check, run by `validate_credential_config` after the base checks.
    pub(crate) validator: Option<CredentialValidator>,
}

/// An author's check of one credential for `validate_credential_config`: `Ok(messages)` (empty
/// when the credential is valid), or an error to answer with.
pub type CredentialValidator = fn(&AuthCredential) -> Result<Vec<String>, ConnectorError>;

impl CredentialSpec {
    /// A required credential of kind `T` named `id`.
    pub const fn of<T: CredentialKind>(id: &'static str) -> Self {
        CredentialSpec {
            id,
            kind: T::KEY,
            description: "",
            optional: false,
            schema: kind_schema::<T>,
            carries: carries::<T>,
            validator: None,
        }
    }

    /// Adds a check of the author's, which `validate_credential_config` runs after its own.
    pub const fn validate_with(mut self, validator: CredentialValidator) -> Self {
        self.validator = Some(validator);
        self
    }

    /// Sets the instructions.
    pub const fn describe(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// Lets requests leave this credential out.
    pub const fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// Its entry in `info`'s `credentials_schema`.
    pub fn schema(&self) -> Value {
        let mut schema = (self.schema)();
        if let Some(object) = schema.as_object_mut() {
            object.insert("id".into(), self.id.into());
            object.insert("description".into(), self.description.into());
            object.insert("x-optional".into(), self.optional.into());
        }
        schema
    }
}

fn carries<T: CredentialKind>(credential: &AuthCredential) -> bool {
    T::pick(credential).is_some()
}

fn kind_schema<T: CredentialKind>() -> Value {
    schema::credential_schema::<T>(T::KEY)
}

/// The credentials of a multi-credential integration, declared on a type of the author's:
///
/// ```
/// use connector_runtime::prelude::*;
/// use connector_runtime::request::{CredentialSet, CredentialSpec, Credentials};
///
/// pub struct MyCredentials;
/// impl CredentialSet for MyCredentials {
///     const CREDENTIALS: &'static [CredentialSpec] = &[
///         CredentialSpec::of::<OAuthCredential>("api"),
///         CredentialSpec::of::<TokenCredential>("scim").describe("SCIM token").optional(),
///     ];
/// }
/// // then `#[integration(credentials = MyCredentials, ...)]`, and requests of type
/// // `Request<P, Settings, Credentials<MyCredentials>>`.
/// ```
pub trait CredentialSet: Send + Sync + 'static {
    /// The accepted credentials, in the order `info` lists them.
    const CREDENTIALS: &'static [CredentialSpec];
}

/// The validated `credentials` of a request, read by id and kind.
#[derive(Debug, Clone)]
pub struct Credentials<C> {
    list: Vec<AuthCredential>,
    set: PhantomData<fn() -> C>,
}

impl<C: CredentialSet> Credentials<C> {
    /// The credential `id` as kind `T`: `integration_missing_parameter` when the request left
    /// it out, `invalid_value` when it is another kind.
    pub fn get<T: CredentialKind>(&self, id: &str) -> Result<&T, ConnectorError> {
        let Some(found) = self
            .list
            .iter()
            .find(|c| c.id.as_deref() == Some(id) && T::pick(c).is_some())
        else {
            return Err(
                match self.list.iter().any(|c| c.id.as_deref() == Some(id)) {
                    true => ConnectorError::invalid_configuration().with_message(format!(
                        "Credential '{id}' found but is not of type {}.",
                        T::schema_name()
                    )),
                    false => ConnectorError::integration_missing_parameter()
                        .with_message(format!("Credential '{id}' not provided in credentials.")),
                },
            );
        };
        T::pick(found).ok_or_else(ConnectorError::internal_error)
    }

    /// Whether the request carries credential `id` (with a payload).
    pub fn has(&self, id: &str) -> bool {
        self.list.iter().any(|c| c.id.as_deref() == Some(id))
    }
}

impl<C: CredentialSet> DeclaredAuth for Credentials<C> {
    fn from_request(
        auth: Option<&AuthCredential>,
        credentials: Option<&[AuthCredential]>,
    ) -> Result<Self, ConnectorError> {
        let bad = |message: String| ConnectorError::bad_request().with_message(message);
        let list = match (auth, credentials) {
            // connector-py accepts a legacy `auth` here without checking it.
            (Some(auth), None) => vec![auth.clone()],
            (_, Some([])) => return Err(bad("Missing credentials in request".into())),
            (_, Some(list)) => list.to_vec(),
            (None, None) => return Err(bad("Missing auth/credentials in request".into())),
        };
        if credentials.is_some() {
            check_credentials::<C>(&list).map_err(bad)?;
        }
        Ok(Credentials {
            list,
            set: PhantomData,
        })
    }

    fn authentication_schema() -> Value {
        Value::Object(Default::default())
    }

    fn credentials_schema() -> Value {
        C::CREDENTIALS.iter().map(CredentialSpec::schema).collect()
    }
}

/// connector-py's rules: ids present and declared, and the required credentials set (or one
/// optional one, when every credential is optional).
fn check_credentials<C: CredentialSet>(list: &[AuthCredential]) -> Result<(), String> {
    for (index, credential) in list.iter().enumerate() {
        let Some(id) = credential.id.as_deref() else {
            return Err(format!("Missing ID in credential at index {index}"));
        };
        if !C::CREDENTIALS.iter().any(|spec| spec.id == id) {
            return Err(format!("Credential with id '{id}' not expected"));
        }
    }
    let present = |spec: &CredentialSpec| {
        list.iter()
            .any(|c| c.id.as_deref() == Some(spec.id) && c.has_kind(spec.kind))
    };
    let missing: Vec<&str> = C::CREDENTIALS
        .iter()
        .filter(|s| !s.optional && !present(s))
        .map(|s| s.kind)
        .collect();
    let any_present = C::CREDENTIALS.iter().any(present);
    match (missing.is_empty(), any_present) {
        (true, true) => Ok(()),
        (true, false) => {
            let kinds: Vec<&str> = C::CREDENTIALS.iter().map(|s| s.kind).collect();
            Err(format!(
                "Missing '{}' credential in request",
                kinds.join(", ")
            ))
        }
        (false, _) => Err(format!(
            "Missing '{}' credential in request",
            missing.join(", ")
        )),
    }
}
