//! The capabilities a connector answers: those its integration lists, and the built-in
//! `probe_integration` (when the integration has one) and `app_info` unless it lists its own. This is the one place that rule lives;
//! the command line, `info`, `app_info` and the dispatcher all read this list.

use crate::app_info;
use crate::capabilities::{Capability, app_info as app_info_marker, probe_integration};
use crate::handler::{CapabilityEntry, CapabilityMeta, Description, RunFuture};
use crate::integration::App;
use crate::request::RawEnvelope;

/// A capability a connector answers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Answered {
    /// One its integration lists.
    Listed(CapabilityEntry),
    /// The runtime's own `app_info`.
    BuiltInAppInfo,
}

/// Every capability `app` answers: the listed ones in registration order, then the built-in
/// `probe_integration` and `app_info` that it does not list itself.
pub(crate) fn all(app: &App) -> impl Iterator<Item = Answered> + '_ {
    let lists = |name: &str| app.capabilities.iter().any(|entry| entry.meta.name == name);
    let probe = app
        .probe
        .as_ref()
        .filter(|_| !lists(probe_integration::NAME))
        .map(|probe| Answered::Listed(probe.entry));
    let app_info = (!lists(app_info_marker::NAME)).then_some(Answered::BuiltInAppInfo);
    app.capabilities
        .iter()
        .map(|entry| Answered::Listed(*entry))
        .chain(probe)
        .chain(app_info)
}

/// The capability `name` of `app`, if it answers one.
pub(crate) fn find(app: &App, name: &str) -> Option<Answered> {
    all(app).find(|answered| answered.meta().name == name)
}

impl Answered {
    /// Name, level and labels.
    pub(crate) fn meta(self) -> CapabilityMeta {
        match self {
            Answered::Listed(entry) => entry.meta,
            Answered::BuiltInAppInfo => app_info::META,
        }
    }

    /// The capability as `info` and `app_info` describe it.
    pub(crate) fn describe(self) -> Description {
        match self {
            Answered::Listed(entry) => entry.describe(),
            Answered::BuiltInAppInfo => app_info::describe(),
        }
    }

    /// Runs the capability on a parsed envelope; the future yields the envelope to print.
    pub(crate) fn run(self, envelope: RawEnvelope, app: &App) -> RunFuture {
        match self {
            Answered::Listed(entry) => (entry.run)(envelope, app.app_id),
            // The schemas are made inside the future, so that a panic in an author's
            // `JsonSchema` impl is caught like one in a capability.
            Answered::BuiltInAppInfo => {
                let app = *app;
                Box::pin(async move {
                    let descriptions: Vec<Description> =
                        all(&app).map(Answered::describe).collect();
                    app_info::respond(&app, descriptions, envelope.settings_json())
                })
            }
        }
    }
}
