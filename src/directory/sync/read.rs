//! Reading the directory: its people a page at a time, and the groups to map.

use crate::config::LdapSettings;
use crate::db::models::NewPerson;
use crate::directory::attributes::{AttributeMap, DirectoryPerson, Skipped};
use crate::directory::client::{self, DirectoryError};
use crate::directory::groups::GroupIndex;
use crate::domain::{CommunityKind, CommunitySlug, PersonSource};
use ldap3::Scope;

/// A person as the directory describes them, to be inserted.
pub(crate) fn new_person(e: &DirectoryPerson, department_id: Option<i64>, at: chrono::NaiveDateTime) -> NewPerson {
    NewPerson {
        title: e.title.clone(),
        department_id,
        active: !e.disabled,
        external_id: Some(e.external_id.clone()),
        dn: Some(e.dn.clone()),
        phone: e.phone.clone(),
        employee_number: e.employee_number.clone(),
        source: PersonSource::Directory,
        ..NewPerson::new(
            e.uid.as_str(),
            e.display_name.as_str(),
            e.email.as_ref().map(|m| m.as_str()),
            at,
        )
    }
}

/// One page of the directory's people, parsed (or why an entry was skipped).
pub(super) type Page = Vec<Result<DirectoryPerson, Skipped>>;

/// Hands the directory's people to `each` a page at a time, on this thread, while a reader
/// thread already fetches the next pages: memory holds a few pages, whatever the directory's size.
pub(super) fn for_each_page<E: From<DirectoryError>>(
    settings: &LdapSettings,
    map: &AttributeMap,
    mut each: impl FnMut(Page) -> Result<(), E>,
) -> Result<(), E> {
    let page_size = settings.page_size as usize;
    let (pages, received) = std::sync::mpsc::sync_channel::<Page>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(), DirectoryError> {
            let stopped = |_| DirectoryError::Search("the sync stopped reading".into());
            let mut ldap = client::service_connection(settings)?;
            let mut page = Vec::with_capacity(page_size);
            client::for_each_person(&mut ldap, settings, map, |parsed| {
                page.push(parsed);
                if page.len() >= page_size {
                    pages
                        .send(std::mem::replace(&mut page, Vec::with_capacity(page_size)))
                        .map_err(stopped)?;
                }
                Ok(())
            })?;
            let _ = ldap.unbind();
            if !page.is_empty() {
                pages.send(page).map_err(stopped)?;
            }
            Ok(())
        });
        let mut failed = None;
        while let Ok(page) = received.recv() {
            if let Err(e) = each(page) {
                failed = Some(e);
                break;
            }
        }
        // Closing the channel stops a reader that is still sending.
        drop(received);
        let read = reader
            .join()
            .map_err(|_| DirectoryError::Search("the directory reader failed".into()))?;
        match failed {
            Some(e) => Err(e),
            None => Ok(read?),
        }
    })
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
    let head_group = settings.head_group.trim();
    if settings.group_mapping.is_empty() && head_group.is_empty() {
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
    if !head_group.is_empty() {
        let mut found = Vec::new();
        client::for_each_group(
            &mut ldap,
            settings,
            map,
            head_group,
            "(objectClass=*)",
            Scope::Base,
            |g| found.push(g),
        )?;
        if found.is_empty() {
            return Err(DirectoryError::Search(format!(
                "ldap.head_group `{head_group}` was not found"
            )));
        }
        for g in found {
            index.insert(&g.dn, g.members);
        }
    }
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
