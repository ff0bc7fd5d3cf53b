//! Allmende under load, at company scale: `allmende demo` generates 50,000 employees, 2,000
//! communities and 500,000 posts (override with BENCH_EMPLOYEES, BENCH_COMMUNITIES, BENCH_POSTS)
//! on SQLite and PostgreSQL; `allmende serve` (the release binary, a child process) then answers
//! 64 signed-in employees at once — each its own keep-alive connection — for BENCH_SECONDS (10)
//! per page: the home feed, a community page of theirs and searches (for one of 2,000 subjects
//! that post titles name, and for a word in every seventh text) and the organization's project
//! roll-up (every project's half year of weekly status reports). The baseline, measured in
//! the same run against the same server, is `/healthz`, which does no work. Prints req/s, p50,
//! p99 and the ratio to the baseline, and the server's peak memory.

mod common;

use common::env_or;

use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use allmende::db::schema::{communities, memberships, people};
use allmende::db::{DatabaseUrl, DbConnection};
use diesel::prelude::*;

const CONNECTIONS: usize = 64;
/// Words of the generated texts, each in about every seventh of them ("Kunde" only as a word
/// form of "Kunden").
const COMMON: &[&str] = &["Kunde", "release", "Planung", "Präsentation", "feedback", "Quartal"];

fn search_url(server: &Server, q: &str) -> String {
    server.url(&format!(
        "/search?q={}",
        url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    ))
}

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The most memory the server held so far (VmHWM), in MiB.
    fn peak_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    }
}

fn allmende(env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allmende"));
    cmd.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    cmd
}

fn serve(env: &[(&str, String)]) -> Server {
    let mut child = allmende(env)
        .arg("serve")
        .env("ALLMENDE__SERVER__BIND", "127.0.0.1:0")
        .env("ALLMENDE__LOG__LEVEL", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("allmende serve starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("the server says where it runs").unwrap();
        if let Some(port) = line
            .rsplit("(port ")
            .next()
            .filter(|_| line.starts_with("Allmende is running"))
        {
            break port.trim_end_matches(')').parse().unwrap();
        }
    };
    // Keep reading what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, port }
}

/// 64 employees spread over the company (no administrators), each with a community they are
/// a member of — an interest or project community where they have one.
fn employees(url: &str) -> Vec<(String, String)> {
    let mut conn: DbConnection = DatabaseUrl::parse(url).unwrap().connect().unwrap();
    let all: Vec<(i64, String)> = people::table
        .filter(people::is_admin.eq(false))
        .order(people::id.asc())
        .select((people::id, people::uid))
        .load(&mut conn)
        .unwrap();
    let step = (all.len() / CONNECTIONS).max(1);
    all.iter()
        .step_by(step)
        .take(CONNECTIONS)
        .map(|(id, uid)| {
            let slug: String = memberships::table
                .inner_join(communities::table)
                .filter(memberships::person_id.eq(id))
                .filter(communities::kind.ne("organization"))
                .order(communities::id.desc())
                .select(communities::slug)
                .first(&mut conn)
                .unwrap();
            (uid.clone(), slug)
        })
        .collect()
}

/// The company-wide AMA the generator writes.
fn company_ama(url: &str) -> i64 {
    let mut conn: DbConnection = DatabaseUrl::parse(url).unwrap().connect().unwrap();
    allmende::db::schema::amas::table
        .select(allmende::db::schema::amas::id)
        .first(&mut conn)
        .unwrap()
}

async fn sign_in(server: &Server, uid: &str, password: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client
        .get(server.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = form
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the sign-in form has a CSRF token")
        .to_string();
    let res = client
        .post(server.url("/login"))
        .form(&[("csrf_token", token.as_str()), ("uid", uid), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{uid} signs in");
    client
}

struct Outcome {
    requests: usize,
    errors: usize,
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

/// Every client asks for its own URL, one request after the other, until the time is up.
async fn drive(clients: &[(reqwest::Client, Vec<String>)], time: Duration) -> Outcome {
    let deadline = Instant::now() + time;
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .cloned()
        .map(|(client, urls)| {
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut i = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match client.get(&urls[i % urls.len()]).send().await {
                        Ok(res) if res.status() == 200 => {
                            let _ = res.bytes().await;
                            latencies.push(t.elapsed());
                        }
                        _ => errors += 1,
                    }
                    i += 1;
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (l, e) = task.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed();
    all.sort();
    let at = |q: f64| {
        all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)))
            .copied()
    };
    Outcome {
        requests: all.len(),
        errors,
        per_second: all.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50).unwrap_or_default(),
        p99: at(0.99).unwrap_or_default(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let employees_n = env_or("BENCH_EMPLOYEES", 50_000);
    let communities_n = env_or("BENCH_COMMUNITIES", 2_000);
    let posts_n = env_or("BENCH_POSTS", 500_000);
    let time = Duration::from_secs(env_or("BENCH_SECONDS", 10) as u64);
    // `BENCH_PAGES="home feed,project roll-up"`: only these (and the /healthz baseline).
    let only: Option<Vec<String>> = std::env::var("BENCH_PAGES")
        .ok()
        .map(|p| p.split(',').map(|s| s.trim().to_string()).collect());
    let dir = tempfile::tempdir().unwrap();
    let backends = common::Backends::new(dir.path(), "load");
    println!(
        "{employees_n} employees, {communities_n} communities, {posts_n} posts; {CONNECTIONS} connections, {} s per page\n",
        time.as_secs()
    );
    println!("| backend | page | req/s | × /healthz | p50 | p99 | errors |");
    println!("|---|---|---|---|---|---|---|");
    let mut footnotes = Vec::new();
    for (backend, db) in &backends.list {
        let env = vec![
            ("ALLMENDE__DATABASE__URL", db.clone()),
            (
                "ALLMENDE__SESSION__KEY_FILE",
                dir.path().join("session.key").display().to_string(),
            ),
        ];
        let started = Instant::now();
        let out = allmende(&env)
            .args(["demo", "--employees", &employees_n.to_string()])
            .args(["--communities", &communities_n.to_string()])
            .args(["--posts", &posts_n.to_string()])
            .env("ALLMENDE__LOG__LEVEL", "warn")
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{printed}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let password = printed
            .lines()
            .find_map(|l| l.split("password: ").nth(1))
            .unwrap()
            .to_string();
        let generated = started.elapsed();

        let server = serve(&env);
        let who = employees(db);
        let ama = company_ama(db);
        let mut clients = Vec::new();
        for (i, (uid, slug)) in who.iter().enumerate() {
            let client = sign_in(&server, uid, &password).await;
            let pages: HashMap<&str, Vec<String>> = [
                ("/healthz", vec![server.url("/healthz")]),
                ("home feed", vec![server.url("/")]),
                ("community page", vec![server.url(&format!("/c/{slug}"))]),
                ("project roll-up", vec![server.url("/status")]),
                ("AMA page", vec![server.url(&format!("/amas/{ama}"))]),
                (
                    "search: a subject",
                    (0..8)
                        .map(|k| search_url(&server, &allmende::demo::large::subject((i * 8 + k) * 31 % 2_000)))
                        .collect(),
                ),
                (
                    "search: a common word",
                    (0..COMMON.len())
                        .map(|k| search_url(&server, COMMON[(i + k) % COMMON.len()]))
                        .collect(),
                ),
            ]
            .into_iter()
            .collect();
            clients.push((client, pages));
        }
        let clients = Arc::new(clients);
        let mut baseline = 0.0;
        for page in [
            "/healthz",
            "home feed",
            "community page",
            "search: a subject",
            "search: a common word",
            "project roll-up",
            "AMA page",
        ]
        .into_iter()
        .filter(|p| {
            only.as_ref()
                .is_none_or(|o| *p == "/healthz" || o.iter().any(|w| w == p))
        }) {
            let these: Vec<(reqwest::Client, Vec<String>)> = clients
                .iter()
                .map(|(c, pages)| (c.clone(), pages[page].clone()))
                .collect();
            // Warm up (connections, caches), then measure.
            drive(&these, Duration::from_secs(2)).await;
            let o = drive(&these, time).await;
            if page == "/healthz" {
                baseline = o.per_second;
            }
            println!(
                "| {backend} | {page} | {:.0} | {:.2} | {} | {} | {} of {} |",
                o.per_second,
                o.per_second / baseline,
                ms(o.p50),
                ms(o.p99),
                o.errors,
                o.requests + o.errors
            );
        }
        footnotes.push(format!(
            "{backend}: generated in {:.0} s; server peak memory {:.0} MiB",
            generated.as_secs_f64(),
            server.peak_mib()
        ));
    }
    println!();
    for f in footnotes {
        println!("{f}");
    }
}
