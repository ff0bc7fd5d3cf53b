//! Writing many rows at once. Diesel's batch insert is not available through the
//! MultiConnection backend, so it is dispatched to the concrete connection here: a multi-row
//! INSERT on SQLite, COPY (binary) on PostgreSQL, which takes a fraction of an INSERT's time
//! per row (see BENCHMARKS.md). The rows' types insert `None` as NULL, as COPY requires.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::models::{
    KpiDay, NewAmaQuestion, NewAuditEntry, NewComment, NewCommunity, NewDelivery, NewMembership, NewNotification,
    NewPerson, NewPersonDepartment, NewPost, NewPostTopic, NewReaction, NewSearchDocument, NewStatusReport,
    NewStatusReportArea, NewVote,
};
use super::schema::{
    ama_questions, audit_log, comments, communities, kpi_days, mail_deliveries, memberships, notifications, people,
    person_departments, post_topics, posts, reactions, search_documents, status_report_areas, status_reports, votes,
};

/// One statement per call; callers chunk (1,000 rows stay under SQLite's parameter limit).
macro_rules! insert_all {
    ($(#[$doc:meta])* $name:ident, $table:path, $row:ty) => {
        $(#[$doc])*
        pub fn $name(conn: &mut DbConnection, rows: &[$row]) -> QueryResult<usize> {
            if rows.is_empty() {
                return Ok(0);
            }
            match conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(rows).execute(c),
                DbConnection::Postgresql(c) => diesel::copy_from($table).from_insertable(rows).execute(c),
            }
        }
    };
}

insert_all!(insert_people, people::table, NewPerson);
insert_all!(
    insert_person_departments,
    person_departments::table,
    NewPersonDepartment
);
insert_all!(insert_memberships, memberships::table, NewMembership);
insert_all!(insert_notifications, notifications::table, NewNotification);
insert_all!(insert_ama_questions, ama_questions::table, NewAmaQuestion);
insert_all!(insert_votes, votes::table, NewVote);
insert_all!(
    /// Audit entries, e.g. the changes of a directory sync.
    insert_audit_entries,
    audit_log::table,
    NewAuditEntry
);

insert_all!(insert_communities, communities::table, NewCommunity);
insert_all!(insert_posts, posts::table, NewPost);
insert_all!(insert_post_topics, post_topics::table, NewPostTopic);
insert_all!(insert_comments, comments::table, NewComment);
insert_all!(insert_reactions, reactions::table, NewReaction);
insert_all!(insert_search_documents, search_documents::table, NewSearchDocument);
insert_all!(insert_status_reports, status_reports::table, NewStatusReport);
insert_all!(
    insert_status_report_areas,
    status_report_areas::table,
    NewStatusReportArea
);

/// Sets every post's latest activity from its newest comment (after comments were written in
/// bulk; one statement, the same on both databases).
pub fn refresh_post_activity(conn: &mut DbConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE posts SET last_activity_at = COALESCE((SELECT MAX(c.created_at) FROM comments c \
         WHERE c.post_id = posts.id AND c.created_at > posts.created_at), posts.created_at)",
    )
    .execute(conn)
}

/// Sets each person's manager: `(person id, manager id)` pairs.
pub fn set_managers(conn: &mut DbConnection, links: &[(i64, Option<i64>)]) -> QueryResult<usize> {
    update_people(conn, "manager_id", "bigint", links)
}

/// Records the fingerprint of the directory entry each person was last synced from.
pub fn set_directory_hashes(conn: &mut DbConnection, hashes: &[(i64, String)]) -> QueryResult<usize> {
    update_people(conn, "directory_hash", "text", hashes)
}

/// Sets one column of many people in one statement, the `(id, value)` pairs sent as one JSON
/// array (a statement per row was most of a first sync's manager pass).
fn update_people<T: serde::Serialize>(
    conn: &mut DbConnection,
    column: &'static str,
    pg_type: &'static str,
    pairs: &[(i64, T)],
) -> QueryResult<usize> {
    use diesel::sql_types::Text;
    if pairs.is_empty() {
        return Ok(0);
    }
    let json = serde_json::to_string(pairs).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(format!(
            "UPDATE people SET {column} = json_extract(l.value, '$[1]') \
             FROM json_each(?) AS l WHERE people.id = json_extract(l.value, '$[0]')"
        ))
        .bind::<Text, _>(json)
        .execute(c),
        DbConnection::Postgresql(c) => diesel::sql_query(format!(
            "UPDATE people SET {column} = (l ->> 1)::{pg_type} \
             FROM jsonb_array_elements($1::jsonb) AS l WHERE people.id = (l ->> 0)::bigint"
        ))
        .bind::<Text, _>(json)
        .execute(c),
    }
}

/// KPI days: a multi-row INSERT on both (COPY does not take their DATE column through diesel).
pub fn insert_kpi_days(conn: &mut DbConnection, rows: &[KpiDay]) -> QueryResult<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(kpi_days::table).values(rows).execute(c),
        DbConnection::Postgresql(c) => diesel::insert_into(kpi_days::table).values(rows).execute(c),
    }
}

/// A delivery row written by a claim: (person, newsletter, slot, id).
pub type ClaimedRow = (i64, Option<i64>, NaiveDateTime, i64);

/// Claims of mail deliveries in one statement: the rows that were not there yet are written and
/// come back as (person, newsletter, slot, id); a row that exists already (a unique key: its
/// person's digest of that slot, or that newsletter to them) is left as it is and not returned.
pub fn insert_new_deliveries(conn: &mut DbConnection, rows: &[NewDelivery]) -> QueryResult<Vec<ClaimedRow>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let returned = (
        mail_deliveries::person_id,
        mail_deliveries::newsletter_id,
        mail_deliveries::slot,
        mail_deliveries::id,
    );
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(mail_deliveries::table)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(returned)
            .get_results(c),
        DbConnection::Postgresql(c) => diesel::insert_into(mail_deliveries::table)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(returned)
            .get_results(c),
    }
}
