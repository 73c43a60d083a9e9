//! Keeping a client's secrets out of the messages and log lines it writes.

use reqwest::Url;

use super::path::{LOWER_HEX, UPPER_HEX, percent_encode};
use crate::secret::{REDACTED, Secret};

/// Secrets shorter than this many characters are not searched for inside text; see
/// [`Redactor`].
const MIN_REDACTED_CHARS: usize = 8;

/// Every secret an `HttpClient` holds (tokens, passwords, the basic-auth header value, a
/// password in the base URL), in every form a URL or an upstream echo may show it: as is,
/// percent-encoded (upper- and lowercase hex), form-encoded as in a query string, and as the
/// URL parser writes it in a path, a query or a password.
///
/// [`redact`](Self::redact) cleans one piece of text from outside (a URL, an upstream body, a
/// decoding error). A secret of at least [`MIN_REDACTED_CHARS`] characters is replaced by
/// `[REDACTED]` wherever it occurs. A shorter one also occurs inside ordinary words and
/// numbers, where replacing it would point at it (`mi[REDACTED][REDACTED]ing` spells out `s`);
/// so a piece that contains one anywhere is replaced as a whole.
pub(crate) struct Redactor {
    /// Forms of the long secrets, longest first, so a secret containing another is replaced
    /// whole.
    replaced: Vec<Secret>,
    /// Forms of the short secrets.
    withheld: Vec<Secret>,
}

impl Redactor {
    /// A redactor for `secrets` (empty ones are ignored).
    pub(crate) fn new(secrets: &[Secret]) -> Self {
        let (mut replaced, mut withheld) = (Vec::new(), Vec::new());
        for secret in secrets.iter().map(Secret::expose) {
            if secret.is_empty() {
                continue;
            }
            let forms = if secret.chars().count() < MIN_REDACTED_CHARS {
                &mut withheld
            } else {
                &mut replaced
            };
            forms.extend(forms_of(secret).into_iter().map(Secret::new));
        }
        for forms in [&mut replaced, &mut withheld] {
            forms.sort_by(|a, b| {
                let (a, b) = (a.expose(), b.expose());
                b.len().cmp(&a.len()).then_with(|| a.cmp(b))
            });
            forms.dedup();
        }
        Redactor { replaced, withheld }
    }

    /// `text` with the long secrets replaced by `[REDACTED]`, or just `[REDACTED]` if it
    /// contains a short one.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for form in self.replaced.iter().map(Secret::expose) {
            if out.contains(form) {
                out = out.replace(form, REDACTED);
            }
        }
        if self.withheld.iter().any(|form| out.contains(form.expose())) {
            return REDACTED.to_owned();
        }
        out
    }
}

/// The distinct forms in which `secret` may appear in a URL or an echo of one.
fn forms_of(secret: &str) -> Vec<String> {
    let mut forms = vec![
        secret.to_owned(),
        percent_encode(secret, UPPER_HEX),
        percent_encode(secret, LOWER_HEX),
    ];
    if let Ok(mut url) = Url::parse("http://h/") {
        url.query_pairs_mut().clear().append_pair("k", secret);
        forms.extend(
            url.query()
                .and_then(|q| q.strip_prefix("k="))
                .map(str::to_owned),
        );
        url.set_query(Some(secret));
        forms.extend(url.query().map(str::to_owned));
        url.set_path(secret);
        forms.push(url.path().trim_start_matches('/').to_owned());
        if url.set_password(Some(secret)).is_ok() {
            forms.extend(url.password().map(str::to_owned));
        }
    }
    forms.retain(|form| !form.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

/// `text` with each `%XX` escape decoded (invalid UTF-8 replaced), for the password of a base
/// URL, which the URL parser keeps encoded.
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor(secrets: &[&str]) -> Redactor {
        let secrets: Vec<Secret> = secrets.iter().map(|s| Secret::new(*s)).collect();
        Redactor::new(&secrets)
    }

    #[test]
    fn long_secrets_are_replaced_in_every_form() {
        let r = redactor(&["tok/e2e+7f3a=9c41 x?ü", "tok-123-long", ""]);
        for shown in [
            "tok/e2e+7f3a=9c41 x?ü",
            "tok%2Fe2e%2B7f3a%3D9c41%20x%3F%C3%BC",
            "tok%2fe2e%2b7f3a%3d9c41%20x%3f%c3%bc",
            "tok%2Fe2e%2B7f3a%3D9c41+x%3F%C3%BC",
            "tok/e2e+7f3a=9c41%20x%3F%C3%BC",
            "tok/e2e+7f3a=9c41%20x?%C3%BC",
        ] {
            assert_eq!(
                r.redact(&format!("[404][http://h/a/{shown}/b] tok-123-long.")),
                "[404][http://h/a/[REDACTED]/b] [REDACTED].",
                "{shown}"
            );
        }
        assert_eq!(r.redact("nothing here"), "nothing here");
    }

    #[test]
    fn a_secret_containing_another_is_replaced_whole() {
        let r = redactor(&["abcdefgh", "abcdefgh-ijkl"]);
        assert_eq!(r.redact("x abcdefgh-ijkl y"), "x [REDACTED] y");
    }

    #[test]
    fn text_holding_a_short_secret_is_withheld_whole() {
        let r = redactor(&["s", "long-secret-1"]);
        assert_eq!(r.redact("missing"), REDACTED);
        assert_eq!(r.redact("[404][http://h/users/x]"), REDACTED);
        assert_eq!(r.redact("no match here"), "no match here");
        assert_eq!(redactor(&["a b"]).redact("x a%20b"), REDACTED);
        assert_eq!(redactor(&["1234567"]).redact("id 1234567"), REDACTED);
        assert_eq!(
            redactor(&["12345678"]).redact("id 12345678"),
            "id [REDACTED]"
        );
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(percent_decode("p%40ss%zz%2"), "p@ss%zz%2");
        assert_eq!(percent_decode("%C3%BC"), "ü");
    }
}
