use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::communities;
use crate::domain::{CommunityKind, JoinPolicy, Modules, Visibility};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = communities)]
pub struct Community {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_key: String,
    pub kind: CommunityKind,
    pub description: String,
    pub visibility: Visibility,
    pub join_policy: JoinPolicy,
    pub archived: bool,
    pub department_id: Option<i64>,
    pub created_by: Option<i64>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Markdown; shown before joining.
    pub code_of_conduct: String,
    /// Active members, recounted whenever memberships change.
    pub member_count: i64,
    /// Space-separated module names; read through `modules()`.
    pub modules: String,
    /// A project's department: its roll-up lists the project.
    pub reports_to_department_id: Option<i64>,
}

impl Community {
    pub fn modules(&self) -> Modules {
        Modules::from_stored(&self.modules)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = communities, treat_none_as_default_value = false)]
pub struct NewCommunity {
    pub slug: String,
    pub name: String,
    pub name_key: String,
    pub kind: CommunityKind,
    pub description: String,
    pub visibility: Visibility,
    pub join_policy: JoinPolicy,
    pub archived: bool,
    pub department_id: Option<i64>,
    pub created_by: Option<i64>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub modules: String,
}

/// Names are unique regardless of case and surrounding space — among the communities
/// outsiders can see. A secret community's key carries its slug as well, so that nobody can
/// find out that a secret name exists by trying to create a community of that name.
pub fn community_name_key(name: &str, visibility: crate::domain::Visibility, slug: &str) -> String {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    match visibility {
        crate::domain::Visibility::Secret => format!("{key} #{slug}"),
        crate::domain::Visibility::Public | crate::domain::Visibility::Private => key,
    }
}
