//! How the people directory scales with the size of the company, on SQLite and PostgreSQL.
//!
//! For 1,000, 10,000 and 50,000 employees it measures the first page, a page deep into the
//! list (by cursor), a search by name fragment and the communities list, and prints each as the
//! median of repeated runs and as a ratio to the same query at 1,000 employees, measured in the
//! same run. `ALLMENDE_TEST_PG_URL` (default postgres://postgres@127.0.0.1:5432/postgres)
//! names the PostgreSQL server; without one, only SQLite is measured.

use std::time::{Duration, Instant};

use allmende::api::pagination::{PageParams, PageRequest};
use allmende::communities::service::{ListFilter, list as list_communities};
use allmende::config::OrganizationSettings;
use allmende::db::models::{NewPerson, Person};
use allmende::db::schema::people;
use allmende::db::{DatabaseUrl, DbConnection, now, run_pending_migrations};
use allmende::domain::CommunitySlug;
use allmende::people::service::{PeopleFilter, list as list_people};
use diesel::prelude::*;

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];
const RUNS: usize = 15;

const FIRST: &[&str] = &[
    "Anna", "Bernd", "Clara", "Dieter", "Elif", "Frank", "Gül", "Hannes", "Ines", "Jörg", "Katrin", "Lars",
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
    "Yılmaz",
    "Nowak",
    "Kowalski",
];

fn seed(conn: &mut DbConnection, n: usize) {
    let at = now();
    let rows: Vec<NewPerson> = (0..n)
        .map(|i| {
            let name = format!(
                "{} {} {i}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len()) % LAST.len()]
            );
            NewPerson::new(&format!("u{i:06}"), &name, Some(&format!("u{i:06}@beispiel.de")), at)
        })
        .collect();
    conn.transaction(|c| {
        for chunk in rows.chunks(1000) {
            allmende::db::bulk::insert_people(c, chunk)?;
        }
        QueryResult::Ok(())
    })
    .expect("seeding people");
    let org = OrganizationSettings {
        name: "Beispiel AG".into(),
        slug: CommunitySlug::parse("beispiel-ag").unwrap(),
    };
    allmende::communities::managed::ensure_organization(conn, &org).expect("organization community");
    allmende::db::refresh_statistics(conn).expect("statistics");
}

fn median(mut f: impl FnMut()) -> Duration {
    f(); // warm caches and prepared statements
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn measure(conn: &mut DbConnection, n: usize) -> Vec<(&'static str, Duration)> {
    let first = PageRequest::first(50);
    let viewer: Person = people::table.select(Person::as_select()).first(conn).unwrap();
    let middle = list_people(conn, &PeopleFilter::default(), &PageRequest::first((n / 2) as i64))
        .unwrap()
        .next_cursor
        .unwrap();
    let deep = PageParams {
        limit: Some("50".into()),
        cursor: Some(middle),
    }
    .parse()
    .unwrap();
    vec![
        (
            "first page of people",
            median(|| drop(list_people(conn, &PeopleFilter::default(), &first).unwrap())),
        ),
        (
            "page in the middle (cursor)",
            median(|| drop(list_people(conn, &PeopleFilter::default(), &deep).unwrap())),
        ),
        (
            "search \"müller\"",
            median(|| {
                drop(
                    list_people(
                        conn,
                        &PeopleFilter {
                            query: Some("müller".into()),
                            ..Default::default()
                        },
                        &first,
                    )
                    .unwrap(),
                )
            }),
        ),
        (
            "communities list",
            median(|| drop(list_communities(conn, &viewer, &ListFilter::default(), &first).unwrap())),
        ),
    ]
}

fn run_backend(name: &str, mut connect: impl FnMut(usize) -> DbConnection) {
    println!("\n## {name}\n");
    println!("| query | {} |", SIZES.map(|n| format!("{n} people")).join(" | "));
    println!("|---|{}", "---|".repeat(SIZES.len()));
    let results: Vec<Vec<(&str, Duration)>> = SIZES
        .iter()
        .map(|&n| {
            let mut conn = connect(n);
            run_pending_migrations(&mut conn).expect("migrations");
            seed(&mut conn, n);
            measure(&mut conn, n)
        })
        .collect();
    for (i, (label, base)) in results[0].iter().enumerate() {
        let cells: Vec<String> = results
            .iter()
            .map(|r| {
                format!(
                    "{:.2} ms (×{:.1})",
                    r[i].1.as_secs_f64() * 1e3,
                    r[i].1.as_secs_f64() / base.as_secs_f64()
                )
            })
            .collect();
        println!("| {label} | {} |", cells.join(" | "));
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    run_backend("SQLite", |n| {
        let url = DatabaseUrl::parse(&format!(
            "sqlite://{}",
            dir.path().join(format!("bench-{n}.db")).display()
        ))
        .unwrap();
        url.connect().unwrap()
    });

    let admin_url =
        std::env::var("ALLMENDE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let Ok(mut admin) = diesel::PgConnection::establish(&admin_url) else {
        println!("\n(PostgreSQL not reachable at {admin_url}: skipped)");
        return;
    };
    let mut created = Vec::new();
    run_backend("PostgreSQL", |n| {
        let name = format!("allmende_bench_{}_{n}", std::process::id());
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        created.push(name.clone());
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&name);
        DatabaseUrl::parse(url.as_str()).unwrap().connect().unwrap()
    });
    for name in created {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
    }
}
