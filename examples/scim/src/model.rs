//! The SCIM resources and messages the connector reads and writes (RFC 7643 §4, RFC 7644
//! §3.4.2, §3.5.2, §3.12), with only the attributes it uses.

use serde::{Deserialize, Serialize};

/// The core User schema.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The PATCH request message.
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// A User.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The service's id.
    pub id: String,
    /// The unique user name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// The name's parts.
    #[serde(default)]
    pub name: Option<Name>,
    /// The e-mail addresses.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Whether the user may log in; absent reads as active.
    #[serde(default)]
    pub active: Option<bool>,
    /// The version, for `If-Match`.
    #[serde(default)]
    pub meta: Option<Meta>,
}

impl User {
    /// The primary e-mail address, else the first.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails
            .iter()
            .find(|email| email.primary == Some(true))
            .or(self.emails.first())
            .map(|email| email.value.as_str())
    }
}

/// A user's name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Name {
    /// The given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// The family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
}

/// An e-mail address.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    /// The address.
    pub value: String,
    /// Whether it is the primary one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
}

/// A resource's metadata.
#[derive(Debug, Clone, Deserialize)]
pub struct Meta {
    /// The version (a weak ETag such as `W/"3"`).
    #[serde(default)]
    pub version: Option<String>,
}

/// A Group.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The service's id.
    pub id: String,
    /// The name people see.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The members, when asked for.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// A member of a group.
#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    /// The member's id.
    pub value: String,
    /// `User` or `Group` (a nested group), when the service says.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// A page of a query (`ListResponse`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListResponse<T> {
    /// How many resources match in all.
    pub total_results: u64,
    /// The 1-based index of the first resource of this page.
    #[serde(default)]
    pub start_index: Option<u64>,
    /// The resources of the page (absent when there are none).
    #[serde(rename = "Resources", default = "Vec::new")]
    pub resources: Vec<T>,
}

/// What the service says it supports (`/ServiceProviderConfig`).
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceProviderConfig {
    /// Whether it has ETags.
    #[serde(default)]
    pub etag: Supported,
    /// Whether it has PATCH.
    #[serde(default)]
    pub patch: Supported,
}

/// A `{"supported": bool}` feature.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct Supported {
    /// Whether the feature is there.
    #[serde(default)]
    pub supported: bool,
}

/// A new user (`POST /Users`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserBody {
    /// The schemas.
    pub schemas: [&'static str; 1],
    /// The user name.
    pub user_name: String,
    /// The name's parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// The e-mail addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    /// Whether the user may log in.
    pub active: bool,
}

/// A PATCH message.
#[derive(Debug, Clone, Serialize)]
pub struct Patch {
    /// The schemas.
    pub schemas: [&'static str; 1],
    /// The operations, applied in order.
    #[serde(rename = "Operations")]
    pub operations: Vec<PatchOperation>,
}

/// One PATCH operation.
#[derive(Debug, Clone, Serialize)]
pub struct PatchOperation {
    /// `add`, `remove` or `replace`.
    pub op: &'static str,
    /// The attribute path.
    pub path: String,
    /// The value, for `add` and `replace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

impl Patch {
    /// A message of `operations`.
    pub fn of(operations: Vec<PatchOperation>) -> Self {
        Patch {
            schemas: [PATCH_OP],
            operations,
        }
    }
}

/// A SCIM error body (RFC 7644 §3.12).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimError {
    /// The `scimType` keyword (`uniqueness`, `invalidFilter`, ...).
    #[serde(default)]
    pub scim_type: Option<String>,
}
