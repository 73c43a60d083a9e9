use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[derive(Debug, JsonSchema)]
pub struct Widgets {
    pub count: u32,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Synced {
    pub synced: u32,
}

#[capability(custom = "sync_widgets")]
async fn sync_widgets(req: Request<Widgets, Settings, TokenCredential>) -> Result<Response<Synced>, ConnectorError> {
    Ok(Response::new(Synced { synced: req.request.count }))
}

#[integration(app_id = "demo", auth = TokenCredential, settings = Settings, capabilities(sync_widgets))]
pub struct Demo;

fn main() {}
