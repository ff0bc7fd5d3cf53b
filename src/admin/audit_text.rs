//! What an audit entry says to the admin who reads it: a sentence with names ("Markus Weber
//! hat Anna Schmidt in Entwicklung die Rolle „Moderation“ gegeben"), not an action code, a slug
//! and JSON. The log keeps the codes (and the CSV shows them) because names change and
//! sentences are translated; the names are looked up when the page is shown, one query per
//! kind of object, and what no longer exists is named by what the entry itself kept (a
//! deleted task's title) or by its code.

use std::collections::HashMap;

use diesel::prelude::*;
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::Value;

use crate::db::DbConnection;
use crate::db::schema::{amas, comments, communities, newsletters, people, polls, posts, tasks};
use crate::domain::Locale;
use crate::error::AppError;

/// An entry as the log keeps it.
pub struct Logged<'a> {
    pub actor: Option<&'a str>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub details: &'a str,
}

/// The names the entries of one page mention.
#[derive(Default)]
pub struct Names {
    /// By user name, and by id (as text) for the entries that keep one.
    people: HashMap<String, String>,
    communities: HashMap<String, String>,
    /// Titles by (object type, id): posts, tasks, newsletters, polls, AMAs.
    titles: HashMap<(String, i64), String>,
    /// A comment's post title, by the comment's id.
    comment_posts: HashMap<i64, String>,
}

fn details(raw: &str) -> Value {
    serde_json::from_str(raw).unwrap_or(Value::Null)
}

fn id(raw: &str) -> Option<i64> {
    raw.parse().ok()
}

/// Ids of one object type among the entries, and the ids their details point to.
fn ids_of(entries: &[Logged], object_type: &str, detail: &str) -> Vec<i64> {
    entries
        .iter()
        .filter_map(|e| {
            if e.object_type == object_type {
                id(e.object_id)
            } else {
                details(e.details)[detail].as_i64()
            }
        })
        .collect()
}

impl Names {
    pub fn load(conn: &mut DbConnection, entries: &[Logged]) -> Result<Names, AppError> {
        let mut names = Names::default();
        if entries.is_empty() {
            return Ok(names);
        }
        let mut uids: Vec<String> = entries.iter().filter_map(|e| e.actor.map(str::to_string)).collect();
        let mut person_ids = Vec::new();
        let mut slugs = Vec::new();
        for e in entries {
            let d = details(e.details);
            for key in ["person", "manager"] {
                if let Some(uid) = d[key].as_str() {
                    uids.push(uid.to_string());
                }
            }
            if let Some(author) = d["author"].as_i64() {
                person_ids.push(author);
            }
            if let Some(slug) = d["community"].as_str() {
                slugs.push(slug.to_string());
            }
            match e.object_type {
                "person" => match id(e.object_id) {
                    Some(n) => person_ids.push(n),
                    None => uids.push(e.object_id.to_string()),
                },
                "community" => slugs.push(e.object_id.to_string()),
                _ => {}
            }
        }
        for (uid, name) in people::table
            .filter(people::uid.eq_any(&uids))
            .select((people::uid, people::display_name))
            .load::<(String, String)>(conn)?
        {
            names.people.insert(uid, name);
        }
        for (n, name) in people::table
            .filter(people::id.eq_any(&person_ids))
            .select((people::id, people::display_name))
            .load::<(i64, String)>(conn)?
        {
            names.people.insert(n.to_string(), name);
        }
        names.communities = communities::table
            .filter(communities::slug.eq_any(&slugs))
            .select((communities::slug, communities::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect();
        let mut title = |kind: &'static str, rows: Vec<(i64, String)>| {
            for (n, t) in rows {
                names.titles.insert((kind.to_string(), n), t);
            }
        };
        title(
            "post",
            posts::table
                .filter(posts::id.eq_any(ids_of(entries, "post", "post")))
                .select((posts::id, posts::title))
                .load(conn)?,
        );
        title(
            "task",
            tasks::table
                .filter(tasks::id.eq_any(ids_of(entries, "task", "task")))
                .select((tasks::id, tasks::title))
                .load(conn)?,
        );
        title(
            "newsletter",
            newsletters::table
                .filter(newsletters::id.eq_any(ids_of(entries, "newsletter", "newsletter")))
                .select((newsletters::id, newsletters::subject))
                .load(conn)?,
        );
        title(
            "poll",
            polls::table
                .filter(polls::id.eq_any(ids_of(entries, "poll", "poll")))
                .select((polls::id, polls::question))
                .load(conn)?,
        );
        title(
            "ama",
            amas::table
                .filter(amas::id.eq_any(ids_of(entries, "ama", "ama")))
                .select((amas::id, amas::title))
                .load(conn)?,
        );
        names.comment_posts = comments::table
            .inner_join(posts::table)
            .filter(comments::id.eq_any(ids_of(entries, "comment", "comment")))
            .select((comments::id, posts::title))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        Ok(names)
    }

    fn person(&self, uid: &str) -> String {
        self.people.get(uid).cloned().unwrap_or_else(|| uid.to_string())
    }

    fn community(&self, slug: &str) -> String {
        self.communities.get(slug).cloned().unwrap_or_else(|| slug.to_string())
    }

    fn quoted(&self, lang: Locale, kind: &str, n: Option<i64>, kept: Option<&str>) -> String {
        let title = n
            .and_then(|n| self.titles.get(&(kind.to_string(), n)).cloned())
            .or(kept.map(str::to_string));
        match title {
            Some(t) => crate::i18n::t_args(lang, "audit-quoted", &[("title", t.into())]),
            None => format!("#{}", n.unwrap_or_default()),
        }
    }

    /// What the entry is about, by name.
    fn object(&self, lang: Locale, e: &Logged, d: &Value) -> String {
        let kept = d["title"].as_str().or(d["subject"].as_str());
        match e.object_type {
            "person" => self.person(e.object_id),
            "community" => self.community(e.object_id),
            "post" => self.quoted(lang, "post", id(e.object_id), None),
            "comment" => match id(e.object_id).and_then(|n| self.comment_posts.get(&n)) {
                Some(t) => crate::i18n::t_args(lang, "audit-quoted", &[("title", t.clone().into())]),
                None => self.quoted(lang, "post", d["post"].as_i64(), None),
            },
            "ama-question" => self.quoted(lang, "ama", d["ama"].as_i64(), None),
            "task" | "newsletter" | "poll" | "ama" => self.quoted(lang, e.object_type, id(e.object_id), kept),
            "setting" => {
                let key = format!("setting-{}", e.object_id.replace(['.', '_'], "-"));
                if crate::i18n::has(lang, &key) {
                    crate::i18n::t(lang, &key)
                } else {
                    e.object_id.to_string()
                }
            }
            "job" => {
                let key = format!("admin-job-{}", e.object_id);
                if crate::i18n::has(lang, &key) {
                    crate::i18n::t(lang, &key)
                } else {
                    e.object_id.to_string()
                }
            }
            _ => format!("#{}", e.object_id),
        }
    }

    /// The entry as a sentence in `lang`; an action this version does not know says its code.
    pub fn sentence(&self, lang: Locale, e: &Logged) -> String {
        let d = details(e.details);
        let actor = match e.actor {
            Some(uid) => self.person(uid),
            None => crate::i18n::t(lang, "audit-nobody"),
        };
        let object = self.object(lang, e, &d);
        let person = d["person"]
            .as_str()
            .or(d["manager"].as_str())
            .map(str::to_string)
            .or(d["author"].as_i64().map(|n| n.to_string()))
            .map(|key| self.person(&key))
            .unwrap_or_default();
        let community = d["community"].as_str().map(|s| self.community(s)).unwrap_or_default();
        let (action, role) = match e.action.strip_prefix("community.role.") {
            Some(role) => ("community.role", crate::i18n::t(lang, &format!("role-{role}"))),
            None => (e.action, String::new()),
        };
        let plain = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => "–".to_string(),
            other => other.to_string(),
        };
        let overall = d["overall"]
            .as_str()
            .map(|o| crate::i18n::t(lang, &format!("rag-{o}")))
            .unwrap_or_default();
        let args: [(&str, FluentValue<'static>); 10] = [
            ("actor", actor.clone().into()),
            ("object", object.clone().into()),
            ("person", person.into()),
            ("community", community.into()),
            ("role", role.into()),
            ("from", plain(&d["from"]).into()),
            ("to", plain(&d["to"]).into()),
            ("overall", overall.into()),
            ("label", plain(&d["label"]).into()),
            ("reports", d["reports"].as_i64().unwrap_or_default().into()),
        ];
        let key = format!("audit-{}", action.replace('.', "-"));
        if crate::i18n::has(lang, &key) {
            crate::i18n::t_args(lang, &key, &args)
        } else {
            format!("{actor}: {} ({object})", e.action)
        }
    }
}
