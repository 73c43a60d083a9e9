//! The arguments of `#[capability(...)]`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{Ident, LitStr, Path};

/// Which capability a function implements.
pub(crate) enum Name {
    /// A standard capability, by its snake_case name.
    Standard(Ident),
    /// A custom capability, with the name it is called by.
    Custom(LitStr),
}

/// The `level = ...` of a custom capability.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Level {
    /// `level = read`: the capability only reads from the app.
    Read,
    /// `level = write` (the default): it changes data in the app.
    Write,
}

/// Everything `#[capability(...)]` may say.
#[derive(Default)]
pub(crate) struct CapabilityArgs {
    pub(crate) name: Option<Name>,
    /// The declared level and where it was written.
    pub(crate) level: Option<(Level, Ident)>,
    pub(crate) display_name: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    /// The `RateLimitMode` variant of `rate_limit_mode = ...`, spanned at the value.
    pub(crate) rate_limit_mode: Option<Ident>,
    pub(crate) krate: Option<Path>,
}

/// The spellings of `rate_limit_mode = ...` and the `RateLimitMode` variants they name.
const RATE_LIMIT_MODES: [(&str, &str); 4] = [
    ("enforce", "Enforce"),
    ("retry_only", "RetryOnly"),
    ("enforce_no_retry", "EnforceNoRetry"),
    ("bypass", "Bypass"),
];

const EXPECTED: &str = "expected a capability name (`list_accounts`), `custom = \"...\"`, `level = read`, `display_name = \"...\"`, `description = \"...\"`, `rate_limit_mode = enforce` or `crate = \"...\"`";

impl CapabilityArgs {
    /// Parses the attribute's arguments; a missing name is reported at `call_site`.
    pub(crate) fn parse(args: TokenStream) -> syn::Result<Self> {
        let mut parsed = CapabilityArgs::default();
        let parser = syn::meta::parser(|meta| parsed.parse_one(meta));
        syn::parse::Parser::parse2(parser, args)?;
        if let (Some(Name::Standard(name)), Some((_, at))) = (&parsed.name, &parsed.level) {
            return Err(syn::Error::new(
                at.span(),
                format!(
                    "`level` is for custom capabilities; the level of the standard capability `{name}` is fixed by Lumos (`--help` shows it)"
                ),
            ));
        }
        if parsed.name.is_none() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "missing capability name: write `#[capability(list_accounts)]` for a standard capability or `#[capability(custom = \"sync_widgets\")]` for a custom one",
            ));
        }
        Ok(parsed)
    }

    fn parse_one(&mut self, meta: ParseNestedMeta<'_>) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident().cloned() else {
            return Err(meta.error(EXPECTED));
        };
        match key.to_string().as_str() {
            "custom" => {
                let name: LitStr = meta.value()?.parse()?;
                check_custom_name(&name)?;
                self.set_name(&key, Name::Custom(name))
            }
            "level" => {
                let value: Ident = meta.value()?.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected `level = read` or `level = write`")
                })?;
                let level = match value.to_string().as_str() {
                    "read" => Level::Read,
                    "write" => Level::Write,
                    other => {
                        return Err(syn::Error::new(
                            value.span(),
                            format!(
                                "unknown level `{other}`: a custom capability is `level = read` (it only reads from the app) or `level = write` (it changes data; the default)"
                            ),
                        ));
                    }
                };
                set_once(&mut self.level, &key, (level, value))
            }
            "rate_limit_mode" => {
                let value: Ident = meta.value()?.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected `rate_limit_mode = enforce` (or `retry_only`, `enforce_no_retry`, `bypass`)")
                })?;
                let spelled = value.to_string();
                let Some((_, variant)) = RATE_LIMIT_MODES.iter().find(|(s, _)| *s == spelled)
                else {
                    return Err(syn::Error::new(
                        value.span(),
                        format!(
                            "unknown rate limit mode `{spelled}`: use `enforce`, `retry_only`, `enforce_no_retry` or `bypass`"
                        ),
                    ));
                };
                set_once(
                    &mut self.rate_limit_mode,
                    &key,
                    Ident::new(variant, value.span()),
                )
            }
            "display_name" => set_once(&mut self.display_name, &key, meta.value()?.parse()?),
            "description" => set_once(&mut self.description, &key, meta.value()?.parse()?),
            "crate" => {
                let path: LitStr = meta.value()?.parse()?;
                set_once(&mut self.krate, &key, path.parse()?)
            }
            _ if meta.input.is_empty() || meta.input.peek(syn::Token![,]) => {
                self.set_name(&key, Name::Standard(key.clone()))
            }
            _ => Err(meta.error(format!("unknown capability argument `{key}`; {EXPECTED}"))),
        }
    }

    fn set_name(&mut self, at: &Ident, name: Name) -> syn::Result<()> {
        if self.name.is_some() {
            return Err(syn::Error::new(
                at.span(),
                "a function implements one capability; remove the second name",
            ));
        }
        self.name = Some(name);
        Ok(())
    }
}

fn set_once<T>(slot: &mut Option<T>, key: &Ident, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span(),
            format!("`{key}` is given twice"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// snake_case letters and underscores, as connector-py requires of custom names.
fn check_custom_name(name: &LitStr) -> syn::Result<()> {
    let value = name.value();
    let words_ok = value
        .split('_')
        .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()));
    if value.is_empty() || !words_ok {
        return Err(syn::Error::new(
            name.span(),
            format!(
                "invalid custom capability name `{value}`: use lowercase letters separated by single underscores, like `sync_widgets`"
            ),
        ));
    }
    Ok(())
}
