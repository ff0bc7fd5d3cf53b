use super::Invalid;

/// Trimmed text with a length limit counted in characters; empty allowed only where `MIN` is 0.
/// It may span lines (bodies, descriptions): line breaks and tabs are kept, other control
/// characters refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct BoundedText<const MIN: usize, const MAX: usize>(String);

impl<const MIN: usize, const MAX: usize> BoundedText<MIN, MAX> {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        checked(field, raw.trim(), MIN, MAX, |c| matches!(c, '\n' | '\r' | '\t')).map(BoundedText)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Text of one line: names, titles, subjects. They end up in mail headers, calendar entries
/// and list rows, where a line break would split or inject, so line breaks and tabs (as a
/// directory's `displayName` or an API client may send them) become one space each run, and
/// other control characters are refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Line<const MIN: usize, const MAX: usize>(String);

impl<const MIN: usize, const MAX: usize> Line<MIN, MAX> {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let one_line = raw
            .split(['\n', '\r', '\t'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        checked(field, &one_line, MIN, MAX, |_| false).map(Line)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

fn checked(field: &'static str, s: &str, min: usize, max: usize, allowed: fn(char) -> bool) -> Result<String, Invalid> {
    let n = s.chars().count();
    if n == 0 && min > 0 {
        return Err(Invalid::new(field, "required"));
    }
    if n < min {
        return Err(Invalid::new(field, "too-short"));
    }
    if n > max {
        return Err(Invalid::new(field, "too-long"));
    }
    if s.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Invalid::new(field, "bad-characters"));
    }
    Ok(s.to_string())
}

pub type DisplayName = Line<1, 120>;
pub type PersonTitle = Line<0, 120>;
pub type CommunityName = Line<3, 80>;
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

    #[test]
    fn one_line_texts_lose_their_line_breaks() {
        let name = DisplayName::parse("name", " Anna\r\nBcc: x@evil.example\t Schmidt ").unwrap();
        assert_eq!(name.as_str(), "Anna Bcc: x@evil.example Schmidt");
        assert_eq!(DisplayName::parse("name", "\r\n").unwrap_err().code, "required");
        assert_eq!(
            DisplayName::parse("name", "a\u{7}b").unwrap_err().code,
            "bad-characters"
        );
        let body = Description::parse("description", "one\r\ntwo").unwrap();
        assert_eq!(body.as_str(), "one\r\ntwo");
    }
}
