//! Who took part in a period, as sets of ids that never leave this module's callers: the KPI
//! figures count them (and `privacy` decides whether a count may be shown). Nothing here is
//! shown per person.

use std::collections::HashSet;

use chrono::NaiveDateTime;
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

/// Who did what in `community` (all: the organization) between `begin` and `end`.
pub fn takers(
    conn: &mut DbConnection,
    community: Option<i64>,
    begin: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Takers, AppError> {
    let set = |ids: Vec<Option<i64>>| ids.into_iter().flatten().collect::<HashSet<i64>>();
    let question = crate::domain::PostKind::Question.as_str();

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
        .inner_join(posts::table)
        .filter(comments::created_at.ge(begin))
        .filter(comments::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    let commenters = q.select(comments::author_id).distinct().load(conn)?;

    let mut q = reactions::table
        .inner_join(posts::table.on(posts::id.eq(reactions::target_id)))
        .filter(reactions::target_type.eq("post"))
        .filter(reactions::created_at.ge(begin))
        .filter(reactions::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    let mut reactors: HashSet<i64> = q
        .select(reactions::person_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut q = reactions::table
        .inner_join(comments::table.on(comments::id.eq(reactions::target_id)))
        .inner_join(posts::table.on(posts::id.eq(comments::post_id)))
        .filter(reactions::target_type.eq("comment"))
        .filter(reactions::created_at.ge(begin))
        .filter(reactions::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    reactors.extend(q.select(reactions::person_id).distinct().load::<i64>(conn)?);

    // Votes on posts and answers (Q&A); AMA votes count as AMA participation below.
    let mut q = votes::table
        .inner_join(posts::table.on(posts::id.eq(votes::subject_id)))
        .filter(votes::subject.eq(crate::votes::Subject::Post.as_str()))
        .filter(votes::created_at.ge(begin))
        .filter(votes::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    let mut voters: HashSet<i64> = q
        .select(votes::person_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut q = votes::table
        .inner_join(comments::table.on(comments::id.eq(votes::subject_id)))
        .inner_join(posts::table.on(posts::id.eq(comments::post_id)))
        .filter(votes::subject.eq(crate::votes::Subject::Comment.as_str()))
        .filter(votes::created_at.ge(begin))
        .filter(votes::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(posts::community_id.eq(c));
    }
    voters.extend(q.select(votes::person_id).distinct().load::<i64>(conn)?);

    let mut q = ama_questions::table
        .inner_join(amas::table)
        .filter(ama_questions::created_at.ge(begin))
        .filter(ama_questions::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(amas::community_id.eq(c));
    }
    let mut ama = set(q.select(ama_questions::asker_id).distinct().load(conn)?);
    let mut q = votes::table
        .inner_join(ama_questions::table.on(ama_questions::id.eq(votes::subject_id)))
        .inner_join(amas::table.on(amas::id.eq(ama_questions::ama_id)))
        .filter(votes::subject.eq(crate::votes::Subject::AmaQuestion.as_str()))
        .filter(votes::created_at.ge(begin))
        .filter(votes::created_at.lt(end))
        .into_boxed();
    if let Some(c) = community {
        q = q.filter(amas::community_id.eq(c));
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
