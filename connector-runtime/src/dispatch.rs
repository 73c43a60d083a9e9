//! Runs one capability on one request and always yields one JSON envelope.

use crate::error::ConnectorError;
use crate::integration::App;
use crate::registry::Failure;
use crate::request::RawEnvelope;
use crate::response::{ErrorOrigin, error_envelope};

/// Runs capability `name` of `app` on request JSON `json` and returns the envelope to print:
/// the success envelope, or an error envelope for every failure (bad input, a capability
/// error, even a panic inside the capability). Must run inside a Tokio runtime.
pub async fn dispatch(app: &App, name: &str, json: &[u8]) -> String {
    if name == crate::app_info::NAME && app.capability(name).is_none() {
        return crate::app_info::respond(app, json);
    }
    let Some(entry) = app.capability(name) else {
        let error = ConnectorError::unsupported_operation()
            .with_message(format!("Capability '{name}' is not implemented."));
        return error_envelope(&error, app.app_id, ErrorOrigin::BeforeCall);
    };
    let envelope = match RawEnvelope::parse(json) {
        Ok(envelope) => envelope,
        Err(error) => return error_envelope(&error, app.app_id, ErrorOrigin::BeforeCall),
    };
    let raised_in = entry.meta.raised_in;
    // A task of its own, so a panic in the author's code becomes an error envelope.
    let outcome = tokio::spawn((entry.run)(envelope, app.app_id)).await;
    match outcome {
        Ok(Ok(success)) => success,
        Ok(Err(Failure::BeforeCall(error))) => {
            error_envelope(&error, app.app_id, ErrorOrigin::BeforeCall)
        }
        Ok(Err(Failure::Capability(error))) => {
            error_envelope(&error, app.app_id, ErrorOrigin::Capability(raised_in))
        }
        Err(join_error) => {
            let error = ConnectorError::internal()
                .with_message("The capability panicked; see the connector's log for where.")
                .with_raised_by(if join_error.is_panic() {
                    "panic"
                } else {
                    "cancelled"
                });
            error_envelope(&error, app.app_id, ErrorOrigin::Capability(raised_in))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capabilities::{ValidateCredentialsRequest, validate_credentials};
    use crate::models::ValidatedCredentials;
    use crate::registry::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
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
}
