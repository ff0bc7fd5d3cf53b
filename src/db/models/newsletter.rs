use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::newsletters;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = newsletters)]
pub struct Newsletter {
    pub id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub subject: String,
    pub body: String,
    pub state: crate::domain::NewsletterState,
    pub send_at: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A delivery ledger row as a claim writes it (`mail::ledger::claim_many`).
#[derive(Debug, Insertable)]
#[diesel(table_name = crate::db::schema::mail_deliveries, treat_none_as_default_value = false)]
pub struct NewDelivery {
    pub person_id: i64,
    pub newsletter_id: Option<i64>,
    pub slot: NaiveDateTime,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub state: &'static str,
    pub claimed_until: Option<NaiveDateTime>,
    pub attempts: i32,
    pub created_at: NaiveDateTime,
}
