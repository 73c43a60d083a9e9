use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Widgets {
    pub count: u32,
}

#[capability(custom = "sync_widgets")]
async fn sync_widgets(req: Request<Widgets, Settings, TokenCredential>) -> Result<Response<u32>, ConnectorError> {
    Ok(Response::new(req.request.count))
}

#[capability(custom = "sync_widgets")]
async fn sync_widgets_again(req: Request<Widgets, Settings, TokenCredential>) -> Result<Response<u32>, ConnectorError> {
    Ok(Response::new(req.request.count))
}

#[integration(app_id = "demo", auth = TokenCredential, settings = Settings, capabilities(sync_widgets, sync_widgets_again))]
pub struct Demo;

fn main() {}
