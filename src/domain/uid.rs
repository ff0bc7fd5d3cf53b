use std::fmt;

use super::Invalid;

/// A person's login name: the directory's uid / sAMAccountName, compared case-insensitively,
/// so it is kept in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Uid(String);

impl Uid {
    pub const MAX_LEN: usize = 64;

    pub fn parse(raw: &str) -> Result<Uid, Invalid> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(Invalid::new("uid", "required"));
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(Invalid::new("uid", "too-long"));
        }
        let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        if !s.chars().all(ok_char) || !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(Invalid::new("uid", "bad-characters"));
        }
        Ok(Uid(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_trims() {
        assert_eq!(Uid::parse("  MMuster ").unwrap().as_str(), "mmuster");
    }

    #[test]
    fn refuses_empty_long_and_odd() {
        assert_eq!(Uid::parse(" ").unwrap_err().code, "required");
        assert_eq!(Uid::parse(&"a".repeat(65)).unwrap_err().code, "too-long");
        for bad in ["a b", "-lead", "a*b", "ä", "a)(uid=*"] {
            assert_eq!(Uid::parse(bad).unwrap_err().code, "bad-characters", "{bad}");
        }
    }
}
