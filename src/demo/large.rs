//! `allmende demo --employees … --communities … --posts …`: a large generated company, to try
//! Allmende at the size of a real employer and for the load benchmark. The same seed gives the
//! same company. Everything is written with the bulk writers (COPY on PostgreSQL, multi-row
//! INSERT on SQLite) in one transaction: either the whole company is there or nothing is.

mod ama;
mod status;

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::distributions::WeightedIndex;
use rand::prelude::*;
use rand::rngs::StdRng;

use crate::communities::service::community_search_text;
use crate::db::models::{
    NewComment, NewCommunity, NewDepartment, NewMembership, NewPerson, NewPersonDepartment, NewPost, NewPostTopic,
    NewReaction, NewSearchDocument, community_name_key,
};
use crate::db::schema::{comments, communities, departments, people, posts, status_reports};
use crate::db::{DbConnection, bulk, now, search::stems, write_transaction};
use crate::domain::{
    CommunityKind, CommunitySlug, Invalid, JoinPolicy, MembershipState, Module, ReactionKind, Role, Visibility,
};
use crate::error::AppError;
use crate::error::Code;

/// How large a company to generate.
#[derive(Debug, Clone)]
pub struct Size {
    pub employees: usize,
    /// All communities, the department communities included (one per 50 employees).
    pub communities: usize,
    pub posts: usize,
    pub comments: usize,
    pub reactions: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Generated {
    pub people: usize,
    /// The first person: heads the company, administrator.
    pub first_uid: String,
    pub departments: usize,
    pub communities: usize,
    pub memberships: usize,
    pub posts: usize,
    pub comments: usize,
    pub reactions: usize,
    pub status_reports: usize,
    /// Votes in the company-wide AMA.
    pub ama_votes: usize,
}

/// Rows per statement: under SQLite's parameter limit for the widest row.
const CHUNK: usize = 1000;
/// Employees per department.
const DEPARTMENT_SIZE: usize = 50;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Gül", "Hannah", "Ivan", "Jana", "Kemal", "Lena", "Max", "Nina",
    "Oskar", "Paula", "Quirin", "Rosa", "Sven", "Tanja", "Ulrich", "Vera", "Wolfgang", "Yasmin", "Zoe", "Jörg",
    "Sören", "Maëlle", "Łukasz", "Ayşe",
];
const LAST: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Hofmann",
    "Zimmermann",
    "Yılmaz",
    "Nowak",
    "Kowalski",
    "Öztürk",
    "Groß",
    "Weiß",
    "Krüger",
    "Lehmann",
    "Köhler",
    "Huber",
];
const AREAS: &[&str] = &[
    "Vertrieb",
    "Entwicklung",
    "Personal",
    "Finanzen",
    "Produktion",
    "Einkauf",
    "Logistik",
    "Marketing",
    "Recht",
    "IT-Betrieb",
    "Kundenservice",
    "Qualität",
    "Forschung",
    "Controlling",
];
const TITLES: &[&str] = &[
    "Sachbearbeitung",
    "Referentin",
    "Referent",
    "Entwicklerin",
    "Entwickler",
    "Teamleitung",
    "Projektleitung",
    "Werkstudent",
    "Assistenz",
    "Senior Consultant",
];
const INTERESTS: &[&str] = &[
    "Laufgruppe",
    "Rust-Stammtisch",
    "Fotografie",
    "Kochen und Backen",
    "Brettspiele",
    "Radfahren",
    "Book Club",
    "Chor",
    "Nachhaltigkeit",
    "Eltern im Job",
    "Yoga",
    "Data Science",
    "Sprachtandem",
    "Fußball",
];
const PROJECTS: &[&str] = &[
    "Phoenix",
    "Atlas",
    "Nordlicht",
    "Kompass",
    "Horizon",
    "Brücke",
    "Leuchtturm",
    "Mercury",
];
const TOPICS: &[&str] = &[
    "rust",
    "kantine",
    "sicherheit",
    "release",
    "onboarding",
    "nachhaltigkeit",
    "sprint",
    "kunden",
    "homeoffice",
    "ki",
];
const OPENINGS: &[&str] = &[
    "Kurzes Update aus dem Team:",
    "Wir haben diese Woche viel geschafft.",
    "Quick update from the team:",
    "Heute möchte ich euch etwas vorstellen.",
    "We shipped the new version yesterday.",
    "Die Planung für das nächste Quartal steht.",
    "Thanks to everyone who joined the workshop.",
];
const MIDDLES: &[&str] = &[
    "Die Tests laufen stabil und die Kunden sind zufrieden.",
    "Bitte tragt euch bis Freitag in die Liste ein.",
    "The numbers look better than expected, details below.",
    "Wir suchen noch Freiwillige für die Präsentation.",
    "Our customers asked for faster reports; we listened.",
    "Die Besprechung findet im großen Raum statt.",
    "Fragen gerne in die Kommentare.",
];
const CLOSINGS: &[&str] = &[
    "Viele Grüße!",
    "Cheers!",
    "Danke für eure Unterstützung.",
    "Looking forward to your feedback.",
    "Bis bald!",
];
const REPLIES: &[&str] = &[
    "Danke für die Info!",
    "Great news, thanks!",
    "Bin dabei.",
    "Können wir das nächste Woche besprechen?",
    "Super Arbeit, Team!",
    "I have a question about the timeline.",
    "Gibt es dazu eine Aufzeichnung?",
];

/// How many subjects posts are about (see `subject`).
const SUBJECTS: usize = 2_000;
const SUBJECT_START: &[&str] = &[
    "Nord", "Süd", "Sonnen", "Wald", "Stern", "Fluss", "Berg", "Licht", "Eisen", "Kristall", "Wind", "Stein", "Feuer",
    "Wolken", "Silber", "Gold", "Hafen", "Rosen", "Linden", "Falken",
];
const SUBJECT_END: &[&str] = &[
    "werk", "feld", "hof", "brücke", "tor", "turm", "garten", "quelle", "straße", "platz",
];

/// A made-up subject such as "Sonnenbrücke7" or "Falkenquelle12": rare words, as real ones are.
pub fn subject(i: usize) -> String {
    let n = SUBJECT_START.len() * SUBJECT_END.len();
    format!(
        "{}{}{}",
        SUBJECT_START[i % SUBJECT_START.len()],
        SUBJECT_END[(i / SUBJECT_START.len()) % SUBJECT_END.len()],
        i / n
    )
}

/// A text written many times: rendered, its topics and search stems worked out once.
struct Text {
    body: String,
    html: String,
    topics: Vec<String>,
    stems: String,
}

impl Text {
    fn new(body: String, name_of: &dyn Fn(&str) -> Option<String>) -> Text {
        let refs = crate::markdown::references(&body);
        Text {
            html: crate::markdown::render(&body, name_of),
            topics: refs.topics,
            stems: stems(&body),
            body,
        }
    }
}

/// The generated people and communities the content is written into.
struct Company {
    uids: Vec<String>,
    /// Per community: id, and the people who are members.
    communities: Vec<(i64, Vec<i64>)>,
}

/// Fills an empty database (no people yet) with a company of `size`; every account gets
/// `password_hash`. `step` is told what is being written.
pub fn generate(
    conn: &mut DbConnection,
    size: &Size,
    password_hash: &str,
    mut step: impl FnMut(&str),
) -> Result<Generated, AppError> {
    if size.employees < 2 {
        return Err(Invalid::new("employees", "too-small").into());
    }
    let existing: i64 = people::table.count().get_result(conn)?;
    if existing > 0 {
        return Err(AppError::Conflict {
            code: Code::DatabaseNotEmpty,
        });
    }
    let mut rng = StdRng::seed_from_u64(size.seed);
    let mut out = Generated::default();
    write_transaction(conn, |conn| {
        step("people");
        let company = people_and_communities(conn, size, password_hash, &mut rng, &mut out, &mut step)?;
        step("posts");
        let posted = posts_of(conn, size, &company, &mut rng, &mut out)?;
        step("comments");
        comments_of(conn, size, &company, &posted, &mut rng, &mut out)?;
        step("reactions");
        reactions_of(conn, size, &company, &posted, &mut rng, &mut out)?;
        step("status reports");
        out.status_reports = status::reports(conn, &mut rng)?;
        step("a company-wide AMA");
        out.ama_votes = ama::company_ama(conn, &mut rng)?;
        step("statistics");
        crate::db::refresh_statistics(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok(out)
}

fn people_and_communities(
    conn: &mut DbConnection,
    size: &Size,
    password_hash: &str,
    rng: &mut StdRng,
    out: &mut Generated,
    step: &mut impl FnMut(&str),
) -> Result<Company, AppError> {
    let at = now();
    let n_departments = (size.employees / DEPARTMENT_SIZE).clamp(1, size.communities.max(1));
    let mut department_ids = Vec::with_capacity(n_departments);
    let department_name = |d: usize| format!("{} {}", AREAS[d % AREAS.len()], d / AREAS.len() + 1);
    for d in 0..n_departments {
        let id: i64 = diesel::insert_into(departments::table)
            .values(NewDepartment {
                name: department_name(d),
                head_id: None,
                created_at: at,
                external_key: None,
            })
            .returning(departments::id)
            .get_result(conn)?;
        department_ids.push(id);
    }
    out.departments = n_departments;

    // Person i works in department i % n; the first n people head their department, and the
    // very first heads the company.
    let names: Vec<String> = (0..size.employees)
        .map(|i| format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]))
        .collect();
    let uids: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{}{i}", super::uid_for(name)))
        .collect();
    let rows: Vec<NewPerson> = (0..size.employees)
        .map(|i| {
            let name = &names[i];
            let email = format!("{}@muster-konzern.example", uids[i]);
            let mut p = NewPerson::new(&uids[i], name, Some(&email), at);
            p.title = Some(if i < n_departments {
                "Abteilungsleitung".to_string()
            } else {
                TITLES[i % TITLES.len()].to_string()
            });
            p.department_id = Some(department_ids[i % n_departments]);
            p.locale = Some(if i % 5 == 0 {
                crate::domain::Locale::En
            } else {
                crate::domain::Locale::De
            });
            p.password_hash = Some(password_hash.to_string());
            p.is_admin = i == 0;
            p
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        bulk::insert_people(conn, chunk)?;
    }
    let person_ids: Vec<i64> = people::table.order(people::id.asc()).select(people::id).load(conn)?;
    if person_ids.len() != size.employees {
        return Err(AppError::internal(anyhow::anyhow!("people were not all written")));
    }
    out.people = person_ids.len();
    let managers: Vec<(i64, Option<i64>)> = (1..size.employees)
        .map(|i| {
            let head = if i < n_departments { 0 } else { i % n_departments };
            (person_ids[i], Some(person_ids[head]))
        })
        .collect();
    for chunk in managers.chunks(CHUNK * 10) {
        bulk::set_managers(conn, chunk)?;
    }
    for (d, id) in department_ids.iter().enumerate() {
        diesel::update(departments::table.find(id))
            .set(departments::head_id.eq(person_ids[d]))
            .execute(conn)?;
    }
    let placed: Vec<NewPersonDepartment> = (0..size.employees)
        .map(|i| NewPersonDepartment {
            person_id: person_ids[i],
            department_id: department_ids[i % n_departments],
        })
        .collect();
    for chunk in placed.chunks(CHUNK) {
        bulk::insert_person_departments(conn, chunk)?;
    }

    step("communities");
    let mut new_communities = Vec::with_capacity(size.communities);
    let community = |name: String, kind: CommunityKind, access: (Visibility, JoinPolicy), dept: Option<i64>| {
        let slug = CommunitySlug::from_name(&name).map(|s| s.as_str().to_string());
        slug.map(|slug| NewCommunity {
            name_key: community_name_key(&name, access.0, &slug),
            search_text: community_search_text(&name, &slug),
            description: format!("{name}: Neuigkeiten, Fragen und Austausch."),
            slug,
            name,
            kind,
            visibility: access.0,
            join_policy: access.1,
            archived: false,
            department_id: dept,
            created_by: None,
            created_at: at,
            updated_at: at,
            modules: Module::defaults(kind).to_stored(),
        })
    };
    for (d, id) in department_ids.iter().enumerate() {
        new_communities.push(community(
            department_name(d),
            CommunityKind::Department,
            (Visibility::Public, JoinPolicy::Invite),
            Some(*id),
        )?);
    }
    for i in 0..size.communities.saturating_sub(n_departments) {
        let (name, kind, access) = if i % 10 < 7 {
            let access = match i % 10 {
                0 => (Visibility::Private, JoinPolicy::Request),
                1 => (Visibility::Public, JoinPolicy::Request),
                _ => (Visibility::Public, JoinPolicy::Open),
            };
            let name = format!("{} {}", INTERESTS[i % INTERESTS.len()], i / INTERESTS.len() + 1);
            (name, CommunityKind::Interest, access)
        } else {
            let access = match i % 3 {
                0 => (Visibility::Public, JoinPolicy::Request),
                1 => (Visibility::Private, JoinPolicy::Request),
                _ => (Visibility::Secret, JoinPolicy::Invite),
            };
            let name = format!("Projekt {} {}", PROJECTS[i % PROJECTS.len()], i / PROJECTS.len() + 1);
            (name, CommunityKind::Project, access)
        };
        new_communities.push(community(name, kind, access, None)?);
    }
    for chunk in new_communities.chunks(CHUNK) {
        bulk::insert_communities(conn, chunk)?;
    }
    // Their ids in the order written; the organization community came first, at start-up.
    let organization = crate::communities::managed::organization_id(conn)?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no organization community")))?;
    let written: Vec<i64> = communities::table
        .filter(communities::id.ne(organization))
        .order(communities::id.asc())
        .select(communities::id)
        .load(conn)?;
    out.communities = written.len() + 1;

    let mut members: Vec<Vec<i64>> = vec![Vec::new(); written.len()];
    let mut rows: Vec<NewMembership> = Vec::new();
    let membership = |community_id: i64, person_id: i64, role: Role| NewMembership {
        community_id,
        person_id,
        role,
        state: MembershipState::Active,
        created_at: at,
        updated_at: at,
        from_directory: false,
    };
    for (i, person) in person_ids.iter().enumerate() {
        let role = if i == 0 { Role::Manager } else { Role::Member };
        rows.push(membership(organization, *person, role));
        let d = i % n_departments;
        let role = if i == d { Role::Manager } else { Role::Member };
        rows.push(membership(written[d], *person, role));
        members[d].push(*person);
    }
    // Interest and project communities: a few popular ones, many small ones; each person is
    // in a handful.
    let others = written.len() - n_departments;
    if others > 0 {
        let popularity = WeightedIndex::new((0..others).map(|j| 1.0 / ((j + 1) as f64).powf(0.9)))
            .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
        // Everyone who founded one manages it.
        for j in 0..others {
            let founder = person_ids[rng.gen_range(0..person_ids.len())];
            rows.push(membership(written[n_departments + j], founder, Role::Manager));
            members[n_departments + j].push(founder);
        }
        for person in &person_ids {
            let mut joined = HashSet::new();
            for _ in 0..rng.gen_range(0..=8) {
                let j = popularity.sample(rng);
                if joined.insert(j) && !members[n_departments + j].contains(person) {
                    rows.push(membership(written[n_departments + j], *person, Role::Member));
                    members[n_departments + j].push(*person);
                }
            }
        }
    }
    for chunk in rows.chunks(CHUNK) {
        bulk::insert_memberships(conn, chunk)?;
    }
    // The company has existed for the year its posts span: its people joined before them (the
    // database noted every join as of now; the generator only fills an empty database).
    diesel::update(crate::db::schema::membership_events::table)
        .set(crate::db::schema::membership_events::at.eq(at - chrono::Duration::days(366)))
        .execute(conn)?;
    crate::communities::service::recount(conn, None)?;
    out.memberships = rows.len();
    for id in std::iter::once(organization).chain(written.iter().copied()) {
        crate::search::index::refresh(conn, crate::subjects::Subject::Community(id))?;
    }
    let mut communities: Vec<(i64, Vec<i64>)> = vec![(organization, person_ids.clone())];
    communities.extend(written.into_iter().zip(members));
    out.first_uid = uids[0].clone();
    Ok(Company { uids, communities })
}

/// A post as written: which community (index into `Company::communities`) and when.
struct Posted {
    community: usize,
    at: NaiveDateTime,
}

fn posts_of(
    conn: &mut DbConnection,
    size: &Size,
    company: &Company,
    rng: &mut StdRng,
    out: &mut Generated,
) -> Result<Vec<Posted>, AppError> {
    let known: HashSet<&str> = company.uids.iter().map(String::as_str).collect();
    // The generated company names people by uid only; a mention reads as the uid.
    let name_of = |uid: &str| known.contains(uid).then(|| uid.to_string());
    let bodies: Vec<Text> = (0..400)
        .map(|i| {
            let mut body = format!(
                "{} {}\n\n{}",
                OPENINGS[i % OPENINGS.len()],
                MIDDLES[(i / OPENINGS.len()) % MIDDLES.len()],
                CLOSINGS[i % CLOSINGS.len()]
            );
            if i % 3 == 0 {
                body.push_str(&format!(" #{}", TOPICS[i % TOPICS.len()]));
            }
            if i % 5 == 0 {
                body.push_str(&format!(" cc @{}", company.uids[rng.gen_range(0..company.uids.len())]));
            }
            Text::new(body, &name_of)
        })
        .collect();
    let titles: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "{} {} – {} {}",
                ["Neues aus", "Update:", "News from", "Rückblick:", "Plan für"][i % 5],
                AREAS[i % AREAS.len()],
                ["Woche", "week", "Quartal", "sprint", "Jahr"][(i / 5) % 5],
                i / 25 + 1
            )
        })
        .collect();
    // Posts go where people are: weighted by members, the organization a little.
    let weights: Vec<f64> = company
        .communities
        .iter()
        .enumerate()
        .map(|(i, (_, m))| if i == 0 { m.len() as f64 * 0.02 } else { m.len() as f64 })
        .collect();
    let pick = WeightedIndex::new(&weights).map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    let now = now();
    let mut posted = Vec::with_capacity(size.posts);
    let mut next_id = next_id(conn, Table::Posts)?;
    for start in (0..size.posts).step_by(CHUNK) {
        let n = CHUNK.min(size.posts - start);
        let mut rows = Vec::with_capacity(n);
        let mut topics = Vec::new();
        let mut documents = Vec::with_capacity(n);
        for k in 0..n {
            let c = pick.sample(rng);
            let (community_id, members) = &company.communities[c];
            let author = members[rng.gen_range(0..members.len())];
            let at = now - Duration::seconds(rng.gen_range(0..365 * 24 * 3600));
            let text = &bodies[rng.gen_range(0..bodies.len())];
            // Each title also names one of many subjects, so that a search for a subject finds
            // a few hundred posts, not a seventh of them all.
            let subject = subject(rng.gen_range(0..SUBJECTS));
            let title = format!("{} · {subject}", titles[rng.gen_range(0..titles.len())]);
            let title_stems = stems(&title);
            let id = next_id + k as i64;
            rows.push(NewPost {
                community_id: *community_id,
                author_id: Some(author),
                title: title.clone(),
                body: text.body.clone(),
                body_html: text.html.clone(),
                pinned: false,
                announcement: false,
                created_at: at,
                updated_at: at,
                last_activity_at: at,
                kind: crate::domain::PostKind::Post,
            });
            topics.extend(text.topics.iter().map(|t| NewPostTopic {
                post_id: id,
                topic: t.clone(),
            }));
            documents.push(NewSearchDocument {
                kind: "post".into(),
                ref_id: id,
                community_id: *community_id,
                post_id: Some(id),
                title: title.clone(),
                body: text.body.clone(),
                title_stems,
                body_stems: text.stems.clone(),
                created_at: at,
            });
            posted.push(Posted { community: c, at });
        }
        bulk::insert_posts(conn, &rows)?;
        next_id = written_up_to(conn, Table::Posts, next_id, n)?;
        bulk::insert_post_topics(conn, &topics)?;
        bulk::insert_search_documents(conn, &documents)?;
    }
    out.posts = posted.len();
    Ok(posted)
}

#[derive(Clone, Copy)]
enum Table {
    Posts,
    Comments,
    StatusReports,
}

fn max_id(conn: &mut DbConnection, table: Table) -> QueryResult<i64> {
    let max: Option<i64> = match table {
        Table::Posts => posts::table.select(diesel::dsl::max(posts::id)).first(conn)?,
        Table::Comments => comments::table.select(diesel::dsl::max(comments::id)).first(conn)?,
        Table::StatusReports => status_reports::table
            .select(diesel::dsl::max(status_reports::id))
            .first(conn)?,
    };
    Ok(max.unwrap_or(0))
}

/// The id the next row will get. Rows written in bulk by the only writer get consecutive ids
/// on both databases; `written_up_to` checks that they did, since topics and search documents
/// are written with those ids.
fn next_id(conn: &mut DbConnection, table: Table) -> QueryResult<i64> {
    Ok(max_id(conn, table)? + 1)
}

fn written_up_to(conn: &mut DbConnection, table: Table, first: i64, n: usize) -> Result<i64, AppError> {
    let next = next_id(conn, table)?;
    if next != first + n as i64 {
        return Err(AppError::internal(anyhow::anyhow!(
            "rows did not get consecutive ids ({first}..{next} for {n})"
        )));
    }
    Ok(next)
}

fn comments_of(
    conn: &mut DbConnection,
    size: &Size,
    company: &Company,
    posted: &[Posted],
    rng: &mut StdRng,
    out: &mut Generated,
) -> Result<(), AppError> {
    if posted.is_empty() {
        return Ok(());
    }
    let replies: Vec<Text> = REPLIES.iter().map(|r| Text::new(r.to_string(), &|_| None)).collect();
    let now = now();
    let mut next = next_id(conn, Table::Comments)?;
    let first_post = next_id(conn, Table::Posts)? - posted.len() as i64;
    for start in (0..size.comments).step_by(CHUNK) {
        let n = CHUNK.min(size.comments - start);
        let mut rows = Vec::with_capacity(n);
        let mut documents = Vec::with_capacity(n);
        for k in 0..n {
            let p = rng.gen_range(0..posted.len());
            let (community_id, members) = &company.communities[posted[p].community];
            let at = (posted[p].at + Duration::minutes(rng.gen_range(1..3 * 24 * 60))).min(now);
            let text = &replies[rng.gen_range(0..replies.len())];
            let post_id = first_post + p as i64;
            rows.push(NewComment {
                post_id,
                parent_id: None,
                author_id: Some(members[rng.gen_range(0..members.len())]),
                body: text.body.clone(),
                body_html: text.html.clone(),
                created_at: at,
                updated_at: at,
            });
            documents.push(NewSearchDocument {
                kind: "comment".into(),
                ref_id: next + k as i64,
                community_id: *community_id,
                post_id: Some(post_id),
                title: String::new(),
                body: text.body.clone(),
                title_stems: String::new(),
                body_stems: text.stems.clone(),
                created_at: at,
            });
        }
        bulk::insert_comments(conn, &rows)?;
        next = written_up_to(conn, Table::Comments, next, n)?;
        bulk::insert_search_documents(conn, &documents)?;
        out.comments += n;
    }
    bulk::refresh_post_activity(conn)?;
    Ok(())
}

fn reactions_of(
    conn: &mut DbConnection,
    size: &Size,
    company: &Company,
    posted: &[Posted],
    rng: &mut StdRng,
    out: &mut Generated,
) -> Result<(), AppError> {
    if posted.is_empty() {
        return Ok(());
    }
    let first_post = next_id(conn, Table::Posts)? - posted.len() as i64;
    let now = now();
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(CHUNK);
    for _ in 0..size.reactions {
        let p = rng.gen_range(0..posted.len());
        let members = &company.communities[posted[p].community].1;
        let person = members[rng.gen_range(0..members.len())];
        if !seen.insert((p, person)) {
            continue;
        }
        // Within two days of the post, as the comments: a year of history, not all of it today.
        let at = (posted[p].at + Duration::minutes(rng.gen_range(1..2 * 24 * 60))).min(now);
        rows.push(NewReaction {
            target_type: "post".into(),
            target_id: first_post + p as i64,
            person_id: person,
            kind: ReactionKind::ALL[rng.gen_range(0..ReactionKind::ALL.len())],
            created_at: at,
        });
        if rows.len() == CHUNK {
            out.reactions += bulk::insert_reactions(conn, &rows)?;
            rows.clear();
        }
    }
    out.reactions += bulk::insert_reactions(conn, &rows)?;
    Ok(())
}
