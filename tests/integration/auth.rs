use allmende::db::schema::{audit_log, memberships};
use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::{PASSWORD, TestApp, texts};

on_both_backends!(
    signed_out_pages_redirect_and_api_answers_401,
    sign_in_and_sign_out,
    repeated_failures_are_throttled,
    forms_without_csrf_token_change_nothing,
    bearer_tokens_identify_the_caller,
    failures_from_one_address_are_throttled_across_accounts,
);

#[actix_web::test]
async fn session_cookies_are_secure_when_served_over_https() {
    let app = crate::support::spawn_app_with(crate::support::Backend::Sqlite, |s| {
        s.server.public_url = "https://intranet.beispiel.de".parse().unwrap();
    })
    .await;
    app.person("mmuster", "Maria Muster").await;
    let res = app.login(&app.browser("en"), "mmuster", PASSWORD).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_lowercase();
    assert!(cookie.contains("; secure"), "{cookie}");
}

async fn failures_from_one_address_are_throttled_across_accounts(app: TestApp) {
    let limit = app.settings.auth.max_failures_per_address;
    app.person("mmuster", "Maria Muster").await;
    let client = app.browser("en");
    // Guessing many accounts from one address: each account stays under its own limit.
    for i in 0..limit {
        assert_eq!(app.login(&client, &format!("guess{i}"), "falsch").await.status(), 401);
    }
    assert_eq!(app.login(&client, "mmuster", PASSWORD).await.status(), 429);
    // A forged X-Forwarded-For does not help while forwarded headers are not trusted.
    let page = crate::support::page(&client, app.url("/login")).await;
    let token = crate::support::csrf_token(&page);
    let forged = client
        .post(app.url("/login"))
        .header("X-Forwarded-For", "10.9.8.7")
        .form(&[
            ("csrf_token", token.as_str()),
            ("uid", "mmuster"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 429);
}

async fn signed_out_pages_redirect_and_api_answers_401(app: TestApp) {
    let client = app.browser("en");
    let res = client.get(app.url("/communities?kind=interest")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/login?next=%2Fcommunities%3Fkind%3Dinterest"
    );

    let res = reqwest::Client::new().get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unauthenticated");
    assert_eq!(body["status"], 401);
}

async fn sign_in_and_sign_out(app: TestApp) {
    app.person("mmuster", "Maria Muster").await;
    let client = app.browser("en");

    let wrong = app.login(&client, "mmuster", "not the password").await;
    assert_eq!(wrong.status(), 401);
    let html = wrong.text().await.unwrap();
    assert_eq!(
        texts(&html, "[role=alert]"),
        vec!["The user name or password is not correct."]
    );
    assert_eq!(texts(&html, "input#uid").len(), 1, "the form is shown again");

    let huge = app.login(&client, &"x".repeat(10_000), PASSWORD).await;
    assert_eq!(huge.status(), 401, "an over-long name is just a failed sign-in");
    let unknown = app.login(&client, "nobody", PASSWORD).await;
    assert_eq!(unknown.status(), 401, "unknown accounts get the same answer");

    let ok = app.login(&client, "MMuster", PASSWORD).await;
    assert_eq!(ok.status(), 303);
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_lowercase();
    assert!(
        cookie.contains("httponly") && cookie.contains("samesite=lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("secure"), "no Secure flag on plain http");

    let home = crate::support::page(&client, app.url("/")).await;
    assert_eq!(texts(&home, "h1"), vec!["Welcome, Maria Muster"]);

    // The header's language button is her language from now on, also on the settings page.
    let res = app
        .submit(&client, "/", "/language", &[("lang", "de"), ("next", "/settings")])
        .await;
    assert_eq!(res.status(), 303);
    let settings = crate::support::page(&client, app.url("/settings")).await;
    assert_eq!(texts(&settings, "#locale option[selected]"), vec!["Deutsch"]);
    assert_eq!(texts(&settings, "h1")[0], "Einstellungen");

    let out = app.submit(&client, "/", "/logout", &[]).await;
    assert_eq!(out.status(), 303);
    assert_eq!(
        client.get(app.url("/")).send().await.unwrap().status(),
        303,
        "signed out"
    );

    let signed_in = app
        .query(|c| {
            audit_log::table
                .filter(audit_log::action.eq("session.sign-in"))
                .count()
                .get_result::<i64>(c)
        })
        .await;
    assert_eq!(signed_in, 1);
}

async fn repeated_failures_are_throttled(app: TestApp) {
    app.person("mmuster", "Maria Muster").await;
    let client = app.browser("de");
    for _ in 0..app.settings.auth.max_failures_per_account {
        assert_eq!(app.login(&client, "mmuster", "falsch").await.status(), 401);
    }
    let blocked = app.login(&client, "mmuster", PASSWORD).await;
    assert_eq!(
        blocked.status(),
        429,
        "even the right password waits once the limit is reached"
    );
    assert!(blocked.headers().contains_key("retry-after"));
    let html = blocked.text().await.unwrap();
    assert!(texts(&html, "[role=alert]")[0].starts_with("Zu viele fehlgeschlagene Versuche"));

    // Another account from another address is not affected.
    app.person("kklein", "Karl Klein").await;
    let other = app.browser("de");
    let res = app.login(&other, "kklein", PASSWORD).await;
    assert_eq!(res.status(), 303);
}

async fn forms_without_csrf_token_change_nothing(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let token = app.token(&owner).await;
    let (status, _) = app
        .api(&token)
        .post(
            "/api/v1/communities",
            serde_json::json!({"name": "Laufgruppe", "kind": "interest"}),
        )
        .await;
    assert_eq!(status, 201);
    app.person("mmuster", "Maria Muster").await;
    let client = app.signed_in("mmuster", "en").await;

    let no_token = client
        .post(app.url("/c/laufgruppe/join"))
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403);
    let page = no_token.text().await.unwrap();
    assert!(texts(&page, ".error-message")[0].contains("expired"), "{page}");

    let wrong_token = client
        .post(app.url("/c/laufgruppe/join"))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_token.status(), 403);

    let html = crate::support::page(&client, app.url("/c/laufgruppe")).await;
    let token = crate::support::csrf_token(&html);
    let cross_site = client
        .post(app.url("/c/laufgruppe/join"))
        .header("Origin", "https://evil.example")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);

    let members = app.query(|c| memberships::table.count().get_result::<i64>(c)).await;
    // owner in the organization + owner as manager + mmuster in the organization
    assert_eq!(members, 3, "no forged request joined");

    let ok = client
        .post(app.url("/c/laufgruppe/join"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
}

async fn bearer_tokens_identify_the_caller(app: TestApp) {
    let person = app.person("mmuster", "Maria Muster").await;
    let token = app.token(&person).await;
    let (status, me) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["uid"], "mmuster");
    assert_eq!(me["display_name"], "Maria Muster");

    let (status, body) = app.api("alm_not-a-real-token").get("/api/v1/me").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthenticated");

    // A session cookie is not an API credential.
    let client = app.signed_in("mmuster", "en").await;
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
}
