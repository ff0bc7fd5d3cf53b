use chrono::NaiveDateTime;

use super::text::{BoundedText, Line};
use super::{Invalid, TimeZone, text_enum};

pub type AmaTitle = Line<1, 200>;
/// An AMA's description (markdown).
pub type AmaDescription = BoundedText<0, 10_000>;
/// A question (markdown): short enough to read in a list and to vote on.
pub type QuestionBody = BoundedText<1, 2_000>;
/// A host's answer (markdown).
pub type AnswerBody = BoundedText<1, 20_000>;
/// A follow-up comment on an answered question, or a rejection's reason.
pub type FollowUpBody = BoundedText<1, 2_000>;

text_enum!(
    /// Where an AMA is in its window: questions come in while scheduled (from `opens_at`) and
    /// live; hosts answer while live; closed is read-only.
    AmaState, "state" {
        Scheduled => "scheduled",
        Live => "live",
        Closed => "closed",
    }
);

text_enum!(
    /// Who may read and ask: the community's readers, or everyone in the organization.
    Audience, "audience" {
        Community => "community",
        Organization => "organization",
    }
);

text_enum!(
    /// A question's standing: waiting for the organizers (moderated AMAs), shown, rejected
    /// (with a reason for the asker), hidden by a moderator, or merged into a duplicate.
    QuestionState, "state" {
        Pending => "pending",
        Published => "published",
        Rejected => "rejected",
        Hidden => "hidden",
        Merged => "merged",
    }
);

text_enum!(
    /// The orders a question list comes in.
    QuestionSort, "sort" {
        Votes => "votes",
        Newest => "newest",
        Unanswered => "unanswered",
        Answered => "answered",
    }
);

text_enum!(
    /// What the organizers do with a question.
    QuestionAction, "action" {
        Approve => "approve",
        Reject => "reject",
        Merge => "merge",
        Hide => "hide",
        Pin => "pin",
        Unpin => "unpin",
    }
);

/// An AMA's question window, in UTC, with the zone its wall-clock times were given in (so
/// that a daylight-saving change between scheduling and opening moves nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmaWindow {
    pub opens_at: NaiveDateTime,
    pub answering_from: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub tz: TimeZone,
}

impl AmaWindow {
    /// At most this long from opening to closing.
    pub const MAX_DAYS: i64 = 60;

    /// Wall-clock times as people type them, in `tz`.
    pub fn local(tz: TimeZone, opens: &str, answering: &str, closes: &str) -> Result<AmaWindow, Invalid> {
        AmaWindow::new(
            tz,
            tz.local_to_utc("opens_at", opens)?,
            tz.local_to_utc("answering_from", answering)?,
            tz.local_to_utc("closes_at", closes)?,
        )
    }

    /// Opening ≤ answering < closing, within `MAX_DAYS`.
    pub fn new(
        tz: TimeZone,
        opens_at: NaiveDateTime,
        answering_from: NaiveDateTime,
        closes_at: NaiveDateTime,
    ) -> Result<AmaWindow, Invalid> {
        if answering_from < opens_at {
            return Err(Invalid::new("answering_from", "before-opening"));
        }
        if closes_at <= answering_from {
            return Err(Invalid::new("closes_at", "before-answering"));
        }
        if closes_at - opens_at > chrono::Duration::days(Self::MAX_DAYS) {
            return Err(Invalid::new("closes_at", "too-long"));
        }
        Ok(AmaWindow {
            opens_at,
            answering_from,
            closes_at,
            tz,
        })
    }

    pub fn state_at(&self, now: NaiveDateTime) -> AmaState {
        if now >= self.closes_at {
            AmaState::Closed
        } else if now >= self.answering_from {
            AmaState::Live
        } else {
            AmaState::Scheduled
        }
    }

    /// Questions come in from opening until closing.
    pub fn accepts_questions(&self, now: NaiveDateTime) -> bool {
        now >= self.opens_at && now < self.closes_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window() {
        let berlin = TimeZone::parse("Europe/Berlin").unwrap();
        let w = AmaWindow::local(berlin, "2026-03-27T09:00", "2026-03-30T10:00", "2026-03-30T11:00").unwrap();
        // Scheduled in winter time, answered in summer time: 08:00 and 08:00 UTC.
        assert_eq!(w.opens_at.to_string(), "2026-03-27 08:00:00");
        assert_eq!(w.answering_from.to_string(), "2026-03-30 08:00:00");
        assert_eq!(w.state_at(w.opens_at), AmaState::Scheduled);
        assert_eq!(w.state_at(w.answering_from), AmaState::Live);
        assert_eq!(w.state_at(w.closes_at), AmaState::Closed);
        assert!(!w.accepts_questions(w.opens_at - chrono::Duration::seconds(1)));
        assert!(w.accepts_questions(w.answering_from));
        assert_eq!(
            AmaWindow::local(berlin, "2026-03-30T10:00", "2026-03-30T09:00", "2026-03-30T11:00")
                .unwrap_err()
                .code,
            "before-opening"
        );
        assert_eq!(
            AmaWindow::local(berlin, "2026-03-30T09:00", "2026-03-30T10:00", "2026-03-30T10:00")
                .unwrap_err()
                .code,
            "before-answering"
        );
    }
}
