use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::departments;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = departments)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub head_id: Option<i64>,
    pub created_at: NaiveDateTime,
    /// The directory's key for the department (e.g. departmentNumber).
    pub external_key: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = departments)]
pub struct NewDepartment {
    pub name: String,
    pub head_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub external_key: Option<String>,
}
