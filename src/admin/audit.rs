//! `/admin/audit`: the audit log, filtered by actor, action, object and time, as a page and
//! as CSV (`/admin/audit.csv`, the same filters).

use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::audit_text::{Logged, Names};
use crate::auth::Admin;
use crate::db::schema::{audit_log, people};
use crate::db::{Db, DbConnection, contains_pattern, lower};
use crate::domain::Invalid;
use crate::error::AppError;
use crate::web::Ui;
use crate::web::csv::Dialect;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/audit", web::get().to(page))
        .route("/admin/audit.csv", web::get().to(csv));
}

/// What the log's actions are about (an action's first part), for the page's choice.
const TOPICS: [&str; 16] = [
    "person",
    "community",
    "moderation",
    "post",
    "comment",
    "ama",
    "poll",
    "task",
    "status",
    "newsletter",
    "mail",
    "settings",
    "sync",
    "job",
    "session",
    "token",
];

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
struct Filter {
    /// Who did it: a user name, part of a name, or "Name (uid)" as the suggestions fill in.
    actor: Option<String>,
    /// An action, or the start of one (`person.` finds every person action).
    action: Option<String>,
    /// An object id (a user name, a community, …).
    object: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Debug, Serialize)]
struct Entry {
    at: NaiveDateTime,
    actor: Option<String>,
    action: String,
    object_type: String,
    object_id: String,
    details: String,
}

impl Entry {
    fn logged(&self) -> Logged<'_> {
        Logged {
            actor: self.actor.as_deref(),
            action: &self.action,
            object_type: &self.object_type,
            object_id: &self.object_id,
            details: &self.details,
        }
    }
}

/// An entry as the page shows it: what happened in a sentence, the codes for the curious.
#[derive(Debug, Serialize)]
struct Shown {
    #[serde(flatten)]
    entry: Entry,
    sentence: String,
}

/// The page shows this many; the CSV all that match.
const PAGE: i64 = 200;

fn entries(conn: &mut DbConnection, f: &Filter, limit: Option<i64>) -> Result<Vec<Entry>, AppError> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let day = |field: &'static str, v: &Option<String>| -> Result<Option<NaiveDateTime>, AppError> {
        given(v)
            .map(|v| {
                NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
                    .map_err(|_| AppError::from(Invalid::new(field, "not-a-date")))
            })
            .transpose()
    };
    let mut q = audit_log::table
        .left_join(people::table.on(people::id.nullable().eq(audit_log::actor_id)))
        .into_boxed();
    if let Some(actor) = given(&f.actor) {
        let uid = actor
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once('('))
            .map_or(actor.as_str(), |(_, uid)| uid.trim())
            .to_lowercase();
        q = q.filter(
            lower(people::uid)
                .eq(uid)
                .or(lower(people::display_name).like(contains_pattern(&actor)).escape('\\')),
        );
    }
    if let Some(action) = given(&f.action) {
        let pattern = format!("{}%", crate::db::escape_like(&action));
        q = q.filter(audit_log::action.like(pattern).escape('\\'));
    }
    if let Some(object) = given(&f.object) {
        q = q.filter(audit_log::object_id.eq(object));
    }
    if let Some(from) = day("from", &f.from)? {
        q = q.filter(audit_log::created_at.ge(from));
    }
    if let Some(to) = day("to", &f.to)? {
        q = q.filter(audit_log::created_at.lt(to + chrono::Duration::days(1)));
    }
    if let Some(limit) = limit {
        q = q.limit(limit);
    }
    Ok(q.order(audit_log::id.desc())
        .select((
            audit_log::created_at,
            people::uid.nullable(),
            audit_log::action,
            audit_log::object_type,
            audit_log::object_id,
            audit_log::details,
        ))
        .load::<(NaiveDateTime, Option<String>, String, String, String, String)>(conn)?
        .into_iter()
        .map(|(at, actor, action, object_type, object_id, details)| Entry {
            at,
            actor,
            action,
            object_type,
            object_id,
            details,
        })
        .collect())
}

async fn page(_admin: Admin, ui: Ui, db: web::Data<Db>, filter: web::Query<Filter>) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let f = filter.clone();
    let lang = ui.lang;
    let entries = db
        .run(move |c| {
            let entries = entries(c, &f, Some(PAGE))?;
            let logged: Vec<Logged> = entries.iter().map(Entry::logged).collect();
            let names = Names::load(c, &logged)?;
            let sentences: Vec<String> = logged.iter().map(|e| names.sentence(lang, e)).collect();
            Ok(entries
                .into_iter()
                .zip(sentences)
                .map(|(entry, sentence)| Shown { entry, sentence })
                .collect::<Vec<_>>())
        })
        .await?;
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("actor", &filter.actor),
        ("action", &filter.action),
        ("object", &filter.object),
        ("from", &filter.from),
        ("to", &filter.to),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            query.append_pair(k, v);
        }
    }
    let query = query.finish();
    let mut ctx = ui.context();
    ctx.insert("filter", &filter);
    ctx.insert("entries", &entries);
    ctx.insert("csv_query", &query);
    ctx.insert("page_size", &PAGE);
    ctx.insert("topics", &TOPICS);
    // A narrower action, from an address someone wrote: kept as chosen, by its code.
    let other_action = filter
        .action
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty() && !TOPICS.iter().any(|t| a.strip_suffix('.') == Some(*t)));
    ctx.insert("other_action", &other_action);
    ui.render("admin/audit.html", &ctx)
}

async fn csv(_admin: Admin, ui: Ui, db: web::Data<Db>, filter: web::Query<Filter>) -> Result<HttpResponse, AppError> {
    let f = filter.into_inner();
    let entries = db.run(move |c| entries(c, &f, None)).await?;
    let csv = Dialect::of(ui.lang);
    let mut out = csv.row(&["at", "actor", "action", "object_type", "object_id", "details"]);
    for e in entries {
        let row = [
            e.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            e.actor.unwrap_or_default(),
            e.action,
            e.object_type,
            e.object_id,
            e.details,
        ];
        out.push_str(&csv.row(&row.map(|v| csv.field(&v))));
    }
    Ok(crate::web::csv::download(out, "audit-log.csv"))
}
