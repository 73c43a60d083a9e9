//! The cursor MockApp's page tokens carry: connector-py's `endpoint` plus an offset, so
//! tokens are interchangeable with the Python connector's.

use connector_runtime::ConnectorError;
use connector_runtime::pagination::Offset;
use serde::{Deserialize, Serialize};

/// Where the next page of an endpoint starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The API route being paged.
    pub endpoint: Option<String>,
    /// How many items came before this page.
    pub offset: Offset,
}

impl Pagination {
    /// The first page of `endpoint`.
    pub fn start(endpoint: &str) -> Self {
        Pagination {
            endpoint: Some(endpoint.to_owned()),
            offset: Offset::ZERO,
        }
    }

    /// The page after this one, which held `count` items; `invalid_page_token` when that
    /// offset is past the largest a token holds.
    pub fn advance(&self, count: usize) -> Result<Self, ConnectorError> {
        Ok(Pagination {
            endpoint: self.endpoint.clone(),
            offset: self.offset.advance(count)?,
        })
    }
}
