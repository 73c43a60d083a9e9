//! Case tables: one JSON file per capability (`tests/cases/list_accounts.json`), each case a
//! request, the upstream exchanges it should cause and the envelope it should print; and the
//! coverage check, which fails naming every capability of the integration that has no case.
//!
//! A case file is a list of cases:
//!
//! ```json
//! [{
//!   "name": "the first page",
//!   "request": {"auth": {"token": {"token": "t0k3n-xyz"}}, "settings": {"api_url": "{{upstream}}"},
//!               "request": {}, "page": {"size": 2}},
//!   "upstream": [{"request": {"method": "GET", "path": "/api/users", "query": {"limit": "2"}},
//!                 "response": {"status": 200, "body": {"users": [], "total": 0}}}],
//!   "expect": {"response": [], "raw_data": null, "page": null, "rate_limit": null, "execution_summary": null}
//! }]
//! ```
//!
//! `{{upstream}}` in any string stands for the case's upstream URL; `"{{any}}"` in `expect`
//! matches any value (a time, say), as does a scrubbed `"[REDACTED]"`.

use std::collections::BTreeSet;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use connector_runtime::Integration;
use serde::Deserialize;
use serde_json::Value;

use crate::connector::Connector;
use crate::diff::differences;
use crate::upstream::{Exchange, Upstream};

/// The placeholder for the upstream URL.
pub const UPSTREAM: &str = "{{upstream}}";

/// One case of a case file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What it shows.
    pub name: String,
    /// The request envelope.
    pub request: Value,
    /// The exchanges it should cause, in order.
    #[serde(default)]
    pub upstream: Vec<Exchange>,
    /// The envelope it should print.
    pub expect: Value,
}

/// The case files of integration `I` in one directory.
///
/// ```no_run
/// # use connector_runtime::prelude::*;
/// # #[integration(app_id = "demo", capabilities())] pub struct Demo;
/// use connector_testing::Cases;
///
/// #[test]
/// fn every_case_passes() {
///     Cases::<Demo>::in_dir("tests/cases").run();
/// }
///
/// #[test]
/// fn every_capability_has_a_case() {
///     Cases::<Demo>::in_dir("tests/cases").assert_covered();
/// }
/// ```
pub struct Cases<I> {
    dir: PathBuf,
    integration: PhantomData<I>,
}

impl<I: Integration> Cases<I> {
    /// The case files in `dir` (relative paths start at the crate's root, where `cargo test`
    /// runs).
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        Cases {
            dir: dir.as_ref().to_owned(),
            integration: PhantomData,
        }
    }

    /// Every case of every file, by capability name, in file-name order.
    ///
    /// # Panics
    ///
    /// When the directory or a file cannot be read, or a file is not a list of cases.
    pub fn load(&self) -> Vec<(String, Vec<Case>)> {
        let entries = std::fs::read_dir(&self.dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", self.dir.display()));
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let capability = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                let cases: Vec<Case> = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} is not a list of cases: {e}", path.display()));
                (capability, cases)
            })
            .collect()
    }

    /// Runs every case, each against an upstream of its own, and fails listing every case
    /// whose envelope or exchanges differ from the file.
    ///
    /// # Panics
    ///
    /// When a case fails, a file names no capability of `I`, or a file has no case.
    pub fn run(&self) {
        let answered = answered::<I>();
        let mut failures = Vec::new();
        for (capability, cases) in self.load() {
            if !answered.contains(&capability) {
                failures.push(format!(
                    "{capability}.json: `{capability}` is not a capability of this connector"
                ));
                continue;
            }
            if cases.is_empty() {
                failures.push(format!("{capability}.json has no case"));
            }
            for case in cases {
                if let Err(failure) = run_case::<I>(&capability, &case) {
                    failures.push(format!("{capability}: {}: {failure}", case.name));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }

    /// Fails naming each capability the integration lists that has no case (the runtime's
    /// own capabilities, `app_info`, `probe_integration`, OAuth, are not the author's to test).
    ///
    /// # Panics
    ///
    /// When a capability has no case.
    pub fn assert_covered(&self) {
        let covered: BTreeSet<String> = self
            .load()
            .into_iter()
            .filter(|(_, cases)| !cases.is_empty())
            .map(|(capability, _)| capability)
            .collect();
        let missing: Vec<&str> = authored::<I>()
            .into_iter()
            .filter(|name| !covered.contains(*name))
            .collect();
        assert!(
            missing.is_empty(),
            "no case for: {} (add tests/cases/<capability>.json in {})",
            missing.join(", "),
            self.dir.display()
        );
    }
}

/// The capabilities the author wrote (the table rows not raised in the runtime).
fn authored<I: Integration>() -> Vec<&'static str> {
    I::APP
        .capabilities
        .iter()
        .filter(|entry| !entry.meta.raised_in.starts_with("connector_runtime"))
        .map(|entry| entry.meta.name)
        .collect()
}

/// Every capability the connector answers.
fn answered<I: Integration>() -> BTreeSet<String> {
    let app = I::APP;
    let mut names: BTreeSet<String> = app
        .capabilities
        .iter()
        .map(|entry| entry.meta.name.to_owned())
        .collect();
    names.extend(["app_info".to_owned()]);
    if let Some(probe) = app.probe {
        names.insert(probe.entry.meta.name.to_owned());
    }
    names
}

/// Runs one case; `Err` says how it differed.
fn run_case<I: Integration>(capability: &str, case: &Case) -> Result<(), String> {
    let upstream = Upstream::start();
    let url = upstream.url();
    let exchanges: Vec<Exchange> = case
        .upstream
        .iter()
        .map(|exchange| {
            let json = serde_json::to_value(exchange).unwrap_or(Value::Null);
            serde_json::from_value(with_upstream(json, &url)).unwrap_or_else(|_| exchange.clone())
        })
        .collect();
    upstream.expect_all(exchanges);
    let envelope =
        Connector::<I>::new().call(capability, &with_upstream(case.request.clone(), &url));
    let expected = with_upstream(case.expect.clone(), &url);
    let mut problems = differences(&expected, &envelope.json);
    if let Err(report) = upstream.verify() {
        problems.push(report);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "\n  {}\n  printed: {}",
            problems.join("\n  "),
            envelope.text.trim_end()
        ))
    }
}

/// `value` with [`UPSTREAM`] replaced by `url` in every string.
///
/// ```
/// use connector_testing::with_upstream;
/// use serde_json::json;
///
/// let settings = with_upstream(json!({"api_url": "{{upstream}}/v2"}), "http://127.0.0.1:9");
/// assert_eq!(settings, json!({"api_url": "http://127.0.0.1:9/v2"}));
/// ```
pub fn with_upstream(value: Value, url: &str) -> Value {
    match value {
        Value::String(text) => Value::String(text.replace(UPSTREAM, url)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| with_upstream(v, url)).collect())
        }
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, with_upstream(v, url)))
                .collect(),
        ),
        other => other,
    }
}
