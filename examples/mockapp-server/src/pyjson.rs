//! Request bodies read the way the Python mock reads them (`json.loads` on the
//! raw bytes), and values written back the way FastAPI writes them
//! (`json.dumps(..., ensure_ascii=False, allow_nan=False, separators=(",", ":"))`).
//!
//! Parsing keeps everything an error body may echo: integers of any size,
//! `NaN`/`Infinity`, duplicate keys (the last value wins, the first position
//! stays) and unpaired UTF-16 surrogates (held as U+FFFD plus a flag, because a
//! Rust `String` cannot hold them). Writing refuses what Python refuses to
//! encode: non-finite floats and unpaired surrogates.

use std::collections::HashMap;

use pyjson::float_repr;

/// Nesting deeper than this makes Python's decoder hit its recursion limit
/// (measured against the reference server: 960 levels parse, 961 do not).
const MAX_DEPTH: usize = 960;

/// Python refuses to convert integer literals longer than this.
const MAX_INT_DIGITS: usize = 4300;

/// A JSON value as Python holds it after `json.loads`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Decimal text, exactly as Python prints the integer.
    Int(String),
    Float(f64),
    Str(PyStr),
    Array(Vec<Value>),
    /// Insertion-ordered; keys are unique.
    Object(Vec<(PyStr, Value)>),
}

/// A Python `str`: text plus whether it had an unpaired surrogate (replaced by
/// U+FFFD in `text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyStr {
    pub text: String,
    pub lone_surrogate: bool,
}

impl From<&str> for PyStr {
    fn from(text: &str) -> Self {
        PyStr {
            text: text.to_owned(),
            lone_surrogate: false,
        }
    }
}

impl Value {
    pub fn str(text: &str) -> Value {
        Value::Str(text.into())
    }

    pub fn int(n: impl std::fmt::Display) -> Value {
        Value::Int(n.to_string())
    }

    pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
        Value::Object(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// Why a body could not be loaded.
#[derive(Debug, PartialEq)]
pub enum LoadError {
    /// Python's `JSONDecodeError`: message and code-point position.
    Decode { msg: &'static str, pos: usize },
    /// Any other failure (bad text encoding, too deep, huge integer): FastAPI
    /// answers these with a plain 400.
    Other,
}

/// `json.loads(body)` for a byte string.
pub fn loads(bytes: &[u8]) -> Result<Value, LoadError> {
    let text = decode_text(bytes).ok_or(LoadError::Other)?;
    let mut parser = Parser { s: &text, depth: 0 };
    let start = parser.skip_ws(0);
    let (value, end) = match parser.value(start) {
        Ok(found) => found,
        Err(Fail::Stop(pos)) => {
            return Err(LoadError::Decode {
                msg: "Expecting value",
                pos,
            });
        }
        Err(Fail::Load(e)) => return Err(e),
    };
    let end = parser.skip_ws(end);
    if end != text.len() {
        return Err(LoadError::Decode {
            msg: "Extra data",
            pos: end,
        });
    }
    Ok(value)
}

/// Writes `value` as FastAPI's `JSONResponse` would, or `None` where Python
/// would raise instead (non-finite float, unpaired surrogate).
pub fn dumps(value: &Value) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, value)?;
    Some(out)
}

// ----------------------------------------------------------------- decoding

/// `bytes.decode(json.detect_encoding(b), "surrogatepass")`, as code points
/// (surrogates allowed).
fn decode_text(b: &[u8]) -> Option<Vec<u32>> {
    const BOM8: &[u8] = b"\xEF\xBB\xBF";
    if b.starts_with(b"\xFF\xFE\x00\x00") {
        return decode_utf32(&b[4..], false);
    }
    if b.starts_with(b"\x00\x00\xFE\xFF") {
        return decode_utf32(&b[4..], true);
    }
    if b.starts_with(b"\xFF\xFE") {
        return decode_utf16(&b[2..], false);
    }
    if b.starts_with(b"\xFE\xFF") {
        return decode_utf16(&b[2..], true);
    }
    if let Some(rest) = b.strip_prefix(BOM8) {
        return decode_utf8(rest);
    }
    if b.len() >= 4 {
        if b[0] == 0 {
            return if b[1] != 0 {
                decode_utf16(b, true)
            } else {
                decode_utf32(b, true)
            };
        }
        if b[1] == 0 {
            return if b[2] != 0 || b[3] != 0 {
                decode_utf16(b, false)
            } else {
                decode_utf32(b, false)
            };
        }
    } else if b.len() == 2 {
        if b[0] == 0 {
            return decode_utf16(b, true);
        }
        if b[1] == 0 {
            return decode_utf16(b, false);
        }
    }
    decode_utf8(b)
}

/// Strict UTF-8, except that encoded surrogates pass (Python's "surrogatepass").
fn decode_utf8(b: &[u8]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        let (len, min, init) = match lead {
            0x00..=0x7F => {
                out.push(u32::from(lead));
                i += 1;
                continue;
            }
            0xC2..=0xDF => (2, 0x80, u32::from(lead & 0x1F)),
            0xE0..=0xEF => (3, 0x800, u32::from(lead & 0x0F)),
            0xF0..=0xF4 => (4, 0x1_0000, u32::from(lead & 0x07)),
            _ => return None,
        };
        let tail = b.get(i + 1..i + len)?;
        let mut cp = init;
        for &t in tail {
            if t & 0xC0 != 0x80 {
                return None;
            }
            cp = (cp << 6) | u32::from(t & 0x3F);
        }
        if cp < min || cp > 0x10_FFFF {
            return None;
        }
        out.push(cp);
        i += len;
    }
    Some(out)
}

fn decode_utf16(b: &[u8], big_endian: bool) -> Option<Vec<u32>> {
    if !b.len().is_multiple_of(2) {
        return None;
    }
    let units = b.chunks_exact(2).map(|c| {
        let pair = [c[0], c[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from))
            .collect(),
    )
}

fn decode_utf32(b: &[u8], big_endian: bool) -> Option<Vec<u32>> {
    if !b.len().is_multiple_of(4) {
        return None;
    }
    b.chunks_exact(4)
        .map(|c| {
            let quad = [c[0], c[1], c[2], c[3]];
            let cp = if big_endian {
                u32::from_be_bytes(quad)
            } else {
                u32::from_le_bytes(quad)
            };
            (cp <= 0x10_FFFF).then_some(cp)
        })
        .collect()
}

// ----------------------------------------------------------------- parsing

enum Fail {
    /// "No value starts here" (Python's internal `StopIteration`).
    Stop(usize),
    Load(LoadError),
}

fn decode_err(msg: &'static str, pos: usize) -> Fail {
    Fail::Load(LoadError::Decode { msg, pos })
}

/// A port of CPython's C scanner (`Modules/_json.c`), so that every error has
/// the same message and position.
struct Parser<'a> {
    s: &'a [u32],
    depth: usize,
}

fn is_ws(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0A | 0x0D)
}

fn is_digit(c: u32) -> bool {
    (u32::from(b'0')..=u32::from(b'9')).contains(&c)
}

impl Parser<'_> {
    fn at(&self, i: usize) -> u32 {
        self.s.get(i).copied().unwrap_or(0)
    }

    fn is(&self, i: usize, ch: char) -> bool {
        i < self.s.len() && self.s[i] == u32::from(ch)
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.s[i]) {
            i += 1;
        }
        i
    }

    fn literal(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, ch)| self.is(i + k, ch))
    }

    fn value(&mut self, i: usize) -> Result<(Value, usize), Fail> {
        if i >= self.s.len() {
            return Err(Fail::Stop(i));
        }
        let c = char::from_u32(self.s[i]).unwrap_or('\0');
        let constant = match c {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                return Ok((Value::Str(s), end));
            }
            '{' | '[' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Fail::Load(LoadError::Other));
                }
                let found = if c == '{' {
                    self.object(i + 1)
                } else {
                    self.array(i + 1)
                };
                self.depth -= 1;
                return found;
            }
            'n' => self.literal(i, "null").then_some((Value::Null, 4)),
            't' => self.literal(i, "true").then_some((Value::Bool(true), 4)),
            'f' => self.literal(i, "false").then_some((Value::Bool(false), 5)),
            'N' => self
                .literal(i, "NaN")
                .then_some((Value::Float(f64::NAN), 3)),
            'I' => self
                .literal(i, "Infinity")
                .then_some((Value::Float(f64::INFINITY), 8)),
            '-' => self
                .literal(i, "-Infinity")
                .then_some((Value::Float(f64::NEG_INFINITY), 9)),
            _ => None,
        };
        match constant {
            Some((v, len)) => Ok((v, i + len)),
            None => self.number(i),
        }
    }

    fn number(&self, start: usize) -> Result<(Value, usize), Fail> {
        let len = self.s.len();
        let mut i = start;
        if self.is(i, '-') {
            i += 1;
            if i >= len {
                return Err(Fail::Stop(start));
            }
        }
        let first = self.at(i);
        if is_digit(first) && first != u32::from(b'0') {
            i += 1;
            while i < len && is_digit(self.s[i]) {
                i += 1;
            }
        } else if first == u32::from(b'0') {
            i += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if i + 1 < len && self.is(i, '.') && is_digit(self.s[i + 1]) {
            is_float = true;
            i += 2;
            while i < len && is_digit(self.s[i]) {
                i += 1;
            }
        }
        if i + 1 < len && (self.is(i, 'e') || self.is(i, 'E')) {
            let e_start = i;
            i += 1;
            if i + 1 < len && (self.is(i, '-') || self.is(i, '+')) {
                i += 1;
            }
            while i < len && is_digit(self.s[i]) {
                i += 1;
            }
            if is_digit(self.s[i - 1]) {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        // Only ASCII went into the literal, so this is lossless.
        let text: String = self.s[start..i]
            .iter()
            .filter_map(|&c| char::from_u32(c))
            .collect();
        let value = if is_float {
            Value::Float(text.parse().map_err(|_| Fail::Load(LoadError::Other))?)
        } else {
            let digits = text.trim_start_matches('-');
            if digits.len() > MAX_INT_DIGITS {
                return Err(Fail::Load(LoadError::Other));
            }
            Value::Int(if digits == "0" {
                digits.to_owned()
            } else {
                text
            })
        };
        Ok((value, i))
    }

    /// Reads a string whose opening quote is at `end - 1`.
    fn string(&self, mut end: usize) -> Result<(PyStr, usize), Fail> {
        let len = self.s.len();
        let begin = end - 1;
        let mut out: Vec<u32> = Vec::new();
        loop {
            let mut next = end;
            let mut c = 0;
            while next < len {
                c = self.s[next];
                if c == u32::from(b'"') || c == u32::from(b'\\') {
                    break;
                }
                if c <= 0x1F {
                    return Err(decode_err("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len {
                return Err(decode_err("Unterminated string starting at", begin));
            }
            out.extend_from_slice(&self.s[end..next]);
            next += 1;
            if c == u32::from(b'"') {
                end = next;
                break;
            }
            if next == len {
                return Err(decode_err("Unterminated string starting at", begin));
            }
            let esc = self.s[next];
            if esc != u32::from(b'u') {
                end = next + 1;
                let ch = match char::from_u32(esc).unwrap_or('\0') {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(decode_err("Invalid \\escape", end - 2)),
                };
                out.push(u32::from(ch));
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(decode_err("Invalid \\uXXXX escape", next - 1));
            }
            let mut cp = self
                .hex4(next)
                .ok_or_else(|| decode_err("Invalid \\uXXXX escape", end - 5))?;
            if (0xD800..=0xDBFF).contains(&cp)
                && end + 6 < len
                && self.is(end, '\\')
                && self.is(end + 1, 'u')
            {
                let low = self
                    .hex4(end + 2)
                    .ok_or_else(|| decode_err("Invalid \\uXXXX escape", end + 1))?;
                if (0xDC00..=0xDFFF).contains(&low) {
                    cp = 0x1_0000 + (((cp - 0xD800) << 10) | (low - 0xDC00));
                    end += 6;
                }
            }
            out.push(cp);
        }
        Ok((to_pystr(&out), end))
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        self.s[at..at + 4].iter().try_fold(0u32, |acc, &d| {
            Some((acc << 4) | char::from_u32(d)?.to_digit(16)?)
        })
    }

    fn object(&mut self, start: usize) -> Result<(Value, usize), Fail> {
        let mut entries: Vec<(PyStr, Value)> = Vec::new();
        let mut index: HashMap<PyStr, usize> = HashMap::new();
        let mut i = self.skip_ws(start);
        if !self.is(i, '}') {
            loop {
                if !self.is(i, '"') {
                    return Err(decode_err(
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                let (key, after_key) = self.string(i + 1)?;
                i = self.skip_ws(after_key);
                if !self.is(i, ':') {
                    return Err(decode_err("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (value, after_value) = self.value(i)?;
                match index.get(&key) {
                    Some(&slot) => entries[slot].1 = value,
                    None => {
                        index.insert(key.clone(), entries.len());
                        entries.push((key, value));
                    }
                }
                i = self.skip_ws(after_value);
                if self.is(i, '}') {
                    break;
                }
                if !self.is(i, ',') {
                    return Err(decode_err("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::Object(entries), i + 1))
    }

    fn array(&mut self, start: usize) -> Result<(Value, usize), Fail> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if !self.is(i, ']') {
            loop {
                let (value, after) = self.value(i)?;
                items.push(value);
                i = self.skip_ws(after);
                if self.is(i, ']') {
                    break;
                }
                if !self.is(i, ',') {
                    return Err(decode_err("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::Array(items), i + 1))
    }
}

fn to_pystr(cps: &[u32]) -> PyStr {
    let mut lone_surrogate = false;
    let text = cps
        .iter()
        .map(|&c| {
            char::from_u32(c).unwrap_or_else(|| {
                lone_surrogate = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    PyStr {
        text,
        lone_surrogate,
    }
}

// ----------------------------------------------------------------- writing

fn write_value(out: &mut String, value: &Value) -> Option<()> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(text) => out.push_str(text),
        Value::Float(f) => out.push_str(&float_repr(*f)?),
        Value::Str(s) => write_str(out, s)?,
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item)?;
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k)?;
                out.push(':');
                write_value(out, v)?;
            }
            out.push('}');
        }
    }
    Some(())
}

fn write_str(out: &mut String, s: &PyStr) -> Option<()> {
    if s.lone_surrogate {
        return None;
    }
    out.push('"');
    for ch in s.text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> (&'static str, usize) {
        match loads(s.as_bytes()) {
            Err(LoadError::Decode { msg, pos }) => (msg, pos),
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn errors_match_cpython() {
        assert_eq!(err(""), ("Expecting value", 0));
        assert_eq!(err(" "), ("Expecting value", 1));
        assert_eq!(
            err("{\"a\":1,}"),
            ("Expecting property name enclosed in double quotes", 7)
        );
        assert_eq!(err("{\"a\" 1}"), ("Expecting ':' delimiter", 5));
        assert_eq!(err("[1 2]"), ("Expecting ',' delimiter", 3));
        assert_eq!(err("[true"), ("Expecting ',' delimiter", 5));
        assert_eq!(err("1.e5"), ("Extra data", 1));
        assert_eq!(err("1E+5x"), ("Extra data", 4));
        assert_eq!(err("-Inf"), ("Expecting value", 0));
        assert_eq!(err("\"a\\q\""), ("Invalid \\escape", 2));
        assert_eq!(err("\"\\u1234"), ("Invalid \\uXXXX escape", 2));
        assert_eq!(err("\"\\ud800\\udc00"), ("Invalid \\uXXXX escape", 8));
        assert_eq!(err("\"a\nb\""), ("Invalid control character at", 2));
        assert_eq!(err("\"abc"), ("Unterminated string starting at", 0));
    }

    #[test]
    fn values_and_repr() {
        let v = loads(br#"{"a":1,"b":[1.5e20,1e-5,0.0001,-0.0,1e16,123456789012345678901234],"a":"\ud83d\ude00"}"#)
            .unwrap();
        assert_eq!(
            dumps(&v).unwrap(),
            "{\"a\":\"\u{1F600}\",\"b\":[1.5e+20,1e-05,0.0001,-0.0,1e+16,123456789012345678901234]}"
        );
        assert_eq!(dumps(&loads(b"NaN").unwrap()), None);
        assert_eq!(dumps(&loads(b"\"\\ud800\"").unwrap()), None);
        assert_eq!(
            loads(b"\xEF\xBB\xBF[1]").unwrap(),
            Value::Array(vec![Value::int(1)])
        );
        assert_eq!(loads(b"\xff"), Err(LoadError::Other));
        // Floats are written by the runtime's `float_repr`, ties to even included.
        let floats = b"[1e15,0.1,5.0,579862326618294.25]";
        assert_eq!(
            dumps(&loads(floats).unwrap()).unwrap(),
            "[1000000000000000.0,0.1,5.0,579862326618294.2]"
        );
    }
}
