//! Managers manage members: invite, approve, roles, remove, ban and unban; one manager stays.

use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(managers_manage_members_and_one_manager_always_stays);

async fn managers_manage_members_and_one_manager_always_stays(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let rudi = app.person("rudi", "Rudi Request").await;
    let (olga, maria, rudi) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&maria).await),
        app.api(&app.token(&rudi).await),
    );
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Vorstandsrunde", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    let members = format!("/api/v1/communities/{slug}/members");

    // Invited, Maria sees the secret community and joins.
    let (status, _) = maria.get(&format!("/api/v1/communities/{slug}")).await;
    assert_eq!(status, 404);
    let (status, answer) = olga.post(&members, json!({"uid": "maria"})).await;
    assert_eq!((status, answer["state"].as_str()), (200, Some("invited")));
    let (status, _) = maria.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    assert_eq!(status, 200);
    let (status, problem) = olga.post(&members, json!({"uid": "maria"})).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("already-member")));
    // Only managers manage.
    let (status, problem) = maria.post(&members, json!({"uid": "rudi"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    let (status, _) = rudi.post(&members, json!({"uid": "rudi"})).await;
    assert_eq!(status, 404, "a secret community stays unknown");

    // Roles, and the last manager cannot step down.
    let (status, problem) = olga.patch(&format!("{members}/olga"), json!({"role": "member"})).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("last-manager")));
    let (status, _) = olga
        .patch(&format!("{members}/maria"), json!({"role": "manager"}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = maria.patch(&format!("{members}/olga"), json!({"role": "member"})).await;
    assert_eq!(status, 204, "with two managers one may go");
    let (status, problem) = maria
        .patch(&format!("{members}/maria"), json!({"role": "moderator"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("last-manager")));

    // Two managers demoting each other at the same moment: one wins, a manager stays.
    let (status, _) = maria
        .patch(&format!("{members}/olga"), json!({"role": "manager"}))
        .await;
    assert_eq!(status, 204);
    let (to_maria, to_olga) = (format!("{members}/maria"), format!("{members}/olga"));
    let (a, b) = tokio::join!(
        olga.patch(&to_maria, json!({"role": "member"})),
        maria.patch(&to_olga, json!({"role": "member"})),
    );
    let mut outcomes = [a.0, b.0];
    outcomes.sort();
    assert_eq!(outcomes[0], 204, "{a:?} {b:?}");
    assert!(outcomes[1] == 403 || outcomes[1] == 409, "{a:?} {b:?}");
    // Whoever won, make Maria the manager again for what follows.
    let (_, list) = olga.get(&format!("{members}?limit=10")).await;
    let olga_won = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["uid"] == "olga" && m["role"] == "manager");
    if olga_won {
        let (status, _) = olga
            .patch(&format!("{members}/maria"), json!({"role": "manager"}))
            .await;
        assert_eq!(status, 204);
        let (status, _) = maria.patch(&format!("{members}/olga"), json!({"role": "member"})).await;
        assert_eq!(status, 204);
    }

    // Ban: out, cannot rejoin, cannot even see the secret community; unban lets them be invited again.
    let (status, _) = maria
        .patch(&format!("{members}/olga"), json!({"state": "banned"}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = olga.get(&format!("/api/v1/communities/{slug}")).await;
    assert_eq!(status, 404);
    let (status, problem) = maria.post(&members, json!({"uid": "olga"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("banned")));
    let (status, _) = maria
        .patch(&format!("{members}/olga"), json!({"state": "active"}))
        .await;
    assert_eq!(status, 204);
    let (status, answer) = maria.post(&members, json!({"uid": "olga"})).await;
    assert_eq!((status, answer["state"].as_str()), (200, Some("invited")));
    // Declining an invitation or removing a member.
    let (status, _) = maria.delete(&format!("{members}/olga")).await;
    assert_eq!(status, 204);
    let (status, _) = olga.get(&format!("/api/v1/communities/{slug}")).await;
    assert_eq!(status, 404);
    let (status, problem) = maria
        .patch(&format!("{members}/nobody"), json!({"role": "member"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid-input")));

    // Requests in a community that asks: approved by a manager.
    let (_, open) = maria
        .post(
            "/api/v1/communities",
            json!({"name": "Lesekreis", "kind": "interest", "join_policy": "request"}),
        )
        .await;
    let open = open["slug"].as_str().unwrap().to_string();
    let (_, joined) = rudi.post(&format!("/api/v1/communities/{open}/join"), json!({})).await;
    assert_eq!(joined["state"], "requested", "{joined}");
    let (status, _) = maria
        .patch(
            &format!("/api/v1/communities/{open}/members/rudi"),
            json!({"state": "active"}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, seen) = rudi.get(&format!("/api/v1/communities/{open}")).await;
    assert_eq!(seen["my_state"], "active");
}

on_both_backends!(managers_change_settings_and_archive);

async fn managers_change_settings_and_archive(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let (olga, maria) = (app.api(&app.token(&olga).await), app.api(&app.token(&maria).await));
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Gartenfreunde", "kind": "interest"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    let path = format!("/api/v1/communities/{slug}");
    let (status, problem) = maria.patch(&path, json!({"description": "Meins"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    let (status, detail) = olga
        .patch(
            &path,
            json!({"name": "Gartenfreunde Nord", "description": "Wir pflanzen Tomaten.",
                   "code_of_conduct": "Seid freundlich.", "join_policy": "request"}),
        )
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        (
            detail["name"].as_str(),
            detail["join_policy"].as_str(),
            detail["code_of_conduct"].as_str()
        ),
        (Some("Gartenfreunde Nord"), Some("request"), Some("Seid freundlich."))
    );
    // The code of conduct is shown before joining; search knows the new words.
    let browser = app.signed_in("maria", "de").await;
    let html = crate::support::page(&browser, app.url(&format!("/c/{slug}"))).await;
    assert!(crate::support::texts(&html, "#code-of-conduct p").contains(&"Seid freundlich.".to_string()));
    let (_, found) = maria.get("/api/v1/search?q=Tomate").await;
    assert_eq!(found["items"][0]["title"], "Gartenfreunde Nord", "{found}");

    // Archived: read-only for everyone, until a manager unarchives it.
    let (status, _) = olga.patch(&path, json!({"archived": true})).await;
    assert_eq!(status, 200);
    let (status, problem) = olga
        .post(&format!("{path}/posts"), json!({"title": "Noch einer", "body": "x"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("archived")));
    let (status, problem) = maria.post(&format!("{path}/join"), json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("archived")));
    let (status, problem) = olga.patch(&path, json!({"description": "Neu"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("archived")));
    let (status, detail) = olga.patch(&path, json!({"archived": false})).await;
    assert_eq!((status, detail["archived"].as_bool()), (200, Some(false)));
    let (status, _) = olga
        .post(&format!("{path}/posts"), json!({"title": "Wieder offen", "body": "x"}))
        .await;
    assert_eq!(status, 201);
    let (status, problem) = olga.patch(&path, json!({"visibility": "everyone"})).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid-input")));

    // The same on the settings page; a bad name keeps what was typed.
    let owner = app.signed_in("olga", "de").await;
    let settings = format!("/c/{slug}/settings");
    let res = app
        .submit(
            &owner,
            &settings,
            &settings,
            &[
                ("name", "x"),
                ("description", "Gemüse auch"),
                ("code_of_conduct", ""),
                ("visibility", "public"),
                ("join_policy", "open"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Gemüse auch"));
    let res = app
        .submit(
            &owner,
            &settings,
            &settings,
            &[
                ("name", "Gartenfreunde Nord"),
                ("description", "Gemüse auch"),
                ("code_of_conduct", ""),
                ("visibility", "public"),
                ("join_policy", "open"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, detail) = maria.get(&path).await;
    assert_eq!(
        (detail["description"].as_str(), detail["join_policy"].as_str()),
        (Some("Gemüse auch"), Some("open"))
    );
    assert_eq!(
        browser.get(app.url(&settings)).send().await.unwrap().status(),
        403,
        "members do not get the form"
    );
}

on_both_backends!(the_members_page_is_for_managers_only);

async fn the_members_page_is_for_managers_only(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    app.person("paul", "Paul Außen").await;
    let (olga, maria) = (app.api(&app.token(&olga).await), app.api(&app.token(&maria).await));
    olga.post("/api/v1/communities", json!({"name": "Chor", "kind": "interest"}))
        .await;
    olga.post(
        "/api/v1/communities",
        json!({"name": "Vorstand intern", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
    )
    .await;
    maria.post("/api/v1/communities/chor/join", json!({})).await;

    let member = app.signed_in("maria", "en").await;
    let res = member.get(app.url("/c/chor/members")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = app
        .submit(&member, "/c/chor", "/c/chor/members/olga", &[("action", "ban")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .submit(&member, "/c/chor", "/c/chor/members", &[("person", "paul")])
        .await;
    assert_eq!(res.status(), 403);
    let (_, invited) = maria.get("/api/v1/notifications").await;
    assert_eq!(invited["total"], 0);
    let outsider = app.signed_in("paul", "en").await;
    let res = outsider
        .get(app.url("/c/vorstand-intern/members"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "a secret community does not exist for outsiders");

    // Nobody by that name: the manager is told so and the field keeps what was typed.
    let manager = app.signed_in("olga", "en").await;
    let res = app
        .submit(
            &manager,
            "/c/chor/members",
            "/c/chor/members",
            &[("person", "Zacharias")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Nobody who could be invited matches “Zacharias”"));
    assert!(html.contains("value=\"Zacharias\""));
    // Members are not offered again; one match is invited at once.
    let html = crate::support::page(&manager, app.url("/c/chor/members?find=Mu")).await;
    assert!(!html.contains("Maria Muster ("), "already a member: not a candidate");
    let res = app
        .submit(&manager, "/c/chor/members", "/c/chor/members", &[("person", "Paul")])
        .await;
    assert_eq!(res.status(), 303);
    let html = crate::support::page(&manager, app.url("/c/chor/members")).await;
    assert_eq!(crate::support::texts(&html, "#invited a"), vec!["Paul Außen"]);
}
