//! What the authorization server remembers: the codes it handed out, and the
//! access and refresh tokens it issued, each with its deadline. Everything is
//! in memory and gone when the process ends.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A fresh opaque string: `prefix` then 32 random bytes in base64url (no
/// padding), or `None` if the operating system has no randomness to give.
pub(crate) fn random_token(prefix: &str) -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// `ttl` from `now`; a lifetime too long for the clock counts as about a
/// century.
fn deadline(now: Instant, ttl: Duration) -> Instant {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 86_400);
    now.checked_add(ttl)
        .or_else(|| now.checked_add(CENTURY))
        .unwrap_or(now)
}

/// An authorization code and what `/oauth/authorize` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    /// Space-separated, or `None` when no scope was asked for.
    pub(crate) scope: Option<String>,
    /// The PKCE S256 challenge, when one was given.
    pub(crate) challenge: Option<String>,
    expires: Instant,
    /// Set by the one successful exchange; a later attempt is a replay.
    used: bool,
}

/// An issued access or refresh token.
#[derive(Debug, Clone)]
struct Grant {
    client_id: String,
    scope: Option<String>,
    expires: Instant,
    /// The code the token descends from (through any number of refreshes),
    /// so that replaying the code can revoke all of them.
    family: Option<String>,
}

/// What looking a code up found.
#[derive(Debug)]
pub(crate) enum CodeLookup {
    Live(Code),
    /// Already exchanged once.
    Used,
    Expired,
    Unknown,
}

/// A refresh token's owner and scope, for issuing its successor.
#[derive(Debug, Clone)]
pub(crate) struct RefreshGrant {
    pub(crate) client_id: String,
    pub(crate) scope: Option<String>,
    family: Option<String>,
    expires: Instant,
}

/// The tokens handed out by one exchange.
#[derive(Debug)]
pub(crate) struct Issued {
    pub(crate) access_token: String,
    pub(crate) refresh_token: Option<String>,
}

/// Codes and tokens, keyed by their text.
#[derive(Debug, Default)]
pub(crate) struct Grants {
    codes: HashMap<String, Code>,
    access: HashMap<String, Grant>,
    refresh: HashMap<String, Grant>,
}

impl Grants {
    /// Stores a new code valid for `ttl` and returns its text.
    pub(crate) fn add_code(
        &mut self,
        client_id: &str,
        redirect_uri: &str,
        scope: Option<String>,
        challenge: Option<String>,
        ttl: Duration,
    ) -> Option<String> {
        let now = Instant::now();
        self.codes.retain(|_, code| code.expires > now);
        let text = random_token("mac_")?;
        let code = Code {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            scope,
            challenge,
            expires: deadline(now, ttl),
            used: false,
        };
        self.codes.insert(text.clone(), code);
        Some(text)
    }

    /// The code `text` as stored, without changing it.
    pub(crate) fn code(&self, text: &str) -> CodeLookup {
        match self.codes.get(text) {
            None => CodeLookup::Unknown,
            Some(code) if code.used => CodeLookup::Used,
            Some(code) if code.expires <= Instant::now() => CodeLookup::Expired,
            Some(code) => CodeLookup::Live(code.clone()),
        }
    }

    /// Marks the code `text` as exchanged.
    pub(crate) fn use_code(&mut self, text: &str) {
        if let Some(code) = self.codes.get_mut(text) {
            code.used = true;
        }
    }

    /// Revokes every token issued from the code `text` (RFC 6749 §4.1.2:
    /// what to do when a code is presented a second time).
    pub(crate) fn revoke_family(&mut self, text: &str) {
        let foreign = |grant: &Grant| grant.family.as_deref() != Some(text);
        self.access.retain(|_, grant| foreign(grant));
        self.refresh.retain(|_, grant| foreign(grant));
    }

    /// Issues an access token (and a refresh token if `refresh_ttl` is given)
    /// for `client_id`, descending from the code `family` if any.
    pub(crate) fn issue(
        &mut self,
        client_id: &str,
        scope: Option<String>,
        family: Option<String>,
        access_ttl: Duration,
        refresh_ttl: Option<Duration>,
    ) -> Option<Issued> {
        let now = Instant::now();
        self.access.retain(|_, grant| grant.expires > now);
        self.refresh.retain(|_, grant| grant.expires > now);
        let grant = |ttl: Duration| Grant {
            client_id: client_id.to_owned(),
            scope: scope.clone(),
            expires: deadline(now, ttl),
            family: family.clone(),
        };
        let access_token = random_token("mat_")?;
        let refresh_token = match refresh_ttl {
            Some(ttl) => {
                let text = random_token("mrt_")?;
                self.refresh.insert(text.clone(), grant(ttl));
                Some(text)
            }
            None => None,
        };
        self.access.insert(access_token.clone(), grant(access_ttl));
        Some(Issued {
            access_token,
            refresh_token,
        })
    }

    /// Removes the refresh token `text` and returns what it granted, if it
    /// was live and `client_id`'s. A token that belongs to another client is
    /// left in place.
    pub(crate) fn take_refresh(&mut self, text: &str, client_id: &str) -> Option<RefreshGrant> {
        let grant = self.refresh.get(text)?;
        if grant.expires <= Instant::now() {
            self.refresh.remove(text);
            return None;
        }
        if grant.client_id != client_id {
            return None;
        }
        let grant = self.refresh.remove(text)?;
        Some(RefreshGrant {
            client_id: grant.client_id,
            scope: grant.scope,
            family: grant.family,
            expires: grant.expires,
        })
    }

    /// Undoes [`Grants::take_refresh`] when the refresh was refused after all.
    pub(crate) fn put_back_refresh(&mut self, text: &str, grant: RefreshGrant) {
        let grant = Grant {
            client_id: grant.client_id,
            scope: grant.scope,
            expires: grant.expires,
            family: grant.family,
        };
        self.refresh.insert(text.to_owned(), grant);
    }

    /// Issues the successor of a refresh token taken with
    /// [`Grants::take_refresh`], in the same family.
    pub(crate) fn rotate(
        &mut self,
        old: RefreshGrant,
        scope: Option<String>,
        access_ttl: Duration,
        refresh_ttl: Duration,
    ) -> Option<Issued> {
        self.issue(
            &old.client_id,
            scope,
            old.family,
            access_ttl,
            Some(refresh_ttl),
        )
    }

    /// Whether `token` is an access token issued here that has not expired
    /// or been revoked.
    pub(crate) fn access_token_live(&self, token: &str) -> bool {
        self.access
            .get(token)
            .is_some_and(|grant| grant.expires > Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn tokens_are_random_and_url_safe() {
        let (a, b) = (random_token("x_"), random_token("x_"));
        assert_ne!(a, b);
        let a = a.unwrap_or_default();
        assert_eq!(a.len(), 2 + 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    #[test]
    fn codes_and_families() {
        let mut grants = Grants::default();
        let code = grants
            .add_code("c", "http://cb", None, None, HOUR)
            .unwrap_or_default();
        assert!(matches!(grants.code(&code), CodeLookup::Live(_)));
        grants.use_code(&code);
        assert!(matches!(grants.code(&code), CodeLookup::Used));
        assert!(matches!(grants.code("nope"), CodeLookup::Unknown));
        let issued = grants.issue("c", None, Some(code.clone()), HOUR, Some(HOUR));
        let issued = issued.expect("issued");
        assert!(grants.access_token_live(&issued.access_token));
        grants.revoke_family(&code);
        assert!(!grants.access_token_live(&issued.access_token));
        let refresh = issued.refresh_token.unwrap_or_default();
        assert!(grants.take_refresh(&refresh, "c").is_none());

        let forever = grants.issue("c", None, None, Duration::MAX, None);
        assert!(forever.is_some_and(|i| grants.access_token_live(&i.access_token)));

        let expired = grants
            .add_code("c", "http://cb", None, None, Duration::ZERO)
            .unwrap_or_default();
        assert!(matches!(grants.code(&expired), CodeLookup::Expired));
    }

    #[test]
    fn refresh_tokens_rotate_once() {
        let mut grants = Grants::default();
        let issued = grants.issue("c", None, None, HOUR, Some(HOUR));
        let refresh = issued.and_then(|i| i.refresh_token).unwrap_or_default();
        assert!(grants.take_refresh(&refresh, "other").is_none());
        let old = grants.take_refresh(&refresh, "c").expect("live");
        assert!(grants.take_refresh(&refresh, "c").is_none());
        let next = grants.rotate(old, None, HOUR, HOUR).expect("rotated");
        assert!(next.refresh_token.is_some_and(|t| t != refresh));
    }
}
