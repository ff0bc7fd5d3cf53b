//! The main flow in a real browser: headless Chromium driven through chromedriver.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::on_both_backends;
use crate::support::{PASSWORD, TestApp};

/// chromedriver in its own process group; dropping it kills the group (Chromium included).
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start_driver() -> Driver {
    use std::os::unix::process::CommandExt;
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    for _ in 0..5 {
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{binary} not found ({e}); the README's test command installs chromium and chromium-driver")
            });
        let driver = Driver {
            child,
            port,
            _profile: tempfile::tempdir().unwrap(),
        };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(res) = reqwest::get(format!("http://127.0.0.1:{port}/status")).await
                && res.status().is_success()
            {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The port may have been taken between choosing and binding: try another.
    }
    panic!("chromedriver did not start");
}

async fn browser(driver: &Driver, lang: &str) -> Client {
    browser_as(driver, lang, None).await
}

/// The screens a journey is tried on: a laptop's 1366 px and a phone's 390 px.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Laptop,
    Phone,
}

impl Screen {
    async fn open(self, driver: &Driver, lang: &str) -> Client {
        match self {
            Screen::Laptop => browser(driver, lang).await,
            Screen::Phone => phone(driver, lang).await,
        }
    }
}

/// A journey, on each backend and each screen (four tests: they run side by side).
macro_rules! at_both_widths {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::Screen;
            use $crate::support::{spawn_app, Backend};
            #[actix_web::test]
            async fn sqlite_laptop() { super::$name(spawn_app(Backend::Sqlite).await, Screen::Laptop).await }
            #[actix_web::test]
            async fn sqlite_phone() { super::$name(spawn_app(Backend::Sqlite).await, Screen::Phone).await }
            #[actix_web::test]
            async fn postgres_laptop() { super::$name(spawn_app(Backend::Postgres).await, Screen::Laptop).await }
            #[actix_web::test]
            async fn postgres_phone() { super::$name(spawn_app(Backend::Postgres).await, Screen::Phone).await }
        }
    )*};
    (with_smtp: $($name:ident),* $(,)?) => {$(
        mod $name {
            use super::Screen;
            use $crate::support::{spawn_app_with_smtp, Backend};
            #[actix_web::test]
            async fn sqlite_laptop() {
                let (app, sink) = spawn_app_with_smtp(Backend::Sqlite).await;
                super::$name(app, sink, Screen::Laptop).await
            }
            #[actix_web::test]
            async fn sqlite_phone() {
                let (app, sink) = spawn_app_with_smtp(Backend::Sqlite).await;
                super::$name(app, sink, Screen::Phone).await
            }
            #[actix_web::test]
            async fn postgres_laptop() {
                let (app, sink) = spawn_app_with_smtp(Backend::Postgres).await;
                super::$name(app, sink, Screen::Laptop).await
            }
            #[actix_web::test]
            async fn postgres_phone() {
                let (app, sink) = spawn_app_with_smtp(Backend::Postgres).await;
                super::$name(app, sink, Screen::Phone).await
            }
        }
    )*};
}

/// Follows a main navigation entry: in the header on a laptop, in the folded menu on a phone.
async fn navigate(c: &Client, screen: Screen, href: &str) {
    match screen {
        Screen::Laptop => click(c, Locator::Css(&format!("nav.primary a[href='{href}']"))).await,
        Screen::Phone => {
            click(c, Locator::Css("details.nav-menu > summary")).await;
            click(c, Locator::Css(&format!("details.nav-menu a[href='{href}']"))).await;
        }
    }
}

/// A phone: Chromium's emulation of a 390 px wide screen (the window itself cannot be made
/// that narrow), touch and all.
async fn phone(driver: &Driver, lang: &str) -> Client {
    browser_as(
        driver,
        lang,
        Some(json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": true}})),
    )
    .await
}

async fn browser_as(driver: &Driver, lang: &str, emulation: Option<serde_json::Value>) -> Client {
    let mut caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,900", format!("--lang={lang}"),
                format!("--user-data-dir={}", driver._profile.path().display()),
            ],
            "prefs": { "intl.accept_languages": lang }
        }
    });
    if let Some(emulation) = emulation {
        caps["goog:chromeOptions"]["mobileEmulation"] = emulation;
    }
    let caps = caps.as_object().unwrap().clone().into_iter().collect();
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

const PATIENCE: Duration = Duration::from_secs(10);

/// Waits for an element: after a click the next page may still be loading.
async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn click(c: &Client, locator: Locator<'_>) {
    c.wait()
        .at_most(PATIENCE)
        .for_element(locator)
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the element's text satisfies `ok` (the page it is on may be on its way).
async fn expect_text(c: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let text = match c.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if ok(&text) {
            return text;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{css} still reads {text:?} on {}",
            c.current_url().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until a people field's suggestion list (its datalist, filled while typing) offers
/// exactly these entries, in order.
async fn expect_suggestions(c: &Client, list: &str, expected: &str) {
    let started = Instant::now();
    loop {
        let offered = c
            .execute(
                "return [...document.getElementById(arguments[0]).options].map(o => o.value).join(' ');",
                vec![json!(list)],
            )
            .await
            .unwrap();
        if offered == expected {
            return;
        }
        assert!(started.elapsed() < PATIENCE, "suggestions in #{list}: {offered}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The page fits the screen (nothing scrolls sideways) and axe-core finds no WCAG 2.x A/AA
/// violation on it.
async fn check_page(c: &Client) {
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    let url = c.current_url().await.unwrap();
    assert!(scroll <= inner, "{url} is {scroll} px wide on a {inner} px screen");
    let axe = std::fs::read_to_string("node_modules/axe-core/axe.min.js")
        .expect("node_modules/axe-core/axe.min.js is missing: run scripts/test.sh (it runs `npm ci`)");
    c.execute(&axe, vec![]).await.unwrap();
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    let violations: Vec<String> = serde_json::from_value(result).unwrap();
    assert!(
        violations.is_empty(),
        "accessibility violations on {url}:\n{}",
        violations.join("\n")
    );
}

at_both_widths!(an_employee_joins_a_community_from_the_list_and_posts_mentioning_a_colleague);

/// An employee signs in, finds and joins a community from the list in one click, writes a post
/// with its preview and a colleague mentioned by name, reacts and comments, and reads it all in
/// her feed with names and pictures; then switches language and signs out.
async fn an_employee_joins_a_community_from_the_list_and_posts_mentioning_a_colleague(app: TestApp, screen: Screen) {
    let owner = app.person("owner", "Olga Owner").await;
    let olga = app.api(&app.token(&owner).await);
    olga.post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    olga.post(
        "/api/v1/communities/laufgruppe/posts",
        json!({"title": "Lauftreff am Donnerstag", "body": "Wir starten um **18 Uhr** am Haupteingang."}),
    )
    .await;
    app.person("mmuster", "Maria Muster").await;

    let driver = start_driver().await;
    let c = screen.open(&driver, "de").await;
    let result = async {
        c.goto(&app.url("/")).await.unwrap();
        expect_text(&c, "h1", |t| t == "Anmelden").await;
        check_page(&c).await;
        find(&c, "#uid").await.send_keys("mmuster").await.unwrap();
        find(&c, "#password").await.send_keys(PASSWORD).await.unwrap();
        click(&c, Locator::Css("main button[type=submit]")).await;
        expect_text(&c, "h1", |t| t == "Willkommen, Maria Muster").await;
        check_page(&c).await;

        navigate(&c, screen, "/communities").await;
        expect_text(&c, "h1", |t| t == "Communities").await;
        find(&c, "#q").await.send_keys("lauf").await.unwrap();
        click(&c, Locator::Css("form[role=search] button")).await;
        expect_text(&c, "#community-list", |t| {
            t.contains("Laufgruppe") && !t.contains("Unternehmen")
        })
        .await;
        check_page(&c).await;
        // One click in the list joins; the community's page welcomes her.
        click(&c, Locator::Id("join-laufgruppe")).await;
        expect_text(&c, "h1", |t| t == "Laufgruppe").await;
        expect_text(&c, "#my-standing", |t| t == "Mitglied").await;
        check_page(&c).await;

        // She writes a post: the preview shows it as it will read, and a colleague is
        // mentioned by name (typing after @ offers her, Enter writes her user name).
        click(&c, Locator::Id("new-post")).await;
        expect_text(&c, "h1", |t| t == "Neuer Beitrag").await;
        find(&c, "#title").await.send_keys("Mitläufer gesucht").await.unwrap();
        find(&c, "#body")
            .await
            .send_keys("Wer läuft **mit**?\n\nFrag @Olg")
            .await
            .unwrap();
        expect_text(&c, ".mention-list [aria-selected=true]", |t| {
            t.starts_with("Olga Owner")
        })
        .await;
        check_page(&c).await;
        find(&c, "#body").await.send_keys("\u{E007}").await.unwrap();
        let body = find(&c, "#body").await.prop("value").await.unwrap().unwrap_or_default();
        assert!(body.ends_with("Frag @owner "), "{body:?}");
        expect_text(&c, "#body-preview strong", |t| t == "mit").await;
        expect_text(&c, "#body-preview a[href='/people/owner']", |t| t == "@Olga Owner").await;
        click(&c, Locator::Id("save-post")).await;
        expect_text(&c, "h1", |t| t == "Mitläufer gesucht").await;
        expect_text(&c, "#post .prose a[href='/people/owner']", |t| t == "@Olga Owner").await;
        check_page(&c).await;

        // She reacts to Olga's post and comments, mentioning her again.
        c.goto(&app.url("/c/laufgruppe")).await.unwrap();
        click(&c, Locator::LinkText("Lauftreff am Donnerstag")).await;
        expect_text(&c, "#post .byline .name", |t| t == "Olga Owner").await;
        click(&c, Locator::Css("#reactions button[value=like]")).await;
        expect_text(&c, "#reactions .reaction.mine", |t| t == "Gefällt mir 1").await;
        find(&c, "#comment-body")
            .await
            .send_keys("Bin dabei, @Olg")
            .await
            .unwrap();
        expect_text(&c, ".mention-list [aria-selected=true]", |t| {
            t.starts_with("Olga Owner")
        })
        .await;
        find(&c, "#comment-body").await.send_keys("\u{E007}").await.unwrap();
        click(&c, Locator::Id("send-comment")).await;
        expect_text(&c, "#comments-heading", |t| t == "Ein Kommentar").await;
        expect_text(&c, "#comments .prose a[href='/people/owner']", |t| t == "@Olga Owner").await;
        expect_text(&c, "#comments .byline .name", |t| t == "Maria Muster").await;
        check_page(&c).await;

        // Her feed: both posts, by name, each with its author's picture (initials until
        // there is one) and the community.
        navigate(&c, screen, "/").await;
        expect_text(&c, "#feed", |t| {
            t.contains("Lauftreff am Donnerstag")
                && t.contains("Mitläufer gesucht")
                && t.contains("Olga Owner")
                && t.contains("Laufgruppe")
                && !t.contains("@owner")
        })
        .await;
        find(&c, "#feed .avatar").await;
        // Her like shows under Olga's post, as a symbol and a count.
        find(&c, "#feed .tally-chip[title='Gefällt mir']").await;
        expect_text(&c, "#my-communities", |t| t.contains("Laufgruppe")).await;
        check_page(&c).await;

        open_account_menu(&c).await;
        click(&c, Locator::Css("form.language button")).await;
        expect_text(&c, "h1", |t| t == "Welcome, Maria Muster").await;
        expect_text(&c, "#my-communities", |t| t.contains("Laufgruppe")).await;
        check_page(&c).await;

        sign_out(&c).await;
        c.goto(&app.url("/")).await.unwrap();
        find(&c, "#password").await;
        assert!(
            c.current_url().await.unwrap().path().starts_with("/login"),
            "signed out: back at the sign-in form"
        );
    }
    .await;
    c.close().await.unwrap();
    result
}

on_both_backends!(a_member_writes_a_post_and_no_script_runs);

/// Markdown with the usual XSS vectors: none of them may run in a real browser.
const XSS: &str = "Hallo **alle**\n\n<script>window.xss = 1</script>\n\n<img src=x onerror=\"window.xss = 2\">\n\n\
<svg onload=\"window.xss = 3\"></svg>\n\n[klick](javascript:window.xss=4)\n\n<a href=\"jav&#x09;ascript:window.xss=5\">x</a>\n\n\
<iframe src=\"javascript:window.xss=6\"></iframe>\n\n<div style=\"background:url(javascript:window.xss=7)\">y</div>";

async fn a_member_writes_a_post_and_no_script_runs(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    app.api(&app.token(&owner).await)
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    app.person("mmuster", "Maria Muster").await;

    let driver = start_driver().await;
    let c = browser(&driver, "de").await;
    let result = async {
        c.goto(&app.url("/login")).await.unwrap();
        find(&c, "#uid").await.send_keys("mmuster").await.unwrap();
        find(&c, "#password").await.send_keys(PASSWORD).await.unwrap();
        click(&c, Locator::Css("main button[type=submit]")).await;
        expect_text(&c, "h1", |t| t.starts_with("Willkommen")).await;
        c.goto(&app.url("/c/laufgruppe")).await.unwrap();
        click(&c, Locator::Id("join")).await;
        click(&c, Locator::Id("new-post")).await;
        expect_text(&c, "h1", |t| t == "Neuer Beitrag").await;
        check_page(&c).await;
        find(&c, "#title").await.send_keys("Treffpunkt").await.unwrap();
        find(&c, "#body").await.send_keys(XSS).await.unwrap();
        click(&c, Locator::Id("save-post")).await;
        expect_text(&c, "h1", |t| t == "Treffpunkt").await;
        expect_text(&c, "#post .prose", |t| t.contains("Hallo alle")).await;
        find(&c, "#comment-body").await.send_keys(XSS).await.unwrap();
        click(&c, Locator::Id("send-comment")).await;
        expect_text(&c, "#comments-heading", |t| t == "Ein Kommentar").await;
        // Whatever the links do when followed, they are not script.
        for link in c.find_all(Locator::Css(".prose a")).await.unwrap() {
            let href = link.attr("href").await.unwrap().unwrap_or_default();
            assert!(!href.to_lowercase().contains("script"), "{href}");
        }
        let ran = c
            .execute("return window.xss === undefined ? null : window.xss;", vec![])
            .await
            .unwrap();
        assert_eq!(ran, serde_json::Value::Null, "a script ran");
        check_page(&c).await;
        // The other pages around the blog pass the same checks.
        for (path, heading) in [
            ("/search?q=Treffpunkt", "Suche"),
            ("/topics", "Themen"),
            ("/notifications", "Benachrichtigungen"),
            ("/settings", "Einstellungen"),
            ("/", "Willkommen, Maria Muster"),
        ] {
            c.goto(&app.url(path)).await.unwrap();
            expect_text(&c, "h1", |t| t == heading).await;
            check_page(&c).await;
        }
        expect_text(&c, "#feed", |t| t.contains("Treffpunkt")).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

on_both_backends!(a_manager_invites_approves_and_bans_on_the_members_page);

async fn a_manager_invites_approves_and_bans_on_the_members_page(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let bernd = app.person("bernd", "Bernd Weiß").await;
    app.person("mmuster", "Maria Muster").await;
    app.person("mrossi", "Mario Rossi").await;
    app.api(&app.token(&owner).await)
        .post(
            "/api/v1/communities",
            json!({"name": "Laufgruppe", "kind": "interest", "join_policy": "request"}),
        )
        .await;
    app.api(&app.token(&bernd).await)
        .post("/api/v1/communities/laufgruppe/join", json!({}))
        .await;

    let driver = start_driver().await;
    let c = browser(&driver, "de").await;
    let result = async {
        c.goto(&app.url("/login")).await.unwrap();
        find(&c, "#uid").await.send_keys("owner").await.unwrap();
        find(&c, "#password").await.send_keys(PASSWORD).await.unwrap();
        click(&c, Locator::Css("main button[type=submit]")).await;
        expect_text(&c, "h1", |t| t.starts_with("Willkommen")).await;
        c.goto(&app.url("/c/laufgruppe")).await.unwrap();
        click(&c, Locator::Css("#manage-menu summary")).await;
        click(&c, Locator::Id("manage-members")).await;
        expect_text(&c, "h1", |t| t == "Mitglieder von Laufgruppe").await;
        check_page(&c).await;

        // Typing offers the people who match (the script fills the field's suggestions).
        find(&c, "#person").await.send_keys("Mar").await.unwrap();
        expect_suggestions(&c, "invite-candidates", "Maria Muster (mmuster) Mario Rossi (mrossi)").await;
        // Two match: the page asks which one.
        click(&c, Locator::Id("invite")).await;
        expect_text(&c, "#members-error", |t| t.contains("Mehrere Personen passen zu „Mar“")).await;
        click(
            &c,
            Locator::Css("#candidates button[aria-label='Maria Muster einladen']"),
        )
        .await;
        expect_text(&c, "#members-done", |t| t == "Einladung verschickt.").await;
        expect_text(&c, "#invited", |t| t.contains("Maria Muster")).await;

        click(&c, Locator::Css("#requests button[value=approve]")).await;
        expect_text(&c, "#active-members", |t| t.contains("Bernd Weiß")).await;
        click(
            &c,
            Locator::Css("#active-members button[aria-label='Bernd Weiß sperren']"),
        )
        .await;
        expect_text(&c, "dialog.confirm h2", |t| t == "Bernd Weiß in Laufgruppe sperren?").await;
        check_page(&c).await;
        click(&c, Locator::Css("dialog.confirm #confirm-yes")).await;
        expect_text(&c, "#banned", |t| t.contains("Bernd Weiß")).await;
        expect_text(&c, "#active-members", |t| !t.contains("Bernd Weiß")).await;
        check_page(&c).await;

        // The only manager cannot step down: the page says why and nothing changes.
        let role = find(&c, "#role-owner").await;
        fantoccini::elements::Element::select_by_value(&role, "member")
            .await
            .unwrap();
        click(&c, Locator::Css("#active-members button[value=role]")).await;
        expect_text(&c, "#members-error", |t| !t.is_empty()).await;
        expect_text(&c, "#active-members li:first-child .name", |t| t == "Olga Owner").await;
        let kept = find(&c, "#role-owner").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("manager"), "still the manager");
    }
    .await;
    c.close().await.unwrap();
    result
}

at_both_widths!(a_project_lead_assigns_a_colleague_by_name_moves_the_task_and_reports_red);

/// A project lead assigns a task to a colleague found by name, moves it on the board (with
/// the card's own form, as on a phone; on a laptop also by dragging) and reports red.
async fn a_project_lead_assigns_a_colleague_by_name_moves_the_task_and_reports_red(app: TestApp, screen: Screen) {
    let owner = app.person("owner", "Olga Owner").await;
    let paula = app.person("pprojekt", "Paula Projekt").await;
    app.query(|c| {
        use allmende::db::schema::{departments, people};
        use diesel::prelude::*;
        let id: i64 = diesel::insert_into(departments::table)
            .values((
                departments::name.eq("Entwicklung"),
                departments::created_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .returning(departments::id)
            .get_result(c)?;
        diesel::update(people::table.filter(people::uid.eq("owner")))
            .set(people::department_id.eq(Some(id)))
            .execute(c)
    })
    .await;
    let owner = app.api(&app.token(&owner).await);
    owner
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Apfel", "kind": "project", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    // A second project of the department, green, so that red must come first.
    owner
        .post("/api/v1/communities", json!({"name": "Aaa Projekt", "kind": "project"}))
        .await;
    let (joined, _) = app
        .api(&app.token(&paula).await)
        .post("/api/v1/communities/projekt-apfel/join", json!({}))
        .await;
    assert_eq!(joined, 200, "Paula is in the team");
    owner
        .post(
            "/api/v1/communities/aaa-projekt/status-reports",
            json!({"overall": "green"}),
        )
        .await;

    let driver = start_driver().await;
    let c = screen.open(&driver, "de").await;
    let result = async {
        sign_in_as(&c, &app, "owner").await;
        c.goto(&app.url("/c/projekt-apfel")).await.unwrap();
        click(&c, Locator::Id("module-tasks")).await;
        expect_text(&c, "h1", |t| t == "Aufgabenboard").await;
        click(&c, Locator::Id("new-task")).await;
        find(&c, "#title").await.send_keys("Flyer drucken").await.unwrap();
        // Typing her first name offers her, with her department; the name is enough.
        find(&c, "#assignees").await.send_keys("Paula").await.unwrap();
        expect_suggestions(&c, "assignees-list", "Paula Projekt (pprojekt)").await;
        find(&c, "#checklist")
            .await
            .send_keys("Entwurf\nDruckerei")
            .await
            .unwrap();
        check_page(&c).await;
        click(&c, Locator::Id("save-task")).await;
        expect_text(&c, "h1", |t| t == "Flyer drucken").await;
        expect_text(&c, "#task-assignees", |t| t == "Paula Projekt").await;
        check_page(&c).await;

        // Without script: the card's own form moves it.
        c.goto(&app.url("/c/projekt-apfel/tasks")).await.unwrap();
        expect_text(&c, "#tasks-open", |t| t.contains("Flyer drucken")).await;
        check_page(&c).await;
        let select = find(&c, "#tasks-open select[name=status]").await;
        fantoccini::elements::Element::select_by_value(&select, "in-progress")
            .await
            .unwrap();
        click(&c, Locator::Css("#tasks-open form.move button")).await;
        expect_text(&c, "#tasks-in-progress", |t| t.contains("Flyer drucken")).await;

        check_page(&c).await;
        if screen == Screen::Laptop {
            // With a mouse: dragging the card onto "Erledigt" (HTML5 drag events, as a mouse sends them).
            c.execute(
                "const card = document.querySelector('#tasks-in-progress .task');
             const target = document.getElementById('tasks-done');
             const dt = new DataTransfer();
             card.dispatchEvent(new DragEvent('dragstart', {dataTransfer: dt, bubbles: true}));
             target.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
             target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                vec![],
            )
            .await
            .unwrap();
            expect_text(&c, "#tasks-done", |t| t.contains("Flyer drucken")).await;
            expect_text(&c, "#tasks-in-progress", |t| !t.contains("Flyer drucken")).await;
        }

        // A red status report: the department's roll-up lists the project first.
        c.goto(&app.url("/c/projekt-apfel/status")).await.unwrap();
        click(&c, Locator::Id("new-report")).await;
        click(&c, Locator::Id("overall-red")).await;
        let schedule = find(&c, "#area-schedule").await;
        fantoccini::elements::Element::select_by_value(&schedule, "red")
            .await
            .unwrap();
        find(&c, "#summary")
            .await
            .send_keys("Lieferant fällt aus")
            .await
            .unwrap();
        check_page(&c).await;
        click(&c, Locator::Id("save-report")).await;
        expect_text(&c, ".report h2", |t| t.starts_with("Rot")).await;
        c.goto(&app.url("/status")).await.unwrap();
        let department = find(&c, "#department").await;
        fantoccini::elements::Element::select_by_value(&department, "Entwicklung")
            .await
            .unwrap();
        click(&c, Locator::Css("main form.filters button")).await;
        expect_text(&c, "h1", |t| t == "Projektstatus: Entwicklung").await;
        expect_text(&c, "#rollup tbody tr:first-child th", |t| t == "Projekt Apfel").await;
        expect_text(&c, "#rollup tbody tr:nth-child(2) th", |t| t == "Aaa Projekt").await;
        check_page(&c).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

on_both_backends!(a_head_runs_an_onboarding_ama_with_an_anonymous_question);

/// The account menu in the header, where language, settings and sign-out are.
async fn open_account_menu(c: &Client) {
    click(c, Locator::Css("details.account > summary")).await;
}

async fn sign_out(c: &Client) {
    open_account_menu(c).await;
    click(c, Locator::Css("form.signout button")).await;
    find(c, "#password").await;
}

async fn sign_in_as(c: &Client, app: &TestApp, uid: &str) {
    sign_in_with(c, app, uid, PASSWORD).await;
    expect_text(c, "h1", |t| t.starts_with("Willkommen")).await;
}

async fn sign_in_with(c: &Client, app: &TestApp, uid: &str, password: &str) {
    // Signed in already (the browser profile keeps its cookies), the sign-in page goes home.
    c.goto(&app.url("/login")).await.unwrap();
    if c.find(Locator::Css("form.signout button")).await.is_ok() {
        sign_out(c).await;
    }
    find(c, "#uid").await.send_keys(uid).await.unwrap();
    find(c, "#password").await.send_keys(password).await.unwrap();
    click(c, Locator::Css("main button[type=submit]")).await;
    find(c, "details.account").await;
}

/// A wall-clock time in Europe/Berlin, `minutes` from the app's clock, as a form sends it.
fn berlin(app: &TestApp, minutes: i64) -> String {
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    (app.clock.now() + chrono::Duration::minutes(minutes))
        .and_utc()
        .with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

async fn a_head_runs_an_onboarding_ama_with_an_anonymous_question(app: TestApp) {
    let head = app.person("hanna", "Hanna Head").await;
    let anke = app.person("anke", "Anke Anonym").await;
    let vera = app.person("vera", "Vera Voter").await;
    let ids = [head.id, anke.id, vera.id];
    app.department("Vertrieb", &ids).await;

    let driver = start_driver().await;
    let c = browser(&driver, "de").await;
    let result = async {
        // The head schedules it: questions at once, answers in an hour.
        sign_in_as(&c, &app, "hanna").await;
        c.goto(&app.url("/c/vertrieb")).await.unwrap();
        click(&c, Locator::Id("module-amas")).await;
        click(&c, Locator::Id("new-ama")).await;
        find(&c, "#title")
            .await
            .send_keys("Onboarding-AMA für Neue")
            .await
            .unwrap();
        find(&c, "#description")
            .await
            .send_keys("Fragt, was ihr wissen wollt.")
            .await
            .unwrap();
        let set = format!(
            "document.getElementById('opens_at').value = '{}';
             document.getElementById('answering_from').value = '{}';
             document.getElementById('closes_at').value = '{}';",
            berlin(&app, -5),
            berlin(&app, 60),
            berlin(&app, 120)
        );
        c.execute(&set, vec![]).await.unwrap();
        let zone = find(&c, "#time_zone").await;
        fantoccini::elements::Element::select_by_value(&zone, "Europe/Berlin")
            .await
            .unwrap();
        check_page(&c).await;
        click(&c, Locator::Id("save-ama")).await;
        expect_text(&c, "h1", |t| t == "Onboarding-AMA für Neue").await;
        expect_text(&c, "#ama-state", |t| t == "geplant").await;
        let ama_url = c.current_url().await.unwrap().to_string();

        // An employee asks anonymously.
        sign_in_as(&c, &app, "anke").await;
        c.goto(&ama_url).await.unwrap();
        find(&c, "#question-body")
            .await
            .send_keys("Wie lange dauert die Probezeit wirklich?")
            .await
            .unwrap();
        click(&c, Locator::Id("ask-anonymously")).await;
        check_page(&c).await;
        click(&c, Locator::Id("ask")).await;
        expect_text(&c, "#questions", |t| {
            t.contains("Probezeit") && t.contains("Anonym") && t.contains("meine Frage")
        })
        .await;

        // Another votes it up; nothing names the asker.
        sign_in_as(&c, &app, "vera").await;
        c.goto(&ama_url).await.unwrap();
        expect_text(&c, "#questions", |t| t.contains("Probezeit") && !t.contains("Anke")).await;
        click(&c, Locator::Css("#questions form[action$='/vote'] button")).await;
        expect_text(&c, "#questions .votes", |t| t == "1 Stimme").await;
        check_page(&c).await;

        // Live: the head answers.
        app.clock.advance(chrono::Duration::minutes(61));
        sign_in_as(&c, &app, "hanna").await;
        c.goto(&ama_url).await.unwrap();
        expect_text(&c, "#ama-state", |t| t == "live").await;
        find(&c, "#questions textarea[name=body]")
            .await
            .send_keys("Sechs Monate, und nach drei gibt es ein Gespräch.")
            .await
            .unwrap();
        click(&c, Locator::Css("#questions button[id^=answer-submit]")).await;
        expect_text(&c, "#questions .answer", |t| t.contains("Sechs Monate")).await;
        check_page(&c).await;

        // Closed on time; the summary appears in the department.
        app.clock.advance(chrono::Duration::minutes(60));
        let now = app.clock.now();
        app.db
            .run(move |c| allmende::amas::schedule::run(c, now, allmende::domain::Locale::De))
            .await
            .unwrap();
        c.goto(&ama_url).await.unwrap();
        expect_text(&c, "#ama-state", |t| t == "beendet").await;
        click(&c, Locator::Id("ama-summary")).await;
        expect_text(&c, "h1", |t| t == "AMA-Zusammenfassung: Onboarding-AMA für Neue").await;
        expect_text(&c, "#post .prose", |t| {
            t.contains("Probezeit") && t.contains("Sechs Monate") && !t.contains("Anke")
        })
        .await;
        check_page(&c).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

at_both_widths!(with_smtp: a_head_sends_the_newsletter_and_a_member_unsubscribes_with_one_click);

async fn a_head_sends_the_newsletter_and_a_member_unsubscribes_with_one_click(
    app: TestApp,
    sink: crate::support::SmtpSink,
    screen: Screen,
) {
    let head = app.person("hanna", "Hanna Head").await;
    let anke = app.person("anke", "Anke Angestellt").await;
    let ids = [head.id, anke.id];
    let community = app.department("Vertrieb", &ids).await;

    let driver = start_driver().await;
    let c = screen.open(&driver, "de").await;
    let result = async {
        // The head drafts an issue with its preview beside, edits it, tests it and sends it
        // to the department.
        sign_in_as(&c, &app, "hanna").await;
        c.goto(&app.url("/c/vertrieb")).await.unwrap();
        click(&c, Locator::Id("module-newsletters")).await;
        click(&c, Locator::Id("new-newsletter")).await;
        find(&c, "#subject")
            .await
            .send_keys("Vertrieb im Oktober")
            .await
            .unwrap();
        find(&c, "#body")
            .await
            .send_keys("Drei **neue Kunden**.")
            .await
            .unwrap();
        expect_text(&c, "#body-preview strong", |t| t == "neue Kunden").await;
        check_page(&c).await;
        click(&c, Locator::Id("save-newsletter")).await;
        expect_text(&c, "#state", |t| t == "Entwurf").await;
        click(&c, Locator::Id("edit-newsletter")).await;
        let subject = find(&c, "#subject").await;
        subject.clear().await.unwrap();
        subject.send_keys("Vertrieb im November").await.unwrap();
        check_page(&c).await;
        click(&c, Locator::Id("save-newsletter")).await;
        expect_text(&c, "#done", |t| t.contains("gespeichert")).await;
        expect_text(&c, "h1", |t| t == "Vertrieb im November").await;
        check_page(&c).await;
        click(&c, Locator::Id("send-test")).await;
        expect_text(&c, "#done", |t| t == "Die Testmail ist an hanna@beispiel.de unterwegs.").await;
        assert!(
            sink.messages().iter().any(|m| m.contains("X-RcptTo: hanna@")),
            "the test reached her"
        );
        click(&c, Locator::Id("send-now")).await;
        expect_text(&c, "dialog.confirm h2", |t| {
            t == "An 2 Mitglieder der Abteilung Vertrieb senden?"
        })
        .await;
        click(&c, Locator::Css("dialog.confirm #confirm-yes")).await;
        expect_text(&c, "#done", |t| t.contains("wird jetzt")).await;

        // The member's settings show the newsletter; the unsubscribe link works without signing in.
        sign_in_as(&c, &app, "anke").await;
        c.goto(&app.url("/settings")).await.unwrap();
        find(&c, "#newsletter-vertrieb").await;
        check_page(&c).await;
        sign_out(&c).await;
        let link = app
            .outbox
            .unsubscribe_url(anke.id, allmende::mail::unsubscribe::List::Newsletter(community));
        let path = link
            .strip_prefix(app.settings.server.public_url.as_str().trim_end_matches('/'))
            .unwrap()
            .to_string();
        c.goto(&app.url(&path)).await.unwrap();
        check_page(&c).await;
        click(&c, Locator::Id("unsubscribe")).await;
        expect_text(&c, "#unsubscribed", |t| t.contains("Vertrieb")).await;
        check_page(&c).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

on_both_backends!(a_manager_compares_quarters_and_downloads_the_csv_and_an_admin_handles_a_departure);

/// A department head opens the KPIs from the community page, switches to last quarter and
/// downloads the CSV in the browser; an admin deactivates a leaver and removes their data on
/// request, checks the audit log; an employee opens their data. Every page is axe-clean.
async fn a_manager_compares_quarters_and_downloads_the_csv_and_an_admin_handles_a_departure(app: TestApp) {
    let mut ids = Vec::new();
    for (uid, name) in [
        ("hanna", "Hanna Head"),
        ("anke", "Anke Angestellt"),
        ("vera", "Vera Vertrieb"),
        ("otto", "Otto Ordentlich"),
        ("karl", "Karl Kunde"),
        ("lena", "Lena Lager"),
    ] {
        ids.push(app.person(uid, name).await.id);
    }
    let community = app.department("Vertrieb", &ids).await;
    let last_quarter_post = {
        let today = allmende::db::now().date();
        let quarter_start = chrono::NaiveDate::from_ymd_opt(
            chrono::Datelike::year(&today),
            (chrono::Datelike::month0(&today) / 3) * 3 + 1,
            1,
        )
        .unwrap();
        (quarter_start - chrono::Duration::days(20))
            .and_hms_opt(10, 0, 0)
            .unwrap()
    };
    let rows: Vec<_> = ids
        .iter()
        .map(|&author| allmende::db::models::NewPost {
            community_id: community,
            author_id: Some(author),
            title: "Quartalsbericht".into(),
            body: "Text".into(),
            body_html: "<p>Text</p>".into(),
            pinned: false,
            announcement: false,
            created_at: last_quarter_post,
            updated_at: last_quarter_post,
            last_activity_at: last_quarter_post,
            kind: allmende::domain::PostKind::Post,
        })
        .collect();
    app.query(move |c| {
        use diesel::prelude::*;
        allmende::db::bulk::insert_posts(c, &rows)?;
        // The department has been together for half a year.
        use allmende::db::schema::membership_events;
        diesel::update(membership_events::table.filter(membership_events::community_id.eq(community)))
            .set(membership_events::at.eq(allmende::db::now() - chrono::Duration::days(200)))
            .execute(c)
    })
    .await;
    app.admin("root", "Rita Root").await;

    let driver = start_driver().await;
    let c = browser(&driver, "de").await;
    let result = async {
        sign_in_as(&c, &app, "hanna").await;
        c.goto(&app.url("/c/vertrieb")).await.unwrap();
        click(&c, Locator::Css("#manage-menu summary")).await;
        click(&c, Locator::Id("manage-kpis")).await;
        expect_text(&c, "h1", |t| t.contains("Vertrieb")).await;
        expect_text(&c, "#figure-members .current", |t| t == "6").await;
        check_page(&c).await;
        click(&c, Locator::Id("preset-last-quarter")).await;
        expect_text(&c, "#preset-last-quarter[aria-current]", |t| !t.is_empty()).await;
        // Six posts by six people last quarter: shown per week, the chart drawn.
        let posts = expect_text(&c, "#figure-posts_per_week .current", |t| {
            t != "zurückgehalten" && !t.is_empty()
        })
        .await;
        assert_ne!(posts, "0,0");
        find(&c, "#chart-posts svg rect").await;
        check_page(&c).await;
        // The CSV link downloads what the table shows, in this browser session.
        let href = find(&c, "#csv-figures").await.attr("href").await.unwrap().unwrap();
        let csv = c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0]).then(r => r.text()).then(done).catch(e => done('failed: ' + e));",
                vec![json!(href)],
            )
            .await
            .unwrap();
        let csv = csv.as_str().unwrap_or_default().to_string();
        assert!(
            csv.starts_with("figure;unit;"),
            "German Excel splits at semicolons: {csv}"
        );
        assert!(csv.contains("\r\nmembers;people;6;"), "{csv}");

        // An admin handles Lena's departure.
        sign_in_as(&c, &app, "root").await;
        c.goto(&app.url("/admin/people?q=lena")).await.unwrap();
        check_page(&c).await;
        click(&c, Locator::LinkText("Lena Lager")).await;
        // Far-reaching steps ask in a dialog that names the person and says what happens.
        click(&c, Locator::Id("deactivate")).await;
        expect_text(&c, "dialog.confirm", |t| {
            t.contains("Konto von Lena Lager deaktivieren?")
        })
        .await;
        check_page(&c).await;
        click(&c, Locator::Css("dialog.confirm #confirm-yes")).await;
        find(&c, "#reactivate").await;
        click(&c, Locator::Id("erase")).await;
        expect_text(&c, "dialog.confirm", |t| {
            t.contains("Das lässt sich nicht rückgängig machen.")
        })
        .await;
        click(&c, Locator::Css("dialog.confirm #confirm-yes")).await;
        expect_text(&c, "#person-uid", |t| t.starts_with("former-")).await;
        check_page(&c).await;
        c.goto(&app.url("/admin/audit?action=person.")).await.unwrap();
        expect_text(&c, "#audit tbody", |t| t.contains("Rita Root hat die Daten von")).await;
        check_page(&c).await;
        c.goto(&app.url("/kpis")).await.unwrap();
        find(&c, "#kpi-figures").await;
        check_page(&c).await;
        for (path, table) in [
            ("/admin/jobs", "#jobs"),
            ("/admin/communities", "#communities"),
            ("/admin/mail", "#mail-counts"),
            ("/admin/settings", "#settings"),
        ] {
            c.goto(&app.url(path)).await.unwrap();
            find(&c, table).await;
            check_page(&c).await;
        }

        // An employee reads what Allmende keeps and downloads their data.
        sign_in_as(&c, &app, "anke").await;
        c.goto(&app.url("/settings")).await.unwrap();
        click(&c, Locator::Id("export-page")).await;
        expect_text(&c, "h1", |t| t == "Meine Daten").await;
        check_page(&c).await;
        c.goto(&app.url("/privacy")).await.unwrap();
        find(&c, "#privacy-table").await;
        check_page(&c).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

at_both_widths!(an_admin_lands_on_an_overview_that_says_what_needs_attention);

/// An admin opens the administration from the account menu: the overview says what needs
/// attention (a report waiting, mail switched off) and leads to it.
async fn an_admin_lands_on_an_overview_that_says_what_needs_attention(app: TestApp, screen: Screen) {
    let owner = app.person("owner", "Olga Owner").await;
    let reader = app.person("rleser", "Rolf Leser").await;
    let olga = app.api(&app.token(&owner).await);
    olga.post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    let (_, post) = olga
        .post(
            "/api/v1/communities/laufgruppe/posts",
            json!({"title": "Billige Uhren", "body": "Nur heute!"}),
        )
        .await;
    let rolf = app.api(&app.token(&reader).await);
    rolf.post("/api/v1/communities/laufgruppe/join", json!({})).await;
    let (reported, _) = rolf
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": post["id"]}, "reason": "spam"}),
        )
        .await;
    assert_eq!(reported, 201);
    app.admin("root", "Rita Root").await;

    let driver = start_driver().await;
    let c = screen.open(&driver, "de").await;
    let result = async {
        sign_in_as(&c, &app, "root").await;
        open_account_menu(&c).await;
        click(&c, Locator::Css("details.account a[href='/admin']")).await;
        expect_text(&c, "h1", |t| t == "Verwaltung").await;
        expect_text(&c, "#attention-reports", |t| {
            t == "1 Meldung wartet auf eine Entscheidung"
        })
        .await;
        expect_text(&c, "#attention-mail-off", |t| t.contains("keine Mail")).await;
        check_page(&c).await;
        click(&c, Locator::Css("#attention-reports a")).await;
        expect_text(&c, "main", |t| t.contains("Billige Uhren") && t.contains("Olga Owner")).await;
        check_page(&c).await;
    }
    .await;
    c.close().await.unwrap();
    result
}

on_both_backends!(every_main_page_fits_a_phone_and_passes_axe_in_both_languages);

/// At 390 px, in German and English, every main page of the demo company fits the screen
/// (nothing scrolls sideways: wide tables and the task board scroll in their own box) and is
/// axe-clean; the navigation, folded into a menu, opens without a script.
async fn every_main_page_fits_a_phone_and_passes_axe_in_both_languages(app: TestApp) {
    let password = app.demo_company().await;
    let (post, ama, head_id) = app
        .query(|c| {
            use allmende::db::schema::{amas, communities, people, posts};
            use diesel::prelude::*;
            let post: i64 = posts::table
                .inner_join(communities::table)
                .filter(communities::slug.eq("entwicklung"))
                .select(posts::id)
                .first(c)?;
            let ama: i64 = amas::table.select(amas::id).first(c)?;
            let head: i64 = people::table
                .filter(people::uid.eq("mweber"))
                .select(people::id)
                .first(c)?;
            Ok((post, ama, head))
        })
        .await;
    let pages: [(&str, Vec<String>); 3] = [
        (
            "mweber",
            vec![
                "/".into(),
                "/communities".into(),
                "/c/entwicklung".into(),
                format!("/posts/{post}"),
                "/c/entwicklung/qa".into(),
                format!("/amas/{ama}"),
                "/c/entwicklung/members".into(),
                "/c/entwicklung/kpis".into(),
                "/c/entwicklung/newsletters".into(),
                "/c/entwicklung/newsletters/new".into(),
                "/people".into(),
                "/people/jneumann".into(),
                "/search?q=Intranet".into(),
                "/notifications".into(),
                "/settings".into(),
                "/topics".into(),
                "/tasks".into(),
            ],
        ),
        (
            "cbrandt",
            vec![
                "/c/projekt-phoenix".into(),
                "/c/projekt-phoenix/tasks".into(),
                "/c/projekt-phoenix/tasks/list".into(),
                "/c/projekt-phoenix/status".into(),
                "/c/projekt-phoenix/meetings".into(),
                "/c/projekt-phoenix/polls".into(),
                "/status".into(),
            ],
        ),
        (
            "admin",
            vec![
                "/admin".into(),
                "/admin/people".into(),
                format!("/admin/people/{head_id}"),
                "/admin/directory".into(),
                "/admin/communities".into(),
                "/admin/reports".into(),
                "/admin/mail".into(),
                "/admin/jobs".into(),
                "/admin/settings".into(),
                "/admin/audit".into(),
                "/kpis".into(),
            ],
        ),
    ];
    let driver = start_driver().await;
    for lang in ["de", "en"] {
        let c = phone(&driver, lang).await;
        let result = async {
            for (uid, paths) in &pages {
                sign_in_with(&c, &app, uid, &password).await;
                for path in paths {
                    c.goto(&app.url(path)).await.unwrap();
                    find(&c, "main h1").await;
                    check_page(&c).await;
                }
            }
            // The folded navigation: a menu button that opens the entries (no script needed).
            let entry = "details.nav-menu a[href='/people']";
            assert!(!find(&c, entry).await.is_displayed().await.unwrap());
            click(&c, Locator::Css("details.nav-menu > summary")).await;
            click(&c, Locator::Css(entry)).await;
            expect_text(&c, "main h1", |t| !t.is_empty()).await;
            assert!(c.current_url().await.unwrap().path().starts_with("/people"));
        }
        .await;
        c.close().await.unwrap();
        result
    }
}
