//! Permits for per-person activity figures: an administrator allows them for one community
//! with a recorded reason. The reason is shown to the community's members and on the privacy
//! page, and granting or withdrawing is audited. The figures themselves are the KPIs' (see
//! `kpi::contributors`); the permit is the community's, so its page and its administration
//! read it without the KPIs.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::models::{NewAuditEntry, Person};
use crate::db::schema::{communities, people, person_figure_permits};
use crate::db::{DbConnection, write_transaction};
use crate::domain::PermitReason;
use crate::error::AppError;

/// An administrator's permission for per-person figures in one community.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Permit {
    pub reason: String,
    /// Who granted it (empty when they were removed since).
    pub granted_by: String,
    #[serde(serialize_with = "crate::domain::utc::write")]
    pub granted_at: NaiveDateTime,
}

/// The permits of `ids`' communities, by community id.
pub fn permits(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, Permit)>> {
    let rows: Vec<(i64, String, Option<String>, NaiveDateTime)> = person_figure_permits::table
        .left_join(people::table.on(people::id.nullable().eq(person_figure_permits::granted_by)))
        .filter(person_figure_permits::community_id.eq_any(ids))
        .select((
            person_figure_permits::community_id,
            person_figure_permits::reason,
            people::display_name.nullable(),
            person_figure_permits::granted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, reason, by, at)| {
            let permit = Permit {
                reason,
                granted_by: by.unwrap_or_default(),
                granted_at: at,
            };
            (id, permit)
        })
        .collect())
}

pub fn permit(conn: &mut DbConnection, community: i64) -> QueryResult<Option<Permit>> {
    Ok(permits(conn, &[community])?.into_iter().next().map(|(_, p)| p))
}

/// How many communities have a permit (the privacy page says so, naming none: it is public).
pub fn count_permits(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(person_figure_permits::table.count().get_result(conn)?)
}

fn community(conn: &mut DbConnection, slug: &str) -> Result<i64, AppError> {
    Ok(communities::table
        .filter(communities::slug.eq(slug))
        .select(communities::id)
        .first(conn)?)
}

/// Allows per-person figures in `slug`, for `reason` (replacing an earlier one). Audited.
pub fn grant(conn: &mut DbConnection, admin: &Person, slug: &str, reason: &str) -> Result<(), AppError> {
    let reason = PermitReason::parse("reason", reason)?;
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        diesel::delete(person_figure_permits::table.find(id)).execute(conn)?;
        diesel::insert_into(person_figure_permits::table)
            .values((
                person_figure_permits::community_id.eq(id),
                person_figure_permits::reason.eq(reason.as_str()),
                person_figure_permits::granted_by.eq(Some(admin.id)),
                person_figure_permits::granted_at.eq(crate::db::now()),
            ))
            .execute(conn)?;
        let details = serde_json::json!({ "reason": reason.as_str() });
        NewAuditEntry::record(
            conn,
            Some(admin.id),
            "community.person-figures-on",
            ("community", slug),
            details,
        )?;
        Ok(())
    })
}

/// Withdraws the permit: the figures disappear at once. Audited.
pub fn withdraw(conn: &mut DbConnection, admin: &Person, slug: &str) -> Result<(), AppError> {
    write_transaction(conn, |conn| {
        let id = community(conn, slug)?;
        if diesel::delete(person_figure_permits::table.find(id)).execute(conn)? > 0 {
            let details = serde_json::json!({});
            NewAuditEntry::record(
                conn,
                Some(admin.id),
                "community.person-figures-off",
                ("community", slug),
                details,
            )?;
        }
        Ok(())
    })
}
