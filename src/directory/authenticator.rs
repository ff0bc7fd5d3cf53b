//! Sign-in with the directory password: find the entry with the service account, bind as it.

use diesel::prelude::*;

use super::attributes::AttributeMap;
use super::client;
use crate::auth::{Authenticator, LocalPasswords};
use crate::config::LdapSettings;
use crate::db::models::Person;
use crate::db::schema::people;
use crate::db::{DbConnection, now};
use crate::error::AppError;

/// The directory first; local accounts (e.g. a break-glass administrator) after it.
pub struct DirectoryPasswords {
    settings: LdapSettings,
    map: AttributeMap,
}

impl DirectoryPasswords {
    pub fn new(settings: LdapSettings) -> DirectoryPasswords {
        let map = AttributeMap::new(settings.preset, &settings.attributes);
        DirectoryPasswords { settings, map }
    }
}

impl Authenticator for DirectoryPasswords {
    fn authenticate(&self, conn: &mut DbConnection, account: &str, password: &str) -> Result<Option<Person>, AppError> {
        let found = client::service_connection(&self.settings).and_then(|mut ldap| {
            let found = client::find_person(&mut ldap, &self.settings, &self.map, account);
            let _ = ldap.unbind();
            found
        });
        let entry = match found {
            Ok(Some(entry)) => entry,
            Ok(None) => return LocalPasswords.authenticate(conn, account, password),
            Err(e) => {
                // A local account (e.g. the break-glass administrator) still signs in; anyone
                // else is told the directory is away, not that their password is wrong.
                tracing::error!(error = %e, "directory look-up for sign-in failed");
                return match LocalPasswords.authenticate(conn, account, password)? {
                    Some(person) => Ok(Some(person)),
                    None => Err(AppError::Unavailable(format!("directory: {e}"))),
                };
            }
        };
        let matches = client::password_matches(&self.settings, &entry.dn, password).map_err(|e| {
            tracing::error!(error = %e, "directory bind for sign-in failed");
            AppError::Unavailable("the directory cannot check passwords right now".into())
        })?;
        if !matches || entry.disabled {
            return Ok(None);
        }
        let known: Option<Person> = people::table
            .filter(people::external_id.eq(&entry.external_id))
            .select(Person::as_select())
            .first(conn)
            .optional()?;
        let person = match known {
            Some(p) => p,
            // Signed in before the first sync: the entry makes the person (the sync fills in the rest).
            None => crate::db::write_transaction(conn, |conn| {
                let id: i64 = diesel::insert_into(people::table)
                    .values(super::sync::new_person(&entry, None, now()))
                    .returning(people::id)
                    .get_result(conn)?;
                let person = Person::by_id(conn, id)?;
                crate::communities::managed::add_to_organization(conn, person.id)?;
                Ok::<_, AppError>(person)
            })?,
        };
        Ok(person.active.then_some(person))
    }
}
