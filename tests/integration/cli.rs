use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::on_both_backends;
use crate::support::{TestApp, texts};

fn allmende(env: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allmende"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// Environment, arguments, and what the error must say.
type ConfigCase = (
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
    &'static str,
);

#[test]
fn a_wrong_configuration_stops_start_up_naming_the_key() {
    let cases: [ConfigCase; 4] = [
        (
            &[("ALLMENDE__SERVER__BINDX", "x")],
            &["migrate"],
            "key `server.bindx`: unknown field",
        ),
        (
            &[("ALLMENDE__DATABASE__POOL_SIZE", "lots")],
            &["migrate"],
            "key `database.pool_size`: invalid type",
        ),
        (
            &[("ALLMENDE__I18N__DEFAULT_LOCALE", "fr")],
            &["migrate"],
            "key `i18n.default_locale`: unknown language `fr`",
        ),
        (
            &[],
            &["--config", "/nonexistent/allmende.toml", "migrate"],
            "/nonexistent/allmende.toml not found",
        ),
    ];
    for (env, args, expected) in cases {
        let out = allmende(env, args, None);
        assert_eq!(out.status.code(), Some(2), "{env:?} {args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(expected), "{expected:?} not in {err}");
    }
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let out = allmende(
        &[
            ("ALLMENDE__DATABASE__URL", "postgres://nobody@127.0.0.1:1/none"),
            ("ALLMENDE__DATABASE__POOL_TIMEOUT_SECONDS", "1"),
        ],
        &["migrate"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot connect to the database postgres://nobody@127.0.0.1:1/none"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn migrate_says_what_it_applied() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let env = [("ALLMENDE__DATABASE__URL", url.as_str())];
    let first = allmende(&env, &["migrate"], None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("applied 2026-11-21-000001_foundation"),
        "{}",
        text(&first.stdout)
    );
    let second = allmende(&env, &["migrate"], None);
    assert!(text(&second.stdout).contains("No pending migrations"));
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["user", "add", "--help"],
        vec!["token", "create", "--help"],
    ] {
        let out = allmende(&[], &args, None);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage"), "{args:?}");
    }
}

on_both_backends!(accounts_and_tokens_from_the_command_line);

async fn accounts_and_tokens_from_the_command_line(app: TestApp) {
    let url = app.settings.database.url.clone();
    let key_file = app.dir.path().join("cli-session.key").to_string_lossy().to_string();
    let env = [
        ("ALLMENDE__DATABASE__URL", url.as_str()),
        ("ALLMENDE__SESSION__KEY_FILE", key_file.as_str()),
    ];
    let args = [
        "user",
        "add",
        "--uid",
        "KAdmin",
        "--name",
        "Kim Admin",
        "--email",
        "kim@beispiel.de",
        "--admin",
    ];

    let short = allmende(&env, &args, Some("short\n"));
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short.stderr).contains("at least 10 characters"));

    let added = allmende(&env, &args, Some("ein langes Passwort\n"));
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert!(text(&added.stdout).contains("created kadmin (Kim Admin), administrator"));
    let again = allmende(&env, &args, Some("ein langes Passwort\n"));
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("uid-taken"), "{}", text(&again.stderr));

    let bad_mail = allmende(
        &env,
        &["user", "add", "--uid", "x1", "--name", "X", "--email", "kein-mail"],
        Some("ein langes Passwort\n"),
    );
    assert!(text(&bad_mail.stderr).contains("--email: malformed"));

    let client = app.browser("en");
    assert_eq!(
        app.login(&client, "kadmin", "ein langes Passwort").await.status(),
        303,
        "the new account signs in"
    );

    let token = allmende(&env, &["token", "create", "--uid", "kadmin"], None);
    assert!(token.status.success(), "{}", text(&token.stderr));
    let token = text(&token.stdout).trim().to_string();
    assert!(token.starts_with("alm_"));
    let (status, me) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["uid"], "kadmin");
    assert_eq!(me["is_admin"], true);

    let stored: Vec<String> = app
        .query(|c| {
            use allmende::db::schema::api_tokens;
            use diesel::prelude::*;
            api_tokens::table.select(api_tokens::token_hash).load(c)
        })
        .await;
    assert!(!stored.contains(&token), "only the hash is stored");
    assert_eq!(stored, vec![allmende::auth::tokens::digest(&token)]);

    let unknown = allmende(&env, &["token", "create", "--uid", "nobody"], None);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no person with uid `nobody`"));
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("serve.db").display());
    let key = dir.path().join("session.key").to_string_lossy().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_allmende"))
        .arg("serve")
        .env("ALLMENDE__DATABASE__URL", &url)
        .env("ALLMENDE__SESSION__KEY_FILE", &key)
        .env("ALLMENDE__SERVER__BIND", "127.0.0.1:0")
        .env("ALLMENDE__SERVER__SHUTDOWN_TIMEOUT_SECONDS", "5")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let running = lines.next().unwrap().unwrap();
    let port: u16 = running
        .rsplit("(port ")
        .next()
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .unwrap();
    // An answered request shows the server (and its signal handling) is running.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.0 200"), "{answer}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exits cleanly: {status}");
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "still running after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        std::path::Path::new(&key).exists(),
        "the generated session key is kept for the next start"
    );
}

/// A started `allmende serve`; killed when dropped.
pub(crate) struct Served {
    child: std::process::Child,
    stdout: Vec<String>,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn serve(env: &[(&str, &str)], args: &[&str]) -> Served {
    use std::io::BufRead;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allmende"));
    cmd.arg("serve")
        .args(args)
        .env("ALLMENDE__SERVER__BIND", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("Allmende is running");
        stdout.push(line);
        if done {
            break;
        }
    }
    let last = stdout.last().cloned().unwrap_or_default();
    let port = last
        .rsplit("(port ")
        .next()
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .expect("the port is printed");
    Served { child, stdout, port }
}

on_both_backends!(the_demo_company_lets_a_newcomer_join_an_interest_community);

async fn the_demo_company_lets_a_newcomer_join_an_interest_community(app: TestApp) {
    let url = app.settings.database.url.clone();
    let key_file = app.dir.path().join("demo-session.key").to_string_lossy().to_string();
    let env = [
        ("ALLMENDE__DATABASE__URL", url.as_str()),
        ("ALLMENDE__SESSION__KEY_FILE", key_file.as_str()),
    ];
    let demo = serve(&env, &["--demo"]);
    let printed = demo.stdout.join("\n");
    let password = printed
        .lines()
        .find_map(|l| l.strip_prefix("with the password: "))
        .unwrap_or_else(|| panic!("the password is printed: {printed}"))
        .to_string();

    let base = format!("http://127.0.0.1:{}", demo.port);
    let client = app.browser("de");
    let page = crate::support::page(&client, format!("{base}/login")).await;
    let token = crate::support::csrf_token(&page);
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("uid", "jneumann"),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "a demo employee signs in with the printed password");

    let interests = crate::support::page(&client, format!("{base}/communities?kind=interest")).await;
    let names = texts(&interests, "#community-list h3");
    assert!(
        names.len() >= 3 && names.contains(&"Laufgruppe".to_string()),
        "{names:?}"
    );
    let people = crate::support::page(&client, format!("{base}/people")).await;
    assert_eq!(texts(&people, "h2.results"), vec!["118 Treffer"]);
    let department = crate::support::page(&client, format!("{base}/c/entwicklung")).await;
    assert!(
        texts(&department, "#member-list li").contains(&"Markus Weber Leitung".to_string()),
        "the head manages the department"
    );

    let home = crate::support::page(&client, format!("{base}/")).await;
    let before = texts(&home, "#my-communities h3");
    assert!(
        before.contains(&"Entwicklung".to_string()) && before.contains(&"Beispiel AG".to_string()),
        "{before:?}"
    );
    let joined = if before.contains(&"Laufgruppe".to_string()) {
        "Kochen & Backen"
    } else {
        "Laufgruppe"
    };
    let slug = if joined == "Laufgruppe" {
        "laufgruppe"
    } else {
        "kochen-backen"
    };
    let page = crate::support::page(&client, format!("{base}/c/{slug}")).await;
    let token = crate::support::csrf_token(&page);
    let res = client
        .post(format!("{base}/c/{slug}/join"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let home = crate::support::page(&client, format!("{base}/")).await;
    assert!(texts(&home, "#my-communities h3").contains(&joined.to_string()));

    // Development's onboarding AMA is live with questions; the running group waits for help.
    let amas = crate::support::page(&client, format!("{base}/c/entwicklung/amas")).await;
    assert!(amas.contains("Onboarding-AMA") && amas.contains(">live<"), "{amas}");
    let ama = crate::support::page(&client, format!("{base}/amas/1")).await;
    assert_eq!(texts(&ama, "#questions > li").len(), 3, "{ama}");
    assert!(ama.contains("Anonym") && ama.contains("Patin"), "{ama}");
    let waiting = crate::support::page(&client, format!("{base}/c/laufgruppe/qa?unanswered=1")).await;
    assert_eq!(texts(&waiting, "#questions h2"), ["Gibt es Duschen im Neubau?"]);

    // A project team's week is there for its manager: board, status in the roll-up, poll, meeting.
    let manager = app.managers_of("projekt-phoenix").await.remove(0);
    let lead = app.browser("de");
    let page = crate::support::page(&lead, format!("{base}/login")).await;
    let token = crate::support::csrf_token(&page);
    let res = lead
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("uid", &manager),
            ("password", &password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let board = crate::support::page(&lead, format!("{base}/c/projekt-phoenix/tasks")).await;
    assert_eq!(texts(&board, "#board .task h3").len(), 4);
    assert_eq!(texts(&board, "#tasks-blocked h3"), ["Datenübernahme klären"]);
    let rollup = crate::support::page(&lead, format!("{base}/status")).await;
    let row = texts(&rollup, "#project-projekt-phoenix td");
    assert!(row[0].starts_with("Gelb"), "{row:?}");
    let polls = crate::support::page(&lead, format!("{base}/c/projekt-phoenix/polls")).await;
    assert_eq!(texts(&polls, ".poll h3"), ["Wann passt der Workshop?"]);
    let meetings = crate::support::page(&lead, format!("{base}/c/projekt-phoenix/meetings")).await;
    assert_eq!(texts(&meetings, "#upcoming a"), ["Wöchentliche Abstimmung"]);
    drop(demo);

    let again = serve(&env, &["--demo"]);
    assert!(
        again.stdout.join("\n").contains("was not seeded again"),
        "{:?}",
        again.stdout
    );
}

#[test]
fn logs_can_be_json() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("log.db").display());
    let out = allmende(
        &[
            ("ALLMENDE__DATABASE__URL", url.as_str()),
            ("ALLMENDE__LOG__FORMAT", "json"),
        ],
        &["migrate"],
        None,
    );
    assert!(out.status.success());
    let line = text(&out.stderr)
        .lines()
        .find(|l| l.contains("database ready"))
        .map(str::to_string)
        .expect("a log line");
    let entry: serde_json::Value = serde_json::from_str(&line).expect("JSON log line");
    assert_eq!(entry["level"], "INFO");
    assert_eq!(entry["backend"], "sqlite");
}

on_both_backends!(a_generated_company_is_searchable_and_keeps_secrets);

async fn a_generated_company_is_searchable_and_keeps_secrets(app: TestApp) {
    use allmende::db::schema::{communities, memberships, people};
    use diesel::prelude::*;
    let url = app.settings.database.url.clone();
    let env = [("ALLMENDE__DATABASE__URL", url.as_str())];
    let args = ["demo", "--employees", "400", "--communities", "40", "--posts", "3000"];
    let out = allmende(&env, &args, None);
    let printed = text(&out.stdout);
    assert!(out.status.success(), "{printed}{}", text(&out.stderr));
    assert!(
        printed.contains("400 people in 8 departments, 41 communities"),
        "{printed}"
    );
    assert!(printed.contains("3000 posts, 1500 comments"), "{printed}");
    assert!(
        printed.contains(" status reports, a company-wide AMA with "),
        "{printed}"
    );
    let (questions, counted, cast): (i64, i64, i64) = app
        .query(|c| {
            use allmende::db::schema::{ama_questions, votes};
            let questions = ama_questions::table.count().get_result(c)?;
            let counted: i64 = ama_questions::table
                .select(ama_questions::votes)
                .load::<i64>(c)?
                .iter()
                .sum();
            let cast = votes::table.count().get_result(c)?;
            Ok((questions, counted, cast))
        })
        .await;
    assert_eq!(questions, 2000);
    assert!(
        cast > 10_000 && counted == cast,
        "each question counts its votes: {counted} of {cast}"
    );
    let password = printed
        .lines()
        .find_map(|l| l.split("password: ").nth(1))
        .unwrap()
        .to_string();

    // Someone outside a secret project: nothing of it reaches them by feed or search.
    let (secret, outsider): (String, String) = app
        .query(|c| {
            let (id, slug): (i64, String) = communities::table
                .filter(communities::visibility.eq("secret"))
                .select((communities::id, communities::slug))
                .first(c)?;
            let inside = memberships::table
                .filter(memberships::community_id.eq(id))
                .select(memberships::person_id);
            let uid = people::table
                .filter(people::id.ne_all(inside))
                .filter(people::is_admin.eq(false))
                .select(people::uid)
                .first(c)?;
            Ok((slug, uid))
        })
        .await;
    let client = app.browser("de");
    let res = app.login(&client, &outsider, &password).await;
    assert_eq!(res.status(), 303, "generated people sign in with the printed password");
    let home = crate::support::page(&client, app.url("/")).await;
    assert_eq!(texts(&home, "#feed .post").len(), 20, "a full first page of the feed");
    assert!(!home.contains(&format!("/c/{secret}")));
    // "Kunde" is not in any text; "Kunden" and "customers" are.
    let found = crate::support::page(&client, app.url("/search?q=Kunde")).await;
    assert!(!texts(&found, "#hits li").is_empty(), "found by word form");
    assert!(!found.contains(&format!("/c/{secret}")));
    let res = client.get(app.url(&format!("/c/{secret}"))).send().await.unwrap();
    assert_eq!(res.status(), 404);
    // The projects' weekly reports: the roll-up has them, red and stale first, no secret one.
    let rollup = crate::support::page(&client, app.url("/status")).await;
    let overall = texts(&rollup, "#rollup tbody td:nth-child(2)");
    let reported = texts(&rollup, "#rollup tbody td:nth-child(3)");
    assert!(!overall.is_empty() && !rollup.contains(&format!("/c/{secret}/")));
    let attention: Vec<bool> = overall
        .iter()
        .zip(&reported)
        .map(|(o, r)| o.starts_with("Rot") || r.contains("veraltet"))
        .collect();
    let first_calm = attention.iter().position(|a| !a).unwrap_or(attention.len());
    assert!(attention[first_calm..].iter().all(|a| !a), "{overall:?} {reported:?}");

    let again = allmende(&env, &args, None);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already holds people"),
        "{}",
        text(&again.stderr)
    );
}
