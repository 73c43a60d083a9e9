//! The API endpoints: what each one answers, given a request that already
//! passed routing and authentication.

use crate::AppState;
use crate::respond;
use crate::store::{AssignError, AssocFilter, User, UserChanges};
use crate::urls::query_value;
use crate::validation::{self, Body, Field};
use axum::http::StatusCode;
use axum::response::Response;
use indexmap::map::Slice;
use serde::Serialize;
use serde::ser::Serializer;

type Query = [(String, String)];

pub fn health(state: &AppState) -> Response {
    #[derive(Serialize)]
    struct Health {
        status: &'static str,
        users: usize,
    }
    respond::json(
        StatusCode::OK,
        &Health {
            status: "ok",
            users: state.store().user_count(),
        },
    )
}

/// `GET /api/users?limit=&offset=`: one page in insertion order.
pub fn list_users(state: &AppState, query: &Query) -> Response {
    let mut problems = Vec::new();
    let limit = validation::query_int(query, "limit", &mut problems);
    let offset = validation::query_int(query, "offset", &mut problems);
    if !problems.is_empty() {
        return validation::rejected(problems);
    }
    let config = &state.config;
    let limit = limit.unwrap_or_else(|| config.default_limit.clone());
    let offset = offset.unwrap_or_else(|| 0.into());
    if limit.value() < 1 || offset.value() < 0 {
        return respond::detail(
            StatusCode::BAD_REQUEST,
            "limit must be >= 1 and offset >= 0",
        );
    }
    let limit = if limit.value() <= config.max_limit.value() {
        limit
    } else {
        config.max_limit.clone()
    };

    let store = state.store();
    let total = store.user_count();
    let (start, stop) = python_slice(
        total,
        offset.value(),
        offset.value().saturating_add(limit.value()),
    );
    let page = store.users_between(start, stop);
    let has_more = offset.value().saturating_add(page.len() as i128) < total as i128;
    let Ok(items) = serde_json::to_string(&Items(page)) else {
        return respond::internal_error();
    };
    let body = format!(
        r#"{{"items":{items},"has_more":{has_more},"total":{total},"limit":{},"offset":{}}}"#,
        limit.text(),
        offset.text()
    );
    respond::json_text(StatusCode::OK, body)
}

/// The bounds Python's `seq[start:stop]` uses, for a non-negative `start`.
fn python_slice(len: usize, start: i128, stop: i128) -> (usize, usize) {
    let len_i = len as i128;
    let start = start.min(len_i);
    let stop = if stop < 0 {
        (stop + len_i).max(0)
    } else {
        stop.min(len_i)
    };
    (start as usize, stop.max(start) as usize)
}

/// Serialises a run of users as a JSON array.
struct Items<'a>(&'a Slice<String, User>);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

fn user_not_found(user_id: &str) -> Response {
    respond::detail(StatusCode::NOT_FOUND, &format!("User {user_id} not found"))
}

pub fn get_user(state: &AppState, user_id: &str) -> Response {
    match state.store().user(user_id) {
        Some(user) => respond::json(StatusCode::OK, user),
        None => user_not_found(user_id),
    }
}

/// `POST /api/users {email, name?, username?, status?}`.
pub fn create_user(state: &AppState, body: Body) -> Response {
    let fields = [
        Field::Required("email"),
        Field::Optional("name"),
        Field::Optional("username"),
        Field::Defaulted("status", "active"),
    ];
    let [email, name, username, status] = match validation::model(body, &fields) {
        Ok(values) => <[Option<String>; 4]>::try_from(values).unwrap_or_default(),
        Err(rejection) => return rejection.into_response(),
    };
    let email = email.unwrap_or_default();
    let mut store = state.store();
    if store.email_taken(&email) {
        return respond::detail(
            StatusCode::CONFLICT,
            &format!("User with email {email} already exists"),
        );
    }
    let local_part = email.split('@').next().unwrap_or_default().to_owned();
    let or_local = |v: Option<String>| {
        v.filter(|s| !s.is_empty())
            .unwrap_or_else(|| local_part.clone())
    };
    let (name, username) = (or_local(name), or_local(username));
    let user = store.create_user(email, name, username, status.unwrap_or_default());
    respond::json(StatusCode::CREATED, user)
}

/// `PUT /api/users/{id} {email?, name?, username?, status?}`: given, non-null
/// fields replace the stored ones.
pub fn update_user(state: &AppState, user_id: &str, body: Body) -> Response {
    let fields = ["email", "name", "username", "status"].map(Field::Optional);
    let [email, name, username, status] = match validation::model(body, &fields) {
        Ok(values) => <[Option<String>; 4]>::try_from(values).unwrap_or_default(),
        Err(rejection) => return rejection.into_response(),
    };
    let mut store = state.store();
    match store.update_user(
        user_id,
        UserChanges {
            email,
            name,
            username,
            status,
        },
    ) {
        Some(user) => respond::json(StatusCode::OK, user),
        None => user_not_found(user_id),
    }
}

pub fn delete_user(state: &AppState, user_id: &str) -> Response {
    if state.store().delete_user(user_id) {
        respond::no_content()
    } else {
        user_not_found(user_id)
    }
}

pub fn resources(state: &AppState) -> Response {
    respond::json(StatusCode::OK, &state.store().resources())
}

pub fn entitlements(state: &AppState) -> Response {
    respond::json(StatusCode::OK, &state.store().entitlements())
}

/// `GET /api/associations`; an empty filter value filters nothing.
pub fn associations(state: &AppState, query: &Query) -> Response {
    let given = |name| query_value(query, name).filter(|v| !v.is_empty());
    let filter = AssocFilter {
        user_id: given("user_id"),
        entitlement_id: given("entitlement_id"),
        resource_id: given("resource_id"),
    };
    let store = state.store();
    respond::json(StatusCode::OK, &store.associations(&filter))
}

/// `POST /api/users/{id}/entitlements {entitlement_id, resource_id}`: 201 when
/// new, 200 when the user already had it.
pub fn assign(state: &AppState, user_id: &str, body: Body) -> Response {
    let fields = [
        Field::Required("entitlement_id"),
        Field::Required("resource_id"),
    ];
    let [entitlement_id, resource_id] = match validation::model(body, &fields) {
        Ok(values) => <[Option<String>; 2]>::try_from(values)
            .unwrap_or_default()
            .map(Option::unwrap_or_default),
        Err(rejection) => return rejection.into_response(),
    };
    let mut store = state.store();
    if store.user(user_id).is_none() {
        return user_not_found(user_id);
    }
    let status = match store.assign(user_id, &entitlement_id, &resource_id) {
        Ok(true) => StatusCode::CREATED,
        Ok(false) => StatusCode::OK,
        Err(AssignError::UnknownEntitlement) => {
            return respond::detail(
                StatusCode::NOT_FOUND,
                &format!("Entitlement {entitlement_id} not found"),
            );
        }
        Err(AssignError::WrongResource) => {
            let msg =
                format!("Entitlement {entitlement_id} does not belong to resource {resource_id}");
            return respond::detail(StatusCode::BAD_REQUEST, &msg);
        }
    };
    #[derive(Serialize)]
    struct Assigned<'a> {
        user_id: &'a str,
        entitlement_id: &'a str,
        resource_id: &'a str,
    }
    respond::json(
        status,
        &Assigned {
            user_id,
            entitlement_id: &entitlement_id,
            resource_id: &resource_id,
        },
    )
}

/// `DELETE /api/users/{id}/entitlements/{entitlement_id}?resource_id=`.
pub fn unassign(state: &AppState, user_id: &str, entitlement_id: &str, query: &Query) -> Response {
    let mut store = state.store();
    if store.user(user_id).is_none() {
        return user_not_found(user_id);
    }
    if store.unassign(user_id, entitlement_id, query_value(query, "resource_id")) {
        respond::no_content()
    } else {
        respond::detail(
            StatusCode::NOT_FOUND,
            &format!("User {user_id} does not have entitlement {entitlement_id}"),
        )
    }
}

/// `GET /_stats`.
pub fn stats(state: &AppState) -> Response {
    respond::json(StatusCode::OK, &*state.stats())
}

/// `POST /_stats/reset` and `DELETE /_stats`: counters (and `seq:` positions)
/// back to zero.
pub fn reset_stats(state: &AppState) -> Response {
    *state.stats() = Default::default();
    respond::no_content()
}

/// The FastAPI documentation pages, as the Python server generated them.
pub fn openapi() -> Response {
    respond::with_type(
        StatusCode::OK,
        respond::JSON,
        include_str!("../static/openapi.json"),
    )
}

pub fn swagger_ui() -> Response {
    respond::with_type(
        StatusCode::OK,
        respond::HTML,
        include_str!("../static/docs.html"),
    )
}

pub fn swagger_oauth2_redirect() -> Response {
    respond::with_type(
        StatusCode::OK,
        respond::HTML,
        include_str!("../static/oauth2-redirect.html"),
    )
}

pub fn redoc() -> Response {
    respond::with_type(
        StatusCode::OK,
        respond::HTML,
        include_str!("../static/redoc.html"),
    )
}

#[cfg(test)]
mod tests {
    use super::python_slice;

    #[test]
    fn slices_like_python() {
        assert_eq!(python_slice(25, 0, 10), (0, 10));
        assert_eq!(python_slice(25, 20, 30), (20, 25));
        assert_eq!(python_slice(25, 30, 40), (25, 25));
        assert_eq!(python_slice(25, 5, -3), (5, 22));
        assert_eq!(python_slice(25, 5, -30), (5, 5));
    }
}
