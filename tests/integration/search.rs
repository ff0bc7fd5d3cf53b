//! Full-text search on both databases: word forms, ranking, permissions, odd queries.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{TestApp, page, texts};

on_both_backends!(search_finds_word_forms_and_only_what_one_may_see);

async fn search_finds_word_forms_and_only_what_one_may_see(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let otto = app.person("otto", "Otto Outsider").await;
    let (anna, otto) = (app.api(&app.token(&anna).await), app.api(&app.token(&otto).await));
    let (_, open) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Nord", "kind": "project", "description": "Alles zu unseren Besprechungen"}),
        )
        .await;
    let (_, secret) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Vorstand intern", "kind": "project", "visibility": "secret"}),
        )
        .await;
    let (open, secret) = (open["slug"].as_str().unwrap(), secret["slug"].as_str().unwrap());
    let (_, post) = anna
        .post(
            &format!("/api/v1/communities/{open}/posts"),
            json!({"title": "Besprechungen im Mai", "body": "Die weekly meetings finden dienstags statt."}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    anna.post(
        &format!("/api/v1/posts/{id}/comments"),
        json!({"body": "Die Protokolle liegen im Wiki, fragt @otto."}),
    )
    .await;
    anna.post(
        &format!("/api/v1/communities/{secret}/posts"),
        json!({"title": "Geheime Besprechungen", "body": "Nur für den Vorstand"}),
    )
    .await;

    let hits = |r: &serde_json::Value| -> Vec<(String, String)> {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["kind"].as_str().unwrap().to_string(),
                    h["title"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // German and English word forms the texts do not literally contain.
    let (status, r) = otto.get("/api/v1/search?q=Besprechung").await;
    assert_eq!(status, 200, "{r}");
    let found = hits(&r);
    assert!(found.contains(&("post".into(), "Besprechungen im Mai".into())), "{r}");
    assert!(found.contains(&("community".into(), "Projekt Nord".into())), "{r}");
    assert_eq!(found[0].1, "Besprechungen im Mai", "a title match ranks first: {r}");
    assert!(!r.to_string().contains("Geheim"), "nothing of a secret community: {r}");
    let (_, r) = otto.get("/api/v1/search?q=meeting").await;
    assert_eq!(hits(&r), vec![("post".to_string(), "Besprechungen im Mai".to_string())]);
    let (_, r) = otto.get("/api/v1/search?q=Protokoll").await;
    assert_eq!(
        hits(&r),
        vec![("comment".to_string(), "Besprechungen im Mai".to_string())]
    );
    assert!(r["items"][0]["url"].as_str().unwrap().contains("#comment-"));
    // The insider finds the secret post too.
    let (_, r) = anna.get("/api/v1/search?q=Besprechung").await;
    assert!(
        hits(&r).contains(&("post".into(), "Geheime Besprechungen".into())),
        "{r}"
    );
    // People by name.
    let (_, r) = otto.get("/api/v1/search?q=gro%C3%9F").await;
    assert_eq!(r["people"][0]["uid"], "anna");

    // Whatever is typed, the answer is a result, not an error.
    for q in [
        "\"*) OR (x",
        "'; DROP TABLE posts; --",
        "&|!:*",
        "%_\\",
        "NEAR(a b)",
        "   ",
        "ü",
    ] {
        let (status, r) = otto
            .get(&format!(
                "/api/v1/search?q={}",
                url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
            ))
            .await;
        assert_eq!(status, 200, "{q}: {r}");
    }
    let (status, _) = otto.get(&format!("/api/v1/search?q={}", "x".repeat(201))).await;
    assert_eq!(status, 422);

    // An excerpt names the people mentioned as the text shows them.
    let (_, r) = otto.get("/api/v1/search?q=Protokoll").await;
    assert_eq!(
        r["items"][0]["excerpt"], "Die Protokolle liegen im Wiki, fragt @Otto Outsider.",
        "{r}"
    );

    // A hidden post is found neither by its words nor by its comments'.
    let (status, _) = otto
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": id}, "reason": "other"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, queue) = anna.get(&format!("/api/v1/communities/{open}/reports")).await;
    let report = queue[0]["report_id"].as_i64().unwrap();
    anna.post(&format!("/api/v1/reports/{report}/decision"), json!({"action": "hide"}))
        .await;
    for q in ["meeting", "Protokoll"] {
        let (_, r) = otto.get(&format!("/api/v1/search?q={q}")).await;
        assert_eq!(r["total"], 0, "{q}: {r}");
        assert!(!r.to_string().contains("Besprechungen im Mai"));
    }

    // A deleted post leaves the index; the page shows the same.
    anna.delete(&format!("/api/v1/posts/{id}")).await;
    let (_, r) = anna.get("/api/v1/search?q=meeting").await;
    assert_eq!(r["total"], 0);
    let browser = app.signed_in("otto", "de").await;
    let html = page(&browser, app.url("/search?q=Besprechung")).await;
    assert_eq!(texts(&html, "#hits > li > a"), vec!["Projekt Nord"]);
    // The hit names its community, the word searched for marked.
    assert_eq!(texts(&html, "#hits .excerpt mark"), vec!["Besprechung"]);
    assert_eq!(texts(&html, "#hits .in-community a"), vec!["Projekt Nord"]);
}

on_both_backends!(content_from_before_the_upgrade_is_rendered_and_found);

/// Posts written before the blog and search migrations have neither HTML, topics nor search
/// documents; the step after those migrations gives them all three.
async fn content_from_before_the_upgrade_is_rendered_and_found(app: TestApp) {
    use allmende::db::schema::{posts, search_documents};
    use diesel::prelude::*;
    let anna = app.person("anna", "Anna Groß").await;
    let api = app.api(&app.token(&anna).await);
    let (_, c) = api
        .post("/api/v1/communities", json!({"name": "Altbestand", "kind": "interest"}))
        .await;
    let community = c["slug"].as_str().unwrap().to_string();
    let id: i64 = app
        .query(move |conn| {
            let community_id: i64 = allmende::db::schema::communities::table
                .filter(allmende::db::schema::communities::slug.eq(&community))
                .select(allmende::db::schema::communities::id)
                .first(conn)?;
            diesel::insert_into(posts::table)
                .values((
                    posts::community_id.eq(community_id),
                    posts::author_id.eq(Some(anna.id)),
                    posts::title.eq("Alter Beitrag"),
                    posts::body.eq("Von **früher** zu #Archivierung"),
                    posts::created_at.eq(allmende::db::now()),
                    posts::updated_at.eq(allmende::db::now()),
                    posts::last_activity_at.eq(allmende::db::now()),
                ))
                .returning(posts::id)
                .get_result(conn)
        })
        .await;
    let documents: i64 = app
        .query(move |c| {
            search_documents::table
                .filter(search_documents::ref_id.eq(id))
                .filter(search_documents::kind.eq("post"))
                .count()
                .get_result(c)
        })
        .await;
    assert_eq!(documents, 0, "as before the upgrade");
    app.db
        .run(|c| {
            allmende::startup::derive_after_migrations(
                c,
                &["2026-11-21-000004_blog".into(), "2026-11-21-000010_search".into()],
            )
        })
        .await
        .unwrap();
    let (_, post) = api.get(&format!("/api/v1/posts/{id}")).await;
    assert!(
        post["body_html"].as_str().unwrap().contains("<strong>früher</strong>"),
        "{post}"
    );
    let (_, found) = api.get("/api/v1/search?q=fr%C3%BCher").await;
    assert_eq!(found["items"][0]["title"], "Alter Beitrag", "{found}");
    let (_, topic) = api.get("/api/v1/topics/archivierung/posts").await;
    assert_eq!(topic["items"].as_array().unwrap().len(), 1);
}
