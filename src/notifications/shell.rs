//! What the header of every page shows of a person's notifications: how many are unread.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::people;
use crate::error::AppError;
use crate::web::ShellFacts;

/// The `web::ShellSource` that startup hands the page renderer.
pub fn facts(conn: &mut DbConnection, uid: &str) -> Result<ShellFacts, AppError> {
    let person: Option<Person> = people::table
        .filter(people::uid.eq(uid))
        .filter(people::active.eq(true))
        .select(Person::as_select())
        .first(conn)
        .optional()?;
    let unread = match person {
        Some(p) => super::service::unread(conn, &p)?,
        None => 0,
    };
    Ok(ShellFacts { unread })
}
