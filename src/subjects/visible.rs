//! What a viewer may see of many subjects at once, and by which name: one query per kind of
//! subject, each built on the policy of what it is (a post's `readable_by`, a community's
//! `visible_to`, …), so that a list of notifications (or, next, of attachments) asks once
//! instead of loading each thing with its access. It stands beside the policies: it uses them
//! and the floor, nothing else.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Subject, SubjectKind};
use crate::amas::policy::readable_by as ama_readable_by;
use crate::communities::policy::visible_to;
use crate::db::DbConnection;
use crate::db::models::{Community, Person};
use crate::db::schema::{ama_questions, amas, communities, meetings, newsletters, posts, tasks};
use crate::domain::QuestionState;
use crate::error::AppError;
use crate::meetings::policy::readable_by as meeting_readable_by;
use crate::newsletters::policy::readable_by as newsletter_readable_by;
use crate::posts::policy::{load_post, readable_by as post_readable_by};
use crate::references::CommunityRef;
use crate::tasks::policy::readable_by as task_readable_by;

/// A subject the viewer may see, as it is shown to them.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// The post's, task's, meeting's, newsletter's or AMA's title; none for a post its moderators hid (unless the
    /// viewer moderates it) and for a community (see `community`).
    pub title: Option<String>,
    /// The community, for a community subject.
    pub community: Option<CommunityRef>,
}

/// The subjects of `subjects` that `viewer` may see, each with what to show of it; the others
/// are left out.
pub fn shown_to(
    conn: &mut DbConnection,
    viewer: &Person,
    subjects: &[Subject],
) -> Result<HashMap<Subject, Shown>, AppError> {
    let ids = |wanted: &dyn Fn(Subject) -> Option<i64>| -> Vec<i64> {
        let mut ids: Vec<i64> = subjects.iter().copied().filter_map(wanted).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let of_kind = |kind: SubjectKind| ids(&|s: Subject| (s.kind() == kind).then(|| s.id()));
    let post_ids = ids(&Subject::post);
    let posts: HashMap<i64, Option<String>> = if post_ids.is_empty() {
        HashMap::new()
    } else {
        let rows: Vec<(i64, String, bool)> = posts::table
            .filter(posts::id.eq_any(&post_ids))
            .filter(post_readable_by(viewer.id))
            .select((posts::id, posts::title, posts::hidden_at.is_null()))
            .load(conn)?;
        let mut shown = HashMap::with_capacity(rows.len());
        for (id, title, visible) in rows {
            // Hidden posts are rare: whether the viewer moderates them is asked one by one.
            let titled = visible || load_post(conn, viewer, id).is_ok_and(|a| a.community.can_moderate());
            shown.insert(id, titled.then_some(title));
        }
        shown
    };
    // What the title of a task, a meeting, a newsletter (its subject line), an AMA or an AMA
    // question (its AMA's) is, where readable.
    let titled = |conn: &mut DbConnection, kind: SubjectKind| -> QueryResult<HashMap<i64, String>> {
        let ids = of_kind(kind);
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, String)> = match kind {
            SubjectKind::Task => tasks::table
                .filter(tasks::id.eq_any(&ids))
                .filter(task_readable_by(viewer.id))
                .select((tasks::id, tasks::title))
                .load(conn)?,
            SubjectKind::Meeting => meetings::table
                .filter(meetings::id.eq_any(&ids))
                .filter(meeting_readable_by(viewer.id))
                .select((meetings::id, meetings::title))
                .load(conn)?,
            SubjectKind::Newsletter => newsletters::table
                .filter(newsletters::id.eq_any(&ids))
                .filter(newsletter_readable_by(viewer.id))
                .select((newsletters::id, newsletters::subject))
                .load(conn)?,
            SubjectKind::Ama => amas::table
                .filter(amas::id.eq_any(&ids))
                .filter(ama_readable_by(viewer.id))
                .select((amas::id, amas::title))
                .load(conn)?,
            // Only published questions: who may see a pending or hidden one (its asker, the
            // hosts, moderators) is the AMA policy's to say, one by one; here nobody does.
            SubjectKind::AmaQuestion => ama_questions::table
                .inner_join(amas::table)
                .filter(ama_questions::id.eq_any(&ids))
                .filter(ama_questions::state.eq(QuestionState::Published))
                .filter(ama_readable_by(viewer.id))
                .select((ama_questions::id, amas::title))
                .load(conn)?,
            SubjectKind::Community | SubjectKind::Post | SubjectKind::Comment => Vec::new(),
        };
        Ok(rows.into_iter().collect())
    };
    let tasks = titled(conn, SubjectKind::Task)?;
    let meetings = titled(conn, SubjectKind::Meeting)?;
    let newsletters = titled(conn, SubjectKind::Newsletter)?;
    let amas = titled(conn, SubjectKind::Ama)?;
    let questions = titled(conn, SubjectKind::AmaQuestion)?;
    let community_ids = of_kind(SubjectKind::Community);
    let communities: HashMap<i64, CommunityRef> = if community_ids.is_empty() {
        HashMap::new()
    } else {
        communities::table
            .filter(communities::id.eq_any(&community_ids))
            .filter(visible_to(viewer.id))
            .select(Community::as_select())
            .load(conn)?
            .iter()
            .map(|c| (c.id, CommunityRef::from(c)))
            .collect()
    };
    let titled_as = |title: Option<&String>| {
        title.map(|t| Shown {
            title: Some(t.clone()),
            community: None,
        })
    };
    Ok(subjects
        .iter()
        .filter_map(|&subject| {
            let shown = match subject {
                Subject::Post(post) | Subject::Comment { post, .. } => posts.get(&post).map(|title| Shown {
                    title: title.clone(),
                    community: None,
                }),
                Subject::Task(id) => titled_as(tasks.get(&id)),
                Subject::Meeting(id) => titled_as(meetings.get(&id)),
                Subject::Newsletter(id) => titled_as(newsletters.get(&id)),
                Subject::Ama(id) => titled_as(amas.get(&id)),
                Subject::AmaQuestion(id) => titled_as(questions.get(&id)),
                Subject::Community(id) => communities.get(&id).map(|c| Shown {
                    title: None,
                    community: Some(c.clone()),
                }),
            };
            shown.map(|shown| (subject, shown))
        })
        .collect())
}
