//! Polls: single and multiple choice, named and anonymous, results before or after closing.

use allmende::db::schema::{poll_options, poll_voters, poll_votes};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    a_team_decides_a_date_by_poll,
    anonymous_polls_cannot_be_traced,
    bad_polls_and_late_votes_are_refused,
    polls_work_with_plain_forms,
    a_poll_is_rewritten_until_the_first_vote,
);

async fn team(app: &TestApp, visibility: &str) -> (String, Api, Api, Api) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let rudi = app.person("rudi", "Rudi Ratlos").await;
    let (olga, maria, rudi) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&maria).await),
        app.api(&app.token(&rudi).await),
    );
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Apfel", "kind": "project", "visibility": visibility, "join_policy": "open"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    assert!(c["modules"].as_array().unwrap().contains(&json!("polls")));
    for member in [&maria, &rudi] {
        member
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
    }
    (slug, olga, maria, rudi)
}

fn option_ids(poll: &Value) -> Vec<i64> {
    poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

fn votes(poll: &Value) -> Vec<Value> {
    poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].clone())
        .collect()
}

async fn a_team_decides_a_date_by_poll(app: TestApp) {
    let (slug, olga, maria, rudi) = team(&app, "public").await;
    let (status, poll) = olga
        .post(
            &format!("/api/v1/communities/{slug}/polls"),
            json!({"question": "Wann treffen wir uns?", "options": ["Montag", "Dienstag", "Mittwoch"]}),
        )
        .await;
    assert_eq!(status, 201, "{poll}");
    let id = poll["id"].as_i64().unwrap();
    let [mo, di, mi] = option_ids(&poll)[..] else { panic!() };
    let votes_url = format!("/api/v1/polls/{id}/votes");

    let (status, _) = maria.post(&votes_url, json!({"option_ids": [mo]})).await;
    assert_eq!(status, 200);
    let (_, after) = rudi.post(&votes_url, json!({"option_ids": [di]})).await;
    assert_eq!(votes(&after), [json!(1), json!(1), json!(0)]);
    // Maria changes her mind: her vote moves, it is not added.
    let (_, after) = maria.post(&votes_url, json!({"option_ids": [di]})).await;
    assert_eq!(votes(&after), [json!(0), json!(2), json!(0)]);
    assert_eq!(after["voters"], 2);
    assert_eq!(after["options"][1]["mine"], true);
    assert_eq!(after["options"][1]["percent"], 100);
    let names: Vec<&str> = after["options"][1]["voters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["uid"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["maria", "rudi"], "a named poll says who chose what");
    let (status, problem) = maria.post(&votes_url, json!({"option_ids": [mo, mi]})).await;
    assert_eq!((status, problem["code"].as_str()), (422, Some("invalid-input")));
    assert!(problem["detail"].as_str().unwrap().contains("one-only"));

    // Several choices where the poll allows them.
    let (_, multi) = olga
        .post(
            &format!("/api/v1/communities/{slug}/polls"),
            json!({"question": "Welche Snacks?", "options": ["Obst", "Kekse", "Nüsse"], "multiple": true}),
        )
        .await;
    let ids = option_ids(&multi);
    let (status, after) = maria
        .post(
            &format!("/api/v1/polls/{}/votes", multi["id"]),
            json!({"option_ids": [ids[0], ids[2]]}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(votes(&after), [json!(1), json!(0), json!(1)]);

    // Only its author (or a moderator) closes it; closed, it takes no votes.
    let (status, problem) = rudi
        .patch(&format!("/api/v1/polls/{id}"), json!({"closed": true}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("not-author")));
    let (status, closed) = olga
        .patch(&format!("/api/v1/polls/{id}"), json!({"closed": true}))
        .await;
    assert_eq!((status, closed["closed"].as_bool()), (200, Some(true)));
    let (status, problem) = rudi.post(&votes_url, json!({"option_ids": [mo]})).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("poll-closed")));
    let (_, list) = maria.get(&format!("/api/v1/communities/{slug}/polls")).await;
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["question"], "Welche Snacks?");

    let (_, doc) = olga.get("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/communities/{slug}/polls",
        "/api/v1/polls/{id}",
        "/api/v1/polls/{id}/votes",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

async fn anonymous_polls_cannot_be_traced(app: TestApp) {
    let (slug, olga, maria, rudi) = team(&app, "public").await;
    let (_, poll) = olga
        .post(
            &format!("/api/v1/communities/{slug}/polls"),
            json!({"question": "Wie zufrieden bist du?", "options": ["sehr", "mittel", "wenig"],
                   "anonymous": true, "results_before_close": false}),
        )
        .await;
    let id = poll["id"].as_i64().unwrap();
    let [sehr, _, wenig] = option_ids(&poll)[..] else {
        panic!()
    };
    let votes_url = format!("/api/v1/polls/{id}/votes");
    let (status, mine) = maria.post(&votes_url, json!({"option_ids": [wenig]})).await;
    assert_eq!(status, 200);
    assert_eq!(mine["voted"], true);
    assert_eq!(mine["options"][2]["mine"], false, "not even Maria's own choice is kept");
    assert_eq!(
        votes(&mine),
        [Value::Null, Value::Null, Value::Null],
        "results wait for the close"
    );
    let (status, problem) = maria.post(&votes_url, json!({"option_ids": [sehr]})).await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("already-voted")));
    rudi.post(&votes_url, json!({"option_ids": [sehr]})).await;

    let (_, closed) = olga
        .patch(&format!("/api/v1/polls/{id}"), json!({"closed": true}))
        .await;
    assert_eq!(votes(&closed), [json!(1), json!(0), json!(1)]);
    assert!(
        closed["options"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["voters"] == json!([]))
    );

    // What the database holds: who voted, and counts; nothing that joins the two.
    let stored = app
        .query(move |c| {
            let named: i64 = poll_votes::table
                .filter(poll_votes::poll_id.eq(id))
                .count()
                .get_result(c)?;
            let voters: i64 = poll_voters::table
                .filter(poll_voters::poll_id.eq(id))
                .count()
                .get_result(c)?;
            let counts: Vec<i64> = poll_options::table
                .filter(poll_options::poll_id.eq(id))
                .order(poll_options::position)
                .select(poll_options::anonymous_votes)
                .load(c)?;
            Ok((named, voters, counts))
        })
        .await;
    assert_eq!(stored, (0, 2, vec![1, 0, 1]));
}

async fn bad_polls_and_late_votes_are_refused(app: TestApp) {
    let (slug, olga, maria, _rudi) = team(&app, "private").await;
    let gerd = app.person("gerd", "Gerd Gast").await;
    let gerd = app.api(&app.token(&gerd).await);
    let polls = format!("/api/v1/communities/{slug}/polls");
    let past = (Utc::now() - Duration::hours(1)).to_rfc3339();
    for (body, field) in [
        (json!({"question": "?", "options": ["nur eine"]}), "options"),
        (json!({"question": "?", "options": ["Ja", " ja "]}), "options"),
        (
            json!({"question": "?", "options": (0..21).map(|i| format!("Tag {i}")).collect::<Vec<_>>()}),
            "options",
        ),
        (json!({"question": "", "options": ["a", "b"]}), "question"),
        (
            json!({"question": "?", "options": ["a", "b"], "closes_at": past}),
            "closes_at",
        ),
    ] {
        let (status, problem) = olga.post(&polls, body.clone()).await;
        assert_eq!(
            (status, problem["field"].as_str()),
            (422, Some(field)),
            "{body}: {problem}"
        );
    }
    let (status, _) = olga
        .post(
            &polls,
            json!({"question": "?", "options": ["a", "b"], "closes_at": "nächste Woche"}),
        )
        .await;
    assert_eq!(status, 400, "an unreadable time is refused by the JSON reader");
    let (_, list) = olga.get(&polls).await;
    assert_eq!(list["total"], 0, "nothing saved");

    // A poll whose time ran out takes no votes.
    let soon = (Utc::now() + Duration::seconds(2)).to_rfc3339();
    let (status, poll) = olga
        .post(
            &polls,
            json!({"question": "Schnell?", "options": ["ja", "nein"], "closes_at": soon}),
        )
        .await;
    assert_eq!(status, 201, "{poll}");
    let id = poll["id"].as_i64().unwrap();
    let option = option_ids(&poll)[0];
    let (status, _) = maria
        .post(&format!("/api/v1/polls/{id}/votes"), json!({"option_ids": [9_999_999]}))
        .await;
    assert_eq!(status, 422);
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let (status, problem) = maria
        .post(&format!("/api/v1/polls/{id}/votes"), json!({"option_ids": [option]}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("poll-closed")));
    let (_, shown) = maria.get(&format!("/api/v1/polls/{id}")).await;
    assert_eq!(
        (shown["closed"].as_bool(), shown["can_vote"].as_bool()),
        (Some(true), Some(false))
    );

    // Outsiders: the private community's polls are not theirs.
    assert_eq!(gerd.get(&polls).await.0, 403);
    assert_eq!(gerd.get(&format!("/api/v1/polls/{id}")).await.0, 404);
    assert_eq!(
        gerd.post(&format!("/api/v1/polls/{id}/votes"), json!({"option_ids": [option]}))
            .await
            .0,
        404
    );
}

async fn polls_work_with_plain_forms(app: TestApp) {
    let (slug, _olga, _maria, _rudi) = team(&app, "public").await;
    let client = app.signed_in("maria", "de").await;
    let new = format!("/c/{slug}/polls/new");
    let res = app
        .submit(
            &client,
            &new,
            &format!("/c/{slug}/polls"),
            &[("question", "Wann?"), ("options", "Montag\nmontag"), ("closes_at", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(">Montag\nmontag</textarea>"), "what was typed stays");
    let next_week = (Utc::now() + Duration::days(7)).format("%Y-%m-%dT%H:%M").to_string();
    let res = app
        .submit(
            &client,
            &new,
            &format!("/c/{slug}/polls"),
            &[
                ("question", "Wann?"),
                ("options", "Montag\nDienstag\n"),
                ("results_before_close", "on"),
                ("closes_at", &next_week),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let url = res.headers()["location"].to_str().unwrap().to_string();
    let poll = page(&client, app.url(&url)).await;
    assert_eq!(texts(&poll, "#vote-form label"), ["Montag", "Dienstag"]);
    let doc = scraper::Html::parse_document(&poll);
    let sel = scraper::Selector::parse("#vote-form input[name=option]").unwrap();
    let second = doc
        .select(&sel)
        .nth(1)
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let res = app
        .submit(&client, &url, &format!("{url}/vote"), &[("option", &second)])
        .await;
    assert_eq!(res.status(), 303);
    let poll = page(&client, app.url(&url)).await;
    assert_eq!(texts(&poll, "#results tbody td:nth-child(2)"), ["0", "1"]);
    assert_eq!(texts(&poll, "#vote")[0], "Stimme ändern");
    let list = page(&client, app.url(&format!("/c/{slug}/polls"))).await;
    assert_eq!(texts(&list, ".poll h3"), ["Wann?"]);
}

async fn a_poll_is_rewritten_until_the_first_vote(app: TestApp) {
    let (slug, _olga, _maria, rudi) = team(&app, "public").await;
    let maria = app.signed_in("maria", "de").await;
    let res = app
        .submit(
            &maria,
            &format!("/c/{slug}/polls/new"),
            &format!("/c/{slug}/polls"),
            &[
                ("question", "Wann?"),
                ("options", "Montag\nDienstag"),
                ("closes_at", ""),
            ],
        )
        .await;
    let url = res.headers()["location"].to_str().unwrap().to_string();
    let edit = format!("{url}/edit");
    let rudi_pages = app.signed_in("rudi", "de").await;
    let html = page(&rudi_pages, app.url(&url)).await;
    assert!(texts(&html, "#edit-poll").is_empty(), "only its author rewrites it");
    assert_eq!(rudi_pages.get(app.url(&edit)).send().await.unwrap().status(), 403);

    // The form starts from the poll; a bad change keeps what was typed.
    let html = page(&maria, app.url(&edit)).await;
    assert!(html.contains(">Montag\nDienstag</textarea>"), "{html}");
    let res = app
        .submit(
            &maria,
            &edit,
            &edit,
            &[("question", "Wann treffen wir uns?"), ("options", "Montag")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Wann treffen wir uns?"));
    let res = app
        .submit(
            &maria,
            &edit,
            &edit,
            &[
                ("question", "Wann treffen wir uns?"),
                ("options", "Montag\nMittwoch\nFreitag"),
                ("multiple", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&maria, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(texts(&html, "#done"), ["Ihre Änderungen sind gespeichert."]);
    assert_eq!(texts(&html, "h1"), ["Wann treffen wir uns?"]);
    assert_eq!(texts(&html, "#vote-form label"), ["Montag", "Mittwoch", "Freitag"]);

    // After the first vote the poll stays as the voter saw it.
    let id: i64 = url.rsplit('/').next().unwrap().parse().unwrap();
    let (_, poll) = rudi.get(&format!("/api/v1/polls/{id}")).await;
    let (status, _) = rudi
        .post(
            &format!("/api/v1/polls/{id}/votes"),
            json!({"option_ids": [option_ids(&poll)[1]]}),
        )
        .await;
    assert_eq!(status, 200);
    let html = page(&maria, app.url(&url)).await;
    assert!(texts(&html, "#edit-poll").is_empty(), "{html}");
    let res = maria.get(app.url(&edit)).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("schon abgestimmt"));
    let res = app
        .submit(&maria, &url, &edit, &[("question", "Anders"), ("options", "A\nB")])
        .await;
    assert_eq!(res.status(), 409);
    let (_, poll) = rudi.get(&format!("/api/v1/polls/{id}")).await;
    assert_eq!(poll["question"], "Wann treffen wir uns?");
}
