//! Community blogs: posts, comments, reactions, and who may do what — pages and API.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    members_post_comment_and_react_in_a_browser,
    the_api_follows_the_same_rules,
    secret_content_reaches_no_outsider,
    moderators_see_what_was_deleted,
    bad_input_gets_clear_answers
);

/// An interest community made by `owner` through the API; returns its slug.
async fn community(owner: &Api, name: &str, visibility: &str) -> String {
    let (status, c) = owner
        .post(
            "/api/v1/communities",
            json!({"name": name, "kind": "interest", "visibility": visibility}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    c["slug"].as_str().unwrap().to_string()
}

async fn members_post_comment_and_react_in_a_browser(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let slug = community(&app.api(&app.token(&anna).await), "Laufgruppe", "public").await;
    let browser = app.signed_in("anna", "de").await;

    let res = app
        .submit(
            &browser,
            &format!("/c/{slug}/posts/new"),
            &format!("/c/{slug}/posts"),
            &[
                ("title", "Lauf am Donnerstag"),
                ("body", "Wir treffen uns **um 18 Uhr**.<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/posts/"), "{location}");
    let html = page(&browser, app.url(&location)).await;
    assert_eq!(texts(&html, "h1"), vec!["Lauf am Donnerstag"]);
    assert_eq!(texts(&html, "#done").len(), 1, "the page says it is published");
    assert!(html.contains("<strong>um 18 Uhr</strong>"));
    assert!(!html.contains("<script>alert"), "markdown is sanitised");
    // The community page lists it.
    let community_page = page(&browser, app.url(&format!("/c/{slug}"))).await;
    assert!(texts(&community_page, ".post h3").contains(&"Lauf am Donnerstag".to_string()));

    // Bernd joins, comments, and Anna replies.
    app.person("bernd", "Bernd Weiß").await;
    let bernd = app.signed_in("bernd", "en").await;
    let res = app
        .submit(&bernd, &format!("/c/{slug}"), &format!("/c/{slug}/join"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let id = location.trim_start_matches("/posts/").split('?').next().unwrap();
    let res = app
        .submit(
            &bernd,
            &location,
            &format!("/posts/{id}/comments"),
            &[("body", "Ich bin dabei!")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&browser, app.url(&location)).await;
    let comment_id = html
        .split("id=\"comment-")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let res = app
        .submit(
            &browser,
            &location,
            &format!("/posts/{id}/comments"),
            &[("body", "Super, bis dann."), ("parent_id", &comment_id)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&bernd, app.url(&location)).await;
    assert_eq!(texts(&html, ".replies .comment .prose p"), vec!["Super, bis dann."]);
    assert_eq!(texts(&html, "#comments-heading"), vec!["2 comments"]);

    // One reaction per person: a second kind replaces the first, the same kind again takes it back.
    for kind in ["like", "celebrate"] {
        let res = app
            .submit(&bernd, &location, &format!("/posts/{id}/reaction"), &[("kind", kind)])
            .await;
        assert_eq!(res.status(), 303);
    }
    let html = page(&bernd, app.url(&location)).await;
    assert_eq!(
        texts(&html, "#reactions .reaction.mine"),
        vec!["Celebrate 1"],
        "the second replaced the first"
    );
    let res = app
        .submit(&bernd, &location, &format!("/posts/{id}/reaction"), &[("kind", "")])
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&bernd, app.url(&location)).await;
    assert!(texts(&html, "#reactions .reaction.mine").is_empty());

    // Editing marks the post as edited; only the author gets the form.
    let res = app
        .submit(
            &browser,
            &format!("/posts/{id}/edit"),
            &format!("/posts/{id}/edit"),
            &[("title", "Lauf am Freitag"), ("body", "Verschoben.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&bernd, app.url(&location)).await;
    assert_eq!(texts(&html, "h1"), vec!["Lauf am Freitag"]);
    assert!(texts(&html, "#post .meta").iter().any(|m| m.contains("edited")));
    assert_eq!(
        bernd
            .get(app.url(&format!("/posts/{id}/edit")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

async fn the_api_follows_the_same_rules(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let member = app.person("member", "Max Member").await;
    let outsider = app.person("outsider", "Otto Outsider").await;
    let (owner, member, outsider) = (
        app.api(&app.token(&owner).await),
        app.api(&app.token(&member).await),
        app.api(&app.token(&outsider).await),
    );
    let slug = community(&owner, "Rust-Stammtisch", "public").await;
    member
        .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
        .await;

    let (status, post) = member
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Hallo", "body": "Erster *Beitrag*"}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    assert_eq!(post["body"], "Erster *Beitrag*");
    assert_eq!(post["body_html"], "<p>Erster <em>Beitrag</em></p>\n");
    assert_eq!(post["author"]["uid"], "member");
    let id = post["id"].as_i64().unwrap();

    // Pinning is for managers.
    let (status, problem) = member
        .patch(&format!("/api/v1/posts/{id}"), json!({"pinned": true}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    let (status, pinned) = owner
        .patch(&format!("/api/v1/posts/{id}"), json!({"pinned": true}))
        .await;
    assert_eq!((status, pinned["pinned"].as_bool()), (200, Some(true)));
    assert!(pinned["edited_at"].is_null(), "pinning is not editing");
    // Only the author edits the text.
    let (status, _) = owner
        .patch(&format!("/api/v1/posts/{id}"), json!({"title": "Übernommen"}))
        .await;
    assert_eq!(status, 403);
    let (status, edited) = member
        .patch(&format!("/api/v1/posts/{id}"), json!({"body": "Geändert"}))
        .await;
    assert_eq!(status, 200);
    assert!(edited["edited_at"].is_string());
    // On the page, the manager gets the flags but not the author's text.
    let manager = app.signed_in("owner", "de").await;
    let form = page(&manager, app.url(&format!("/posts/{id}/edit"))).await;
    assert!(form.contains("id=\"title\" name=\"title\" value=\"Hallo\" required maxlength=\"200\" readonly"));
    let res = app
        .submit(
            &manager,
            &format!("/posts/{id}/edit"),
            &format!("/posts/{id}/edit"),
            &[("title", "Übernommen"), ("body", "Überschrieben")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, after) = member.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(
        (
            after["title"].as_str(),
            after["body"].as_str(),
            after["pinned"].as_bool()
        ),
        (Some("Hallo"), Some("Geändert"), Some(false)),
        "unpinned; the text is still the author's"
    );

    // Outsiders read a public community's posts but take part only after joining.
    let (status, list) = outsider.get(&format!("/api/v1/communities/{slug}/posts")).await;
    assert_eq!((status, list["items"].as_array().map(Vec::len)), (200, Some(1)));
    let (status, problem) = outsider
        .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Hi"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("members-only")));
    let (status, problem) = outsider
        .post(&format!("/api/v1/posts/{id}/reactions"), json!({"kind": "like"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("members-only")));

    // Comments, one level of replies.
    let (status, comment) = owner
        .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Willkommen"}))
        .await;
    assert_eq!(status, 201, "{comment}");
    let cid = comment["id"].as_i64().unwrap();
    let (status, reply) = member
        .post(
            &format!("/api/v1/posts/{id}/comments"),
            json!({"body": "Danke", "parent_id": cid}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, problem) = member
        .post(
            &format!("/api/v1/posts/{id}/comments"),
            json!({"body": "Tiefer", "parent_id": reply["id"]}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (422, Some("invalid-input")),
        "{problem}"
    );

    // Reactions: one per person and item.
    for kind in ["like", "insightful"] {
        let (status, _) = member
            .post(&format!("/api/v1/comments/{cid}/reactions"), json!({"kind": kind}))
            .await;
        assert_eq!(status, 200);
    }
    let (_, detail) = owner.get(&format!("/api/v1/posts/{id}")).await;
    let reactions = &detail["comments"][0]["reactions"];
    assert_eq!(
        (reactions["like"].as_i64(), reactions["insightful"].as_i64()),
        (Some(0), Some(1))
    );
    assert_eq!(detail["comments"][0]["replies"][0]["body"], "Danke");
    assert_eq!(detail["comment_count"], 2);

    // The organization's and departments' blogs are their managers'.
    let (_, org) = member.get("/api/v1/communities?kind=organization").await;
    let org_slug = org["items"][0]["slug"].as_str().expect("the organization community");
    let (status, problem) = member
        .post(
            &format!("/api/v1/communities/{org_slug}/posts"),
            json!({"title": "An alle", "body": "Hallo"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-post-here")));
}

async fn secret_content_reaches_no_outsider(app: TestApp) {
    let insider = app.person("insider", "Ines Insider").await;
    let outsider = app.person("outsider", "Otto Outsider").await;
    let insider = app.api(&app.token(&insider).await);
    let outsider_api = app.api(&app.token(&outsider).await);
    for visibility in ["secret", "private"] {
        let slug = community(&insider, &format!("Geheim {visibility}"), visibility).await;
        let (_, post) = insider
            .post(
                &format!("/api/v1/communities/{slug}/posts"),
                json!({"title": "Vertraulich", "body": "Nur für uns"}),
            )
            .await;
        let id = post["id"].as_i64().unwrap();
        let (_, comment) = insider
            .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Psst"}))
            .await;
        let cid = comment["id"].as_i64().unwrap();
        let (status, list) = outsider_api.get(&format!("/api/v1/communities/{slug}/posts")).await;
        let expected = if visibility == "secret" { 404 } else { 403 };
        assert_eq!(status, expected, "{visibility}: {list}");
        for (method, path, body) in [
            ("GET", format!("/api/v1/posts/{id}"), None),
            ("PATCH", format!("/api/v1/posts/{id}"), Some(json!({"title": "x"}))),
            ("DELETE", format!("/api/v1/posts/{id}"), None),
            (
                "POST",
                format!("/api/v1/posts/{id}/comments"),
                Some(json!({"body": "x"})),
            ),
            (
                "POST",
                format!("/api/v1/posts/{id}/reactions"),
                Some(json!({"kind": "like"})),
            ),
            ("PATCH", format!("/api/v1/comments/{cid}"), Some(json!({"body": "x"}))),
            ("DELETE", format!("/api/v1/comments/{cid}"), None),
            (
                "POST",
                format!("/api/v1/comments/{cid}/reactions"),
                Some(json!({"kind": "like"})),
            ),
        ] {
            let (status, body) = match (method, body) {
                ("GET", _) => outsider_api.get(&path).await,
                ("PATCH", Some(b)) => outsider_api.patch(&path, b).await,
                ("DELETE", _) => outsider_api.delete(&path).await,
                (_, b) => outsider_api.post(&path, b.unwrap_or(json!({}))).await,
            };
            assert_eq!(status, 404, "{visibility} {method} {path}: {body}");
            assert!(!body.to_string().contains("Vertraulich") && !body.to_string().contains("Psst"));
        }
        // The pages too.
        let browser = app.signed_in("outsider", "de").await;
        for path in [
            format!("/posts/{id}"),
            format!("/posts/{id}/edit"),
            format!("/comments/{cid}/edit"),
        ] {
            let res = browser.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
            assert!(!res.text().await.unwrap().contains("Vertraulich"));
        }
    }
}

async fn moderators_see_what_was_deleted(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let author = app.person("author", "Arne Author").await;
    let reader = app.person("reader", "Rita Reader").await;
    let (owner, author, reader) = (
        app.api(&app.token(&owner).await),
        app.api(&app.token(&author).await),
        app.api(&app.token(&reader).await),
    );
    let slug = community(&owner, "Fotografie", "public").await;
    for api in [&author, &reader] {
        api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    }
    let (_, post) = author
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Spam", "body": "Billig!"}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    // A reader may not delete someone else's post; the owner (a manager) may.
    let (status, _) = reader.delete(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(status, 403);
    let (status, _) = owner.delete(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(status, 204);
    let (status, _) = reader.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(status, 404, "gone for readers");
    let (_, list) = reader.get(&format!("/api/v1/communities/{slug}/posts")).await;
    assert_eq!(list["items"], json!([]));
    let (status, seen) = owner.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(
        (status, seen["deleted"].as_bool()),
        (200, Some(true)),
        "moderators still see it"
    );
    // Acting on deleted content is a clear conflict, not a crash.
    let (status, problem) = author
        .patch(&format!("/api/v1/posts/{id}"), json!({"body": "Neu"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("not-found")));
    let (status, problem) = owner.delete(&format!("/api/v1/posts/{id}")).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("deleted")));
    // The moderator's deletion is in the audit log.
    let logged: i64 = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            use diesel::prelude::*;
            audit_log::table
                .filter(audit_log::action.eq("post.delete"))
                .count()
                .get_result(c)
        })
        .await;
    assert_eq!(logged, 1);
}

async fn bad_input_gets_clear_answers(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let api = app.api(&app.token(&anna).await);
    let slug = community(&api, "Schach", "public").await;
    let posts = format!("/api/v1/communities/{slug}/posts");
    let huge = "x".repeat(20_001);
    let nested = format!("{}tief", "> ".repeat(5_000));
    let list = format!("{}Punkt", "- ".repeat(5_000));
    for (body, status) in [
        (json!({"title": "", "body": "x"}), 422),
        (json!({"title": "Groß", "body": huge}), 422),
        (json!({"title": "Steuerzeichen \u{7}", "body": "x"}), 422),
        (json!({"title": "Verschachtelt", "body": nested}), 201),
        (json!({"title": "Liste", "body": list}), 201),
        (
            json!({"title": "XSS", "body": "<img src=x onerror=alert(1)> [a](javascript:alert(1))"}),
            201,
        ),
    ] {
        let (got, answer) = api.post(&posts, body).await;
        assert_eq!(got, status, "{answer}");
        if status == 201 {
            let html = answer["body_html"].as_str().unwrap();
            assert!(!html.contains("<img") && !html.contains("href=\"javascript"), "{html}");
        }
    }
    let (status, _) = api.get("/api/v1/posts/999999").await;
    assert_eq!(status, 404);
    // A form that fails keeps what was typed.
    let browser = app.signed_in("anna", "de").await;
    let res = app
        .submit(
            &browser,
            &format!("/c/{slug}/posts/new"),
            &format!("/c/{slug}/posts"),
            &[("title", ""), ("body", "Mein langer Text")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Mein langer Text"));
    assert!(texts(&html, "[role=alert]").iter().any(|m| m.contains("Titel")));
}

on_both_backends!(mentions_link_people_and_topics_gather_posts_one_may_read);

async fn mentions_link_people_and_topics_gather_posts_one_may_read(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    app.person("bernd", "Bernd Weiß").await;
    let outsider = app.person("otto", "Otto Outsider").await;
    let anna = app.api(&app.token(&anna).await);
    let otto = app.api(&app.token(&outsider).await);
    let open = community(&anna, "Qualitätszirkel", "public").await;
    let secret = community(&anna, "Vorstandskreis", "secret").await;
    let (_, public_post) = anna
        .post(
            &format!("/api/v1/communities/{open}/posts"),
            json!({"title": "Audit", "body": "Danke @bernd und @niemand! #Qualität #ISO-9001"}),
        )
        .await;
    let html = public_post["body_html"].as_str().unwrap();
    assert!(html.contains("<a href=\"/people/bernd\""), "{html}");
    assert!(
        !html.contains("/people/niemand"),
        "only people who exist are linked: {html}"
    );
    assert!(html.contains("<a href=\"/topics/qualit%C3%A4t\""), "{html}");
    let (_, secret_post) = anna
        .post(
            &format!("/api/v1/communities/{secret}/posts"),
            json!({"title": "Vertraulich", "body": "Intern zu #QUALITÄT"}),
        )
        .await;

    // Topics are found whatever their case; each reader sees the posts they may read.
    let (status, mine) = anna.get("/api/v1/topics/Qualit%C3%84t/posts").await;
    assert_eq!((status, mine["items"].as_array().unwrap().len()), (200, 2), "{mine}");
    // The editor's '#' list offers topics in use, counted over what each may read.
    let anna_pages = app.signed_in("anna", "de").await;
    let otto_pages = app.signed_in("otto", "de").await;
    let url = app.url("/suggest/topics?q=qual");
    let offered = |client: reqwest::Client| {
        let url = url.clone();
        async move {
            client
                .get(url)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let for_anna = offered(anna_pages).await;
    assert_eq!(
        (for_anna[0]["topic"].as_str(), for_anna[0]["posts"].as_i64()),
        (Some("qualität"), Some(2)),
        "{for_anna}"
    );
    let for_otto = offered(otto_pages).await;
    assert_eq!(
        for_otto[0]["posts"], 1,
        "the secret post is not counted for him: {for_otto}"
    );
    let (_, theirs) = otto.get("/api/v1/topics/qualit%C3%A4t/posts").await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 1);
    assert_eq!(theirs["items"][0]["title"], "Audit");
    assert!(!theirs.to_string().contains("Vertraulich"));
    let (_, trending) = otto.get("/api/v1/topics").await;
    let count = |list: &serde_json::Value, topic: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|t| t["topic"] == topic)
            .map(|t| t["posts"].as_i64().unwrap())
    };
    assert_eq!(count(&trending, "qualität"), Some(1), "{trending}");
    assert_eq!(count(&trending, "iso-9001"), Some(1));
    let (_, trending) = anna.get("/api/v1/topics").await;
    assert_eq!(count(&trending, "qualität"), Some(2));

    // The pages say the same.
    let browser = app.signed_in("otto", "de").await;
    let topic_page = page(&browser, app.url("/topics/qualit%C3%A4t")).await;
    assert_eq!(texts(&topic_page, ".post h3"), vec!["Audit"]);
    let topics = page(&browser, app.url("/topics")).await;
    assert!(
        texts(&topics, "#trending a").contains(&"#qualität".to_string()),
        "{topics}"
    );

    // An edit that drops the topic takes the post off its page.
    let id = public_post["id"].as_i64().unwrap();
    anna.patch(&format!("/api/v1/posts/{id}"), json!({"body": "Ohne Thema"}))
        .await;
    let (_, theirs) = otto.get("/api/v1/topics/qualit%C3%A4t/posts").await;
    assert_eq!(theirs["items"], json!([]));
    // A deleted post leaves the topic too, also for its author.
    let secret_id = secret_post["id"].as_i64().unwrap();
    anna.delete(&format!("/api/v1/posts/{secret_id}")).await;
    let (_, mine) = anna.get("/api/v1/topics/qualit%C3%A4t/posts").await;
    assert_eq!(mine["items"], json!([]));
}

on_both_backends!(the_feed_brings_my_communities_and_followed_topics);

async fn the_feed_brings_my_communities_and_followed_topics(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    let bernd = app.person("bernd", "Bernd Weiß").await;
    let (anna, bernd) = (app.api(&app.token(&anna).await), app.api(&app.token(&bernd).await));
    let mine = community(&anna, "Laufgruppe", "public").await;
    let theirs = community(&bernd, "Rust-Stammtisch", "public").await;
    let hidden = community(&bernd, "Geheimprojekt", "secret").await;
    for (api, slug, title, body) in [
        (&anna, &mine, "Lauf am Montag", "Start 18 Uhr"),
        (&bernd, &theirs, "Neues Release", "Lest die Notizen #rust"),
        (&bernd, &theirs, "Anderes Thema", "Nur Organisatorisches"),
        (&bernd, &hidden, "Geheim", "Intern #rust"),
    ] {
        let (status, _) = api
            .post(
                &format!("/api/v1/communities/{slug}/posts"),
                json!({"title": title, "body": body}),
            )
            .await;
        assert_eq!(status, 201);
    }
    let titles = |feed: &serde_json::Value| -> Vec<String> {
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, feed) = anna.get("/api/v1/feed").await;
    assert_eq!(titles(&feed), vec!["Lauf am Montag"]);

    // Following #rust (from the topic page) brings its readable posts, not the secret one.
    let browser = app.signed_in("anna", "de").await;
    let res = app
        .submit(&browser, "/topics/rust", "/topics/rust/follow", &[("follow", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let (_, feed) = anna.get("/api/v1/feed").await;
    assert_eq!(titles(&feed), vec!["Neues Release", "Lauf am Montag"]);
    let home = page(&browser, app.url("/")).await;
    assert_eq!(texts(&home, "#feed .post h3"), vec!["Neues Release", "Lauf am Montag"]);
    assert!(!home.contains("Geheim"));
    let topic = page(&browser, app.url("/topics/rust")).await;
    assert_eq!(texts(&topic, "#follow"), vec!["Nicht mehr folgen"]);

    // Paged, newest first; and unfollowing takes the topic's posts away again.
    let (_, first) = anna.get("/api/v1/feed?limit=1").await;
    assert_eq!(titles(&first), vec!["Neues Release"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = anna.get(&format!("/api/v1/feed?limit=1&cursor={cursor}")).await;
    assert_eq!(titles(&second), vec!["Lauf am Montag"]);
    // A comment brings a post up again: the feed follows the latest activity.
    let lauf = second["items"][0]["id"].as_i64().unwrap();
    let (status, _) = anna
        .post(
            &format!("/api/v1/posts/{lauf}/comments"),
            json!({"body": "Treffpunkt am Tor."}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, feed) = anna.get("/api/v1/feed").await;
    assert_eq!(titles(&feed), vec!["Lauf am Montag", "Neues Release"]);
    let (_, first) = anna.get("/api/v1/feed?limit=1").await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = anna.get(&format!("/api/v1/feed?limit=1&cursor={cursor}")).await;
    assert_eq!(titles(&second), vec!["Neues Release"], "paging follows the same order");
    let (status, _) = anna.delete("/api/v1/topics/rust/follow").await;
    assert_eq!(status, 204);
    let (_, feed) = anna.get("/api/v1/feed").await;
    assert_eq!(titles(&feed), vec!["Lauf am Montag"]);
}

on_both_backends!(the_home_page_pins_announcements_and_marks_what_came_since_the_last_visit);

async fn the_home_page_pins_announcements_and_marks_what_came_since_the_last_visit(app: TestApp) {
    let hanna = app.person("hanna", "Hanna Head").await;
    let anna = app.person("anna", "Anna Groß").await;
    app.department("Vertrieb", &[hanna.id, anna.id]).await;
    let (hanna, anna_api) = (app.api(&app.token(&hanna).await), app.api(&app.token(&anna).await));
    let (status, _) = hanna
        .post(
            "/api/v1/communities/vertrieb/posts",
            json!({"title": "Neue Preisliste", "body": "Gilt ab Montag.", "announcement": true}),
        )
        .await;
    assert_eq!(status, 201);
    let laufen = community(&anna_api, "Laufgruppe", "public").await;
    let long = "Wir laufen am Fluss entlang. ".repeat(30);
    for (title, body, kind) in [
        ("Strecke gesucht", "Wer kennt eine?", "question"),
        ("Bericht", long.as_str(), "post"),
    ] {
        let (status, _) = anna_api
            .post(
                &format!("/api/v1/communities/{laufen}/posts"),
                json!({"title": title, "body": body, "kind": kind}),
            )
            .await;
        assert_eq!(status, 201);
    }

    // The department's announcement is pinned on top, by the community's name, and not shown
    // twice; a question says it is one; a long post is cut short with a way to read on.
    let anna = app.signed_in("anna", "de").await;
    let home = page(&anna, app.url("/")).await;
    assert_eq!(texts(&home, "#announcements h3"), vec!["Neue Preisliste"]);
    assert_eq!(texts(&home, "#announcements .in-community a"), vec!["Vertrieb"]);
    assert_eq!(texts(&home, "#feed h3"), vec!["Bericht", "Strecke gesucht"]);
    assert_eq!(texts(&home, "#feed .in-community a"), vec!["Laufgruppe", "Laufgruppe"]);
    assert!(
        texts(&home, "#feed article:nth-of-type(2) .badge").contains(&"Frage".to_string()),
        "{home}"
    );
    assert_eq!(texts(&home, "#feed .read-on"), vec!["Weiterlesen: Bericht"]);
    assert!(
        texts(&home, "#feed .badge.new").is_empty(),
        "on the first visit nothing is marked"
    );

    // Back after a while: what came since the last visit is marked, and stays so on a reload.
    for (api, title) in [(&hanna, "Neu dabei"), (&anna_api, "Von mir")] {
        let community = if title == "Neu dabei" {
            "vertrieb"
        } else {
            laufen.as_str()
        };
        api.post(
            &format!("/api/v1/communities/{community}/posts"),
            json!({"title": title, "body": "Hallo!"}),
        )
        .await;
    }
    app.clock.advance(chrono::Duration::hours(2));
    for _ in 0..2 {
        let home = page(&anna, app.url("/")).await;
        assert_eq!(
            texts(&home, "#fresh"),
            vec!["Ein neuer Beitrag seit Ihrem letzten Besuch"]
        );
        assert_eq!(texts(&home, "#feed article:has(.badge.new) h3"), vec!["Neu dabei"]);
    }
}

on_both_backends!(the_preview_shows_the_text_as_it_will_be_and_saves_nothing);

async fn the_preview_shows_the_text_as_it_will_be_and_saves_nothing(app: TestApp) {
    let anna = app.person("anna", "Anna Groß").await;
    app.person("bernd", "Bernd Weiß").await;
    let slug = community(&app.api(&app.token(&anna).await), "Laufgruppe", "public").await;
    let browser = app.signed_in("anna", "de").await;
    let (new, create) = (format!("/c/{slug}/posts/new"), format!("/c/{slug}/posts"));
    let text = "Treffen **um 18 Uhr**, frag @bernd oder @niemand <img src=x onerror=alert(1)>";

    // Without JavaScript: the preview button renders the form again, with the text kept.
    let res = app
        .submit(
            &browser,
            &new,
            &create,
            &[("title", "Lauf"), ("body", text), ("preview", "1")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<strong>um 18 Uhr</strong>"), "{html}");
    assert!(
        html.contains(r#"<a href="/people/bernd""#),
        "a colleague who exists is linked: {html}"
    );
    assert!(
        !html.contains(r#"href="/people/niemand""#),
        "nobody of that name: {html}"
    );
    assert!(!html.contains("<img src=x"), "markup typed in is text: {html}");
    assert_eq!(texts(&html, "#title").len(), 1);
    assert!(html.contains("value=\"Lauf\""), "{html}");
    let saved: i64 = app
        .query(|c| {
            use diesel::prelude::*;
            allmende::db::schema::posts::table.count().get_result(c)
        })
        .await;
    assert_eq!(saved, 0, "a preview saves nothing");

    // With JavaScript the same rendering comes from /preview, for those signed in, with the token.
    let token = crate::support::csrf_token(&page(&browser, app.url(&new)).await);
    let res = browser
        .post(app.url("/preview"))
        .form(&[("csrf_token", token.as_str()), ("body", text)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fragment = res.text().await.unwrap();
    assert!(
        fragment.starts_with("<p>Treffen <strong>um 18 Uhr</strong>") && fragment.contains("/people/bernd"),
        "{fragment}"
    );
    // A newsletter previews as its mail will show it: nobody linked, pictures as links.
    let mail = browser
        .post(app.url("/preview"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("body", "Hallo @bernd ![Team](https://fotos.example/team.jpg)"),
            ("as", "mail"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !mail.contains("/people/bernd") && !mail.contains("<img") && mail.contains(">Team</a>"),
        "{mail}"
    );
    let res = browser
        .post(app.url("/preview"))
        .form(&[("body", text)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "no token, no preview");
    let res = app
        .browser("de")
        .post(app.url("/preview"))
        .form(&[("body", text)])
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200);
}
