//! Far-reaching actions ask first: a post without `confirm=yes` changes nothing and answers with
//! a page that says what will happen, in the person's language and with names and numbers; the
//! confirmed form does it. Whoever may not act gets the refusal, not the question.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{TestApp, page, texts};

on_both_backends!(
    deleting_asks_first_and_says_what_goes,
    leaving_and_removing_ask_with_the_way_back,
    closing_and_archiving_ask_with_what_stays
);

/// The confirmation page's heading and sentence; panics when the answer is not one.
async fn question(res: reqwest::Response) -> (String, String) {
    assert_eq!(res.status(), 200, "a question, not the action");
    let html = res.text().await.unwrap();
    let title = texts(&html, "#confirm-title");
    let said = texts(&html, "#confirm-consequence");
    assert!(html.contains(r#"name="confirm" value="yes""#), "{html}");
    (title.concat(), said.concat())
}

async fn deleting_asks_first_and_says_what_goes(app: TestApp) {
    let olga = app.person("olga", "Olga Ort").await;
    let arne = app.person("arne", "Arne Autor").await;
    let rita = app.person("rita", "Rita Leser").await;
    let (olga_api, arne_api, rita_api) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&arne).await),
        app.api(&app.token(&rita).await),
    );
    let (_, c) = olga_api
        .post(
            "/api/v1/communities",
            json!({"name": "Fotografie", "kind": "interest", "visibility": "public"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    for api in [&arne_api, &rita_api] {
        api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    }
    let (_, post) = arne_api
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Blende 8", "body": "Und sei da."}),
        )
        .await;
    let id = post["id"].as_i64().unwrap();
    let (_, comment) = rita_api
        .post(&format!("/api/v1/posts/{id}/comments"), json!({"body": "Schön!"}))
        .await;
    let comment = comment["id"].as_i64().unwrap();
    let post_page = format!("/posts/{id}");

    // The author is asked, with the title and what goes with it; nothing is gone yet.
    let arne = app.signed_in("arne", "de").await;
    let (title, said) = question(app.submit(&arne, &post_page, &format!("{post_page}/delete"), &[]).await).await;
    assert_eq!(title, "Beitrag löschen?");
    assert_eq!(said, "Ihr Beitrag „Blende 8“ wird mit seinem Kommentar gelöscht.");
    let (status, _) = rita_api.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(status, 200, "still there");
    // Someone who may not delete it is refused, not asked.
    let rita = app.signed_in("rita", "en").await;
    let res = app.submit(&rita, &post_page, &format!("{post_page}/delete"), &[]).await;
    assert_eq!(res.status(), 403);
    // A moderator is told whose post it is; in English.
    let olga = app.signed_in("olga", "en").await;
    let (title, said) = question(app.submit(&olga, &post_page, &format!("{post_page}/delete"), &[]).await).await;
    assert_eq!(title, "Delete this post?");
    assert_eq!(
        said,
        "The post “Blende 8” by Arne Autor and its comment will be deleted."
    );

    // A comment: the author's own words, or whose they are.
    let (_, said) = question(
        app.submit(&rita, &post_page, &format!("/comments/{comment}/delete"), &[])
            .await,
    )
    .await;
    assert_eq!(said, "Your comment will disappear from the conversation.");
    let (_, said) = question(
        app.submit(&olga, &post_page, &format!("/comments/{comment}/delete"), &[])
            .await,
    )
    .await;
    assert_eq!(said, "Rita Leser’s comment will disappear from the conversation.");
    let res = app
        .submit(
            &rita,
            &post_page,
            &format!("/comments/{comment}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Confirmed, the post goes.
    let res = app
        .submit(&arne, &post_page, &format!("{post_page}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 303);
    let (status, _) = rita_api.get(&format!("/api/v1/posts/{id}")).await;
    assert_eq!(status, 404);

    // A task, by its title.
    olga_api
        .patch(&format!("/api/v1/communities/{slug}"), json!({"modules": ["tasks"]}))
        .await;
    let (status, task) = olga_api
        .post(
            &format!("/api/v1/communities/{slug}/tasks"),
            json!({"title": "Ausstellung planen"}),
        )
        .await;
    assert_eq!(status, 201, "{task}");
    let task = task["id"].as_i64().unwrap();
    let task_page = format!("/tasks/{task}");
    let (_, said) = question(app.submit(&olga, &task_page, &format!("{task_page}/delete"), &[]).await).await;
    assert_eq!(
        said,
        "“Ausstellung planen” will disappear from the board and from everyone’s task lists."
    );
    assert_eq!(olga_api.get(&format!("/api/v1/tasks/{task}")).await.0, 200);
    let res = app
        .submit(&olga, &task_page, &format!("{task_page}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(olga_api.get(&format!("/api/v1/tasks/{task}")).await.0, 404);
}

async fn leaving_and_removing_ask_with_the_way_back(app: TestApp) {
    let olga = app.person("olga", "Olga Ort").await;
    let paul = app.person("paul", "Paul Platz").await;
    let (olga_api, paul_api) = (app.api(&app.token(&olga).await), app.api(&app.token(&paul).await));
    let (_, c) = olga_api
        .post(
            "/api/v1/communities",
            json!({"name": "Chor", "kind": "interest", "visibility": "public", "join_policy": "request"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    let community = format!("/c/{slug}");

    // A request is withdrawn without a question.
    paul_api
        .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
        .await;
    let paul = app.signed_in("paul", "de").await;
    let res = app.submit(&paul, &community, &format!("{community}/leave"), &[]).await;
    assert_eq!(res.status(), 303, "withdrawing a request is not asked");

    // An active member learns how to come back.
    paul_api
        .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
        .await;
    olga_api
        .patch(
            &format!("/api/v1/communities/{slug}/members/paul"),
            json!({"state": "active"}),
        )
        .await;
    let (title, said) = question(app.submit(&paul, &community, &format!("{community}/leave"), &[]).await).await;
    assert_eq!(title, "Chor verlassen?");
    assert!(said.contains("müssen Sie erneut um Aufnahme bitten"), "{said}");
    // The last manager is refused with the reason instead.
    let olga = app.signed_in("olga", "en").await;
    let res = app.submit(&olga, &community, &format!("{community}/leave"), &[]).await;
    assert_eq!(res.status(), 409);
    let html = page(&olga, app.url(&community)).await;
    assert!(
        texts(&html, "#last-manager")[0].starts_with("You are the only manager"),
        "{html}"
    );
    assert!(!html.contains(r#"id="leave""#), "not offered: {html}");

    // A manager removes or bans a member by name, after the question.
    let members = format!("{community}/members");
    let (title, said) = question(
        app.submit(&olga, &members, &format!("{members}/paul"), &[("action", "ban")])
            .await,
    )
    .await;
    assert_eq!(title, "Ban Paul Platz from Chor?");
    assert!(
        said.contains("cannot join again until a manager lifts the ban"),
        "{said}"
    );
    let (title, _) = question(
        app.submit(&olga, &members, &format!("{members}/paul"), &[("action", "remove")])
            .await,
    )
    .await;
    assert_eq!(title, "Remove Paul Platz from Chor?");
    let (_, roster) = olga_api.get(&format!("/api/v1/communities/{slug}/members")).await;
    assert!(roster.to_string().contains("\"paul\""), "still a member: {roster}");
    let res = app
        .submit(
            &olga,
            &members,
            &format!("{members}/paul"),
            &[("action", "remove"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, roster) = olga_api.get(&format!("/api/v1/communities/{slug}/members")).await;
    assert!(!roster.to_string().contains("\"paul\""), "removed: {roster}");
}

async fn closing_and_archiving_ask_with_what_stays(app: TestApp) {
    let root = app.admin("root", "Rut Root").await;
    let olga = app.person("olga", "Olga Ort").await;
    let leni = app.person("leni", "Leni Leaver").await;
    let root_api = app.api(&app.token(&root).await);
    let olga_api = app.api(&app.token(&olga).await);
    let (_, c) = olga_api
        .post(
            "/api/v1/communities",
            json!({"name": "Kochen", "kind": "interest", "visibility": "public"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    olga_api
        .patch(&format!("/api/v1/communities/{slug}"), json!({"modules": ["polls"]}))
        .await;
    let (status, poll) = olga_api
        .post(
            &format!("/api/v1/communities/{slug}/polls"),
            json!({"question": "Was kochen wir?", "options": ["Suppe", "Curry"]}),
        )
        .await;
    assert_eq!(status, 201, "{poll}");
    let poll = poll["id"].as_i64().unwrap();
    let olga = app.signed_in("olga", "de").await;
    let poll_page = format!("/polls/{poll}");
    let (title, said) = question(app.submit(&olga, &poll_page, &format!("{poll_page}/close"), &[]).await).await;
    assert_eq!(title, "Umfrage „Was kochen wir?“ beenden?");
    assert!(said.starts_with("Bisher hat niemand abgestimmt."), "{said}");
    let (_, still) = olga_api.get(&format!("/api/v1/polls/{poll}")).await;
    assert_eq!(still["closed"], false, "{still}");

    // An admin archives a community: its members keep reading.
    let root = app.signed_in("root", "en").await;
    let (title, said) = question(
        app.submit(
            &root,
            "/admin/communities",
            &format!("/admin/communities/{slug}"),
            &[("action", "archive")],
        )
        .await,
    )
    .await;
    assert_eq!(title, "Archive Kochen?");
    assert!(
        said.starts_with("Its member can still read, but nobody can post"),
        "{said}"
    );
    let (_, detail) = root_api.get(&format!("/api/v1/communities/{slug}")).await;
    assert_eq!(detail["archived"], false);

    // And deactivates a leaver, told what that means.
    let person_page = format!("/admin/people/{}", leni.id);
    let (title, said) = question(
        app.submit(&root, &person_page, &person_page, &[("action", "deactivate")])
            .await,
    )
    .await;
    assert_eq!(title, "Deactivate Leni Leaver’s account?");
    assert!(said.contains("until then you can reactivate the account"), "{said}");
    let html = page(&root, app.url(&person_page)).await;
    assert!(html.contains(r#"id="deactivate""#), "still active: {html}");
}
