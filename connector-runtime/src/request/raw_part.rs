//! A value of the request envelope kept as JSON text with its position: what the envelope
//! (`envelope.rs`) produces and the settings (`settings.rs`) and payload are decoded from.

use std::borrow::Borrow;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::strict;

/// A value of the envelope as JSON text, with where it starts in the whole request, so that
/// errors point at the caller's line and column: borrowed from the request while the
/// envelope is parsed, owned (`RawPart`) for the payload and settings kept for later.
#[derive(Debug)]
pub(crate) struct RawPart<J = Box<RawValue>> {
    json: J,
    line: usize,
    column: usize,
}

impl<'a> RawPart<&'a RawValue> {
    /// `raw`, a slice of `whole`, with its position.
    pub(super) fn within(whole: &str, raw: &'a RawValue) -> Self {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
        let before = whole.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        RawPart {
            json: raw,
            line,
            column,
        }
    }

    /// A copy that outlives the request bytes.
    pub(super) fn into_owned(self) -> RawPart {
        RawPart {
            json: self.json.to_owned(),
            line: self.line,
            column: self.column,
        }
    }
}

impl<J: Borrow<RawValue>> RawPart<J> {
    /// The JSON text.
    pub(crate) fn json(&self) -> &str {
        self.json.borrow().get()
    }

    /// Decodes the value, reading structs only from objects.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        strict::from_str(self.json()).map_err(|e| self.describe(&e))
    }

    /// serde's message without any value from the input, its position made absolute.
    fn describe(&self, e: &serde_json::Error) -> String {
        let message = e.to_string();
        let local = format!(" at line {} column {}", e.line(), e.column());
        let Some(bare) = message.strip_suffix(&local) else {
            return without_values(&message);
        };
        let (line, column) = if e.line() == 1 {
            (self.line, self.column + e.column() - 1)
        } else {
            (self.line + e.line() - 1, e.column())
        };
        format!("{} at line {line} column {column}", without_values(bare))
    }
}

/// Drops the input's own text from serde's messages: the offending value of "invalid
/// type/value: string \"...\", expected ..." (keeping its kind), and the name in "unknown
/// variant/field `...`" (the list of what was expected stays).
pub(super) fn without_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some(expected_at) = rest.find(", expected") else {
            continue;
        };
        let kind = rest[..expected_at]
            .split([' ', '`', '"'])
            .next()
            .unwrap_or_default();
        return format!("{prefix}{kind}{}", &rest[expected_at..]);
    }
    for prefix in ["unknown variant ", "unknown field "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let tail = rest.find(", ").map_or("", |at| &rest[at..]);
            return format!("{}{tail}", prefix.trim_end());
        }
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_variants_and_fields_are_not_echoed() {
        assert_eq!(
            without_values(
                "unknown variant `hunter2`, expected one of `a`, `b` at line 1 column 9"
            ),
            "unknown variant, expected one of `a`, `b` at line 1 column 9"
        );
        assert_eq!(
            without_values("unknown field `hunter2`, there are no fields"),
            "unknown field, there are no fields"
        );
        assert_eq!(without_values("unknown variant `x`"), "unknown variant");
    }
}
