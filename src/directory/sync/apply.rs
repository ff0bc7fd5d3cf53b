//! Applying a run: one transaction that reads the directory page by page and follows it with
//! people, departments and their communities.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde_json::json;

use crate::communities::{managed, service as communities};
use crate::config::LdapSettings;
use crate::db::models::{
    Department, NewAuditEntry, NewDepartment, NewMembership, NewPerson, NewPersonDepartment, Person, person_search_text,
};
use crate::db::schema::{communities as communities_t, departments, people, person_departments};
use crate::db::{DbConnection, bulk, now, write_transaction};
use crate::directory::attributes::{AttributeMap, DirectoryPerson, dn_key};
use crate::directory::client::DirectoryError;
use crate::directory::groups::GroupIndex;
use crate::directory::report::{Change, ChangeKind, SyncReport};
use crate::domain::{MembershipState, Role};
use crate::error::AppError;

use super::read::{MappedGroup, Page, for_each_page};
use super::{Observer, STORED_CHANGES, SyncOptions, directory_people, guard, new_person, record_end};

enum ApplyError {
    /// The directory failed or the guard refused: roll back, record why.
    Refused(String),
    /// Roll back, keeping the report (a dry run, or a refused one).
    RolledBack(Box<(SyncReport, Vec<Change>)>),
    Failed(AppError),
}

impl From<diesel::result::Error> for ApplyError {
    fn from(e: diesel::result::Error) -> Self {
        ApplyError::Failed(e.into())
    }
}

impl From<AppError> for ApplyError {
    fn from(e: AppError) -> Self {
        ApplyError::Failed(e)
    }
}

impl From<DirectoryError> for ApplyError {
    fn from(e: DirectoryError) -> Self {
        ApplyError::Refused(e.to_string())
    }
}

pub(super) fn apply(
    conn: &mut DbConnection,
    settings: &LdapSettings,
    map: &AttributeMap,
    options: &SyncOptions,
    report: SyncReport,
    (groups, mapped): &(GroupIndex, Vec<MappedGroup>),
    observer: &mut dyn Observer,
) -> Result<SyncReport, AppError> {
    let run_id = report.run_id;
    let outcome = write_transaction(conn, |conn| {
        let mut run = Applier {
            run_id,
            report,
            changes: Vec::new(),
            observer,
            departments: HashMap::new(),
            known_departments: Vec::new(),
            synced: HashMap::new(),
            person_ids: HashMap::new(),
            by_dn: HashMap::new(),
            created: HashSet::new(),
            updated: HashSet::new(),
            touched: HashSet::new(),
            audit: Vec::new(),
            declared_heads: HashMap::new(),
            manager_links: Vec::new(),
        };
        match run.follow(conn, settings, map, options.force, groups, mapped) {
            Ok(()) => {}
            Err(ApplyError::Refused(reason)) => {
                return Err(ApplyError::RolledBack(Box::new((
                    run.report.aborted(reason),
                    Vec::new(),
                ))));
            }
            Err(e) => return Err(e),
        }
        run.report.updated = run.updated.len() as u64;
        run.report.unchanged = (run.person_ids.len() - run.touched.len()) as u64;
        if options.dry_run {
            return Err(ApplyError::RolledBack(Box::new((run.report, run.changes))));
        }
        record_end(conn, &run.report, &run.changes)?;
        Ok(run.report)
    });
    match outcome {
        Ok(report) => Ok(report),
        Err(ApplyError::RolledBack(rolled_back)) => {
            let (report, changes) = *rolled_back;
            // An aborted run is recorded by the caller, which also logs it.
            if !report.aborted {
                record_end(conn, &report, &changes)?;
            }
            Ok(report)
        }
        Err(ApplyError::Refused(reason)) => Err(AppError::internal(anyhow::anyhow!(reason))),
        Err(ApplyError::Failed(e)) => Err(e),
    }
}

struct Applier<'o> {
    run_id: i64,
    report: SyncReport,
    changes: Vec<Change>,
    observer: &'o mut dyn Observer,
    /// department key → id, of the departments this run has seen.
    departments: HashMap<String, i64>,
    /// external id → directory people as the last sync left them, taken out as the run reads them.
    synced: HashMap<String, Synced>,
    /// The departments there were before the run.
    known_departments: Vec<Department>,
    /// external id → person id of everyone the directory returned.
    person_ids: HashMap<String, i64>,
    /// normalised DN → external id of everyone the directory returned.
    by_dn: HashMap<String, String>,
    created: HashSet<i64>,
    updated: HashSet<i64>,
    /// Anyone with any change in this run; the rest are unchanged.
    touched: HashSet<i64>,
    /// Audit entries not yet written.
    audit: Vec<NewAuditEntry>,
    /// department id → head, where the directory names them (`[ldap.attributes] department_head`).
    declared_heads: HashMap<i64, i64>,
    /// Whom each person should report to, gathered in the people pass for the manager pass.
    manager_links: Vec<ManagerLink>,
}

/// A person's manager as the directory has it, and as we have it now.
struct ManagerLink {
    external_id: String,
    current: Option<i64>,
    manager_dn_key: Option<String>,
}

/// A person the directory has and we do not, yet.
struct Create {
    entry: DirectoryPerson,
    departments: Vec<i64>,
    manager: Option<i64>,
    fingerprint: String,
}

/// A directory person as the last sync that applied their entry left them.
struct Synced {
    id: i64,
    hash: String,
    manager_id: Option<i64>,
    active: bool,
}

const CHUNK: i64 = 1000;

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
    /// Records a change: audit entry (written in batches), observer, and the run's sample.
    fn note(&mut self, conn: &mut DbConnection, change: Change) -> Result<(), ApplyError> {
        let fields: serde_json::Map<String, serde_json::Value> = change
            .fields
            .iter()
            .map(|(f, o, n)| (f.clone(), json!([o, n])))
            .collect();
        self.audit.push(NewAuditEntry {
            actor_id: None,
            action: format!("directory.{}", change.kind),
            object_type: change.kind.object().into(),
            object_id: change.subject.clone(),
            details: json!({ "run": self.run_id, "fields": fields }).to_string(),
            created_at: now(),
        });
        if self.audit.len() >= CHUNK as usize {
            self.flush_audit(conn)?;
        }
        self.observer.change(&change);
        if self.changes.len() < STORED_CHANGES {
            self.changes.push(change);
        }
        Ok(())
    }

    fn community_created(
        &mut self,
        conn: &mut DbConnection,
        c: crate::db::models::Community,
    ) -> Result<(), ApplyError> {
        self.report.communities_created += 1;
        self.note(
            conn,
            Change {
                kind: ChangeKind::CommunityCreated,
                subject: c.slug,
                name: c.name,
                fields: vec![],
            },
        )
    }

    fn flush_audit(&mut self, conn: &mut DbConnection) -> Result<(), ApplyError> {
        bulk::insert_audit_entries(conn, &self.audit)?;
        self.audit.clear();
        Ok(())
    }

    /// Everything a run does, in order; the transaction around it commits or rolls back.
    fn follow(
        &mut self,
        conn: &mut DbConnection,
        settings: &LdapSettings,
        map: &AttributeMap,
        force: bool,
        groups: &GroupIndex,
        mapped: &[MappedGroup],
    ) -> Result<(), ApplyError> {
        let started = std::time::Instant::now();
        let mut clock = started;
        let run_id = self.run_id;
        let mut lap = |phase: &str| {
            tracing::debug!(
                run = run_id,
                phase,
                ms = clock.elapsed().as_millis() as u64,
                "directory sync phase"
            );
            clock = std::time::Instant::now();
        };
        self.known_departments = departments::table.select(Department::as_select()).load(conn)?;
        // People with locked fields always take the long way: what the sync may write differs.
        self.synced = directory_people()
            .filter(people::directory_hash.is_not_null())
            .filter(people::locked_fields.eq(""))
            .select((
                people::external_id.assume_not_null(),
                people::id,
                people::directory_hash.assume_not_null(),
                people::manager_id,
                people::active,
            ))
            .load::<(String, i64, String, Option<i64>, bool)>(conn)?
            .into_iter()
            .map(|(ext, id, hash, manager_id, active)| {
                (
                    ext,
                    Synced {
                        id,
                        hash,
                        manager_id,
                        active,
                    },
                )
            })
            .collect();
        let active: i64 = directory_people()
            .filter(people::active.eq(true))
            .count()
            .get_result(conn)?;
        let mut busy = std::time::Duration::ZERO;
        for_each_page(settings, map, |page| {
            let at = std::time::Instant::now();
            let done = self.page(conn, page);
            busy += at.elapsed();
            done
        })?;
        let read_ms = started.elapsed().as_millis() as u64;
        // Time spent on pages against waiting for the directory: which side limits the run.
        tracing::debug!(run = run_id, busy_ms = busy.as_millis() as u64, "directory sync pages");
        lap("reading, departments and people");
        let missing = self.missing(conn)?;
        let leaving = self.report.deactivated as i64 + missing.len() as i64;
        guard(
            settings.max_deactivate_fraction,
            force,
            self.person_ids.len(),
            active,
            leaving,
        )
        .map_err(ApplyError::Refused)?;
        self.deactivate(conn, missing)?;
        lap("deactivations");
        self.managers(conn)?;
        lap("managers");
        self.department_communities(conn, groups, &settings.head_group)?;
        lap("department communities");
        self.group_communities(conn, groups, mapped)?;
        // Memberships were written in bulk above; the counts follow in one statement.
        crate::communities::service::recount(conn, None)?;
        lap("group communities");
        self.flush_audit(conn)?;
        lap("audit");
        tracing::info!(
            run = run_id,
            read_ms,
            apply_ms = started.elapsed().as_millis() as u64 - read_ms,
            "directory sync phases"
        );
        Ok(())
    }

    /// One page of the directory: the departments it names, then its people.
    fn page(&mut self, conn: &mut DbConnection, page: Page) -> Result<(), ApplyError> {
        self.report.entries_read += page.len() as u64;
        let mut fresh = HashSet::new();
        let mut entries = Vec::with_capacity(page.len());
        for parsed in page {
            match parsed {
                Ok(p) if !self.person_ids.contains_key(&p.external_id) && fresh.insert(p.external_id.clone()) => {
                    entries.push(p)
                }
                Ok(p) => {
                    tracing::warn!(dn = %p.dn, "directory entry skipped: its stable id came twice");
                    self.report.skipped += 1;
                }
                Err(skipped) => {
                    tracing::warn!(dn = %skipped.dn, reason = %skipped.reason, "directory entry skipped");
                    self.report.skipped += 1;
                }
            }
        }
        self.ensure_departments(conn, &entries)?;
        let mut heads: Vec<(String, i64)> = Vec::new();
        let mut changed = Vec::new();
        for entry in entries {
            heads.extend(
                entry
                    .departments
                    .iter()
                    .filter(|d| d.head)
                    .filter_map(|d| self.departments.get(&d.key).map(|&id| (entry.external_id.clone(), id))),
            );
            let fingerprint = entry.fingerprint();
            match self.synced.remove(&entry.external_id) {
                // Looks as it did when last applied: nothing to read or write but the manager link.
                Some(last) if last.hash == fingerprint && last.active != entry.disabled => {
                    self.by_dn.insert(dn_key(&entry.dn), entry.external_id.clone());
                    self.manager_links.push(ManagerLink {
                        external_id: entry.external_id.clone(),
                        current: last.manager_id,
                        manager_dn_key: entry.manager_dn.as_deref().map(dn_key),
                    });
                    self.person_ids.insert(entry.external_id, last.id);
                }
                _ => changed.push((entry, fingerprint)),
            }
        }
        self.people(conn, changed)?;
        for (external_id, department) in heads {
            if let Some(&person) = self.person_ids.get(&external_id) {
                self.declared_heads.insert(department, person);
            }
        }
        self.observer.read(self.report.entries_read);
        Ok(())
    }

    /// Creates, adopts (by name) and renames the departments that entries name, and their
    /// communities, the first time the run sees each.
    fn ensure_departments(&mut self, conn: &mut DbConnection, entries: &[DirectoryPerson]) -> Result<(), ApplyError> {
        let mut unseen: Vec<(&str, &str)> = entries
            .iter()
            .flat_map(|e| &e.departments)
            .filter(|d| !self.departments.contains_key(&d.key))
            .map(|d| (d.key.as_str(), d.name.as_str()))
            .collect();
        unseen.sort_unstable();
        unseen.dedup_by(|a, b| a.0 == b.0);
        for (key, name) in unseen {
            let found = self
                .known_departments
                .iter()
                .position(|d| d.external_key.as_deref() == Some(key))
                .or_else(|| {
                    self.known_departments
                        .iter()
                        .position(|d| d.external_key.is_none() && d.name.to_lowercase() == name.to_lowercase())
                });
            let id = match found {
                Some(i) => {
                    let d = self.known_departments[i].clone();
                    if d.external_key.is_none() {
                        diesel::update(departments::table.find(d.id))
                            .set(departments::external_key.eq(key))
                            .execute(conn)?;
                        self.known_departments[i].external_key = Some(key.to_string());
                    }
                    if d.name != name {
                        diesel::update(departments::table.find(d.id))
                            .set(departments::name.eq(name))
                            .execute(conn)?;
                        if let Some(c) = department_community(conn, d.id)? {
                            communities::rename(conn, c, name)?;
                        }
                        let fields = vec![("name".into(), Some(d.name.clone()), Some(name.to_string()))];
                        self.note(
                            conn,
                            Change {
                                kind: ChangeKind::DepartmentRenamed,
                                subject: key.to_string(),
                                name: name.to_string(),
                                fields,
                            },
                        )?;
                    }
                    d.id
                }
                None => {
                    let id: i64 = diesel::insert_into(departments::table)
                        .values(NewDepartment {
                            name: name.to_string(),
                            head_id: None,
                            created_at: now(),
                            external_key: Some(key.to_string()),
                        })
                        .returning(departments::id)
                        .get_result(conn)?;
                    self.report.departments_created += 1;
                    self.note(
                        conn,
                        Change {
                            kind: ChangeKind::DepartmentCreated,
                            subject: key.to_string(),
                            name: name.to_string(),
                            fields: vec![],
                        },
                    )?;
                    id
                }
            };
            if department_community(conn, id)?.is_none() {
                let c = managed::create_department_community(conn, id, name)?;
                self.community_created(conn, c)?;
            }
            self.departments.insert(key.to_string(), id);
        }
        Ok(())
    }

    /// A page's people: matched by stable id (or, once, a local account's uid), then updated
    /// or created.
    fn people(&mut self, conn: &mut DbConnection, chunk: Vec<(DirectoryPerson, String)>) -> Result<(), ApplyError> {
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
            fields.push(("source".into(), Some(p.source.clone()), Some("directory".into())));
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
                    people::source.eq("directory"),
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
    fn person_at(&self, dn_key: &str) -> Option<i64> {
        self.by_dn.get(dn_key).and_then(|ext| self.person_ids.get(ext)).copied()
    }

    /// Second pass: managers, now that every person has an id.
    fn managers(&mut self, conn: &mut DbConnection) -> Result<(), ApplyError> {
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

    /// Communities made from groups: their members follow the group, nested groups included.
    fn group_communities(
        &mut self,
        conn: &mut DbConnection,
        groups: &GroupIndex,
        mapped: &[MappedGroup],
    ) -> Result<(), ApplyError> {
        for g in mapped {
            let community = match communities::find_id(conn, g.slug.as_str())? {
                Some(id) => id,
                None => {
                    let c = managed::create_group_community(conn, &g.slug, &g.name, g.kind)?;
                    let id = c.id;
                    self.community_created(conn, c)?;
                    id
                }
            };
            let members: Vec<i64> = groups
                .people_in(&g.dn, |dn| self.by_dn.contains_key(dn))
                .iter()
                .filter_map(|dn| self.by_dn.get(dn).and_then(|ext| self.person_ids.get(ext)).copied())
                .collect();
            managed::sync_directory_members(conn, community, &members, None, None)?;
        }
        Ok(())
    }

    /// Directory people the directory no longer returns. Compared in memory with the ids this
    /// run saw: PostgreSQL plans an anti-join against a long id list badly (see BENCHMARKS.md).
    fn missing(&mut self, conn: &mut DbConnection) -> Result<Vec<(i64, String, String)>, ApplyError> {
        let seen: HashSet<i64> = self.person_ids.values().copied().collect();
        let active: Vec<(i64, String, String)> = directory_people()
            .filter(people::active.eq(true))
            .select((people::id, people::uid, people::display_name))
            .load(conn)?;
        Ok(active.into_iter().filter(|(id, _, _)| !seen.contains(id)).collect())
    }

    fn deactivate(&mut self, conn: &mut DbConnection, missing: Vec<(i64, String, String)>) -> Result<(), ApplyError> {
        for ids in missing.chunks(CHUNK as usize) {
            let ids: Vec<i64> = ids.iter().map(|(id, _, _)| *id).collect();
            diesel::update(people::table.filter(people::id.eq_any(ids)))
                .set((people::active.eq(false), people::updated_at.eq(now())))
                .execute(conn)?;
        }
        for (_, uid, name) in missing {
            self.report.deactivated += 1;
            self.note(
                conn,
                Change {
                    kind: ChangeKind::Deactivated,
                    subject: uid,
                    name,
                    fields: vec![],
                },
            )?;
        }
        Ok(())
    }

    /// Department communities follow their departments: members, and the head as manager.
    fn department_communities(
        &mut self,
        conn: &mut DbConnection,
        groups: &GroupIndex,
        head_group: &str,
    ) -> Result<(), ApplyError> {
        let in_head_group: HashSet<i64> = if head_group.trim().is_empty() {
            HashSet::new()
        } else {
            groups
                .people_in(head_group.trim(), |dn| self.by_dn.contains_key(dn))
                .iter()
                .filter_map(|dn| self.person_at(dn))
                .collect()
        };
        let departments: Vec<(String, i64)> = self.departments.iter().map(|(k, &id)| (k.clone(), id)).collect();
        for (key, dept_id) in departments {
            let members: Vec<(i64, Option<i64>)> = person_departments::table
                .inner_join(people::table)
                .filter(person_departments::department_id.eq(dept_id))
                .filter(people::active.eq(true))
                .select((people::id, people::manager_id))
                .load(conn)?;
            let declared = self.declared_heads.get(&dept_id).copied();
            let head = declared
                .filter(|h| members.iter().any(|(m, _)| m == h))
                .or_else(|| head_among(&members, &in_head_group))
                .or_else(|| head_of(&members));
            let dept: Department = departments::table
                .find(dept_id)
                .select(Department::as_select())
                .first(conn)?;
            if dept.head_id != head {
                diesel::update(departments::table.find(dept_id))
                    .set(departments::head_id.eq(head))
                    .execute(conn)?;
                let uid_of = |id: Option<i64>, conn: &mut DbConnection| -> Result<Option<String>, ApplyError> {
                    Ok(match id {
                        Some(id) => people::table.find(id).select(people::uid).first(conn).optional()?,
                        None => None,
                    })
                };
                let fields = vec![("head".into(), uid_of(dept.head_id, conn)?, uid_of(head, conn)?)];
                self.note(
                    conn,
                    Change {
                        kind: ChangeKind::DepartmentHead,
                        subject: key.clone(),
                        name: dept.name.clone(),
                        fields,
                    },
                )?;
            }
            let Some(community) = department_community(conn, dept_id)? else {
                continue;
            };
            let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
            managed::sync_directory_members(
                conn,
                community,
                &ids,
                head,
                dept.head_id.filter(|old| Some(*old) != head),
            )?;
        }
        Ok(())
    }
}

/// The department's head: someone the members have as manager, who is a member and whose own
/// manager is not. With several, the one managing the most members (then the lowest id).
fn head_of(members: &[(i64, Option<i64>)]) -> Option<i64> {
    let inside: HashMap<i64, Option<i64>> = members.iter().copied().collect();
    let mut managed: HashMap<i64, usize> = HashMap::new();
    for (_, manager) in members {
        if let Some(m) = manager {
            *managed.entry(*m).or_default() += 1;
        }
    }
    managed
        .into_iter()
        .filter(|(m, _)| {
            inside
                .get(m)
                .is_some_and(|own| own.is_none_or(|o| !inside.contains_key(&o)))
        })
        .max_by_key(|(m, n)| (*n, std::cmp::Reverse(*m)))
        .map(|(m, _)| m)
}

/// The member of the head group who heads the department: the one none of the other
/// members in the group reports to (then the lowest id).
fn head_among(members: &[(i64, Option<i64>)], group: &HashSet<i64>) -> Option<i64> {
    let candidates: Vec<(i64, Option<i64>)> = members.iter().copied().filter(|(m, _)| group.contains(m)).collect();
    candidates
        .iter()
        .filter(|(_, manager)| !manager.is_some_and(|m| candidates.iter().any(|(c, _)| *c == m)))
        .map(|(c, _)| *c)
        .min()
}

fn set_departments(conn: &mut DbConnection, person_id: i64, departments: &[i64]) -> Result<(), ApplyError> {
    diesel::delete(person_departments::table.filter(person_departments::person_id.eq(person_id))).execute(conn)?;
    for d in departments {
        diesel::insert_into(person_departments::table)
            .values((
                person_departments::person_id.eq(person_id),
                person_departments::department_id.eq(d),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn department_community(conn: &mut DbConnection, department_id: i64) -> Result<Option<i64>, ApplyError> {
    Ok(communities_t::table
        .filter(communities_t::department_id.eq(department_id))
        .select(communities_t::id)
        .first(conn)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{head_among, head_of};

    #[test]
    fn the_head_is_the_manager_without_a_manager_inside() {
        // 1 heads the department; 2 is a team lead under 1; 3 and 4 report to 2; 5 to 1.
        let members = [(1, Some(99)), (2, Some(1)), (3, Some(2)), (4, Some(2)), (5, Some(1))];
        assert_eq!(head_of(&members), Some(1));
        // Nobody's manager is inside: no head.
        assert_eq!(head_of(&[(1, Some(99)), (2, None)]), None);
        // A head of two departments is found in each.
        assert_eq!(head_of(&[(7, None), (8, Some(7))]), Some(7));
    }

    #[test]
    fn of_several_heads_in_the_group_the_one_at_the_top() {
        let group: HashSet<i64> = [2, 3, 9].into();
        // 2 and 3 are in the group; 3 reports to 2; 9 is in the group but not a member.
        let members = [(1, None), (2, Some(1)), (3, Some(2)), (4, Some(3))];
        assert_eq!(head_among(&members, &group), Some(2));
        assert_eq!(head_among(&members, &HashSet::new()), None);
    }
}
