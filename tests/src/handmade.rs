//! A small integration written by hand against the registration API: token auth, a settings
//! struct with a secret, and three capabilities over an in-memory tenant.

use connector_runtime::capabilities as caps;
use connector_runtime::pagination::{self, Offset};
use connector_runtime::prelude::*;
use connector_runtime::probe;

/// Settings of the hand-built app.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct HandSettings {
    /// Where the app lives.
    #[serde(default = "default_base_url")]
    #[schemars(title = "Base URL")]
    pub base_url: String,
    /// How many accounts the fake tenant has.
    pub account_count: u32,
    /// A key the app signs requests with.
    #[serde(default)]
    pub signing_key: Option<Secret>,
}

fn default_base_url() -> String {
    "https://handmade.example".into()
}

/// The request every capability of this app receives, by payload type.
pub type HandRequest<P> = Request<P, HandSettings, TokenCredential>;

/// Where the next page of accounts starts.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffsetCursor {
    /// The endpoint being paged.
    pub endpoint: Option<String>,
    /// The index of the first account of the page.
    pub offset: Offset,
}

/// The token value that the fake app treats as expired.
pub const EXPIRED_TOKEN: &str = "expired-token";

/// Fails like the fake app does for the expired token.
pub fn check_token<P>(req: &HandRequest<P>) -> Result<(), ConnectorError> {
    if req.auth.token.expose() == EXPIRED_TOKEN {
        return Err(ConnectorError::authentication_expired().with_status(401));
    }
    Ok(())
}

/// `validate_credentials`: the token is valid unless it is the expired one.
pub struct ValidateCredentialsByHand;

impl CapabilityHandler for ValidateCredentialsByHand {
    type Request = caps::ValidateCredentialsRequest<HandSettings, TokenCredential>;
    type Output = ValidatedCredentials;
    const META: CapabilityMeta = CapabilityMeta::standard::<caps::validate_credentials>(
        "connector_tests::handmade:validate_credentials",
    );

    async fn call(req: Self::Request) -> Result<ValidateCredentialsResponse, ConnectorError> {
        validate(req)
    }
}

/// The token is valid unless it is the expired one; the tenant is the base URL.
pub fn validate(
    req: HandRequest<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    check_token(&req)?;
    Ok(Response::new(
        ValidatedCredentials::builder()
            .valid(true)
            .unique_tenant_id(req.settings.base_url)
            .build(),
    ))
}

/// `list_accounts`: `account_count` accounts, paged with an offset cursor.
pub struct ListAccountsByHand;

impl CapabilityHandler for ListAccountsByHand {
    type Request = caps::ListAccountsRequest<HandSettings, TokenCredential>;
    type Output = Vec<FoundAccountData>;
    const META: CapabilityMeta =
        CapabilityMeta::standard::<caps::list_accounts>("connector_tests::handmade:list_accounts")
            .with_description("Lists the accounts of the fake tenant.");

    async fn call(req: Self::Request) -> Result<ListAccountsResponse, ConnectorError> {
        accounts_page(req)
    }
}

/// One page of the fake tenant's accounts (2 by default), with the next page's token.
pub fn accounts_page(
    req: HandRequest<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    check_token(&req)?;
    let size = req.page_size(2);
    let start = req
        .page_cursor::<OffsetCursor>()?
        .map_or(Offset::ZERO, |c| c.offset);
    let total = req.settings.account_count as usize;
    let end = start.advance(size)?.get().min(total);
    let accounts = (start.get()..end).map(account).collect();
    let next = (end < total).then(|| OffsetCursor {
        endpoint: Some("/api/users".into()),
        offset: Offset::new(end),
    });
    let page = pagination::next_page(next.as_slice(), size)?;
    Ok(Response::new(accounts).with_page(page))
}

/// The account at `index` of the fake tenant.
pub fn account(index: usize) -> FoundAccountData {
    FoundAccountData::builder()
        .integration_specific_id(format!("user-{index:05}"))
        .email(format!("user{index}@example.com"))
        .given_name("Ada")
        .family_name(format!("Number{index}"))
        .user_status(AccountStatus::Active)
        .build()
}

/// `delete_account`: succeeds for existing ids, `not_found` otherwise.
pub struct DeleteAccountByHand;

impl CapabilityHandler for DeleteAccountByHand {
    type Request = caps::DeleteAccountRequest<HandSettings, TokenCredential>;
    type Output = DeletedAccount;
    const META: CapabilityMeta = CapabilityMeta::standard::<caps::delete_account>(
        "connector_tests::handmade:delete_account",
    )
    .with_display_name("Remove Account");

    async fn call(req: Self::Request) -> Result<DeleteAccountResponse, ConnectorError> {
        delete(req)
    }
}

/// Deletes an account of the fake tenant: `not_found` for ids it does not have.
pub fn delete(req: HandRequest<DeleteAccount>) -> Result<DeleteAccountResponse, ConnectorError> {
    check_token(&req)?;
    let exists = req
        .request
        .account_id
        .strip_prefix("user-")
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n < req.settings.account_count);
    if !exists {
        return Err(ConnectorError::not_found()
            .with_message(format!("no account {}", req.request.account_id))
            .with_status(404));
    }
    Ok(Response::new(
        DeletedAccount::builder()
            .status(AccountStatus::Deleted)
            .deleted(true)
            .build(),
    ))
}

/// The resource types of the fake tenant.
pub const RESOURCE_TYPES: &[ResourceTypeDef] = &[ResourceTypeDef {
    type_id: "team",
    type_label: "Team",
}];

/// The entitlement types of the fake tenant.
pub const ENTITLEMENT_TYPES: &[EntitlementTypeDef] =
    &[EntitlementTypeDef::new("member", "Member", "team")];

/// The hand-built app.
pub struct Handmade;

impl Integration for Handmade {
    type Settings = HandSettings;
    type Auth = TokenCredential;
    const APP: App = App::new::<HandSettings, TokenCredential>(
        "handmade",
        "0.1.0",
        &[
            CapabilityEntry::of::<ValidateCredentialsByHand>(),
            CapabilityEntry::of::<ListAccountsByHand>(),
            CapabilityEntry::of::<DeleteAccountByHand>(),
        ],
    )
    .with_user_friendly_name("Handmade")
    .with_description("A connector written without macros, for tests.")
    .with_categories(&[AppCategory::Developers])
    .with_resource_types(RESOURCE_TYPES)
    .with_entitlement_types(ENTITLEMENT_TYPES)
    .with_probe(probe::setup::<Handmade>(probe::ProbeSettings::DEFAULT));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `list_accounts` request for a tenant of 5 accounts, at `offset`, 2 per page.
    fn at_offset(offset: usize) -> HandRequest<ListAccounts> {
        let settings = HandSettings {
            base_url: default_base_url(),
            account_count: 5,
            signing_key: None,
        };
        let auth = TokenCredential {
            token: Secret::new("tok"),
        };
        let cursor = OffsetCursor {
            endpoint: Some("/api/users".into()),
            offset: Offset::new(offset),
        };
        let token = pagination::encode(&[cursor]).unwrap();
        Request::new(ListAccounts::builder().build(), settings, auth)
            .with_page(Page::builder().maybe_token(token).size(2).build())
    }

    #[test]
    fn the_last_page_has_no_token() {
        let response = accounts_page(at_offset(4)).unwrap();
        assert_eq!(response.response, vec![account(4)]);
        assert_eq!(response.page, None);
    }

    #[test]
    fn an_offset_that_would_wrap_is_an_invalid_token() {
        for offset in [usize::MAX, usize::MAX - 1] {
            let err = accounts_page(at_offset(offset)).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidPageToken, "{offset}");
        }
    }
}
