//! Choosing people by what one knows of them. Wherever a form names a person (task assignees,
//! AMA hosts, invitations, a new manager, a meeting's action item) it takes what was typed: a
//! name, a user name, part of a mail address or a department, or the "Name (uid)" the
//! suggestion list fills in. An entry that fits one active person is that person; one that fits
//! several is asked about, never guessed (two "Jana"s are common in a company); one that fits
//! nobody says so. Without JavaScript the form comes back with the candidates as buttons
//! (`Pick`); with it `static/people.js` suggests while typing from `/suggest/people`.
//!
//! Everyone signed in may see the directory, so suggesting from all active people tells nobody
//! anything new; whether the chosen person may be assigned or invited is the feature's rule.

use diesel::prelude::*;
use serde::Serialize;

use super::service::{PersonSummary, summaries};
use crate::db::models::Person;
use crate::db::schema::{departments, memberships, people, person_departments};
use crate::db::{DbConnection, contains_pattern, lower};
use crate::domain::{Invalid, MembershipState, Uid};
use crate::error::AppError;

/// At most this many candidates are offered for one entry.
pub const CANDIDATES: i64 = 8;

/// One typed entry, looked up.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "found", rename_all = "kebab-case")]
pub enum Found {
    One {
        person: PersonSummary,
    },
    Several {
        typed: String,
        candidates: Vec<PersonSummary>,
    },
    Nobody {
        typed: String,
    },
}

/// A field of one or more people (comma-separated), looked up entry by entry.
#[derive(Debug, Clone, Serialize)]
pub struct Picked {
    /// Each entry in the order typed.
    pub entries: Vec<Found>,
}

impl Picked {
    /// The people, when every entry found exactly one; in the order typed, each once.
    pub fn people(&self) -> Option<Vec<Uid>> {
        let mut uids: Vec<Uid> = Vec::new();
        for entry in &self.entries {
            let Found::One { person } = entry else { return None };
            let uid = Uid::parse(&person.uid).ok()?;
            if !uids.contains(&uid) {
                uids.push(uid);
            }
        }
        Some(uids)
    }

    /// The people, or the refusal a form shows above the field: someone to choose, or nobody
    /// found.
    pub fn must_all(&self, field: &'static str) -> Result<Vec<Uid>, AppError> {
        if let Some(uids) = self.people() {
            return Ok(uids);
        }
        let code = if self.entries.iter().any(|e| matches!(e, Found::Several { .. })) {
            "choose-person"
        } else {
            "unknown-person"
        };
        Err(Invalid::new(field, code).into())
    }

    /// The one person of a single-person field (the first entry; others are ignored).
    pub fn must_one(&self, field: &'static str) -> Result<Uid, AppError> {
        self.must_all(field)?
            .into_iter()
            .next()
            .ok_or_else(|| Invalid::new(field, "required").into())
    }

    /// The field as it reads once found: every found person as "Name (uid)", the others as typed.
    pub fn text(&self) -> String {
        self.entries
            .iter()
            .map(|e| match e {
                Found::One { person } => labelled(person),
                Found::Several { typed, .. } | Found::Nobody { typed } => typed.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What the form shows again: the text, and the first entry to choose for.
    pub fn field(&self) -> Field {
        Field {
            value: self.text(),
            ask: self.entries.iter().find_map(|e| match e {
                Found::One { .. } => None,
                Found::Several { typed, candidates } => Some(Ask {
                    typed: typed.clone(),
                    candidates: candidates.iter().map(Candidate::from).collect(),
                }),
                Found::Nobody { typed } => Some(Ask {
                    typed: typed.clone(),
                    candidates: Vec::new(),
                }),
            }),
            within: None,
        }
    }
}

/// A people field on a page (`templates/people/field.html`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Field {
    pub value: String,
    pub ask: Option<Ask>,
    /// The community whose members the live list suggests (its slug), when only they may be
    /// chosen.
    pub within: Option<String>,
}

impl Field {
    pub fn within(mut self, slug: &str) -> Field {
        self.within = Some(slug.to_string());
        self
    }

    /// A field filled with people already chosen: (name, uid) each.
    pub fn of<'a>(people: impl IntoIterator<Item = (&'a str, &'a str)>) -> Field {
        Field {
            value: people
                .into_iter()
                .map(|(name, uid)| label(name, uid))
                .collect::<Vec<_>>()
                .join(", "),
            ask: None,
            within: None,
        }
    }
}

/// An entry to choose for: the candidates as radio buttons (none: nobody was found).
#[derive(Debug, Clone, Serialize)]
pub struct Ask {
    pub typed: String,
    pub candidates: Vec<Candidate>,
}

/// A person as a picker offers them.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// What the field takes: "Name (uid)".
    pub value: String,
    pub name: String,
    pub uid: String,
    /// Department and title, to tell two of the same name apart.
    pub about: String,
}

impl From<&PersonSummary> for Candidate {
    fn from(p: &PersonSummary) -> Candidate {
        Candidate {
            value: labelled(p),
            name: p.display_name.clone(),
            uid: p.uid.clone(),
            about: p
                .departments
                .iter()
                .cloned()
                .chain(p.title.clone().filter(|t| !t.is_empty()))
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }
}

/// The choice a form sends back from the pick step: the entry `pick_for`, as typed, is the
/// person `pick`. Flattened into every form with a people field.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Choice {
    pick: Option<String>,
    pick_for: Option<String>,
}

impl Choice {
    fn get(&self) -> Option<(&str, &str)> {
        let (typed, uid) = (self.pick_for.as_deref()?.trim(), self.pick.as_deref()?.trim());
        (!typed.is_empty() && !uid.is_empty()).then_some((typed, uid))
    }
}

/// "Jana Neumann (jneumann)": what suggestions fill in and what reads back unambiguously.
pub fn labelled(p: &PersonSummary) -> String {
    label(&p.display_name, &p.uid)
}

fn label(name: &str, uid: &str) -> String {
    format!("{name} ({uid})")
}

/// Splits a field of people into its entries; a choice replaces the entry it was made for.
fn entries(typed: &str, choice: &Choice) -> Vec<String> {
    let mut entries: Vec<String> = typed
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect();
    if let Some((typed, uid)) = choice.get()
        && let Some(entry) = entries.iter_mut().find(|e| e.eq_ignore_ascii_case(typed))
    {
        *entry = uid.to_string();
    }
    entries
}

/// Looks up every entry of a field of people.
pub fn find_all(conn: &mut DbConnection, typed: &str, choice: &Choice) -> Result<Picked, AppError> {
    find_among(conn, typed, choice, Among::Everyone)
}

/// Whom a field chooses from: anyone, or the active members of one community (task assignees,
/// later a meeting's action items). Only `members_of` makes the latter, after the community's policy
/// said the viewer may read it: a list of candidates must not tell who is in a secret community.
#[derive(Debug, Clone, Copy)]
pub enum Among {
    Everyone,
    Members(i64),
}

/// The members of `slug` as candidates, for a viewer who may read the community.
pub fn members_of(conn: &mut DbConnection, viewer: &Person, slug: &str) -> Result<Among, AppError> {
    let access = crate::communities::policy::load(conn, viewer, slug)?;
    if !access.can_read() {
        return Err(AppError::NotFound);
    }
    Ok(Among::Members(access.community.id))
}

/// Looks up every entry of a field of people among `among`.
pub fn find_among(conn: &mut DbConnection, typed: &str, choice: &Choice, among: Among) -> Result<Picked, AppError> {
    let entries = entries(typed, choice)
        .iter()
        .map(|e| find_one_among(conn, e, among))
        .collect::<Result<_, _>>()?;
    Ok(Picked { entries })
}

/// Looks up one entry: "Name (uid)" and a user name are exact; then an exact name or mail
/// address; then anyone whose name, user name, mail or department contains it.
pub fn find_one(conn: &mut DbConnection, typed: &str) -> Result<Found, AppError> {
    find_one_among(conn, typed, Among::Everyone)
}

/// As `find_one`, the names and mail addresses only among `among` (a user name is exact: a
/// person who is not a member is found, and the feature says why they cannot be chosen).
fn find_one_among(conn: &mut DbConnection, typed: &str, among: Among) -> Result<Found, AppError> {
    let typed = typed.trim();
    let uid = typed
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .map_or(typed, |(_, uid)| uid.trim());
    if let Ok(uid) = Uid::parse(uid)
        && let Some(p) = active()
            .filter(lower(people::uid).eq(uid.as_str().to_lowercase()))
            .select(Person::as_select())
            .first(conn)
            .optional()?
    {
        return Ok(Found::One {
            person: summaries(conn, vec![p])?.remove(0),
        });
    }
    let exact: Vec<Person> = within(among)
        .filter(
            lower(people::display_name)
                .eq(typed.to_lowercase())
                .or(lower(people::email.assume_not_null()).eq(typed.to_lowercase())),
        )
        .limit(CANDIDATES)
        .select(Person::as_select())
        .load(conn)?;
    let mut candidates = if exact.is_empty() {
        suggest(conn, typed, among)?
    } else {
        summaries(conn, exact)?
    };
    Ok(match candidates.len() {
        0 => Found::Nobody {
            typed: typed.to_string(),
        },
        1 => Found::One {
            person: candidates.remove(0),
        },
        _ => Found::Several {
            typed: typed.to_string(),
            candidates,
        },
    })
}

/// Active people whose name, user name, mail or department contains `typed`, by name: the
/// suggestions while typing and the candidates for an entry that is not exact.
pub fn suggest(conn: &mut DbConnection, typed: &str, among: Among) -> Result<Vec<PersonSummary>, AppError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = contains_pattern(typed);
    let in_department = person_departments::table
        .inner_join(departments::table)
        .filter(lower(departments::name).like(pattern.clone()).escape('\\'))
        .select(person_departments::person_id);
    let rows: Vec<Person> = within(among)
        .filter(
            people::search_text
                .like(pattern)
                .escape('\\')
                .or(people::id.eq_any(in_department)),
        )
        .order((people::display_name.asc(), people::uid.asc()))
        .limit(CANDIDATES)
        .select(Person::as_select())
        .load(conn)?;
    summaries(conn, rows)
}

fn active() -> people::BoxedQuery<'static, crate::db::DbBackend> {
    people::table.filter(people::active.eq(true)).into_boxed()
}

fn within(among: Among) -> people::BoxedQuery<'static, crate::db::DbBackend> {
    match among {
        Among::Everyone => active(),
        Among::Members(community) => active().filter(
            people::id.eq_any(
                memberships::table
                    .filter(memberships::community_id.eq(community))
                    .filter(memberships::state.eq(MembershipState::Active.as_str()))
                    .select(memberships::person_id),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_replaces_the_entry_it_was_made_for() {
        let choice = Choice {
            pick: Some("jneumann".into()),
            pick_for: Some("jana".into()),
        };
        assert_eq!(entries("Anna, Jana ,, Berg", &choice), vec!["Anna", "jneumann", "Berg"]);
        assert_eq!(
            entries("Anna; Jana\nBerg", &Choice::default()),
            vec!["Anna", "Jana", "Berg"]
        );
        let half = Choice {
            pick: Some("jneumann".into()),
            pick_for: None,
        };
        assert_eq!(entries("Jana", &half), vec!["Jana"]);
    }
}
