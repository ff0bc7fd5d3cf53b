//! What a security review of the running demo found, each kept mended: a bad name stopping
//! everyone's mail, an open redirect, sign-out that did not end the session, a page that
//! failed, bans where the directory decides, error pages without security headers, secret
//! names told by their refusal, tracking pixels in mail, open metrics, `HEAD`, caching and a
//! trusted `X-Forwarded-Host`.

use std::sync::Arc;

use allmende::db::schema::{people, sessions};
use diesel::prelude::*;
use reqwest::cookie::CookieStore;
use serde_json::json;

use crate::support::{Api, PASSWORD, SmtpSink, TestApp, csrf_token, page};
use crate::{on_both_backends, on_both_backends_with_smtp};

on_both_backends_with_smtp!(
    a_name_with_a_line_break_stops_nobody_s_mail,
    a_newsletter_mail_loads_no_pictures_from_elsewhere,
);

/// A name as an old import or the directory could have stored it, with a line break that would
/// make a header of its own.
const BROKEN_NAME: &str = "Zora Zeile\r\nBcc: evil@example.org";

async fn set_name(app: &TestApp, uid: &'static str, name: &'static str) {
    app.query(move |c| {
        diesel::update(people::table.filter(people::uid.eq(uid)))
            .set(people::display_name.eq(name))
            .execute(c)
    })
    .await;
}

async fn a_name_with_a_line_break_stops_nobody_s_mail(app: TestApp, sink: SmtpSink) {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let lauf = crate::digest::community(&olga, "Laufgruppe", "public").await;
    for uid in ["maria", "zora"] {
        let p = app.person(uid, "Noch Namenlos").await;
        app.api(&app.token(&p).await)
            .post(&format!("/api/v1/communities/{lauf}/join"), json!({}))
            .await;
    }
    set_name(&app, "zora", BROKEN_NAME).await;
    crate::digest::post(&olga, &lauf, "Neue Strecke am Kanal").await;

    let printed = crate::digest::digest_run(&app, &sink, &["--now"]);
    assert!(printed.contains("2 sent"), "{printed}");
    let mails = sink.messages();
    assert_eq!(mails.len(), 2, "{printed}");
    let zora = mails.iter().find(|m| m.contains("X-RcptTo: zora@beispiel.de")).unwrap();
    let headers: Vec<&str> = zora.lines().take_while(|l| !l.is_empty()).collect();
    let to: Vec<&&str> = headers.iter().filter(|l| l.starts_with("To: ")).collect();
    assert_eq!(to.len(), 1, "{zora}");
    assert!(
        to[0].ends_with(" <zora@beispiel.de>"),
        "the name is part of the one To line: {zora}"
    );
    assert!(!headers.iter().any(|l| l.starts_with("Bcc:")), "{zora}");
    assert!(mails.iter().all(|m| !m.contains("X-RcptTo: evil@example.org")));

    // A head with such a name tests her newsletter: it arrives, nothing breaks.
    let hanna = app.person("hanna", "Hanna Head").await;
    app.department("Vertrieb", &[hanna.id]).await;
    set_name(&app, "hanna", "Hanna\nHead").await;
    let hanna = app.api(&app.token(&hanna).await);
    let (status, issue) = hanna
        .post(
            "/api/v1/communities/vertrieb/newsletters",
            json!({"subject": "Vertrieb im Dezember", "body": "Hallo"}),
        )
        .await;
    assert_eq!(status, 201, "{issue}");
    let (status, body) = hanna
        .post(&format!("/api/v1/newsletters/{}/test", issue["id"]), json!({}))
        .await;
    assert_eq!(status, 202, "{body}");
    assert!(
        sink.messages()
            .iter()
            .any(|m| m.contains("To: \"Hanna Head\" <hanna@beispiel.de>")),
        "{:?}",
        sink.messages()
            .iter()
            .map(|m| m.lines().take(8).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );

    // What people type is one line from the start.
    let (status, me) = olga
        .patch("/api/v1/communities/laufgruppe", json!({"name": "Lauf\r\ngruppe Nord"}))
        .await;
    assert_eq!((status, me["name"].as_str()), (200, Some("Lauf gruppe Nord")), "{me}");
}

on_both_backends!(
    redirects_after_a_form_stay_on_the_site,
    signing_out_ends_the_session_everywhere_it_was_copied,
    my_tasks_show_with_an_open_task,
    nobody_is_banned_from_a_department,
    every_answer_carries_the_security_headers,
    a_secret_name_is_not_told_by_trying_it,
    metrics_are_for_the_configured_scraper,
    the_origin_check_ignores_forwarded_hosts_it_does_not_trust,
);

async fn redirects_after_a_form_stay_on_the_site(app: TestApp) {
    app.person("maria", "Maria Muster").await;
    for next in [
        "/\t/127.0.0.1:18999/x",
        "/\r\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/a/..//evil.example",
    ] {
        let client = app.browser("de");
        let res = client
            .get(app.url("/login"))
            .query(&[("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{next:?}");
        let html = res.text().await.unwrap();
        let doc = scraper::Html::parse_document(&html);
        let kept = doc
            .select(&scraper::Selector::parse("form[action='/login'] input[name=next]").unwrap())
            .next()
            .and_then(|e| e.value().attr("value"))
            .map(str::to_string);
        assert_eq!(kept.as_deref(), Some("/"), "{next:?}");
        let res = client
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", csrf_token(&html).as_str()),
                ("uid", "maria"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
        let res = app
            .submit(&client, "/", "/language", &[("lang", "en"), ("next", next)])
            .await;
        assert_eq!(
            (res.status().as_u16(), &res.headers()["location"]),
            (303, &"/".parse().unwrap()),
            "{next:?}"
        );
    }
    let client = app.signed_in("maria", "de").await;
    let res = app
        .submit(
            &client,
            "/",
            "/language",
            &[("lang", "en"), ("next", "/c/unternehmen?tab=1")],
        )
        .await;
    assert_eq!(
        res.headers()["location"],
        "/c/unternehmen?tab=1",
        "local paths still work"
    );
}

/// A client whose cookies the test can read, signed in as `uid`.
async fn signed_in_with_jar(app: &TestApp, uid: &str) -> (reqwest::Client, Arc<reqwest::cookie::Jar>) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = app.login(&client, uid, PASSWORD).await;
    assert_eq!(res.status(), 303);
    (client, jar)
}

/// A request to a signed-in page with exactly this cookie: 200 while the session lives,
/// a redirect to the sign-in page after.
async fn settings_with(app: &TestApp, cookie: &reqwest::header::HeaderValue) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/settings"))
        .header(reqwest::header::COOKIE, cookie.clone())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn signing_out_ends_the_session_everywhere_it_was_copied(app: TestApp) {
    app.person("maria", "Maria Muster").await;
    let base: reqwest::Url = app.address.parse().unwrap();

    // Signing out: a copy of the cookie taken before is worth nothing, for pages and forms.
    let (client, jar) = signed_in_with_jar(&app, "maria").await;
    let token = csrf_token(&page(&client, app.url("/settings")).await);
    let copied = jar.cookies(&base).unwrap();
    assert_eq!(settings_with(&app, &copied).await, 200);
    let res = app.submit(&client, "/settings", "/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(settings_with(&app, &copied).await, 303, "the copy no longer signs in");
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/c/unternehmen/leave"))
        .header(reqwest::header::COOKIE, copied.clone())
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "a form sent with the copy changes nothing");
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login"));

    // A deactivation ends every session, and so does a new password; both stay ended.
    let (_, jar) = signed_in_with_jar(&app, "maria").await;
    let cookie = jar.cookies(&base).unwrap();
    let set_active = |active: bool| {
        app.query(move |c| {
            diesel::update(people::table.filter(people::uid.eq("maria")))
                .set(people::active.eq(active))
                .execute(c)
        })
    };
    set_active(false).await;
    set_active(true).await;
    assert_eq!(settings_with(&app, &cookie).await, 303, "deactivated: signed out");
    let (_, jar) = signed_in_with_jar(&app, "maria").await;
    let cookie = jar.cookies(&base).unwrap();
    let hash = allmende::auth::password::hash("a new password of hers").unwrap();
    app.query(move |c| {
        diesel::update(people::table.filter(people::uid.eq("maria")))
            .set(people::password_hash.eq(hash))
            .execute(c)
    })
    .await;
    assert_eq!(settings_with(&app, &cookie).await, 303, "a new password: signed out");
    app.query(|c| {
        diesel::update(people::table.filter(people::uid.eq("maria")))
            .set(people::password_hash.eq(crate::support::password_hash()))
            .execute(c)
    })
    .await;

    // Idle and absolute lifetimes are the server's: an old cookie does not outlive them.
    for (idle, since_sign_in) in [(13, 13), (1, 24 * 8)] {
        let (_, jar) = signed_in_with_jar(&app, "maria").await;
        let cookie = jar.cookies(&base).unwrap();
        assert_eq!(settings_with(&app, &cookie).await, 200);
        app.query(move |c| {
            let now = allmende::db::now();
            diesel::update(sessions::table)
                .set((
                    sessions::last_seen_at.eq(now - chrono::Duration::hours(idle)),
                    sessions::created_at.eq(now - chrono::Duration::hours(since_sign_in)),
                ))
                .execute(c)
        })
        .await;
        assert_eq!(
            settings_with(&app, &cookie).await,
            303,
            "idle {idle} h, signed in {since_sign_in} h ago"
        );
    }
}

async fn my_tasks_show_with_an_open_task(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let (status, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Apfel", "kind": "project"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let (status, task) = olga
        .post(
            "/api/v1/communities/projekt-apfel/tasks",
            json!({"title": "Angebot schreiben", "assignees": ["olga"]}),
        )
        .await;
    assert_eq!(status, 201, "{task}");
    let client = app.signed_in("olga", "de").await;
    let res = client.get(app.url("/tasks")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Angebot schreiben"), "{html}");
    let moves = crate::support::texts(&html, "#my-tasks select[name=status] option");
    assert!(moves.len() >= 3, "the task can be moved from the list: {moves:?}");
}

async fn nobody_is_banned_from_a_department(app: TestApp) {
    let hanna = app.person("hanna", "Hanna Head").await;
    let vera = app.person("vera", "Vera Vertrieb").await;
    app.department("Vertrieb", &[hanna.id, vera.id]).await;
    let head = app.api(&app.token(&hanna).await);
    let (status, problem) = head
        .patch("/api/v1/communities/vertrieb/members/vera", json!({"state": "banned"}))
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("membership-managed")),
        "{problem}"
    );
    let (status, problem) = head.delete("/api/v1/communities/vertrieb/members/vera").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("membership-managed")),
        "{problem}"
    );
    let (_, members) = head.get("/api/v1/communities/vertrieb/members").await;
    assert!(members.to_string().contains("\"vera\""), "still a member: {members}");

    // The page says why, in words.
    let client = app.signed_in("hanna", "de").await;
    let res = app
        .submit(
            &client,
            "/c/vertrieb/members",
            "/c/vertrieb/members/vera",
            &[("action", "ban")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(
        res.text().await.unwrap().contains("folgt dem Unternehmensverzeichnis"),
        "the refusal is explained"
    );

    // A ban from before this rule is lifted into membership, not into nothing.
    let vera_id = vera.id;
    app.query(move |c| {
        use allmende::db::schema::memberships;
        diesel::update(memberships::table.filter(memberships::person_id.eq(vera_id)))
            .set(memberships::state.eq("banned"))
            .execute(c)
    })
    .await;
    let (status, body) = head
        .patch("/api/v1/communities/vertrieb/members/vera", json!({"state": "active"}))
        .await;
    assert_eq!(status, 204, "{body}");
    let vera = app.api(&app.token(&vera).await);
    let (_, community) = vera.get("/api/v1/communities/vertrieb").await;
    assert_eq!(community["my_state"], "active", "{community}");
}

async fn every_answer_carries_the_security_headers(app: TestApp) {
    app.person("maria", "Maria Muster").await;
    let client = app.signed_in("maria", "de").await;
    let token = app.token(&app.person("bert", "Bert Beispiel").await).await;
    for (what, res) in [
        (
            "an error page",
            client.get(app.url("/gibt-es-nicht")).send().await.unwrap(),
        ),
        ("a page", client.get(app.url("/settings")).send().await.unwrap()),
        (
            "the export",
            client.get(app.url("/settings/export")).send().await.unwrap(),
        ),
        (
            "a JSON error",
            client
                .get(app.url("/api/v1/communities/gibt-es-nicht"))
                .send()
                .await
                .unwrap(),
        ),
        ("the export by API", app.api(&token).raw("/api/v1/me/export").await),
        (
            "a refused form",
            client
                .post(app.url("/logout"))
                .form(&[("csrf_token", "falsch")])
                .send()
                .await
                .unwrap(),
        ),
    ] {
        let h = res.headers();
        assert!(
            h.get("content-security-policy")
                .is_some_and(|v| v.to_str().unwrap().contains("default-src 'self'")),
            "{what}: {h:?}"
        );
        assert_eq!(
            h.get("x-content-type-options").map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            h.get("referrer-policy").map(|v| v.to_str().unwrap()),
            Some("same-origin"),
            "{what}"
        );
        assert_eq!(
            h.get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{what}"
        );
    }
    let css = client.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(css.status(), 200);
    assert_ne!(
        css.headers().get("cache-control").map(|v| v.to_str().unwrap()),
        Some("no-store")
    );

    // HEAD answers as GET does, without a body.
    for path in ["/", "/settings", "/c/unternehmen"] {
        let get = client.get(app.url(path)).send().await.unwrap();
        let head = client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), get.status(), "{path}");
        assert_eq!(head.status(), 200, "{path}");
        assert!(head.bytes().await.unwrap().is_empty(), "{path}");
    }
}

async fn a_secret_name_is_not_told_by_trying_it(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let rudi = app.person("rudi", "Rudi Ratlos").await;
    let rudi = app.api(&app.token(&rudi).await);
    let (status, secret) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimprojekt", "slug": "geheimprojekt", "kind": "project", "visibility": "secret"}),
        )
        .await;
    assert_eq!(status, 201, "{secret}");
    let secret_slug = secret["slug"].as_str().unwrap().to_string();
    assert!(secret_slug.starts_with("geheimprojekt-"), "{secret_slug}");

    // To an outsider the name and the address are free, as if nothing had them.
    let (status, theirs) = rudi
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimprojekt", "slug": "geheimprojekt", "kind": "project"}),
        )
        .await;
    assert_eq!(status, 201, "{theirs}");
    assert_eq!(theirs["slug"], "geheimprojekt");
    let (status, again) = rudi
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimprojekt", "kind": "interest"}),
        )
        .await;
    assert_eq!(
        (status, again["code"].as_str()),
        (409, Some("name-taken")),
        "visible names are still unique"
    );

    // Making the secret one visible now meets the visible name.
    let (status, problem) = olga
        .patch(
            &format!("/api/v1/communities/{secret_slug}"),
            json!({"visibility": "private"}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("name-taken")),
        "{problem}"
    );
    let (status, renamed) = olga
        .patch(
            &format!("/api/v1/communities/{secret_slug}"),
            json!({"visibility": "private", "name": "Projekt Eule"}),
        )
        .await;
    assert_eq!(
        (status, renamed["visibility"].as_str()),
        (200, Some("private")),
        "{renamed}"
    );
    let (status, _) = rudi
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Eule", "kind": "interest"}),
        )
        .await;
    assert_eq!(status, 409, "a private name is visible, so taken");
}

async fn a_newsletter_mail_loads_no_pictures_from_elsewhere(app: TestApp, sink: SmtpSink) {
    let hanna = app.person("hanna", "Hanna Head").await;
    app.department("Vertrieb", &[hanna.id]).await;
    let hanna: Api = app.api(&app.token(&hanna).await);
    let (status, issue) = hanna
        .post(
            "/api/v1/communities/vertrieb/newsletters",
            json!({"subject": "Bilder", "body": "Seht ![unser Team](https://tracker.example/pixel.gif) an."}),
        )
        .await;
    assert_eq!(status, 201, "{issue}");
    let (status, _) = hanna
        .post(&format!("/api/v1/newsletters/{}/test", issue["id"]), json!({}))
        .await;
    assert_eq!(status, 202);
    let mail = sink.messages().concat().replace("=\r\n", "").replace("=3D", "=");
    assert!(!mail.to_lowercase().contains("<img"), "{mail}");
    assert!(
        mail.contains("https://tracker.example/pixel.gif") && mail.contains("unser Team"),
        "{mail}"
    );
}

async fn metrics_are_for_the_configured_scraper(app: TestApp) {
    let client = reqwest::Client::new();
    let res = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200, "loopback is allowed by default");
    let app = crate::support::spawn_app_with(app.backend, |s| {
        s.metrics.allow_from = vec![];
        s.metrics.token = "scraper-secret".into();
    })
    .await;
    let res = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .get(app.url("/metrics"))
        .bearer_auth("falsch")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .get(app.url("/metrics"))
        .bearer_auth("scraper-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("allmende_db_pool_max_connections"));
}

async fn the_origin_check_ignores_forwarded_hosts_it_does_not_trust(app: TestApp) {
    app.person("maria", "Maria Muster").await;
    let client = app.browser("de");
    let html = page(&client, app.url("/login")).await;
    let res = client
        .post(app.url("/login"))
        .header("Origin", "http://evil.example")
        .header("X-Forwarded-Host", "evil.example")
        .form(&[
            ("csrf_token", csrf_token(&html).as_str()),
            ("uid", "maria"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        403,
        "a cross-site form is refused whatever the headers say"
    );
}
