//! The structural check of a decoded token: a bounds-checked, non-allocating walk over the
//! `MessagePack` bytes that finds each cursor map and refuses bad lengths, keys, UTF-8,
//! nesting and trailing bytes before serde sees any of it.

use std::ops::Range;

/// The deepest nesting accepted: the outer array is level 1, each cursor map level 2.
pub const MAX_DEPTH: usize = 32;

/// Checks the whole MessagePack value and returns the byte range of each cursor map.
pub(super) fn cursor_ranges(bytes: &[u8]) -> Result<Vec<Range<usize>>, String> {
    let mut walker = Walker { buf: bytes, pos: 0 };
    let count = match walker.head()? {
        Head::Array(n) => n,
        other => {
            return Err(format!(
                "page token is not a list of cursors (found {})",
                other.kind()
            ));
        }
    };
    walker.check_count(count, 0)?;
    let mut ranges = Vec::new();
    for i in 0..count {
        let start = walker.pos;
        let len = match walker.head()? {
            Head::Map(n) => n,
            other => {
                return Err(format!(
                    "page token cursor {i} is not a map (found {})",
                    other.kind()
                ));
            }
        };
        walker.check_count(len.saturating_mul(2), start)?;
        for _ in 0..len {
            match walker.head()? {
                Head::Str(n) => walker.text(n)?,
                other => {
                    return Err(format!(
                        "page token cursor {i} has a key that is not a string (found {})",
                        other.kind()
                    ));
                }
            }
            walker.skip(3)?;
        }
        ranges.push(start..walker.pos);
    }
    if walker.pos != bytes.len() {
        return Err(format!(
            "page token has trailing bytes ({} after the list of cursors)",
            bytes.len() - walker.pos
        ));
    }
    Ok(ranges)
}

/// The header of one MessagePack value. Scalars are consumed whole by [`Walker::head`];
/// the others carry the length of what follows.
enum Head {
    Scalar(&'static str),
    Str(usize),
    Bin(usize),
    Ext(usize),
    Array(usize),
    Map(usize),
}

impl Head {
    fn kind(&self) -> &'static str {
        match self {
            Head::Scalar(kind) => kind,
            Head::Str(_) => "a string",
            Head::Bin(_) => "binary data",
            Head::Ext(_) => "an extension value",
            Head::Array(_) => "an array",
            Head::Map(_) => "a map",
        }
    }
}

/// A bounds-checked, non-allocating MessagePack reader.
struct Walker<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Walker<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let rest = &self.buf[self.pos..];
        if rest.len() < n {
            return Err(format!(
                "page token is truncated at byte {}: needs {n} bytes, {} remain",
                self.pos,
                rest.len()
            ));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    fn len(&mut self, width: usize) -> Result<usize, String> {
        let bytes = self.take(width)?;
        Ok(bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b)))
    }

    fn head(&mut self) -> Result<Head, String> {
        let at = self.pos;
        let marker = self.take(1)?[0];
        let scalar = |w: &mut Self, width: usize, kind| w.take(width).map(|_| Head::Scalar(kind));
        match marker {
            0x00..=0x7f | 0xe0..=0xff => Ok(Head::Scalar("an integer")),
            0x80..=0x8f => Ok(Head::Map(usize::from(marker & 0x0f))),
            0x90..=0x9f => Ok(Head::Array(usize::from(marker & 0x0f))),
            0xa0..=0xbf => Ok(Head::Str(usize::from(marker & 0x1f))),
            0xc0 => Ok(Head::Scalar("nil")),
            0xc1 => Err(format!(
                "page token holds the unused MessagePack byte 0xc1 at byte {at}"
            )),
            0xc2 | 0xc3 => Ok(Head::Scalar("a boolean")),
            0xc4 => Ok(Head::Bin(self.len(1)?)),
            0xc5 => Ok(Head::Bin(self.len(2)?)),
            0xc6 => Ok(Head::Bin(self.len(4)?)),
            0xc7..=0xc9 => {
                let len = self.len(1 << (marker - 0xc7))?;
                self.take(1)?; // extension type
                Ok(Head::Ext(len))
            }
            0xca => scalar(self, 4, "a float"),
            0xcb => scalar(self, 8, "a float"),
            0xcc..=0xcf => scalar(self, 1 << (marker - 0xcc), "an integer"),
            0xd0..=0xd3 => scalar(self, 1 << (marker - 0xd0), "an integer"),
            0xd4..=0xd8 => {
                self.take(1)?; // extension type
                Ok(Head::Ext(1 << (marker - 0xd4)))
            }
            0xd9 => Ok(Head::Str(self.len(1)?)),
            0xda => Ok(Head::Str(self.len(2)?)),
            0xdb => Ok(Head::Str(self.len(4)?)),
            0xdc => Ok(Head::Array(self.len(2)?)),
            0xdd => Ok(Head::Array(self.len(4)?)),
            0xde => Ok(Head::Map(self.len(2)?)),
            0xdf => Ok(Head::Map(self.len(4)?)),
        }
    }

    /// A container of `items` values needs at least one byte per value: reject claims the
    /// remaining bytes cannot hold before looping over them.
    fn check_count(&self, items: usize, at: usize) -> Result<(), String> {
        let remaining = self.buf.len() - self.pos;
        if items > remaining {
            return Err(format!(
                "page token is truncated: the container at byte {at} claims {items} values, {remaining} bytes remain"
            ));
        }
        Ok(())
    }

    fn text(&mut self, n: usize) -> Result<(), String> {
        let at = self.pos;
        std::str::from_utf8(self.take(n)?)
            .map(drop)
            .map_err(|_| format!("page token has a string that is not UTF-8 at byte {at}"))
    }

    /// Skips one value at nesting level `depth`, checking everything inside it.
    fn skip(&mut self, depth: usize) -> Result<(), String> {
        let at = self.pos;
        match self.head()? {
            Head::Scalar(_) => Ok(()),
            Head::Str(n) => self.text(n),
            Head::Bin(n) | Head::Ext(n) => self.take(n).map(drop),
            Head::Array(n) => {
                self.enter(depth, n, at)?;
                (0..n).try_for_each(|_| self.skip(depth + 1))
            }
            Head::Map(n) => {
                self.enter(depth, n.saturating_mul(2), at)?;
                (0..n).try_for_each(|_| {
                    // Like msgpack-python's `strict_map_key`: keys are text or bytes.
                    let key_at = self.pos;
                    match self.head()? {
                        Head::Str(len) => self.text(len)?,
                        Head::Bin(len) => self.take(len).map(drop)?,
                        other => {
                            return Err(format!(
                                "page token has a map key at byte {key_at} that is {}",
                                other.kind()
                            ));
                        }
                    }
                    self.skip(depth + 1)
                })
            }
        }
    }

    fn enter(&self, depth: usize, items: usize, at: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "page token nests deeper than {MAX_DEPTH} levels (at byte {at})"
            ));
        }
        self.check_count(items, at)
    }
}
