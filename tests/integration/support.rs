//! Test support: a running Allmende on port 0 with a fresh database of either backend,
//! HTTP clients, and people to act as.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use allmende::clock::Clock;
use allmende::config::Settings;
use allmende::db::models::Person;
use allmende::db::{DatabaseUrl, Db, DbConnection};
use allmende::domain::{DisplayName, Email, PersonTitle, Uid};
use allmende::people::service::NewAccount;
use allmende::startup::Application;
use diesel::prelude::*;
use figment::Figment;
use figment::providers::{Format, Toml};

pub const PASSWORD: &str = "correct horse battery staple";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs the scenario function once per backend: `on_both_backends!(scenario_a, scenario_b);`
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[actix_web::test]
            async fn sqlite() {
                super::$name($crate::support::spawn_app($crate::support::Backend::Sqlite).await).await
            }
            #[actix_web::test]
            async fn postgres() {
                super::$name($crate::support::spawn_app($crate::support::Backend::Postgres).await).await
            }
        }
    )*};
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The clock AMA windows go by: tests set it instead of waiting.
    pub clock: Clock,
    /// What the app sends mail with (tests run digests and newsletters through it).
    pub outbox: allmende::mail::Outbox,
    pub settings: Settings,
    pub backend: Backend,
    pub dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
}

/// The settings a test app runs with: the shipped defaults plus the given overrides.
pub fn test_settings(dir: &std::path::Path, database_url: &str) -> Settings {
    Settings::from_figment(
        Figment::new()
            .merge(Toml::file_exact("config/default.toml"))
            .merge(("server.bind", "127.0.0.1:0"))
            .merge(("server.workers", 2))
            .merge(("database.url", database_url))
            .merge(("database.pool_size", 4))
            .merge((
                "session.key_file",
                dir.join("session.key").to_string_lossy().to_string(),
            ))
            .merge(("log.level", "warn"))
            // Tests move the AMA clock and run the schedule themselves, when they choose; digests
            // they send themselves, to their own SMTP server.
            .merge(("amas.schedule", "0 0 3 1 1 *"))
            .merge(("mail.digest_schedule", "0 0 3 1 1 *"))
            .merge(("mail.transport", "none"))
            .merge(("mail.rate_per_second", 0.0))
            .merge(("mail.retry_backoff_ms", 100)),
    )
    .expect("test settings")
}

/// A test app that sends mail to its own SMTP server.
pub async fn spawn_app_with_smtp(backend: Backend) -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start();
    let port = sink.port;
    let app = spawn_app_with(backend, |s| {
        s.mail.transport = allmende::config::MailTransport::Smtp;
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
    })
    .await;
    (app, sink)
}

/// Like `on_both_backends!`, for tests that take an app sending to its own SMTP server.
#[macro_export]
macro_rules! on_both_backends_with_smtp {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[actix_web::test]
            async fn sqlite() {
                let (app, sink) = $crate::support::spawn_app_with_smtp($crate::support::Backend::Sqlite).await;
                super::$name(app, sink).await
            }
            #[actix_web::test]
            async fn postgres() {
                let (app, sink) = $crate::support::spawn_app_with_smtp($crate::support::Backend::Postgres).await;
                super::$name(app, sink).await
            }
        }
    )*};
}

/// A fresh database URL for the backend (and the guard that drops a PostgreSQL one).
pub fn fresh_database(backend: Backend, dir: &std::path::Path) -> (String, Option<PgDatabase>) {
    match backend {
        Backend::Sqlite => (format!("sqlite://{}", dir.join("allmende.db").display()), None),
        Backend::Postgres => {
            let db = PgDatabase::create();
            (db.url.clone(), Some(db))
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg) = fresh_database(backend, dir.path());
    let mut settings = test_settings(dir.path(), &url);
    adjust(&mut settings);
    let app = Application::build(settings.clone()).await.expect("app starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    let clock = app.clock().clone();
    let outbox = app.outbox().clone();
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        clock,
        outbox,
        settings,
        backend,
        dir,
        _pg: pg,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn person(&self, uid: &str, name: &str) -> Person {
        self.person_with(uid, name, false).await
    }

    pub async fn admin(&self, uid: &str, name: &str) -> Person {
        self.person_with(uid, name, true).await
    }

    async fn person_with(&self, uid: &str, name: &str, is_admin: bool) -> Person {
        let account = NewAccount {
            uid: Uid::parse(uid).unwrap(),
            display_name: DisplayName::parse("name", name).unwrap(),
            email: Some(Email::parse(&format!("{uid}@beispiel.de")).unwrap()),
            title: PersonTitle::parse("title", "").unwrap(),
            department_id: None,
            manager_id: None,
            is_admin,
            password_hash: Some(password_hash().to_string()),
        };
        self.db
            .run(move |c| allmende::communities::managed::create_account(c, account, None))
            .await
            .expect("person created")
    }

    /// A department with its community, as the directory sync makes them: `head` (the first
    /// of `members`) manages it. Returns the community's id.
    pub async fn department(&self, name: &str, members: &[i64]) -> i64 {
        let (name, members) = (name.to_string(), members.to_vec());
        self.db
            .run(move |c| {
                use allmende::db::schema::departments;
                let department: i64 = diesel::insert_into(departments::table)
                    .values((
                        departments::name.eq(&name),
                        departments::head_id.eq(Some(members[0])),
                        departments::created_at.eq(allmende::db::now()),
                    ))
                    .returning(departments::id)
                    .get_result(c)?;
                let community = allmende::communities::managed::create_department_community(c, department, &name)?;
                allmende::communities::managed::sync_directory_members(
                    c,
                    community.id,
                    &members,
                    Some(members[0]),
                    None,
                )?;
                Ok(community.id)
            })
            .await
            .unwrap()
    }

    /// The demo company (`serve --demo`): about forty people in six departments, projects,
    /// interest groups, posts, an AMA. Returns the password all of them sign in with.
    pub async fn demo_company(&self) -> String {
        let settings = self.settings.clone();
        self.db
            .run(move |c| allmende::demo::seed_if_empty(c, &settings))
            .await
            .expect("the demo company")
            .expect("a database without people")
            .password
    }

    pub async fn token(&self, person: &Person) -> String {
        let p = person.clone();
        self.db
            .run(move |c| allmende::auth::tokens::create(c, &p, "test"))
            .await
            .expect("token")
    }

    /// A blocking database call, for assertions on what was stored.
    pub async fn query<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> QueryResult<T> + Send + 'static,
    ) -> T {
        self.db.run(move |c| Ok(f(c)?)).await.expect("query")
    }

    /// Everyone's account as if made a month ago: digests are due from the first slot after
    /// an account exists, and some tests need this week's slot to be theirs.
    pub async fn accounts_from_last_month(&self) {
        self.query(|c| {
            use allmende::db::schema::people;
            diesel::update(people::table)
                .set(people::created_at.eq(allmende::db::now() - chrono::Duration::days(30)))
                .execute(c)
        })
        .await;
    }

    /// A client with a cookie jar that does not follow redirects (so tests see them).
    /// The uids of a community's active managers.
    pub async fn managers_of(&self, slug: &str) -> Vec<String> {
        use allmende::db::schema::{communities, memberships, people};
        use diesel::prelude::*;
        let slug = slug.to_string();
        self.query(move |c| {
            memberships::table
                .inner_join(communities::table)
                .inner_join(people::table)
                .filter(communities::slug.eq(slug))
                .filter(memberships::role.eq("manager"))
                .filter(memberships::state.eq("active"))
                .select(people::uid)
                .order(people::uid)
                .load(c)
        })
        .await
    }

    pub fn browser(&self, lang: &str) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::ACCEPT_LANGUAGE, lang.parse().unwrap());
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap()
    }

    /// Signs in through the login form and returns the client holding the session.
    pub async fn signed_in(&self, uid: &str, lang: &str) -> reqwest::Client {
        let client = self.browser(lang);
        let res = self.login(&client, uid, PASSWORD).await;
        assert_eq!(res.status(), 303, "sign-in of {uid} should redirect");
        client
    }

    pub async fn login(&self, client: &reqwest::Client, uid: &str, password: &str) -> reqwest::Response {
        let page = client
            .get(self.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = csrf_token(&page);
        client
            .post(self.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("uid", uid),
                ("password", password),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap()
    }

    /// Posts a form the way the page does: with the CSRF token of the page it is on.
    pub async fn submit(
        &self,
        client: &reqwest::Client,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = csrf_token(&self::page(client, self.url(page)).await);
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        form.extend_from_slice(fields);
        client.post(self.url(action)).form(&form).send().await.unwrap()
    }

    pub fn api(&self, token: &str) -> Api {
        Api {
            base: self.address.clone(),
            token: token.to_string(),
            client: reqwest::Client::new(),
        }
    }
}

pub struct Api {
    base: String,
    token: String,
    pub client: reqwest::Client,
}

impl Api {
    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    /// The response as it is (for answers that are not JSON).
    pub async fn raw(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// The answer asked for as CSV (`Accept: text/csv`).
    pub async fn csv(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.base, path))
            .bearer_auth(&self.token)
            .header("Accept", "text/csv")
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        json_of(req.send().await.unwrap()).await
    }
}

pub async fn json_of(res: reqwest::Response) -> (u16, serde_json::Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let value = if text.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
    };
    (status, value)
}

/// The HTML of a page, fetched with the client's cookies.
pub async fn page(client: &reqwest::Client, url: impl reqwest::IntoUrl) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

pub fn csrf_token(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf_token]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("page has a CSRF token")
        .to_string()
}

/// Text of all elements matching a CSS selector.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// One argon2 hash shared by all test accounts (hashing is deliberately slow).
pub fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| allmende::auth::password::hash(PASSWORD).unwrap())
}

/// The PostgreSQL server tests use; `ALLMENDE_TEST_PG_URL` points elsewhere.
/// Without TLS unless the URL asks for it: Debian's cluster offers TLS on loopback, and a
/// pooled connection closed by a server thread still running while the test process exits
/// touched OpenSSL after its exit handler had freed it (the test binary died with SIGSEGV
/// after every test had passed).
pub fn pg_admin_url() -> String {
    let raw =
        std::env::var("ALLMENDE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut url = url::Url::parse(&raw).expect("ALLMENDE_TEST_PG_URL is a URL");
    if !url.query_pairs().any(|(key, _)| key == "sslmode") {
        url.query_pairs_mut().append_pair("sslmode", "disable");
    }
    url.to_string()
}

fn with_database(url: &str, name: &str) -> String {
    let mut u = url::Url::parse(url).expect("ALLMENDE_TEST_PG_URL is a URL");
    u.set_path(&format!("/{name}"));
    u.to_string()
}

/// A database copied from a migrated template, dropped again when the test ends.
pub struct PgDatabase {
    pub url: String,
    name: String,
}

impl PgDatabase {
    pub fn create() -> PgDatabase {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let template = template_database();
        let name = format!(
            "allmende_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            rand::random::<u32>()
        );
        let mut admin = admin_connection();
        diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .execute(&mut admin)
            .expect("create test database");
        PgDatabase {
            url: with_database(&pg_admin_url(), &name),
            name,
        }
    }
}

impl PgDatabase {
    /// An empty database (no schema), e.g. to restore a backup into.
    pub fn empty() -> PgDatabase {
        let name = format!("allmende_empty_{}_{}", std::process::id(), rand::random::<u32>());
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin_connection())
            .expect("create empty database");
        PgDatabase {
            url: with_database(&pg_admin_url(), &name),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&pg_admin_url()) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

fn admin_connection() -> PgConnection {
    PgConnection::establish(&pg_admin_url()).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL is needed for the tests ({e}). Run the README's test command (scripts/test.sh), \
             which installs and starts it, or set ALLMENDE_TEST_PG_URL."
        )
    })
}

/// The migrated template, built once per migration set (its name carries a hash of them).
fn template_database() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let name = format!("allmende_tpl_{}", migrations_fingerprint());
        let mut admin = admin_connection();
        // Serialises test processes building the same template.
        diesel::sql_query("SELECT pg_advisory_lock(727001)")
            .execute(&mut admin)
            .unwrap();
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let exists = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"
        ))
        .get_result::<Count>(&mut admin)
        .unwrap()
        .n > 0;
        if !exists {
            let building = format!("{name}_building");
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                .execute(&mut admin)
                .unwrap();
            diesel::sql_query(format!("CREATE DATABASE {building}"))
                .execute(&mut admin)
                .unwrap();
            {
                let url = DatabaseUrl::parse(&with_database(&pg_admin_url(), &building)).unwrap();
                let mut conn = url.connect().unwrap();
                allmende::db::run_pending_migrations(&mut conn).expect("migrations on PostgreSQL");
            }
            diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
                .execute(&mut admin)
                .unwrap();
        }
        diesel::sql_query("SELECT pg_advisory_unlock(727001)")
            .execute(&mut admin)
            .unwrap();
        name
    })
}

fn migrations_fingerprint() -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut files: Vec<_> = walk("migrations/postgres");
    files.sort();
    for f in files {
        f.hash(&mut hasher);
        std::fs::read(&f).unwrap().hash(&mut hasher);
    }
    format!("{:x}", hasher.finish())
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(path.to_str().unwrap()));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every log line this test process writes from the first call on (all apps, all threads):
/// Allmende's own at every level, everything else from info, and each request's span as it
/// closes (method, path, status). Tests search it for what must never be logged.
pub fn captured_logs() -> String {
    use std::sync::{Arc, Mutex};
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    let logs = LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_env_filter(tracing_subscriber::EnvFilter::new("info,allmende=trace"))
            .with_writer(move || Capture(sink.clone()))
            .try_init()
            .expect("no other test installs a log subscriber");
        buffer
    });
    String::from_utf8_lossy(&logs.lock().unwrap()).into_owned()
}

struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A real SMTP server (tests/smtp_sink.py, Python's aiosmtpd) on a free loopback port that
/// stores every message it accepts as a file; stopped when dropped. Recipients whose local
/// part starts with `reject` get 550, `tempfail` 451.
pub struct SmtpSink {
    pub port: u16,
    child: std::process::Child,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let dir = tempfile::tempdir().unwrap();
            if let Some(child) = Self::spawn(port, dir.path()) {
                return SmtpSink { port, child, dir };
            }
        }
        panic!("the SMTP sink did not start (/usr/bin/python3 needs aiosmtpd: scripts/test.sh installs it)");
    }

    /// Starts the server on `port` storing into `dir`; `None` when it could not bind.
    fn spawn(port: u16, dir: &std::path::Path) -> Option<std::process::Child> {
        let python = std::env::var("SMTP_SINK_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let pidfile = dir.join("sink.pid");
        let mut child = std::process::Command::new(&python)
            .arg("tests/smtp_sink.py")
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .arg("--maildir")
            .arg(dir.join("maildir"))
            .arg("--pidfile")
            .arg(&pidfile)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{python} tests/smtp_sink.py: {e}; scripts/test.sh installs python3-aiosmtpd"));
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(20) {
            // The sink writes its pid file once the port is bound.
            if pidfile.exists() {
                return Some(child);
            }
            if child.try_wait().unwrap().is_some() {
                return None; // the port was taken meanwhile, or aiosmtpd is missing
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    /// The server goes away (connections are refused) until `restart`.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(self.dir.path().join("sink.pid"));
    }

    /// The server is back on the same port, with the messages it stored before.
    pub fn restart(&mut self) {
        for _ in 0..50 {
            if let Some(child) = Self::spawn(self.port, self.dir.path()) {
                self.child = child;
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the SMTP sink did not come back on port {}", self.port);
    }

    /// Every stored message, in arrival order, as received (headers and body).
    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("maildir").join("new");
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(&new)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
