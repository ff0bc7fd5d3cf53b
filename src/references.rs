//! References to people and communities, as every feature shows them beside its content:
//! a name to read and a key to link. They live on the floor, not in the feature that first
//! needed them, so that a feature naming an author or a community imports no other feature.
//! People are loaded a batch at a time, never one query per row.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::models::Community;
use crate::db::schema::people;
use crate::domain::CommunityKind;
use crate::error::AppError;

/// A person as content names them: who wrote, asked, was assigned or reacted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuthorRef {
    pub uid: String,
    pub display_name: String,
}

/// The people behind these ids (each once, in one query); ids of nobody are left out.
pub fn authors(conn: &mut DbConnection, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, AuthorRef>, AppError> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(people::table
        .filter(people::id.eq_any(&ids))
        .select((people::id, people::uid, people::display_name))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, uid, display_name)| (id, AuthorRef { uid, display_name }))
        .collect())
}

/// One person, where there is only one to show.
pub fn author_ref(conn: &mut DbConnection, id: Option<i64>) -> Result<Option<AuthorRef>, AppError> {
    let Some(id) = id else { return Ok(None) };
    Ok(authors(conn, std::iter::once(id))?.remove(&id))
}

/// Someone a text mentions (`@uid`): notified when it is saved, named wherever it is shown.
#[derive(Debug, Clone)]
pub struct Mentioned {
    pub id: i64,
    pub uid: String,
    pub name: String,
}

/// The people a batch of texts mentions, loaded in one query, so that every place showing
/// the texts (the saved HTML, a preview, a search excerpt, a digest) says "@Anna Schmidt"
/// where "@aschmidt" was typed.
#[derive(Debug, Default)]
pub struct Mentions(Vec<Mentioned>);

impl Mentions {
    pub fn load<'a>(conn: &mut DbConnection, texts: impl IntoIterator<Item = &'a str>) -> QueryResult<Mentions> {
        let mut uids: Vec<String> = texts
            .into_iter()
            .flat_map(|t| crate::markdown::references(t).mentions)
            .collect();
        if uids.is_empty() {
            return Ok(Mentions::default());
        }
        uids.sort();
        uids.dedup();
        Ok(Mentions(
            people::table
                .filter(people::uid.eq_any(&uids))
                .select((people::id, people::uid, people::display_name))
                .load::<(i64, String, String)>(conn)?
                .into_iter()
                .map(|(id, uid, name)| Mentioned { id, uid, name })
                .collect(),
        ))
    }

    /// The name of the person with this (lower-cased) uid, as `markdown::render` asks.
    pub fn name_of(&self, uid: &str) -> Option<String> {
        self.0
            .iter()
            .find(|m| m.uid.eq_ignore_ascii_case(uid))
            .map(|m| m.name.clone())
    }

    pub fn people(&self) -> &[Mentioned] {
        &self.0
    }
}

/// A community as other pages name it: in a profile, a notification, a digest, a header.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityRef {
    pub slug: String,
    pub name: String,
    pub kind: CommunityKind,
}

impl From<&Community> for CommunityRef {
    fn from(c: &Community) -> Self {
        CommunityRef {
            slug: c.slug.clone(),
            name: c.name.clone(),
            kind: c.kind,
        }
    }
}

/// What every page of a community shows at its top: its name and emblem, its kind and size, the
/// viewer's standing, its parts as tabs and, for those who run it, where to manage it. Built by
/// `communities::policy::Access::header`, which knows what the viewer may see.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityHeader {
    pub slug: String,
    pub name: String,
    pub kind: CommunityKind,
    pub member_count: i64,
    pub archived: bool,
    pub role: Option<crate::domain::Role>,
    pub state: Option<crate::domain::MembershipState>,
    /// The community's parts, in tab order: "blog" is its page, the others `/c/{slug}/{tab}`.
    pub tabs: Vec<&'static str>,
    /// Management pages the viewer may open: settings, members, reports, kpis.
    pub manage: Vec<&'static str>,
}
