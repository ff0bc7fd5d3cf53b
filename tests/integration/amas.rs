//! AMAs: the window on a clock the tests set, votes under concurrency and merging, anonymity
//! across every path, the moderation queue, the summary, and bad input.

use allmende::db::Db;
use allmende::domain::Locale;
use chrono::{Duration, NaiveDateTime};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, captured_logs, page};

on_both_backends!(
    an_ama_runs_through_its_window_on_time,
    votes_count_once_and_merging_loses_none,
    anonymous_questions_name_nobody,
    moderated_questions_wait_in_a_queue,
    bad_ama_input_is_refused_and_loses_nothing,
    a_scheduled_ama_is_changed_until_it_opens,
);

struct Team {
    slug: String,
    /// The head: manager of the community and the AMA's host.
    head: Api,
    members: Vec<Api>,
}

async fn team(app: &TestApp, names: &[(&str, &str)]) -> Team {
    let head = app.person("hanna", "Hanna Head").await;
    let head = app.api(&app.token(&head).await);
    let (status, c) = head
        .post(
            "/api/v1/communities",
            json!({"name": "Neu im Haus", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let slug = c["slug"].as_str().unwrap().to_string();
    let mut members = Vec::new();
    for (uid, name) in names {
        let p = app.person(uid, name).await;
        let api = app.api(&app.token(&p).await);
        let (status, _) = api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
        assert_eq!(status, 200);
        members.push(api);
    }
    Team { slug, head, members }
}

/// Wall-clock times in Europe/Berlin, `minutes` from the clock's now.
fn local(app: &TestApp, minutes: i64) -> String {
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    (app.clock.now() + Duration::minutes(minutes))
        .and_utc()
        .with_timezone(&berlin)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// An AMA whose questions open in an hour, answers start in two and which closes in three.
async fn schedule(app: &TestApp, t: &Team, extra: Value) -> Value {
    let mut body = json!({
        "title": "Onboarding-AMA",
        "description": "Fragt alles über die **ersten Wochen**.",
        "time_zone": "Europe/Berlin",
        "opens_at": local(app, 60),
        "answering_from": local(app, 120),
        "closes_at": local(app, 180),
        "hosts": ["hanna"],
        "anonymous_allowed": true,
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (status, ama) = t.head.post(&format!("/api/v1/communities/{}/amas", t.slug), body).await;
    assert_eq!(status, 201, "{ama}");
    ama
}

fn at(app: &TestApp, ama: &Value, field: &str, plus_minutes: i64) -> NaiveDateTime {
    let _ = app;
    chrono::DateTime::parse_from_rfc3339(ama[field].as_str().unwrap())
        .unwrap()
        .naive_utc()
        + Duration::minutes(plus_minutes)
}

/// What the scheduled job does, run at the clock's time.
async fn run_schedule(db: &Db, now: NaiveDateTime) -> usize {
    db.run(move |c| allmende::amas::schedule::run(c, now, Locale::En))
        .await
        .unwrap()
}

async fn ask(api: &Api, ama: i64, body: &str, anonymous: bool) -> Value {
    let (status, q) = api
        .post(
            &format!("/api/v1/amas/{ama}/questions"),
            json!({"body": body, "anonymous": anonymous}),
        )
        .await;
    assert_eq!(status, 201, "{q}");
    q
}

async fn an_ama_runs_through_its_window_on_time(app: TestApp) {
    let t = team(&app, &[("neu", "Nora Neu"), ("mia", "Mia Meier")]).await;
    let ama = schedule(&app, &t, json!({})).await;
    let id = ama["id"].as_i64().unwrap();
    assert_eq!(ama["state"], "scheduled");
    assert_eq!(ama["accepts_questions"], false);
    let (nora, mia) = (&t.members[0], &t.members[1]);
    let (_, n) = nora.get("/api/v1/notifications").await;
    assert_eq!(n["items"][0]["kind"], "ama-scheduled", "{n}");
    assert_eq!(n["items"][0]["ama"]["id"], id);

    // Before the window opens nobody asks.
    let (status, e) = nora
        .post(&format!("/api/v1/amas/{id}/questions"), json!({"body": "Zu früh?"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("ama-not-open")));

    // Opened: questions come in, answers not yet.
    app.clock.set(at(&app, &ama, "opens_at", 1));
    let q1 = ask(nora, id, "Wie läuft die Einarbeitung?", false).await;
    let q2 = ask(mia, id, "Gibt es Gleitzeit?", false).await;
    let q1_id = q1["id"].as_i64().unwrap();
    let (status, _) = mia.post(&format!("/api/v1/questions/{q1_id}/votes"), json!({})).await;
    assert_eq!(status, 200);
    let (status, e) = t
        .head
        .post(
            &format!("/api/v1/questions/{q1_id}/answer"),
            json!({"body": "Zu früh."}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("ama-not-live")));
    assert_eq!(
        run_schedule(&app.db, app.clock.now()).await,
        0,
        "nothing to announce yet"
    );

    // Answering time: the page says live at once, before the job has run.
    app.clock.set(at(&app, &ama, "answering_from", 1));
    let (_, now_live) = nora.get(&format!("/api/v1/amas/{id}")).await;
    assert_eq!(now_live["state"], "live");
    let html = page(&app.signed_in("neu", "de").await, app.url(&format!("/amas/{id}"))).await;
    assert!(html.contains("id=\"ama-state\">live"), "{html}");
    assert_eq!(run_schedule(&app.db, app.clock.now()).await, 1);
    assert_eq!(run_schedule(&app.db, app.clock.now()).await, 0, "announced once");
    let (_, n) = nora.get("/api/v1/notifications").await;
    assert_eq!(n["items"][0]["kind"], "ama-live");
    let (_, n) = t.head.get("/api/v1/notifications").await;
    let starting = n["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "ama-starting")
        .unwrap();
    assert_eq!(starting["detail"], "2", "the host hears how many questions wait");
    assert!(
        !n["items"].as_array().unwrap().iter().any(|i| i["kind"] == "ama-live"),
        "the host hears it once: {n}"
    );
    let html = page(&app.signed_in("hanna", "de").await, app.url("/notifications")).await;
    assert!(html.contains("beginnt: 2 Fragen warten auf Ihre Antworten"), "{html}");

    let (status, answered) = t
        .head
        .post(
            &format!("/api/v1/questions/{q1_id}/answer"),
            json!({"body": "Mit einer Patin und einem Plan für *drei Wochen*."}),
        )
        .await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["answer"]["by"]["uid"], "hanna");
    // The asker and the voter hear of it.
    for who in [nora, mia] {
        let (_, n) = who.get("/api/v1/notifications").await;
        assert_eq!(n["items"][0]["kind"], "question-answered", "{n}");
        assert_eq!(n["items"][0]["detail"], q1_id.to_string());
    }
    let (status, edited) = t
        .head
        .patch(
            &format!("/api/v1/questions/{q1_id}/answer"),
            json!({"body": "Mit einer Patin und einem Plan für *vier Wochen*."}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(edited["answer"]["edited_at"].is_string());
    let (status, _) = mia
        .post(
            &format!("/api/v1/questions/{q1_id}/comments"),
            json!({"body": "Danke, hilft sehr!"}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, e) = mia
        .post(
            &format!("/api/v1/questions/{}/comments", q2["id"]),
            json!({"body": "Nachfrage ohne Antwort"}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("not-answered")));

    // Sorting.
    let (_, by_votes) = nora.get(&format!("/api/v1/amas/{id}/questions?sort=votes")).await;
    assert_eq!(by_votes["items"][0]["id"], q1_id);
    let (_, unanswered) = nora.get(&format!("/api/v1/amas/{id}/questions?sort=unanswered")).await;
    assert_eq!(unanswered["items"].as_array().unwrap().len(), 1);
    assert_eq!(unanswered["items"][0]["id"], q2["id"]);
    let (_, newest) = nora.get(&format!("/api/v1/amas/{id}/questions?sort=newest")).await;
    assert_eq!(newest["items"][0]["id"], q2["id"]);
    let (status, _) = nora.get(&format!("/api/v1/amas/{id}/questions?sort=loudest")).await;
    assert_eq!(status, 422);
    // A page at a time: the next page goes on where the first stopped.
    let (_, first) = nora.get(&format!("/api/v1/amas/{id}/questions?limit=1")).await;
    assert_eq!(
        (first["items"][0]["id"].as_i64(), first["total"].as_i64()),
        (Some(q1_id), Some(2))
    );
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = nora
        .get(&format!("/api/v1/amas/{id}/questions?limit=1&cursor={cursor}"))
        .await;
    assert_eq!(second["items"][0]["id"], q2["id"]);
    assert!(second["next_cursor"].is_null());

    // Closed: read-only at once, the summary once the job has run.
    app.clock.set(at(&app, &ama, "closes_at", 1));
    let (_, closed) = nora.get(&format!("/api/v1/amas/{id}")).await;
    assert_eq!(closed["state"], "closed");
    let (status, e) = nora
        .post(&format!("/api/v1/amas/{id}/questions"), json!({"body": "Noch eine?"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("ama-closed")));
    let (status, e) = nora
        .post(&format!("/api/v1/questions/{}/votes", q2["id"]), json!({}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("ama-closed")));
    assert_eq!(run_schedule(&app.db, app.clock.now()).await, 1);
    assert_eq!(run_schedule(&app.db, app.clock.now()).await, 0, "one summary");
    let (_, closed) = nora.get(&format!("/api/v1/amas/{id}")).await;
    let post = closed["summary_post_id"].as_i64().expect("a summary post");
    let (_, summary) = nora.get(&format!("/api/v1/posts/{post}")).await;
    assert_eq!(summary["title"], "AMA summary: Onboarding-AMA");
    let text = summary["body_html"].as_str().unwrap();
    assert!(text.contains("Wie läuft die Einarbeitung?"), "{text}");
    assert!(text.contains("<em>vier Wochen</em>"), "the edited answer: {text}");
    assert!(text.contains("Hanna Head"));
    assert!(text.contains("1 question remained unanswered."), "{text}");
    assert!(
        !text.contains("Gibt es Gleitzeit?"),
        "unanswered questions are counted, not listed"
    );
    let (_, posts) = nora.get(&format!("/api/v1/communities/{}/posts", t.slug)).await;
    assert_eq!(posts["items"][0]["id"], post, "the summary is in the community");
}

async fn votes_count_once_and_merging_loses_none(app: TestApp) {
    let names: Vec<(String, String)> = (0..8).map(|i| (format!("p{i}"), format!("Person {i}"))).collect();
    let refs: Vec<(&str, &str)> = names.iter().map(|(u, n)| (u.as_str(), n.as_str())).collect();
    let t = team(&app, &refs).await;
    let ama = schedule(&app, &t, json!({})).await;
    let id = ama["id"].as_i64().unwrap();
    app.clock.set(at(&app, &ama, "opens_at", 1));
    let kept = ask(&t.members[0], id, "Wie viele Urlaubstage gibt es?", false).await["id"]
        .as_i64()
        .unwrap();
    let dup = ask(&t.members[1], id, "Wie viel Urlaub bekomme ich?", false).await["id"]
        .as_i64()
        .unwrap();

    let (status, e) = t.members[0]
        .post(&format!("/api/v1/questions/{kept}/votes"), json!({}))
        .await;
    assert_eq!((status, e["code"].as_str()), (403, Some("own-question")));

    // Everyone votes for both at once, twice each; meanwhile the head merges the duplicate.
    let mut calls = Vec::new();
    for member in &t.members[2..] {
        for q in [kept, dup, kept, dup] {
            calls.push((format!("/api/v1/questions/{q}/votes"), member));
        }
    }
    let merge_url = format!("/api/v1/questions/{dup}/moderation");
    let merge = t.head.post(&merge_url, json!({"action": "merge", "into": kept}));
    let votes = futures_util::future::join_all(calls.iter().map(|(url, member)| member.post(url, json!({}))));
    let (merged, results) = tokio::join!(merge, votes);
    assert_eq!(merged.0, 200, "{}", merged.1);
    for (status, body) in &results {
        // A vote arriving after the merge counts for the kept question; none fails.
        assert_eq!(*status, 200, "{body}");
    }
    let (_, kept_q) = t.members[2].get(&format!("/api/v1/questions/{kept}")).await;
    // Six voters plus the duplicate's asker; nobody twice, nobody lost.
    assert_eq!(kept_q["votes"], 7, "{kept_q}");
    assert_eq!(kept_q["voted"], true);
    let stored: i64 = app
        .query(move |c| {
            use allmende::db::schema::votes;
            use diesel::prelude::*;
            votes::table
                .filter(votes::subject.eq("ama-question"))
                .filter(votes::subject_id.eq(kept))
                .count()
                .get_result(c)
        })
        .await;
    assert_eq!(stored, 7);
    let (_, dup_q) = t.members[1].get(&format!("/api/v1/questions/{dup}")).await;
    assert_eq!(
        (dup_q["state"].as_str(), dup_q["merged_into"].as_i64()),
        (Some("merged"), Some(kept))
    );
    let (status, _) = t.members[2].get(&format!("/api/v1/questions/{dup}")).await;
    assert_eq!(status, 404, "a merged question is its asker's and the organizers' only");

    // Withdrawn votes count down, once.
    let unvote = format!("/api/v1/questions/{kept}/votes");
    let (a, b) = tokio::join!(t.members[3].delete(&unvote), t.members[3].delete(&unvote));
    assert_eq!((a.0, b.0), (200, 200));
    let (_, kept_q) = t.members[2].get(&format!("/api/v1/questions/{kept}")).await;
    assert_eq!(kept_q["votes"], 6);
}

async fn anonymous_questions_name_nobody(app: TestApp) {
    captured_logs();
    let t = team(
        &app,
        &[
            ("ankeanonym", "Anke Verborgen"),
            ("vera", "Vera Voter"),
            ("otto", "Otto Other"),
        ],
    )
    .await;
    let admin = app.admin("adam", "Adam Admin").await;
    let admin = app.api(&app.token(&admin).await);
    let (anke, vera, otto) = (&t.members[0], &t.members[1], &t.members[2]);
    let ama = schedule(&app, &t, json!({})).await;
    let id = ama["id"].as_i64().unwrap();
    app.clock.set(at(&app, &ama, "opens_at", 1));
    let asked = ask(anke, id, "Warum gibt es keine Homeoffice-Pauschale?", true).await;
    let q = asked["id"].as_i64().unwrap();
    assert_eq!(
        (asked["author"].clone(), asked["mine"].clone()),
        (Value::Null, json!(true))
    );
    let abusive = ask(anke, id, "Ein unfreundlicher Text über Kollegen", true).await["id"]
        .as_i64()
        .unwrap();
    let (status, _) = vera.post(&format!("/api/v1/questions/{q}/votes"), json!({})).await;
    assert_eq!(status, 200);
    // Abuse handling without knowing who: the head hides it like any other.
    let (status, _) = t
        .head
        .post(
            &format!("/api/v1/questions/{abusive}/moderation"),
            json!({"action": "hide"}),
        )
        .await;
    assert_eq!(status, 200);
    app.clock.set(at(&app, &ama, "answering_from", 1));
    run_schedule(&app.db, app.clock.now()).await;
    let (status, _) = t
        .head
        .post(
            &format!("/api/v1/questions/{q}/answer"),
            json!({"body": "Wir prüfen eine Pauschale ab Januar."}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = vera
        .post(&format!("/api/v1/questions/{q}/comments"), json!({"body": "Danke!"}))
        .await;
    assert_eq!(status, 201);

    // Everything the others read, before and after closing.
    let mut seen: Vec<String> = Vec::new();
    let head_pages = app.signed_in("hanna", "de").await;
    let vera_pages = app.signed_in("vera", "en").await;
    for round in 0..2 {
        if round == 1 {
            app.clock.set(at(&app, &ama, "closes_at", 1));
            run_schedule(&app.db, app.clock.now()).await;
        }
        let (_, current) = vera.get(&format!("/api/v1/amas/{id}")).await;
        let summary = current["summary_post_id"].as_i64();
        for api in [&t.head, vera, otto, &admin] {
            let mut paths = vec![
                format!("/api/v1/amas/{id}"),
                format!("/api/v1/amas/{id}/questions?sort=votes"),
                format!("/api/v1/amas/{id}/questions?sort=answered"),
                format!("/api/v1/questions/{q}"),
                format!("/api/v1/questions/{abusive}"),
                "/api/v1/notifications".to_string(),
                "/api/v1/feed".to_string(),
                "/api/v1/search?q=Homeoffice".to_string(),
                format!("/api/v1/communities/{}/posts", t.slug),
                format!("/api/v1/communities/{}/amas", t.slug),
            ];
            paths.extend(summary.map(|p| format!("/api/v1/posts/{p}")));
            for path in paths {
                let (_, body) = api.get(&path).await;
                seen.push(format!("{path}: {body}"));
            }
        }
        for client in [&head_pages, &vera_pages] {
            let mut paths = vec![
                format!("/amas/{id}"),
                format!("/amas/{id}?sort=unanswered"),
                "/notifications".to_string(),
                "/".to_string(),
                "/search?q=Homeoffice".to_string(),
                format!("/c/{}/amas", t.slug),
            ];
            paths.extend(summary.map(|p| format!("/posts/{p}")));
            for path in paths {
                seen.push(format!("{path}: {}", page(client, app.url(&path)).await));
            }
        }
    }
    let everything = seen.join("\n");
    assert!(
        everything.contains("Warum gibt es keine Homeoffice-Pauschale?"),
        "the flow was seen"
    );
    assert!(everything.contains("Wir prüfen eine Pauschale"), "the summary was seen");
    assert!(
        everything.contains("Ein unfreundlicher Text"),
        "the organizers see the hidden question"
    );
    let stored = app
        .query(|c| {
            use allmende::db::schema::{audit_log, notifications, people};
            use diesel::prelude::*;
            let anke: i64 = people::table
                .filter(people::uid.eq("ankeanonym"))
                .select(people::id)
                .first(c)?;
            let acted: i64 = notifications::table
                .filter(notifications::actor_id.eq(anke))
                .count()
                .get_result(c)?;
            let audited: i64 = audit_log::table
                .filter(audit_log::actor_id.eq(anke))
                .filter(audit_log::object_type.like("ama%"))
                .count()
                .get_result(c)?;
            let details: Vec<String> = notifications::table.select(notifications::detail).load(c)?;
            Ok((acted, audited, details.join(" ")))
        })
        .await;
    assert_eq!(
        (stored.0, stored.1),
        (0, 0),
        "no notification or audit entry names the asker"
    );
    let logs = captured_logs();
    assert!(
        logs.contains(&format!("/api/v1/amas/{id}/questions")),
        "the flow's requests were logged"
    );
    for secret in ["ankeanonym", "Anke Verborgen", "Verborgen"] {
        for (what, text) in [
            ("responses", &everything),
            ("notifications", &stored.2),
            ("logs", &logs),
        ] {
            assert!(!text.contains(secret), "`{secret}` appears in the {what}");
        }
    }

    // The asker still sees and may withdraw her own; nobody else may.
    let (_, mine) = anke.get(&format!("/api/v1/amas/{id}/questions")).await;
    let hidden = &mine["queue"][0];
    assert_eq!(
        (hidden["id"].as_i64(), hidden["mine"].as_bool()),
        (Some(abusive), Some(true))
    );
    assert_eq!(hidden["state"], "hidden");
    let (_, by_vera) = vera.get(&format!("/api/v1/questions/{q}")).await;
    assert_eq!(
        (by_vera["mine"].as_bool(), by_vera["can_withdraw"].as_bool()),
        (Some(false), Some(false))
    );
}

async fn moderated_questions_wait_in_a_queue(app: TestApp) {
    let t = team(&app, &[("neu", "Nora Neu"), ("mia", "Mia Meier")]).await;
    let ama = schedule(&app, &t, json!({"moderated": true})).await;
    let id = ama["id"].as_i64().unwrap();
    let (nora, mia) = (&t.members[0], &t.members[1]);
    app.clock.set(at(&app, &ama, "opens_at", 1));
    let first = ask(nora, id, "Wer ist meine Patin?", false).await;
    assert_eq!(first["state"], "pending");
    let first = first["id"].as_i64().unwrap();

    let (_, for_mia) = mia.get(&format!("/api/v1/amas/{id}/questions")).await;
    assert_eq!(
        (
            for_mia["items"].as_array().unwrap().len(),
            for_mia["queue"].as_array().unwrap().len()
        ),
        (0, 0)
    );
    let (status, _) = mia.get(&format!("/api/v1/questions/{first}")).await;
    assert_eq!(status, 404);
    let (status, _) = mia.post(&format!("/api/v1/questions/{first}/votes"), json!({})).await;
    assert_eq!(status, 404);
    let (_, for_nora) = nora.get(&format!("/api/v1/amas/{id}/questions")).await;
    assert_eq!(for_nora["queue"][0]["id"], first, "the asker sees her waiting question");
    let (_, for_head) = t.head.get(&format!("/api/v1/amas/{id}")).await;
    assert_eq!(for_head["waiting"], 1);
    let (status, e) = mia
        .post(
            &format!("/api/v1/questions/{first}/moderation"),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (404, Some("not-found")), "{e}");

    // Approval by the page's plain form.
    let head_pages = app.signed_in("hanna", "en").await;
    let html = page(&head_pages, app.url(&format!("/amas/{id}"))).await;
    assert!(
        html.contains("id=\"queue\"") && html.contains(&format!("id=\"approve-{first}\"")),
        "{html}"
    );
    let res = app
        .submit(
            &head_pages,
            &format!("/amas/{id}"),
            &format!("/questions/{first}/moderate"),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, for_mia) = mia.get(&format!("/api/v1/amas/{id}/questions")).await;
    assert_eq!(for_mia["items"][0]["id"], first);

    // Rejection needs a reason, which the asker reads.
    let second = ask(nora, id, "Darf ich meinen Hund mitbringen?", false).await["id"]
        .as_i64()
        .unwrap();
    let (status, e) = t
        .head
        .post(
            &format!("/api/v1/questions/{second}/moderation"),
            json!({"action": "reject"}),
        )
        .await;
    assert_eq!((status, e["reason"].as_str()), (422, Some("required")), "{e}");
    let (status, _) = t
        .head
        .post(
            &format!("/api/v1/questions/{second}/moderation"),
            json!({"action": "reject", "reason": "Steht in der Hausordnung."}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, mine) = nora.get(&format!("/api/v1/questions/{second}")).await;
    assert_eq!(
        (mine["state"].as_str(), mine["reason"].as_str()),
        (Some("rejected"), Some("Steht in der Hausordnung."))
    );
    let (status, _) = mia.get(&format!("/api/v1/questions/{second}")).await;
    assert_eq!(status, 404);

    // A waiting duplicate merged: its asker's vote counts for the kept question.
    let dup = ask(mia, id, "Wer wird meine Patin?", false).await["id"]
        .as_i64()
        .unwrap();
    let (status, list) = t
        .head
        .post(
            &format!("/api/v1/questions/{dup}/moderation"),
            json!({"action": "merge", "into": first}),
        )
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"][0]["votes"], 1);
    let (_, mine) = mia.get(&format!("/api/v1/questions/{dup}")).await;
    assert_eq!(mine["merged_into"], first);

    // Pinning and hiding.
    let (status, _) = t
        .head
        .post(
            &format!("/api/v1/questions/{first}/moderation"),
            json!({"action": "hide"}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, for_mia) = mia.get(&format!("/api/v1/amas/{id}/questions")).await;
    assert!(for_mia["items"].as_array().unwrap().is_empty());
    let (_, for_nora) = nora.get(&format!("/api/v1/questions/{first}")).await;
    assert_eq!(for_nora["state"], "hidden", "the asker sees her hidden question");
    for action in ["approve", "pin"] {
        let (status, _) = t
            .head
            .post(
                &format!("/api/v1/questions/{first}/moderation"),
                json!({"action": action}),
            )
            .await;
        assert_eq!(status, 200);
    }
    let (_, for_mia) = mia.get(&format!("/api/v1/amas/{id}/questions?sort=newest")).await;
    assert_eq!(
        (
            for_mia["items"][0]["id"].as_i64(),
            for_mia["items"][0]["pinned"].as_bool()
        ),
        (Some(first), Some(true))
    );
    let (status, e) = t
        .head
        .post(
            &format!("/api/v1/questions/{second}/moderation"),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (409, Some("question-state")),
        "rejected stays rejected"
    );
}

async fn bad_ama_input_is_refused_and_loses_nothing(app: TestApp) {
    let t = team(&app, &[("neu", "Nora Neu"), ("mia", "Mia Meier")]).await;
    let outsider = app.person("fremd", "Franz Fremd").await;
    let outsider = app.api(&app.token(&outsider).await);
    let url = format!("/api/v1/communities/{}/amas", t.slug);
    let base = json!({
        "title": "AMA", "time_zone": "Europe/Berlin", "opens_at": local(&app, 60),
        "answering_from": local(&app, 120), "closes_at": local(&app, 180), "hosts": ["hanna"],
    });
    let with = |extra: Value| {
        let mut body = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    for (extra, status, field_or_code) in [
        (json!({"hosts": ["fremd"]}), 422, "hosts: not-member"),
        (json!({"hosts": ["niemand"]}), 422, "hosts: unknown-person"),
        (json!({"hosts": []}), 422, "hosts: required"),
        (
            json!({"closes_at": local(&app, 100)}),
            422,
            "closes_at: before-answering",
        ),
        (
            json!({"answering_from": local(&app, 30)}),
            422,
            "answering_from: before-opening",
        ),
        (
            json!({"opens_at": local(&app, -300), "answering_from": local(&app, -200), "closes_at": local(&app, -100)}),
            422,
            "closes_at: in-the-past",
        ),
        (json!({"time_zone": "Mars/Olympus"}), 422, "timezone: unknown-value"),
        (json!({"opens_at": "2027-03-28T02:30"}), 422, "opens_at: skipped-time"),
        (json!({"title": ""}), 422, "title: required"),
        (json!({"audience": "everyone"}), 400, ""),
    ] {
        let (got, e) = t.head.post(&url, with(extra.clone())).await;
        assert_eq!(got, status, "{extra}: {e}");
        if status == 422 {
            let (field, code) = field_or_code.split_once(": ").unwrap();
            assert_eq!(
                (e["field"].as_str(), e["reason"].as_str()),
                (Some(field), Some(code)),
                "{extra}: {e}"
            );
        }
    }
    let (status, e) = t.members[0].post(&url, base.clone()).await;
    assert_eq!((status, e["code"].as_str()), (403, Some("managers-only")));

    // The window is kept as typed, in its zone (typed once: the clock may pass a minute).
    let opens = local(&app, 60);
    let ama = schedule(&app, &t, json!({ "opens_at": opens })).await;
    let id = ama["id"].as_i64().unwrap();
    assert_eq!(ama["opens_local"], opens);
    let (status, e) = t
        .head
        .post(&url, with(json!({"opens_at": local(&app, 170), "answering_from": local(&app, 200), "closes_at": local(&app, 260)})))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("overlapping-ama")));

    // Moved to another zone before it opens: the new instants hold.
    let (status, moved) = t
        .head
        .patch(
            &format!("/api/v1/amas/{id}"),
            json!({"time_zone": "America/New_York", "opens_at": "2030-01-10T09:00", "answering_from": "2030-01-10T10:00", "closes_at": "2030-01-10T11:00"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["opens_at"], "2030-01-10T14:00:00Z");
    assert_eq!(moved["time_zone"], "America/New_York");
    let (status, e) = t
        .head
        .patch(
            &format!("/api/v1/amas/{id}"),
            json!({"time_zone": "Europe/Berlin", "opens_at": "2030-01-10T09:00"}),
        )
        .await;
    assert_eq!((status, e["reason"].as_str()), (422, Some("window-incomplete")));
    let (status, _) = t
        .head
        .patch(&format!("/api/v1/amas/{id}"), json!({"anonymous_allowed": false, "time_zone": "Europe/Berlin", "opens_at": local(&app, 60), "answering_from": local(&app, 120), "closes_at": local(&app, 180)}))
        .await;
    assert_eq!(status, 200);

    app.clock.set(at(&app, &ama, "opens_at", 1));
    let kept = ask(&t.members[0], id, "Eine gute Frage", false).await["id"]
        .as_i64()
        .unwrap();
    let (status, _) = t.members[1]
        .post(&format!("/api/v1/questions/{kept}/votes"), json!({}))
        .await;
    assert_eq!(status, 200);
    let q_url = format!("/api/v1/amas/{id}/questions");
    for (body, status, code) in [
        (json!({"body": "   "}), 422, "required"),
        (json!({"body": "x".repeat(2001)}), 422, "too-long"),
        (json!({"body": "Anonym?", "anonymous": true}), 422, "not-allowed"),
        (json!({"body": "Bad\u{0007}bell"}), 422, "bad-characters"),
    ] {
        let (got, e) = t.members[1].post(&q_url, body).await;
        assert_eq!((got, e["reason"].as_str()), (status, Some(code)), "{e}");
    }
    let (status, e) = outsider.post(&q_url, json!({"body": "Von außen"})).await;
    assert_eq!((status, e["code"].as_str()), (403, Some("members-only")));
    let (status, e) = t.members[1].post(&q_url, json!("kein Objekt")).await;
    assert_eq!(status, 400, "{e}");
    app.clock.set(at(&app, &ama, "answering_from", 1));
    let (status, e) = t.members[1]
        .post(
            &format!("/api/v1/questions/{kept}/answer"),
            json!({"body": "Ich bin kein Host"}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (403, Some("hosts-only")));
    let (status, e) = t
        .head
        .patch(&format!("/api/v1/amas/{id}"), json!({"time_zone": "Europe/Berlin", "opens_at": local(&app, 60), "answering_from": local(&app, 120), "closes_at": local(&app, 180)}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("ama-started")));

    // Nothing already saved was lost on the way.
    let (_, list) = t.members[0].get(&q_url).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        (list["items"][0]["id"].as_i64(), list["items"][0]["votes"].as_i64()),
        (Some(kept), Some(1))
    );

    // For the whole organization: people outside the community read and ask too.
    let (_, other) = outsider
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimbund", "kind": "interest", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    let secret_url = format!("/api/v1/communities/{}/amas", other["slug"].as_str().unwrap());
    let (status, e) = outsider
        .post(&secret_url, json!({"title": "Alle", "time_zone": "Europe/Berlin", "opens_at": local(&app, 60), "answering_from": local(&app, 120), "closes_at": local(&app, 180), "hosts": ["fremd"], "audience": "organization"}))
        .await;
    assert_eq!((status, e["reason"].as_str()), (422, Some("secret-community")));
}

async fn a_scheduled_ama_is_changed_until_it_opens(app: TestApp) {
    // The form shows times to the minute: start the clock at a minute's beginning, so that
    // the minute does not turn between scheduling and reading the form.
    let now = app.clock.now();
    app.clock
        .set(now - Duration::seconds(chrono::Timelike::second(&now).into()));
    let t = team(&app, &[("maria", "Maria Muster"), ("rudi", "Rudi Ratlos")]).await;
    let ama = schedule(&app, &t, json!({})).await;
    let id = ama["id"].as_i64().unwrap();
    let (show, edit) = (format!("/amas/{id}"), format!("/amas/{id}/edit"));
    let maria = app.signed_in("maria", "de").await;
    assert!(crate::support::texts(&page(&maria, app.url(&show)).await, "#edit-ama").is_empty());
    assert_eq!(maria.get(app.url(&edit)).send().await.unwrap().status(), 403);

    // The form starts from the AMA: its times in its zone, its host by name.
    let hanna = app.signed_in("hanna", "de").await;
    let html = page(&hanna, app.url(&edit)).await;
    assert!(html.contains(&format!("value=\"{}\"", local(&app, 60))), "{html}");
    assert!(html.contains("Hanna Head (hanna)"), "{html}");
    let fields = |opens: i64, hosts: &str| {
        vec![
            ("title".to_string(), "Onboarding-AMA mit Maria".to_string()),
            ("description".to_string(), "Fragt alles.".to_string()),
            ("time_zone".to_string(), "Europe/Berlin".to_string()),
            ("opens_at".to_string(), local(&app, opens)),
            ("answering_from".to_string(), local(&app, 120)),
            ("closes_at".to_string(), local(&app, 180)),
            ("hosts".to_string(), hosts.to_string()),
            ("anonymous_allowed".to_string(), "on".to_string()),
        ]
    };
    let form = fields(150, "Hanna Head, Maria Muster");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = app.submit(&hanna, &edit, &edit, &form).await;
    assert_eq!(res.status(), 422, "questions cannot open after the answers start");
    let html = res.text().await.unwrap();
    assert!(html.contains("Onboarding-AMA mit Maria"), "what was typed stays");
    let form = fields(30, "Hanna Head, Maria Muster");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = app.submit(&hanna, &edit, &edit, &form).await;
    assert_eq!(res.status(), 303);
    let html = page(&hanna, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(
        crate::support::texts(&html, "#done"),
        ["Ihre Änderungen sind gespeichert."]
    );
    assert_eq!(crate::support::texts(&html, "h1"), ["Onboarding-AMA mit Maria"]);
    assert_eq!(crate::support::texts(&html, "#ama-hosts"), ["Hanna Head, Maria Muster"]);

    // Once it is open for questions, askers go by what it said: the form is refused.
    app.clock.advance(Duration::minutes(45));
    let html = page(&hanna, app.url(&show)).await;
    assert!(crate::support::texts(&html, "#edit-ama").is_empty(), "{html}");
    assert_eq!(hanna.get(app.url(&edit)).send().await.unwrap().status(), 409);
}
