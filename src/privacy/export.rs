//! Everything Allmende holds about one person, for them to take away (GDPR access and
//! portability): as JSON and as a readable page. Only their own data: others appear by
//! nothing more than the ids of the things the person acted on.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{
    ama_comments, ama_questions, amas, api_tokens, comments, communities, departments, digest_mutes, mail_preferences,
    meeting_rsvps, memberships, newsletter_opt_outs, notification_mutes, notifications, poll_options, poll_voters,
    poll_votes, polls, posts, reactions, status_reports, task_assignees, tasks, topic_follows, votes,
};
use crate::error::AppError;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Export {
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub generated_at: NaiveDateTime,
    pub profile: Profile,
    pub memberships: Vec<ExportMembership>,
    pub posts: Vec<ExportPost>,
    pub comments: Vec<ExportComment>,
    pub reactions: Vec<ExportReaction>,
    /// Votes on posts, answers and AMA questions.
    pub votes: Vec<ExportVote>,
    /// Named polls: the option chosen. Anonymous polls keep no link to a choice; they are
    /// listed under `polls_taken_part_in`.
    pub poll_votes: Vec<ExportPollVote>,
    pub polls_taken_part_in: Vec<i64>,
    pub ama_questions: Vec<ExportAmaQuestion>,
    pub ama_comments: Vec<ExportComment>,
    pub tasks: Vec<ExportTask>,
    pub status_reports: Vec<ExportStatusReport>,
    pub meeting_answers: Vec<ExportMeetingAnswer>,
    pub notifications: Vec<ExportNotification>,
    pub settings: ExportSettings,
    /// API tokens by label (the secrets themselves are never stored).
    pub api_tokens: Vec<ExportToken>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Profile {
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub department: Option<String>,
    pub locale: Option<String>,
    pub timezone: Option<String>,
    pub source: crate::domain::PersonSource,
    pub is_admin: bool,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportMembership {
    pub community: String,
    pub role: String,
    pub state: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub since: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportPost {
    pub id: i64,
    pub community: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub deleted: bool,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportComment {
    pub id: i64,
    /// The post (or AMA question) it belongs to.
    pub on: i64,
    pub body: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportReaction {
    pub target_type: String,
    pub target_id: i64,
    pub kind: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportVote {
    pub subject: String,
    pub subject_id: i64,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportPollVote {
    pub poll_id: i64,
    pub question: String,
    pub option: String,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportAmaQuestion {
    pub id: i64,
    pub ama: String,
    pub body: String,
    pub anonymous: bool,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportTask {
    pub id: i64,
    pub community: String,
    pub title: String,
    pub description: String,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    pub created_by_me: bool,
    pub assigned_to_me: bool,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportStatusReport {
    pub id: i64,
    pub community: String,
    pub overall: String,
    pub summary: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportMeetingAnswer {
    pub meeting_id: i64,
    pub answer: String,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportNotification {
    pub kind: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    pub read: bool,
    pub post_id: Option<i64>,
    pub community_id: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportSettings {
    /// off, daily or weekly, with weekday (1 = Monday) and hour; none: the defaults.
    pub digest: Option<(String, i32, i32)>,
    pub digest_muted_communities: Vec<String>,
    pub newsletters_declined: Vec<String>,
    pub muted_notification_kinds: Vec<String>,
    pub followed_topics: Vec<String>,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct ExportToken {
    pub label: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::write_option")]
    pub last_used_at: Option<NaiveDateTime>,
}

/// The person's data as it is now.
pub fn export(conn: &mut DbConnection, person: &Person) -> Result<Export, AppError> {
    let me = person.id;
    let department = match person.department_id {
        Some(d) => departments::table
            .find(d)
            .select(departments::name)
            .first(conn)
            .optional()?,
        None => None,
    };
    let profile = Profile {
        uid: person.uid.clone(),
        display_name: person.display_name.clone(),
        email: person.email.clone(),
        title: person.title.clone(),
        phone: person.phone.clone(),
        employee_number: person.employee_number.clone(),
        department,
        locale: person.locale.map(|l| l.as_str().to_string()),
        timezone: person.timezone.map(|t| t.name().to_string()),
        source: person.source,
        is_admin: person.is_admin,
        created_at: person.created_at,
    };
    let memberships = memberships::table
        .inner_join(communities::table)
        .filter(memberships::person_id.eq(me))
        .order(communities::name)
        .select((
            communities::name,
            memberships::role,
            memberships::state,
            memberships::created_at,
        ))
        .load(conn)?;
    let posts = posts::table
        .inner_join(communities::table.on(communities::id.eq(posts::community_id)))
        .filter(posts::author_id.eq(me))
        .order(posts::id)
        .select((
            posts::id,
            communities::name,
            posts::kind,
            posts::title,
            posts::body,
            posts::created_at,
            posts::deleted_at.is_not_null(),
        ))
        .load(conn)?;
    let comments = comments::table
        .filter(comments::author_id.eq(me))
        .order(comments::id)
        .select((comments::id, comments::post_id, comments::body, comments::created_at))
        .load(conn)?;
    let reactions = reactions::table
        .filter(reactions::person_id.eq(me))
        .select((
            reactions::target_type,
            reactions::target_id,
            reactions::kind,
            reactions::created_at,
        ))
        .load(conn)?;
    let votes = votes::table
        .filter(votes::person_id.eq(me))
        .select((votes::subject, votes::subject_id, votes::created_at))
        .load(conn)?;
    let poll_votes = poll_votes::table
        .inner_join(polls::table.on(polls::id.eq(poll_votes::poll_id)))
        .inner_join(poll_options::table.on(poll_options::id.eq(poll_votes::option_id)))
        .filter(poll_votes::person_id.eq(me))
        .select((poll_votes::poll_id, polls::question, poll_options::text))
        .load(conn)?;
    let polls_taken_part_in = poll_voters::table
        .filter(poll_voters::person_id.eq(me))
        .select(poll_voters::poll_id)
        .load(conn)?;
    let ama_questions = ama_questions::table
        .inner_join(amas::table)
        .filter(ama_questions::asker_id.eq(me))
        .order(ama_questions::id)
        .select((
            ama_questions::id,
            amas::title,
            ama_questions::body,
            ama_questions::anonymous,
            ama_questions::created_at,
        ))
        .load(conn)?;
    let ama_comments = ama_comments::table
        .filter(ama_comments::author_id.eq(me))
        .select((
            ama_comments::id,
            ama_comments::question_id,
            ama_comments::body,
            ama_comments::created_at,
        ))
        .load(conn)?;
    let assigned: Vec<i64> = task_assignees::table
        .filter(task_assignees::person_id.eq(me))
        .select(task_assignees::task_id)
        .load(conn)?;
    let tasks = tasks::table
        .inner_join(communities::table.on(communities::id.eq(tasks::community_id)))
        .filter(tasks::created_by.eq(me).or(tasks::id.eq_any(&assigned)))
        .order(tasks::id)
        .select((
            tasks::id,
            communities::name,
            tasks::title,
            tasks::description,
            tasks::status,
            tasks::due_on,
            tasks::created_by,
        ))
        .load::<(i64, String, String, String, String, Option<NaiveDate>, Option<i64>)>(conn)?
        .into_iter()
        .map(|(id, community, title, description, status, due_on, by)| ExportTask {
            id,
            community,
            title,
            description,
            status,
            due_on,
            created_by_me: by == Some(me),
            assigned_to_me: assigned.contains(&id),
        })
        .collect();
    let status_reports = status_reports::table
        .inner_join(communities::table.on(communities::id.eq(status_reports::community_id)))
        .filter(status_reports::author_id.eq(me))
        .select((
            status_reports::id,
            communities::name,
            status_reports::overall,
            status_reports::summary,
            status_reports::created_at,
        ))
        .load(conn)?;
    let meeting_answers = meeting_rsvps::table
        .filter(meeting_rsvps::person_id.eq(me))
        .select((meeting_rsvps::meeting_id, meeting_rsvps::answer))
        .load(conn)?;
    let notifications = notifications::table
        .filter(notifications::person_id.eq(me))
        .order(notifications::id.desc())
        .select((
            notifications::kind,
            notifications::created_at,
            notifications::read_at.is_not_null(),
            notifications::post_id,
            notifications::community_id,
        ))
        .load(conn)?;
    let community_names = |ids: Vec<i64>, conn: &mut DbConnection| -> Result<Vec<String>, AppError> {
        Ok(communities::table
            .filter(communities::id.eq_any(ids))
            .order(communities::name)
            .select(communities::name)
            .load(conn)?)
    };
    let muted: Vec<i64> = digest_mutes::table
        .filter(digest_mutes::person_id.eq(me))
        .select(digest_mutes::community_id)
        .load(conn)?;
    let declined: Vec<i64> = newsletter_opt_outs::table
        .filter(newsletter_opt_outs::person_id.eq(me))
        .select(newsletter_opt_outs::community_id)
        .load(conn)?;
    let settings = ExportSettings {
        digest: mail_preferences::table
            .find(me)
            .select((
                mail_preferences::digest,
                mail_preferences::digest_weekday,
                mail_preferences::digest_hour,
            ))
            .first(conn)
            .optional()?,
        digest_muted_communities: community_names(muted, conn)?,
        newsletters_declined: community_names(declined, conn)?,
        muted_notification_kinds: notification_mutes::table
            .filter(notification_mutes::person_id.eq(me))
            .select(notification_mutes::kind)
            .load(conn)?,
        followed_topics: topic_follows::table
            .filter(topic_follows::person_id.eq(me))
            .select(topic_follows::topic)
            .load(conn)?,
    };
    let api_tokens = api_tokens::table
        .filter(api_tokens::person_id.eq(me))
        .select((api_tokens::label, api_tokens::created_at, api_tokens::last_used_at))
        .load(conn)?;
    Ok(Export {
        generated_at: crate::db::now(),
        profile,
        memberships,
        posts,
        comments,
        reactions,
        votes,
        poll_votes,
        polls_taken_part_in,
        ama_questions,
        ama_comments,
        tasks,
        status_reports,
        meeting_answers,
        notifications,
        settings,
        api_tokens,
    })
}
