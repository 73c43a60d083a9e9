//! The MockApp API client: one method per route, typed bodies, every HTTP failure mapped to
//! a Lumos error code by the runtime's client, and every id sent as one escaped path segment.

use connector_runtime::http::{HttpClient, RateLimitConfig, UrlPath};
use connector_runtime::prelude::*;

use crate::constants::{ACTIVITY_CONCURRENCY, API_BASE_PATH, RATE_LIMIT, RATE_LIMIT_WINDOW};
use crate::integration::MockappRequest;

/// A MockApp user, as the API returns it.
#[derive(Debug, Clone, Deserialize)]
pub struct User {
    /// The user's id (`user-00001`).
    pub id: String,
    /// The e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// The full name.
    #[serde(default)]
    pub name: Option<String>,
    /// `active`, `inactive` or `deleted`.
    #[serde(default)]
    pub status: Option<String>,
    /// The last login, as an ISO-8601 timestamp.
    #[serde(default)]
    pub last_login: Option<String>,
}

/// One page of `GET /api/users`.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersPage {
    /// The users of the page.
    pub items: Vec<User>,
    /// Whether more pages follow.
    #[serde(default)]
    pub has_more: bool,
}

/// A project, team or the tenant.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiResource {
    /// The resource id.
    pub id: String,
    /// `project`, `team` or `global`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The display name.
    pub name: String,
    /// What it is.
    #[serde(default)]
    pub description: Option<String>,
}

/// A role or membership on a resource.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiEntitlement {
    /// The entitlement id.
    pub id: String,
    /// `project_role`, `team_member` or `admin_role`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The resource it applies to.
    pub resource_id: String,
    /// The display name.
    pub name: String,
    /// What it grants.
    #[serde(default)]
    pub description: Option<String>,
}

/// A user holding an entitlement on a resource.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiAssociation {
    /// The user.
    pub user_id: String,
    /// The entitlement.
    pub entitlement_id: String,
    /// The resource.
    pub resource_id: String,
}

/// The body of `POST /api/users`.
#[derive(Debug, Clone, Serialize)]
pub struct NewUser<'a> {
    /// The e-mail address.
    pub email: Option<&'a str>,
    /// The full name.
    pub name: Option<&'a str>,
    /// The initial status.
    pub status: &'a str,
}

#[derive(Serialize)]
struct StatusChange<'a> {
    status: &'a str,
}

#[derive(Serialize)]
struct Grant<'a> {
    entitlement_id: &'a str,
    resource_id: &'a str,
}

/// A client for one request: base URL from the settings, bearer token from the credential.
#[derive(Clone)]
pub struct MockappClient {
    http: HttpClient,
}

impl MockappClient {
    /// The client for `req`.
    pub fn new<P>(req: &MockappRequest<P>) -> Result<Self, ConnectorError> {
        let http = HttpClient::builder(req.settings.api_url.as_str())
            .base_url_setting("api_url")
            .auth(&req.auth)
            .rate_limit(
                RateLimitConfig::new("mockapp", RATE_LIMIT, RATE_LIMIT_WINDOW)
                    .max_concurrent(ACTIVITY_CONCURRENCY),
            )
            .build()?;
        Ok(MockappClient { http })
    }

    /// `/api/{name}`.
    fn route(name: &str) -> UrlPath {
        UrlPath::new(API_BASE_PATH).segment(name)
    }

    /// `/api/users/{id}`, whatever `id` holds.
    fn user(id: &str) -> UrlPath {
        Self::route("users").segment(id)
    }

    /// `GET /api/users`, one page (the offset is only sent when not zero, like the tutorial).
    pub async fn get_users(
        &self,
        limit: usize,
        offset: usize,
    ) -> Result<UsersPage, ConnectorError> {
        let mut query = vec![("limit", limit)];
        if offset > 0 {
            query.push(("offset", offset));
        }
        self.http
            .get(Self::route("users"))
            .query(&query)
            .send_json()
            .await
    }

    /// `GET /api/users/{id}`.
    pub async fn get_user(&self, id: &str) -> Result<User, ConnectorError> {
        self.http.get_json(Self::user(id)).await
    }

    /// `GET /api/resources`.
    pub async fn get_resources(&self) -> Result<Vec<ApiResource>, ConnectorError> {
        self.http.get_json(Self::route("resources")).await
    }

    /// `GET /api/entitlements`.
    pub async fn get_entitlements(&self) -> Result<Vec<ApiEntitlement>, ConnectorError> {
        self.http.get_json(Self::route("entitlements")).await
    }

    /// `GET /api/associations`.
    pub async fn get_associations(&self) -> Result<Vec<ApiAssociation>, ConnectorError> {
        self.http.get_json(Self::route("associations")).await
    }

    /// `POST /api/users`.
    pub async fn create_user(&self, user: &NewUser<'_>) -> Result<User, ConnectorError> {
        self.http
            .post(Self::route("users"))
            .json(user)
            .send_json()
            .await
    }

    /// `PUT /api/users/{id}` with a new status.
    pub async fn set_status(&self, id: &str, status: &str) -> Result<User, ConnectorError> {
        let body = StatusChange { status };
        self.http.put(Self::user(id)).json(&body).send_json().await
    }

    /// `DELETE /api/users/{id}`.
    pub async fn delete_user(&self, id: &str) -> Result<(), ConnectorError> {
        self.http.delete(Self::user(id)).send().await?;
        Ok(())
    }

    /// `POST /api/users/{id}/entitlements`: `true` when the grant is new (201), `false` when
    /// the user already held it (MockApp answers 200).
    pub async fn assign_entitlement(
        &self,
        user_id: &str,
        entitlement_id: &str,
        resource_id: &str,
    ) -> Result<bool, ConnectorError> {
        let body = Grant {
            entitlement_id,
            resource_id,
        };
        let path = Self::user(user_id).segment("entitlements");
        let answer = self.http.post(path).json(&body).send().await?;
        Ok(answer.status != connector_runtime::http::StatusCode::OK)
    }

    /// `DELETE /api/users/{id}/entitlements/{entitlement_id}?resource_id=...`.
    pub async fn unassign_entitlement(
        &self,
        user_id: &str,
        entitlement_id: &str,
        resource_id: &str,
    ) -> Result<(), ConnectorError> {
        let path = Self::user(user_id)
            .segment("entitlements")
            .segment(entitlement_id);
        let query = [("resource_id", resource_id)];
        self.http.delete(path).query(&query).send().await?;
        Ok(())
    }
}
