//! The pagination exhauster: follows a list capability's page tokens to the end and fails on
//! what a sync would trip over.

use std::collections::BTreeSet;

use connector_runtime::Integration;
use serde_json::{Value, json};

use crate::connector::Connector;

/// What went wrong while paging.
#[derive(Debug, Clone, PartialEq)]
pub enum PagingError {
    /// A page answered with an error envelope.
    Failed {
        /// The page, counting from 1.
        page: usize,
        /// The envelope's `error`.
        error: Value,
    },
    /// A token came back that was already followed: the sync would loop.
    RepeatedToken {
        /// The page that gave it.
        page: usize,
        /// The token.
        token: String,
    },
    /// An item's id was already seen on an earlier page (or this one).
    RepeatedId {
        /// The page.
        page: usize,
        /// The id.
        id: String,
    },
    /// A page held more items than the requested size.
    OverSize {
        /// The page.
        page: usize,
        /// How many it held.
        items: usize,
        /// The requested size.
        size: usize,
    },
    /// Still more pages after the limit.
    TooManyPages {
        /// The limit.
        limit: usize,
    },
    /// A response was not a list.
    NotAList {
        /// The page.
        page: usize,
    },
}

impl std::fmt::Display for PagingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PagingError::Failed { page, error } => write!(f, "page {page} failed: {error}"),
            PagingError::RepeatedToken { page, token } => {
                write!(
                    f,
                    "page {page} gave token {token:?} again: the walk would loop"
                )
            }
            PagingError::RepeatedId { page, id } => write!(f, "page {page} repeats id {id:?}"),
            PagingError::OverSize { page, items, size } => {
                write!(
                    f,
                    "page {page} holds {items} items, more than the size {size}"
                )
            }
            PagingError::TooManyPages { limit } => write!(f, "more than {limit} pages"),
            PagingError::NotAList { page } => write!(f, "page {page} is not a list"),
        }
    }
}

/// Follows `capability`'s pages from the request envelope `request` with pages of `size`,
/// at most `max_pages` of them, and returns every item.
///
/// Items are told apart by `integration_specific_id` (with `integration_specific_resource_id`
/// when present, and for associations `account_id` with the entitlement and resource ids).
///
/// ```no_run
/// # use connector_runtime::prelude::*;
/// # #[integration(app_id = "demo", capabilities())] pub struct Demo;
/// use connector_testing::exhaust;
/// use serde_json::json;
///
/// let request = json!({"auth": {"token": {"token": "t0k3n-xyz"}}, "settings": {}, "request": {}});
/// let accounts = exhaust::<Demo>("list_accounts", &request, 3, 100).unwrap();
/// ```
///
/// # Errors
///
/// The first [`PagingError`] met.
pub fn exhaust<I: Integration>(
    capability: &str,
    request: &Value,
    size: usize,
    max_pages: usize,
) -> Result<Vec<Value>, PagingError> {
    let connector = Connector::<I>::new();
    let mut items = Vec::new();
    let mut ids = BTreeSet::new();
    let mut tokens = BTreeSet::new();
    let mut token: Option<String> = None;
    for page in 1..=max_pages {
        let mut envelope = request.clone();
        envelope["page"] = json!({"size": size, "token": token});
        let answer = connector.call(capability, &envelope);
        if answer.is_error() {
            return Err(PagingError::Failed {
                page,
                error: answer.json["error"].clone(),
            });
        }
        let Some(list) = answer.json["response"].as_array() else {
            return Err(PagingError::NotAList { page });
        };
        if list.len() > size {
            return Err(PagingError::OverSize {
                page,
                items: list.len(),
                size,
            });
        }
        for item in list {
            let id = identity(item);
            if !ids.insert(id.clone()) {
                return Err(PagingError::RepeatedId { page, id });
            }
        }
        items.extend(list.iter().cloned());
        match answer.next_token() {
            None => return Ok(items),
            Some(next) => {
                if !tokens.insert(next.to_owned()) {
                    return Err(PagingError::RepeatedToken {
                        page,
                        token: next.to_owned(),
                    });
                }
                token = Some(next.to_owned());
            }
        }
    }
    Err(PagingError::TooManyPages { limit: max_pages })
}

/// What tells an item apart.
fn identity(item: &Value) -> String {
    let parts: Vec<&str> = [
        "account_id",
        "integration_specific_id",
        "integration_specific_entitlement_id",
        "integration_specific_resource_id",
    ]
    .iter()
    .filter_map(|key| item[*key].as_str())
    .collect();
    if parts.is_empty() {
        item.to_string()
    } else {
        parts.join("/")
    }
}
