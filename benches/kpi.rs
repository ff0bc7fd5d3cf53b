//! Community health KPIs with a year of history: `allmende demo` generates 50,000 employees,
//! 2,000 communities and 500,000 posts over a year (BENCH_EMPLOYEES, BENCH_COMMUNITIES,
//! BENCH_POSTS override) on SQLite and PostgreSQL. Measured in this process through the library:
//! the organization's last quarter beside the one before counted from the raw tables (the
//! baseline: what a request costs before the daily job has run), the job's first fill of the
//! whole year into `kpi_days`, then the same figures again from the kept days, and one large
//! community's. Prints times and the ratio to the baseline.

mod common;

use common::env_or;

use std::process::Command;
use std::time::{Duration, Instant};

use allmende::db::{DatabaseUrl, DbConnection};
use allmende::kpi::daily::Scope;
use allmende::kpi::figures::{self, Period};
use allmende::kpi::privacy::Rule;
use diesel::prelude::*;

/// The fastest of three runs of `f`.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let v = f();
        fastest = fastest.min(started.elapsed());
        out = Some(v);
    }
    (fastest, out.unwrap())
}

fn main() {
    let employees = env_or("BENCH_EMPLOYEES", 50_000);
    let communities = env_or("BENCH_COMMUNITIES", 2_000);
    let posts = env_or("BENCH_POSTS", 500_000);
    let dir = tempfile::tempdir().unwrap();
    let backends = common::Backends::new(dir.path(), "kpi");
    println!("{employees} employees, {communities} communities, {posts} posts over a year\n");
    println!(
        "| backend | organization, raw tables (baseline) | first fill of the year | organization, kept days | × baseline | largest community, kept days |"
    );
    println!("|---|---|---|---|---|---|");
    for (backend, db) in &backends.list {
        let out = Command::new(env!("CARGO_BIN_EXE_allmende"))
            .env("ALLMENDE__DATABASE__URL", db)
            .env("ALLMENDE__SESSION__KEY_FILE", dir.path().join("session.key"))
            .env("ALLMENDE__LOG__LEVEL", "warn")
            .args(["demo", "--employees", &employees.to_string()])
            .args(["--communities", &communities.to_string()])
            .args(["--posts", &posts.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut conn: DbConnection = DatabaseUrl::parse(db).unwrap().connect().unwrap();
        let today = allmende::kpi::service::today();
        let period = Period::parse(
            Some(&(today - chrono::Duration::days(90)).to_string()),
            Some(&today.to_string()),
            today,
        )
        .unwrap();
        let rule = Rule { min_group: 5 };
        let organization = figures::organization(&mut conn).unwrap();
        let scope = Scope::Organization {
            community: organization,
        };
        let (raw, before) = best(|| figures::compute(&mut conn, scope, period, rule).unwrap());
        let started = Instant::now();
        allmende::kpi::daily::fill(&mut conn, today).unwrap();
        let fill = started.elapsed();
        let (kept, after) = best(|| figures::compute(&mut conn, scope, period, rule).unwrap());
        assert_eq!(
            serde_json::to_value(&before).unwrap(),
            serde_json::to_value(&after).unwrap(),
            "kept days and raw tables disagree"
        );
        let largest: i64 = {
            use allmende::db::schema::communities;
            communities::table
                .filter(communities::id.ne(organization))
                .order(communities::member_count.desc())
                .select(communities::id)
                .first(&mut conn)
                .unwrap()
        };
        let (one, _) = best(|| figures::compute(&mut conn, Scope::Community(largest), period, rule).unwrap());
        println!(
            "| {backend} | {:.0} ms | {:.1} s | {:.0} ms | {:.2} × | {:.0} ms |",
            raw.as_secs_f64() * 1000.0,
            fill.as_secs_f64(),
            kept.as_secs_f64() * 1000.0,
            kept.as_secs_f64() / raw.as_secs_f64(),
            one.as_secs_f64() * 1000.0,
        );
    }
}
