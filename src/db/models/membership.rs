use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::memberships;
use crate::domain::{MembershipState, Role};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = memberships)]
pub struct Membership {
    pub id: i64,
    pub community_id: i64,
    pub person_id: i64,
    pub role: Role,
    pub state: MembershipState,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Made by the directory sync, which may take it back.
    pub from_directory: bool,
}

impl Membership {
    pub fn is_active(&self) -> bool {
        self.state == MembershipState::Active
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = memberships, treat_none_as_default_value = false)]
pub struct NewMembership {
    pub community_id: i64,
    pub person_id: i64,
    pub role: Role,
    pub state: MembershipState,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub from_directory: bool,
}
