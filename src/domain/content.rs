use super::text::BoundedText;
use super::text_enum;

/// A post's title.
pub type PostTitle = BoundedText<1, 200>;
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
