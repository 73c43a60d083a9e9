//! A custom capability's declared level, as Lumos sees it: `--help`, `info` and `app_info`.

use connector_runtime::Integration;
use connector_runtime::prelude::*;
use connector_tests::run::run_cli;

/// The payload of both capabilities.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Widgets {
    /// Which widgets.
    pub color: Option<String>,
}

/// What both return.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Count {
    /// How many.
    pub count: u64,
}

/// Counts the widgets.
#[capability(custom = "count_widgets", level = read)]
async fn count_widgets(
    req: Request<Widgets, NoSettings, TokenCredential>,
) -> Result<Response<Count>, ConnectorError> {
    let _ = req;
    Ok(Response::new(Count { count: 3 }))
}

/// Paints the widgets.
#[capability(custom = "paint_widgets")]
async fn paint_widgets(
    req: Request<Widgets, NoSettings, TokenCredential>,
) -> Result<Response<Count>, ConnectorError> {
    let _ = req;
    Ok(Response::new(Count { count: 3 }))
}

#[integration(app_id = "levels", auth = TokenCredential, capabilities(count_widgets, paint_widgets))]
pub struct Levels;

fn app() -> connector_runtime::integration::App {
    <Levels as Integration>::APP
}

#[test]
fn help_lists_each_custom_capability_with_its_level() {
    let outcome = run_cli(&app(), &["--help"]);
    assert_eq!(outcome.status, 0);
    let help = outcome.stdout;
    let line = |name: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name} in:\n{help}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(line("count_widgets"), ["count_widgets", "read"]);
    assert_eq!(line("paint_widgets"), ["paint_widgets", "write"]);
}

#[test]
fn info_marks_a_read_custom_capability_and_leaves_a_write_one_as_connector_py_does() {
    let info = run_cli(&app(), &["info"]).json();
    let schema = &info["response"]["capability_schema"];
    assert_eq!(
        schema["count_widgets"]["argument"]["x-capability-level"],
        "read"
    );
    assert!(
        schema["paint_widgets"]["argument"]
            .get("x-capability-level")
            .is_none(),
        "{}",
        schema["paint_widgets"]
    );
}

#[test]
fn app_info_tags_each_custom_capability_by_its_level() {
    let envelope = run_cli(&app(), &["app_info", "--json", r#"{"request": {}}"#]).json();
    let document = &envelope["response"]["app_schema"];
    let tag = |name: &str| {
        let path = format!("/{name}");
        document["paths"][&path]["post"]["tags"][0].clone()
    };
    assert_eq!(tag("count_widgets"), "Read Capabilities");
    assert_eq!(tag("paint_widgets"), "Write Capabilities");
}
