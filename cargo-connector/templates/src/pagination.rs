//! The cursor {{Display}}'s page tokens carry: how many accounts came before the page.

use connector_runtime::ConnectorError;
use connector_runtime::pagination::Offset;
use serde::{Deserialize, Serialize};

/// Where the next page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// How many items came before this page.
    pub offset: Offset,
}

impl Pagination {
    /// The page after this one, which held `count` items; `invalid_page_token` when that
    /// offset is past the largest a token holds.
    pub fn advance(&self, count: usize) -> Result<Self, ConnectorError> {
        Ok(Pagination {
            offset: self.offset.advance(count)?,
        })
    }
}
