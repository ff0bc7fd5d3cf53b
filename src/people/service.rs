use diesel::prelude::*;
use serde::Serialize;

use crate::api::pagination::{PageRequest, Paged};
use crate::communities;
use crate::db::models::{NewAuditEntry, NewPerson, Person};
use crate::db::schema::{departments, people};
use crate::db::{DbConnection, contains_pattern, now};
use crate::domain::{DisplayName, Email, Locale, PersonTitle, TimeZone, Uid};
use crate::error::AppError;

/// A person as lists and the API show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonSummary {
    pub uid: String,
    pub display_name: String,
    pub title: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
}

/// A profile page: the person, their manager and the communities the viewer may see them in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonProfile {
    #[serde(flatten)]
    pub person: PersonSummary,
    pub active: bool,
    pub manager: Option<PersonSummary>,
    pub communities: Vec<communities::service::CommunityRef>,
}

type SummaryRow = (String, String, Option<String>, Option<String>, Option<String>);

fn summary((uid, display_name, title, department, email): SummaryRow) -> PersonSummary {
    PersonSummary {
        uid,
        display_name,
        title,
        department,
        email,
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

/// Active people, by name, optionally those whose name, uid or mail contains `query`.
pub fn list(
    conn: &mut DbConnection,
    query: Option<&str>,
    page: &PageRequest,
) -> Result<Paged<PersonSummary>, AppError> {
    let base = || {
        // No join here: counting through a join costs ten times as much on SQLite (see BENCHMARKS.md).
        let mut q = people::table.filter(people::active.eq(true)).into_boxed();
        if let Some(needle) = query.map(str::trim).filter(|s| !s.is_empty()) {
            q = q.filter(people::search_text.like(contains_pattern(needle)).escape('\\'));
        }
        q
    };
    let total: i64 = base().count().get_result(conn)?;
    let mut q = base();
    if let Some([name, uid]) = page.after.as_deref() {
        q = q.filter(after_person(name.clone(), uid.clone()));
    } else if page.after.is_some() {
        return Err(crate::domain::Invalid::new("cursor", "malformed").into());
    }
    let rows: Vec<SummaryRow> = q
        .order((people::display_name.asc(), people::uid.asc()))
        .limit(page.limit + 1)
        .select((
            people::uid,
            people::display_name,
            people::title,
            departments::table
                .filter(departments::id.nullable().eq(people::department_id))
                .select(departments::name)
                .single_value(),
            people::email,
        ))
        .load(conn)?;
    Ok(Paged::from_rows(
        rows.into_iter().map(summary).collect(),
        page.limit,
        total,
        |p| vec![p.display_name.clone(), p.uid.clone()],
    ))
}

pub fn find_by_uid(conn: &mut DbConnection, uid: &str) -> Result<Person, AppError> {
    let uid = Uid::parse(uid).map_err(|_| AppError::NotFound)?;
    Ok(people::table
        .filter(people::uid.eq(uid.as_str()))
        .select(Person::as_select())
        .first(conn)?)
}

fn summary_of(conn: &mut DbConnection, person: &Person) -> Result<PersonSummary, AppError> {
    let department = match person.department_id {
        Some(id) => departments::table
            .find(id)
            .select(departments::name)
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(PersonSummary {
        uid: person.uid.clone(),
        display_name: person.display_name.clone(),
        title: person.title.clone(),
        department,
        email: person.email.clone(),
    })
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
            m.map(|m| summary_of(conn, &m)).transpose()?
        }
        None => None,
    };
    Ok(PersonProfile {
        person: summary_of(conn, &person)?,
        active: person.active,
        manager,
        communities: communities::service::shared_with(conn, viewer, &person)?,
    })
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

/// Creates the person and makes them a member of the organization community.
pub fn create(conn: &mut DbConnection, account: NewAccount, actor: Option<i64>) -> Result<Person, AppError> {
    conn.transaction(|conn| {
        let exists: i64 = people::table
            .filter(people::uid.eq(account.uid.as_str()))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Err(AppError::Conflict { code: "uid-taken" });
        }
        let email = account.email.as_ref().map(|e| e.as_str().to_string());
        let title = Some(account.title.into_string()).filter(|t| !t.is_empty());
        let at = now();
        let person: Person = diesel::insert_into(people::table)
            .values(NewPerson {
                search_text: crate::db::models::person_search_text(
                    account.uid.as_str(),
                    account.display_name.as_str(),
                    email.as_deref(),
                ),
                uid: account.uid.as_str().to_string(),
                display_name: account.display_name.into_string(),
                email,
                title,
                department_id: account.department_id,
                manager_id: account.manager_id,
                active: true,
                locale: None,
                timezone: None,
                is_admin: account.is_admin,
                password_hash: account.password_hash,
                created_at: at,
                updated_at: at,
                external_id: None,
                dn: None,
                phone: None,
                employee_number: None,
                source: "local".into(),
            })
            .returning(people::all_columns)
            .get_result(conn)?;
        communities::service::add_to_organization(conn, person.id)?;
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
    Ok(diesel::update(people::table.find(person.id))
        .set((
            people::locale.eq(locale.map(|l| l.as_str())),
            people::timezone.eq(Some(timezone.name())),
            people::updated_at.eq(now()),
        ))
        .returning(people::all_columns)
        .get_result(conn)?)
}
