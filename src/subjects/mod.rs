//! What something is about: the thing a notification tells of, a vote counts for, a report
//! or a search hit points at, and (next) a file is attached to. One closed type instead of a handful of optional ids, so that a
//! feature that points at "the thing" names it once, and every path that shows it asks one
//! function (`visible::shown_to`) what the viewer may see of it.

pub mod visible;

use crate::domain::text_enum;

text_enum!(
    /// The kinds of subject, as stored beside an id (votes keep `subject` and `subject_id`).
    SubjectKind, "subject" {
        Community => "community",
        Post => "post",
        Comment => "comment",
        AmaQuestion => "ama-question",
        Task => "task",
        Meeting => "meeting",
        Newsletter => "newsletter",
        Ama => "ama",
    }
);

/// One subject. A comment carries its post: whoever may read the post may read its comments,
/// and a link to a comment is the post's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Community(i64),
    Post(i64),
    Comment { post: i64, comment: i64 },
    AmaQuestion(i64),
    Task(i64),
    Meeting(i64),
    Newsletter(i64),
    Ama(i64),
}

impl Subject {
    pub fn kind(self) -> SubjectKind {
        match self {
            Subject::Community(_) => SubjectKind::Community,
            Subject::Post(_) => SubjectKind::Post,
            Subject::Comment { .. } => SubjectKind::Comment,
            Subject::AmaQuestion(_) => SubjectKind::AmaQuestion,
            Subject::Task(_) => SubjectKind::Task,
            Subject::Meeting(_) => SubjectKind::Meeting,
            Subject::Newsletter(_) => SubjectKind::Newsletter,
            Subject::Ama(_) => SubjectKind::Ama,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Subject::Community(id)
            | Subject::Post(id)
            | Subject::AmaQuestion(id)
            | Subject::Task(id)
            | Subject::Meeting(id)
            | Subject::Newsletter(id)
            | Subject::Ama(id)
            | Subject::Comment { comment: id, .. } => id,
        }
    }

    /// The post a post or comment subject is on.
    pub fn post(self) -> Option<i64> {
        match self {
            Subject::Post(post) | Subject::Comment { post, .. } => Some(post),
            _ => None,
        }
    }
}
