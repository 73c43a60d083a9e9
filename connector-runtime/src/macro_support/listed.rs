//! What `#[integration]` reads from a path listed in `capabilities(...)`: whether it is a
//! capability, its table row, the integration's entry point, and a name listed twice.

use std::process::ExitCode;

use super::capability_checks::RequestParts;
use super::stubs::StubHandler;
use crate::capabilities::is_standard;
use crate::cli;
use crate::const_text::{Message, str_eq};
use crate::handler::{CapabilityEntry, CapabilityHandler};
use crate::integration::{App, Integration};
use crate::request::{DeclaredAuth, SettingsModel};

/// What a path listed in `#[integration(capabilities(...))]` stands for when it names nothing
/// in the type namespace, as a plain `async fn` without `#[capability]`: `#[integration]`
/// imports each path with a `use` (which takes whichever namespaces the path has) inside a
/// block that declares this type under the same name, and a lone function leaves it visible.
pub enum NotACapability {}

/// The handler of [`NotACapability`]: unsized, which is how [`ListedCapability`] tells it
/// apart.
pub struct NotAHandler {
    _unsized: [()],
}

/// A listed path as `#[integration]` sees it: its handler type and the settings and
/// credential types of its request. `#[capability]` implements it for each function's
/// companion (whatever errors the function has); a hand-written `CapabilityHandler` gets it
/// from the blanket impl.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a capability",
    label = "listed as a capability, but not a function marked `#[capability(...)]`",
    note = "list the `async fn`s marked `#[capability(<name>)]` (or types implementing `CapabilityHandler` by hand)"
)]
pub trait Listed {
    /// The handler (it implements `CapabilityHandler` unless the capability has an error).
    type Handler: ?Sized;
    /// The settings type of the capability's request, for an integration declaring
    /// `Declared`: the request's own, or `Declared` itself for a capability that failed to
    /// compile (its error is reported, and it matches any integration).
    type Settings<Declared>: ?Sized;
    /// The credential type of the capability's request, like [`Listed::Settings`].
    type Auth<Declared>: ?Sized;
}

impl<H: CapabilityHandler> Listed for H
where
    H::Request: RequestParts,
{
    type Handler = H;
    type Settings<Declared> = <H::Request as RequestParts>::Settings;
    type Auth<Declared> = <H::Request as RequestParts>::Auth;
}

impl Listed for NotACapability {
    type Handler = NotAHandler;
    type Settings<Declared> = Declared;
    type Auth<Declared> = Declared;
}

/// A listed path names a capability.
#[diagnostic::on_unimplemented(
    message = "this is not a capability function",
    label = "listed as a capability, but not an `async fn` marked `#[capability(...)]`",
    note = "mark the function with `#[capability(<name>)]` (or implement `CapabilityHandler` by hand)"
)]
pub trait ListedCapability {}

#[diagnostic::do_not_recommend]
impl<L: Listed> ListedCapability for L where L::Handler: Sized {}

/// Compiles only when the listed path is a capability.
pub const fn listed_function_must_be_a_capability<L: ListedCapability>() {}

/// The table row of a listed handler: [`CapabilityEntry::of`] when it implements
/// `CapabilityHandler`; otherwise (a capability whose function has an error, already
/// reported there) [`ProbeFallback::ENTRY`], a row that never runs.
pub struct Probe<H: ?Sized>(core::marker::PhantomData<H>);

impl<H: CapabilityHandler> Probe<H> {
    /// The handler's row.
    pub const ENTRY: CapabilityEntry = CapabilityEntry::of::<H>();
}

/// The row of a handler that does not implement `CapabilityHandler`; an inherent constant of
/// [`Probe`] takes precedence over it whenever the handler does.
pub trait ProbeFallback {
    /// The stub's row.
    const ENTRY: CapabilityEntry;
}

impl<H: ?Sized> ProbeFallback for Probe<H> {
    const ENTRY: CapabilityEntry = CapabilityEntry::of::<StubHandler>();
}

/// `Demo::main()`: the CLI when `Demo` implements `Integration`, which `#[integration]` makes
/// conditional on its settings and credential types being usable (so that a wrong one is
/// reported once, where a capability names it); otherwise a body that never runs, since the
/// build has failed.
pub struct MainOf<I>(core::marker::PhantomData<I>);

impl<I> MainOf<I> {
    /// The probe.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        MainOf(core::marker::PhantomData)
    }
}

/// The entry point through `Integration`.
pub trait MainViaIntegration {
    /// Runs the command line.
    fn run_main(&self) -> ExitCode;
}

impl<I: Integration> MainViaIntegration for MainOf<I> {
    fn run_main(&self) -> ExitCode {
        cli::main::<I>()
    }
}

/// The entry point of an integration that failed to compile.
pub trait MainFallback {
    /// Fails.
    fn run_main(&self) -> ExitCode;
}

impl<I> MainFallback for &MainOf<I> {
    fn run_main(&self) -> ExitCode {
        ExitCode::FAILURE
    }
}

/// [`App::new`] without its check for a name registered twice: `#[integration]` checks each
/// listed path itself ([`registered_twice`]), so the error points at the path.
pub const fn app<S: SettingsModel, A: DeclaredAuth>(
    app_id: &'static str,
    version: &'static str,
    capabilities: &'static [CapabilityEntry],
) -> App {
    let mut app = App::new::<S, A>(app_id, version, &[]);
    app.capabilities = capabilities;
    app
}

/// Why listed capability `at` cannot be registered, when an earlier one has its name: for
/// `#[integration]`, which panics with it at the path; `paths` are the listed paths as written.
pub const fn registered_twice(
    entries: &[CapabilityEntry],
    paths: &[&str],
    at: usize,
) -> Option<Message> {
    let name = entries[at].meta.name;
    if name.is_empty() {
        return None;
    }
    let mut earlier = 0;
    while earlier < at {
        if str_eq(entries[earlier].meta.name, name) {
            let standard = is_standard(name);
            let message = Message::new()
                .push(if standard {
                    "capability `"
                } else {
                    "custom capability `"
                })
                .push(name)
                .push("` is registered twice, by `")
                .push(paths[earlier])
                .push("` and by `")
                .push(paths[at])
                .push(if standard {
                    "`: each standard capability can be listed once"
                } else {
                    "`: each capability name can be listed once"
                });
            return Some(message);
        }
        earlier += 1;
    }
    None
}
