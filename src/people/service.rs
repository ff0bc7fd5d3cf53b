use std::collections::HashMap;

use diesel::dsl::{exists, not};
use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, Paged};
use crate::communities::policy;
use crate::db::models::Community;
use crate::db::models::{NewAuditEntry, NewPerson, Person};
use crate::db::schema::{communities, departments, memberships, people, person_departments};
use crate::db::{DbConnection, contains_pattern, now};
use crate::domain::{DisplayName, Email, Locale, MembershipState, PersonTitle, TimeZone, Uid};
use crate::error::AppError;
use crate::error::Code;
use crate::references::CommunityRef;

/// A person as lists and the API show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonSummary {
    pub uid: String,
    pub display_name: String,
    pub title: Option<String>,
    /// Department names, sorted.
    pub departments: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub manager_uid: Option<String>,
    /// False for people who left (they stay known, and their content stays).
    pub active: bool,
}

/// A profile page: the person, their manager and the communities the viewer may see them in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonProfile {
    #[serde(flatten)]
    pub person: PersonSummary,
    pub manager: Option<PersonSummary>,
    pub communities: Vec<crate::references::CommunityRef>,
}

/// Filters of the people list.
#[derive(Debug, Clone)]
pub struct PeopleFilter {
    /// Text contained in name, uid or mail.
    pub query: Option<String>,
    /// Department name or directory key.
    pub department: Option<String>,
    /// Some(true): active people (the default), Some(false): former ones, None: both.
    pub active: Option<bool>,
    /// Only people this community could invite: not members, invited or banned there.
    pub invitable_to: Option<i64>,
}

impl Default for PeopleFilter {
    fn default() -> Self {
        PeopleFilter {
            query: None,
            department: None,
            active: Some(true),
            invitable_to: None,
        }
    }
}

/// Keyset condition: people after (name, uid) in (display_name, uid) order. The redundant
/// `>=` lets both databases range-scan the `people_directory` index instead of filtering.
#[diesel::dsl::auto_type]
pub fn after_person(name: String, uid: String) -> _ {
    let same_name: String = name.clone();
    people::display_name
        .ge(same_name)
        .and(people::display_name.gt(name).or(people::uid.gt(uid)))
}

/// People by name, filtered.
pub fn list(
    conn: &mut DbConnection,
    filter: &PeopleFilter,
    page: &PageRequest,
) -> Result<Paged<PersonSummary>, AppError> {
    // No join here: counting through a join costs ten times as much on SQLite (see BENCHMARKS.md).
    let base = || {
        let mut q = people::table.into_boxed();
        if let Some(active) = filter.active {
            q = q.filter(people::active.eq(active));
        }
        if let Some(needle) = filter.query.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            q = q.filter(people::search_text.like(contains_pattern(needle)).escape('\\'));
        }
        if let Some(community) = filter.invitable_to {
            q = q.filter(not(exists(
                memberships::table
                    .filter(memberships::community_id.eq(community))
                    .filter(memberships::person_id.eq(people::id))
                    .filter(memberships::state.ne(MembershipState::Requested.as_str())),
            )));
        }
        if let Some(dept) = filter.department.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let in_department = person_departments::table
                .inner_join(departments::table)
                .filter(
                    departments::name
                        .eq(dept.to_string())
                        .or(departments::external_key.eq(dept.to_string())),
                )
                .select(person_departments::person_id);
            q = q.filter(people::id.eq_any(in_department));
        }
        q
    };
    let total: i64 = base().count().get_result(conn)?;
    let mut q = base();
    if let Some([name, uid]) = page.keys()? {
        q = q.filter(after_person(name.to_string(), uid.to_string()));
    }
    let rows: Vec<Person> = q
        .order((people::display_name.asc(), people::uid.asc()))
        .limit(page.limit + 1)
        .select(Person::as_select())
        .load(conn)?;
    let rows = summaries(conn, rows)?;
    Ok(Paged::from_rows(rows, page.limit, total, |p| {
        vec![p.display_name.clone(), p.uid.clone()]
    }))
}

pub fn find_by_uid(conn: &mut DbConnection, uid: &str) -> Result<Person, AppError> {
    let uid = Uid::parse(uid).map_err(|_| AppError::NotFound)?;
    Ok(people::table
        .filter(people::uid.eq(uid.as_str()))
        .select(Person::as_select())
        .first(conn)?)
}

/// Summaries with departments and manager, loaded for all of `rows` at once.
pub(super) fn summaries(conn: &mut DbConnection, rows: Vec<Person>) -> Result<Vec<PersonSummary>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let mut departments_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (person, name) in person_departments::table
        .inner_join(departments::table)
        .filter(person_departments::person_id.eq_any(&ids))
        .select((person_departments::person_id, departments::name))
        .load::<(i64, String)>(conn)?
    {
        departments_of.entry(person).or_default().push(name);
    }
    let manager_ids: Vec<i64> = rows.iter().filter_map(|p| p.manager_id).collect();
    let manager_uids: HashMap<i64, String> = people::table
        .filter(people::id.eq_any(&manager_ids))
        .select((people::id, people::uid))
        .load(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|p| {
            let mut departments = departments_of.remove(&p.id).unwrap_or_default();
            departments.sort();
            PersonSummary {
                manager_uid: p.manager_id.and_then(|m| manager_uids.get(&m).cloned()),
                departments,
                uid: p.uid,
                display_name: p.display_name,
                title: p.title,
                email: p.email,
                phone: p.phone,
                active: p.active,
            }
        })
        .collect())
}

fn summary_of(conn: &mut DbConnection, person: Person) -> Result<PersonSummary, AppError> {
    summaries(conn, vec![person])?.pop().ok_or(AppError::NotFound)
}

pub fn profile(conn: &mut DbConnection, viewer: &Person, uid: &str) -> Result<PersonProfile, AppError> {
    let person = find_by_uid(conn, uid)?;
    let manager = match person.manager_id {
        Some(id) => {
            let m: Option<Person> = people::table
                .find(id)
                .select(Person::as_select())
                .first(conn)
                .optional()?;
            m.map(|m| summary_of(conn, m)).transpose()?
        }
        None => None,
    };
    let communities = shared_with(conn, viewer, &person)?;
    Ok(PersonProfile {
        person: summary_of(conn, person)?,
        manager,
        communities,
    })
}

/// The communities `person` is an active member of that the viewer may see.
fn shared_with(conn: &mut DbConnection, viewer: &Person, person: &Person) -> Result<Vec<CommunityRef>, AppError> {
    let theirs = memberships::table
        .filter(memberships::person_id.eq(person.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .select(memberships::community_id);
    let rows: Vec<Community> = communities::table
        .filter(communities::id.eq_any(theirs))
        .filter(policy::visible_to(viewer.id))
        .order(communities::name_key.asc())
        .select(Community::as_select())
        .load(conn)?;
    Ok(rows.iter().map(CommunityRef::from).collect())
}

/// A local account, as `allmende user add` and the demo create it.
pub struct NewAccount {
    pub uid: Uid,
    pub display_name: DisplayName,
    pub email: Option<Email>,
    pub title: PersonTitle,
    pub department_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub is_admin: bool,
    pub password_hash: Option<String>,
}

/// Creates the person; `communities::managed::create_account` also makes them a member of the
/// organization community.
pub fn create(conn: &mut DbConnection, account: NewAccount, actor: Option<i64>) -> Result<Person, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let exists: i64 = people::table
            .filter(people::uid.eq(account.uid.as_str()))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Err(AppError::Conflict { code: Code::UidTaken });
        }
        let email = account.email.as_ref().map(|e| e.as_str().to_string());
        let title = Some(account.title.into_string()).filter(|t| !t.is_empty());
        let at = now();
        let id: i64 = diesel::insert_into(people::table)
            .values(NewPerson {
                title,
                department_id: account.department_id,
                manager_id: account.manager_id,
                is_admin: account.is_admin,
                password_hash: account.password_hash,
                ..NewPerson::new(
                    account.uid.as_str(),
                    account.display_name.as_str(),
                    email.as_deref(),
                    at,
                )
            })
            .returning(people::id)
            .get_result(conn)?;
        let person = Person::by_id(conn, id)?;
        if let Some(department) = person.department_id {
            diesel::insert_into(person_departments::table)
                .values((
                    person_departments::person_id.eq(person.id),
                    person_departments::department_id.eq(department),
                ))
                .execute(conn)?;
        }
        NewAuditEntry::record(
            conn,
            actor,
            "person.create",
            ("person", &person.uid),
            serde_json::json!({ "admin": person.is_admin }),
        )?;
        Ok(person)
    })
}

/// Language (None: follow the browser) and time zone.
pub fn update_settings(
    conn: &mut DbConnection,
    person: &Person,
    locale: Option<Locale>,
    timezone: TimeZone,
) -> Result<Person, AppError> {
    diesel::update(people::table.find(person.id))
        .set((
            people::locale.eq(locale.map(|l| l.as_str())),
            people::timezone.eq(Some(timezone.name())),
            people::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(Person::by_id(conn, person.id)?)
}

/// All departments' names, sorted (for choosing one).
pub fn department_names(conn: &mut DbConnection) -> Result<Vec<String>, AppError> {
    Ok(departments::table
        .order(departments::name.asc())
        .select(departments::name)
        .load(conn)?)
}

/// A department's name.
pub fn department_name(conn: &mut DbConnection, id: i64) -> Result<String, AppError> {
    Ok(departments::table.find(id).select(departments::name).first(conn)?)
}

/// The department named by name or directory key: its id and name.
pub fn department_named(conn: &mut DbConnection, named: &str) -> Result<(i64, String), AppError> {
    departments::table
        .filter(departments::name.eq(named).or(departments::external_key.eq(named)))
        .select((departments::id, departments::name))
        .first(conn)
        .optional()?
        .ok_or_else(|| crate::domain::Invalid::new("department", "unknown-value").into())
}
