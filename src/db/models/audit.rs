use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::audit_log;

#[derive(Debug, Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct NewAuditEntry {
    pub actor_id: Option<i64>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub details: String,
    pub created_at: NaiveDateTime,
}

impl NewAuditEntry {
    /// Records who did what to which object; `details` is JSON and must hold no secrets.
    pub fn record(
        conn: &mut DbConnection,
        actor_id: Option<i64>,
        action: &str,
        object: (&str, &str),
        details: serde_json::Value,
    ) -> QueryResult<()> {
        diesel::insert_into(audit_log::table)
            .values(NewAuditEntry {
                actor_id,
                action: action.to_string(),
                object_type: object.0.to_string(),
                object_id: object.1.to_string(),
                details: details.to_string(),
                created_at: crate::db::now(),
            })
            .execute(conn)?;
        Ok(())
    }
}
