//! The arguments of `#[integration(...)]`.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::{Expr, Ident, LitStr, Path, Type};

use super::oauth::OAuthArgs;
use crate::diag::Errors;

/// Everything `#[integration(...)]` may say.
#[derive(Default)]
pub(crate) struct IntegrationArgs {
    pub(crate) app_id: Option<LitStr>,
    pub(crate) version: Option<Expr>,
    pub(crate) auth: Option<Type>,
    pub(crate) credentials: Option<Type>,
    pub(crate) settings: Option<Type>,
    pub(crate) description: DescriptionArgs,
    pub(crate) resource_types: Option<Expr>,
    pub(crate) entitlement_types: Option<Expr>,
    pub(crate) capabilities: Vec<Path>,
    pub(crate) oauth: Option<OAuthArgs>,
    /// The built-in probe: `None` after `probe = false`.
    pub(crate) probe: Option<ProbeArgs>,
    /// Settings fields that look like secrets by name but are not.
    pub(crate) plain_settings: Vec<Ident>,
    pub(crate) krate: Option<Path>,
    seen: Vec<String>,
    /// The mistakes found so far; parsing goes on after each.
    errors: Errors,
}

/// `probe(...)`: the built-in probe's limits, each at least 1 (connector-py's defaults when
/// left out).
#[derive(Default)]
pub(crate) struct ProbeArgs {
    pub(crate) page_size: Option<u32>,
    pub(crate) max_entitlement_pages: Option<u32>,
    pub(crate) per_check_timeout_seconds: Option<u32>,
}

/// The `description(...)` group: how Lumos presents the app.
#[derive(Default)]
pub(crate) struct DescriptionArgs {
    pub(crate) user_friendly_name: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    pub(crate) logo_url: Option<LitStr>,
    pub(crate) app_vendor_domain: Option<LitStr>,
    pub(crate) categories: Vec<Ident>,
}

const EXPECTED: &str = "expected one of `app_id`, `version`, `auth`, `credentials`, `settings`, `description(...)`, `resource_types`, `entitlement_types`, `capabilities(...)`, `oauth(...)`, `probe = false`, `probe(...)`, `plain_settings(...)`, `crate`";
const EXPECTED_PROBE: &str =
    "expected one of `page_size`, `max_entitlement_pages`, `per_check_timeout_seconds`";
const EXPECTED_DESCRIPTION: &str = "expected one of `user_friendly_name`, `description`, `logo_url`, `app_vendor_domain`, `categories(...)`";

impl IntegrationArgs {
    /// Parses the arguments and checks that `app_id` is there and not blank; every mistake
    /// is reported, each at its own token.
    pub(crate) fn parse(args: TokenStream) -> syn::Result<Self> {
        let mut parsed = IntegrationArgs {
            probe: Some(ProbeArgs::default()),
            ..IntegrationArgs::default()
        };
        let parser = syn::meta::parser(|meta| {
            let mut errors = std::mem::take(&mut parsed.errors);
            let result = recovering(&mut errors, meta, |meta| parsed.parse_one(meta));
            errors.append(std::mem::take(&mut parsed.errors));
            parsed.errors = errors;
            result
        });
        if let Err(error) = syn::parse::Parser::parse2(parser, args) {
            parsed.errors.push(error);
        }
        match &parsed.app_id {
            None => parsed.errors.push(syn::Error::new(
                Span::call_site(),
                "missing `app_id`: write `#[integration(app_id = \"myapp\", ...)]`",
            )),
            Some(id) if id.value().trim().is_empty() => parsed
                .errors
                .push(syn::Error::new(id.span(), "`app_id` must not be empty")),
            Some(_) => {}
        }
        if let (Some(first), None) = (parsed.plain_settings.first(), &parsed.settings) {
            parsed.errors.push(syn::Error::new(
                first.span(),
                "`plain_settings(...)` names fields of the settings type, but the integration declares no `settings = ...`",
            ));
        }
        match std::mem::take(&mut parsed.errors).into_error() {
            Some(errors) => Err(errors),
            None => Ok(parsed),
        }
    }

    fn parse_one(&mut self, meta: ParseNestedMeta<'_>) -> syn::Result<()> {
        let key = key_of(&meta, EXPECTED)?;
        let name = key.to_string();
        if self.seen.contains(&name) {
            return Err(syn::Error::new(
                key.span(),
                format!("`{name}` is given twice"),
            ));
        }
        self.seen.push(name.clone());
        match name.as_str() {
            "app_id" => self.app_id = Some(meta.value()?.parse()?),
            "version" => self.version = Some(meta.value()?.parse()?),
            "auth" | "credentials" if self.auth.is_some() || self.credentials.is_some() => {
                return Err(syn::Error::new(
                    key.span(),
                    "an integration declares either `auth = <one credential kind>` or `credentials = <a CredentialSet>`, not both",
                ));
            }
            "auth" => self.auth = Some(meta.value()?.parse()?),
            "credentials" => self.credentials = Some(meta.value()?.parse()?),
            "settings" => self.settings = Some(meta.value()?.parse()?),
            "resource_types" => self.resource_types = Some(meta.value()?.parse()?),
            "entitlement_types" => self.entitlement_types = Some(meta.value()?.parse()?),
            "crate" => self.krate = Some(meta.value()?.parse::<LitStr>()?.parse()?),
            "description" => meta.parse_nested_meta(|inner| {
                let mut errors = std::mem::take(&mut self.errors);
                let result = recovering(&mut errors, inner, |inner| {
                    self.description.parse_one(inner, &mut self.errors)
                });
                errors.append(std::mem::take(&mut self.errors));
                self.errors = errors;
                result
            })?,
            "capabilities" => {
                // `capabilities()` (none but the built-in `app_info`) is allowed; syn's nested
                // parser would want at least one.
                let content;
                syn::parenthesized!(content in meta.input);
                let list: TokenStream = content.parse()?;
                if !list.is_empty() {
                    let parser = syn::meta::parser(|inner| {
                        let mut errors = std::mem::take(&mut self.errors);
                        let result =
                            recovering(&mut errors, inner, |inner| self.push_capability(inner));
                        self.errors = errors;
                        result
                    });
                    syn::parse::Parser::parse2(parser, list)?;
                }
            }
            "oauth" => self.oauth = Some(OAuthArgs::parse(&meta, &mut self.errors)?),
            "probe" if meta.input.peek(syn::Token![=]) => {
                let enabled: syn::LitBool = meta.value()?.parse()?;
                if !enabled.value {
                    self.probe = None;
                }
            }
            "probe" => {
                let mut probe = ProbeArgs::default();
                meta.parse_nested_meta(|inner| {
                    recovering(&mut self.errors, inner, |inner| probe.parse_one(&inner))
                })?;
                self.probe = Some(probe);
            }
            "plain_settings" => meta.parse_nested_meta(|field| {
                recovering(&mut self.errors, field, |field| {
                    let field = key_of(
                        &field,
                        "expected a settings field name, e.g. `plain_settings(token_type)`",
                    )?;
                    if self.plain_settings.contains(&field) {
                        return Err(syn::Error::new(
                            field.span(),
                            format!("`{field}` is listed twice"),
                        ));
                    }
                    self.plain_settings.push(field);
                    Ok(())
                })
            })?,
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown integration argument `{name}`; {EXPECTED}"),
                ));
            }
        }
        Ok(())
    }

    fn push_capability(&mut self, meta: ParseNestedMeta<'_>) -> syn::Result<()> {
        let path = meta.path.clone();
        let spelled = spell(&path);
        if self.capabilities.iter().any(|p| spell(p) == spelled) {
            return Err(syn::Error::new_spanned(
                &path,
                format!("`{spelled}` is listed twice"),
            ));
        }
        self.capabilities.push(path);
        Ok(())
    }
}

impl ProbeArgs {
    fn parse_one(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        let key = key_of(meta, EXPECTED_PROBE)?;
        let slot = match key.to_string().as_str() {
            "page_size" => &mut self.page_size,
            "max_entitlement_pages" => &mut self.max_entitlement_pages,
            "per_check_timeout_seconds" => &mut self.per_check_timeout_seconds,
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown probe argument `{other}`; {EXPECTED_PROBE}"),
                ));
            }
        };
        if slot.is_some() {
            return Err(syn::Error::new(
                key.span(),
                format!("`{key}` is given twice"),
            ));
        }
        let value: syn::LitInt = meta.value()?.parse()?;
        match value.base10_parse::<u32>() {
            Ok(n) if n >= 1 => *slot = Some(n),
            _ => {
                return Err(syn::Error::new(
                    value.span(),
                    format!("`{key}` must be a whole number from 1 to {}", u32::MAX),
                ));
            }
        }
        Ok(())
    }
}

impl DescriptionArgs {
    fn parse_one(&mut self, meta: ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<()> {
        let key = key_of(&meta, EXPECTED_DESCRIPTION)?;
        let slot = match key.to_string().as_str() {
            "user_friendly_name" => &mut self.user_friendly_name,
            "description" => &mut self.description,
            "logo_url" => &mut self.logo_url,
            "app_vendor_domain" => &mut self.app_vendor_domain,
            "categories" => {
                return meta.parse_nested_meta(|category| {
                    recovering(errors, category, |category| {
                        let name = key_of(&category, "expected a category such as `developers`")?;
                        check_category(&name)?;
                        if self.categories.contains(&name) {
                            return Err(syn::Error::new(
                                name.span(),
                                format!("`{name}` is listed twice"),
                            ));
                        }
                        self.categories.push(name);
                        Ok(())
                    })
                });
            }
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown description argument `{other}`; {EXPECTED_DESCRIPTION}"),
                ));
            }
        };
        if slot.is_some() {
            return Err(syn::Error::new(
                key.span(),
                format!("`{key}` is given twice"),
            ));
        }
        *slot = Some(meta.value()?.parse()?);
        Ok(())
    }
}

/// Runs `parse` on one argument. An error is recorded and the rest of the argument skipped, so
/// the arguments after it are still read and every mistake is reported in one build.
fn recovering<'a>(
    errors: &mut Errors,
    meta: ParseNestedMeta<'a>,
    parse: impl FnOnce(ParseNestedMeta<'a>) -> syn::Result<()>,
) -> syn::Result<()> {
    let input = meta.input;
    if let Err(error) = parse(meta) {
        errors.push(error);
        while !input.is_empty() && !input.peek(syn::Token![,]) {
            input.parse::<proc_macro2::TokenTree>()?;
        }
    }
    Ok(())
}

fn key_of(meta: &ParseNestedMeta<'_>, expected: &str) -> syn::Result<Ident> {
    meta.path
        .get_ident()
        .cloned()
        .ok_or_else(|| meta.error(expected))
}

/// The path as written, without the spaces of `to_string`: `again::check_again`.
pub(crate) fn spell(path: &Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

/// The app categories Lumos knows, as `categories(...)` spells them (the runtime's
/// `AppCategory`, snake_case; a test in `connector-tests` keeps the two lists equal).
pub(crate) const CATEGORIES: &[&str] = &[
    "accounting_and_finance",
    "collaboration",
    "commerce_and_marketplaces",
    "communication",
    "content_and_social_media",
    "design_and_creativity",
    "developers",
    "early_access",
    "hr_and_learning",
    "internal",
    "it_and_security",
    "marketing_and_analytics",
    "office_and_legal",
    "other",
    "sales_and_support",
];

fn check_category(name: &Ident) -> syn::Result<()> {
    let spelled = name.to_string();
    if CATEGORIES.contains(&spelled.as_str()) {
        return Ok(());
    }
    let closest = CATEGORIES
        .iter()
        .map(|known| (edit_distance(&spelled, known), *known))
        .min()
        .filter(|(distance, known)| *distance <= known.len() / 3 + 1);
    let hint = match closest {
        Some((_, known)) => format!("did you mean `{known}`? "),
        None => String::new(),
    };
    Err(syn::Error::new(
        name.span(),
        format!(
            "unknown app category `{spelled}`; {hint}the categories are `{}`",
            CATEGORIES.join("`, `")
        ),
    ))
}

/// Levenshtein distance, for the suggestion of a misspelled name.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
