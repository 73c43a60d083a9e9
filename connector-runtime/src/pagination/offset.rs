//! [`Offset`], the checked count of items a cursor has already listed.

use serde::{Deserialize, Serialize};

use super::token::invalid;
use crate::error::ConnectorError;

/// How many items of a listing came before a page: the `offset` field of a cursor.
///
/// It is written to a token as a plain integer, the same bytes connector-py writes for an
/// `offset: int` field, and reads back any integer from 0 to `usize::MAX` (`u64::MAX` on
/// 64-bit targets, the largest unsigned integer MessagePack holds). A negative or larger
/// value in a token does not fit, so decoding the token fails with `invalid_page_token`.
///
/// There is no `+`: the only way on is [`Offset::advance`], which is checked, so a token
/// near the top of the range can never wrap round to an early offset and restart or loop
/// a sync.
///
/// ```
/// use connector_runtime::pagination::Offset;
/// use connector_runtime::ErrorCode;
///
/// let next = Offset::ZERO.advance(100)?;
/// assert_eq!(next.get(), 100);
/// let err = Offset::new(usize::MAX).advance(1).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidPageToken);
/// # Ok::<(), connector_runtime::ConnectorError>(())
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Offset(usize);

impl Offset {
    /// The start of a listing.
    pub const ZERO: Offset = Offset(0);

    /// The offset after `items` items.
    pub const fn new(items: usize) -> Self {
        Offset(items)
    }

    /// The number of items before the page, for the upstream API's `offset` parameter.
    pub const fn get(self) -> usize {
        self.0
    }

    /// The offset `count` items further on.
    ///
    /// Past `usize::MAX` it is an `invalid_page_token` error: only a token that was made up
    /// or tampered with gets there, so the caller's token is what is wrong.
    pub fn advance(self, count: usize) -> Result<Offset, ConnectorError> {
        self.0.checked_add(count).map(Offset).ok_or_else(|| {
            invalid(format!(
                "page token offset {} cannot move on by {count}: the next offset would pass {}",
                self.0,
                usize::MAX
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::pagination::token::tests::{GOLDEN_P2, reject};
    use crate::pagination::token::{decode, encode};
    use proptest::prelude::*;

    /// The tutorial's cursor as connectors write it, with the checked [`Offset`].
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Checked {
        endpoint: Option<String>,
        offset: Offset,
    }

    fn checked(offset: usize) -> Checked {
        Checked {
            endpoint: Some("/api/users".into()),
            offset: Offset::new(offset),
        }
    }

    #[test]
    fn offset_tokens_are_the_golden_bytes() {
        let p3 = "9182a8656e64706f696e74aa2f6170692f7573657273a66f666673657414";
        for (offset, token) in [(10, GOLDEN_P2), (20, p3)] {
            assert_eq!(encode(&[checked(offset)]).unwrap().as_deref(), Some(token));
            assert_eq!(decode::<Checked>(token).unwrap(), vec![checked(offset)]);
        }
        let next = checked(10).offset.advance(10).unwrap();
        assert_eq!(next, Offset::new(20));
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn offset_takes_the_whole_unsigned_range_and_nothing_else() {
        let top = "9182a8656e64706f696e74aa2f6170692f7573657273a66f6666736574cfffffffffffffffff";
        assert_eq!(
            encode(&[checked(usize::MAX)]).unwrap().as_deref(),
            Some(top)
        );
        assert_eq!(decode::<Checked>(top).unwrap(), vec![checked(usize::MAX)]);
        // Python writes a negative `offset` as a signed integer (-1 is 0xff).
        let negative = "9182a8656e64706f696e74aa2f6170692f7573657273a66f6666736574ff";
        assert!(reject::<Checked>(negative).contains("does not fit the cursor type"));
    }

    #[test]
    fn advancing_past_the_top_is_an_invalid_token() {
        assert_eq!(Offset::ZERO.advance(0).unwrap(), Offset::ZERO);
        assert_eq!(
            Offset::new(usize::MAX - 5).advance(5).unwrap().get(),
            usize::MAX
        );
        for (offset, count) in [(usize::MAX, 1), (usize::MAX - 5, 10), (1, usize::MAX)] {
            let err = Offset::new(offset).advance(count).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidPageToken);
            assert_eq!(
                err.message(),
                format!(
                    "page token offset {offset} cannot move on by {count}: the next offset would pass {}",
                    usize::MAX
                )
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn advance_is_checked_addition(offset in any::<usize>(), count in any::<usize>()) {
            let next = Offset::new(offset).advance(count).ok().map(Offset::get);
            prop_assert_eq!(next, offset.checked_add(count));
        }
    }
}
