//! The parameters of a token request, wherever the client put them: the query
//! string, a form-urlencoded body or a JSON object body. Body values win over
//! query values of the same name, and an empty value counts as absent
//! (RFC 6749 §3.1).

use super::OAuthError;
use crate::urls::parse_query;
use axum::http::{HeaderMap, header};
use serde_json::Value;

/// Name–value pairs, query first and body after.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Reads the query string `query` and the body `body` as its
    /// `Content-Type` says: `application/json` is a JSON object, anything
    /// else (including no type) is form-urlencoded.
    pub(crate) fn read(
        query: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Params, OAuthError> {
        let mut pairs = parse_query(query);
        if !body.iter().all(u8::is_ascii_whitespace) {
            let media_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(';').next())
                .map(|value| value.trim().to_ascii_lowercase());
            match media_type.as_deref() {
                Some("application/json") => pairs.extend(json_pairs(body)?),
                _ => {
                    let text = std::str::from_utf8(body).map_err(|_| {
                        OAuthError::invalid_request("the request body is not UTF-8")
                    })?;
                    pairs.extend(parse_query(text.trim()));
                }
            }
        }
        Ok(Params(pairs))
    }

    /// The last non-empty value given for `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// [`Params::get`], with a missing value an `invalid_request`.
    pub(crate) fn require(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name)
            .ok_or_else(|| OAuthError::invalid_request(format!("missing parameter: {name}")))
    }
}

/// The members of a JSON object body: strings as they are, numbers and
/// booleans as their JSON text, `null` as absent.
fn json_pairs(body: &[u8]) -> Result<Vec<(String, String)>, OAuthError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| OAuthError::invalid_request(format!("the JSON body is malformed: {e}")))?;
    let Value::Object(members) = value else {
        return Err(OAuthError::invalid_request(
            "the JSON body must be an object",
        ));
    };
    let mut pairs = Vec::with_capacity(members.len());
    for (name, value) in members {
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text,
            Value::Bool(_) | Value::Number(_) => value.to_string(),
            Value::Array(_) | Value::Object(_) => {
                return Err(OAuthError::invalid_request(format!(
                    "parameter {name} must be a string"
                )));
            }
        };
        pairs.push((name, text));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(content_type: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers
    }

    #[test]
    fn merges_query_and_body() {
        let form = headers("application/x-www-form-urlencoded");
        let params = Params::read("a=q&b=q&c=q", &form, b"a=body&b=&d=x+y%21").expect("form");
        assert_eq!(params.get("a"), Some("body"));
        assert_eq!(params.get("b"), Some("q"));
        assert_eq!(params.get("d"), Some("x y!"));
        assert_eq!(params.get("e"), None);
        assert_eq!(
            params.require("e").map_err(|e| e.code),
            Err("invalid_request")
        );

        let json = headers("Application/JSON; charset=utf-8");
        let params =
            Params::read("", &json, br#"{"a":"1","n":5,"z":null,"t":true}"#).expect("json");
        assert_eq!(
            (
                params.get("a"),
                params.get("n"),
                params.get("z"),
                params.get("t")
            ),
            (Some("1"), Some("5"), None, Some("true"))
        );
        for bad in [&b"[1]"[..], b"{", br#"{"a":[1]}"#] {
            assert!(Params::read("", &json, bad).is_err());
        }
        assert!(Params::read("a=1", &json, b" ").is_ok());
    }
}
