use serde_json::json;

use crate::on_both_backends;
use crate::support::{TestApp, texts};

on_both_backends!(
    pages_speak_the_browsers_language_until_the_person_chooses,
    find_join_and_see_a_community_on_the_home_page,
    creating_a_community_through_the_form_keeps_input_on_errors,
    people_directory_and_profile,
    errors_are_pages_in_the_layout,
);

async fn pages_speak_the_browsers_language_until_the_person_chooses(app: TestApp) {
    let de = app
        .browser("de-DE,de;q=0.9,en;q=0.5")
        .get(app.url("/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(de.headers()["content-language"], "de");
    let html = de.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), vec!["Anmelden"]);
    assert!(html.contains("<html lang=\"de\">"));
    let en = app
        .browser("en-GB")
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&en, "h1"), vec!["Sign in"]);

    app.person("mmuster", "Maria Muster").await;
    let client = app.signed_in("mmuster", "de").await;
    let home = crate::support::page(&client, app.url("/")).await;
    assert_eq!(texts(&home, "h1"), vec!["Willkommen, Maria Muster"]);

    let saved = app
        .submit(
            &client,
            "/settings",
            "/settings",
            &[("locale", "en"), ("timezone", "America/New_York")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let settings = crate::support::page(&client, app.url("/settings?saved=1")).await;
    assert_eq!(
        texts(&settings, "[role=status]"),
        vec!["Your settings have been saved."]
    );
    assert_eq!(texts(&settings, "#timezone option[selected]"), vec!["New York"]);
    assert!(settings.contains(r#"<option value="America/New_York" selected>"#));
    let home = crate::support::page(&client, app.url("/")).await;
    assert_eq!(
        texts(&home, "h1"),
        vec!["Welcome, Maria Muster"],
        "the setting wins over Accept-Language"
    );

    // The setting is kept for the next session too.
    let again = app.signed_in("mmuster", "de").await;
    let home = crate::support::page(&again, app.url("/")).await;
    assert_eq!(texts(&home, "h1"), vec!["Welcome, Maria Muster"]);

    let bad = app
        .submit(
            &again,
            "/settings",
            "/settings",
            &[("locale", "fr"), ("timezone", "Europe/Berlin")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert_eq!(
        texts(&html, "[role=alert]"),
        vec!["Language has a value we do not know."]
    );
}

async fn find_join_and_see_a_community_on_the_home_page(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let api = app.api(&app.token(&owner).await);
    api.post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    api.post(
        "/api/v1/communities",
        json!({"name": "Projekt Phoenix", "kind": "project"}),
    )
    .await;
    app.person("mmuster", "Maria Muster").await;
    let client = app.signed_in("mmuster", "en").await;

    let interests = crate::support::page(&client, app.url("/communities?kind=interest")).await;
    assert_eq!(texts(&interests, "#community-list h3"), vec!["Laufgruppe"]);
    let found = crate::support::page(&client, app.url("/communities?q=PHOEN")).await;
    assert_eq!(texts(&found, "#community-list h3"), vec!["Projekt Phoenix"]);

    let home = crate::support::page(&client, app.url("/")).await;
    assert!(!texts(&home, "#my-communities h3").contains(&"Laufgruppe".to_string()));

    let joined = app.submit(&client, "/c/laufgruppe", "/c/laufgruppe/join", &[]).await;
    assert_eq!(joined.status(), 303);
    assert_eq!(joined.headers()["location"], "/c/laufgruppe?done=joined");
    let page = crate::support::page(&client, app.url("/c/laufgruppe?done=joined")).await;
    assert!(texts(&page, "#done")[0].starts_with("Welcome! You are a member now"));
    assert_eq!(texts(&page, "#my-standing"), vec!["Member"]);
    assert!(texts(&page, "#member-list li").iter().any(|m| m == "Maria Muster"));

    let home = crate::support::page(&client, app.url("/")).await;
    assert!(texts(&home, "#my-communities h3").contains(&"Laufgruppe".to_string()));

    let left = app
        .submit(&client, "/c/laufgruppe", "/c/laufgruppe/leave", &[("confirm", "yes")])
        .await;
    assert_eq!(left.status(), 303);
    let home = crate::support::page(&client, app.url("/")).await;
    assert!(!texts(&home, "#my-communities h3").contains(&"Laufgruppe".to_string()));
}

async fn creating_a_community_through_the_form_keeps_input_on_errors(app: TestApp) {
    app.person("mmuster", "Maria Muster").await;
    let client = app.signed_in("mmuster", "de").await;
    let fields = [
        ("name", "Fotografie"),
        ("slug", ""),
        ("kind", "interest"),
        ("visibility", "public"),
        ("join_policy", "open"),
        ("description", "Bilder **teilen**"),
    ];
    let created = app.submit(&client, "/communities/new", "/communities", &fields).await;
    assert_eq!(created.status(), 303);
    assert_eq!(created.headers()["location"], "/c/fotografie");
    let page = crate::support::page(&client, app.url("/c/fotografie")).await;
    assert_eq!(texts(&page, ".prose strong"), vec!["teilen"], "markdown is rendered");

    let mut again = fields;
    again[5] = ("description", "Ein langer Text, der nicht verloren gehen darf.");
    let dup = app.submit(&client, "/communities/new", "/communities", &again).await;
    assert_eq!(dup.status(), 409, "a conflict, shown on the form");
    let html = dup.text().await.unwrap();
    assert_eq!(
        texts(&html, "[role=alert]"),
        vec!["Eine Community mit diesem Namen gibt es bereits."]
    );
    assert_eq!(
        texts(&html, "textarea#description"),
        vec!["Ein langer Text, der nicht verloren gehen darf."]
    );

    let long = app
        .submit(
            &client,
            "/communities/new",
            "/communities",
            &[
                ("name", &"x".repeat(100)),
                ("kind", "interest"),
                ("visibility", "public"),
                ("join_policy", "open"),
            ],
        )
        .await;
    assert_eq!(long.status(), 422);
    assert_eq!(
        texts(&long.text().await.unwrap(), "[role=alert]"),
        vec!["Name ist zu lang."]
    );
}

async fn people_directory_and_profile(app: TestApp) {
    app.person("mmuster", "Maria Muster").await;
    app.person("kklein", "Karl Klein").await;
    let client = app.signed_in("mmuster", "en").await;
    let html = crate::support::page(&client, app.url("/people?q=klein")).await;
    assert_eq!(texts(&html, "#people-list .name"), vec!["Karl Klein"]);
    let profile = crate::support::page(&client, app.url("/people/kklein")).await;
    assert_eq!(texts(&profile, "h1"), vec!["Karl Klein"]);
    assert!(texts(&profile, "dd").contains(&"kklein@beispiel.de".to_string()));
    assert_eq!(
        client.get(app.url("/people/nobody")).send().await.unwrap().status(),
        404
    );
}

async fn errors_are_pages_in_the_layout(app: TestApp) {
    app.person("mmuster", "Maria Muster").await;
    let client = app.signed_in("mmuster", "de").await;
    let res = client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert_eq!(texts(&html, "h1"), vec!["Diese Seite gibt es nicht"]);
    assert_eq!(
        texts(&html, "header .who"),
        vec!["Maria Muster"],
        "inside the normal layout"
    );

    let res = client.get(app.url("/communities?kind=verein")).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(
        texts(&res.text().await.unwrap(), ".error-message"),
        vec!["Art hat einen unbekannten Wert."]
    );

    let res = reqwest::get(app.url("/api/v1/nothing-here")).await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}
