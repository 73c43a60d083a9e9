//! The token codec: a cursor stack to and from lowercase hex of `MessagePack`, with the
//! length cap, and the request and response ends of it (`decode_stack`, `next_page`).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::msgpack::cursor_ranges;
use crate::error::ConnectorError;
use crate::models::Page;

/// The longest token accepted, in bytes of hex text (64 KiB, i.e. 32 KiB of `MessagePack`).
/// Longer tokens are rejected before any decoding, and [`encode`] refuses to produce one.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// Encodes a cursor stack as a token; an empty stack gives `None` (no next page).
///
/// Fails only if a cursor cannot be serialized, does not serialize to a map with string
/// keys, or the token would be longer than [`MAX_TOKEN_LEN`]: all of these are bugs in
/// the cursor type, not in the caller's input.
pub fn encode<C: Serialize>(stack: &[C]) -> Result<Option<String>, ConnectorError> {
    encode_raw(stack).map_err(|message| ConnectorError::internal_error().with_message(message))
}

/// Decodes a token into its cursor stack, bottom first.
///
/// Every malformed token (see the module docs) is an `invalid_page_token` error; this
/// never panics.
pub fn decode<C: DeserializeOwned>(token: &str) -> Result<Vec<C>, ConnectorError> {
    decode_raw(token).map_err(invalid)
}

/// Decodes the request's optional token: no token is an empty stack, as in connector-py.
/// An empty string is *not* "no token"; it is rejected like any other bad token.
pub fn decode_stack<C: DeserializeOwned>(token: Option<&str>) -> Result<Vec<C>, ConnectorError> {
    token.map_or_else(|| Ok(Vec::new()), decode)
}

/// The response's `page`: `None` when the stack is empty (no more pages), otherwise the
/// encoded stack with `page_size` echoed back. It takes the `usize` that
/// [`Request::page_size`](crate::Request::page_size) gives; the wire's `Page.size` is an
/// `int32`, so a size beyond `i32::MAX` (never one Lumos asked for) is echoed as `null`.
pub fn next_page<C: Serialize>(
    stack: &[C],
    page_size: usize,
) -> Result<Option<Page>, ConnectorError> {
    let size = i32::try_from(page_size).ok();
    Ok(encode(stack)?.map(|token| Page {
        token: Some(token),
        size,
    }))
}

pub(super) fn invalid(message: String) -> ConnectorError {
    ConnectorError::invalid_page_token().with_message(message)
}

fn encode_raw<C: Serialize>(stack: &[C]) -> Result<Option<String>, String> {
    if stack.is_empty() {
        return Ok(None);
    }
    let bytes = rmp_serde::encode::to_vec_named(stack)
        .map_err(|e| format!("page token cannot be encoded: {e}"))?;
    // Refuse to hand out a token that `decode` would turn down.
    if bytes.len() * 2 > MAX_TOKEN_LEN {
        return Err(format!(
            "page token cannot be encoded: it would be {} characters long; the limit is {MAX_TOKEN_LEN}",
            bytes.len() * 2
        ));
    }
    cursor_ranges(&bytes).map_err(|e| format!("page token cannot be encoded: {e}"))?;
    Ok(Some(hex_encode(&bytes)))
}

fn decode_raw<C: DeserializeOwned>(token: &str) -> Result<Vec<C>, String> {
    let bytes = hex_decode(token)?;
    cursor_ranges(&bytes)?
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            rmp_serde::from_slice(&bytes[range])
                .map_err(|e| format!("page token cursor {i} does not fit the cursor type: {e}"))
        })
        .collect()
}

fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Accepts upper- and lowercase digits, as Python's `bytes.fromhex` does.
fn hex_decode(token: &str) -> Result<Vec<u8>, String> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(format!(
            "page token is {} bytes long; the limit is {MAX_TOKEN_LEN}",
            token.len()
        ));
    }
    if token.is_empty() {
        return Err("page token is empty".to_owned());
    }
    // Positions count characters, like Python's error message.
    if let Some(pos) = token.chars().position(|c| !c.is_ascii_hexdigit()) {
        return Err(format!("page token is not hexadecimal at position {pos}"));
    }
    if !token.len().is_multiple_of(2) {
        return Err(format!(
            "page token has an odd number of hex digits ({})",
            token.len()
        ));
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10, // only A-F remain after the check above
    };
    Ok(token
        .as_bytes()
        .chunks_exact(2)
        .map(|pair| nibble(pair[0]) << 4 | nibble(pair[1]))
        .collect())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::pagination::msgpack::MAX_DEPTH;
    use proptest::prelude::*;
    use serde::Deserialize;

    /// The tutorial's cursor with Python's signed `offset: int`, so that negative
    /// encodings can be checked too.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Tutorial {
        endpoint: Option<String>,
        offset: i64,
    }

    /// The inventory's example cursor.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct WithCursor {
        endpoint: Option<String>,
        offset: i64,
        cursor: Option<String>,
    }

    /// One field of each kind a cursor commonly holds.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wide {
        endpoint: Option<String>,
        name: String,
        note: Option<String>,
        n: i64,
        count: u32,
        flag: bool,
        ratio: f64,
    }

    // Expected hex below was produced by Python: `msgpack.packb([...]).hex()`, msgpack 1.2.4.
    pub(in crate::pagination) const GOLDEN_P2: &str =
        "9182a8656e64706f696e74aa2f6170692f7573657273a66f66667365740a";
    const INVENTORY: &str = "9183a8656e64706f696e74a62f7573657273a66f666673657464a6637572736f72c0";

    fn offset(endpoint: &str, offset: i64) -> Tutorial {
        Tutorial {
            endpoint: Some(endpoint.into()),
            offset,
        }
    }

    /// The message a bad token gets; also checks that the public API gives the same case
    /// as an `invalid_page_token` error.
    pub(in crate::pagination) fn reject<C: DeserializeOwned + std::fmt::Debug>(
        token: &str,
    ) -> String {
        assert_eq!(
            decode::<C>(token).expect_err(token).code(),
            ErrorCode::InvalidPageToken
        );
        decode_raw::<C>(token).expect_err(token)
    }

    fn hex(bytes: &[u8]) -> String {
        hex_encode(bytes)
    }

    #[test]
    fn golden_token_both_ways() {
        assert_eq!(
            encode(&[offset("/api/users", 10)]).unwrap().as_deref(),
            Some(GOLDEN_P2)
        );
        assert_eq!(
            decode::<Tutorial>(GOLDEN_P2).unwrap(),
            vec![offset("/api/users", 10)]
        );
        // The golden page 3 request token.
        let p3 = "9182a8656e64706f696e74aa2f6170692f7573657273a66f666673657414";
        assert_eq!(
            encode(&[offset("/api/users", 20)]).unwrap().as_deref(),
            Some(p3)
        );
    }

    #[test]
    fn inventory_token_both_ways() {
        let cursor = WithCursor {
            endpoint: Some("/users".into()),
            offset: 100,
            cursor: None,
        };
        assert_eq!(
            encode(std::slice::from_ref(&cursor)).unwrap().as_deref(),
            Some(INVENTORY)
        );
        assert_eq!(decode::<WithCursor>(INVENTORY).unwrap(), vec![cursor]);
    }

    #[test]
    fn multi_endpoint_stack() {
        let stack = vec![
            WithCursor {
                endpoint: Some("/groups".into()),
                offset: 0,
                cursor: None,
            },
            WithCursor {
                endpoint: Some("/users".into()),
                offset: 100,
                cursor: Some("abc".into()),
            },
        ];
        let token = "9283a8656e64706f696e74a72f67726f757073a66f666673657400a6637572736f72c0\
                     83a8656e64706f696e74a62f7573657273a66f666673657464a6637572736f72a3616263";
        assert_eq!(encode(&stack).unwrap().as_deref(), Some(token));
        assert_eq!(decode::<WithCursor>(token).unwrap(), stack);
        assert_eq!(
            decode_stack::<WithCursor>(Some(token)).unwrap().pop(),
            Some(stack[1].clone())
        );
    }

    #[test]
    fn none_field_unicode_and_f64() {
        let cursor = Wide {
            endpoint: None,
            name: "é漢🙂".into(),
            note: None,
            n: -129,
            count: u32::MAX,
            flag: true,
            ratio: 0.1,
        };
        let token = "9187a8656e64706f696e74c0a46e616d65a9c3a9e6bca2f09f9982a46e6f7465c0a16ed1ff7f\
                     a5636f756e74ceffffffffa4666c6167c3a5726174696fcb3fb999999999999a";
        assert_eq!(
            encode(std::slice::from_ref(&cursor)).unwrap().as_deref(),
            Some(token)
        );
        assert_eq!(decode::<Wide>(token).unwrap(), vec![cursor]);
    }

    #[test]
    fn float_encodings_match_python() {
        let stack: Vec<Wide> = [1.5, -0.0, 1e308, 5e-324]
            .into_iter()
            .map(|ratio| Wide {
                endpoint: None,
                name: String::new(),
                note: Some("n".into()),
                n: 0,
                count: 0,
                flag: false,
                ratio,
            })
            .collect();
        let head = "87a8656e64706f696e74c0a46e616d65a0a46e6f7465a16ea16e00a5636f756e7400a4666c6167c2a5726174696fcb";
        let token = format!(
            "94{head}3ff8000000000000{head}8000000000000000{head}7fe1ccf385ebc8a0{head}0000000000000001"
        );
        assert_eq!(encode(&stack).unwrap(), Some(token.clone()));
        let back = decode::<Wide>(&token).unwrap();
        assert!(
            back.iter()
                .zip(&stack)
                .all(|(a, b)| a.ratio.to_bits() == b.ratio.to_bits())
        );
    }

    #[test]
    fn integer_encodings_and_array16_match_python() {
        let values = [
            0,
            127,
            128,
            255,
            256,
            65535,
            65536,
            (1 << 32) - 1,
            1 << 32,
            i64::MAX,
            -1,
            -32,
            -33,
            -128,
            -129,
            -32768,
            -32769,
            -(1 << 31),
            -(1 << 31) - 1,
            i64::MIN,
        ];
        let encoded = [
            "00",
            "7f",
            "cc80",
            "ccff",
            "cd0100",
            "cdffff",
            "ce00010000",
            "ceffffffff",
            "cf0000000100000000",
            "cf7fffffffffffffff",
            "ff",
            "e0",
            "d0df",
            "d080",
            "d1ff7f",
            "d18000",
            "d2ffff7fff",
            "d280000000",
            "d3ffffffff7fffffff",
            "d38000000000000000",
        ];
        let stack: Vec<Tutorial> = values.iter().map(|&v| offset("/e", v)).collect();
        let token: String = std::iter::once("dc0014".to_owned())
            .chain(
                encoded
                    .iter()
                    .map(|e| format!("82a8656e64706f696e74a22f65a66f6666736574{e}")),
            )
            .collect();
        assert_eq!(encode(&stack).unwrap(), Some(token.clone()));
        assert_eq!(decode::<Tutorial>(&token).unwrap(), stack);
    }

    #[test]
    fn string_length_encodings_match_python() {
        let cases = [
            (0, "a0", "00"),
            (31, "bf", "1f"),
            (32, "d920", "20"),
            (255, "d9ff", "ccff"),
            (256, "da0100", "cd0100"),
        ];
        let stack: Vec<Tutorial> = cases
            .iter()
            .map(|&(n, _, _)| offset(&"x".repeat(n), n as i64))
            .collect();
        let token: String = std::iter::once("95".to_owned())
            .chain(cases.iter().map(|&(n, h, i)| {
                format!("82a8656e64706f696e74{h}{}a66f6666736574{i}", "78".repeat(n))
            }))
            .collect();
        assert_eq!(encode(&stack).unwrap(), Some(token.clone()));
        assert_eq!(decode::<Tutorial>(&token).unwrap(), stack);
    }

    #[test]
    fn empty_stack_is_no_page() {
        assert_eq!(encode::<Tutorial>(&[]).unwrap(), None);
        assert_eq!(next_page::<Tutorial>(&[], 10).unwrap(), None);
        assert_eq!(decode_stack::<Tutorial>(None).unwrap(), vec![]);
    }

    #[test]
    fn next_page_echoes_size() {
        let page = next_page(&[offset("/api/users", 10)], 10).unwrap().unwrap();
        assert_eq!(
            page,
            Page {
                token: Some(GOLDEN_P2.into()),
                size: Some(10)
            }
        );
        assert_eq!(
            decode_stack::<Tutorial>(page.token.as_deref()).unwrap(),
            vec![offset("/api/users", 10)]
        );
        let unsendable = next_page(&[offset("/api/users", 10)], usize::MAX).unwrap();
        assert_eq!(unsendable.unwrap().size, None);
        let largest = next_page(&[offset("/api/users", 10)], i32::MAX as usize).unwrap();
        assert_eq!(largest.unwrap().size, Some(i32::MAX));
    }

    #[test]
    fn uppercase_hex_and_missing_optional_keys_are_accepted() {
        // Python's bytes.fromhex accepts uppercase; pydantic fills absent optional fields.
        assert_eq!(
            decode::<Tutorial>(&GOLDEN_P2.to_uppercase()).unwrap(),
            vec![offset("/api/users", 10)]
        );
        let no_cursor = "9182a8656e64706f696e74a62f7573657273a66f666673657464";
        assert_eq!(
            decode::<WithCursor>(no_cursor).unwrap(),
            vec![WithCursor {
                endpoint: Some("/users".into()),
                offset: 100,
                cursor: None
            }]
        );
    }

    #[test]
    fn bad_tokens_have_specific_messages() {
        let cases: &[(&str, &str)] = &[
            ("garbage!!", "page token is not hexadecimal at position 0"),
            ("91é0", "page token is not hexadecimal at position 2"),
            ("", "page token is empty"),
            ("918", "page token has an odd number of hex digits (3)"),
            // Truncated: the offset value is missing.
            (
                &GOLDEN_P2[..GOLDEN_P2.len() - 2],
                "page token is truncated at byte 29: needs 1 bytes, 0 remain",
            ),
            (
                &GOLDEN_P2[..20],
                "page token is truncated at byte 3: needs 8 bytes, 7 remain",
            ),
            (
                &format!("{GOLDEN_P2}00"),
                "page token has trailing bytes (1 after the list of cursors)",
            ),
            (
                "81a178c0",
                "page token is not a list of cursors (found a map)",
            ),
            (
                "2a",
                "page token is not a list of cursors (found an integer)",
            ),
            (
                "9101",
                "page token cursor 0 is not a map (found an integer)",
            ),
            (
                "919101",
                "page token cursor 0 is not a map (found an array)",
            ),
            (
                "918101c0",
                "page token cursor 0 has a key that is not a string (found an integer)",
            ),
            (
                "91c1",
                "page token holds the unused MessagePack byte 0xc1 at byte 1",
            ),
            (
                "9181a1ff00",
                "page token has a string that is not UTF-8 at byte 3",
            ),
            // Length prefixes claiming 4 GiB.
            (
                "ddffffffff",
                "page token is truncated: the container at byte 0 claims 4294967295 values, 0 bytes remain",
            ),
            (
                "91dfffffffff",
                "page token is truncated: the container at byte 1 claims 8589934590 values, 0 bytes remain",
            ),
            (
                "9181a178dbffffffff",
                "page token is truncated at byte 9: needs 4294967295 bytes, 0 remain",
            ),
            (
                "9181a178c6ffffffff00",
                "page token is truncated at byte 9: needs 4294967295 bytes, 1 remain",
            ),
            (
                "9181a178c9ffffffff01",
                "page token is truncated at byte 10: needs 4294967295 bytes, 0 remain",
            ),
            (
                "9181a17881a178c0",
                "page token cursor 0 does not fit the cursor type: unknown field `x`, expected `endpoint` or `offset`",
            ),
            (
                "9181a8656e64706f696e74c0",
                "page token cursor 0 does not fit the cursor type: missing field `offset`",
            ),
            (
                "9182a8656e64706f696e74c0a66f6666736574a131",
                "page token cursor 0 does not fit the cursor type: wrong msgpack marker FixStr(1)",
            ),
            (
                "9182a8656e64706f696e7401a66f666673657400",
                "page token cursor 0 does not fit the cursor type: invalid type: integer `1`, expected a string",
            ),
        ];
        for (token, message) in cases {
            assert_eq!(reject::<Tutorial>(token), *message, "token {token:?}");
        }
        let too_long = "9".repeat(MAX_TOKEN_LEN + 2);
        assert_eq!(
            reject::<Tutorial>(&too_long),
            "page token is 65538 bytes long; the limit is 65536"
        );
        // An extra key, with the other keys present.
        let extra = format!("9183{}a178c0", &GOLDEN_P2[4..]);
        assert!(reject::<Tutorial>(&extra).contains("unknown field `x`"));
        // A map key that is neither text nor bytes, one level down.
        assert_eq!(
            reject::<Tutorial>("9181a1788101c0"),
            "page token has a map key at byte 5 that is an integer"
        );
    }

    #[test]
    fn golden_bad_token_garbage() {
        for token in ["garbage!!", ""] {
            let err = decode_stack::<Tutorial>(Some(token)).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidPageToken, "{token:?}");
        }
    }

    #[test]
    fn depth_bombs_are_rejected() {
        // [{"x": [[[[...]]]]}] nested 10_000 deep, then padded so the lengths add up.
        let deep = 10_000;
        let token = format!("9181a178{}", "91".repeat(deep));
        let message = reject::<Tutorial>(&token);
        assert_eq!(
            message,
            format!("page token nests deeper than {MAX_DEPTH} levels (at byte 34)")
        );
        // Exactly MAX_DEPTH levels is fine structurally (then fails on the type).
        let ok_depth = format!("9181a178{}c0", "91".repeat(MAX_DEPTH - 2));
        assert!(reject::<Tutorial>(&ok_depth).contains("does not fit the cursor type"));
        let too_deep = format!("9181a178{}c0", "91".repeat(MAX_DEPTH - 1));
        assert!(reject::<Tutorial>(&too_deep).starts_with("page token nests deeper"));
    }

    #[test]
    fn depth_counts_through_maps_too() {
        // [{"x": {"x": {"x": ... nil}}}]
        let ok_depth = format!("9181a178{}c0", "81a178".repeat(MAX_DEPTH - 2));
        assert!(reject::<Tutorial>(&ok_depth).contains("does not fit the cursor type"));
        let too_deep = format!("9181a178{}c0", "81a178".repeat(MAX_DEPTH - 1));
        assert!(reject::<Tutorial>(&too_deep).starts_with("page token nests deeper"));
    }

    #[test]
    fn extension_values_are_skipped_by_their_length() {
        #[derive(Debug, Deserialize)]
        struct Loose {
            offset: Option<i64>,
        }
        // [{"e": <ext>, "offset": 7}] with extension encodings: ext8, ext16, ext32, fixext1/2/4.
        for ext in [
            "c70201abcd",
            "c8000201abcd",
            "c90000000201abcd",
            "d401ab",
            "d501abcd",
            "d601abcdef01",
        ] {
            let token = format!("9182a165{ext}a66f666673657407");
            let stack =
                decode::<Loose>(&token).unwrap_or_else(|e| panic!("{ext}: {}", e.message()));
            assert_eq!(stack[0].offset, Some(7), "{ext}");
        }
    }

    #[test]
    fn encode_refuses_what_decode_would_reject() {
        // A cursor that is not a map (a bare integer).
        assert_eq!(
            encode(&[1_i64]).unwrap_err().code(),
            ErrorCode::InternalError
        );
        assert!(
            encode_raw(&[1_i64])
                .unwrap_err()
                .contains("cursor 0 is not a map")
        );
        // A token longer than the cap.
        let big = offset(&"x".repeat(MAX_TOKEN_LEN / 2), 0);
        assert!(
            encode_raw(&[big])
                .unwrap_err()
                .contains("the limit is 65536")
        );
    }

    fn wide() -> impl Strategy<Value = Wide> {
        (
            proptest::option::of(".{0,40}"),
            ".{0,40}",
            proptest::option::of("[a-z0-9]{0,300}"),
            any::<i64>(),
            any::<u32>(),
            any::<bool>(),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
        )
            .prop_map(|(endpoint, name, note, n, count, flag, ratio)| Wide {
                endpoint,
                name,
                note,
                n,
                count,
                flag,
                ratio,
            })
    }

    fn valid_token() -> impl Strategy<Value = String> {
        proptest::collection::vec(wide(), 1..5).prop_map(|s| encode(&s).unwrap().unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_stack_round_trips(stack in proptest::collection::vec(wide(), 0..5)) {
            let token = encode(&stack).unwrap();
            prop_assert_eq!(token.is_none(), stack.is_empty());
            let back: Vec<Wide> = decode_stack(token.as_deref()).unwrap();
            prop_assert_eq!(back, stack);
        }
    }

    #[test]
    fn the_longest_token_is_accepted_both_ways() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Text {
            s: String,
        }
        // [ {"s": <str16>} ]: 1 + 1 + 2 + 3 header bytes, then the text.
        let fits = vec![Text {
            s: "x".repeat(MAX_TOKEN_LEN / 2 - 7),
        }];
        let token = encode(&fits).unwrap().unwrap();
        assert_eq!(token.len(), MAX_TOKEN_LEN);
        assert_eq!(decode::<Text>(&token).unwrap(), fits);
        let over = vec![Text {
            s: "x".repeat(MAX_TOKEN_LEN / 2 - 6),
        }];
        let e = encode(&over).unwrap_err();
        assert!(
            e.message().contains("the limit is 65536"),
            "{}",
            e.message()
        );
        let e = decode::<Text>(&format!("{token}00")).unwrap_err();
        assert!(
            e.message().contains("the limit is 65536"),
            "{}",
            e.message()
        );
    }

    /// The decoder sees 100,002 generated tokens in all (three properties of 33,334 cases),
    /// unless `PROPTEST_CASES` sets the count per property (mutation runs use fewer).
    fn decoder_cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(33_334)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: decoder_cases(), ..ProptestConfig::default() })]

        #[test]
        fn random_bytes_never_panic(
            prefix in prop_oneof![Just(vec![]), Just(vec![0x91]), Just(vec![0x91, 0x81]), Just(vec![0xdc, 0x00, 0x03])],
            bytes in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let token = hex(&[prefix, bytes].concat());
            let _ = decode::<Wide>(&token);
            let _ = decode::<Tutorial>(&token);
        }

        #[test]
        fn random_strings_never_panic(token in "\\PC{0,200}|[0-9a-fA-F]{0,200}") {
            let _ = decode::<Wide>(&token);
            let _ = decode_stack::<Tutorial>(Some(&token));
        }

        #[test]
        fn mutated_tokens_never_panic(
            token in valid_token(),
            edits in proptest::collection::vec((0..3u8, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..4),
        ) {
            const HEX: &[u8] = b"0123456789abcdef";
            let mut chars: Vec<u8> = token.into_bytes();
            for (kind, at, digit) in edits {
                let digit = HEX[digit.index(HEX.len())];
                match kind {
                    0 if !chars.is_empty() => { let i = at.index(chars.len()); chars[i] = digit; }
                    1 => { let i = at.index(chars.len() + 1); chars.insert(i, digit); }
                    _ if !chars.is_empty() => { let i = at.index(chars.len()); chars.remove(i); }
                    _ => {}
                }
            }
            let token = String::from_utf8(chars).unwrap();
            let _ = decode::<Wide>(&token);
        }
    }
}
