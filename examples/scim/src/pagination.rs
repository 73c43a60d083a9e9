//! The cursors page tokens carry. SCIM pages by index (RFC 7644 §3.4.2.4): `startIndex` is
//! 1-based and `totalResults` says when to stop; a cursor keeps the offset of the next page.
//! `find_entitlement_associations` walks two levels, groups and then each group's members,
//! so its token holds a stack: the page of groups, then the group being read.

use connector_runtime::ConnectorError;
use connector_runtime::pagination::Offset;
use serde::{Deserialize, Serialize};

/// Where the next page of an endpoint starts, as connector-py's `{endpoint, offset}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    /// The resource type being paged (`/Users`, `/Groups`, or `/Groups/{id}` for members).
    pub endpoint: String,
    /// How many items came before the next page.
    pub offset: Offset,
}

impl Cursor {
    /// The first page of `endpoint`.
    pub fn start(endpoint: impl Into<String>) -> Self {
        Cursor {
            endpoint: endpoint.into(),
            offset: Offset::ZERO,
        }
    }

    /// The 1-based `startIndex` of this page.
    pub fn start_index(&self) -> usize {
        self.offset.get().saturating_add(1)
    }

    /// The cursor after a page of `count` items, when `total` says more follow.
    pub fn next(&self, count: usize, total: u64) -> Result<Option<Cursor>, ConnectorError> {
        let after = self.offset.advance(count)?;
        if count == 0 || u64::try_from(after.get()).unwrap_or(u64::MAX) >= total {
            return Ok(None);
        }
        Ok(Some(Cursor {
            endpoint: self.endpoint.clone(),
            offset: after,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_total_results() {
        let first = Cursor::start("/Users");
        assert_eq!(first.start_index(), 1);
        let second = first.next(2, 5).unwrap().unwrap();
        assert_eq!(second.start_index(), 3);
        let third = second.next(2, 5).unwrap().unwrap();
        assert_eq!(third.start_index(), 5);
        assert_eq!(third.next(1, 5).unwrap(), None);
        assert_eq!(
            first.next(0, 5).unwrap(),
            None,
            "an empty page ends the listing"
        );
    }
}
