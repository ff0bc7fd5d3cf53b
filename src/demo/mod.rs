//! The demo company "Beispiel AG", seeded by `serve --demo` into an empty database; and a large
//! generated one (`large`) for trying Allmende at scale.

pub mod large;
mod projects;
mod questions;

use diesel::prelude::*;
use rand::Rng;
use rand::distributions::Alphanumeric;

use crate::communities::managed::create_account as create;
use crate::communities::managed::create_managed;
use crate::communities::service::rename;
use crate::db::models::{NewDepartment, Person};
use crate::db::schema::{communities, departments, people};
use crate::db::{DbConnection, now};
use crate::domain::{CommunityKind, CommunityName, DisplayName, Email, JoinPolicy, PersonTitle, Uid, Visibility};
use crate::error::AppError;
use crate::people::service::NewAccount;

/// (department, head, staff): names are "First Last"; the uid is first letter + last name.
const COMPANY: &[(&str, &str, &[&str])] = &[
    ("Geschäftsführung", "Claudia Brandt", &["Oliver Hahn", "Sabine Vogel"]),
    (
        "Vertrieb",
        "Thomas Becker",
        &[
            "Anna Schulz",
            "Jonas Wagner",
            "Lea Hoffmann",
            "Paul Schäfer",
            "Mia Koch",
            "Felix Richter",
            "Emma Klein",
            "Tobias Berger",
        ],
    ),
    (
        "Entwicklung",
        "Markus Weber",
        &[
            "Julia Neumann",
            "Lukas Schwarz",
            "Sophie Zimmermann",
            "Leon Krüger",
            "Hannah Hartmann",
            "Noah Lange",
            "Marie Schmitt",
            "Elias Werner",
            "Lina Krause",
        ],
    ),
    (
        "Personal",
        "Petra Meier",
        &["Tim Lehmann", "Laura Schmid", "Ben Schulze", "Clara Maier"],
    ),
    (
        "Finanzen",
        "Stefan Fischer",
        &["Nina Köhler", "David Herrmann", "Lisa König", "Jan Walter"],
    ),
    (
        "Produktion",
        "Andreas Wolf",
        &[
            "Sarah Mayer",
            "Niklas Huber",
            "Katharina Kaiser",
            "Moritz Fuchs",
            "Johanna Peters",
            "Erik Lang",
        ],
    ),
];

/// Colleagues beyond the named ones, so that the demo looks like a company of about 120:
/// each department gets this many more, named from these lists (first letter + last name
/// unique, as the uids are).
const MORE_PER_DEPARTMENT: usize = 13;
const MORE_FIRST: &[&str] = &[
    "Alexander",
    "Birgit",
    "Carsten",
    "Daniela",
    "Esra",
    "Frank",
    "Gabriele",
    "Heiko",
    "Ines",
    "Jürgen",
    "Kerstin",
    "Ludwig",
    "Monika",
    "Nils",
    "Olga",
    "Philipp",
    "Renate",
    "Sven",
    "Ulrike",
    "Volker",
    "Wiebke",
    "Yusuf",
    "Zeynep",
    "Theresa",
    "Rainer",
    "Helga",
];
const MORE_LAST: &[&str] = &[
    "Albrecht", "Bauer", "Dietrich", "Engel", "Frank", "Graf", "Haas", "Jung", "Keller", "Lorenz", "Martin", "Nowak",
    "Otto", "Pohl", "Roth", "Sommer", "Thiel", "Ullrich", "Vogt", "Winkler", "Yilmaz", "Ziegler", "Brandl", "Seidel",
    "Busch", "Kraft",
];

const INTERESTS: &[(&str, &str)] = &[
    (
        "Laufgruppe",
        "Wir laufen dienstags und donnerstags nach Feierabend am Fluss. Alle Tempi willkommen!",
    ),
    (
        "Rust-Stammtisch",
        "Austausch über Rust, Systeme und sichere Software. Einmal im Monat mit Vortrag.",
    ),
    (
        "Fotografie",
        "Bilder teilen, Technik besprechen, gemeinsame Fototouren.",
    ),
    ("Kochen & Backen", "Rezepte aus der Kantine und von zu Hause."),
];

const PROJECTS: &[(&str, &str)] = &[
    (
        "Projekt Phoenix",
        "Das neue ERP-System: Einführung bis Ende des Jahres.",
    ),
    ("Neues Intranet", "Wir ersetzen das alte Intranet durch Allmende."),
];

/// What a department has talked about lately: a post by one of its people and, where a
/// colleague answered, the answer.
struct News {
    department: &'static str,
    by: &'static str,
    title: &'static str,
    body: &'static str,
    reply: Option<Reply>,
}

struct Reply {
    by: &'static str,
    body: &'static str,
}

const NEWS: &[News] = &[
    News {
        department: "Vertrieb",
        by: "Anna Schulz",
        title: "Messe-Nachlese: 34 neue Kontakte",
        body: "Danke an @jwagner und @lhoffmann für drei lange Messetage! Die Kontakte liegen im CRM, \
               bitte bis Freitag nachfassen. #Messe",
        reply: Some(Reply {
            by: "Thomas Becker",
            body: "Starke Leistung, danke euch!",
        }),
    },
    News {
        department: "Entwicklung",
        by: "Lukas Schwarz",
        title: "Release 4.2 ist live",
        body: "Seit heute Nacht läuft 4.2 in Produktion: **schnellere Suche** und ein neuer Export. \
               Danke an @szimmermann fürs Testen am Wochenende! #Release",
        reply: Some(Reply {
            by: "Markus Weber",
            body: "Sauber gelaufen – danke an alle.",
        }),
    },
    News {
        department: "Personal",
        by: "Tim Lehmann",
        title: "Neue Regeln fürs mobile Arbeiten",
        body: "Ab nächstem Monat gilt: bis zu drei Tage pro Woche mobil, Kernzeit 10–15 Uhr. \
               Die Betriebsvereinbarung liegt im Handbuch.",
        reply: Some(Reply {
            by: "Laura Schmid",
            body: "Fragen beantworten wir gern in der Sprechstunde am Mittwoch.",
        }),
    },
    News {
        department: "Finanzen",
        by: "Nina Köhler",
        title: "Reisekosten: Belege bis zum 5.",
        body: "Damit wir den Monat abschließen können, reicht bitte alle Belege bis zum 5. ein – \
               gern als Foto.",
        reply: Some(Reply {
            by: "David Herrmann",
            body: "Tipp: Bahntickets laufen direkt über das Firmenkonto.",
        }),
    },
    News {
        department: "Produktion",
        by: "Sarah Mayer",
        title: "Linie 3 wieder in Betrieb",
        body: "Nach der Wartung läuft Linie 3 seit Montag wieder im Dreischichtbetrieb. \
               Danke an das Team von @nhuber!",
        reply: Some(Reply {
            by: "Andreas Wolf",
            body: "Zwei Tage früher als geplant – Respekt.",
        }),
    },
    News {
        department: "Vertrieb",
        by: "Felix Richter",
        title: "Neue Preisliste ab Januar",
        body: "Die Preisliste 2027 ist freigegeben. Wichtigste Änderung: **Wartungsverträge** \
               werden quartalsweise abgerechnet.",
        reply: Some(Reply {
            by: "Mia Koch",
            body: "Gibt es die Liste auch auf Englisch?",
        }),
    },
    News {
        department: "Entwicklung",
        by: "Hannah Hartmann",
        title: "Code-Review-Leitfaden überarbeitet",
        body: "Kurz und knapp: kleine Pull Requests, ein Review reicht, Tests sind Pflicht. \
               Anmerkungen bitte bis Ende der Woche.",
        reply: Some(Reply {
            by: "Noah Lange",
            body: "Endlich! Danke, Hannah.",
        }),
    },
    News {
        department: "Personal",
        by: "Clara Maier",
        title: "Weiterbildungsbudget fürs nächste Jahr",
        body: "Jede und jeder hat 1.500 € für Kurse, Konferenzen oder Bücher. Anträge bitte formlos \
               an @lschmid.",
        reply: None,
    },
    News {
        department: "Finanzen",
        by: "Lisa König",
        title: "Jahresabschluss: der Zeitplan steht",
        body: "Inventur am letzten Freitag im Dezember, Abschluss bis Mitte Februar. Danke vorab für \
               eure Geduld bei Rückfragen!",
        reply: None,
    },
    News {
        department: "Produktion",
        by: "Moritz Fuchs",
        title: "Sicherheitsunterweisung: neue Termine",
        body: "Die jährliche Unterweisung findet in den nächsten zwei Wochen statt. Bitte tragt euch \
               in die Liste am schwarzen Brett ein.",
        reply: None,
    },
];

/// A department's look back at each of the past eleven months, by one of its people in turn,
/// with two colleagues answering: the year of activity the KPIs compare quarters by.
fn monthly_reviews(
    conn: &mut DbConnection,
    community_id: i64,
    department: &str,
    team: &[Person],
) -> Result<Vec<(i64, chrono::NaiveDateTime)>, AppError> {
    const MONTHS: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const ANSWERS: [&str; 4] = [
        "Danke für die Zusammenfassung!",
        "Gut zu wissen – das nehme ich mit ins nächste Teamtreffen.",
        "Schön zu sehen, was alles passiert ist.",
        "Danke! Die Zahlen hätte ich so nicht erwartet.",
    ];
    if team.len() < 3 || !NEWS.iter().any(|n| n.department == department) {
        return Ok(Vec::new());
    }
    let today = now().date();
    let mut written = Vec::new();
    for back in 1..=11u32 {
        let Some(month) = today.checked_sub_months(chrono::Months::new(back)) else {
            continue;
        };
        let name = MONTHS[chrono::Datelike::month0(&month) as usize];
        let at = chrono::Datelike::with_day(&month, 26)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap_or_else(now);
        let k = back as usize;
        let input = crate::posts::service::PostInput {
            kind: crate::domain::PostKind::Post,
            title: crate::domain::PostTitle::parse("title", &format!("Rückblick {name}"))?,
            body: crate::domain::PostBody::parse(
                "body",
                &format!(
                    "Was im {name} in {department} passiert ist: die wichtigsten Termine, was fertig wurde \
                     und was als Nächstes ansteht. Fragen gern als Kommentar."
                ),
            )?,
            pinned: false,
            announcement: false,
        };
        let id = crate::posts::service::insert(conn, community_id, team[k % team.len()].id, &input)?;
        for j in 1..=2 {
            crate::posts::comments::add_comment(
                conn,
                &team[(k + j * 2) % team.len()],
                id,
                None,
                crate::domain::CommentBody::parse("body", ANSWERS[(k + j) % ANSWERS.len()])?,
            )?;
        }
        written.push((id, at));
    }
    Ok(written)
}

/// The department's news, written by its people (`team`, head included).
fn department_news(
    conn: &mut DbConnection,
    community_id: i64,
    department: &str,
    team: &[Person],
) -> Result<(), AppError> {
    let person = |name: &str| team.iter().find(|p| p.display_name == name).ok_or(AppError::NotFound);
    for news in NEWS.iter().filter(|n| n.department == department) {
        let input = crate::posts::service::PostInput {
            kind: crate::domain::PostKind::Post,
            title: crate::domain::PostTitle::parse("title", news.title)?,
            body: crate::domain::PostBody::parse("body", news.body)?,
            pinned: false,
            announcement: false,
        };
        let id = crate::posts::service::insert(conn, community_id, person(news.by)?.id, &input)?;
        if let Some(reply) = &news.reply {
            crate::posts::comments::add_comment(
                conn,
                person(reply.by)?,
                id,
                None,
                crate::domain::CommentBody::parse("body", reply.body)?,
            )?;
        }
    }
    Ok(())
}

/// Names for the further colleagues, none with a uid the named ones (or each other) have.
fn more_colleagues() -> impl Iterator<Item = String> {
    let mut taken: std::collections::HashSet<String> = COMPANY
        .iter()
        .flat_map(|(_, head, staff)| std::iter::once(*head).chain(staff.iter().copied()))
        .map(uid_for)
        .collect();
    (0..MORE_FIRST.len() * MORE_LAST.len())
        .map(|i| {
            format!(
                "{} {}",
                MORE_FIRST[i % MORE_FIRST.len()],
                MORE_LAST[(i * 7 + i / MORE_FIRST.len()) % MORE_LAST.len()]
            )
        })
        .filter(move |name| taken.insert(uid_for(name)))
}

/// "Jörg Weiß" → "jweiss": first letter and last name, in ASCII.
fn uid_for(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().unwrap_or("x");
    let last = parts.next_back().unwrap_or("x");
    format!(
        "{}{}",
        ascii(&first[..first.chars().next().map_or(1, char::len_utf8)]),
        ascii(last)
    )
}

fn ascii(s: &str) -> String {
    s.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn account(name: &str, title: &str, dept: i64, manager: Option<i64>, hash: &str) -> Result<NewAccount, AppError> {
    let uid = uid_for(name);
    Ok(NewAccount {
        email: Some(Email::parse(&format!("{uid}@beispiel.de"))?),
        uid: Uid::parse(&uid)?,
        display_name: DisplayName::parse("name", name)?,
        title: PersonTitle::parse("title", title)?,
        department_id: Some(dept),
        manager_id: manager,
        is_admin: false,
        password_hash: Some(hash.to_string()),
    })
}

/// A password for demo accounts, shown once.
pub fn random_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(14)
        .map(char::from)
        .collect()
}

/// A freshly seeded demo company: whom it holds and the one password they all sign in with.
pub struct Seeded {
    pub password: String,
    pub people: usize,
}

/// What `serve --demo` prints once.
impl std::fmt::Display for Seeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Demo company \"Beispiel AG\" created with {} people.\n\
             Sign in as any of them, e.g. `mweber` (head of Entwicklung), `jneumann` or `admin`,\n\
             with the password: {}\n\
             (shown only now; the database keeps only its hash)",
            self.people, self.password
        )
    }
}

/// Seeds the company when no person exists yet.
pub fn seed_if_empty(conn: &mut DbConnection, settings: &crate::config::Settings) -> Result<Option<Seeded>, AppError> {
    let existing: i64 = people::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(None);
    }
    let password = random_password();
    let hash = crate::auth::password::hash(&password).map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    crate::db::write_transaction(conn, |conn| seed(conn, &hash, settings))?;
    let people: i64 = people::table.count().get_result(conn)?;
    Ok(Some(Seeded {
        password,
        people: people as usize,
    }))
}

fn seed(conn: &mut DbConnection, hash: &str, settings: &crate::config::Settings) -> Result<(), AppError> {
    let org: i64 = communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(communities::id)
        .first(conn)?;
    rename(conn, org, CommunityName::parse("name", "Beispiel AG")?.as_str())?;
    let mut ceo: Option<i64> = None;
    let mut everyone: Vec<Person> = Vec::new();
    let mut more = more_colleagues();
    // Development runs an onboarding AMA.
    let mut onboarding: Option<(String, Person, Vec<Person>)> = None;
    // Posts of months past, with the time each was written.
    let mut looking_back: Vec<(i64, chrono::NaiveDateTime)> = Vec::new();
    for (dept_name, head_name, staff) in COMPANY {
        let dept_id: i64 = diesel::insert_into(departments::table)
            .values(NewDepartment {
                name: dept_name.to_string(),
                head_id: None,
                created_at: now(),
                external_key: None,
            })
            .returning(departments::id)
            .get_result(conn)?;
        let head_title = if ceo.is_none() {
            "Geschäftsführerin"
        } else {
            "Abteilungsleitung"
        };
        let head = create(conn, account(head_name, head_title, dept_id, ceo, hash)?, None)?;
        diesel::update(departments::table.find(dept_id))
            .set(departments::head_id.eq(head.id))
            .execute(conn)?;
        ceo.get_or_insert(head.id);
        let mut members = vec![head.id];
        let mut team = Vec::new();
        for name in *staff {
            let p = create(conn, account(name, "", dept_id, Some(head.id), hash)?, None)?;
            members.push(p.id);
            team.push(p.clone());
            everyone.push(p);
        }
        for name in more.by_ref().take(MORE_PER_DEPARTMENT) {
            let p = create(conn, account(&name, "", dept_id, Some(head.id), hash)?, None)?;
            members.push(p.id);
        }
        let community = create_managed(
            conn,
            dept_name,
            CommunityKind::Department,
            &format!("Die Abteilung {dept_name}: Neuigkeiten von {head_name} und dem Team."),
            (Visibility::Public, JoinPolicy::Invite),
            &[head.id],
            &members,
        )?;
        diesel::update(communities::table.find(community.id))
            .set(communities::department_id.eq(dept_id))
            .execute(conn)?;
        post(
            conn,
            community.id,
            head.id,
            (
                &format!("Willkommen in {dept_name}"),
                "Hier teilen wir, was in der Abteilung passiert. **Fragen sind jederzeit willkommen.**",
            ),
            true,
        )?;
        let mut people = team.clone();
        people.push(head.clone());
        department_news(conn, community.id, dept_name, &people)?;
        looking_back.extend(monthly_reviews(conn, community.id, dept_name, &people)?);
        if *dept_name == "Entwicklung" {
            onboarding = Some((community.slug.clone(), head.clone(), team));
        }
        newsletters(conn, community.id, &head, dept_name)?;
        everyone.push(head);
    }
    let admin = create(
        conn,
        NewAccount {
            uid: Uid::parse("admin")?,
            display_name: DisplayName::parse("name", "Administration")?,
            email: Some(Email::parse("admin@beispiel.de")?),
            title: PersonTitle::parse("title", "IT-Administration")?,
            department_id: None,
            manager_id: None,
            is_admin: true,
            password_hash: Some(hash.to_string()),
        },
        None,
    )?;
    let pick = |i: usize| everyone[i % everyone.len()].id;
    for (i, (name, description)) in INTERESTS.iter().enumerate() {
        let members: Vec<i64> = (0..6).map(|k| pick(i * 7 + k * 3)).collect();
        let c = create_managed(
            conn,
            name,
            CommunityKind::Interest,
            description,
            (Visibility::Public, JoinPolicy::Open),
            &[pick(i * 5 + 1)],
            &members,
        )?;
        post(
            conn,
            c.id,
            pick(i * 5 + 1),
            (&format!("Hallo {name}!"), description),
            false,
        )?;
        if i == 0 {
            let mut people: Vec<Person> = Vec::new();
            for p in members.iter().filter_map(|m| everyone.iter().find(|p| p.id == *m)) {
                if !people.iter().any(|q| q.id == p.id) {
                    people.push(p.clone());
                }
            }
            questions::seed_qa(conn, &c.slug, &people)?;
        }
    }
    if let Some((slug, head, team)) = &onboarding {
        questions::seed_ama(conn, settings.i18n.default_timezone, slug, head, team)?;
    }
    for (i, (name, description)) in PROJECTS.iter().enumerate() {
        let members: Vec<i64> = (0..5).map(|k| pick(i * 11 + k * 2 + 2)).collect();
        let c = create_managed(
            conn,
            name,
            CommunityKind::Project,
            description,
            (Visibility::Private, JoinPolicy::Request),
            &[pick(i * 11 + 2)],
            &members,
        )?;
        post(
            conn,
            c.id,
            pick(i * 11 + 2),
            ("Projektstart", "Ziele, Zeitplan und Ansprechpartner folgen hier."),
            false,
        )?;
        let person = |id: i64| everyone.iter().find(|p| p.id == id).cloned();
        let team: Vec<Person> = members.iter().filter_map(|m| person(*m)).collect();
        let manager = person(pick(i * 11 + 2)).ok_or(AppError::NotFound)?;
        let overall = [crate::domain::RagStatus::Amber, crate::domain::RagStatus::Green][i % 2];
        projects::seed(conn, settings, &c.slug, &manager, &team, overall)?;
    }
    let c = create_managed(
        conn,
        "Betriebsrat intern",
        CommunityKind::Project,
        "Vertrauliche Abstimmung des Betriebsrats.",
        (Visibility::Secret, JoinPolicy::Invite),
        &[pick(3)],
        &[pick(8), pick(13)],
    )?;
    post(
        conn,
        c.id,
        pick(3),
        ("Sitzungstermine", "Die nächsten Sitzungen stehen im Kalender."),
        false,
    )?;
    let _ = admin;
    spread_over_the_past(conn, &looking_back)
}

/// The company's conversation, written just now, as it would have grown: posts over the past
/// weeks (a few days apart, the newest first; announcements stay this week's, so that they are
/// pinned above the feed), their comments in the hours after them, a few colleagues' reactions
/// to each, and the communities' members there for most of a year, so that the KPIs compare
/// one quarter with the one before.
fn spread_over_the_past(conn: &mut DbConnection, dated: &[(i64, chrono::NaiveDateTime)]) -> Result<(), AppError> {
    use crate::db::models::NewReaction;
    use crate::db::schema::{comments, membership_events, memberships, posts};
    use crate::domain::ReactionKind;
    let now = now();
    let ids: Vec<i64> = posts::table
        .filter(posts::announcement.eq(false))
        .order(posts::id.desc())
        .select(posts::id)
        .load(conn)?;
    let mut written: std::collections::HashMap<i64, chrono::NaiveDateTime> = dated.iter().copied().collect();
    let recent = ids
        .iter()
        .filter(|id| !written.contains_key(id))
        .copied()
        .collect::<Vec<_>>();
    for (i, id) in recent.iter().enumerate() {
        written.insert(*id, now - chrono::Duration::hours(20 + 61 * i as i64));
    }
    for id in &ids {
        let at = written[id];
        diesel::update(posts::table.find(id))
            .set((
                posts::created_at.eq(at),
                posts::updated_at.eq(at),
                posts::last_activity_at.eq(at),
            ))
            .execute(conn)?;
    }
    // Each comment a couple of hours after the one before, never later than a few minutes ago.
    let said: Vec<(i64, i64)> = comments::table
        .filter(comments::post_id.eq_any(&ids))
        .order(comments::id)
        .select((comments::id, comments::post_id))
        .load(conn)?;
    let mut last: std::collections::HashMap<i64, chrono::NaiveDateTime> = std::collections::HashMap::new();
    for (comment, post) in said {
        let after = last.get(&post).copied().unwrap_or(written[&post]);
        let at = (after + chrono::Duration::minutes(97)).min(now - chrono::Duration::minutes(5));
        last.insert(post, at);
        diesel::update(comments::table.find(comment))
            .set((comments::created_at.eq(at), comments::updated_at.eq(at)))
            .execute(conn)?;
    }
    for (post, at) in &last {
        diesel::update(posts::table.find(post))
            .set(posts::last_activity_at.eq(at))
            .execute(conn)?;
        diesel::update(posts::table.find(post).filter(posts::first_answer_at.is_not_null()))
            .set(
                posts::first_answer_at.eq(comments::table
                    .filter(comments::post_id.eq(post))
                    .select(diesel::dsl::min(comments::created_at))
                    .single_value()),
            )
            .execute(conn)?;
    }
    // A few of the community's members react to each post, on the day it was written.
    let readers: Vec<(i64, i64, Option<i64>)> = posts::table
        .inner_join(memberships::table.on(memberships::community_id.eq(posts::community_id)))
        .filter(posts::id.eq_any(&ids))
        .filter(memberships::state.eq(crate::domain::MembershipState::Active.as_str()))
        .select((posts::id, memberships::person_id, posts::author_id))
        .order((posts::id, memberships::person_id))
        .load(conn)?;
    let mut reactions = Vec::new();
    let mut taken: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (post, person, author) in readers {
        let n = taken.entry(post).or_default();
        if Some(person) == author || *n >= (post as usize * 7) % 5 {
            continue;
        }
        reactions.push(NewReaction {
            target_type: "post".into(),
            target_id: post,
            person_id: person,
            // Mostly a like, now and then something else, as people react.
            kind: if *n % 3 == 2 {
                ReactionKind::ALL[(post as usize + *n) % ReactionKind::ALL.len()]
            } else {
                ReactionKind::Like
            },
            created_at: (written[&post] + chrono::Duration::minutes(40 + 30 * *n as i64)).min(now),
        });
        *n += 1;
    }
    crate::db::bulk::insert_reactions(conn, &reactions)?;
    diesel::update(membership_events::table)
        .set(membership_events::at.eq(now - chrono::Duration::days(300)))
        .execute(conn)?;
    Ok(())
}

/// The department's newsletter archive: the last two months' issues, sent.
fn newsletters(conn: &mut DbConnection, community_id: i64, head: &Person, department: &str) -> Result<(), AppError> {
    use crate::db::schema::newsletters;
    let issues = [
        (
            60,
            format!("{department} im Oktober"),
            format!(
                "Liebe Kolleginnen und Kollegen,\n\nder Oktober stand im Zeichen der **Jahresplanung**:\n\n\
                 - Ziele für das nächste Jahr abgestimmt\n- zwei neue Kolleginnen an Bord\n- Sommerfest-Fotos im Blog\n\n\
                 Viele Grüße\n{}",
                head.display_name
            ),
        ),
        (
            30,
            format!("{department} im November"),
            format!(
                "Liebe Kolleginnen und Kollegen,\n\nim November haben wir das **neue Intranet** eingeführt. \
                 Fragen dazu beantworten wir gern im Blog der Abteilung.\n\nViele Grüße\n{}",
                head.display_name
            ),
        ),
    ];
    for (days_ago, subject, body) in issues {
        let at = now() - chrono::Duration::days(days_ago);
        diesel::insert_into(newsletters::table)
            .values((
                newsletters::community_id.eq(community_id),
                newsletters::author_id.eq(head.id),
                newsletters::subject.eq(subject),
                newsletters::body.eq(body),
                newsletters::state.eq(crate::domain::NewsletterState::Sent.as_str()),
                newsletters::sent_at.eq(Some(at)),
                newsletters::created_at.eq(at),
                newsletters::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A post; an announcement is pinned above everyone's feed in the organization and departments.
fn post(
    conn: &mut DbConnection,
    community_id: i64,
    author: i64,
    (title, body): (&str, &str),
    announcement: bool,
) -> Result<(), AppError> {
    let input = crate::posts::service::PostInput {
        kind: crate::domain::PostKind::Post,
        title: crate::domain::PostTitle::parse("title", title)?,
        body: crate::domain::PostBody::parse("body", body)?,
        pinned: false,
        announcement,
    };
    crate::posts::service::insert(conn, community_id, author, &input)?;
    Ok(())
}
