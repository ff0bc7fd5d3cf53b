use chrono::NaiveDate;

use super::text::{BoundedText, Line};
use super::{Invalid, text_enum};

pub type TaskTitle = Line<1, 200>;
/// A task's markdown description.
pub type TaskDescription = BoundedText<0, 20_000>;
/// One line of a task's checklist.
pub type ChecklistText = Line<1, 200>;
/// A comment on a task (markdown).
pub type TaskCommentBody = BoundedText<1, 5_000>;

text_enum!(
    /// Where a task stands; the board has a column for each.
    TaskStatus, "status" {
        Open => "open",
        InProgress => "in-progress",
        Blocked => "blocked",
        Done => "done",
    }
);

text_enum!(
    TaskPriority, "priority" {
        Low => "low",
        Normal => "normal",
        High => "high",
        Urgent => "urgent",
    }
);

text_enum!(
    /// A project's status, overall and per area: the traffic light of project reporting.
    RagStatus, "status" {
        Green => "green",
        Amber => "amber",
        Red => "red",
    }
);

impl RagStatus {
    /// Red before amber before green: the order of attention.
    pub fn severity(self) -> u8 {
        match self {
            RagStatus::Red => 2,
            RagStatus::Amber => 1,
            RagStatus::Green => 0,
        }
    }
}

/// One part of a status report (summary, achievements, …): markdown.
pub type ReportText = BoundedText<0, 10_000>;

/// A due date as forms and JSON send it (`YYYY-MM-DD`; empty means none).
pub fn parse_due_date(raw: &str) -> Result<Option<NaiveDate>, Invalid> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Invalid::new("due_on", "not-a-date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates() {
        assert_eq!(parse_due_date(" ").unwrap(), None);
        assert_eq!(
            parse_due_date("2026-12-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        for bad in ["2026-02-30", "1.12.2026", "tomorrow", "2026-12-01T10:00"] {
            assert_eq!(parse_due_date(bad).unwrap_err().code, "not-a-date", "{bad}");
        }
    }
}
