//! Departments and the communities that follow them: departments as entries name them,
//! their communities and heads, and the communities made from directory groups.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::communities::{managed, service as communities};
use crate::db::models::{Department, NewDepartment};
use crate::db::schema::{communities as communities_t, departments, people, person_departments};
use crate::db::{DbConnection, now};
use crate::directory::attributes::DirectoryPerson;
use crate::directory::groups::GroupIndex;
use crate::directory::report::{Change, ChangeKind};

use super::super::read::MappedGroup;

use super::{Applier, ApplyError};

impl Applier<'_> {
    /// Creates, adopts (by name) and renames the departments that entries name, and their
    /// communities, the first time the run sees each.
    pub(super) fn ensure_departments(
        &mut self,
        conn: &mut DbConnection,
        entries: &[DirectoryPerson],
    ) -> Result<(), ApplyError> {
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

    /// Communities made from groups: their members follow the group, nested groups included.
    pub(super) fn group_communities(
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

    /// Department communities follow their departments: members, and the head as manager.
    pub(super) fn department_communities(
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

pub(super) fn set_departments(conn: &mut DbConnection, person_id: i64, departments: &[i64]) -> Result<(), ApplyError> {
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
