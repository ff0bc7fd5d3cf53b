//! The people pass of a run: matching entries to accounts, creating and updating them, and
//! (second pass) who reports to whom.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::communities::managed;
use crate::db::models::{NewMembership, NewPerson, NewPersonDepartment, Person, person_search_text};
use crate::db::schema::{departments, people, person_departments};
use crate::db::{DbConnection, bulk, now};
use crate::directory::attributes::{DirectoryPerson, dn_key};
use crate::directory::report::{Change, ChangeKind};
use crate::domain::{MembershipState, PersonSource, Role};
use crate::error::AppError;

use super::super::new_person;
use super::departments_pass::set_departments;
use super::{Applier, ApplyError, CHUNK};

/// A person's manager as the directory has it, and as we have it now.
pub(super) struct ManagerLink {
    pub(super) external_id: String,
    pub(super) current: Option<i64>,
    pub(super) manager_dn_key: Option<String>,
}

/// A person the directory has and we do not, yet.
struct Create {
    entry: DirectoryPerson,
    departments: Vec<i64>,
    manager: Option<i64>,
    fingerprint: String,
}

/// A directory person as the last sync that applied their entry left them.
pub(super) struct Synced {
    pub(super) id: i64,
    pub(super) hash: String,
    pub(super) manager_id: Option<i64>,
    pub(super) active: bool,
}

type Fields = Vec<(String, Option<String>, Option<String>)>;

/// A person's record after a sync: each field the directory's or, where locked or equal, the
/// person's own.
struct KeptPerson {
    uid: String,
    display_name: String,
    email: Option<String>,
    title: Option<String>,
    phone: Option<String>,
    employee_number: Option<String>,
    dn: Option<String>,
}

impl Applier<'_> {
    /// A page's people: matched by stable id (or, once, a local account's uid), then updated
    /// or created.
    pub(super) fn people(
        &mut self,
        conn: &mut DbConnection,
        chunk: Vec<(DirectoryPerson, String)>,
    ) -> Result<(), ApplyError> {
        if chunk.is_empty() {
            return Ok(());
        }
        let ids: Vec<&str> = chunk.iter().map(|(e, _)| e.external_id.as_str()).collect();
        let mut known: HashMap<String, Person> = people::table
            .filter(people::external_id.eq_any(&ids))
            .select(Person::as_select())
            .load(conn)?
            .into_iter()
            .filter_map(|p| p.external_id.clone().map(|id| (id, p)))
            .collect();
        // Local accounts with the same uid become the directory's (e.g. made before LDAP was on).
        let unknown_uids: Vec<&str> = chunk
            .iter()
            .filter(|(e, _)| !known.contains_key(&e.external_id))
            .map(|(e, _)| e.uid.as_str())
            .collect();
        let mut local: HashMap<String, Person> = HashMap::new();
        // uids another directory person has: a new entry cannot take them.
        let mut taken: HashSet<String> = HashSet::new();
        if !unknown_uids.is_empty() {
            for p in people::table
                .filter(people::uid.eq_any(&unknown_uids))
                .select(Person::as_select())
                .load(conn)?
            {
                if p.external_id.is_none() {
                    local.insert(p.uid.clone(), p);
                } else {
                    taken.insert(p.uid);
                }
            }
        }
        let person_rows: Vec<i64> = known.values().chain(local.values()).map(|p| p.id).collect();
        let mut current_departments: HashMap<i64, Vec<i64>> = HashMap::new();
        if !person_rows.is_empty() {
            for (person, dept) in person_departments::table
                .filter(person_departments::person_id.eq_any(&person_rows))
                .select((person_departments::person_id, person_departments::department_id))
                .load::<(i64, i64)>(conn)?
            {
                current_departments.entry(person).or_default().push(dept);
            }
        }
        let mut creates = Vec::new();
        let mut fingerprints = Vec::new();
        for (entry, fingerprint) in chunk {
            self.by_dn.insert(dn_key(&entry.dn), entry.external_id.clone());
            let mut wanted: Vec<i64> = entry
                .departments
                .iter()
                .filter_map(|d| self.departments.get(&d.key).copied())
                .collect();
            wanted.sort_unstable();
            let link = ManagerLink {
                external_id: entry.external_id.clone(),
                current: None,
                manager_dn_key: entry.manager_dn.as_deref().map(dn_key),
            };
            let existing = known
                .remove(&entry.external_id)
                .or_else(|| local.remove(entry.uid.as_str()));
            match existing {
                None => {
                    // A manager read before is set right away; the manager pass does the rest.
                    let manager = link.manager_dn_key.as_deref().and_then(|k| self.person_at(k));
                    self.manager_links.push(ManagerLink {
                        current: manager,
                        ..link
                    });
                    creates.push(Create {
                        entry,
                        departments: wanted,
                        manager,
                        fingerprint,
                    });
                }
                Some(p) => {
                    let mut have = current_departments.remove(&p.id).unwrap_or_default();
                    have.sort_unstable();
                    self.update_person(conn, &p, &entry, (&have, &wanted))?;
                    self.person_ids.insert(entry.external_id.clone(), p.id);
                    fingerprints.push((p.id, fingerprint));
                    if !p.is_locked("manager") {
                        self.manager_links.push(ManagerLink {
                            current: p.manager_id,
                            ..link
                        });
                    }
                }
            }
        }
        // One entry with another person's uid must not stop everyone else's sync.
        creates.retain(|c| {
            let free = !taken.contains(c.entry.uid.as_str());
            if !free {
                tracing::warn!(dn = %c.entry.dn, uid = c.entry.uid.as_str(), "directory entry skipped: another person has its uid");
                self.report.skipped += 1;
            }
            free
        });
        self.create_people(conn, creates)?;
        bulk::set_directory_hashes(conn, &fingerprints)?;
        Ok(())
    }

    /// New people of one chunk, in a few multi-row statements (a row at a time is what makes
    /// a first sync slow on PostgreSQL, see BENCHMARKS.md).
    fn create_people(&mut self, conn: &mut DbConnection, creates: Vec<Create>) -> Result<(), ApplyError> {
        if creates.is_empty() {
            return Ok(());
        }
        let at = now();
        let rows: Vec<NewPerson> = creates
            .iter()
            .map(|c| NewPerson {
                manager_id: c.manager,
                directory_hash: Some(c.fingerprint.clone()),
                ..new_person(&c.entry, c.departments.first().copied(), at)
            })
            .collect();
        bulk::insert_people(conn, &rows)?;
        let ext: Vec<&str> = creates.iter().map(|c| c.entry.external_id.as_str()).collect();
        let ids: HashMap<String, i64> = people::table
            .filter(people::external_id.eq_any(&ext))
            .select((people::external_id.assume_not_null(), people::id))
            .load::<(String, i64)>(conn)?
            .into_iter()
            .collect();
        let mut in_departments = Vec::new();
        let mut in_organization = Vec::new();
        let organization = managed::organization_id(conn)?;
        for Create {
            entry: e, departments, ..
        } in &creates
        {
            let Some(&id) = ids.get(&e.external_id) else { continue };
            in_departments.extend(departments.iter().map(|&department_id| NewPersonDepartment {
                person_id: id,
                department_id,
            }));
            if let Some(community_id) = organization {
                in_organization.push(NewMembership {
                    community_id,
                    person_id: id,
                    role: Role::Member,
                    state: MembershipState::Active,
                    created_at: at,
                    updated_at: at,
                    from_directory: true,
                });
            }
            self.person_ids.insert(e.external_id.clone(), id);
            self.created.insert(id);
            self.touched.insert(id);
            self.report.created += 1;
        }
        bulk::insert_person_departments(conn, &in_departments)?;
        bulk::insert_memberships(conn, &in_organization)?;
        for Create { entry: e, .. } in creates {
            self.note(
                conn,
                Change {
                    kind: ChangeKind::Created,
                    subject: e.uid.as_str().to_string(),
                    name: e.display_name.into_string(),
                    fields: vec![],
                },
            )?;
        }
        Ok(())
    }

    fn update_person(
        &mut self,
        conn: &mut DbConnection,
        p: &Person,
        e: &DirectoryPerson,
        (have, wanted): (&[i64], &[i64]),
    ) -> Result<(), ApplyError> {
        let mut fields: Fields = Vec::new();
        // The value to keep: the directory's where it differs and the field is not locked
        // (and then it is a change), else the person's own.
        let mut take = |name: &str, old: Option<&str>, new: Option<&str>| -> Option<String> {
            if old != new && !p.is_locked(name) {
                fields.push((name.to_string(), old.map(str::to_string), new.map(str::to_string)));
                new.map(str::to_string)
            } else {
                old.map(str::to_string)
            }
        };
        let kept = KeptPerson {
            uid: take("uid", Some(&p.uid), Some(e.uid.as_str())).unwrap_or_else(|| p.uid.clone()),
            display_name: take("display_name", Some(&p.display_name), Some(e.display_name.as_str()))
                .unwrap_or_else(|| p.display_name.clone()),
            email: take("email", p.email.as_deref(), e.email.as_ref().map(|m| m.as_str())),
            title: take("title", p.title.as_deref(), e.title.as_deref()),
            phone: take("phone", p.phone.as_deref(), e.phone.as_deref()),
            employee_number: take(
                "employee_number",
                p.employee_number.as_deref(),
                e.employee_number.as_deref(),
            ),
            dn: take("dn", p.dn.as_deref(), Some(&e.dn)),
        };
        if p.external_id.is_none() {
            fields.push((
                "source".into(),
                Some(p.source.to_string()),
                Some(PersonSource::Directory.to_string()),
            ));
        }
        if !fields.is_empty() {
            diesel::update(people::table.find(p.id))
                .set((
                    people::uid.eq(&kept.uid),
                    people::display_name.eq(&kept.display_name),
                    people::email.eq(&kept.email),
                    people::title.eq(&kept.title),
                    people::phone.eq(&kept.phone),
                    people::employee_number.eq(&kept.employee_number),
                    people::dn.eq(&kept.dn),
                    people::external_id.eq(Some(&e.external_id)),
                    people::source.eq(PersonSource::Directory),
                    people::search_text.eq(person_search_text(&kept.uid, &kept.display_name, kept.email.as_deref())),
                    people::updated_at.eq(now()),
                ))
                .execute(conn)
                .map_err(|err| match AppError::from(err) {
                    AppError::Conflict { .. } => AppError::internal(anyhow::anyhow!(
                        "uid `{}` of {} is already used by another person",
                        e.uid,
                        e.dn
                    )),
                    other => other,
                })?;
            self.updated.insert(p.id);
            self.touched.insert(p.id);
            self.note(
                conn,
                Change {
                    kind: ChangeKind::Updated,
                    subject: kept.uid,
                    name: kept.display_name,
                    fields,
                },
            )?;
        }
        if have != wanted && !p.is_locked("departments") {
            set_departments(conn, p.id, wanted)?;
            diesel::update(people::table.find(p.id))
                .set(people::department_id.eq(wanted.first().copied()))
                .execute(conn)?;
            self.report.moved += 1;
            self.touched.insert(p.id);
            let names = |ids: &[i64], conn: &mut DbConnection| -> Result<Option<String>, ApplyError> {
                let mut n: Vec<String> = departments::table
                    .filter(departments::id.eq_any(ids))
                    .select(departments::name)
                    .load(conn)?;
                n.sort();
                Ok(Some(n.join(", ")).filter(|s| !s.is_empty()))
            };
            let fields = vec![("departments".into(), names(have, conn)?, names(wanted, conn)?)];
            self.note(
                conn,
                Change {
                    kind: ChangeKind::Moved,
                    subject: e.uid.as_str().to_string(),
                    name: e.display_name.as_str().to_string(),
                    fields,
                },
            )?;
        }
        let activity = match (p.active, e.disabled) {
            (true, true) => Some((false, ChangeKind::Deactivated)),
            (false, false) if !p.deactivated_by_admin => Some((true, ChangeKind::Reactivated)),
            _ => None,
        };
        if let Some((active, kind)) = activity {
            diesel::update(people::table.find(p.id))
                .set((people::active.eq(active), people::updated_at.eq(now())))
                .execute(conn)?;
            self.touched.insert(p.id);
            if active {
                self.report.reactivated += 1;
            } else {
                self.report.deactivated += 1;
            }
            self.note(
                conn,
                Change {
                    kind,
                    subject: e.uid.as_str().to_string(),
                    name: e.display_name.as_str().to_string(),
                    fields: vec![],
                },
            )?;
        }
        Ok(())
    }

    /// The person with this (normalised) DN, if the run has read them.
    pub(super) fn person_at(&self, dn_key: &str) -> Option<i64> {
        self.by_dn.get(dn_key).and_then(|ext| self.person_ids.get(ext)).copied()
    }

    /// Second pass: managers, now that every person has an id.
    pub(super) fn managers(&mut self, conn: &mut DbConnection) -> Result<(), ApplyError> {
        let links = std::mem::take(&mut self.manager_links);
        let mut changed: Vec<(i64, &ManagerLink, Option<i64>)> = Vec::new();
        for link in &links {
            let Some(&person) = self.person_ids.get(&link.external_id) else {
                continue;
            };
            let wanted = link.manager_dn_key.as_deref().and_then(|k| self.person_at(k));
            if link.current != wanted {
                changed.push((person, link, wanted));
            }
        }
        let pairs: Vec<(i64, Option<i64>)> = changed.iter().map(|(person, _, wanted)| (*person, *wanted)).collect();
        bulk::set_managers(conn, &pairs)?;
        // A new person's manager is part of being created, not a change of its own.
        let reported: Vec<&(i64, &ManagerLink, Option<i64>)> = changed
            .iter()
            .filter(|(person, _, _)| !self.created.contains(person))
            .collect();
        let involved: Vec<i64> = reported
            .iter()
            .flat_map(|(person, link, wanted)| [Some(*person), link.current, *wanted])
            .flatten()
            .collect();
        let mut names: HashMap<i64, (String, String)> = HashMap::new();
        for ids in involved.chunks(CHUNK as usize) {
            names.extend(
                people::table
                    .filter(people::id.eq_any(ids))
                    .select((people::id, people::uid, people::display_name))
                    .load::<(i64, String, String)>(conn)?
                    .into_iter()
                    .map(|(id, uid, name)| (id, (uid, name))),
            );
        }
        for (person, link, wanted) in reported {
            self.updated.insert(*person);
            self.touched.insert(*person);
            let uid = |id: Option<i64>| id.and_then(|id| names.get(&id)).map(|(uid, _)| uid.clone());
            let (subject, name) = names.get(person).cloned().unwrap_or_default();
            let fields = vec![("manager".into(), uid(link.current), uid(*wanted))];
            self.note(
                conn,
                Change {
                    kind: ChangeKind::Updated,
                    subject,
                    name,
                    fields,
                },
            )?;
        }
        Ok(())
    }
}
