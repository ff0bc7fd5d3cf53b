use super::{BoundedText, Invalid, Line, text_enum};

text_enum!(
    /// How often a person gets their digest.
    DigestFrequency, "digest" {
        Off => "off",
        Daily => "daily",
        Weekly => "weekly",
    }
);

text_enum!(
    /// Where a newsletter issue is: written, waiting for its time, going out, gone out.
    NewsletterState, "state" {
        Draft => "draft",
        Scheduled => "scheduled",
        Sending => "sending",
        Sent => "sent",
    }
);

impl NewsletterState {
    /// Until it goes out an issue may be rewritten, moved or thrown away.
    pub const CHANGEABLE: [NewsletterState; 2] = [NewsletterState::Draft, NewsletterState::Scheduled];
}

pub type NewsletterSubject = Line<1, 200>;
pub type NewsletterBody = BoundedText<1, 50000>;

/// When a digest goes out: the weekday (1 = Monday … 7 = Sunday, for weekly ones) and the
/// local hour (0–23).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestTime {
    pub weekday: i32,
    pub hour: i32,
}

impl DigestTime {
    /// Monday, 8 o'clock: what people get until they choose.
    pub const DEFAULT: DigestTime = DigestTime { weekday: 1, hour: 8 };

    pub fn parse(weekday: i64, hour: i64) -> Result<DigestTime, Invalid> {
        if !(1..=7).contains(&weekday) {
            return Err(Invalid::new("digest_weekday", "out-of-range"));
        }
        if !(0..=23).contains(&hour) {
            return Err(Invalid::new("digest_hour", "out-of-range"));
        }
        Ok(DigestTime {
            weekday: weekday as i32,
            hour: hour as i32,
        })
    }
}
