//! The {{Display}} API client: one method per route, typed bodies, every HTTP failure mapped
//! to a Lumos error code by the runtime's client (`401` is `unauthorized`, `404` is
//! `not_found`, `429` is `rate_limit`, a refused connection is `connection_timeout`, ...), and
//! every id sent as one escaped path segment. Reads are retried a few times on `5xx`; writes
//! never are.

use connector_runtime::http::{HttpClient, UrlPath};
use connector_runtime::prelude::*;

use crate::constants::API_BASE_PATH;
use crate::integration::{{Type}}Request;

/// A {{Display}} user, as the API returns it.
#[derive(Debug, Clone, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: String,
    /// The e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// The full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the user can sign in.
    #[serde(default)]
    pub active: Option<bool>,
}

/// One page of `GET /users`.
#[derive(Debug, Clone, Deserialize)]
pub struct UsersPage {
    /// The users of the page.
    pub users: Vec<User>,
    /// How many users there are in all.
    pub total: usize,
}

/// A role that can be granted to a user.
#[derive(Debug, Clone, Deserialize)]
pub struct Role {
    /// The role's id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// What it grants.
    #[serde(default)]
    pub description: Option<String>,
}

/// The answer of `GET /roles`.
#[derive(Debug, Clone, Deserialize)]
struct Roles {
    roles: Vec<Role>,
}

/// The body of `POST /users`.
#[derive(Debug, Clone, Serialize)]
pub struct NewUser<'a> {
    /// The e-mail address.
    pub email: &'a str,
    /// The full name.
    pub name: Option<&'a str>,
}

/// A client for one request: base URL from the settings, credential from the request.
#[derive(Clone)]
pub struct {{Type}}Client {
    http: HttpClient,
}

impl {{Type}}Client {
    /// The client for `req`. To keep within the API's rate limit, add
    /// `.rate_limit(RateLimitConfig::new("{{app_id}}", requests, window))` to the builder.
    pub fn new<P>(req: &{{Type}}Request<P>) -> Result<Self, ConnectorError> {
{{client_builder}}
        Ok({{Type}}Client { http })
    }

    /// `/api/v1/{name}`.
    fn route(name: &str) -> UrlPath {
        UrlPath::new(API_BASE_PATH).segment(name)
    }

    /// `/api/v1/users/{id}`, whatever `id` holds.
    fn user(id: &str) -> UrlPath {
        Self::route("users").segment(id)
    }

    /// `/api/v1/users/{user_id}/roles/{role_id}`.
    fn user_role(user_id: &str, role_id: &str) -> UrlPath {
        Self::user(user_id).segment("roles").segment(role_id)
    }

    /// `GET /users`, one page.
    pub async fn get_users(&self, limit: usize, offset: usize) -> Result<UsersPage, ConnectorError> {
        let query = [("limit", limit), ("offset", offset)];
        self.http
            .get(Self::route("users"))
            .query(&query)
            .send_json()
            .await
    }

    /// `GET /users/{id}`.
    pub async fn get_user(&self, id: &str) -> Result<User, ConnectorError> {
        self.http.get_json(Self::user(id)).await
    }

    /// `POST /users`.
    pub async fn create_user(&self, user: &NewUser<'_>) -> Result<User, ConnectorError> {
        self.http
            .post(Self::route("users"))
            .json(user)
            .send_json()
            .await
    }

    /// `DELETE /users/{id}`.
    pub async fn delete_user(&self, id: &str) -> Result<(), ConnectorError> {
        self.http.delete(Self::user(id)).send().await?;
        Ok(())
    }

    /// `GET /roles`.
    pub async fn get_roles(&self) -> Result<Vec<Role>, ConnectorError> {
        let roles: Roles = self.http.get_json(Self::route("roles")).await?;
        Ok(roles.roles)
    }

    /// `PUT /users/{user_id}/roles/{role_id}`: grants the role.
    pub async fn grant_role(&self, user_id: &str, role_id: &str) -> Result<(), ConnectorError> {
        self.http.put(Self::user_role(user_id, role_id)).send().await?;
        Ok(())
    }

    /// `DELETE /users/{user_id}/roles/{role_id}`: revokes the role.
    pub async fn revoke_role(&self, user_id: &str, role_id: &str) -> Result<(), ConnectorError> {
        self.http
            .delete(Self::user_role(user_id, role_id))
            .send()
            .await?;
        Ok(())
    }
}
