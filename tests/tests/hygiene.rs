//! Macro hygiene: a user type named `Result` in scope, and `#[capability]` produced by a
//! `macro_rules!` macro. (A renamed runtime dependency is tested by `tests/renamed`.)

use connector_runtime::Integration;
use connector_runtime::prelude::{
    ConnectorError, Deserialize, JsonSchema, Response, TokenCredential, ValidateCredentialsRequest,
    ValidateCredentialsResponse, ValidatedCredentials, capability, integration,
};

/// A user type that shadows `Result`; generated code must not pick it up.
#[allow(dead_code)]
pub struct Result;

/// Settings.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    /// The tenant.
    pub tenant: String,
}

macro_rules! validate_with {
    ($name:ident, $tenant:expr) => {
        #[capability(validate_credentials)]
        async fn $name(
            req: ValidateCredentialsRequest<Settings, TokenCredential>,
        ) -> core::result::Result<ValidateCredentialsResponse, ConnectorError> {
            let _ = req;
            Ok(Response::new(
                ValidatedCredentials::builder()
                    .valid(true)
                    .unique_tenant_id($tenant)
                    .build(),
            ))
        }
    };
}

validate_with!(validate_fixed, "fixed-tenant");

#[integration(app_id = "hygiene", auth = TokenCredential, settings = Settings, capabilities(validate_fixed))]
pub struct Hygiene;

#[test]
fn macros_ignore_a_local_result_and_work_inside_macro_rules() {
    let app = <Hygiene as Integration>::APP;
    assert_eq!(app.capabilities.len(), 1);
    assert_eq!(app.capabilities[0].name(), "validate_credentials");
    assert!(
        app.capabilities[0]
            .meta
            .raised_in
            .ends_with("hygiene:validate_fixed")
    );
}
