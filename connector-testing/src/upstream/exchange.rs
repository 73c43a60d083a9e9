//! One expected upstream exchange: the request a connector should send and the answer it gets,
//! written in code or as JSON in a case or fixture file.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What matches any value in an expectation: the scrubbed place of a secret.
pub const ANY: &str = "[REDACTED]";

/// An exchange: the request to expect and the response to give, `times` times (once unless
/// said).
///
/// ```
/// use connector_testing::Exchange;
/// use serde_json::json;
///
/// let users = Exchange::get("/api/users")
///     .query("limit", "10")
///     .header("authorization", "Bearer t")
///     .respond(200)
///     .json(json!({"users": [], "total": 0}));
/// assert_eq!(users.request.method, "GET");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// The request to expect.
    pub request: ExpectedRequest,
    /// The answer.
    #[serde(default)]
    pub response: Answer,
    /// How many such requests to expect.
    #[serde(default = "once")]
    pub times: u32,
}

fn once() -> u32 {
    1
}

/// The request an [`Exchange`] expects. What it leaves out matches anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// Every query parameter, exactly (values in order when repeated); absent: any query.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::pairs::optional"
    )]
    pub query: Option<Vec<(String, String)>>,
    /// Headers that must be present with these values (names in any case).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::pairs")]
    pub headers: Vec<(String, String)>,
    /// The body, as JSON (compared as JSON) or as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// The answer of an [`Exchange`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// Response headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::pairs")]
    pub headers: Vec<(String, String)>,
    /// The body: JSON is sent as `application/json`, a string as it is.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub body: Value,
}

impl Default for Answer {
    fn default() -> Self {
        Answer {
            status: 200,
            headers: Vec::new(),
            body: Value::Null,
        }
    }
}

/// A request the upstream received, as the matching sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Exchange {
    /// Expects a `method` request to `path`.
    pub fn new(method: &str, path: &str) -> Self {
        Exchange {
            request: ExpectedRequest {
                method: method.to_ascii_uppercase(),
                path: path.to_owned(),
                query: None,
                headers: Vec::new(),
                body: None,
            },
            response: Answer::default(),
            times: 1,
        }
    }

    /// Expects a `GET` to `path`.
    pub fn get(path: &str) -> Self {
        Exchange::new("GET", path)
    }

    /// Expects a `POST` to `path`.
    pub fn post(path: &str) -> Self {
        Exchange::new("POST", path)
    }

    /// Expects a `PUT` to `path`.
    pub fn put(path: &str) -> Self {
        Exchange::new("PUT", path)
    }

    /// Expects a `PATCH` to `path`.
    pub fn patch(path: &str) -> Self {
        Exchange::new("PATCH", path)
    }

    /// Expects a `DELETE` to `path`.
    pub fn delete(path: &str) -> Self {
        Exchange::new("DELETE", path)
    }

    /// Adds a query parameter the request must carry; once any is given, the query must be
    /// exactly these.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.request
            .query
            .get_or_insert_with(Vec::new)
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds a header the request must carry.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request
            .headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// The JSON body the request must carry.
    pub fn body(mut self, body: Value) -> Self {
        self.request.body = Some(body);
        self
    }

    /// Answers with `status` (and no body unless [`Exchange::json`] or [`Exchange::text`]).
    pub fn respond(mut self, status: u16) -> Self {
        self.response.status = status;
        self
    }

    /// Answers with this JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.response.body = body;
        self
    }

    /// Answers with this text body.
    pub fn text(mut self, body: &str) -> Self {
        self.response.body = Value::String(body.to_owned());
        self
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.response
            .headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// Expects the request `times` times.
    pub fn times(mut self, times: u32) -> Self {
        self.times = times;
        self
    }

    /// How `received` differs from this expectation; empty when it matches.
    pub fn differences(&self, received: &Received) -> Vec<String> {
        let expected = &self.request;
        let mut found = Vec::new();
        if !expected.method.eq_ignore_ascii_case(&received.method) {
            found.push(format!(
                "method: expected {}, got {}",
                expected.method, received.method
            ));
        }
        if !text_matches(&expected.path, &received.path) {
            found.push(format!(
                "path: expected {}, got {}",
                expected.path, received.path
            ));
        }
        if let Some(query) = &expected.query {
            let same = query.len() == received.query.len()
                && query
                    .iter()
                    .zip(&received.query)
                    .all(|((en, ev), (rn, rv))| en == rn && text_matches(ev, rv));
            if !same {
                found.push(format!(
                    "query: expected {}, got {}",
                    show_pairs(query),
                    show_pairs(&received.query)
                ));
            }
        }
        for (name, value) in &expected.headers {
            let got = received
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str());
            match got {
                Some(got) if text_matches(value, got) => {}
                Some(got) => found.push(format!("header {name}: expected {value:?}, got {got:?}")),
                None => found.push(format!("header {name}: expected {value:?}, absent")),
            }
        }
        if let Some(body) = &expected.body {
            let matches = match (body, serde_json::from_str::<Value>(&received.body)) {
                (Value::String(text), _) if !received.body.trim_start().starts_with(['{', '[']) => {
                    text_matches(text, &received.body)
                }
                (_, Ok(got)) => json_matches(body, &got),
                (_, Err(_)) => false,
            };
            if !matches {
                found.push(format!(
                    "body: expected {body}, got {}",
                    if received.body.is_empty() {
                        "nothing"
                    } else {
                        &received.body
                    }
                ));
            }
        }
        found
    }
}

/// `expected` equals `got`, where each [`ANY`] in it stands for any text (`Bearer [REDACTED]`
/// matches any bearer token).
fn text_matches(expected: &str, got: &str) -> bool {
    let mut parts = expected.split(ANY);
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = got.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// JSON equality where an expected [`ANY`] string matches any value.
fn json_matches(expected: &Value, got: &Value) -> bool {
    match (expected, got) {
        (Value::String(e), _) if e == ANY => true,
        (Value::String(e), Value::String(g)) => text_matches(e, g),
        (Value::Object(e), Value::Object(g)) => {
            e.len() == g.len()
                && e.iter()
                    .all(|(k, v)| g.get(k).is_some_and(|gv| json_matches(v, gv)))
        }
        (Value::Array(e), Value::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(e, g)| json_matches(e, g))
        }
        _ => expected == got,
    }
}

fn show_pairs(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return "none".to_owned();
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

impl Received {
    /// `METHOD /path?query`, for reports.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            format!("{} {}?{}", self.method, self.path, show_pairs(&self.query))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn received(query: &[(&str, &str)], body: &str) -> Received {
        Received {
            method: "GET".into(),
            path: "/api/users".into(),
            query: query
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            headers: vec![("authorization".into(), "Bearer secret-1".into())],
            body: body.into(),
        }
    }

    #[test]
    fn a_matching_request_has_no_differences() {
        let exchange = Exchange::get("/api/users")
            .query("limit", "10")
            .header("Authorization", ANY);
        assert!(
            exchange
                .differences(&received(&[("limit", "10")], ""))
                .is_empty()
        );
    }

    #[test]
    fn each_difference_is_named() {
        let exchange = Exchange::post("/api/users")
            .query("limit", "10")
            .header("authorization", "Bearer other")
            .body(json!({"a": 1}));
        let found = exchange.differences(&received(&[("limit", "5")], r#"{"a":2}"#));
        assert_eq!(
            found,
            [
                "method: expected POST, got GET",
                "query: expected limit=10, got limit=5",
                r#"header authorization: expected "Bearer other", got "Bearer secret-1""#,
                r#"body: expected {"a":1}, got {"a":2}"#,
            ]
        );
    }

    #[test]
    fn a_scrubbed_part_matches_any_text() {
        assert!(text_matches("Bearer [REDACTED]", "Bearer abc"));
        assert!(!text_matches("Bearer [REDACTED]", "Basic abc"));
        assert!(text_matches("a[REDACTED]c[REDACTED]e", "abcde"));
        assert!(!text_matches("a[REDACTED]c", "abd"));
        assert!(text_matches("plain", "plain"));
        assert!(!text_matches("plain", "plainer"));
    }

    #[test]
    fn a_scrubbed_value_matches_anything() {
        let exchange = Exchange::get("/api/users").body(json!({"token": ANY, "n": 1}));
        assert!(
            exchange
                .differences(&received(&[], r#"{"token":"live-9","n":1}"#))
                .is_empty()
        );
        assert!(
            !exchange
                .differences(&received(&[], r#"{"token":"live-9","n":2}"#))
                .is_empty()
        );
    }
}
