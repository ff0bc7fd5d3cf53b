use super::text::{BoundedText, Line};
use super::{Invalid, text_enum};

pub type MeetingTitle = Line<1, 200>;
/// A meeting's agenda or minutes (markdown).
pub type MeetingText = BoundedText<0, 20_000>;
pub type Place = Line<0, 300>;
/// An agenda suggestion, a decision or an action item.
pub type MeetingItem = BoundedText<1, 500>;

text_enum!(
    /// A member's answer to a meeting invitation.
    RsvpAnswer, "answer" {
        Yes => "yes",
        No => "no",
        Maybe => "maybe",
    }
);

text_enum!(
    /// What came out of a meeting: a decision, or an action item that can become a task.
    OutcomeKind, "kind" {
        Decision => "decision",
        Action => "action",
    }
);

/// The link of an online meeting: http or https only (a `javascript:` link must never be
/// offered to click).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineLink(String);

impl OnlineLink {
    pub fn parse(raw: &str) -> Result<Option<OnlineLink>, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.len() > 1000 {
            return Err(Invalid::new("online_url", "too-long"));
        }
        match url::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                Ok(Some(OnlineLink(u.to_string())))
            }
            _ => Err(Invalid::new("online_url", "not-a-link")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_links() {
        assert_eq!(
            OnlineLink::parse(" https://meet.example/abc ")
                .unwrap()
                .unwrap()
                .as_str(),
            "https://meet.example/abc"
        );
        assert_eq!(OnlineLink::parse("").unwrap(), None);
        for bad in ["javascript:alert(1)", "ftp://x.example", "meet.example", "https://"] {
            assert_eq!(OnlineLink::parse(bad).unwrap_err().code, "not-a-link", "{bad}");
        }
    }
}
