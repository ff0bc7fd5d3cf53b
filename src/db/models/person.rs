use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::people;
use crate::domain::{Locale, TimeZone};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = people)]
pub struct Person {
    pub id: i64,
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub active: bool,
    /// The language the person chose, if any (else the browser's is used).
    pub locale: Option<Locale>,
    pub timezone: Option<TimeZone>,
    pub is_admin: bool,
    pub password_hash: Option<String>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The directory's stable id (entryUUID / objectGUID); None for local accounts.
    pub external_id: Option<String>,
    pub dn: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub source: crate::domain::PersonSource,
    pub deactivated_by_admin: bool,
    /// Fields the directory sync must leave alone, comma-separated.
    pub locked_fields: String,
}

impl Person {
    /// The person with this id. (Diesel's `as_returning` does not work through the
    /// MultiConnection backend, so writes return the id and this reads the row.)
    pub fn by_id(conn: &mut crate::db::DbConnection, id: i64) -> diesel::QueryResult<Person> {
        people::table.find(id).select(Person::as_select()).first(conn)
    }

    pub fn is_locked(&self, field: &str) -> bool {
        locked_fields(&self.locked_fields).any(|f| f == field)
    }

    /// Today's date where the person is (their time zone, else the organization's): what
    /// "due today" and "overdue" mean to them.
    pub fn today(&self, default: TimeZone) -> chrono::NaiveDate {
        let tz = self.timezone.unwrap_or(default);
        chrono::Utc::now().with_timezone(&tz.0).date_naive()
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
pub struct NewPerson {
    pub uid: String,
    pub display_name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub active: bool,
    pub locale: Option<Locale>,
    pub timezone: Option<TimeZone>,
    pub is_admin: bool,
    pub password_hash: Option<String>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub external_id: Option<String>,
    pub dn: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub source: crate::domain::PersonSource,
    /// `DirectoryPerson::fingerprint` of the entry the sync applied.
    pub directory_hash: Option<String>,
}

impl NewPerson {
    /// An active local person with nothing but a name and maybe a mail address; the rest is
    /// filled in with struct update syntax.
    pub fn new(uid: &str, display_name: &str, email: Option<&str>, at: NaiveDateTime) -> NewPerson {
        NewPerson {
            search_text: person_search_text(uid, display_name, email),
            uid: uid.to_string(),
            display_name: display_name.to_string(),
            email: email.map(str::to_string),
            title: None,
            department_id: None,
            manager_id: None,
            active: true,
            locale: None,
            timezone: None,
            is_admin: false,
            password_hash: None,
            created_at: at,
            updated_at: at,
            external_id: None,
            dn: None,
            phone: None,
            employee_number: None,
            source: crate::domain::PersonSource::Local,
            directory_hash: None,
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = crate::db::schema::person_departments, treat_none_as_default_value = false)]
pub struct NewPersonDepartment {
    pub person_id: i64,
    pub department_id: i64,
}

/// The lower-cased text people are found by.
pub fn person_search_text(uid: &str, display_name: &str, email: Option<&str>) -> String {
    format!("{} {} {}", uid, display_name, email.unwrap_or("")).to_lowercase()
}

/// The field names a stored `locked_fields` holds (comma-separated).
pub fn locked_fields(stored: &str) -> impl Iterator<Item = &str> {
    stored.split(',').map(str::trim).filter(|f| !f.is_empty())
}
