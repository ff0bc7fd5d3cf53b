use std::fmt;

use super::Invalid;

/// A mail address as far as we need it: one `@`, a non-empty local part, a dotted domain.
/// The domain is lower-cased; the local part is kept as given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid::new("email", "required"));
        }
        if s.len() > Self::MAX_LEN {
            return Err(Invalid::new("email", "too-long"));
        }
        let bad = || Invalid::new("email", "malformed");
        let (local, domain) = s.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain.split('.').all(|l| !l.is_empty())
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '@' | '<' | '>' | ',' | ';' | '"'));
        if !domain_ok || !local_ok {
            return Err(bad());
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::parse(&s).map_err(|_| serde::de::Error::custom(format!("`{s}` is not a mail address")))
    }
}

/// An optional address in a settings file, where an empty text means none.
pub fn optional_email<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Email>, D::Error> {
    use serde::Deserialize;
    let s = String::deserialize(d)?;
    match s.trim() {
        "" => Ok(None),
        text => Email::parse(text)
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a mail address"))),
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_usual_addresses() {
        assert_eq!(
            Email::parse(" Max.Muster@Beispiel.DE ").unwrap().as_str(),
            "Max.Muster@beispiel.de"
        );
        assert!(Email::parse("jörg@müller.de").is_ok());
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "",
            "a",
            "a@b",
            "@b.de",
            "a@.de",
            "a b@c.de",
            "a@b..de",
            "<a@b.de>",
            "a@b.de,c@d.de",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
