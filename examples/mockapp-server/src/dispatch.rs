//! Request handling in the Python server's order: fault prefix, then the
//! bearer check, then Starlette-style routing (first full match wins, a path
//! match with the wrong method is a 405, a near miss by a trailing slash a
//! 307, everything else a 404).
//!
//! Routing is done here rather than with axum's router because the answers
//! for unknown paths, wrong methods, trailing slashes and percent-encoded
//! slashes must match Starlette's, which axum's do not.

use crate::faults::{self, Spec, Step};
use crate::server::{ConnControl, LocalAddr};
use crate::urls::{self, host_authority, quote_location, unquote};
use crate::validation::{self, Body as RequestBody, Rejection};
use crate::{AppState, oauth, respond, routes};
use axum::body::Body;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::Response;
use std::sync::Arc;

/// Bodies larger than this are refused (the Python server has no limit; this
/// only guards the mock's memory).
const MAX_BODY: usize = 64 << 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Endpoint {
    OpenApi,
    SwaggerUi,
    SwaggerRedirect,
    Redoc,
    Health,
    ListUsers,
    GetUser,
    CreateUser,
    UpdateUser,
    DeleteUser,
    Resources,
    Entitlements,
    Associations,
    Assign,
    Unassign,
    Stats,
    ResetStats,
    OAuthAuthorize,
    OAuthToken,
}

struct Route {
    template: &'static str,
    methods: &'static [Method],
    endpoint: Endpoint,
}

const GET: &[Method] = &[Method::GET];
const GET_HEAD: &[Method] = &[Method::GET, Method::HEAD];

/// In the Python app's order: FastAPI's documentation routes, the API in
/// declaration order, then this port's `/_stats` and OAuth endpoints.
const ROUTES: &[Route] = &[
    Route {
        template: "/openapi.json",
        methods: GET_HEAD,
        endpoint: Endpoint::OpenApi,
    },
    Route {
        template: "/docs",
        methods: GET_HEAD,
        endpoint: Endpoint::SwaggerUi,
    },
    Route {
        template: "/docs/oauth2-redirect",
        methods: GET_HEAD,
        endpoint: Endpoint::SwaggerRedirect,
    },
    Route {
        template: "/redoc",
        methods: GET_HEAD,
        endpoint: Endpoint::Redoc,
    },
    Route {
        template: "/api/health",
        methods: GET,
        endpoint: Endpoint::Health,
    },
    Route {
        template: "/api/users",
        methods: GET,
        endpoint: Endpoint::ListUsers,
    },
    Route {
        template: "/api/users/{user_id}",
        methods: GET,
        endpoint: Endpoint::GetUser,
    },
    Route {
        template: "/api/users",
        methods: &[Method::POST],
        endpoint: Endpoint::CreateUser,
    },
    Route {
        template: "/api/users/{user_id}",
        methods: &[Method::PUT],
        endpoint: Endpoint::UpdateUser,
    },
    Route {
        template: "/api/users/{user_id}",
        methods: &[Method::DELETE],
        endpoint: Endpoint::DeleteUser,
    },
    Route {
        template: "/api/resources",
        methods: GET,
        endpoint: Endpoint::Resources,
    },
    Route {
        template: "/api/entitlements",
        methods: GET,
        endpoint: Endpoint::Entitlements,
    },
    Route {
        template: "/api/associations",
        methods: GET,
        endpoint: Endpoint::Associations,
    },
    Route {
        template: "/api/users/{user_id}/entitlements",
        methods: &[Method::POST],
        endpoint: Endpoint::Assign,
    },
    Route {
        template: "/api/users/{user_id}/entitlements/{entitlement_id}",
        methods: &[Method::DELETE],
        endpoint: Endpoint::Unassign,
    },
    Route {
        template: "/_stats",
        methods: GET,
        endpoint: Endpoint::Stats,
    },
    Route {
        template: "/_stats",
        methods: &[Method::DELETE],
        endpoint: Endpoint::ResetStats,
    },
    Route {
        template: "/_stats/reset",
        methods: &[Method::POST],
        endpoint: Endpoint::ResetStats,
    },
    Route {
        template: "/oauth/authorize",
        methods: GET,
        endpoint: Endpoint::OAuthAuthorize,
    },
    Route {
        template: "/oauth/token",
        methods: &[Method::POST],
        endpoint: Endpoint::OAuthToken,
    },
];

/// The path parameters of `path` under `template`, if it matches.
///
/// Parameters are non-empty and slash-free. As with Python's `re` `$`, a
/// single trailing newline may follow the match.
fn match_template(template: &str, path: &str) -> Option<Vec<String>> {
    let exact = |path: &str| {
        let (mut t, mut p) = (template.split('/'), path.split('/'));
        let mut params = Vec::new();
        loop {
            match (t.next(), p.next()) {
                (None, None) => return Some(params),
                (Some(ts), Some(ps)) if ts.starts_with('{') => {
                    if ps.is_empty() {
                        return None;
                    }
                    params.push(ps.to_owned());
                }
                (Some(ts), Some(ps)) if ts == ps => {}
                _ => return None,
            }
        }
    };
    exact(path).or_else(|| path.strip_suffix('\n').and_then(exact))
}

enum Found {
    Full(&'static Route, Vec<String>),
    /// The path matches, the method does not.
    Partial(&'static Route),
    None,
}

fn find(method: &Method, path: &str) -> Found {
    let mut partial = None;
    for route in ROUTES {
        if let Some(params) = match_template(route.template, path) {
            if route.methods.contains(method) {
                return Found::Full(route, params);
            }
            partial.get_or_insert(route);
        }
    }
    partial.map_or(Found::None, Found::Partial)
}

/// The counter key for a request: `"METHOD /template"` or `"METHOD (no route)"`.
fn route_key(method: &Method, path: &str) -> String {
    let template = ROUTES
        .iter()
        .find(|r| match_template(r.template, path).is_some())
        .map(|r| r.template);
    format!("{method} {}", template.unwrap_or("(no route)"))
}

/// Requests to the counters are not counted themselves.
fn is_stats_request(method: &Method, path: &str) -> bool {
    matches!(find(method, path), Found::Full(r, _) if matches!(r.endpoint, Endpoint::Stats | Endpoint::ResetStats))
}

/// `/_fault/{spec}{rest}` split as the Python server's regex does it.
fn split_fault(path: &str) -> Option<(&str, &str)> {
    let tail = path.strip_prefix("/_fault/")?;
    let slash = tail.find('/')?;
    let (spec, rest) = tail.split_at(slash);
    (!spec.is_empty()).then_some((spec, rest))
}

/// The path as the Python middleware sees it (`request.url.path`): Starlette
/// escapes `?`, `#` and `\`, and `urlsplit` drops tabs and line breaks.
/// Routing still uses the plain decoded path.
fn url_path(path: &str) -> String {
    path.replace('?', "%3F")
        .replace('#', "%23")
        .replace('\\', "%5C")
        .replace(['\t', '\r', '\n'], "")
}

/// The fallback handler that serves every request.
pub async fn handle(State(state): State<Arc<AppState>>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let mut path = unquote(parts.uri.path());
    let mut checked_path = url_path(&path);
    let mut reshape = None;
    if let Some((spec_text, rest)) = split_fault(&checked_path) {
        let spec = Spec::parse(spec_text);
        let seen = state
            .stats()
            .record(&route_key(&parts.method, rest), Some(spec_text));
        let rest = rest.to_owned();
        match spec.step(seen) {
            Step::Delay(pause) => tokio::time::sleep(*pause).await,
            Step::Pass => {}
            step @ (Step::Slow(_) | Step::Truncate | Step::Reset) => reshape = Some(step.clone()),
            Step::Status {
                code,
                text,
                retry_after,
            } => return faults::injected(code, *text, *retry_after),
            Step::Invalid => return respond::internal_error(),
        }
        path.clone_from(&rest);
        checked_path = rest;
    } else if !is_stats_request(&parts.method, &path) {
        state.stats().record(&route_key(&parts.method, &path), None);
    }

    let needs_token = checked_path.starts_with("/api/") && checked_path != "/api/health";
    let response = if needs_token && !authorized(&parts, &state) {
        let mut response = respond::detail(
            StatusCode::UNAUTHORIZED,
            "Invalid or missing authentication token",
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    } else {
        route(&state, &parts, &path, body).await
    };
    match reshape {
        Some(step) => {
            let conn = parts.extensions.get::<Arc<ConnControl>>().cloned();
            faults::reshape(&step, response, conn).await
        }
        None => response,
    }
}

/// Compares the `Authorization` header byte for byte with `Bearer {token}`
/// (Starlette reads header values as latin-1) for the configured token, or
/// else looks the bearer token up among the live ones the OAuth server issued.
fn authorized(parts: &Parts, state: &AppState) -> bool {
    let expected: Option<Vec<u8>> = format!("Bearer {}", state.config.token)
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    let given = parts
        .headers
        .get(header::AUTHORIZATION)
        .map_or(&b""[..], HeaderValue::as_bytes);
    if expected.is_some_and(|e| e == given) {
        return true;
    }
    given
        .strip_prefix(b"Bearer ")
        .and_then(|token| std::str::from_utf8(token).ok())
        .is_some_and(|token| state.oauth().access_token_live(token))
}

async fn route(state: &AppState, parts: &Parts, path: &str, body: Body) -> Response {
    let (route, params) = match find(&parts.method, path) {
        Found::Full(route, params) => (route, params),
        Found::Partial(route) => return method_not_allowed(route),
        Found::None => return redirect_or_not_found(parts, path),
    };
    let query = urls::parse_query(parts.uri.query().unwrap_or_default());
    let param = |i: usize| params.get(i).map_or("", String::as_str);
    if route.endpoint == Endpoint::OAuthToken {
        return match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(bytes) => oauth::token(
                state,
                parts.uri.query().unwrap_or_default(),
                &parts.headers,
                &bytes,
            ),
            Err(_) => oauth::OAuthError::invalid_request("the request body could not be read")
                .into_response(StatusCode::BAD_REQUEST),
        };
    }
    let body = match route.endpoint {
        Endpoint::CreateUser | Endpoint::UpdateUser | Endpoint::Assign => {
            match read_body(parts, body).await {
                Ok(body) => Some(body),
                Err(rejection) => return rejection,
            }
        }
        _ => None,
    };
    let body = || body.unwrap_or(RequestBody::Missing);
    match route.endpoint {
        Endpoint::OpenApi => routes::openapi(),
        Endpoint::SwaggerUi => routes::swagger_ui(),
        Endpoint::SwaggerRedirect => routes::swagger_oauth2_redirect(),
        Endpoint::Redoc => routes::redoc(),
        Endpoint::Health => routes::health(state),
        Endpoint::ListUsers => routes::list_users(state, &query),
        Endpoint::GetUser => routes::get_user(state, param(0)),
        Endpoint::CreateUser => routes::create_user(state, body()),
        Endpoint::UpdateUser => routes::update_user(state, param(0), body()),
        Endpoint::DeleteUser => routes::delete_user(state, param(0)),
        Endpoint::Resources => routes::resources(state),
        Endpoint::Entitlements => routes::entitlements(state),
        Endpoint::Associations => routes::associations(state, &query),
        Endpoint::Assign => routes::assign(state, param(0), body()),
        Endpoint::Unassign => routes::unassign(state, param(0), param(1), &query),
        Endpoint::Stats => routes::stats(state),
        Endpoint::ResetStats => routes::reset_stats(state),
        Endpoint::OAuthAuthorize => oauth::authorize(state, &query),
        // Answered above, once its body is read.
        Endpoint::OAuthToken => respond::internal_error(),
    }
}

async fn read_body(parts: &Parts, body: Body) -> Result<RequestBody, Response> {
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            validation::read_body(&parts.headers, &bytes).map_err(Rejection::into_response)
        }
        Err(_) => Err(Rejection::Unreadable.into_response()),
    }
}

fn method_not_allowed(route: &Route) -> Response {
    let allow: Vec<&str> = route.methods.iter().map(Method::as_str).collect();
    let mut response = respond::detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
    if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// Starlette's `redirect_slashes`: if adding or stripping a trailing slash
/// would match a route, redirect there (307) with an absolute URL.
fn redirect_or_not_found(parts: &Parts, path: &str) -> Response {
    let not_found = || respond::detail(StatusCode::NOT_FOUND, "Not Found");
    if path == "/" {
        return not_found();
    }
    let other = if path.ends_with('/') {
        path.trim_end_matches('/').to_owned()
    } else {
        format!("{path}/")
    };
    if !ROUTES
        .iter()
        .any(|r| match_template(r.template, &other).is_some())
    {
        return not_found();
    }
    let query = parts.uri.query().unwrap_or_default();
    let escaped = other
        .replace('?', "%3F")
        .replace('#', "%23")
        .replace('\\', "%5C");
    let host = parts.headers.get(header::HOST).map(|h| {
        h.as_bytes()
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
    });
    let authority = host
        .as_deref()
        .and_then(host_authority)
        .map(str::to_owned)
        .or_else(|| {
            parts
                .extensions
                .get::<LocalAddr>()
                .map(|LocalAddr(addr)| match addr.port() {
                    80 => addr.ip().to_string(),
                    _ => addr.to_string(),
                })
        });
    let mut url = match authority {
        Some(authority) => format!("http://{authority}{escaped}"),
        None if escaped.starts_with("//") => format!("/%2F{}", &escaped[2..]),
        None => escaped,
    };
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    if let Ok(location) = HeaderValue::from_str(&quote_location(&url)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            match_template("/api/users/{user_id}", "/api/users/u1"),
            Some(vec!["u1".to_owned()])
        );
        assert_eq!(match_template("/api/users/{user_id}", "/api/users/"), None);
        assert_eq!(match_template("/api/health", "/api/health\n"), Some(vec![]));
        assert_eq!(
            match_template("/api/users/{user_id}", "/api/users/a\n"),
            Some(vec!["a\n".to_owned()])
        );
        assert!(
            matches!(find(&Method::PATCH, "/api/users/x"), Found::Partial(r) if r.endpoint == Endpoint::GetUser)
        );
        assert_eq!(split_fault("/_fault/500/api/x"), Some(("500", "/api/x")));
        assert_eq!(split_fault("/_fault/500"), None);
        assert_eq!(url_path("/a?b#c\\d\te\r\n"), "/a%3Fb%23c%5Cde");
        assert_eq!(route_key(&Method::POST, "/api/users"), "POST /api/users");
        assert_eq!(route_key(&Method::GET, "/nope"), "GET (no route)");
    }
}
