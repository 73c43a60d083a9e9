//! Numbers parsed from text with the rules the Python mock applies: Python's
//! `int()`/`float()` for settings and fault specs, pydantic's lax `int` for
//! query parameters.

/// pydantic refuses integers with more significant digits than this.
const MAX_INT_DIGITS: usize = 4300;

/// An integer of any size: a saturated value for arithmetic plus the exact
/// decimal text Python would print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyInt {
    value: i128,
    text: String,
}

/// Why a query value is not an integer, as pydantic reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntError {
    /// `int_parsing`
    Parsing,
    /// `int_parsing_size`
    Size,
}

impl PyInt {
    pub fn value(&self) -> i128 {
        self.value
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Builds the number from a sign and ASCII digits (leading zeros allowed).
    fn from_digits(negative: bool, digits: &str) -> PyInt {
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return PyInt::from(0);
        }
        let magnitude = digits.parse::<i128>().unwrap_or(i128::MAX);
        let (value, sign) = if negative {
            (-magnitude, "-")
        } else {
            (magnitude, "")
        };
        PyInt {
            value,
            text: format!("{sign}{digits}"),
        }
    }
}

impl From<i64> for PyInt {
    fn from(n: i64) -> Self {
        PyInt {
            value: i128::from(n),
            text: n.to_string(),
        }
    }
}

/// Python's `str.isspace()` (Rust's `char::is_whitespace` plus U+001C..U+001F).
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Splits an optional leading `+`/`-`.
fn split_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// ASCII digits with single underscores between them; returns the digits.
fn digits_with_underscores(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.split('_')
            .all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| s.replace('_', ""))
}

/// Python's `int(s)` for base-10 ASCII text.
pub fn python_int(s: &str) -> Option<PyInt> {
    let (negative, rest) = split_sign(s.trim_matches(py_isspace));
    let digits = digits_with_underscores(rest)?;
    Some(PyInt::from_digits(negative, &digits))
}

/// Python's `float(s)` (underscores between digits allowed).
pub fn python_float(s: &str) -> Option<f64> {
    let s = s.trim_matches(py_isspace);
    let bytes = s.as_bytes();
    let underscores_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_'
            || (i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if !underscores_ok {
        return None;
    }
    s.replace('_', "").parse().ok()
}

/// pydantic's lax `int` from a string: surrounding whitespace, a sign,
/// underscores between digits and a zero fraction (`5.00`) are accepted.
pub fn pydantic_int(s: &str) -> Result<PyInt, IntError> {
    let (negative, rest) = split_sign(s.trim());
    let (int_part, frac) = match rest.split_once('.') {
        Some((int_part, frac)) => (int_part, Some(frac)),
        None => (rest, None),
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b == b'0'));
    match digits_with_underscores(int_part) {
        Some(digits) if frac_ok => {
            if digits.trim_start_matches('0').len() > MAX_INT_DIGITS {
                Err(IntError::Size)
            } else {
                Ok(PyInt::from_digits(negative, &digits))
            }
        }
        _ => {
            let run = rest
                .bytes()
                .take_while(u8::is_ascii_digit)
                .skip_while(|&b| b == b'0')
                .count();
            Err(if run > MAX_INT_DIGITS {
                IntError::Size
            } else {
                IntError::Parsing
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        pydantic_int(s).unwrap().text().to_owned()
    }

    #[test]
    fn pydantic_rules() {
        for (input, want) in [
            ("5", "5"),
            (" 5 ", "5"),
            ("+5", "5"),
            ("-5", "-5"),
            ("05", "5"),
            ("5.0", "5"),
            ("5.00", "5"),
            ("5_0", "50"),
            ("\u{a0}5", "5"),
            ("-00.000", "0"),
            ("5_0.0", "50"),
            ("99999999999999999999999", "99999999999999999999999"),
        ] {
            assert_eq!(ok(input), want, "{input:?}");
        }
        for bad in [
            "5.", "5.10", ".0", "_5", "5_", "5__0", "+_5", "0x10", "1e3", "--5", "", "5.0_0",
            "\u{1c}5",
        ] {
            assert_eq!(pydantic_int(bad), Err(IntError::Parsing), "{bad:?}");
        }
        assert_eq!(pydantic_int(&"1".repeat(4301)), Err(IntError::Size));
        assert_eq!(
            pydantic_int(&format!("{}x", "1".repeat(5000))),
            Err(IntError::Size)
        );
        assert_eq!(ok(&"0".repeat(5000)), "0");
        assert_eq!(pydantic_int("-1").unwrap().value(), -1);
    }

    #[test]
    fn python_rules() {
        assert_eq!(python_int(" +0500 ").unwrap().text(), "500");
        assert_eq!(python_int("5_00").unwrap().value(), 500);
        assert_eq!(python_int("\u{1c}7").unwrap().value(), 7);
        assert!(python_int("5.0").is_none());
        assert!(python_int("").is_none());
        assert_eq!(python_float("1_000.5"), Some(1000.5));
        assert_eq!(python_float(" .5 "), Some(0.5));
        assert!(python_float("1__0").is_none());
        assert!(python_float("nan").unwrap().is_nan());
    }
}
