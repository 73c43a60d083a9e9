//! The invocation event: `{"capability": NAME, "request": {...}}`. Anything else is answered
//! with a `bad_request` envelope, as a malformed request is on the command line.

use serde_json::Value;

use crate::error::ConnectorError;
use crate::integration::App;
use crate::response::envelope::{self, Origin};

/// The capability's name and the request's bytes, or the envelope refusing the event.
pub(super) fn parse(app: &App, event: Value) -> Result<(String, Vec<u8>), String> {
    let refuse = |why: &str| {
        let error = ConnectorError::bad_request().with_message(format!("Invalid event - {why}"));
        envelope::error(&error, app.app_id, Origin::BeforeCall)
    };
    let Value::Object(mut event) = event else {
        return Err(refuse(r#"expected {"capability": NAME, "request": {...}}"#));
    };
    let Some(Value::String(capability)) = event.remove("capability") else {
        return Err(refuse("`capability` must be the name of a capability"));
    };
    let request = match event.remove("request") {
        Some(request @ Value::Object(_)) => request,
        _ => return Err(refuse("`request` must be the request object")),
    };
    if let Some(extra) = event.keys().next() {
        return Err(refuse(&format!("unexpected field `{extra}`")));
    }
    Ok((capability, request.to_string().into_bytes()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::request::{NoAuth, NoSettings};

    const APP: App = App::new::<NoSettings, NoAuth>("acme", "1", &[]);

    #[test]
    fn the_event_gives_the_capability_and_the_request() {
        let (capability, request) = parse(
            &APP,
            json!({"capability": "list_accounts", "request": {"request": {}}}),
        )
        .unwrap();
        assert_eq!(capability, "list_accounts");
        assert_eq!(request, br#"{"request":{}}"#);
    }

    #[test]
    fn a_malformed_event_is_a_bad_request_envelope() {
        for (event, says) in [
            (json!([1]), "expected {"),
            (json!({"request": {}}), "`capability` must be"),
            (
                json!({"capability": 1, "request": {}}),
                "`capability` must be",
            ),
            (
                json!({"capability": "x", "request": "{}"}),
                "`request` must be",
            ),
            (
                json!({"capability": "x", "request": {}, "auth": {}}),
                "unexpected field `auth`",
            ),
        ] {
            let envelope = parse(&APP, event.clone()).unwrap_err();
            let json: Value = serde_json::from_str(&envelope).unwrap();
            assert_eq!(json["error"]["error_code"], "bad_request", "{event}");
            assert!(
                json["error"]["message"].as_str().unwrap().contains(says),
                "{event}: {envelope}"
            );
        }
    }
}
