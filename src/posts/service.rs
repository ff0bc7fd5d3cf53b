//! Posts: every function takes the viewer, asks the policy, then acts. Their comments and
//! reactions are in `comments`; what both show and save is here.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::policy::{PostAccess, load_post};
use crate::api::pagination::{PageRequest, Paged, parse_id_key, parse_time_key, time_key};
use crate::communities::policy::{self as communities, Access};
use crate::db::models::{Comment, NewAuditEntry, NewPost, Person, Post};
use crate::db::schema::{comments, post_topics, posts, reactions};
use crate::db::{DbConnection, now};
use crate::domain::{PostBody, PostKind, PostTitle, ReactionKind};
use crate::error::AppError;
use crate::error::Code;
use crate::notifications::notices as notifications;
use crate::references::{AuthorRef, Mentions, authors};
use crate::search::index;
use crate::subjects::Subject;

/// A post as readers get it (pages and API).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostView {
    pub id: i64,
    /// The community's slug.
    pub community: String,
    /// The community's name, to show beside the post where it is not the page's own.
    pub community_name: String,
    pub title: String,
    /// Markdown source.
    pub body: String,
    /// The source rendered and sanitised.
    pub body_html: String,
    pub author: Option<AuthorRef>,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    /// When it was posted or last commented on (the feed's order).
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub last_activity_at: NaiveDateTime,
    /// When the author last changed it, if ever.
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub edited_at: Option<NaiveDateTime>,
    pub pinned: bool,
    pub announcement: bool,
    /// Only moderators see deleted posts.
    pub deleted: bool,
    /// Hidden by moderation: only moderators get the text, everyone else a notice.
    pub hidden: bool,
    pub comment_count: i64,
    /// Reactions by kind.
    pub reactions: BTreeMap<String, i64>,
    pub my_reaction: Option<ReactionKind>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Not one's own, and not deleted.
    pub can_report: bool,
    /// `post`, or `question` (Q&A: its top-level comments are answers).
    pub kind: PostKind,
    /// Questions: upvotes, whether the viewer gave one, and whether they may.
    pub votes: i64,
    pub voted: bool,
    pub can_vote: bool,
    /// Questions: the accepted answer, and when someone first answered.
    pub accepted_comment_id: Option<i64>,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub first_answer_at: Option<NaiveDateTime>,
    pub can_accept: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: i64,
    pub post_id: i64,
    /// The comment this one replies to.
    pub parent_id: Option<i64>,
    pub author: Option<AuthorRef>,
    pub body: String,
    pub body_html: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub edited_at: Option<NaiveDateTime>,
    pub deleted: bool,
    /// Hidden by moderation: only moderators get the text.
    pub hidden: bool,
    pub reactions: BTreeMap<String, i64>,
    pub my_reaction: Option<ReactionKind>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Not one's own, and not deleted.
    pub can_report: bool,
    /// Answers to questions: upvotes, the viewer's, whether they may vote, accepted.
    pub votes: i64,
    pub voted: bool,
    pub can_vote: bool,
    pub accepted: bool,
    #[schema(no_recursion)]
    pub replies: Vec<CommentView>,
}

/// A post with its conversation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostDetail {
    #[serde(flatten)]
    pub post: PostView,
    pub comments: Vec<CommentView>,
    pub can_comment: bool,
    pub can_flag: bool,
}

#[derive(Debug)]
pub struct PostInput {
    pub kind: PostKind,
    pub title: PostTitle,
    pub body: PostBody,
    pub pinned: bool,
    pub announcement: bool,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct PostChange {
    pub title: Option<PostTitle>,
    pub body: Option<PostBody>,
    pub pinned: Option<bool>,
    pub announcement: Option<bool>,
}

/// What a reaction is on.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Post(i64),
    Comment(i64),
}

/// Writes a post as given (the caller has checked who may); the demo uses it directly.
pub fn insert(conn: &mut DbConnection, community_id: i64, author_id: i64, input: &PostInput) -> QueryResult<i64> {
    insert_saved(conn, community_id, author_id, input).map(|(id, _)| id)
}

fn insert_saved(
    conn: &mut DbConnection,
    community_id: i64,
    author_id: i64,
    input: &PostInput,
) -> QueryResult<(i64, SavedText)> {
    let at = now();
    let text = SavedText::of(conn, input.body.as_str())?;
    let id = diesel::insert_into(posts::table)
        .values(NewPost {
            community_id,
            author_id: Some(author_id),
            title: input.title.as_str().to_string(),
            body: input.body.as_str().to_string(),
            body_html: text.html.clone(),
            pinned: input.pinned,
            announcement: input.announcement,
            created_at: at,
            updated_at: at,
            last_activity_at: at,
            kind: input.kind,
        })
        .returning(posts::id)
        .get_result(conn)?;
    set_topics(conn, id, &text.topics)?;
    index::refresh(conn, Subject::Post(id))?;
    Ok((id, text))
}

/// A text as it is saved: its HTML (with `@uid` linked for the people who exist), those people,
/// and the topics it names — read from the markdown once.
pub(super) struct SavedText {
    pub(super) html: String,
    /// Everyone mentioned who exists.
    mentioned: Mentions,
    topics: Vec<String>,
}

impl SavedText {
    pub(super) fn of(conn: &mut DbConnection, body: &str) -> QueryResult<SavedText> {
        let mentioned = Mentions::load(conn, [body])?;
        Ok(SavedText {
            html: crate::markdown::render(body, &|uid| mentioned.name_of(uid)),
            mentioned,
            topics: crate::markdown::references(body).topics,
        })
    }

    pub(super) fn mentioned_ids(&self) -> Vec<i64> {
        self.mentioned.people().iter().map(|m| m.id).collect()
    }

    /// The people mentioned now whom `before` did not mention (they were told already).
    pub(super) fn newly_mentioned(&self, before: &str) -> Vec<i64> {
        let old = crate::markdown::references(before).mentions;
        self.mentioned
            .people()
            .iter()
            .filter(|m| !old.contains(&m.uid))
            .map(|m| m.id)
            .collect()
    }
}

/// Every post's HTML and topics made again from its markdown (after an upgrade added them).
pub fn refresh_derived(conn: &mut DbConnection) -> Result<(), AppError> {
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String)> = posts::table
            .filter(posts::id.gt(after))
            .order(posts::id.asc())
            .limit(500)
            .select((posts::id, posts::body))
            .load(conn)?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        for (id, body) in batch {
            let text = SavedText::of(conn, &body)?;
            diesel::update(posts::table.find(id))
                .set(posts::body_html.eq(&text.html))
                .execute(conn)?;
            set_topics(conn, id, &text.topics)?;
        }
        after = last;
    }
}

/// The post's topics, as its body names them now.
fn set_topics(conn: &mut DbConnection, post_id: i64, topics: &[String]) -> QueryResult<()> {
    diesel::delete(post_topics::table.filter(post_topics::post_id.eq(post_id))).execute(conn)?;
    for topic in topics {
        diesel::insert_into(post_topics::table)
            .values((post_topics::post_id.eq(post_id), post_topics::topic.eq(topic)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn create(conn: &mut DbConnection, viewer: &Person, slug: &str, input: PostInput) -> Result<i64, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = communities::load(conn, viewer, slug)?;
        super::policy::can_write(&access, input.kind)?;
        if (input.pinned || input.announcement) && !access.is_manager() {
            return Err(AppError::Forbidden {
                code: Code::ManagersOnly,
            });
        }
        let (id, text) = insert_saved(conn, access.community.id, viewer.id, &input)?;
        notifications::notify_mentions(conn, &text.mentioned_ids(), viewer.id, id, None)?;
        Ok(id)
    })
}

/// A community's posts, pinned first, then newest first.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Person,
    slug: &str,
    page: &PageRequest,
) -> Result<Paged<PostView>, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    list_in(conn, &access, viewer, page)
}

pub fn list_in(
    conn: &mut DbConnection,
    access: &Access,
    viewer: &Person,
    page: &PageRequest,
) -> Result<Paged<PostView>, AppError> {
    if !access.can_read() {
        return Err(AppError::Forbidden {
            code: Code::MembersOnly,
        });
    }
    let mut q = posts::table
        .filter(posts::community_id.eq(access.community.id))
        .into_boxed();
    if !access.can_moderate() {
        q = q.filter(posts::deleted_at.is_null());
    }
    if let Some([pinned, at, id]) = page.keys()? {
        let (pinned, at, id) = (pinned == "1", parse_time_key(at)?, parse_id_key(id)?);
        q = q.filter(
            posts::pinned
                .lt(pinned)
                .or(posts::pinned.eq(pinned).and(posts::created_at.lt(at)))
                .or(posts::pinned
                    .eq(pinned)
                    .and(posts::created_at.eq(at))
                    .and(posts::id.lt(id))),
        );
    }
    let rows: Vec<Post> = q
        .order((posts::pinned.desc(), posts::created_at.desc(), posts::id.desc()))
        .limit(page.limit + 1)
        .select(Post::as_select())
        .load(conn)?;
    let views = views(conn, &one(access), viewer, rows)?;
    Ok(Paged::from_rows(views, page.limit, None, |p| {
        vec![u8::from(p.pinned).to_string(), time_key(p.created_at), p.id.to_string()]
    }))
}

pub fn get(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<PostDetail, AppError> {
    let access = load_post(conn, viewer, id)?;
    detail(conn, &access, viewer)
}

fn detail(conn: &mut DbConnection, access: &PostAccess, viewer: &Person) -> Result<PostDetail, AppError> {
    let post = views(conn, &one(&access.community), viewer, vec![access.post.clone()])?
        .pop()
        .ok_or(AppError::NotFound)?;
    let rows: Vec<Comment> = comments::table
        .filter(comments::post_id.eq(access.post.id))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(Comment::as_select())
        .load(conn)?;
    let rows: Vec<Comment> = rows.into_iter().filter(|c| access.sees_comment(c)).collect();
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let authors = authors(conn, rows.iter().filter_map(|c| c.author_id))?;
    let (counts, mine) = reaction_counts(conn, "comment", &ids, viewer.id)?;
    let voted = crate::votes::voted(conn, crate::votes::Subject::Comment, &ids, viewer.id)?;
    let moderator = access.community.can_moderate();
    let view = |c: &Comment| CommentView {
        id: c.id,
        post_id: c.post_id,
        parent_id: c.parent_id,
        author: c.author_id.and_then(|a| authors.get(&a).cloned()),
        body: shown(c.hidden_at, moderator, &c.body),
        body_html: shown(c.hidden_at, moderator, &c.body_html),
        created_at: c.created_at,
        edited_at: c.edited_at,
        deleted: c.deleted_at.is_some(),
        hidden: c.hidden_at.is_some(),
        reactions: all_kinds(counts.get(&c.id)),
        my_reaction: mine.get(&c.id).copied(),
        can_edit: access.can_edit_comment(c).is_ok(),
        can_delete: access.can_delete_comment(c).is_ok(),
        can_report: access.can_report(Some(c)).is_ok(),
        votes: c.votes,
        voted: voted.contains(&c.id),
        can_vote: access.can_vote(c.author_id, Some(c)).is_ok(),
        accepted: access.post.accepted_comment_id == Some(c.id),
        replies: Vec::new(),
    };
    let mut top: Vec<CommentView> = rows.iter().filter(|c| c.parent_id.is_none()).map(view).collect();
    for reply in rows.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(parent) = top.iter_mut().find(|t| Some(t.id) == reply.parent_id) {
            parent.replies.push(view(reply));
        }
    }
    Ok(PostDetail {
        post,
        comments: top,
        can_comment: access.can_participate().is_ok(),
        can_flag: access.can_flag().is_ok(),
    })
}

/// The posts with the newest activity (posted or commented) the viewer may read, merged from
/// several sources (topic pages: one; the feed: each of my communities, and followed topics),
/// paged. Each source is read only as far as one page reaches, along its own index — so the
/// cost follows the page size and the number of sources, not how many posts there are.
pub fn newest(
    conn: &mut DbConnection,
    viewer: &Person,
    page: &PageRequest,
    sources: Vec<posts::BoxedQuery<'static, crate::db::DbBackend>>,
) -> Result<Paged<PostView>, AppError> {
    let after = match page.keys()? {
        None => None,
        Some([at, id]) => Some((parse_time_key(at)?, parse_id_key(id)?)),
    };
    // Each source gives its page as keys only; the page's posts are read once at the end.
    let mut keys: Vec<(NaiveDateTime, i64)> = Vec::new();
    for source in sources {
        let mut q = source.filter(super::policy::readable_by(viewer.id));
        if let Some((at, id)) = after {
            q = q.filter(
                posts::last_activity_at
                    .lt(at)
                    .or(posts::last_activity_at.eq(at).and(posts::id.lt(id))),
            );
        }
        keys.extend(
            q.order((posts::last_activity_at.desc(), posts::id.desc()))
                .limit(page.limit + 1)
                .select((posts::last_activity_at, posts::id))
                .load::<(NaiveDateTime, i64)>(conn)?,
        );
    }
    keys.sort_by_key(|k| std::cmp::Reverse(*k));
    keys.dedup();
    keys.truncate(page.limit as usize + 1);
    let ids: Vec<i64> = keys.iter().map(|(_, id)| *id).collect();
    let mut rows: Vec<Post> = posts::table
        .filter(posts::id.eq_any(&ids))
        .select(Post::as_select())
        .load(conn)?;
    rows.sort_by_key(|p| std::cmp::Reverse((p.last_activity_at, p.id)));
    let views = views_across(conn, viewer, rows)?;
    Ok(Paged::from_rows(views, page.limit, None, |p| {
        vec![time_key(p.last_activity_at), p.id.to_string()]
    }))
}

/// Posts from several communities as the viewer sees them, in the order given. The
/// communities' access comes from their policy (all in one go); a post the viewer may not read
/// is left out.
pub fn views_across(conn: &mut DbConnection, viewer: &Person, rows: Vec<Post>) -> Result<Vec<PostView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.community_id).collect();
    let accesses = communities::load_many(conn, viewer, &ids)?;
    let readable = rows
        .into_iter()
        .filter(|p| {
            accesses.get(&p.community_id).is_some_and(|access| {
                PostAccess {
                    community: access.clone(),
                    post: p.clone(),
                    viewer_id: viewer.id,
                }
                .can_read()
            })
        })
        .collect();
    views(conn, &accesses, viewer, readable)
}

/// Posts as a viewer sees them, with authors, comment and reaction counts. `accesses` holds
/// the access to each post's community.
fn views(
    conn: &mut DbConnection,
    accesses: &HashMap<i64, Access>,
    viewer: &Person,
    rows: Vec<Post>,
) -> Result<Vec<PostView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let authors = authors(conn, rows.iter().filter_map(|p| p.author_id))?;
    let comment_counts: HashMap<i64, i64> = comments::table
        .filter(comments::post_id.eq_any(&ids))
        .filter(comments::deleted_at.is_null())
        .group_by(comments::post_id)
        .select((comments::post_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let (counts, mine) = reaction_counts(conn, "post", &ids, viewer.id)?;
    let voted = crate::votes::voted(conn, crate::votes::Subject::Post, &ids, viewer.id)?;
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            let access = accesses.get(&p.community_id)?;
            let rights = PostAccess {
                community: access.clone(),
                post: p.clone(),
                viewer_id: viewer.id,
            };
            Some(PostView {
                id: p.id,
                community: access.community.slug.clone(),
                community_name: access.community.name.clone(),
                author: p.author_id.and_then(|a| authors.get(&a).cloned()),
                comment_count: comment_counts.get(&p.id).copied().unwrap_or(0),
                reactions: all_kinds(counts.get(&p.id)),
                my_reaction: mine.get(&p.id).copied(),
                can_edit: rights.can_edit().is_ok(),
                can_delete: rights.can_delete().is_ok(),
                can_report: rights.can_report(None).is_ok(),
                deleted: p.deleted_at.is_some(),
                hidden: p.hidden_at.is_some(),
                body: shown(p.hidden_at, access.can_moderate(), &p.body),
                body_html: shown(p.hidden_at, access.can_moderate(), &p.body_html),
                title: shown(p.hidden_at, access.can_moderate(), &p.title),
                created_at: p.created_at,
                last_activity_at: p.last_activity_at,
                edited_at: p.edited_at,
                pinned: p.pinned,
                announcement: p.announcement,
                kind: p.kind,
                votes: p.votes,
                voted: voted.contains(&p.id),
                can_vote: rights.can_vote(p.author_id, None).is_ok(),
                accepted_comment_id: p.accepted_comment_id,
                first_answer_at: p.first_answer_at,
                can_accept: rights.can_accept().is_ok(),
            })
        })
        .collect())
}

fn one(access: &Access) -> HashMap<i64, Access> {
    HashMap::from([(access.community.id, access.clone())])
}

/// The text of hidden content goes to moderators only.
fn shown(hidden_at: Option<NaiveDateTime>, moderator: bool, text: &str) -> String {
    if hidden_at.is_none() || moderator {
        text.to_string()
    } else {
        String::new()
    }
}

/// One person as content names them, if they still exist.
type Counts = HashMap<i64, BTreeMap<String, i64>>;

/// Every kind with its count, zero included, so readers need not guess which exist.
fn all_kinds(counts: Option<&BTreeMap<String, i64>>) -> BTreeMap<String, i64> {
    ReactionKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                counts.and_then(|c| c.get(k.as_str())).copied().unwrap_or(0),
            )
        })
        .collect()
}

fn reaction_counts(
    conn: &mut DbConnection,
    target_type: &str,
    ids: &[i64],
    viewer_id: i64,
) -> Result<(Counts, HashMap<i64, ReactionKind>), AppError> {
    let mut counts: Counts = HashMap::new();
    for (target, kind, n) in reactions::table
        .filter(reactions::target_type.eq(target_type))
        .filter(reactions::target_id.eq_any(ids))
        .group_by((reactions::target_id, reactions::kind))
        .select((reactions::target_id, reactions::kind, diesel::dsl::count_star()))
        .load::<(i64, String, i64)>(conn)?
    {
        counts.entry(target).or_default().insert(kind, n);
    }
    let mine = reactions::table
        .filter(reactions::target_type.eq(target_type))
        .filter(reactions::target_id.eq_any(ids))
        .filter(reactions::person_id.eq(viewer_id))
        .select((reactions::target_id, reactions::kind))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .filter_map(|(t, k)| ReactionKind::parse(&k).ok().map(|k| (t, k)))
        .collect();
    Ok((counts, mine))
}

pub fn update(conn: &mut DbConnection, viewer: &Person, id: i64, change: PostChange) -> Result<PostDetail, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = load_post(conn, viewer, id)?;
        let content = change.title.is_some() || change.body.is_some();
        if content {
            access.can_edit()?;
        }
        if change.pinned.is_some() || change.announcement.is_some() {
            access.can_flag()?;
        }
        let p = &access.post;
        let at = now();
        let body = change.body.as_ref().map_or(p.body.as_str(), |b| b.as_str());
        let text = SavedText::of(conn, body)?;
        diesel::update(posts::table.find(id))
            .set((
                posts::title.eq(change.title.as_ref().map_or(p.title.as_str(), |t| t.as_str())),
                posts::body.eq(body),
                posts::body_html.eq(&text.html),
                posts::pinned.eq(change.pinned.unwrap_or(p.pinned)),
                posts::announcement.eq(change.announcement.unwrap_or(p.announcement)),
                posts::edited_at.eq(if content { Some(at) } else { p.edited_at }),
                posts::updated_at.eq(at),
            ))
            .execute(conn)?;
        set_topics(conn, id, &text.topics)?;
        index::refresh(conn, Subject::Post(id))?;
        notifications::notify_mentions(conn, &text.newly_mentioned(&p.body), viewer.id, id, None)?;
        let access = load_post(conn, viewer, id)?;
        detail(conn, &access, viewer)
    })
}

/// Soft deletion: moderators still see the post. A moderator deleting someone else's post is
/// recorded in the audit log.
/// What deleting a post takes away, for the question asked first; only for whoever may delete it.
#[derive(Debug)]
pub struct PostDeletion {
    pub title: String,
    pub comments: i64,
    /// Someone else's post: a moderator's deletion.
    pub author: Option<AuthorRef>,
}

pub fn deletion(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<PostDeletion, AppError> {
    let access = load_post(conn, viewer, id)?;
    access.can_delete()?;
    let comments = comments::table
        .filter(comments::post_id.eq(id).and(comments::deleted_at.is_null()))
        .count()
        .get_result(conn)?;
    let author = match access.post.author_id {
        Some(a) if a != viewer.id => crate::references::author_ref(conn, Some(a))?,
        _ => None,
    };
    Ok(PostDeletion {
        title: access.post.title,
        comments,
        author,
    })
}

pub fn delete(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<String, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let access = load_post(conn, viewer, id)?;
        access.can_delete()?;
        diesel::update(posts::table.find(id))
            .set((posts::deleted_at.eq(Some(now())), posts::deleted_by.eq(Some(viewer.id))))
            .execute(conn)?;
        index::refresh(conn, Subject::Post(id))?;
        if access.post.author_id != Some(viewer.id) {
            NewAuditEntry::record(
                conn,
                Some(viewer.id),
                "post.delete",
                ("post", &id.to_string()),
                serde_json::json!({ "community": access.community.community.slug }),
            )?;
        }
        Ok(access.community.community.slug)
    })
}
