//! Reading the directory into the staging table (and the groups to map).

use crate::config::LdapSettings;
use crate::db::models::{NewPerson, StagedEntry};
use crate::db::{DbConnection, bulk};
use crate::directory::attributes::{AttributeMap, DirectoryPerson, Skipped, dn_key};
use crate::directory::client::{self, DirectoryError};
use crate::directory::groups::GroupIndex;
use crate::directory::report::SyncReport;
use crate::domain::{CommunityKind, CommunitySlug};
use ldap3::Scope;

use super::Observer;

/// A person as the directory describes them, to be inserted.
pub(crate) fn new_person(e: &StagedEntry, department_id: Option<i64>, at: chrono::NaiveDateTime) -> NewPerson {
    NewPerson {
        title: e.title.clone(),
        department_id,
        active: !e.disabled,
        external_id: Some(e.external_id.clone()),
        dn: Some(e.dn.clone()),
        phone: e.phone.clone(),
        employee_number: e.employee_number.clone(),
        source: "directory".into(),
        ..NewPerson::new(&e.uid, &e.display_name, e.email.as_deref(), at)
    }
}

pub(crate) fn staged(run_id: i64, p: DirectoryPerson) -> StagedEntry {
    StagedEntry {
        run_id,
        external_id: p.external_id,
        dn_key: dn_key(&p.dn),
        dn: p.dn,
        uid: p.uid.as_str().to_string(),
        display_name: p.display_name.into_string(),
        email: p.email.map(|e| e.as_str().to_string()),
        title: p.title,
        phone: p.phone,
        employee_number: p.employee_number,
        departments: serde_json::to_string(&p.departments).unwrap_or_else(|_| "[]".into()),
        manager_dn_key: p.manager_dn.as_deref().map(dn_key),
        disabled: p.disabled,
    }
}

/// Reads the whole directory into the staging table, a page at a time.
pub(super) fn stage(
    conn: &mut DbConnection,
    settings: &LdapSettings,
    map: &AttributeMap,
    run_id: i64,
    report: &mut SyncReport,
    observer: &mut dyn Observer,
) -> Result<(), StageError> {
    // Reading the directory and writing the staging table overlap: a reader thread hands over
    // one page at a time (a few pages may wait), this thread stages them.
    let page_size = settings.page_size as usize;
    let (pages, received) = std::sync::mpsc::sync_channel::<Vec<Result<DirectoryPerson, Skipped>>>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<u64, DirectoryError> {
            let mut ldap = client::service_connection(settings)?;
            let mut page = Vec::with_capacity(page_size);
            let read = client::for_each_person(&mut ldap, settings, map, |parsed| {
                page.push(parsed);
                if page.len() >= page_size {
                    pages
                        .send(std::mem::replace(&mut page, Vec::with_capacity(page_size)))
                        .map_err(|_| DirectoryError::Search("staging stopped".into()))?;
                }
                Ok(())
            })?;
            let _ = ldap.unbind();
            if !page.is_empty() {
                pages
                    .send(page)
                    .map_err(|_| DirectoryError::Search("staging stopped".into()))?;
            }
            Ok(read)
        });
        let mut seen = 0u64;
        let mut failed = None;
        while let Ok(page) = received.recv() {
            seen += page.len() as u64;
            let batch: Vec<StagedEntry> = page
                .into_iter()
                .filter_map(|parsed| match parsed {
                    Ok(p) => Some(staged(run_id, p)),
                    Err(skipped) => {
                        tracing::warn!(dn = %skipped.dn, reason = %skipped.reason, "directory entry skipped");
                        report.skipped += 1;
                        None
                    }
                })
                .collect();
            match bulk::insert_staged_entries(conn, &batch) {
                Ok(inserted) => report.skipped += (batch.len() - inserted) as u64,
                Err(e) => {
                    failed = Some(StageError::Db(e.to_string()));
                    break;
                }
            }
            observer.read(seen);
        }
        // Closing the channel stops a reader that is still sending.
        drop(received);
        let read = reader
            .join()
            .map_err(|_| StageError::Db("the directory reader failed".into()))?;
        if let Some(e) = failed {
            return Err(e);
        }
        report.entries_read = read?;
        observer.read(report.entries_read);
        Ok(())
    })
}

#[derive(Debug, thiserror::Error)]
pub(super) enum StageError {
    #[error(transparent)]
    Directory(#[from] DirectoryError),
    #[error("staging failed: {0}")]
    Db(String),
}

/// A group that becomes a community, as a `[[ldap.group_mapping]]` says.
pub(super) struct MappedGroup {
    pub(super) dn: String,
    pub(super) slug: CommunitySlug,
    pub(super) name: String,
    pub(super) kind: CommunityKind,
}

/// The groups (all under the group base, for nesting) and the mapped ones among them.
pub(super) fn read_groups(
    settings: &LdapSettings,
    map: &AttributeMap,
) -> Result<(GroupIndex, Vec<MappedGroup>), DirectoryError> {
    let mut index = GroupIndex::default();
    let mut mapped = Vec::new();
    if settings.group_mapping.is_empty() {
        return Ok((index, mapped));
    }
    let mut ldap = client::service_connection(settings)?;
    let base = if settings.group_base.trim().is_empty() {
        &settings.user_base
    } else {
        &settings.group_base
    };
    client::for_each_group(
        &mut ldap,
        settings,
        map,
        base,
        &settings.group_filter,
        Scope::Subtree,
        |g| index.insert(&g.dn, g.members),
    )?;
    for mapping in &settings.group_mapping {
        let mut found = Vec::new();
        match (&mapping.group, &mapping.filter) {
            (Some(dn), _) => {
                client::for_each_group(&mut ldap, settings, map, dn, "(objectClass=*)", Scope::Base, |g| {
                    found.push(g)
                })?
            }
            (None, Some(filter)) => {
                client::for_each_group(&mut ldap, settings, map, base, filter, Scope::Subtree, |g| {
                    found.push(g)
                })?
            }
            (None, None) => {}
        }
        for g in found {
            let slug = match &mapping.slug {
                Some(slug) => slug.clone(),
                None => match CommunitySlug::from_name(&g.cn) {
                    Ok(slug) => slug,
                    Err(_) => continue,
                },
            };
            let name = mapping.name.clone().unwrap_or_else(|| g.cn.clone());
            index.insert(&g.dn, g.members);
            mapped.push(MappedGroup {
                dn: g.dn,
                slug,
                name,
                kind: mapping.kind,
            });
        }
    }
    let _ = ldap.unbind();
    Ok((index, mapped))
}
