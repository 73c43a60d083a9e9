use connector_runtime::prelude::*;
use connector_runtime::request::{CredentialSet, CredentialSpec};

pub struct Both;

impl CredentialSet for Both {
    const CREDENTIALS: &'static [CredentialSpec] = &[CredentialSpec::of::<TokenCredential>("api")];
}

#[integration(app_id = "demo", auth = TokenCredential, credentials = Both, capabilities())]
pub struct Demo;

fn main() {}
