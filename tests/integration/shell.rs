//! The frame of every page: the company's name and colour, the bell with what is unread, the
//! current section marked, and the administrators' overview of what needs them.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, spawn_app_with, texts};

on_both_backends!(
    the_header_carries_the_brand_the_unread_count_and_the_current_section,
    the_admin_overview_says_what_needs_attention,
);

async fn the_header_carries_the_brand_the_unread_count_and_the_current_section(app: TestApp) {
    let app = spawn_app_with(app.backend, |s| {
        s.branding.name = "Beispiel AG".into();
        s.branding.accent = allmende::config::Accent::parse("#6b2d8b").unwrap();
    })
    .await;
    let (_, rudi_api, post) = running_group(&app, "Lauftreff").await;
    for body in ["Ich bin dabei.", "Ich bringe Wasser mit."] {
        let (status, c) = rudi_api
            .post(&format!("/api/v1/posts/{post}/comments"), json!({ "body": body }))
            .await;
        assert_eq!(status, 201, "{c}");
    }

    let olga_browser = app.signed_in("olga", "de").await;
    let html = page(&olga_browser, app.url("/communities")).await;
    assert!(
        texts(&html, "title")[0].ends_with("· Beispiel AG"),
        "{:?}",
        texts(&html, "title")
    );
    assert_eq!(texts(&html, ".brand"), vec!["BBeispiel AG"], "the mark and the name");
    assert_eq!(texts(&html, ".bell .bell-count"), vec!["2"]);
    assert!(html.contains(r#"aria-label="Benachrichtigungen, 2 ungelesen""#));
    // Both navigations (header and phone menu) mark the same entry.
    assert_eq!(
        texts(&html, "nav.primary a[aria-current=page]"),
        vec!["Communities", "Communities"]
    );
    assert_eq!(texts(&html, "details.account .who"), vec!["Olga Owner"]);
    let theme = olga_browser.get(app.url("/branding/theme.css")).send().await.unwrap();
    assert_eq!(theme.headers()["content-type"], "text/css; charset=utf-8");
    assert!(theme.text().await.unwrap().contains("--accent: #6b2d8b"));
    // The browser tab shows the mark in the company's colour.
    assert!(html.contains(r#"<link rel="icon" href="/branding/icon.svg">"#));
    let icon = olga_browser.get(app.url("/branding/icon.svg")).send().await.unwrap();
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    let icon = icon.text().await.unwrap();
    assert!(
        icon.contains(r##"fill="#6b2d8b""##) && icon.contains(">B</text>"),
        "{icon}"
    );

    // Reading them empties the bell; Rudi, who is told of nothing, sees none.
    let res = app
        .submit(&olga_browser, "/notifications", "/notifications/read", &[])
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&olga_browser, app.url("/")).await;
    assert!(texts(&html, ".bell .bell-count").is_empty());
    assert_eq!(texts(&html, "nav.primary a[aria-current=page]"), vec!["Start", "Start"]);
    let rudi_browser = app.signed_in("rudi", "en").await;
    let html = page(&rudi_browser, app.url(&format!("/posts/{post}"))).await;
    assert!(html.contains(r#"aria-label="Notifications""#));
    assert_eq!(
        texts(&html, "nav.primary a[aria-current=page]"),
        vec!["Communities", "Communities"]
    );
}

/// Olga's "Laufgruppe" with Rudi as a member and one post of hers titled `title`.
async fn running_group(app: &TestApp, title: &str) -> (Api, Api, i64) {
    let olga = app.person("olga", "Olga Owner").await;
    let rudi = app.person("rudi", "Rudi Ratlos").await;
    let (olga_api, rudi_api) = (app.api(&app.token(&olga).await), app.api(&app.token(&rudi).await));
    olga_api
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    rudi_api.post("/api/v1/communities/laufgruppe/join", json!({})).await;
    let (_, post) = olga_api
        .post(
            "/api/v1/communities/laufgruppe/posts",
            json!({"title": title, "body": "Donnerstag um sechs."}),
        )
        .await;
    (olga_api, rudi_api, post["id"].as_i64().unwrap())
}

async fn the_admin_overview_says_what_needs_attention(app: TestApp) {
    // The test app sends no mail at all: that needs the administrator first.
    app.admin("admin", "Ada Admin").await;
    let html = page(&app.signed_in("admin", "de").await, app.url("/admin")).await;
    assert!(texts(&html, "#attention-mail-off")[0].starts_with("Es wird keine Mail verschickt"));
    assert!(texts(&html, "#attention li.ok").is_empty());

    let app = spawn_app_with(app.backend, |s| {
        s.mail.transport = allmende::config::MailTransport::File
    })
    .await;
    app.admin("admin", "Ada Admin").await;
    let admin = app.signed_in("admin", "de").await;
    let html = page(&admin, app.url("/admin")).await;
    assert_eq!(texts(&html, "h1"), vec!["Verwaltung"]);
    assert_eq!(texts(&html, "#attention li").len(), 1);
    assert!(texts(&html, "#attention li")[0].starts_with("Alles in Ordnung"));
    assert!(html.contains(r#"href="/admin/people""#) && html.contains(r#"href="/admin/audit""#));

    let (_, rudi_api, post) = running_group(&app, "Angebot").await;
    let (status, _) = rudi_api
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": post}, "reason": "spam"}),
        )
        .await;
    assert_eq!(status, 201);
    let html = page(&admin, app.url("/admin")).await;
    assert_eq!(
        texts(&html, "#attention-reports"),
        vec!["1 Meldung wartet auf eine Entscheidung"]
    );
    assert!(texts(&html, "#attention li.ok").is_empty());

    // A community whose manager stepped down (here: by hand in the database) has nobody to run it.
    app.query(|c| {
        use allmende::db::schema::memberships;
        use diesel::prelude::*;
        diesel::update(memberships::table.filter(memberships::role.eq("manager")))
            .set(memberships::role.eq("member"))
            .execute(c)
    })
    .await;
    let html = page(&admin, app.url("/admin")).await;
    assert_eq!(
        texts(&html, "#attention-unmanaged"),
        vec!["Eine Community hat keine Leitung: niemand nimmt dort Anfragen an oder moderiert."]
    );

    let olga_browser = app.signed_in("olga", "de").await;
    let res = olga_browser.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(res.status(), 404, "not for everyone");
}
