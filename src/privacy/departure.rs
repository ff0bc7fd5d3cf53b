//! Departures: an account closes when the person is deactivated (sign-in and tokens ask for an
//! active person); `privacy.retention_days` later their personal data is removed — by the
//! scheduled job, or by an admin at once on request (right to erasure). What they wrote stays,
//! attributed to a former employee, unless `privacy.departed_content` says delete.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::config::{DepartedContent, Settings};
use crate::db::models::NewAuditEntry;
use crate::db::schema::{
    api_tokens, audit_log, calendar_feeds, comments, digest_mutes, directory_sync_runs, feed_visits, login_attempts,
    mail_deliveries, mail_preferences, mail_suppressions, meeting_rsvps, memberships, newsletter_opt_outs,
    notification_mutes, notifications, people, person_departments, posts, topic_follows,
};
use crate::db::{DbConnection, write_transaction};
use crate::error::AppError;
use crate::error::Code;
use crate::search::index;
use crate::subjects::Subject;

/// Removes `person_id`'s personal data; `by` is the admin who asked (none: the retention job).
/// An active person is refused (deactivate first); one already anonymised is left alone.
pub fn anonymise(
    conn: &mut DbConnection,
    person_id: i64,
    by: Option<i64>,
    settings: &Settings,
) -> Result<bool, AppError> {
    write_transaction(conn, |conn| {
        let (uid, name, email, active, done): (String, String, Option<String>, bool, Option<NaiveDateTime>) =
            people::table
                .find(person_id)
                .select((
                    people::uid,
                    people::display_name,
                    people::email,
                    people::active,
                    people::anonymised_at,
                ))
                .first(conn)?;
        if done.is_some() {
            return Ok(false);
        }
        if active {
            return Err(AppError::Conflict {
                code: Code::StillActive,
            });
        }
        let now = crate::db::now();
        let pseudonym = format!("former-{person_id}");
        let former = crate::i18n::t(settings.i18n.default_locale, "former-employee");
        diesel::update(people::table.find(person_id))
            .set((
                people::uid.eq(&pseudonym),
                people::display_name.eq(&former),
                people::email.eq(None::<String>),
                people::title.eq(None::<String>),
                people::phone.eq(None::<String>),
                people::employee_number.eq(None::<String>),
                people::department_id.eq(None::<i64>),
                people::manager_id.eq(None::<i64>),
                people::locale.eq(None::<String>),
                people::timezone.eq(None::<String>),
                people::password_hash.eq(None::<String>),
                people::external_id.eq(None::<String>),
                people::dn.eq(None::<String>),
                people::directory_hash.eq(None::<String>),
                people::is_admin.eq(false),
                people::search_text.eq(crate::db::models::person_search_text(&pseudonym, &former, None)),
                people::anonymised_at.eq(Some(now)),
                people::updated_at.eq(now),
            ))
            .execute(conn)?;
        // Others who named them as manager no longer point at them.
        diesel::update(people::table.filter(people::manager_id.eq(person_id)))
            .set(people::manager_id.eq(None::<i64>))
            .execute(conn)?;
        diesel::delete(person_departments::table.filter(person_departments::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(memberships::table.filter(memberships::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(notifications::table.filter(notifications::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(notification_mutes::table.filter(notification_mutes::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(topic_follows::table.filter(topic_follows::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(feed_visits::table.find(person_id)).execute(conn)?;
        diesel::delete(mail_preferences::table.filter(mail_preferences::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(digest_mutes::table.filter(digest_mutes::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(newsletter_opt_outs::table.filter(newsletter_opt_outs::person_id.eq(person_id)))
            .execute(conn)?;
        diesel::delete(mail_deliveries::table.filter(mail_deliveries::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(mail_suppressions::table.filter(mail_suppressions::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(api_tokens::table.filter(api_tokens::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(calendar_feeds::table.filter(calendar_feeds::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(meeting_rsvps::table.filter(meeting_rsvps::person_id.eq(person_id))).execute(conn)?;
        diesel::delete(login_attempts::table.filter(login_attempts::account.eq(&uid))).execute(conn)?;
        // Records that named them by uid, name or address: the audit log's objects and the
        // directory runs' stored changes.
        diesel::update(
            audit_log::table
                .filter(audit_log::object_type.eq("person"))
                .filter(audit_log::object_id.eq(&uid)),
        )
        .set(audit_log::object_id.eq(&pseudonym))
        .execute(conn)?;
        let mut named = vec![(uid.clone(), pseudonym.clone()), (name.clone(), former.clone())];
        if let Some(email) = &email {
            named.push((email.clone(), String::new()));
        }
        for (needle, by) in &named {
            scrub(conn, needle, by)?;
        }
        if settings.privacy.departed_content == DepartedContent::Delete {
            delete_content(conn, person_id, now)?;
        }
        NewAuditEntry::record(
            conn,
            by,
            "person.anonymised",
            ("person", &pseudonym),
            serde_json::json!({"on_request": by.is_some()}),
        )?;
        Ok(true)
    })
}

/// Replaces `needle` where records stored it as a value of their JSON (a change's subject, a
/// name, an address): whole values only, so nobody else's entry changes.
fn scrub(conn: &mut DbConnection, needle: &str, with: &str) -> Result<(), AppError> {
    if needle.trim().is_empty() {
        return Ok(());
    }
    let pattern = format!("%{}%", crate::db::escape_like(needle));
    let runs: Vec<(i64, String)> = directory_sync_runs::table
        .filter(directory_sync_runs::changes.like(&pattern).escape('\\'))
        .select((directory_sync_runs::id, directory_sync_runs::changes))
        .load(conn)?;
    for (id, changes) in runs {
        if let Some(scrubbed) = replace_values(&changes, needle, with) {
            diesel::update(directory_sync_runs::table.find(id))
                .set(directory_sync_runs::changes.eq(scrubbed))
                .execute(conn)?;
        }
    }
    let entries: Vec<(i64, String)> = audit_log::table
        .filter(audit_log::details.like(&pattern).escape('\\'))
        .select((audit_log::id, audit_log::details))
        .load(conn)?;
    for (id, details) in entries {
        if let Some(scrubbed) = replace_values(&details, needle, with) {
            diesel::update(audit_log::table.find(id))
                .set(audit_log::details.eq(scrubbed))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// `json` with every string value equal to `needle` replaced; none when nothing changed.
fn replace_values(json: &str, needle: &str, with: &str) -> Option<String> {
    fn walk(v: &mut serde_json::Value, needle: &str, with: &str) -> bool {
        match v {
            serde_json::Value::String(s) if s == needle => {
                *s = with.to_string();
                true
            }
            serde_json::Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, i| walk(i, needle, with) | changed),
            serde_json::Value::Object(map) => map
                .values_mut()
                .fold(false, |changed, i| walk(i, needle, with) | changed),
            _ => false,
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    walk(&mut value, needle, with).then(|| value.to_string())
}

/// Withdraws what they wrote (and takes it out of search).
fn delete_content(conn: &mut DbConnection, person_id: i64, now: NaiveDateTime) -> Result<(), AppError> {
    let post_ids: Vec<i64> = posts::table
        .filter(posts::author_id.eq(person_id))
        .filter(posts::deleted_at.is_null())
        .select(posts::id)
        .load(conn)?;
    diesel::update(posts::table.filter(posts::id.eq_any(&post_ids)))
        .set(posts::deleted_at.eq(Some(now)))
        .execute(conn)?;
    let comments: Vec<(i64, i64)> = comments::table
        .filter(comments::author_id.eq(person_id))
        .filter(comments::deleted_at.is_null())
        .select((comments::post_id, comments::id))
        .load(conn)?;
    let comment_ids: Vec<i64> = comments.iter().map(|(_, id)| *id).collect();
    diesel::update(comments::table.filter(comments::id.eq_any(&comment_ids)))
        .set(comments::deleted_at.eq(Some(now)))
        .execute(conn)?;
    for id in post_ids {
        index::refresh(conn, Subject::Post(id))?;
    }
    for (post, comment) in comments {
        index::refresh(conn, Subject::Comment { post, comment })?;
    }
    Ok(())
}

/// Anonymises everyone deactivated more than `privacy.retention_days` ago. Returns how many.
pub fn run(conn: &mut DbConnection, now: NaiveDateTime, settings: &Settings) -> Result<usize, AppError> {
    let due: Vec<i64> = people::table
        .filter(people::active.eq(false))
        .filter(people::anonymised_at.is_null())
        .filter(people::deactivated_at.lt(now - Duration::days(i64::from(settings.privacy.retention_days))))
        .select(people::id)
        .load(conn)?;
    let mut done = 0;
    for id in due {
        if anonymise(conn, id, None, settings)? {
            done += 1;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::replace_values;

    #[test]
    fn only_whole_values_are_replaced() {
        let json = r#"[{"subject":"al","name":"Al Ahorn","fields":[["mail",null,"al@x.de"]]},{"subject":"alice","name":"Alice"}]"#;
        let out = replace_values(json, "al", "former-7").unwrap();
        assert!(
            out.contains(r#""subject":"former-7""#) && out.contains(r#""subject":"alice""#),
            "{out}"
        );
        assert_eq!(replace_values(json, "Alic", "x"), None);
    }
}
