use super::text::{BoundedText, Line};
use super::text_enum;

/// A post's title.
pub type PostTitle = Line<1, 200>;
/// A post's markdown source: long enough for a newsletter, short enough to render at once.
pub type PostBody = BoundedText<1, 20_000>;
/// A comment's markdown source.
pub type CommentBody = BoundedText<1, 5_000>;

text_enum!(
    /// The small fixed set of reactions; one per person on each post or comment.
    ReactionKind, "kind" {
        Like => "like",
        Celebrate => "celebrate",
        Support => "support",
        Insightful => "insightful",
        Curious => "curious",
    }
);

text_enum!(
    /// Why someone reports a post or comment.
    ReportReason, "reason" {
        Spam => "spam",
        Offensive => "offensive",
        OffTopic => "off-topic",
        Other => "other",
    }
);

text_enum!(
    /// What a moderator decides about reported content.
    ModerationAction, "action" {
        Dismiss => "dismiss",
        Hide => "hide",
        Delete => "delete",
        Warn => "warn",
        Ban => "ban",
    }
);

/// A reporter's or moderator's words.
pub type ModerationNote = BoundedText<0, 1_000>;

text_enum!(
    /// What a notification is about; each kind can be switched off.
    NotificationKind, "kind" {
        Mentioned => "mentioned",
        Comment => "comment",
        Reply => "reply",
        ReportHandled => "report-handled",
        Moderated => "moderated",
        Report => "report",
        Reaction => "reaction",
        Invited => "invited",
        JoinRequest => "join-request",
        JoinApproved => "join-approved",
        TaskAssigned => "task-assigned",
        TaskComment => "task-comment",
        TaskStatus => "task-status",
        TaskDue => "task-due",
        AmaScheduled => "ama-scheduled",
        AmaLive => "ama-live",
        AmaStarting => "ama-starting",
        QuestionAnswered => "question-answered",
        AnswerAccepted => "answer-accepted",
    }
);

text_enum!(
    /// What a post is: an article, or a question whose top-level comments are its answers.
    PostKind, "kind" {
        Post => "post",
        Question => "question",
    }
);
