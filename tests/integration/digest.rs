//! Digest preferences: how often and when, in which language and zone, which communities not.

use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(people_choose_their_digest_and_bad_choices_change_nothing);

async fn people_choose_their_digest_and_bad_choices_change_nothing(app: TestApp) {
    let maria = app.person("maria", "Maria Muster").await;
    let maria = app.api(&app.token(&maria).await);
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let (_, mine) = maria
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    let (_, theirs) = olga
        .post("/api/v1/communities", json!({"name": "Chor", "kind": "interest"}))
        .await;
    let (status, prefs) = maria.get("/api/v1/me/preferences").await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            prefs["digest"].as_str(),
            prefs["digest_weekday"].as_i64(),
            prefs["digest_hour"].as_i64()
        ),
        (Some("weekly"), Some(1), Some(8)),
        "weekly on Monday at eight until chosen"
    );
    assert_eq!(prefs["has_email"], true);
    assert_eq!(prefs["timezone"], app.settings.i18n.default_timezone.name());

    let chosen = json!({
        "digest": "daily", "digest_weekday": 3, "digest_hour": 7,
        "timezone": "America/New_York", "language": "en", "muted": [mine["slug"]],
    });
    let (status, prefs) = maria.put("/api/v1/me/preferences", chosen.clone()).await;
    assert_eq!(status, 200, "{prefs}");
    assert_eq!(
        (
            prefs["digest"].as_str(),
            prefs["digest_hour"].as_i64(),
            prefs["timezone"].as_str(),
            prefs["language"].as_str()
        ),
        (Some("daily"), Some(7), Some("America/New_York"), Some("en"))
    );
    assert_eq!(prefs["muted"], json!([mine["slug"]]));

    let with = |k: &str, v: serde_json::Value| {
        let mut b = chosen.clone();
        b[k] = v;
        b
    };
    for (body, status, reason) in [
        (with("digest_hour", json!(24)), 422, Some("out-of-range")),
        (with("digest_weekday", json!(0)), 422, Some("out-of-range")),
        (with("timezone", json!("Mars/Olympus")), 422, Some("unknown-value")),
        (with("language", json!("fr")), 422, Some("unknown-value")),
        (with("muted", json!([theirs["slug"]])), 422, Some("not-member")),
        (with("muted", json!(["gibt-es-nicht"])), 422, Some("unknown-value")),
        (with("digest", json!("hourly")), 400, None),
    ] {
        let (got, e) = maria.put("/api/v1/me/preferences", body.clone()).await;
        assert_eq!((got, e["reason"].as_str()), (status, reason), "{body}: {e}");
    }
    let (_, kept) = maria.get("/api/v1/me/preferences").await;
    assert_eq!(kept, prefs, "a refused change keeps what was saved");
}

on_both_backends!(a_digest_shows_what_is_new_where_one_belongs_and_nothing_else);

pub(crate) async fn community(api: &crate::support::Api, name: &str, visibility: &str) -> String {
    let body = json!({"name": name, "kind": "interest", "visibility": visibility, "join_policy": "open"});
    api.post("/api/v1/communities", body).await.1["slug"]
        .as_str()
        .unwrap()
        .to_string()
}

pub(crate) async fn post(api: &crate::support::Api, slug: &str, title: &str) -> i64 {
    let body = json!({"title": title, "body": format!("**{title}**: mehr dazu im Beitrag.")});
    let (status, p) = api.post(&format!("/api/v1/communities/{slug}/posts"), body).await;
    assert_eq!(status, 201, "{p}");
    p["id"].as_i64().unwrap()
}

async fn a_digest_shows_what_is_new_where_one_belongs_and_nothing_else(app: TestApp) {
    let maria_p = app.person("maria", "Maria Muster").await;
    let olga_p = app.person("olga", "Olga Owner").await;
    let (maria, olga) = (app.api(&app.token(&maria_p).await), app.api(&app.token(&olga_p).await));
    let lauf = community(&maria, "Laufgruppe", "public").await;
    let chor = community(&olga, "Chor", "public").await;
    let kochen = community(&olga, "Kochen", "public").await;
    let geheim = community(&olga, "Geheimbund", "secret").await;
    olga.post(&format!("/api/v1/communities/{lauf}/join"), json!({})).await;
    for slug in [&chor, &kochen] {
        maria.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    }
    let new_route = post(&olga, &lauf, "Neue Strecke am Kanal").await;
    post(&maria, &lauf, "Mein eigener Beitrag").await;
    post(&olga, &chor, "Probe verschoben").await;
    post(&olga, &kochen, "Rezept der Woche").await;
    post(&olga, &geheim, "Vertrauliche Planung").await;
    // Maria leaves Kochen after its post was written, and mutes Chor.
    maria
        .post(&format!("/api/v1/communities/{kochen}/leave"), json!({}))
        .await;
    let (status, _) = maria
        .put(
            "/api/v1/me/preferences",
            json!({"digest": "daily", "digest_weekday": 1, "digest_hour": 7, "timezone": "Europe/Berlin", "language": "en", "muted": [chor]}),
        )
        .await;
    assert_eq!(status, 200);
    let (org_id, olga_id) = (
        app.query(|c| {
            use allmende::db::schema::communities;
            use diesel::prelude::*;
            communities::table
                .filter(communities::kind.eq("organization"))
                .select(communities::id)
                .first::<i64>(c)
        })
        .await,
        olga_p.id,
    );
    let announcement = app
        .db
        .run(move |c| {
            let input = allmende::posts::service::PostInput {
                kind: allmende::domain::PostKind::Post,
                title: allmende::domain::PostTitle::parse("title", "Betriebsversammlung am Freitag").unwrap(),
                body: allmende::domain::PostBody::parse("body", "Alle sind eingeladen.").unwrap(),
                pinned: false,
                announcement: true,
            };
            Ok(allmende::posts::service::insert(c, org_id, olga_id, &input)?)
        })
        .await
        .unwrap();

    let (status, preview) = maria.get("/api/v1/me/digest/preview").await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["subject"], "Your digest: 2 new posts");
    assert_eq!(preview["empty"], false);
    assert_eq!(preview["digest"]["announcements"][0]["id"], announcement);
    let groups = preview["digest"]["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["community"]["name"], "Laufgruppe");
    assert_eq!(groups[0]["posts"][0]["id"], new_route);
    assert_eq!(
        groups[0]["posts"][0]["excerpt"],
        "Neue Strecke am Kanal: mehr dazu im Beitrag."
    );
    let (html, text) = (preview["html"].as_str().unwrap(), preview["text"].as_str().unwrap());
    for hidden in [
        "Mein eigener Beitrag",
        "Probe verschoben",
        "Rezept der Woche",
        "Vertrauliche Planung",
    ] {
        assert!(
            !html.contains(hidden) && !text.contains(hidden),
            "`{hidden}` is in the digest"
        );
    }
    assert!(
        text.contains(&format!("/posts/{new_route}")) && text.contains("Hello Maria Muster,"),
        "{text}"
    );
    assert!(
        html.contains("Neue Strecke am Kanal") && !html.contains("<img"),
        "{html}"
    );

    // Olga reads hers in the organization's language.
    let (_, hers) = olga.get("/api/v1/me/digest/preview").await;
    assert_eq!(hers["subject"], "Ihre Zusammenfassung: 1 neuer Beitrag", "{hers}");
}

on_both_backends!(digests_go_out_once_per_period_and_a_refusal_stops_nobody_else);

pub(crate) fn digest_run(app: &TestApp, sink: &crate::support::SmtpSink, args: &[&str]) -> String {
    allmende(app, sink, &[&["digest", "run"], args].concat())
}

/// Runs the `allmende` binary against the test's database and SMTP server.
fn allmende(app: &TestApp, sink: &crate::support::SmtpSink, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_allmende"))
        .args(args)
        .env("ALLMENDE__DATABASE__URL", &app.settings.database.url)
        .env(
            "ALLMENDE__SESSION__KEY_FILE",
            dir.path().join("k").display().to_string(),
        )
        .env("ALLMENDE__MAIL__TRANSPORT", "smtp")
        .env("ALLMENDE__MAIL__SMTP__HOST", "127.0.0.1")
        .env("ALLMENDE__MAIL__SMTP__PORT", sink.port.to_string())
        .env("ALLMENDE__LOG__LEVEL", "error")
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    printed
}

async fn digests_go_out_once_per_period_and_a_refusal_stops_nobody_else(app: TestApp) {
    let sink = crate::support::SmtpSink::start();
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let lauf = community(&olga, "Laufgruppe", "public").await;
    for (uid, name) in [
        ("maria", "Maria Muster"),
        ("rejectme", "Rita Refused"),
        ("kaputt", "Karl Kaputt"),
    ] {
        let p = app.person(uid, name).await;
        app.api(&app.token(&p).await)
            .post(&format!("/api/v1/communities/{lauf}/join"), json!({}))
            .await;
    }
    // An address no message can be built for (as an old import might have left it).
    app.query(|c| {
        use allmende::db::schema::people;
        use diesel::prelude::*;
        diesel::update(people::table.filter(people::uid.eq("kaputt")))
            .set(people::email.eq("kaputt bei beispiel"))
            .execute(c)
    })
    .await;
    post(&olga, &lauf, "Neue Strecke am Kanal").await;

    let dry = digest_run(&app, &sink, &["--now", "--dry-run"]);
    assert!(
        dry.contains("maria: would get \"Ihre Zusammenfassung: 1 neuer Beitrag\""),
        "{dry}"
    );
    assert!(sink.messages().is_empty(), "a dry run sends nothing");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let printed = allmende(&app, &sink, &["digest", "preview", "--uid", "maria", "--out", &dir]);
    assert!(
        printed.contains("subject: Ihre Zusammenfassung: 1 neuer Beitrag"),
        "{printed}"
    );
    let html = std::fs::read_to_string(out.path().join("digest-maria.html")).unwrap();
    let text = std::fs::read_to_string(out.path().join("digest-maria.txt")).unwrap();
    assert!(html.contains("Neue Strecke am Kanal") && text.contains("Neue Strecke am Kanal"));
    assert!(sink.messages().is_empty(), "a preview sends nothing");

    let first = digest_run(&app, &sink, &["--now"]);
    assert!(first.contains("1 sent, 1 with nothing new, 2 failed"), "{first}");
    assert!(
        first.contains("rejectme: failed (permanent: ") && first.contains("maria: sent"),
        "{first}"
    );
    assert!(
        first.contains("kaputt: failed (permanent: not a mail address"),
        "{first}"
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 1, "the refused recipients stopped nobody else");
    assert!(mails[0].contains("X-RcptTo: maria@beispiel.de"), "{}", mails[0]);
    assert!(mails[0].contains("Neue Strecke am Kanal"), "{}", mails[0]);

    // Again at once: the period is sent; nothing new since, so no mail.
    let second = digest_run(&app, &sink, &["--now"]);
    assert!(second.contains("0 sent"), "{second}");
    assert_eq!(sink.messages().len(), 1, "no second digest");

    // Something new: the next digest starts where the last one ended.
    post(&olga, &lauf, "Treffpunkt geändert").await;
    let third = digest_run(&app, &sink, &["--now", "--uid", "maria"]);
    assert!(third.contains("1 sent"), "{third}");
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    assert!(
        mails[1].contains("Treffpunkt ge") && !mails[1].contains("Neue Strecke"),
        "{}",
        mails[1]
    );
    let ledger: Vec<(String, String)> = app
        .query(|c| {
            use allmende::db::schema::{mail_deliveries, people};
            use diesel::prelude::*;
            mail_deliveries::table
                .inner_join(people::table)
                .order((people::uid, mail_deliveries::id))
                .select((people::uid, mail_deliveries::state))
                .load(c)
        })
        .await;
    assert!(ledger.contains(&("rejectme".into(), "refused".into())), "{ledger:?}");
    assert!(ledger.contains(&("kaputt".into(), "refused".into())), "{ledger:?}");
    assert_eq!(
        ledger.iter().filter(|(u, s)| u == "maria" && s == "sent").count(),
        2,
        "{ledger:?}"
    );
}

/// `serve` looks for due digests on its schedule (here every second) and sends each once.
async fn the_server_sends_due_digests_on_its_schedule(backend: crate::support::Backend) {
    let sink = crate::support::SmtpSink::start();
    let port = sink.port;
    let app = crate::support::spawn_app_with(backend, |s| {
        s.mail.digest_schedule = allmende::config::Schedule::parse("* * * * * *").unwrap();
        s.mail.transport = allmende::config::MailTransport::Smtp;
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
    })
    .await;
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let lauf = community(&olga, "Laufgruppe", "public").await;
    let maria = app.person("maria", "Maria Muster").await;
    app.api(&app.token(&maria).await)
        .post(&format!("/api/v1/communities/{lauf}/join"), json!({}))
        .await;
    post(&olga, &lauf, "Neue Strecke am Kanal").await;
    app.accounts_from_last_month().await;
    let started = std::time::Instant::now();
    while sink.messages().is_empty() && started.elapsed() < std::time::Duration::from_secs(20) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // A few more runs of the schedule: still one digest for the period.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1, "one digest, sent once");
    assert!(mails[0].contains("X-RcptTo: maria@beispiel.de") && mails[0].contains("Neue Strecke am Kanal"));
}

#[actix_web::test]
async fn the_server_sends_due_digests_on_its_schedule_sqlite() {
    the_server_sends_due_digests_on_its_schedule(crate::support::Backend::Sqlite).await
}

#[actix_web::test]
async fn the_server_sends_due_digests_on_its_schedule_postgres() {
    the_server_sends_due_digests_on_its_schedule(crate::support::Backend::Postgres).await
}

on_both_backends!(the_settings_page_sets_the_digest_and_shows_the_next_one);

async fn the_settings_page_sets_the_digest_and_shows_the_next_one(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let lauf = community(&olga, "Laufgruppe", "public").await;
    let chor = community(&olga, "Chor", "public").await;
    let maria = app.person("maria", "Maria Muster").await;
    let maria_api = app.api(&app.token(&maria).await);
    for slug in [&lauf, &chor] {
        maria_api
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
    }
    post(&olga, &lauf, "Neue Strecke am Kanal").await;
    post(&olga, &chor, "Probe verschoben").await;

    let browser = app.signed_in("maria", "en").await;
    let html = crate::support::page(&browser, app.url("/settings")).await;
    assert!(html.contains("id=\"digest-weekly\" checked"), "weekly until chosen");
    assert!(!html.contains("id=\"no-email\""));
    let res = app
        .submit(
            &browser,
            "/settings",
            "/settings/digest",
            &[
                ("digest", "daily"),
                ("digest_weekday", "3"),
                ("digest_hour", "7"),
                ("mute", chor.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, prefs) = maria_api.get("/api/v1/me/preferences").await;
    assert_eq!(
        (
            prefs["digest"].as_str(),
            prefs["digest_hour"].as_i64(),
            prefs["muted"].clone()
        ),
        (Some("daily"), Some(7), json!([chor]))
    );
    let bad = app
        .submit(
            &browser,
            "/settings",
            "/settings/digest",
            &[("digest", "hourly"), ("digest_weekday", "1"), ("digest_hour", "7")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let (_, kept) = maria_api.get("/api/v1/me/preferences").await;
    assert_eq!(kept, prefs, "a refused form keeps what was saved");

    let preview = crate::support::page(&browser, app.url("/settings/digest/preview")).await;
    let text = crate::support::texts(&preview, "#digest-text").join("");
    assert!(
        text.contains("Neue Strecke am Kanal") && !text.contains("Probe verschoben"),
        "{text}"
    );
    let res = browser
        .get(app.url("/settings/digest/preview.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(res.text().await.unwrap().contains("Neue Strecke am Kanal"));

    // Without a mail address the page says why no digest comes.
    let id = maria.id;
    app.query(move |c| {
        use allmende::db::schema::people;
        use diesel::prelude::*;
        diesel::update(people::table.find(id))
            .set(people::email.eq(None::<String>))
            .execute(c)
    })
    .await;
    let html = crate::support::page(&browser, app.url("/settings")).await;
    assert!(html.contains("id=\"no-email\""));
}

on_both_backends!(a_digest_tells_of_amas_questions_status_mentions_and_tasks);

async fn a_digest_tells_of_amas_questions_status_mentions_and_tasks(app: TestApp) {
    let olga_p = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let olga = app.api(&app.token(&olga_p).await);
    let maria_api = app.api(&app.token(&maria).await);
    let lauf = community(&olga, "Laufgruppe", "public").await;
    let (_, projekt) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Kanal", "kind": "project", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    let projekt = projekt["slug"].as_str().unwrap().to_string();
    let (_, geheim) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Geheim", "kind": "project", "visibility": "secret"}),
        )
        .await;
    let geheim = geheim["slug"].as_str().unwrap().to_string();
    for slug in [&lauf, &projekt] {
        maria_api
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
    }
    let (status, question) = olga
        .post(
            &format!("/api/v1/communities/{lauf}/qa"),
            json!({"title": "Wer kennt eine Strecke ohne Ampeln?", "body": "Am liebsten am Wasser."}),
        )
        .await;
    assert_eq!(status, 201, "{question}");
    post(&olga, &lauf, "Neue Strecke am Kanal").await;
    let (status, mention) = olga
        .post(
            &format!("/api/v1/communities/{lauf}/posts"),
            json!({"title": "Wer läuft mit?", "body": "@maria kommst du am Samstag?"}),
        )
        .await;
    assert_eq!(status, 201, "{mention}");
    for (slug, overall) in [(&projekt, "amber"), (&geheim, "red")] {
        let (status, r) = olga
            .post(
                &format!("/api/v1/communities/{slug}/status-reports"),
                json!({"overall": overall}),
            )
            .await;
        assert_eq!(status, 201, "{r}");
    }
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .date_naive()
        .to_string();
    let (status, task) = olga
        .post(
            &format!("/api/v1/communities/{projekt}/tasks"),
            json!({"title": "Strecke vermessen", "assignees": ["maria"], "due_on": tomorrow}),
        )
        .await;
    assert_eq!(status, 201, "{task}");
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let local = |minutes: i64| {
        (chrono::Utc::now() + chrono::Duration::minutes(minutes))
            .with_timezone(&berlin)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let (status, ama) = olga
        .post(
            &format!("/api/v1/communities/{lauf}/amas"),
            json!({"title": "Frag die Trainerin", "time_zone": "Europe/Berlin", "opens_at": local(2),
                   "answering_from": local(60), "closes_at": local(120), "hosts": ["olga"]}),
        )
        .await;
    assert_eq!(status, 201, "{ama}");

    // Maria's digest as it goes out in three minutes (the AMA has opened by then).
    let now = allmende::db::now();
    let outbox = app.outbox.clone();
    let preview = app
        .db
        .run(move |c| {
            allmende::digest::preview::preview(
                c,
                &outbox.templates,
                &outbox.settings(),
                &maria,
                now - chrono::Duration::days(1),
                now + chrono::Duration::minutes(3),
                "https://intranet.example/u",
            )
        })
        .await
        .unwrap();
    let d = serde_json::to_value(&preview.digest).unwrap();
    assert_eq!(d["amas"][0]["title"], "Frag die Trainerin", "{d}");
    assert_eq!(d["amas"][0]["answered"], false);
    assert_eq!(d["questions"][0]["id"], question["id"], "{d}");
    let group_titles: Vec<&str> = d["groups"][0]["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert!(
        !group_titles.contains(&"Wer kennt eine Strecke ohne Ampeln?"),
        "the question is listed once: {group_titles:?}"
    );
    assert_eq!(
        d["status"].as_array().unwrap().len(),
        1,
        "not the secret project's: {d}"
    );
    assert_eq!(
        (
            d["status"][0]["community"]["slug"].as_str(),
            d["status"][0]["to"].as_str()
        ),
        (Some(projekt.as_str()), Some("amber"))
    );
    assert_eq!(d["mentions"][0]["post_id"], mention["id"], "{d}");
    assert_eq!(d["tasks"][0]["title"], "Strecke vermessen", "{d}");
    let text = &preview.mail.text;
    for shown in [
        "Frag die Trainerin",
        "Wer kennt eine Strecke ohne Ampeln?",
        "Projekt Kanal: Gelb",
        "Sie wurden erwähnt",
        "Strecke vermessen",
    ] {
        assert!(text.contains(shown), "`{shown}` missing:\n{text}");
    }
    assert!(!text.contains("Projekt Geheim"), "{text}");

    // Tasks alone are reminders, not news: no digest for them.
    let (maria2, outbox) = (app.person("otto", "Otto Ohne").await, app.outbox.clone());
    let o = app.api(&app.token(&maria2).await);
    o.post(&format!("/api/v1/communities/{projekt}/join"), json!({})).await;
    olga.post(
        &format!("/api/v1/communities/{projekt}/tasks"),
        json!({"title": "Otto misst nach", "assignees": ["otto"], "due_on": tomorrow}),
    )
    .await;
    let later = now + chrono::Duration::minutes(1);
    let quiet = app
        .db
        .run(move |c| {
            allmende::digest::preview::preview(c, &outbox.templates, &outbox.settings(), &maria2, later, later, "u")
        })
        .await
        .unwrap();
    assert_eq!(quiet.digest.tasks.len(), 1);
    assert!(quiet.empty);
}

on_both_backends!(a_project_is_in_a_digest_when_its_status_changed_within_the_persons_window);

/// A run reads the status reports of its whole period once (from the earliest window of all
/// its people); each person's digest compares the latest report with the one before their own
/// window, which may lie before the run's period or inside it.
async fn a_project_is_in_a_digest_when_its_status_changed_within_the_persons_window(app: TestApp) {
    use allmende::db::models::NewStatusReport;
    use allmende::db::schema::communities;
    use diesel::prelude::*;

    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let (olga_api, maria_api) = (app.api(&app.token(&olga).await), app.api(&app.token(&maria).await));
    let mut projects = Vec::new();
    for name in ["Projekt Anker", "Projekt Boje", "Projekt Clou", "Projekt Deich"] {
        let (status, p) = olga_api
            .post(
                "/api/v1/communities",
                json!({"name": name, "kind": "project", "visibility": "public", "join_policy": "open"}),
            )
            .await;
        assert_eq!(status, 201, "{p}");
        let slug = p["slug"].as_str().unwrap().to_string();
        maria_api
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
        projects.push(slug);
    }
    let now = allmende::db::now();
    let ago = move |hours: i64| now - chrono::Duration::hours(hours);
    // (project, [(hours ago, overall)]): the run starts 5 days ago, Maria's window 1 day ago.
    let history = [
        (0, vec![(240, "green"), (12, "green")]), // the same as before her window: not shown
        (1, vec![(240, "green"), (12, "red")]),   // green before the run's period, now red
        (2, vec![(72, "green"), (12, "amber")]),  // green in the run's period before her window
        (3, vec![(72, "amber")]),                 // reported only before her window: not shown
    ];
    let (slugs, olga_id) = (projects.clone(), olga.id);
    app.db
        .run(move |c| {
            let mut rows = Vec::new();
            for (project, reports) in history {
                let id: i64 = communities::table
                    .filter(communities::slug.eq(&slugs[project]))
                    .select(communities::id)
                    .first(c)?;
                rows.extend(reports.into_iter().map(|(hours, overall)| NewStatusReport {
                    community_id: id,
                    author_id: Some(olga_id),
                    overall: allmende::domain::RagStatus::parse(overall).unwrap(),
                    summary: String::new(),
                    achievements: String::new(),
                    next_steps: String::new(),
                    risks: String::new(),
                    help_needed: String::new(),
                    created_at: ago(hours),
                }));
            }
            allmende::db::bulk::insert_status_reports(c, &rows)?;
            Ok(())
        })
        .await
        .unwrap();

    let (settings, m) = (app.settings.clone(), maria.clone());
    let digests = app
        .db
        .run(move |c| {
            let period = allmende::digest::content::Period::everyone(c, ago(120), now)?;
            let wanted = allmende::digest::content::Wanted {
                person: &m,
                since: ago(24),
                today: allmende::digest::preview::today(&settings, &m, now),
            };
            allmende::digest::content::build_with(c, &period, &[wanted])
        })
        .await
        .unwrap();
    let status = serde_json::to_value(&digests[0].status).unwrap();
    let changes: Vec<(String, Option<String>, String)> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["community"]["slug"].as_str().unwrap().to_string(),
                s["from"].as_str().map(String::from),
                s["to"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (projects[1].clone(), Some("green".into()), "red".into()),
            (projects[2].clone(), Some("green".into()), "amber".into()),
        ]
    );
}
