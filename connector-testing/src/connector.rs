//! A connector called in process: the envelope exactly as its command line prints it, without
//! a process or a port.

use std::ffi::OsString;
use std::marker::PhantomData;

use connector_runtime::Integration;
use connector_runtime::cli::{Streams, run};
use serde_json::Value;

/// The connector of integration `I`, called in process through its command line.
///
/// ```no_run
/// # use connector_runtime::prelude::*;
/// # #[integration(app_id = "demo", capabilities())] pub struct Demo;
/// use connector_testing::Connector;
/// use serde_json::json;
///
/// let envelope = Connector::<Demo>::new().call("app_info", &json!({"request": {}}));
/// assert_eq!(envelope.response()["app_id"], "demo");
/// ```
pub struct Connector<I>(PhantomData<I>);

impl<I: Integration> Default for Connector<I> {
    fn default() -> Self {
        Connector(PhantomData)
    }
}

impl<I: Integration> Connector<I> {
    /// The connector of `I`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `capability` on the request envelope `request` (`{"auth":…,"settings":…,
    /// "request":…}`) and returns what the command line printed.
    ///
    /// # Panics
    ///
    /// When the command line refuses the command (an unknown capability, say: exit status
    /// 2) or prints anything but one JSON document; an error envelope is a normal result.
    pub fn call(&self, capability: &str, request: &Value) -> Envelope {
        let app = I::APP;
        let args: Vec<OsString> = [capability, "--json", "-"].map(OsString::from).to_vec();
        let body = request.to_string();
        let (mut stdin, mut stdout, mut stderr) = (body.as_bytes(), Vec::new(), Vec::new());
        let status = run(
            &app,
            app.app_id,
            &args,
            &mut Streams {
                stdin: &mut stdin,
                stdout: &mut stdout,
                stderr: &mut stderr,
            },
        );
        let text = String::from_utf8_lossy(&stdout).into_owned();
        assert_eq!(
            status,
            0,
            "`{capability}` did not run: {}",
            String::from_utf8_lossy(&stderr)
        );
        Envelope::parse(text)
    }
}

/// One printed envelope: its text and its JSON.
///
/// ```
/// use connector_testing::Envelope;
///
/// let page = Envelope::parse("{\"response\":[],\"page\":{\"token\":\"t2\",\"size\":2}}\n".to_owned());
/// assert!(!page.is_error());
/// assert_eq!(page.next_token(), Some("t2"));
/// let failed = Envelope::parse("{\"is_error\":true,\"error\":{\"error_code\":\"not_found\"}}\n".to_owned());
/// assert_eq!(failed.error_code(), Some("not_found"));
/// ```
#[derive(Debug, Clone)]
pub struct Envelope {
    /// The line as printed, newline included.
    pub text: String,
    /// The document.
    pub json: Value,
}

impl Envelope {
    /// Reads a printed envelope.
    ///
    /// # Panics
    ///
    /// When `text` is not one line of JSON.
    pub fn parse(text: String) -> Self {
        assert!(
            text.ends_with('\n') && text.matches('\n').count() == 1,
            "an envelope is one line: {text:?}"
        );
        let json = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("the envelope is not JSON ({e}): {text:?}"));
        Envelope { text, json }
    }

    /// Whether it is an error envelope.
    pub fn is_error(&self) -> bool {
        self.json.get("is_error").and_then(Value::as_bool) == Some(true)
    }

    /// The `response` of a success envelope.
    ///
    /// # Panics
    ///
    /// On an error envelope, showing it.
    pub fn response(&self) -> &Value {
        assert!(!self.is_error(), "expected a success, got {}", self.text);
        &self.json["response"]
    }

    /// The `error` of an error envelope.
    ///
    /// # Panics
    ///
    /// On a success envelope, showing it.
    pub fn error(&self) -> &Value {
        assert!(self.is_error(), "expected an error, got {}", self.text);
        &self.json["error"]
    }

    /// The `error_code` of an error envelope, `None` for a success.
    pub fn error_code(&self) -> Option<&str> {
        self.json["error"]["error_code"].as_str()
    }

    /// The next page's token, when there is one.
    pub fn next_token(&self) -> Option<&str> {
        self.json["page"]["token"]
            .as_str()
            .filter(|t| !t.is_empty())
    }
}
