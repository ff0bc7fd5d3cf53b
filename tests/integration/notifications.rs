//! In-app notifications: who is told what, and nothing they may not see.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{TestApp, page, texts};

on_both_backends!(people_are_told_what_concerns_them_and_nothing_they_may_not_see);

async fn people_are_told_what_concerns_them_and_nothing_they_may_not_see(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let bernd = app.person("bernd", "Bernd Weiß").await;
    let carl = app.person("carl", "Carl Außen").await;
    let (anna, bernd, carl) = (
        app.api(&app.token(&anna).await),
        app.api(&app.token(&bernd).await),
        app.api(&app.token(&carl).await),
    );
    let (_, c) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Nord", "kind": "project", "visibility": "private"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    bernd.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    let (_, post) = anna
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Plan", "body": "@bernd und @carl, bitte lesen."}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    let kinds = |list: &serde_json::Value| -> Vec<String> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs), vec!["mentioned"]);
    assert_eq!(theirs["items"][0]["post_title"], "Plan");
    assert_eq!(theirs["unread"], 1);
    // An edit tells only people it newly mentions.
    anna.patch(
        &format!("/api/v1/posts/{id}"),
        json!({"body": "@bernd, bitte lesen. Ergänzt für @bernd."}),
    )
    .await;
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs), vec!["mentioned"]);
    let (_, outsiders) = carl.get("/api/v1/notifications").await;
    assert_eq!(
        kinds(&outsiders),
        Vec::<String>::new(),
        "Carl may not read the post: not told"
    );

    // Comments tell the post's author, replies the comment's author; nobody is told of their own.
    let (_, comment) = bernd
        .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Gelesen."}))
        .await;
    anna.post(
        &format!("/api/v1/posts/{id}/comments"),
        json!({"body": "Danke!", "parent_id": comment["id"]}),
    )
    .await;
    let (_, hers) = anna.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), vec!["comment"]);
    assert_eq!(hers["items"][0]["actor"]["uid"], "bernd");
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs), vec!["reply", "mentioned"]);
    assert_eq!(theirs["unread"], 2);

    // Read one on the page, then all by API.
    let browser = app.signed_in("bernd", "de").await;
    let html = page(&browser, app.url("/notifications")).await;
    assert_eq!(texts(&html, "#unread"), vec!["2 ungelesen."]);
    assert!(texts(&html, "#notification-list a")[0].contains("Anna Groß hat auf Ihren Kommentar"));
    let first = theirs["items"][0]["id"].as_i64().unwrap().to_string();
    let res = app
        .submit(&browser, "/notifications", "/notifications/read", &[("id", &first)])
        .await;
    assert_eq!(res.status(), 303);
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(theirs["unread"], 1);
    let (status, _) = bernd.post("/api/v1/notifications/read", json!({})).await;
    assert_eq!(status, 204);
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(theirs["unread"], 0);

    // Moderation tells the reporter and the author, never who reported.
    let (_, reply_list) = anna.get(&format!("/api/v1/posts/{id}")).await;
    let reply_id = reply_list["comments"][0]["replies"][0]["id"].as_i64().unwrap();
    bernd
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "comment", "id": reply_id}, "reason": "other"}),
        )
        .await;
    // Dismissing tells only the reporter, and not the moderator's reason.
    let (_, queue) = anna.get(&format!("/api/v1/communities/{slug}/reports")).await;
    let report = queue[0]["report_id"].as_i64().unwrap();
    anna.post(
        &format!("/api/v1/reports/{report}/decision"),
        json!({"action": "dismiss", "reason": "passt"}),
    )
    .await;
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs)[0], "report-handled");
    assert!(!theirs.to_string().contains("passt"));

    // One more mention, unread when Bernd leaves.
    anna.post(
        &format!("/api/v1/posts/{id}/comments"),
        json!({"body": "@bernd, noch da?"}),
    )
    .await;
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(theirs["unread"], 2, "{theirs}");

    // Leaving the private community: what was about it is no longer listed.
    bernd
        .post(&format!("/api/v1/communities/{slug}/leave"), json!({}))
        .await;
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs), Vec::<String>::new());
    assert!(!theirs.to_string().contains("Plan"));
    assert_eq!(theirs["unread"], 0, "the count matches the list: {theirs}");
}

on_both_backends!(switched_off_kinds_are_not_written);

async fn switched_off_kinds_are_not_written(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    app.person("bernd", "Bernd Weiß").await;
    let anna = app.api(&app.token(&anna).await);
    let (_, c) = anna
        .post("/api/v1/communities", json!({"name": "Lesekreis", "kind": "interest"}))
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    // Bernd keeps everything on except mentions.
    let browser = app.signed_in("bernd", "en").await;
    let names: Vec<String> = ["comment", "reply", "report-handled", "moderated"]
        .iter()
        .map(|k| format!("on-{k}"))
        .collect();
    let fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "on")).collect();
    let res = app
        .submit(&browser, "/settings", "/settings/notifications", &fields)
        .await;
    assert_eq!(res.status(), 303);
    let settings = page(&browser, app.url("/settings")).await;
    assert!(!settings.contains("id=\"on-mentioned\" checked"), "shown as off");
    assert!(settings.contains("id=\"on-reply\" checked"));
    anna.post(
        &format!("/api/v1/communities/{slug}/posts"),
        json!({"title": "Buchtipp", "body": "@bernd, kennst du das?"}),
    )
    .await;
    let html = page(&browser, app.url("/notifications")).await;
    assert_eq!(texts(&html, "#unread"), vec!["Nothing unread."]);
}

on_both_backends!(community_events_reach_whom_they_concern);

async fn community_events_reach_whom_they_concern(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let bernd = app.person("bernd", "Bernd Weiß").await;
    let carl = app.person("carl", "Carl Außen").await;
    let dora = app.person("dora", "Dora Still").await;
    let (anna, bernd, carl, dora) = (
        app.api(&app.token(&anna).await),
        app.api(&app.token(&bernd).await),
        app.api(&app.token(&carl).await),
        app.api(&app.token(&dora).await),
    );
    let kinds = |list: &serde_json::Value| -> Vec<String> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, c) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Süd", "kind": "project", "visibility": "private", "join_policy": "request"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();

    // A request goes to the managers, the approval back to who asked.
    bernd.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    bernd.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    let (_, hers) = anna.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), vec!["join-request"], "asking twice tells once");
    assert_eq!(hers["items"][0]["community"]["slug"], slug.as_str());
    assert_eq!(hers["items"][0]["actor"]["uid"], "bernd");
    let browser = app.signed_in("anna", "de").await;
    let html = page(&browser, app.url("/notifications")).await;
    assert!(
        html.contains(&format!("href=\"/c/{slug}/members\"")),
        "leads to the members page"
    );
    assert_eq!(
        texts(&html, "#notification-list a"),
        vec!["Bernd Weiß möchte Projekt Süd beitreten"]
    );
    anna.patch(
        &format!("/api/v1/communities/{slug}/members/bernd"),
        json!({"state": "active"}),
    )
    .await;
    let (_, theirs) = bernd.get("/api/v1/notifications").await;
    assert_eq!(kinds(&theirs), vec!["join-approved"]);

    // An invitation is told to whom it invites.
    let (status, body) = anna
        .post(&format!("/api/v1/communities/{slug}/members"), json!({"uid": "carl"}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, his) = carl.get("/api/v1/notifications").await;
    assert_eq!(kinds(&his), vec!["invited"]);
    carl.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;

    // Reactions are summed up while unread; changing one's reaction tells nobody again.
    let (_, post) = anna
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Zeitplan", "body": "Bis Freitag."}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    anna.post("/api/v1/notifications/read", json!({})).await;
    bernd
        .post(&format!("/api/v1/posts/{id}/reactions"), json!({"kind": "like"}))
        .await;
    carl.post(&format!("/api/v1/posts/{id}/reactions"), json!({"kind": "like"}))
        .await;
    bernd
        .post(&format!("/api/v1/posts/{id}/reactions"), json!({"kind": "celebrate"}))
        .await;
    let (_, hers) = anna.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), vec!["reaction", "join-request"], "one, not three: {hers}");
    assert_eq!(hers["items"][0]["detail"], "2", "two people reacted");
    assert_eq!(hers["items"][0]["actor"]["uid"], "carl");
    assert_eq!(hers["unread"], 1);
    let html = page(&browser, app.url("/notifications")).await;
    assert_eq!(
        texts(&html, "#notification-list a")[0],
        "Carl Außen und eine weitere Person haben auf Ihren Beitrag zu „Zeitplan“ reagiert"
    );

    // The first report of a content goes to the moderators, without the reporter's name.
    bernd
        .post(
            "/api/v1/reports",
            json!({"target": {"type": "post", "id": id}, "reason": "off-topic"}),
        )
        .await;
    carl.post(
        "/api/v1/reports",
        json!({"target": {"type": "post", "id": id}, "reason": "spam"}),
    )
    .await;
    let (_, hers) = anna.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), vec!["report", "reaction", "join-request"]);
    assert!(hers["items"][0]["actor"].is_null());

    // An invitation to a secret community vanishes with the invitation.
    let (_, s) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimprojekt", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    let secret = s["slug"].as_str().unwrap().to_string();
    anna.post(&format!("/api/v1/communities/{secret}/members"), json!({"uid": "dora"}))
        .await;
    let (_, hers) = dora.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), vec!["invited"]);
    assert_eq!(hers["items"][0]["community"]["name"], "Geheimprojekt");
    let (status, _) = anna.delete(&format!("/api/v1/communities/{secret}/members/dora")).await;
    assert_eq!(status, 204);
    let (_, hers) = dora.get("/api/v1/notifications").await;
    assert_eq!(kinds(&hers), Vec::<String>::new());
    assert_eq!(hers["unread"], 0, "the count matches the list");
    assert!(!hers.to_string().contains("Geheimprojekt"));
}

on_both_backends!(every_page_of_notifications_is_full_while_more_follow);

/// Bernd has seven notifications, the fourth newest about a private community's post he can no
/// longer read. Paged by three, he sees the six others, three and three, and is told where the
/// list ends.
async fn every_page_of_notifications_is_full_while_more_follow(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let bernd = app.person("bernd", "Bernd Weiß").await;
    let (anna, bernd) = (app.api(&app.token(&anna).await), app.api(&app.token(&bernd).await));
    let (_, private) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Nord", "kind": "project", "visibility": "private", "join_policy": "open"}),
        )
        .await;
    let private = private["slug"].as_str().unwrap().to_string();
    bernd
        .post(&format!("/api/v1/communities/{private}/join"), json!({}))
        .await;
    let (_, open) = anna
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    let open = open["slug"].as_str().unwrap().to_string();
    for (slug, title) in [(&open, "Strecke 1"), (&private, "Geheimer Plan"), (&open, "Strecke 2")] {
        let (status, post) = anna
            .post(
                &format!("/api/v1/communities/{slug}/posts"),
                json!({"title": title, "body": format!("@bernd, {title}")}),
            )
            .await;
        assert_eq!(status, 201, "{post}");
        if slug == &open {
            for n in 0..2 {
                anna.post(
                    &format!("/api/v1/posts/{}/comments", post["id"]),
                    json!({"body": format!("@bernd, Nachtrag {n}")}),
                )
                .await;
            }
        }
    }
    let (_, all) = bernd.get("/api/v1/notifications?limit=50").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 7, "{all}");
    bernd
        .post(&format!("/api/v1/communities/{private}/leave"), json!({}))
        .await;

    // The one he may no longer read is where the first page looks ahead for more.
    let mut seen = Vec::new();
    let mut path = "/api/v1/notifications?limit=3".to_string();
    loop {
        let (status, page) = bernd.get(&path).await;
        assert_eq!(status, 200, "{page}");
        let items = page["items"].as_array().unwrap();
        seen.extend(items.iter().map(|n| n["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                assert_eq!(items.len(), 3, "a page before the end is full: {page}");
                path = format!("/api/v1/notifications?limit=3&cursor={cursor}");
            }
            None => break,
        }
        assert!(seen.len() <= 6, "{seen:?}");
    }
    assert_eq!(seen.len(), 6, "every readable notification is reached: {seen:?}");
    let (_, first) = bernd.get("/api/v1/notifications?limit=3").await;
    assert_eq!(first["total"], 6, "the total counts what he may read: {first}");
    assert!(!first.to_string().contains("Geheimer Plan"));
}
