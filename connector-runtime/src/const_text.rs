//! String work usable in `const` (the compile-time checks of the macros): comparison,
//! blankness, and a message assembled from parts.

/// Whether `a` and `b` are the same string.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `s` holds nothing but ASCII whitespace.
pub(crate) const fn is_blank(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_whitespace() {
            return false;
        }
        i += 1;
    }
    true
}

/// A compile-time error message built from parts (a `const` panic message cannot be
/// formatted); parts beyond its capacity are cut at a character boundary.
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    /// An empty message.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    /// The message with `part` appended.
    pub const fn push(mut self, part: &str) -> Self {
        let part = part.as_bytes();
        let room = self.bytes.len() - self.len;
        let mut take = if part.len() < room { part.len() } else { room };
        while take < part.len() && take > 0 && (part[take] & 0xC0) == 0x80 {
            take -= 1;
        }
        let mut i = 0;
        while i < take {
            self.bytes[self.len] = part[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "a capability is registered twice",
        }
    }
}
