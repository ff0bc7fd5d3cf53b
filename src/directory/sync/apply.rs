//! Applying a run: one transaction over people, departments and their communities.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;
use serde_json::json;

use crate::communities::service as communities;
use crate::db::models::{
    Department, NewAuditEntry, NewDepartment, NewMembership, NewPerson, NewPersonDepartment, Person, StagedEntry,
    person_search_text,
};
use crate::db::schema::{communities as communities_t, departments, directory_entries, people, person_departments};
use crate::db::{DbConnection, bulk, now, write_transaction};
use crate::directory::attributes::DepartmentRef;
use crate::directory::groups::GroupIndex;
use crate::directory::report::{Change, SyncReport};
use crate::domain::{MembershipState, Role};
use crate::error::AppError;

use super::stage::MappedGroup;
use super::{Observer, STORED_CHANGES, directory_people, new_person, record_end};

/// Rolls a dry run back while keeping its report.
enum ApplyError {
    DryRun(Box<(SyncReport, Vec<Change>)>),
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

pub(super) fn apply(
    conn: &mut DbConnection,
    run_id: i64,
    dry_run: bool,
    report: SyncReport,
    (groups, mapped): &(GroupIndex, Vec<MappedGroup>),
    observer: &mut dyn Observer,
) -> Result<SyncReport, AppError> {
    let outcome = write_transaction(conn, |conn| {
        let mut run = Applier {
            run_id,
            report,
            changes: Vec::new(),
            observer,
            person_ids: HashMap::new(),
            by_dn: HashMap::new(),
            created: HashSet::new(),
            updated: HashSet::new(),
            touched: HashSet::new(),
            audit: Vec::new(),
            declared_heads: HashMap::new(),
            manager_links: Vec::new(),
        };
        let mut clock = std::time::Instant::now();
        let mut lap = |phase: &str| {
            tracing::debug!(
                run = run_id,
                phase,
                ms = clock.elapsed().as_millis() as u64,
                "directory sync phase"
            );
            clock = std::time::Instant::now();
        };
        let departments = run.departments(conn)?;
        lap("departments");
        run.people(conn, &departments)?;
        lap("people");
        run.managers(conn)?;
        lap("managers");
        run.deactivate_missing(conn)?;
        lap("deactivations");
        run.department_communities(conn, &departments)?;
        lap("department communities");
        run.group_communities(conn, groups, mapped)?;
        lap("group communities");
        run.flush_audit(conn)?;
        lap("audit");
        run.report.updated = run.updated.len() as u64;
        run.report.unchanged = (run.person_ids.len() - run.touched.len()) as u64;
        if dry_run {
            return Err(ApplyError::DryRun(Box::new((run.report, run.changes))));
        }
        record_end(conn, &run.report, &run.changes)?;
        Ok(run.report)
    });
    match outcome {
        Ok(report) => Ok(report),
        Err(ApplyError::DryRun(dry)) => {
            let (report, changes) = *dry;
            record_end(conn, &report, &changes)?;
            Ok(report)
        }
        Err(ApplyError::Failed(e)) => Err(e),
    }
}

struct Applier<'o> {
    run_id: i64,
    report: SyncReport,
    changes: Vec<Change>,
    observer: &'o mut dyn Observer,
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
    uid: String,
    name: String,
}

const CHUNK: i64 = 1000;

type Fields = Vec<(String, Option<String>, Option<String>)>;

impl Applier<'_> {
    /// Records a change: audit entry (written in batches), observer, and the run's sample.
    fn note(&mut self, conn: &mut DbConnection, change: Change) -> Result<(), ApplyError> {
        let object = if change.kind.starts_with("department") {
            "department"
        } else if change.kind.starts_with("community") {
            "community"
        } else {
            "person"
        };
        let fields: serde_json::Map<String, serde_json::Value> = change
            .fields
            .iter()
            .map(|(f, o, n)| (f.clone(), json!([o, n])))
            .collect();
        self.audit.push(NewAuditEntry {
            actor_id: None,
            action: format!("directory.{}", change.kind),
            object_type: object.into(),
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
                kind: "community-created",
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

    /// Creates and renames departments (and their communities); returns key → department id.
    fn departments(&mut self, conn: &mut DbConnection) -> Result<HashMap<String, i64>, ApplyError> {
        let mut wanted: BTreeMap<String, String> = BTreeMap::new();
        chunks(conn, self.run_id, |_, chunk| {
            for e in chunk {
                for d in serde_json::from_str::<Vec<DepartmentRef>>(&e.departments).unwrap_or_default() {
                    wanted.entry(d.key).or_insert(d.name);
                }
            }
            Ok(())
        })?;
        let existing: Vec<Department> = departments::table.select(Department::as_select()).load(conn)?;
        let by_key: HashMap<String, Department> = existing
            .iter()
            .filter_map(|d| d.external_key.clone().map(|k| (k, d.clone())))
            .collect();
        let by_name: HashMap<String, Department> = existing
            .iter()
            .filter(|d| d.external_key.is_none())
            .map(|d| (d.name.to_lowercase(), d.clone()))
            .collect();
        let mut ids = HashMap::new();
        for (key, name) in wanted {
            let found = by_key.get(&key).or_else(|| by_name.get(&name.to_lowercase()));
            let id = match found {
                Some(d) => {
                    if d.external_key.is_none() {
                        diesel::update(departments::table.find(d.id))
                            .set(departments::external_key.eq(&key))
                            .execute(conn)?;
                    }
                    if d.name != name {
                        diesel::update(departments::table.find(d.id))
                            .set(departments::name.eq(&name))
                            .execute(conn)?;
                        if let Some(c) = department_community(conn, d.id)? {
                            communities::rename(conn, c, &name)?;
                        }
                        let fields = vec![("name".into(), Some(d.name.clone()), Some(name.clone()))];
                        self.note(
                            conn,
                            Change {
                                kind: "department-renamed",
                                subject: key.clone(),
                                name: name.clone(),
                                fields,
                            },
                        )?;
                    }
                    d.id
                }
                None => {
                    let id: i64 = diesel::insert_into(departments::table)
                        .values(NewDepartment {
                            name: name.clone(),
                            head_id: None,
                            created_at: now(),
                            external_key: Some(key.clone()),
                        })
                        .returning(departments::id)
                        .get_result(conn)?;
                    self.report.departments_created += 1;
                    self.note(
                        conn,
                        Change {
                            kind: "department-created",
                            subject: key.clone(),
                            name: name.clone(),
                            fields: vec![],
                        },
                    )?;
                    id
                }
            };
            if department_community(conn, id)?.is_none() {
                let c = communities::create_department_community(conn, id, &name)?;
                self.community_created(conn, c)?;
            }
            ids.insert(key, id);
        }
        Ok(ids)
    }

    fn people(&mut self, conn: &mut DbConnection, departments: &HashMap<String, i64>) -> Result<(), ApplyError> {
        let mut seen = 0u64;
        let mut person_ids = std::mem::take(&mut self.person_ids);
        chunks(conn, self.run_id, |conn, chunk| {
            let ids: Vec<&str> = chunk.iter().map(|e| e.external_id.as_str()).collect();
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
                .filter(|e| !known.contains_key(&e.external_id))
                .map(|e| e.uid.as_str())
                .collect();
            let mut local: HashMap<String, Person> = people::table
                .filter(people::uid.eq_any(&unknown_uids))
                .filter(people::external_id.is_null())
                .select(Person::as_select())
                .load(conn)?
                .into_iter()
                .map(|p| (p.uid.clone(), p))
                .collect();
            let person_rows: Vec<i64> = known.values().chain(local.values()).map(|p| p.id).collect();
            let mut current_departments: HashMap<i64, Vec<i64>> = HashMap::new();
            for (person, dept) in person_departments::table
                .filter(person_departments::person_id.eq_any(&person_rows))
                .select((person_departments::person_id, person_departments::department_id))
                .load::<(i64, i64)>(conn)?
            {
                current_departments.entry(person).or_default().push(dept);
            }
            let mut creates = Vec::new();
            let mut heads: Vec<(String, i64)> = Vec::new();
            for entry in chunk {
                self.by_dn.insert(entry.dn_key.clone(), entry.external_id.clone());
                let refs = serde_json::from_str::<Vec<DepartmentRef>>(&entry.departments).unwrap_or_default();
                let mut wanted: Vec<i64> = refs.iter().filter_map(|d| departments.get(&d.key).copied()).collect();
                wanted.sort_unstable();
                heads.extend(
                    refs.iter()
                        .filter(|d| d.head)
                        .filter_map(|d| departments.get(&d.key).map(|&id| (entry.external_id.clone(), id))),
                );
                let existing = known.remove(&entry.external_id).or_else(|| local.remove(&entry.uid));
                match existing {
                    None => creates.push((entry, wanted)),
                    Some(p) => {
                        let mut have = current_departments.remove(&p.id).unwrap_or_default();
                        have.sort_unstable();
                        self.update_person(conn, &p, &entry, (&have, &wanted))?;
                        person_ids.insert(entry.external_id.clone(), p.id);
                        if !p.is_locked("manager") {
                            self.manager_links.push(ManagerLink {
                                external_id: entry.external_id.clone(),
                                current: p.manager_id,
                                manager_dn_key: entry.manager_dn_key.clone(),
                                uid: entry.uid.clone(),
                                name: entry.display_name.clone(),
                            });
                        }
                    }
                }
                seen += 1;
            }
            self.manager_links.extend(creates.iter().map(|(e, _)| ManagerLink {
                external_id: e.external_id.clone(),
                current: None,
                manager_dn_key: e.manager_dn_key.clone(),
                uid: e.uid.clone(),
                name: e.display_name.clone(),
            }));
            self.create_people(conn, creates, &mut person_ids)?;
            for (external_id, department) in heads {
                if let Some(&person) = person_ids.get(&external_id) {
                    self.declared_heads.insert(department, person);
                }
            }
            self.observer.read(seen);
            Ok(())
        })?;
        self.person_ids = person_ids;
        Ok(())
    }

    /// New people of one chunk, in a few multi-row statements (a row at a time is what makes
    /// a first sync slow on PostgreSQL, see BENCHMARKS.md).
    fn create_people(
        &mut self,
        conn: &mut DbConnection,
        creates: Vec<(StagedEntry, Vec<i64>)>,
        person_ids: &mut HashMap<String, i64>,
    ) -> Result<(), ApplyError> {
        if creates.is_empty() {
            return Ok(());
        }
        let uids: Vec<&str> = creates.iter().map(|(e, _)| e.uid.as_str()).collect();
        let taken: Option<String> = people::table
            .filter(people::uid.eq_any(&uids))
            .select(people::uid)
            .first(conn)
            .optional()?;
        if let Some(uid) = taken {
            let (e, _) = creates.iter().find(|(e, _)| e.uid == uid).unwrap_or(&creates[0]);
            return Err(AppError::internal(anyhow::anyhow!(
                "uid `{uid}` of {} is already used by another person",
                e.dn
            ))
            .into());
        }
        let at = now();
        let rows: Vec<NewPerson> = creates
            .iter()
            .map(|(e, departments)| new_person(e, departments.first().copied(), at))
            .collect();
        bulk::insert_people(conn, &rows)?;
        let ext: Vec<&str> = creates.iter().map(|(e, _)| e.external_id.as_str()).collect();
        let ids: HashMap<String, i64> = people::table
            .filter(people::external_id.eq_any(&ext))
            .select((people::external_id.assume_not_null(), people::id))
            .load::<(String, i64)>(conn)?
            .into_iter()
            .collect();
        let mut in_departments = Vec::new();
        let mut in_organization = Vec::new();
        let organization = communities::organization_id(conn)?;
        for (e, departments) in &creates {
            let Some(&id) = ids.get(&e.external_id) else { continue };
            in_departments.extend(departments.iter().map(|&department_id| NewPersonDepartment {
                person_id: id,
                department_id,
            }));
            if let Some(community_id) = organization {
                in_organization.push(NewMembership {
                    community_id,
                    person_id: id,
                    role: Role::Member.as_str().into(),
                    state: MembershipState::Active.as_str().into(),
                    created_at: at,
                    updated_at: at,
                    from_directory: true,
                });
            }
            person_ids.insert(e.external_id.clone(), id);
            self.created.insert(id);
            self.touched.insert(id);
            self.report.created += 1;
        }
        bulk::insert_person_departments(conn, &in_departments)?;
        bulk::insert_memberships(conn, &in_organization)?;
        for (e, _) in creates {
            self.note(
                conn,
                Change {
                    kind: "created",
                    subject: e.uid,
                    name: e.display_name,
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
        e: &StagedEntry,
        (have, wanted): (&[i64], &[i64]),
    ) -> Result<(), ApplyError> {
        let mut fields: Fields = Vec::new();
        let mut diff = |name: &str, old: Option<&str>, new: Option<&str>| {
            if old != new && !p.is_locked(name) {
                fields.push((name.to_string(), old.map(str::to_string), new.map(str::to_string)));
            }
        };
        diff("uid", Some(&p.uid), Some(&e.uid));
        diff("display_name", Some(&p.display_name), Some(&e.display_name));
        diff("email", p.email.as_deref(), e.email.as_deref());
        diff("title", p.title.as_deref(), e.title.as_deref());
        diff("phone", p.phone.as_deref(), e.phone.as_deref());
        diff(
            "employee_number",
            p.employee_number.as_deref(),
            e.employee_number.as_deref(),
        );
        diff("dn", p.dn.as_deref(), Some(&e.dn));
        let adopt = p.external_id.is_none();
        if adopt {
            fields.push(("source".into(), Some(p.source.clone()), Some("directory".into())));
        }
        let value = |f: &str| {
            fields
                .iter()
                .find(|(n, _, _)| n == f)
                .and_then(|(_, _, new)| new.clone())
        };
        let has = |f: &str| fields.iter().any(|(n, _, _)| n == f);
        if !fields.is_empty() {
            let uid = if has("uid") { e.uid.clone() } else { p.uid.clone() };
            let name = if has("display_name") {
                e.display_name.clone()
            } else {
                p.display_name.clone()
            };
            let email = if has("email") { value("email") } else { p.email.clone() };
            diesel::update(people::table.find(p.id))
                .set((
                    people::uid.eq(&uid),
                    people::display_name.eq(&name),
                    people::email.eq(&email),
                    people::title.eq(if has("title") { value("title") } else { p.title.clone() }),
                    people::phone.eq(if has("phone") { value("phone") } else { p.phone.clone() }),
                    people::employee_number.eq(if has("employee_number") {
                        value("employee_number")
                    } else {
                        p.employee_number.clone()
                    }),
                    people::dn.eq(if has("dn") { value("dn") } else { p.dn.clone() }),
                    people::external_id.eq(Some(&e.external_id)),
                    people::source.eq("directory"),
                    people::search_text.eq(person_search_text(&uid, &name, email.as_deref())),
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
                    kind: "updated",
                    subject: uid,
                    name,
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
                    kind: "moved",
                    subject: e.uid.clone(),
                    name: e.display_name.clone(),
                    fields,
                },
            )?;
        }
        let activity = match (p.active, e.disabled) {
            (true, true) => Some((false, "deactivated")),
            (false, false) if !p.deactivated_by_admin => Some((true, "reactivated")),
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
                    subject: e.uid.clone(),
                    name: e.display_name.clone(),
                    fields: vec![],
                },
            )?;
        }
        Ok(())
    }

    /// Second pass: managers, now that every person has an id.
    fn managers(&mut self, conn: &mut DbConnection) -> Result<(), ApplyError> {
        let links = std::mem::take(&mut self.manager_links);
        let mut changed: Vec<(i64, &ManagerLink, Option<i64>)> = Vec::new();
        for link in &links {
            let Some(&person) = self.person_ids.get(&link.external_id) else {
                continue;
            };
            let wanted = link
                .manager_dn_key
                .as_ref()
                .and_then(|k| self.by_dn.get(k))
                .and_then(|ext| self.person_ids.get(ext))
                .copied();
            if link.current != wanted {
                changed.push((person, link, wanted));
            }
        }
        // One UPDATE per manager (and per thousand reports), not per person.
        let mut by_manager: HashMap<Option<i64>, Vec<i64>> = HashMap::new();
        for (person, _, wanted) in &changed {
            by_manager.entry(*wanted).or_default().push(*person);
        }
        for (manager, ids) in by_manager {
            for ids in ids.chunks(CHUNK as usize) {
                diesel::update(people::table.filter(people::id.eq_any(ids)))
                    .set(people::manager_id.eq(manager))
                    .execute(conn)?;
            }
        }
        // A new person's manager is part of being created, not a change of its own.
        let reported: Vec<&(i64, &ManagerLink, Option<i64>)> = changed
            .iter()
            .filter(|(person, _, _)| !self.created.contains(person))
            .collect();
        let involved: Vec<i64> = reported
            .iter()
            .flat_map(|(_, link, wanted)| [link.current, *wanted])
            .flatten()
            .collect();
        let mut uids: HashMap<i64, String> = HashMap::new();
        for ids in involved.chunks(CHUNK as usize) {
            uids.extend(
                people::table
                    .filter(people::id.eq_any(ids))
                    .select((people::id, people::uid))
                    .load::<(i64, String)>(conn)?,
            );
        }
        for (person, link, wanted) in reported {
            self.updated.insert(*person);
            self.touched.insert(*person);
            let uid = |id: Option<i64>| id.and_then(|id| uids.get(&id).cloned());
            let fields = vec![("manager".into(), uid(link.current), uid(*wanted))];
            self.note(
                conn,
                Change {
                    kind: "updated",
                    subject: link.uid.clone(),
                    name: link.name.clone(),
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
                    let c = communities::create_group_community(conn, &g.slug, &g.name, g.kind)?;
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
            communities::sync_directory_members(conn, community, &members, None, None)?;
        }
        Ok(())
    }

    /// Directory people the directory no longer returns. Compared in memory with the ids this
    /// run saw: PostgreSQL plans an anti-join against freshly staged rows badly (see BENCHMARKS.md).
    fn deactivate_missing(&mut self, conn: &mut DbConnection) -> Result<(), ApplyError> {
        let seen: HashSet<i64> = self.person_ids.values().copied().collect();
        let active: Vec<(i64, String, String)> = directory_people()
            .filter(people::active.eq(true))
            .select((people::id, people::uid, people::display_name))
            .load(conn)?;
        for (id, uid, name) in active.into_iter().filter(|(id, _, _)| !seen.contains(id)) {
            diesel::update(people::table.find(id))
                .set((people::active.eq(false), people::updated_at.eq(now())))
                .execute(conn)?;
            self.report.deactivated += 1;
            self.note(
                conn,
                Change {
                    kind: "deactivated",
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
        departments: &HashMap<String, i64>,
    ) -> Result<(), ApplyError> {
        for (key, &dept_id) in departments {
            let members: Vec<(i64, Option<i64>)> = person_departments::table
                .inner_join(people::table)
                .filter(person_departments::department_id.eq(dept_id))
                .filter(people::active.eq(true))
                .select((people::id, people::manager_id))
                .load(conn)?;
            let declared = self.declared_heads.get(&dept_id).copied();
            let head = declared
                .filter(|h| members.iter().any(|(m, _)| m == h))
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
                        kind: "department-head",
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
            communities::sync_directory_members(
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

/// A run's staged entries, a chunk at a time, in stable-id order.
fn chunks(
    conn: &mut DbConnection,
    run_id: i64,
    mut each: impl FnMut(&mut DbConnection, Vec<StagedEntry>) -> Result<(), ApplyError>,
) -> Result<(), ApplyError> {
    let mut after = String::new();
    loop {
        let chunk: Vec<StagedEntry> = directory_entries::table
            .filter(directory_entries::run_id.eq(run_id))
            .filter(directory_entries::external_id.gt(&after))
            .order(directory_entries::external_id.asc())
            .limit(CHUNK)
            .select(StagedEntry::as_select())
            .load(conn)?;
        let Some(last) = chunk.last() else { return Ok(()) };
        after = last.external_id.clone();
        each(conn, chunk)?;
    }
}

#[cfg(test)]
mod tests {
    use super::head_of;

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
}
