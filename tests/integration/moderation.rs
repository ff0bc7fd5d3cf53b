//! Reports, the moderators' queue and their decisions, on both databases.

use diesel::prelude::*;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, spawn_app_with, texts};

on_both_backends!(
    a_moderator_handles_a_report_and_bans_a_troll,
    enough_reports_hide_until_a_moderator_decides,
    administrators_keep_the_queue_over_all_communities
);

async fn setup(app: &TestApp) -> (Api, Api, Api, String) {
    let owner = app.person("owner", "Olga Owner").await;
    let troll = app.person("troll", "Tim Troll").await;
    let reader = app.person("reader", "Rita Reader").await;
    let (owner, troll, reader) = (
        app.api(&app.token(&owner).await),
        app.api(&app.token(&troll).await),
        app.api(&app.token(&reader).await),
    );
    let (_, c) = owner
        .post("/api/v1/communities", json!({"name": "Fotografie", "kind": "interest"}))
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    for api in [&troll, &reader] {
        api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    }
    (owner, troll, reader, slug)
}

async fn a_moderator_handles_a_report_and_bans_a_troll(app: TestApp) {
    let (owner, troll, reader, slug) = setup(&app).await;
    let (_, post) = troll
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Billig kaufen", "body": "Klickt hier!"}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();

    // Its author is offered no report of it, and one sent anyway is refused.
    let author_pages = app.signed_in("troll", "de").await;
    let own = page(&author_pages, app.url(&format!("/posts/{id}"))).await;
    assert!(texts(&own, ".report-form").is_empty(), "{own}");
    let (status, problem) = troll
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": id}, "reason": "spam"}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("own-content")),
        "{problem}"
    );

    // The reader reports it from the page.
    let browser = app.signed_in("reader", "de").await;
    let theirs = page(&browser, app.url(&format!("/posts/{id}"))).await;
    assert_eq!(texts(&theirs, ".report-form summary").len(), 1);
    let res = app
        .submit(
            &browser,
            &format!("/posts/{id}"),
            &format!("/posts/{id}/report"),
            &[("reason", "spam"), ("note", "Werbung")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let thanked = page(&browser, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(texts(&thanked, "[role=status]").len(), 1);
    let (status, problem) = reader
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": id}, "reason": "other"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("already-reported")));

    // The queue is for moderators; it groups by content and never names the reporter.
    let (status, _) = reader.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(status, 403);
    let (status, queue) = owner.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(status, 200);
    assert_eq!(queue[0]["reports"], 1);
    assert_eq!(queue[0]["reasons"]["spam"], 1);
    assert_eq!(queue[0]["notes"][0], "Werbung");
    assert!(!queue.to_string().contains("reader") && !queue.to_string().contains("Rita"));
    let moderator = app.signed_in("owner", "de").await;
    let html = page(&moderator, app.url(&format!("/c/{slug}/reports"))).await;
    assert_eq!(texts(&html, ".report h2 a"), vec!["Billig kaufen"]);

    assert!(
        !texts(&html, ".report .meta")[0].contains("(troll)"),
        "the author by name only"
    );

    // The owner bans the troll from the queue page: asked first, whom and from where.
    let report = queue[0]["report_id"].as_i64().unwrap();
    let decision = format!("/reports/{report}/decision");
    let queue_page = format!("/c/{slug}/reports");
    let res = app
        .submit(
            &moderator,
            &queue_page,
            &decision,
            &[("action", "ban"), ("reason", "Wiederholte Werbung")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let asked = res.text().await.unwrap();
    assert_eq!(
        texts(&asked, "#confirm-title"),
        ["Tim Troll aus Fotografie ausschließen?"]
    );
    assert!(
        asked.contains(&format!(r#"href="/c/{slug}/reports" id="confirm-no""#)),
        "cancelling goes back to this community's queue: {asked}"
    );
    let (_, still) = owner.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(still.as_array().unwrap().len(), 1, "nothing decided before the answer");
    let res = app
        .submit(
            &moderator,
            &queue_page,
            &decision,
            &[("action", "ban"), ("reason", "Wiederholte Werbung"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&moderator, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(
        texts(&html, "#done"),
        ["Die verfassende Person ist aus der Community ausgeschlossen."]
    );
    let (_, queue) = owner.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(queue, json!([]));
    let (status, problem) = troll.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("banned")));
    let (status, _) = troll
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Nochmal", "body": "x"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, problem) = owner
        .post(
            &format!("/api/v1/reports/{report}/decision"),
            json!({"action": "dismiss"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("already-decided")));
    let logged: Vec<String> = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::action.eq("moderation.ban"))
                .select(audit_log::details)
                .load(c)
        })
        .await;
    assert_eq!(logged.len(), 1);
    assert!(logged[0].contains("Wiederholte Werbung"));

    // Reports of a secret community's content are as unknown to outsiders as the content.
    let (_, secret) = owner
        .post(
            "/api/v1/communities",
            json!({"name": "Vorstand", "kind": "project", "visibility": "secret"}),
        )
        .await;
    let (_, hidden_post) = owner
        .post(
            &format!("/api/v1/communities/{}/posts", secret["slug"].as_str().unwrap()),
            json!({"title": "Intern", "body": "x"}),
        )
        .await;
    let (status, _) = reader
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": hidden_post["id"]}, "reason": "spam"}),
        )
        .await;
    assert_eq!(status, 404);
}

async fn enough_reports_hide_until_a_moderator_decides(app: TestApp) {
    let app = spawn_app_with(app.backend, |s| s.communities.auto_hide_reports = 2).await;
    let (owner, troll, reader, slug) = setup(&app).await;
    let other = app.person("other", "Otto Other").await;
    let other = app.api(&app.token(&other).await);
    other.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    let (_, post) = owner
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Ausflug", "body": "Wer kommt mit?"}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    let (_, comment) = troll
        .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Beleidigung"}))
        .await;
    let cid = comment["id"].as_i64().unwrap();
    for api in [&reader, &other] {
        let (status, _) = api
            .post(
                "/api/v1/reports",
                json!({"target": {"type": "comment", "id": cid}, "reason": "offensive"}),
            )
            .await;
        assert_eq!(status, 201);
    }
    let (_, seen) = reader.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(seen["comments"][0]["hidden"], true);
    assert_eq!(seen["comments"][0]["body"], "", "readers get a notice, not the text");
    let html = page(&app.signed_in("reader", "en").await, app.url(&format!("/posts/{id}"))).await;
    assert!(!html.contains("Beleidigung"));
    assert!(texts(&html, ".comment .notice").contains(&"Hidden by the moderators.".to_string()));
    let (_, seen) = owner.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(seen["comments"][0]["body"], "Beleidigung", "moderators still read it");
    // The moderator deletes it; the reports are settled.
    let (_, queue) = owner.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(queue[0]["reports"], 2);
    assert_eq!(queue[0]["hidden"], true);
    let report = queue[0]["report_id"].as_i64().unwrap();
    let (status, _) = owner
        .post(
            &format!("/api/v1/reports/{report}/decision"),
            json!({"action": "delete", "reason": "Beleidigung"}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, seen) = reader.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(seen["comments"], json!([]));
    let (_, queue) = owner.get(&format!("/api/v1/communities/{slug}/reports")).await;
    assert_eq!(queue, json!([]));
}

async fn administrators_keep_the_queue_over_all_communities(app: TestApp) {
    let (owner, troll, reader, slug) = setup(&app).await;
    let ada = app.admin("ada", "Ada Admin").await;
    let ada = app.api(&app.token(&ada).await);
    let (_, c) = owner
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimrat", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    let secret = c["slug"].as_str().unwrap().to_string();
    for (api, uid) in [(&troll, "troll"), (&reader, "reader")] {
        owner
            .post(&format!("/api/v1/communities/{secret}/members"), json!({"uid": uid}))
            .await;
        api.post(&format!("/api/v1/communities/{secret}/join"), json!({})).await;
    }
    let mut posts = Vec::new();
    for community in [&slug, &secret] {
        let (_, post) = troll
            .post(
                &format!("/api/v1/communities/{community}/posts"),
                json!({"title": "Werbung", "body": "Kauft bei mir!"}),
            )
            .await;
        let id = post["id"].as_i64().unwrap();
        reader
            .post(
                "/api/v1/reports",
                json!({"target": {"type": "post", "id": id}, "reason": "spam"}),
            )
            .await;
        posts.push(id);
    }

    let (status, queue) = ada.get("/api/v1/admin/reports").await;
    assert_eq!(status, 200);
    let mut communities: Vec<&str> = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["community"]["slug"].as_str().unwrap())
        .collect();
    communities.sort();
    assert_eq!(communities, vec!["fotografie", secret.as_str()]);
    let (status, _) = reader.get("/api/v1/admin/reports").await;
    assert_eq!(status, 404, "not for anyone else");
    let (status, _) = owner.get("/api/v1/admin/reports").await;
    assert_eq!(status, 404, "managers have their own community's queue");

    // Deciding from the admin page brings the admin back there.
    let browser = app.signed_in("ada", "en").await;
    let html = page(&browser, app.url("/admin/reports")).await;
    assert_eq!(texts(&html, "h1"), vec!["Reports in all communities"]);
    assert!(html.contains(">Geheimrat</a>"));
    let report = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["community"]["slug"] == secret.as_str())
        .unwrap()["report_id"]
        .to_string();
    let res = app
        .submit(
            &browser,
            "/admin/reports",
            &format!("/reports/{report}/decision"),
            &[("action", "hide"), ("reason", "Werbung"), ("back", "/admin/reports")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/admin/reports?done=hide");
    let (_, left) = ada.get("/api/v1/admin/reports").await;
    assert_eq!(left.as_array().unwrap().len(), 1);
    let (_, post) = owner.get(&format!("/api/v1/posts/{}", posts[1])).await;
    assert_eq!(post["hidden"], true);
    let (_, theirs) = owner.get(&format!("/api/v1/communities/{secret}/reports")).await;
    assert_eq!(theirs, json!([]), "settled for the community's moderators too");
}
