//! Sign-in with the directory password: find the entry with the service account, bind as it.

use diesel::prelude::*;

use super::attributes::AttributeMap;
use super::client;
use crate::auth::{Authenticator, LocalPasswords};
use crate::config::LdapSettings;
use crate::db::models::{NewPerson, Person, person_search_text};
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
        let found = client::service_connection(&self.settings)
            .and_then(|mut ldap| {
                let found = client::find_person(&mut ldap, &self.settings, &self.map, account);
                let _ = ldap.unbind();
                found
            })
            .map_err(|e| {
                // The directory being down must not lock out local administrators.
                tracing::error!(error = %e, "directory look-up for sign-in failed");
                e
            })
            .ok()
            .flatten();
        let Some(entry) = found else {
            return LocalPasswords.authenticate(conn, account, password);
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
                let at = now();
                let email = entry.email.as_ref().map(|e| e.as_str().to_string());
                let person: Person = diesel::insert_into(people::table)
                    .values(NewPerson {
                        search_text: person_search_text(
                            entry.uid.as_str(),
                            entry.display_name.as_str(),
                            email.as_deref(),
                        ),
                        uid: entry.uid.as_str().to_string(),
                        display_name: entry.display_name.as_str().to_string(),
                        email,
                        title: entry.title.clone(),
                        department_id: None,
                        manager_id: None,
                        active: true,
                        locale: None,
                        timezone: None,
                        is_admin: false,
                        password_hash: None,
                        created_at: at,
                        updated_at: at,
                        external_id: Some(entry.external_id.clone()),
                        dn: Some(entry.dn.clone()),
                        phone: entry.phone.clone(),
                        employee_number: entry.employee_number.clone(),
                        source: "directory".into(),
                    })
                    .returning(people::all_columns)
                    .get_result(conn)?;
                crate::communities::service::add_to_organization(conn, person.id)?;
                Ok::<_, AppError>(person)
            })?,
        };
        Ok(person.active.then_some(person))
    }
}
