//! The directory sync at company scale: 50,000 employees (override with BENCH_PEOPLE) from a
//! real slapd into an empty database, then again with nothing changed, on SQLite and
//! PostgreSQL — each run of `allmende ldap-sync` a child process whose wall time and peak
//! memory are measured. The baseline, in the same run, is a plain paged `ldapsearch` of the
//! same entries with the same attributes.

mod common;

#[path = "../tests/integration/directory_fixture.rs"]
#[allow(dead_code)]
mod directory_fixture;
#[path = "../tests/integration/slapd.rs"]
#[allow(dead_code)]
mod slapd;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use figment::providers::Format;

const ATTRS: &[&str] = &[
    "cn",
    "entryUUID",
    "uid",
    "mail",
    "displayName",
    "givenName",
    "sn",
    "title",
    "ou",
    "manager",
    "telephoneNumber",
    "employeeNumber",
    "departmentNumber",
];

/// Runs a command, returning its wall time, peak resident memory (MiB), stdout and stderr.
#[allow(clippy::zombie_processes)] // waited for with wait4, which also reports the memory
fn measure(cmd: &mut Command) -> (Duration, f64, String, String) {
    let started = Instant::now();
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("command starts");
    let pid = child.id() as libc::pid_t;
    let (stdout, stderr) = (child.stdout, child.stderr);
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut out);
            }
            out
        })
    };
    let output = read(stdout.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let errors = read(stderr.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child and fills a zeroed rusage.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (
        elapsed,
        usage.ru_maxrss as f64 / 1024.0,
        output.join().unwrap(),
        errors.join().unwrap(),
    )
}

/// Rows in the tables a sync writes to.
fn rows(db: &str) -> i64 {
    use diesel::sql_types::BigInt;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut conn = allmende::db::DatabaseUrl::parse(db).unwrap().connect().unwrap();
    let sql = "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM person_departments) \
               + (SELECT COUNT(*) FROM memberships) + (SELECT COUNT(*) FROM audit_log) AS n";
    diesel::sql_query(sql).get_result::<Count>(&mut conn).unwrap().n
}

/// The database's own time to write the rows of a full sync once more, set-based inside the
/// server (INSERT … SELECT from what the sync wrote, rolled back): a floor for any sync.
fn copy_in_database(db: &str) -> Duration {
    use diesel::connection::SimpleConnection;
    let mut conn = allmende::db::DatabaseUrl::parse(db).unwrap().connect().unwrap();
    conn.batch_execute("BEGIN").unwrap();
    let started = Instant::now();
    conn.batch_execute(
        "INSERT INTO people (uid, display_name, email, title, department_id, manager_id, active, is_admin, \
             search_text, created_at, updated_at, external_id, dn, phone, employee_number, source, directory_hash) \
         SELECT uid || '~', display_name, email, title, department_id, manager_id, active, is_admin, \
             search_text, created_at, updated_at, external_id || '~', dn || '~', phone, employee_number, source, \
             directory_hash FROM people; \
         INSERT INTO person_departments (person_id, department_id) \
         SELECT c.id, pd.department_id FROM person_departments pd \
             JOIN people o ON o.id = pd.person_id JOIN people c ON c.uid = o.uid || '~'; \
         INSERT INTO memberships (community_id, person_id, role, state, created_at, updated_at, from_directory) \
         SELECT m.community_id, c.id, m.role, m.state, m.created_at, m.updated_at, m.from_directory \
             FROM memberships m JOIN people o ON o.id = m.person_id JOIN people c ON c.uid = o.uid || '~'; \
         INSERT INTO audit_log (actor_id, action, object_type, object_id, details, created_at) \
         SELECT actor_id, action, object_type, object_id, details, created_at FROM audit_log;",
    )
    .unwrap();
    let elapsed = started.elapsed();
    conn.batch_execute("ROLLBACK").unwrap();
    elapsed
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let n: usize = std::env::var("BENCH_PEOPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    eprintln!("generating and loading {n} people …");
    let slapd = slapd::Slapd::start(&directory_fixture::company(n));
    let base = format!("ou=people,{}", slapd::BASE_DN);

    let search = median(
        (0..3)
            .map(|_| {
                let (t, _, out, _) = measure(
                    Command::new("ldapsearch")
                        .args([
                            "-x",
                            "-LLL",
                            "-H",
                            &slapd.url(),
                            "-D",
                            slapd::SERVICE_DN,
                            "-w",
                            slapd::SERVICE_PASSWORD,
                        ])
                        .args(["-b", &base, "-E", "pr=500/noprompt", "(objectClass=inetOrgPerson)"])
                        .args(ATTRS),
                );
                assert_eq!(
                    out.matches("\ndn:").count() + usize::from(out.starts_with("dn:")),
                    n,
                    "ldapsearch saw everyone"
                );
                t
            })
            .collect(),
    );
    println!(
        "\nPlain paged ldapsearch of {n} entries (baseline, median of 3): {:.2} s\n",
        search.as_secs_f64()
    );
    // The same search through Allmende's client and parsing, nothing written: how much of the
    // sync's reading is the client, how much the staging.
    let settings = allmende::config::Settings::from_figment(
        figment::Figment::new()
            .merge(figment::providers::Toml::file_exact("config/default.toml"))
            .merge(("ldap.url", slapd.url()))
            .merge(("ldap.bind_dn", slapd::SERVICE_DN))
            .merge(("ldap.bind_password", slapd::SERVICE_PASSWORD))
            .merge(("ldap.user_base", base.clone())),
    )
    .expect("settings");
    let map = allmende::directory::AttributeMap::new(settings.ldap.preset, &settings.ldap.attributes);
    let client_read = median(
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let mut ldap = allmende::directory::client::service_connection(&settings.ldap).unwrap();
                let mut parsed = 0usize;
                allmende::directory::client::for_each_person(&mut ldap, &settings.ldap, &map, |p| {
                    parsed += usize::from(p.is_ok());
                    Ok(())
                })
                .unwrap();
                assert_eq!(parsed, n);
                started.elapsed()
            })
            .collect(),
    );
    println!(
        "The same through Allmende's LDAP client and parsing, nothing stored (median of 3): {:.2} s (× {:.2})\n",
        client_read.as_secs_f64(),
        client_read.as_secs_f64() / search.as_secs_f64()
    );
    println!(
        "| backend | run | wall time | × search | reading and people / the rest | rows written | ms per 1,000 rows beyond 1.5 × search | peak memory |"
    );
    println!("|---|---|---|---|---|---|---|---|");

    let dir = tempfile::tempdir().unwrap();
    let backends = common::Backends::new(dir.path(), "sync");
    for (backend, db) in &backends.list {
        let env = [
            ("ALLMENDE__DATABASE__URL", db.as_str()),
            ("ALLMENDE__LDAP__URL", &slapd.url()),
            ("ALLMENDE__LDAP__BIND_DN", slapd::SERVICE_DN),
            ("ALLMENDE__LDAP__BIND_PASSWORD", slapd::SERVICE_PASSWORD),
            ("ALLMENDE__LDAP__USER_BASE", &base),
            (
                "ALLMENDE__SESSION__KEY_FILE",
                &dir.path().join("key").display().to_string(),
            ),
            ("ALLMENDE__LOG__LEVEL", "info,allmende::directory=debug"),
            ("ALLMENDE__LOG__FORMAT", "json"),
        ];
        let allmende = |args: &[&str]| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_allmende"));
            cmd.args(args).envs(env);
            cmd
        };
        measure(&mut allmende(&["migrate"]));
        let mut rows_before = rows(db);
        for label in ["full sync", "re-sync, nothing changed"] {
            let (t, mem, out, log) = measure(&mut allmende(&["ldap-sync", "--json"]));
            let phases = log
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .find(|l| l["message"] == "directory sync phases")
                .map(|l| {
                    format!(
                        "{:.2} s / {:.2} s",
                        l["read_ms"].as_f64().unwrap_or(0.0) / 1e3,
                        l["apply_ms"].as_f64().unwrap_or(0.0) / 1e3
                    )
                })
                .unwrap_or_default();
            for l in log
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            {
                if l["message"] == "directory sync phase" {
                    eprintln!("    {backend} {label}: {} {} ms", l["phase"], l["ms"]);
                }
                if l["message"] == "directory sync pages" {
                    eprintln!("    {backend} {label}: applying pages {} ms", l["busy_ms"]);
                }
            }
            let report: serde_json::Value = serde_json::from_str(out.trim()).expect("the sync's JSON report");
            assert_eq!(report["aborted"], false);
            // What the run wrote: people, their departments, memberships and audit entries.
            let total = rows(db);
            let written = total - std::mem::replace(&mut rows_before, total);
            let beyond = (t.as_secs_f64() - 1.5 * search.as_secs_f64()).max(0.0) * 1000.0;
            let per_thousand = if written > 0 {
                format!("{:.1} ms", beyond / (written as f64 / 1000.0))
            } else {
                "–".into()
            };
            if written > 0 {
                let floor = copy_in_database(db);
                eprintln!(
                    "    {backend}: the database itself writes these {written} rows in {:.2} s ({:.1} ms per 1,000 rows)",
                    floor.as_secs_f64(),
                    floor.as_secs_f64() * 1e6 / written as f64
                );
            }
            println!(
                "| {backend} | {label} (created {}, unchanged {}) | {:.2} s | {:.2} | {phases} | {written} | {per_thousand} | {:.0} MiB |",
                report["created"],
                report["unchanged"],
                t.as_secs_f64(),
                t.as_secs_f64() / search.as_secs_f64(),
                mem
            );
        }
    }
}
