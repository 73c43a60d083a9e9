use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Widgets {
    pub count: u32,
}

#[capability(custom = "count_widgets", level = reed)]
async fn count_widgets(req: Request<Widgets, Settings, TokenCredential>) -> Result<Response<u32>, ConnectorError> {
    Ok(Response::new(req.request.count))
}

fn main() {}
