//! URL text handling as Python's `urllib.parse` does it, which is what the
//! Python mock sees: percent-decoding of paths and queries, and quoting of
//! redirect targets.

/// `urllib.parse.unquote`: `%XX` becomes a byte (other `%` stay), and the
/// bytes are read as UTF-8 with U+FFFD for invalid sequences.
pub fn unquote(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// `urllib.parse.parse_qsl(qs, keep_blank_values=True)`.
pub fn parse_query(qs: &str) -> Vec<(String, String)> {
    qs.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                unquote(&name.replace('+', " ")),
                unquote(&value.replace('+', " ")),
            )
        })
        .collect()
}

/// The last value given for `name` (Starlette's `QueryParams.get`).
pub fn query_value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `urllib.parse.quote(url, safe=":/%#?=@[]!$&'()*+,;")`, which Starlette
/// applies to redirect locations.
pub fn quote_location(url: &str) -> String {
    const SAFE: &[u8] = b":/%#?=@[]!$&'()*+,;_.-~";
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        if b.is_ascii_alphanumeric() || SAFE.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `host[:port]` Starlette accepts from a `Host` header to build absolute
/// URLs, or `None` if it rejects the header.
pub fn host_authority(host: &str) -> Option<&str> {
    let (name, port) = if host.starts_with('[') {
        let close = host.find(']')?;
        let inner = &host[1..close];
        if !valid_ip_literal(inner) {
            return None;
        }
        (&host[..=close], &host[close + 1..])
    } else {
        let end = host.find(':').unwrap_or(host.len());
        let name = &host[..end];
        let reg_name = |c: u8| c.is_ascii_alphanumeric() || b"._~%!$&'()*+,;=-".contains(&c);
        if name.is_empty() || !name.bytes().all(reg_name) {
            return None;
        }
        (name, &host[end..])
    };
    if !port.is_empty() {
        let digits = port.strip_prefix(':')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let significant = digits.trim_start_matches('0');
        if significant.len() > 5 || significant.parse::<u32>().unwrap_or(0) > 65_535 {
            return None;
        }
    }
    Some(&host[..name.len() + port.len()])
}

/// The inside of `[...]` in a host: an IPv6 address or an `vX.…` literal.
fn valid_ip_literal(inner: &str) -> bool {
    let hex = |c: u8| c.is_ascii_hexdigit();
    if let Some(rest) = inner.strip_prefix('v') {
        let Some((version, tail)) = rest.split_once('.') else {
            return false;
        };
        let tail_ok = |c: u8| c.is_ascii_alphanumeric() || b"._~!$&'()*+,;=:-".contains(&c);
        return !version.is_empty()
            && version.bytes().all(hex)
            && !tail.is_empty()
            && tail.bytes().all(tail_ok);
    }
    let Some(colon) = inner.find(':') else {
        return false;
    };
    let shape_ok = inner[..colon].bytes().all(hex)
        && inner.len() > colon + 1
        && inner[colon + 1..]
            .bytes()
            .all(|c| hex(c) || c == b'.' || c == b':');
    shape_ok && inner.parse::<std::net::Ipv6Addr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_compatible() {
        assert_eq!(unquote("a%2Fb%zz%e9%41"), "a/b%zz\u{FFFD}A");
        assert_eq!(
            parse_query("a=1&&b&c=x+y%20z&a=2"),
            [("a", "1"), ("b", ""), ("c", "x y z"), ("a", "2")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert_eq!(
            quote_location("http://h/a b\u{e9}?q=1"),
            "http://h/a%20b%C3%A9?q=1"
        );
        assert_eq!(host_authority("127.0.0.1:8000"), Some("127.0.0.1:8000"));
        assert_eq!(host_authority("[::1]:80"), Some("[::1]:80"));
        assert_eq!(host_authority("exa mple"), None);
        assert_eq!(host_authority("h:99999"), None);
        assert_eq!(host_authority("h:"), None);
    }
}
