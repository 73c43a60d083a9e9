//! A JSON writer that prints exactly what Python's `json.dumps(value, sort_keys=True)` prints,
//! with its default separators or the compact ones.
//! connector-py prints `info` the first way and hashes request payloads (`request_fingerprint`)
//! the second, so the runtime does too and tests compare bytes.
//! Its float spelling, [`float_repr`], serves other writers that must print floats as Python
//! does (the tutorial's mock API).

mod repr;

pub use repr::to_python_repr;

use serde_json::{Number, Value};
use std::fmt::Write as _;

/// Serialises `value` as Python's `json.dumps(value, sort_keys=True)` does:
///
/// - object keys sorted by code point at every level;
/// - separators `", "` and `": "`, no indentation;
/// - `ensure_ascii`: every character outside printable ASCII (space to `~`)
///   escaped as `\uXXXX` with lower-case hex (a surrogate pair above U+FFFF),
///   with the short forms `\n \r \t \b \f \" \\`; `/` is not escaped;
/// - integers verbatim, floats as Python's `repr(float)` (`1.0`, `1e+16`,
///   `1.5e-07`).
pub fn to_python_json(value: &Value) -> String {
    write_with(value, Separators::DEFAULT)
}

/// Serialises `value` as Python's
/// `json.dumps(value, sort_keys=True, separators=(",", ":"))` does: the same text as
/// [`to_python_json`] without the space after each `,` and `:`. connector-py hashes this
/// form of a payload for an execution summary's `request_fingerprint`.
pub fn to_python_json_compact(value: &Value) -> String {
    write_with(value, Separators::COMPACT)
}

/// What goes between the items of a list or object, and between a key and its value.
#[derive(Clone, Copy)]
struct Separators {
    item: &'static str,
    key: &'static str,
}

impl Separators {
    /// `json.dumps`' default.
    const DEFAULT: Separators = Separators {
        item: ", ",
        key: ": ",
    };
    /// `separators=(",", ":")`.
    const COMPACT: Separators = Separators {
        item: ",",
        key: ":",
    };
}

fn write_with(value: &Value, seps: Separators) -> String {
    let mut out = String::with_capacity(estimate_len(value));
    write_value(&mut out, value, seps);
    out
}

/// A cheap lower bound of the output size, so the buffer rarely regrows.
fn estimate_len(value: &Value) -> usize {
    match value {
        Value::Object(m) => {
            m.iter()
                .map(|(k, v)| k.len() + 6 + estimate_len(v))
                .sum::<usize>()
                + 2
        }
        Value::Array(a) => a.iter().map(|v| estimate_len(v) + 2).sum::<usize>() + 2,
        Value::String(s) => s.len() + 2,
        _ => 5,
    }
}

fn write_value(out: &mut String, value: &Value, seps: Separators) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(seps.item);
                }
                write_value(out, item, seps);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // `str` ordering is byte order of UTF-8, which is code point order.
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(seps.item);
                }
                write_string(out, k);
                out.push_str(seps.key);
                write_value(out, v, seps);
            }
            out.push('}');
        }
    }
}

pub(crate) fn write_number(out: &mut String, n: &Number) {
    match n.as_f64().filter(|_| n.is_f64()).and_then(float_repr) {
        Some(repr) => out.push_str(&repr),
        None => {
            let _ = write!(out, "{n}");
        }
    }
}

/// Python's `repr(float)`, which is also how `json.dumps` writes a float: the shortest
/// digits that round-trip (a tie between two shortest candidates goes to the even one), in
/// fixed notation when the decimal exponent is in `-4 ..= 15`, otherwise in scientific
/// notation with a signed exponent of at least two digits (`1.0`, `1e+16`, `1.5e-07`).
///
/// `None` for NaN and the infinities, which JSON has no number for.
pub fn float_repr(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let mut buf = String::with_capacity(32);
    let _ = write!(buf, "{f:e}");
    let (mantissa, exp) = buf.split_once('e').unwrap_or((buf.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    // At most 17 significant digits for an f64.
    let mut digits = [0u8; 24];
    let mut n = 0;
    for b in mantissa.bytes().filter(u8::is_ascii_digit) {
        if n < digits.len() {
            digits[n] = b;
            n += 1;
        }
    }
    if n == 0 {
        digits[0] = b'0';
        n = 1;
    }
    prefer_even_on_tie(f, &mut digits[..n], exp);
    let digits = &digits[..n];

    let mut out = String::with_capacity(n + 8);
    if negative {
        out.push('-');
    }
    // Position of the decimal point relative to the first digit.
    let decpt = exp + 1;
    let push = |out: &mut String, ds: &[u8]| ds.iter().for_each(|&d| out.push(d as char));
    if (-3..=16).contains(&decpt) {
        if decpt <= 0 {
            out.push_str("0.");
            for _ in 0..(-decpt) {
                out.push('0');
            }
            push(&mut out, digits);
        } else {
            let decpt = decpt as usize;
            if decpt >= n {
                push(&mut out, digits);
                for _ in n..decpt {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                push(&mut out, &digits[..decpt]);
                out.push('.');
                push(&mut out, &digits[decpt..]);
            }
        }
    } else {
        push(&mut out, &digits[..1]);
        if n > 1 {
            out.push('.');
            push(&mut out, &digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let _ = write!(out, "{:02}", exp.unsigned_abs());
    }
    Some(out)
}

/// Rust's shortest formatting and CPython's (`dtoa` mode 0) can disagree when
/// `f` lies exactly halfway between two shortest candidates: CPython takes the
/// one with an even last digit. `digits` (ASCII, value `0.d1d2.. * 10^(exp+1)`)
/// is replaced by that neighbour when the tie is exact. Rare, so the exact
/// check may be slow.
fn prefer_even_on_tie(f: f64, digits: &mut [u8], exp: i32) {
    let n = digits.len();
    let last = digits[n - 1];
    if (last - b'0').is_multiple_of(2) {
        return;
    }
    let abs = f.abs();
    for alt in [last - 1, last + 1] {
        if alt == b'0' || alt > b'9' {
            continue; // a trailing zero would mean a shorter form existed
        }
        // The midpoint between the two candidates: the lower one followed by 5.
        let mut mid = String::with_capacity(n + 8);
        for (i, &d) in digits.iter().enumerate() {
            if i == 1 {
                mid.push('.');
            }
            mid.push(if i == n - 1 {
                last.min(alt) as char
            } else {
                d as char
            });
        }
        if n == 1 {
            mid.push('.');
        }
        mid.push('5');
        let _ = write!(mid, "e{exp}");
        if mid.parse::<f64>().ok() != Some(abs) {
            continue;
        }
        // Exact check: the full decimal expansion of an f64 has at most 767
        // significant digits.
        let exact = format!("{abs:.780e}");
        let (exact_m, exact_e) = exact.split_once('e').unwrap_or((&exact, ""));
        let (mid_m, _) = mid.split_once('e').unwrap_or((&mid, ""));
        let is_exact = exact_e.parse::<i32>().ok() == Some(exp)
            && exact_m.starts_with(mid_m)
            && exact_m[mid_m.len()..].bytes().all(|b| b == b'0');
        if !is_exact {
            continue;
        }
        let mut candidate = String::with_capacity(n + 8);
        for (i, &d) in digits.iter().enumerate() {
            if i == 1 {
                candidate.push('.');
            }
            candidate.push(if i == n - 1 { alt as char } else { d as char });
        }
        let _ = write!(candidate, "e{exp}");
        if candidate.parse::<f64>().ok() == Some(abs) {
            digits[n - 1] = alt;
        }
        return;
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u_escape(out: &mut String, unit: u32) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xF) as usize] as char);
    }
}

/// A JSON string literal with Python's `ensure_ascii=True` escaping.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0; // start of the pending run of bytes that need no escaping
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        if b < 0x80 {
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                _ => push_u_escape(out, u32::from(b)),
            }
            i += 1;
        } else {
            // `i` is on a char boundary: every earlier byte was handled whole.
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                push_u_escape(out, u32::from(*unit));
            }
            i += c.len_utf8();
        }
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn golden_info_round_trips_byte_for_byte() {
        let Some(text) = reference_files::read("reference-python/golden/info.json") else {
            return;
        };
        let golden: Value = serde_json::from_str(&text).expect("golden file is JSON");
        let raw = golden["stdout_raw"]
            .as_str()
            .expect("stdout_raw is a string");
        let expected = raw.strip_suffix('\n').unwrap_or(raw);
        let parsed: Value = serde_json::from_str(expected).expect("stdout_raw is JSON");
        let printed = to_python_json(&parsed);
        assert_eq!(printed.len(), expected.len());
        assert!(
            printed == expected,
            "re-printed info differs from the golden bytes"
        );
    }

    #[test]
    fn separators_sorting_and_empty_containers() {
        let v = json!({"b": [1, 2, {}], "a": null, "c": {"z": true, "y": false}, "d": []});
        assert_eq!(
            to_python_json(&v),
            r#"{"a": null, "b": [1, 2, {}], "c": {"y": false, "z": true}, "d": []}"#
        );
        assert_eq!(to_python_json(&json!({})), "{}");
        assert_eq!(to_python_json(&json!([])), "[]");
        // Code point order: uppercase before lowercase, ASCII before non-ASCII.
        let v = json!({"é": 1, "a": 2, "Z": 3, "_": 4, "\u{1F600}": 5, "\u{FFFF}": 6});
        assert_eq!(
            to_python_json(&v),
            r#"{"Z": 3, "_": 4, "a": 2, "\u00e9": 1, "\uffff": 6, "\ud83d\ude00": 5}"#
        );
    }

    #[test]
    fn compact_separators() {
        let v = json!({"b": [1, 2.5, {"y": "\u{e9}"}], "a": null, "c": {}});
        // CPython: json.dumps(v, sort_keys=True, separators=(",", ":"))
        assert_eq!(
            to_python_json_compact(&v),
            r#"{"a":null,"b":[1,2.5,{"y":"\u00e9"}],"c":{}}"#
        );
        assert_eq!(to_python_json_compact(&json!([])), "[]");
        assert_eq!(to_python_json_compact(&json!("a, b: c")), r#""a, b: c""#);
    }

    #[test]
    fn string_escaping_like_python() {
        // Outputs taken from CPython 3.11 `json.dumps(s)`.
        let cases = [
            ("café", r#""caf\u00e9""#),
            ("😀", r#""\ud83d\ude00""#),
            ("a\"b\\c/d", r#""a\"b\\c/d""#),
            ("\n\r\t\u{8}\u{c}", r#""\n\r\t\b\f""#),
            ("\u{0}\u{1}\u{1f}\u{7f}", r#""\u0000\u0001\u001f\u007f""#),
            ("\u{80}\u{2028}ÿ€", r#""\u0080\u2028\u00ff\u20ac""#),
            ("plain ascii ~", r#""plain ascii ~""#),
            ("", r#""""#),
        ];
        for (input, expected) in cases {
            assert_eq!(to_python_json(&json!(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn numbers_like_python() {
        // Outputs taken from CPython 3.11 `repr(float)` / `json.dumps`.
        let cases: [(f64, &str); 20] = [
            (1.0, "1.0"),
            (-1.0, "-1.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1_234_567_890_123_456.8, "1234567890123456.8"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.2345e-5, "1.2345e-05"),
            (1e100, "1e+100"),
            (-2.5e-300, "-2.5e-300"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (1.234_567_890_123_456_7e19, "1.2345678901234567e+19"),
            // Exactly halfway between two 16-digit candidates: even wins.
            (579_862_326_618_294.0 + 0.25, "579862326618294.2"),
        ];
        for (f, expected) in cases {
            assert_eq!(to_python_json(&json!(f)), expected, "{f:e}");
        }
        // The tie above, straight from the function the mock API uses too.
        let tie = 579_862_326_618_294.0 + 0.25;
        assert_eq!(float_repr(tie).unwrap(), "579862326618294.2");
        for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(float_repr(f), None);
        }
        assert_eq!(to_python_json(&json!(0)), "0");
        assert_eq!(to_python_json(&json!(-42)), "-42");
        assert_eq!(to_python_json(&json!(u64::MAX)), "18446744073709551615");
        assert_eq!(to_python_json(&json!(i64::MIN)), "-9223372036854775808");
    }
}
