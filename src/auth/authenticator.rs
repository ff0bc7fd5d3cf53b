use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::people;
use crate::error::AppError;

/// Checks an account name and password. Local accounts now; the directory (LDAP bind)
/// plugs in here as a second implementation.
pub trait Authenticator: Send + Sync {
    /// `Ok(None)` for a wrong name or password, without saying which.
    fn authenticate(&self, conn: &mut DbConnection, account: &str, password: &str) -> Result<Option<Person>, AppError>;
}

/// Accounts with a password hash in our own database.
pub struct LocalPasswords;

impl Authenticator for LocalPasswords {
    fn authenticate(&self, conn: &mut DbConnection, account: &str, password: &str) -> Result<Option<Person>, AppError> {
        let account = account.trim().to_lowercase();
        let person: Option<Person> = people::table
            .filter(people::uid.eq(&account))
            .filter(people::active.eq(true))
            .select(Person::as_select())
            .first(conn)
            .optional()?;
        let stored = person.as_ref().and_then(|p| p.password_hash.as_deref());
        if super::password::verify(stored, password) {
            Ok(person)
        } else {
            Ok(None)
        }
    }
}
