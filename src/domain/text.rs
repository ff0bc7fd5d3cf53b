use super::Invalid;

/// Trimmed text with a length limit counted in characters; empty allowed only where `MIN` is 0.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct BoundedText<const MIN: usize, const MAX: usize>(String);

impl<const MIN: usize, const MAX: usize> BoundedText<MIN, MAX> {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        let n = s.chars().count();
        if n == 0 && MIN > 0 {
            return Err(Invalid::new(field, "required"));
        }
        if n < MIN {
            return Err(Invalid::new(field, "too-short"));
        }
        if n > MAX {
            return Err(Invalid::new(field, "too-long"));
        }
        if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
            return Err(Invalid::new(field, "bad-characters"));
        }
        Ok(BoundedText(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

pub type DisplayName = BoundedText<1, 120>;
pub type PersonTitle = BoundedText<0, 120>;
pub type CommunityName = BoundedText<3, 80>;
/// Why an administrator allows per-person figures in a community (shown to its members).
pub type PermitReason = BoundedText<10, 1_000>;
/// Markdown source of a community description.
pub type Description = BoundedText<0, 10_000>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters() {
        assert!(CommunityName::parse("name", &"ä".repeat(80)).is_ok());
        assert_eq!(
            CommunityName::parse("name", &"ä".repeat(81)).unwrap_err().code,
            "too-long"
        );
        assert_eq!(CommunityName::parse("name", "  ").unwrap_err().code, "required");
        assert_eq!(CommunityName::parse("name", "ab").unwrap_err().code, "too-short");
        assert_eq!(
            CommunityName::parse("name", "a\u{0}bc").unwrap_err().code,
            "bad-characters"
        );
    }
}
