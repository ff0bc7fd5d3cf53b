//! Values parsed once at the edge (forms, JSON, CLI, config) and trusted afterwards.

mod ama;
mod community;
mod content;
mod digest;
mod directory;
mod email;
mod locale;
mod meeting;
mod poll;
mod task;
mod text;
mod uid;
pub mod utc;
mod zone_names;

pub use ama::{
    AmaDescription, AmaState, AmaTitle, AmaWindow, AnswerBody, Audience, FollowUpBody, QuestionAction, QuestionBody,
    QuestionSort, QuestionState,
};
pub use community::{CommunityKind, CommunitySlug, JoinPolicy, MembershipState, Module, Modules, Role, Visibility};
pub use content::{
    CommentBody, ModerationAction, ModerationNote, NotificationKind, PostBody, PostKind, PostTitle, ReactionKind,
    ReportReason,
};
pub use digest::{DigestFrequency, DigestTime, NewsletterBody, NewsletterState, NewsletterSubject};
pub use directory::{PersonSource, SyncStatus};
pub use email::{Email, optional_email};
pub use locale::{Locale, TimeZone, ZoneChoice, ZoneGroup};
pub use meeting::{MeetingItem, MeetingText, MeetingTitle, OnlineLink, OutcomeKind, Place, RsvpAnswer};
pub use poll::{PollOptionText, PollOptions, PollQuestion};
pub use task::{
    ChecklistText, RagStatus, ReportText, TaskCommentBody, TaskDescription, TaskPriority, TaskStatus, TaskTitle,
    parse_due_date,
};
pub use text::{BoundedText, CommunityName, Description, DisplayName, Line, PermitReason, PersonTitle};
pub use uid::Uid;

/// Why a value was refused: a stable code (used for messages in both languages) and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {code}")]
pub struct Invalid {
    pub field: &'static str,
    pub code: &'static str,
}

impl Invalid {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Invalid { field, code }
    }
}

/// Enumerations stored as text in both databases. Rows hold them as their type (diesel reads
/// and writes the text through `parse` and `as_str`), so no model carries a `String` with a
/// fallback; a stored text no variant spells fails the query instead of widening or narrowing
/// anyone's access (the CHECK constraints keep that from happening).
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[derive(diesel::AsExpression, diesel::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        // Kebab case is how `as_str` spells every variant (`OffTopic` is "off-topic"), so JSON
        // and the database agree; `serde_matches_stored_text` checks it.
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Result<Self, $crate::domain::Invalid> {
                match s.trim() {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::domain::Invalid::new($field, "unknown-value")),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::domain::stored_as_text!($name, $field, as_str);
    };
}
pub(crate) use text_enum;

/// Reading and writing a parsed value as the text it is stored as: `parse` on the way in (a
/// stored text it refuses fails the query), `$text` (e.g. `as_str`) on the way out. The type
/// derives `diesel::AsExpression` and `diesel::FromSqlRow` with `sql_type = Text`.
macro_rules! stored_as_text {
    ($name:ident, $field:literal, $text:ident) => {
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let stored = String::from_sql(bytes)?;
                $name::parse(&stored).map_err(|_| format!("{} `{stored}` is not a known value", $field).into())
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.$text(), out)
            }
        }
    };
}
pub(crate) use stored_as_text;

#[cfg(test)]
mod tests {
    use super::*;

    fn same<T: serde::Serialize + std::fmt::Display>(all: &[T]) {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), v.to_string());
        }
    }

    #[test]
    fn serde_matches_stored_text() {
        same(ReportReason::ALL);
        same(NotificationKind::ALL);
        same(ModerationAction::ALL);
        same(ReactionKind::ALL);
        same(CommunityKind::ALL);
        same(MembershipState::ALL);
        same(Module::ALL);
        same(TaskStatus::ALL);
        same(TaskPriority::ALL);
        same(RagStatus::ALL);
        same(RsvpAnswer::ALL);
        same(OutcomeKind::ALL);
        same(AmaState::ALL);
        same(PostKind::ALL);
        same(DigestFrequency::ALL);
        same(Audience::ALL);
        same(QuestionState::ALL);
        same(QuestionSort::ALL);
        same(QuestionAction::ALL);
        same(PersonSource::ALL);
        same(SyncStatus::ALL);
    }
}
