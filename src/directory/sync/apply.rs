//! Applying a run: one transaction that reads the directory page by page and follows it with
//! people, departments and their communities.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde_json::json;

use crate::config::LdapSettings;
use crate::db::models::{Department, NewAuditEntry};
use crate::db::schema::{departments, people};
use crate::db::{DbConnection, bulk, now, write_transaction};
use crate::directory::attributes::{AttributeMap, dn_key};
use crate::directory::client::DirectoryError;
use crate::directory::groups::GroupIndex;
use crate::directory::report::{Change, ChangeKind, SyncReport};
use crate::error::AppError;

use super::read::{MappedGroup, Page, for_each_page};
use super::{Observer, STORED_CHANGES, SyncOptions, directory_people, guard, record_end};

mod departments_pass;
mod people_pass;

use people_pass::{ManagerLink, Synced};

/// Rows per multi-row statement and per id list: far below both backends' parameter limits.
const CHUNK: i64 = 1000;

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
}
