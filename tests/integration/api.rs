use allmende::db::schema::communities;
use diesel::prelude::*;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    people_are_listed_in_pages_with_cursors,
    communities_are_created_and_bad_input_loses_nothing,
    joining_and_leaving,
    secret_communities_do_not_exist_for_outsiders,
    the_openapi_document_describes_every_endpoint,
);

async fn people_are_listed_in_pages_with_cursors(app: TestApp) {
    let me = app.person("zora", "Zora Zander").await;
    for (uid, name) in [
        ("anna", "Anna Arendt"),
        ("bert", "Bert Brecht"),
        ("cora", "Cora Conrad"),
        ("dora", "Dora Düsentrieb"),
    ] {
        app.person(uid, name).await;
    }
    let api = app.api(&app.token(&me).await);

    let (status, first) = api.get("/api/v1/people?limit=2").await;
    assert_eq!(status, 200);
    assert_eq!(first["total"], 5);
    let names = |page: &serde_json::Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["uid"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&first), ["anna", "bert"]);
    let cursor = first["next_cursor"].as_str().expect("more pages");
    let (_, second) = api.get(&format!("/api/v1/people?limit=2&cursor={cursor}")).await;
    assert_eq!(names(&second), ["cora", "dora"]);
    let (_, third) = api
        .get(&format!(
            "/api/v1/people?limit=2&cursor={}",
            second["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(names(&third), ["zora"]);
    assert!(third["next_cursor"].is_null());

    let (_, found) = api.get("/api/v1/people?q=D%C3%9CSEN").await;
    assert_eq!(names(&found), ["dora"], "search ignores case beyond ASCII");

    let (status, problem) = api.get("/api/v1/people?limit=500").await;
    assert_eq!(status, 422);
    assert_eq!(problem["code"], "invalid-input");
    assert_eq!(problem["field"], "limit");
    let (status, problem) = api.get("/api/v1/people?cursor=garbage!").await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("cursor")));

    let (status, person) = api.get("/api/v1/people/bert").await;
    assert_eq!(status, 200);
    assert_eq!(person["display_name"], "Bert Brecht");
    assert_eq!(person["communities"][0]["kind"], "organization");
    let (status, problem) = api.get("/api/v1/people/nobody").await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("not-found")));
}

async fn communities_are_created_and_bad_input_loses_nothing(app: TestApp) {
    let me = app.person("mmuster", "Maria Muster").await;
    let api = app.api(&app.token(&me).await);

    let (status, created) = api
        .post(
            "/api/v1/communities",
            json!({"name": "Läufer & Walker", "kind": "interest", "description": "Wir *laufen*."}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["slug"], "laeufer-walker");
    assert_eq!(created["my_role"], "manager");
    assert_eq!(created["member_count"], 1);

    let (status, problem) = api
        .post(
            "/api/v1/communities",
            json!({"name": "  LÄUFER & walker ", "kind": "project"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("name-taken")));
    let (status, problem) = api
        .post(
            "/api/v1/communities",
            json!({"name": "Andere", "slug": "laeufer-walker", "kind": "project"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("slug-taken")));
    let (status, problem) = api
        .post(
            "/api/v1/communities",
            json!({"name": "x".repeat(81), "kind": "interest"}),
        )
        .await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("name")));
    let (status, problem) = api
        .post(
            "/api/v1/communities",
            json!({"name": "Abteilung", "kind": "department"}),
        )
        .await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("kind")));
    let (status, problem) = api
        .post(
            "/api/v1/communities",
            json!({"name": "Gut", "kind": "interest", "colour": "red"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (400, Some("bad-request")));

    let res = api
        .client
        .post(app.url("/api/v1/communities"))
        .bearer_auth(app.token(&me).await)
        .header("content-type", "application/json")
        .body("{\"name\": \"broken")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.headers()["content-type"], "application/problem+json");

    let (_, list) = api.get("/api/v1/communities?kind=interest").await;
    assert_eq!(list["total"], 1, "only the first community exists: {list}");
    assert_eq!(list["items"][0]["name"], "Läufer & Walker");
    let stored = app.query(|c| communities::table.count().get_result::<i64>(c)).await;
    assert_eq!(stored, 2, "the organization and the one community");

    let (status, problem) = api.get("/api/v1/communities?kind=club").await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("kind")));
    let (status, _) = api.get("/api/v1/communities/does-not-exist").await;
    assert_eq!(status, 404);
}

async fn joining_and_leaving(app: TestApp) {
    let owner = app.person("owner", "Olga Owner").await;
    let member = app.person("mmuster", "Maria Muster").await;
    let owner_api = app.api(&app.token(&owner).await);
    let api = app.api(&app.token(&member).await);
    owner_api
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    owner_api
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Phoenix", "kind": "project", "visibility": "private", "join_policy": "request"}),
        )
        .await;
    owner_api
        .post(
            "/api/v1/communities",
            json!({"name": "Vorstand", "kind": "project", "join_policy": "invite"}),
        )
        .await;

    let (status, joined) = api.post("/api/v1/communities/laufgruppe/join", json!({})).await;
    assert_eq!((status, joined["state"].as_str()), (200, Some("active")));
    let (_, again) = api.post("/api/v1/communities/laufgruppe/join", json!({})).await;
    assert_eq!(again["state"], "active", "joining twice changes nothing");
    let (_, members) = api.get("/api/v1/communities/laufgruppe/members").await;
    assert_eq!(members["total"], 2);
    let uids: Vec<&str> = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids, ["mmuster", "owner"]);

    let (status, requested) = api.post("/api/v1/communities/projekt-phoenix/join", json!({})).await;
    assert_eq!((status, requested["state"].as_str()), (200, Some("requested")));
    let (status, problem) = api.get("/api/v1/communities/projekt-phoenix/members").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("members-only")),
        "a pending request is not membership"
    );

    let (status, problem) = api.post("/api/v1/communities/vorstand/join", json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("invitation-required")));
    let (status, problem) = api.post("/api/v1/communities/unternehmen/leave", json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("membership-managed")));

    let (status, _) = api.post("/api/v1/communities/laufgruppe/leave", json!({})).await;
    assert_eq!(status, 204);
    let (_, detail) = api.get("/api/v1/communities/laufgruppe").await;
    assert_eq!(detail["member_count"], 1);
    assert!(detail["my_state"].is_null());

    let (status, problem) = owner_api.post("/api/v1/communities/laufgruppe/leave", json!({})).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("last-manager")));
}

async fn secret_communities_do_not_exist_for_outsiders(app: TestApp) {
    let insider = app.person("insider", "Ines Insider").await;
    let outsider = app.person("outsider", "Otto Outsider").await;
    let insider_api = app.api(&app.token(&insider).await);
    let api = app.api(&app.token(&outsider).await);
    let (status, created) = insider_api
        .post(
            "/api/v1/communities",
            json!({"name": "Betriebsrat intern", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    assert_eq!(status, 201);
    let slug = created["slug"].as_str().unwrap().to_string();
    let (status, _) = insider_api.get(&format!("/api/v1/communities/{slug}")).await;
    assert_eq!(status, 200, "the insider sees it");

    for path in [
        format!("/api/v1/communities/{slug}"),
        format!("/api/v1/communities/{slug}/members"),
    ] {
        let (status, problem) = api.get(&path).await;
        assert_eq!((status, problem["code"].as_str()), (404, Some("not-found")), "{path}");
    }
    for path in [
        format!("/api/v1/communities/{slug}/join"),
        format!("/api/v1/communities/{slug}/leave"),
    ] {
        let (status, _) = api.post(&path, json!({})).await;
        assert_eq!(status, 404, "{path}");
    }
    let (_, list) = api.get("/api/v1/communities?q=betriebsrat").await;
    assert_eq!(list["total"], 0);
    let (_, profile) = api.get("/api/v1/people/insider").await;
    assert!(
        profile["communities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["slug"] != slug.as_str()),
        "not even on profiles"
    );

    let client = app.signed_in("outsider", "en").await;
    let page = client.get(app.url(&format!("/c/{slug}"))).send().await.unwrap();
    assert_eq!(page.status(), 404);

    let (_, list) = insider_api.get("/api/v1/communities?q=betriebsrat").await;
    assert_eq!(list["total"], 1, "members see it");
}

async fn the_openapi_document_describes_every_endpoint(app: TestApp) {
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/me",
        "/api/v1/people",
        "/api/v1/people/{uid}",
        "/api/v1/communities",
        "/api/v1/communities/{slug}",
        "/api/v1/communities/{slug}/join",
        "/api/v1/communities/{slug}/leave",
        "/api/v1/communities/{slug}/members",
    ] {
        assert!(paths.contains_key(path), "{path} missing from the OpenAPI document");
    }
    assert!(paths["/api/v1/communities"]["post"].is_object());
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}
