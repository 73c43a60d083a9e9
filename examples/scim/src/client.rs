//! The SCIM client: one method per request the connector makes, bearer token from the
//! credential, SCIM error bodies read into Lumos codes, ids always one escaped path segment.

use connector_runtime::http::header::{HeaderValue, IF_MATCH};
use connector_runtime::http::{HttpClient, UrlPath};
use connector_runtime::prelude::*;
use serde::de::DeserializeOwned;

use crate::errors::read_scim_error;
use crate::integration::ScimRequest;
use crate::model::{Group, ListResponse, Patch, ServiceProviderConfig, User, UserBody};

/// A client for one request.
#[derive(Clone)]
pub struct ScimClient {
    http: HttpClient,
}

impl ScimClient {
    /// The client for `req`: its `base_url` and bearer token.
    pub fn new<P>(req: &ScimRequest<P>) -> Result<Self, ConnectorError> {
        let http = HttpClient::builder(req.settings.base_url.as_str())
            .base_url_setting("base_url")
            .auth(&req.auth)
            .header("accept", "application/scim+json, application/json")
            .read_errors(read_scim_error)
            .build()?;
        Ok(ScimClient { http })
    }

    fn users() -> UrlPath {
        UrlPath::new("/Users")
    }

    fn user(id: &str) -> UrlPath {
        Self::users().segment(id)
    }

    fn group(id: &str) -> UrlPath {
        UrlPath::new("/Groups").segment(id)
    }

    /// `GET /ServiceProviderConfig`.
    pub async fn service_provider_config(&self) -> Result<ServiceProviderConfig, ConnectorError> {
        self.http.get("/ServiceProviderConfig").send_json().await
    }

    /// `GET /Users?startIndex=&count=`, with `filter=` when one is given.
    pub async fn list_users(
        &self,
        start_index: usize,
        count: usize,
        filter: Option<&str>,
    ) -> Result<ListResponse<User>, ConnectorError> {
        let filter: Vec<(&str, &str)> = filter
            .map(|filter| ("filter", filter))
            .into_iter()
            .collect();
        self.list(Self::users(), start_index, count, &filter).await
    }

    /// `GET /Groups?startIndex=&count=`, without their members.
    pub async fn list_groups(
        &self,
        start_index: usize,
        count: usize,
    ) -> Result<ListResponse<Group>, ConnectorError> {
        self.list(
            UrlPath::new("/Groups"),
            start_index,
            count,
            &[("excludedAttributes", "members")],
        )
        .await
    }

    async fn list<T: DeserializeOwned>(
        &self,
        path: UrlPath,
        start_index: usize,
        count: usize,
        extra: &[(&str, &str)],
    ) -> Result<ListResponse<T>, ConnectorError> {
        let (start_index, count) = (start_index.to_string(), count.to_string());
        let mut query = vec![
            ("startIndex", start_index.as_str()),
            ("count", count.as_str()),
        ];
        query.extend_from_slice(extra);
        self.http.get(path).query(&query).send_json().await
    }

    /// `GET /Users/{id}`.
    pub async fn get_user(&self, id: &str) -> Result<User, ConnectorError> {
        self.http.get(Self::user(id)).send_json().await
    }

    /// `GET /Groups/{id}` with its members.
    pub async fn get_group(&self, id: &str) -> Result<Group, ConnectorError> {
        self.http.get(Self::group(id)).send_json().await
    }

    /// `POST /Users`.
    pub async fn create_user(&self, user: &UserBody) -> Result<User, ConnectorError> {
        self.http.post(Self::users()).json(user).send_json().await
    }

    /// `PATCH /Users/{id}`, only over `version` when one is given.
    pub async fn patch_user(
        &self,
        id: &str,
        patch: &Patch,
        version: Option<&str>,
    ) -> Result<(), ConnectorError> {
        let request = self.http.patch(Self::user(id)).json(patch);
        if_match(request, version)?.send().await.map(drop)
    }

    /// `DELETE /Users/{id}`.
    pub async fn delete_user(&self, id: &str) -> Result<(), ConnectorError> {
        self.http.delete(Self::user(id)).send().await.map(drop)
    }

    /// `PATCH /Groups/{id}`.
    pub async fn patch_group(&self, id: &str, patch: &Patch) -> Result<(), ConnectorError> {
        self.http
            .patch(Self::group(id))
            .json(patch)
            .send()
            .await
            .map(drop)
    }
}

/// `request` with `If-Match: version` when there is one.
fn if_match<'c>(
    request: connector_runtime::http::HttpRequest<'c>,
    version: Option<&str>,
) -> Result<connector_runtime::http::HttpRequest<'c>, ConnectorError> {
    let Some(version) = version else {
        return Ok(request);
    };
    let value = HeaderValue::from_str(version).map_err(|_| {
        ConnectorError::invalid_response()
            .with_message("The service gave a resource version that is not a header value")
    })?;
    Ok(request.header(IF_MATCH, value))
}
