//! Request validation with FastAPI's answers: query integers and JSON bodies
//! checked the way pydantic checks them, failures reported as
//! `422 {"detail": [{"type", "loc", "msg", "input"[, "ctx"]}, ...]}`.

use crate::pyjson::{self, LoadError, Value};
use crate::pynum::{IntError, PyInt, pydantic_int};
use crate::respond;
use crate::urls::query_value;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

/// One entry of a 422 `detail` list.
pub type Problem = Value;

fn problem(kind: &str, loc: Vec<Value>, msg: &str, input: Value) -> Problem {
    Value::object([
        ("type", Value::str(kind)),
        ("loc", Value::Array(loc)),
        ("msg", Value::str(msg)),
        ("input", input),
    ])
}

/// The 422 answer for `problems`, or a bare 500 where Python could not encode
/// the echoed input (a non-finite float or an unpaired surrogate).
pub fn rejected(problems: Vec<Problem>) -> Response {
    match pyjson::dumps(&Value::object([("detail", Value::Array(problems))])) {
        Some(body) => respond::json_text(StatusCode::UNPROCESSABLE_ENTITY, body),
        None => respond::internal_error(),
    }
}

/// Why a request body was refused.
pub enum Rejection {
    /// Validation problems: a 422.
    Invalid(Vec<Problem>),
    /// Undecodable bytes in a JSON body: a 400.
    Unreadable,
    /// Raw (non-JSON) bytes that are not UTF-8, which FastAPI fails to echo: a 500.
    Unechoable,
}

impl Rejection {
    pub fn into_response(self) -> Response {
        match self {
            Rejection::Invalid(problems) => rejected(problems),
            Rejection::Unreadable => respond::detail(
                StatusCode::BAD_REQUEST,
                "There was an error parsing the body",
            ),
            Rejection::Unechoable => respond::internal_error(),
        }
    }
}

/// The integer query parameter `name`, if given; a bad value is added to
/// `problems`.
pub fn query_int(
    query: &[(String, String)],
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<PyInt> {
    let raw = query_value(query, name)?;
    let (kind, msg) = match pydantic_int(raw) {
        Ok(n) => return Some(n),
        Err(IntError::Parsing) => (
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        Err(IntError::Size) => (
            "int_parsing_size",
            "Unable to parse input string as an integer, exceeded maximum size",
        ),
    };
    problems.push(problem(
        kind,
        vec![Value::str("query"), Value::str(name)],
        msg,
        Value::str(raw),
    ));
    None
}

/// A request body as FastAPI hands it to validation.
pub enum Body {
    /// No bytes at all.
    Missing,
    /// JSON when the content type says so, otherwise the raw text.
    Present(Value),
}

/// Reads `bytes` as FastAPI does: JSON only for `application/json` and
/// `application/*+json`; a JSON syntax error is a 422, any other decoding
/// failure a 400.
pub fn read_body(headers: &HeaderMap, bytes: &[u8]) -> Result<Body, Rejection> {
    if bytes.is_empty() {
        return Ok(Body::Missing);
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| is_json_type(v.as_bytes()));
    if !is_json {
        // pydantic reports the raw bytes, which FastAPI decodes as UTF-8 to echo them.
        return match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Body::Present(Value::str(text))),
            Err(_) => Err(Rejection::Unechoable),
        };
    }
    match pyjson::loads(bytes) {
        Ok(value) => Ok(Body::Present(value)),
        Err(LoadError::Decode { msg, pos }) => {
            let mut entry = problem(
                "json_invalid",
                vec![Value::str("body"), Value::int(pos)],
                "JSON decode error",
                Value::Object(Vec::new()),
            );
            if let Value::Object(fields) = &mut entry {
                fields.push(("ctx".into(), Value::object([("error", Value::str(msg))])));
            }
            Err(Rejection::Invalid(vec![entry]))
        }
        Err(LoadError::Other) => Err(Rejection::Unreadable),
    }
}

/// `email.message.Message` content-type parsing, then FastAPI's JSON test.
fn is_json_type(raw: &[u8]) -> bool {
    let value: String = raw.iter().map(|&b| char::from(b)).collect(); // latin-1
    let main_part = value.split(';').next().unwrap_or_default();
    let ctype = main_part.trim_matches(py_space).to_lowercase();
    match ctype.split_once('/') {
        Some((main, sub)) if !sub.contains('/') => {
            main == "application" && (sub == "json" || sub.ends_with("+json"))
        }
        _ => false,
    }
}

fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// How a string field of a body model treats absence and `null`.
#[derive(Clone, Copy)]
pub enum Field {
    /// `name: str`
    Required(&'static str),
    /// `name: str | None = None`
    Optional(&'static str),
    /// `name: str = "default"`: may be left out, but not `null`.
    Defaulted(&'static str, &'static str),
}

/// Validates `body` against a model of string fields and returns their
/// values in `fields` order (`None` = absent or null).
pub fn model(body: Body, fields: &[Field]) -> Result<Vec<Option<String>>, Rejection> {
    let input = match body {
        Body::Missing => {
            return Err(Rejection::Invalid(vec![problem(
                "missing",
                vec![Value::str("body")],
                "Field required",
                Value::Null,
            )]));
        }
        Body::Present(input) => input,
    };
    let Value::Object(entries) = &input else {
        return Err(Rejection::Invalid(vec![problem(
            "model_attributes_type",
            vec![Value::str("body")],
            "Input should be a valid dictionary or object to extract fields from",
            input,
        )]));
    };
    let mut values = Vec::with_capacity(fields.len());
    let mut problems = Vec::new();
    for &field in fields {
        let (name, nullable, default) = match field {
            Field::Required(name) => (name, false, None),
            Field::Optional(name) => (name, true, None),
            Field::Defaulted(name, default) => (name, false, Some(default)),
        };
        let loc = || vec![Value::str("body"), Value::str(name)];
        match entries
            .iter()
            .find(|(k, _)| k.text == name && !k.lone_surrogate)
            .map(|(_, v)| v)
        {
            None if matches!(field, Field::Required(_)) => {
                problems.push(problem("missing", loc(), "Field required", input.clone()));
            }
            None => values.push(default.map(str::to_owned)),
            Some(Value::Null) if nullable => values.push(None),
            Some(Value::Str(s)) => values.push(Some(s.text.clone())),
            Some(other) => problems.push(problem(
                "string_type",
                loc(),
                "Input should be a valid string",
                other.clone(),
            )),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(Rejection::Invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for yes in [
            "application/json",
            " Application/JSON ; charset=utf-8",
            "application/vnd.api+json",
        ] {
            assert!(is_json_type(yes.as_bytes()), "{yes}");
        }
        for no in [
            "text/plain",
            "application/json/x",
            "application/ json",
            "application /json",
            "json",
        ] {
            assert!(!is_json_type(no.as_bytes()), "{no}");
        }
    }
}
