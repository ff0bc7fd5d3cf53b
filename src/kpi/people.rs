//! Who took part in a period, as sets of ids that never leave this module's callers: the KPI
//! figures count them (and `privacy` decides whether a count may be shown). Nothing here is
//! shown per person.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::dsl::{Eq, Filter, InnerJoin, Select};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    ama_questions, amas, comments, mail_deliveries, newsletters, posts, reactions, reports, votes,
};
use crate::error::AppError;

/// The people behind each kind of activity in a period.
#[derive(Debug, Default)]
pub struct Takers {
    pub posters: HashSet<i64>,
    pub commenters: HashSet<i64>,
    pub reactors: HashSet<i64>,
    pub voters: HashSet<i64>,
    /// Asked a Q&A question.
    pub questioners: HashSet<i64>,
    /// Asked or voted in an AMA.
    pub ama: HashSet<i64>,
    pub reporters: HashSet<i64>,
    /// Decided a report.
    pub moderators: HashSet<i64>,
    /// Received a digest or newsletter.
    pub readers: HashSet<i64>,
}

impl Takers {
    /// Who posted, commented, reacted, voted or asked.
    pub fn active(&self) -> HashSet<i64> {
        let mut all = self.posters.clone();
        for set in [
            &self.commenters,
            &self.reactors,
            &self.voters,
            &self.questioners,
            &self.ama,
        ] {
            all.extend(set);
        }
        all
    }
}

/// The ids of a community's posts, for `eq_any`.
pub(super) fn posts_of(c: i64) -> Select<Filter<posts::table, Eq<posts::community_id, i64>>, posts::id> {
    posts::table.filter(posts::community_id.eq(c)).select(posts::id)
}

type CommentsOf = Select<Filter<InnerJoin<comments::table, posts::table>, Eq<posts::community_id, i64>>, comments::id>;

/// The ids of the comments on a community's posts, for `eq_any`.
pub(super) fn comments_of(c: i64) -> CommentsOf {
    comments::table
        .inner_join(posts::table)
        .filter(posts::community_id.eq(c))
        .select(comments::id)
}

/// Reactions in `community` (all: the organization): for a community, those on its posts and
/// those on their comments, as two queries (each reads the reactions' key for the ids; one
/// query with OR would scan the period's reactions).
pub(super) fn reactions_in(community: Option<i64>) -> Vec<reactions::BoxedQuery<'static, crate::db::DbBackend>> {
    match community {
        Some(c) => vec![
            reactions::table
                .filter(reactions::target_type.eq("post"))
                .filter(reactions::target_id.eq_any(posts_of(c)))
                .into_boxed(),
            reactions::table
                .filter(reactions::target_type.eq("comment"))
                .filter(reactions::target_id.eq_any(comments_of(c)))
                .into_boxed(),
        ],
        None => vec![reactions::table.into_boxed()],
    }
}

/// Who did what in `community` (all: the organization) between `begin` and `end`.
///
/// A community is matched through the ids of its posts (and their comments, its AMAs' questions)
/// rather than by joining: for the organization each query then reads one covering index.
pub fn takers(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Takers, AppError> {
    let set = |ids: Vec<Option<i64>>| ids.into_iter().flatten().collect::<HashSet<i64>>();
    let question = crate::domain::PostKind::Question.as_str();
    let questions_of = |c: i64| {
        ama_questions::table
            .inner_join(amas::table)
            .filter(amas::community_id.eq(c))
            .select(ama_questions::id)
    };

    let mut q = posts::table
        .filter(posts::created_at.ge(begin))
        .filter(posts::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    let authors: Vec<(Option<i64>, String)> = q.select((posts::author_id, posts::kind)).distinct().load(conn)?;
    let (asked, wrote): (Vec<_>, Vec<_>) = authors.into_iter().partition(|(_, kind)| kind == question);

    let mut q = comments::table
        .filter(comments::created_at.ge(begin))
        .filter(comments::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(comments::post_id.eq_any(posts_of(c)));
    }
    let commenters = q.select(comments::author_id).distinct().load(conn)?;

    let mut reactors = HashSet::new();
    for q in reactions_in(community) {
        reactors.extend(
            q.filter(reactions::created_at.ge(begin))
                .filter(reactions::created_at.lt(end))
                .select(reactions::person_id)
                .distinct()
                .load::<i64>(conn)?,
        );
    }

    // Votes on posts and answers (Q&A); AMA votes count as AMA participation below.
    let (post, answer, ama_question) = (
        crate::votes::Subject::Post.as_str(),
        crate::votes::Subject::Comment.as_str(),
        crate::votes::Subject::AmaQuestion.as_str(),
    );
    let mut q = votes::table
        .filter(votes::created_at.ge(begin))
        .filter(votes::created_at.lt(end))
        .into_boxed();
    match community {
        Some(c) => {
            q = q.filter(
                votes::subject
                    .eq(post)
                    .and(votes::subject_id.eq_any(posts_of(c)))
                    .or(votes::subject.eq(answer).and(votes::subject_id.eq_any(comments_of(c)))),
            )
        }
        None => q = q.filter(votes::subject.eq_any([post, answer])),
    }
    let voters: HashSet<i64> = q
        .select(votes::person_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();

    let mut q = ama_questions::table
        .filter(ama_questions::created_at.ge(begin))
        .filter(ama_questions::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(ama_questions::ama_id.eq_any(amas::table.filter(amas::community_id.eq(c)).select(amas::id)));
    }
    let mut ama = set(q.select(ama_questions::asker_id).distinct().load(conn)?);
    let mut q = votes::table
        .filter(votes::subject.eq(ama_question))
        .filter(votes::created_at.ge(begin))
        .filter(votes::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(votes::subject_id.eq_any(questions_of(c)));
    }
    ama.extend(q.select(votes::person_id).distinct().load::<i64>(conn)?);

    let mut q = reports::table
        .filter(reports::created_at.ge(begin))
        .filter(reports::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(reports::community_id.eq(c));
    }
    let reporters = set(q.select(reports::reporter_id).distinct().load(conn)?);
    let mut q = reports::table
        .filter(reports::decided_at.ge(begin))
        .filter(reports::decided_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(reports::community_id.eq(c));
    }
    let moderators = set(q.select(reports::decided_by).distinct().load(conn)?);

    // A community's newsletters; the organization's digests and newsletters.
    let mut q = mail_deliveries::table
        .left_join(newsletters::table)
        .filter(mail_deliveries::state.eq("sent"))
        .filter(mail_deliveries::sent_at.ge(begin))
        .filter(mail_deliveries::sent_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(newsletters::community_id.eq(c));
    }
    let readers = q
        .select(mail_deliveries::person_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();

    Ok(Takers {
        posters: set(wrote.into_iter().map(|(a, _)| a).collect()),
        questioners: set(asked.into_iter().map(|(a, _)| a).collect()),
        commenters: set(commenters),
        reactors,
        voters,
        ama,
        reporters,
        moderators,
        readers,
    })
}
