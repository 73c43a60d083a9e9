//! Runs one capability on one request and always yields one JSON envelope.

use tracing::Instrument;

use crate::answered;
use crate::deadline;
use crate::error::ConnectorError;
use crate::integration::App;
use crate::rate_limit_context::{self, CallLimits};
use crate::request::RawEnvelope;
use crate::response::envelope::{self, Origin};

/// Runs capability `name` of `app` on request JSON `json` and returns the envelope to print:
/// the success envelope, or an error envelope for every failure (bad input, a capability
/// error, even a panic inside the capability). Must run inside a Tokio runtime.
pub(crate) async fn dispatch(app: &App, name: &str, json: &[u8]) -> String {
    let Some(capability) = answered::find(app, name) else {
        let error = ConnectorError::unsupported_operation()
            .with_message(format!("Capability '{name}' is not implemented."));
        return envelope::error(&error, app.app_id, Origin::BeforeCall);
    };
    let request = match RawEnvelope::parse(json) {
        Ok(request) => request,
        Err(error) => return envelope::error(&error, app.app_id, Origin::BeforeCall),
    };
    // A call made in process by another (the probe's) keeps the caller's deadline when sooner.
    let own = deadline::of_request(request.max_execution_time());
    let deadline = deadline::current().map_or(own, |outer| outer.min(own));
    let meta = capability.meta();
    let limits = CallLimits::new(request.rate_limit(), meta.level, meta.rate_limit_mode);
    let raised_in = meta.raised_in;
    let app_id = app.app_id;
    let call = rate_limit_context::scope(limits, capability.run(request, app));
    // A task of its own, so a panic in the author's code becomes an error envelope.
    let bounded = async move {
        match deadline::bounded(deadline, call).await {
            Ok(printed) => printed,
            Err(exhausted) => envelope::error(&exhausted, app_id, Origin::Capability(raised_in)),
        }
    };
    // In the caller's span (a server request's), so the capability's log lines carry it.
    match tokio::spawn(bounded.in_current_span()).await {
        Ok(printed) => printed,
        Err(join_error) => {
            let error = ConnectorError::internal_error()
                .with_message("The capability panicked; see the connector's log for where.")
                .with_raised_by(if join_error.is_panic() {
                    "panic"
                } else {
                    "cancelled"
                });
            envelope::error(&error, app.app_id, Origin::Capability(raised_in))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capabilities::{ValidateCredentialsRequest, validate_credentials};
    use crate::handler::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
    use crate::models::ValidatedCredentials;
    use crate::request::{NoAuth, NoSettings};
    use crate::response::Response;

    /// A capability with a bug: it panics with a message that must not be printed.
    struct Panics;

    impl CapabilityHandler for Panics {
        type Request = ValidateCredentialsRequest<NoSettings, NoAuth>;
        type Output = ValidatedCredentials;
        const META: CapabilityMeta =
            CapabilityMeta::standard::<validate_credentials>("tests:panics");

        async fn call(_: Self::Request) -> Result<Response<ValidatedCredentials>, ConnectorError> {
            panic!("secret-in-panic-message")
        }
    }

    #[tokio::test]
    async fn a_panicking_capability_is_an_internal_error_envelope() {
        const APP: App =
            App::new::<NoSettings, NoAuth>("panicky", "0", &[CapabilityEntry::of::<Panics>()]);
        let envelope = dispatch(&APP, "validate_credentials", br#"{"request":{}}"#).await;
        let json: serde_json::Value = serde_json::from_str(&envelope).unwrap();
        assert_eq!(json["error"]["error_code"], "internal_error");
        assert_eq!(json["error"]["raised_by"], "panic");
        assert_eq!(json["error"]["raised_in"], "tests:panics");
        assert!(!envelope.contains("secret-in-panic-message"));
    }

    #[tokio::test]
    async fn an_unknown_capability_is_unsupported_operation() {
        const APP: App = App::new::<NoSettings, NoAuth>("empty", "0", &[]);
        let envelope = dispatch(&APP, "list_widgets", br#"{"request":{}}"#).await;
        assert!(
            envelope.contains(r#""error_code":"unsupported_operation""#),
            "{envelope}"
        );
    }

    /// A payload whose schema has a bug: it panics when `info` or `app_info` asks for it.
    #[derive(serde::Deserialize)]
    struct BadSchema {}

    impl schemars::JsonSchema for BadSchema {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "BadSchema".into()
        }

        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            panic!("secret-in-schema-panic")
        }
    }

    /// A custom capability taking [`BadSchema`].
    struct TakesBadSchema;

    impl CapabilityHandler for TakesBadSchema {
        type Request = crate::Request<BadSchema, NoSettings, NoAuth>;
        type Output = ();
        const META: CapabilityMeta = CapabilityMeta::custom("bad_schema", "tests:bad_schema");

        async fn call(_: Self::Request) -> Result<Response<()>, ConnectorError> {
            Ok(Response::new(()))
        }
    }

    #[tokio::test]
    async fn a_panic_while_describing_the_app_is_an_internal_error_envelope() {
        const APP: App = App::new::<NoSettings, NoAuth>(
            "schemas",
            "0",
            &[CapabilityEntry::of::<TakesBadSchema>()],
        );
        let envelope = dispatch(&APP, "app_info", br#"{"request":{}}"#).await;
        let json: serde_json::Value = serde_json::from_str(&envelope).unwrap();
        assert_eq!(json["error"]["error_code"], "internal_error", "{envelope}");
        assert_eq!(json["error"]["raised_by"], "panic");
        assert!(!envelope.contains("secret-in-schema-panic"));
    }
}
