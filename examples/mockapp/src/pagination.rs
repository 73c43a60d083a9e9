//! The cursor MockApp's page tokens carry: connector-py's `endpoint` plus an offset, so
//! tokens are interchangeable with the Python connector's.

use serde::{Deserialize, Serialize};

/// Where the next page of an endpoint starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The API route being paged.
    pub endpoint: Option<String>,
    /// How many items came before this page.
    pub offset: usize,
}

impl Pagination {
    /// The first page of `endpoint`.
    pub fn start(endpoint: &str) -> Self {
        Pagination {
            endpoint: Some(endpoint.to_owned()),
            offset: 0,
        }
    }

    /// The page after this one, which held `count` items.
    pub fn advance(&self, count: usize) -> Self {
        Pagination {
            endpoint: self.endpoint.clone(),
            offset: self.offset + count,
        }
    }
}
