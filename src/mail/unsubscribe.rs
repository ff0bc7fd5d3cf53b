//! Unsubscribe links that work without signing in (RFC 8058 one-click): the link names the
//! person and the list and carries a MAC over both, so nothing secret is stored and nobody can
//! unsubscribe someone else by changing a number. What a link does is the digest's business
//! (`digest::unsubscribe`): the outbox only signs and checks.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What one unsubscribes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The personal digest (it is switched off).
    Digest,
    /// A community's newsletter.
    Newsletter(i64),
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            List::Digest => f.write_str("digest"),
            List::Newsletter(c) => write!(f, "newsletter-{c}"),
        }
    }
}

impl FromStr for List {
    type Err = ();

    fn from_str(s: &str) -> Result<List, ()> {
        match s {
            "digest" => Ok(List::Digest),
            _ => s
                .strip_prefix("newsletter-")
                .and_then(|c| c.parse().ok())
                .map(List::Newsletter)
                .ok_or(()),
        }
    }
}

/// The key the links are signed with, derived from the session key.
#[derive(Clone)]
pub struct UnsubscribeKey([u8; 32]);

impl UnsubscribeKey {
    pub fn derive(session_key: &[u8]) -> UnsubscribeKey {
        let mut h = Sha256::new();
        h.update(b"allmende unsubscribe links\0");
        h.update(session_key);
        UnsubscribeKey(h.finalize().into())
    }

    fn mac(&self, person: i64, list: List) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(format!("{person}:{list}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The link for `person` and `list` under the public URL.
    pub fn url(&self, public_url: &url::Url, person: i64, list: List) -> String {
        format!(
            "{}/mail/unsubscribe/{person}/{list}/{}",
            public_url.as_str().trim_end_matches('/'),
            self.mac(person, list)
        )
    }

    /// Whether `mac` was made by this key for `person` and `list`.
    pub fn verify(&self, person: i64, list: List, mac: &str) -> bool {
        bool::from(self.mac(person, list).as_bytes().ct_eq(mac.as_bytes()))
    }
}
