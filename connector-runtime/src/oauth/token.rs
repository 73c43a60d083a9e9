//! The token request every OAuth capability but `get_authorization_url` makes, its answer
//! (`OauthCredentials`), and connector-py's table of what a refusal means.

use serde_json::{Map, Value};

use super::authorize::quote_plus;
use super::config::{ClientAuth, RequestBody};
use crate::error::ConnectorError;
use crate::http::header::{CONTENT_TYPE, HeaderValue};
use crate::http::{HttpClient, HttpResponse, RetryPolicy, Url, display_url};
use crate::models::OauthCredentials;
use crate::response::Response;
use crate::secret::Secret;

/// The grant parameters kept out of every message and log line, like the client secret.
const SECRET_PARAMS: &[&str] = &["code", "code_verifier", "refresh_token"];

/// One token request: where, who asks, and the grant's parameters.
pub(crate) struct TokenRequest<'a> {
    /// The token endpoint.
    pub(crate) url: String,
    /// How the client authenticates, and where the parameters go.
    pub(crate) client_auth: ClientAuth,
    pub(crate) body: RequestBody,
    pub(crate) client_id: &'a str,
    pub(crate) client_secret: Secret,
    /// `grant_type` first, then the grant's own parameters, in the order they are sent.
    pub(crate) params: Vec<(&'static str, String)>,
    /// Whether the caller asked for `raw_data`.
    pub(crate) include_raw_data: bool,
}

/// Sends the request once (a refused grant is never retried) and reads the credentials.
pub(crate) async fn exchange(
    request: TokenRequest<'_>,
) -> Result<Response<OauthCredentials>, ConnectorError> {
    let mut builder = HttpClient::builder(request.url.as_str())
        .retry(RetryPolicy::none())
        .redact(&request.client_secret);
    for (_, value) in request
        .params
        .iter()
        .filter(|(name, _)| SECRET_PARAMS.contains(name))
    {
        builder = builder.redact(&Secret::new(value.as_str()));
    }
    let mut params: Vec<(&str, String)> = request.params;
    match request.client_auth {
        ClientAuth::Basic => builder = builder.basic(request.client_id, &request.client_secret),
        ClientAuth::Post => params.extend([
            ("client_id", request.client_id.to_owned()),
            ("client_secret", request.client_secret.expose().to_owned()),
        ]),
    }
    let client = builder.build()?;
    // Encoded here, as Python's `urlencode` does (`quote_plus`), not by the HTTP stack, whose
    // form encoding differs on `*` and `~`.
    let encoded = params
        .iter()
        .map(|(name, value)| format!("{}={}", quote_plus(name), quote_plus(value)))
        .collect::<Vec<_>>()
        .join("&");
    let call = match request.body {
        RequestBody::Form => client
            .post(request.url.as_str())
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )
            .body(encoded),
        RequestBody::Query => {
            let separator = if request.url.contains('?') { '&' } else { '?' };
            client.post(format!("{}{separator}{encoded}", request.url))
        }
        RequestBody::Json => {
            let object: Map<String, Value> = params
                .iter()
                .map(|(name, value)| ((*name).to_owned(), Value::String(value.clone())))
                .collect();
            client.post(request.url.as_str()).json(&object)
        }
    };
    let answer = call.any_status().send().await?;
    if answer.status.as_u16() >= 300 {
        return Err(refusal(&answer, &request.url));
    }
    credentials(&answer, request.include_raw_data)
}

/// The credentials in a 2xx answer: `token_type` lower-cased (`bearer` when absent), other
/// fields (`expires_in`, `scope`) only in `raw_data`.
fn credentials(
    answer: &HttpResponse,
    include_raw_data: bool,
) -> Result<Response<OauthCredentials>, ConnectorError> {
    let mut json: Map<String, Value> = answer.json()?;
    let token_type = match json.get("token_type") {
        Some(Value::String(kind)) => kind.to_lowercase(),
        _ => "bearer".to_owned(),
    };
    json.insert("token_type".into(), Value::String(token_type));
    let parsed: OauthCredentials =
        serde_json::from_value(Value::Object(json.clone())).map_err(|e| {
            ConnectorError::invalid_response().with_message(answer.redact(&format!(
                "The token endpoint's answer is not OAuth credentials: {e}"
            )))
        })?;
    let response = Response::new(parsed);
    Ok(if include_raw_data {
        response.with_raw_data(Value::Object(json))
    } else {
        response
    })
}

/// A refused token request as connector-py's `raise_for_oauth_status` classifies it; none is
/// retryable, and the message carries the provider's answer.
fn refusal(answer: &HttpResponse, url: &str) -> ConnectorError {
    let status = answer.status.as_u16();
    let body: Option<Value> = serde_json::from_slice(&answer.body).ok();
    let shown = match &body {
        Some(json) => pyjson::to_python_repr(json),
        None => answer.text(),
    };
    let place = Url::parse(url).map_or_else(|_| url.to_owned(), |url| display_url(&url));
    let message =
        answer.redact(format!("[{status}][{place}] OAuth request failed: {shown}").trim_end());
    let code = body
        .as_ref()
        .and_then(|json| json.get("error"))
        .and_then(Value::as_str);
    let error = match (status, code) {
        (429, _) => ConnectorError::rate_limit().with_throttled(false),
        (500.., _) => ConnectorError::bad_gateway(),
        (403, _) | (_, Some("access_denied" | "unauthorized_client")) => {
            ConnectorError::permission_denied()
        }
        (_, Some("invalid_grant")) => {
            ConnectorError::authentication_expired().with_refreshable(false)
        }
        _ => ConnectorError::unauthorized().with_refreshable(false),
    };
    // connector-py records no `status_code` on these.
    error.with_message(message).with_retryable(false)
}
