//! Mail delivered exactly once against a real SMTP server: unsubscribe links, a sender killed
//! during the hand-off or before it, the relay going away mid-run, two servers at once,
//! repeated refusals pausing a person's mail.

use allmende::digest::run::{RunOptions, RunReport, run};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use crate::digest::{community, post};
use allmende::db::models::Person;

use crate::on_both_backends_with_smtp;
use crate::support::{Api, SmtpSink, TestApp};

/// Olga's community with `uids` as members (each with an API client), and one new post.
struct Circle {
    slug: String,
    olga: Api,
    members: Vec<(Person, Api)>,
}

async fn circle(app: &TestApp, uids: &[&str]) -> Circle {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let slug = community(&olga, "Laufgruppe", "public").await;
    let mut members = Vec::new();
    for uid in uids {
        let p = app.person(uid, &format!("Person {uid}")).await;
        let api = app.api(&app.token(&p).await);
        api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
        members.push((p, api));
    }
    post(&olga, &slug, "Neue Strecke am Kanal").await;
    Circle { slug, olga, members }
}

async fn digests_now(app: &TestApp, now: NaiveDateTime) -> RunReport {
    let options = RunOptions {
        now: true,
        ..RunOptions::default()
    };
    run(&app.outbox, &options, now).await.expect("the run works")
}

/// The recipients of the stored messages, one entry per message.
fn recipients(sink: &SmtpSink) -> Vec<String> {
    let mut to: Vec<String> = sink
        .messages()
        .iter()
        .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("X-RcptTo: ").map(str::to_string)))
        .collect();
    to.sort();
    to
}

/// A header's value, unfolded.
fn header(message: &str, name: &str) -> Option<String> {
    let unfolded = message.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_string))
}

async fn states(app: &TestApp) -> Vec<(String, String)> {
    app.query(|c| {
        use allmende::db::schema::{mail_deliveries, people};
        mail_deliveries::table
            .inner_join(people::table)
            .order((people::uid, mail_deliveries::id))
            .select((people::uid, mail_deliveries::state))
            .load(c)
    })
    .await
}

on_both_backends_with_smtp!(one_click_unsubscribe_works_without_sign_in_and_only_when_signed);

async fn one_click_unsubscribe_works_without_sign_in_and_only_when_signed(app: TestApp, sink: SmtpSink) {
    let circle = circle(&app, &["maria", "otto"]).await;
    let report = digests_now(&app, allmende::db::now()).await;
    assert_eq!(report.sent, 2, "{:?}", report.lines);
    let mails = sink.messages();
    let maria_mail = mails.iter().find(|m| m.contains("X-RcptTo: maria@")).unwrap();
    assert_eq!(
        header(maria_mail, "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let link = header(maria_mail, "List-Unsubscribe").unwrap();
    let link = link.trim_start_matches('<').trim_end_matches('>').to_string();
    let path = link
        .strip_prefix(app.settings.server.public_url.as_str().trim_end_matches('/'))
        .unwrap();
    assert!(maria_mail.contains(&link), "the mail's text carries the link too");

    let stranger = reqwest::Client::new();
    let page = stranger.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("id=\"unsubscribe\""));

    // Another person's id, or a changed signature: as unknown as no link at all.
    let (_, rest) = path.split_once("/unsubscribe/").unwrap();
    let (maria_id, rest) = rest.split_once('/').unwrap();
    let otto_id = circle.members[1].0.id;
    for forged in [
        format!("/mail/unsubscribe/{otto_id}/{rest}"),
        format!("{}0", path.trim_end_matches(|c: char| c.is_ascii_hexdigit())),
        format!(
            "/mail/unsubscribe/{maria_id}/newsletter-1/{}",
            rest.rsplit('/').next().unwrap()
        ),
    ] {
        let res = stranger
            .post(app.url(&forged))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{forged}");
    }
    let without = stranger.post(app.url(path)).send().await.unwrap();
    assert_eq!(without.status(), 400, "a POST without One-Click changes nothing");

    // What a mail provider sends (RFC 8058): no cookies, no CSRF token.
    let res = stranger
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let maria = circle.members[0].0.id;
    let off: String = app
        .query(move |c| {
            use allmende::db::schema::mail_preferences;
            mail_preferences::table
                .find(maria)
                .select(mail_preferences::digest)
                .first(c)
        })
        .await;
    assert_eq!(off, "off");

    // Something new: Otto gets it, Maria no longer.
    post(&circle.olga, &circle.slug, "Treffpunkt geändert").await;
    let later = allmende::db::now() + Duration::days(8);
    digests_now(&app, later).await;
    let to = recipients(&sink);
    assert_eq!(to.iter().filter(|r| r.starts_with("maria@")).count(), 1, "{to:?}");
    assert_eq!(to.iter().filter(|r| r.starts_with("otto@")).count(), 2, "{to:?}");
}

on_both_backends_with_smtp!(a_sender_killed_during_or_before_the_hand_off_delivers_each_once);

/// Kills a `digest run` while the relay holds its answer to the message's data (the relay has
/// stored it; the sender cannot know): the next run must not send it again. A claim left by a
/// sender that died before sending is taken up once it expires.
async fn a_sender_killed_during_or_before_the_hand_off_delivers_each_once(app: TestApp, sink: SmtpSink) {
    let circle = circle(&app, &["holdme", "otto"]).await;
    app.accounts_from_last_month().await;
    let key = app.dir.path().join("session.key");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_allmende"))
        .args(["digest", "run", "--now", "--uid", "holdme"])
        .env("ALLMENDE__DATABASE__URL", &app.settings.database.url)
        .env("ALLMENDE__SESSION__KEY_FILE", key.display().to_string())
        .env("ALLMENDE__MAIL__TRANSPORT", "smtp")
        .env("ALLMENDE__MAIL__SMTP__HOST", "127.0.0.1")
        .env("ALLMENDE__MAIL__SMTP__PORT", sink.port.to_string())
        .env("ALLMENDE__LOG__LEVEL", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while sink.messages().is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the message never arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(states(&app).await, vec![("holdme".into(), "sending".into())]);

    // Otto's digest (the one the runs below take) was claimed by a node that died
    // before sending it.
    let otto = circle.members[1].0.id;
    let now = allmende::db::now();
    let tz = app.settings.i18n.default_timezone;
    let (weekly, monday_eight) = (
        allmende::domain::DigestFrequency::Weekly,
        allmende::domain::DigestTime::DEFAULT,
    );
    let slot = allmende::digest::slots::due(weekly, monday_eight, tz, now)
        .or_else(|| allmende::digest::slots::next(weekly, monday_eight, tz, now))
        .unwrap();
    app.db
        .run(move |c| {
            let claim = allmende::mail::ledger::Claim {
                key: allmende::mail::ledger::Key {
                    person_id: otto,
                    newsletter_id: None,
                    slot,
                },
                period: (now - Duration::days(7), now),
                start: allmende::mail::ledger::Start::Claimed,
            };
            Ok(allmende::mail::ledger::claim_many(c, &[claim], now)?.remove(0))
        })
        .await
        .unwrap()
        .expect("claimed");

    // While the claims hold, nobody takes them over.
    let report = digests_now(&app, now + Duration::minutes(1)).await;
    assert_eq!(report.sent, 0, "{:?}", report.lines);

    // Once they expired: Otto's is sent, the cut-off hand-off is not sent again.
    let report = digests_now(&app, now + Duration::minutes(11)).await;
    assert_eq!(report.sent, 1, "{:?}", report.lines);
    let to = recipients(&sink);
    assert_eq!(to, vec!["holdme@beispiel.de".to_string(), "otto@beispiel.de".into()]);
    let ledger = states(&app).await;
    assert!(ledger.contains(&("holdme".into(), "uncertain".into())), "{ledger:?}");
    assert!(ledger.contains(&("otto".into(), "sent".into())), "{ledger:?}");
    // And the uncertain one counts as delivered: the next digest starts after it.
    let report = digests_now(&app, now + Duration::minutes(12)).await;
    assert_eq!(report.sent, 0, "{:?}", report.lines);
}

/// The relay goes away in the middle of a run and comes back: retries with backoff deliver
/// every digest, each once.
async fn the_relay_down_mid_run_then_back_delivers_each_once(backend: crate::support::Backend) {
    let mut sink = SmtpSink::start();
    let port = sink.port;
    let app = crate::support::spawn_app_with(backend, |s| {
        s.mail.transport = allmende::config::MailTransport::Smtp;
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
        s.mail.rate_per_second = 4.0;
        s.mail.concurrency = 2;
        s.mail.retry_attempts = 8;
        s.mail.retry_backoff_ms = 200;
    })
    .await;
    let uids: Vec<String> = (1..=8).map(|i| format!("person{i}")).collect();
    circle(&app, &uids.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let outbox = app.outbox.clone();
    let running = actix_web::rt::spawn(async move {
        let options = RunOptions {
            now: true,
            ..RunOptions::default()
        };
        run(&outbox, &options, allmende::db::now()).await
    });
    let started = std::time::Instant::now();
    while sink.messages().len() < 2 {
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // Between two messages (the pace leaves 250 ms): the relay is gone for a while.
    tokio::time::sleep(std::time::Duration::from_millis(40)).await;
    sink.stop();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    sink.restart();
    let report = running.await.unwrap().unwrap();
    assert_eq!(report.sent, 8, "{:?}", report.lines);
    let expected: Vec<String> = {
        let mut e: Vec<String> = uids.iter().map(|u| format!("{u}@beispiel.de")).collect();
        e.sort();
        e
    };
    assert_eq!(recipients(&sink), expected, "each once");
    let retried: i64 = app
        .query(|c| {
            use allmende::db::schema::mail_deliveries;
            mail_deliveries::table
                .filter(mail_deliveries::attempts.gt(1))
                .count()
                .get_result(c)
        })
        .await;
    assert!(retried >= 1, "some were tried again");
}

#[actix_web::test]
async fn the_relay_down_mid_run_then_back_delivers_each_once_sqlite() {
    the_relay_down_mid_run_then_back_delivers_each_once(crate::support::Backend::Sqlite).await
}

#[actix_web::test]
async fn the_relay_down_mid_run_then_back_delivers_each_once_postgres() {
    the_relay_down_mid_run_then_back_delivers_each_once(crate::support::Backend::Postgres).await
}

on_both_backends_with_smtp!(two_servers_running_the_schedule_send_each_digest_once);

/// Two `allmende serve` processes on one database, both looking for due digests every second.
async fn two_servers_running_the_schedule_send_each_digest_once(app: TestApp, sink: SmtpSink) {
    let uids: Vec<String> = (1..=10).map(|i| format!("person{i}")).collect();
    // Everyone's daily digest is due this hour (UTC).
    let hour = chrono::Timelike::hour(&chrono::Utc::now()) as i64;
    let circle = circle(&app, &uids.iter().map(String::as_str).collect::<Vec<_>>()).await;
    app.accounts_from_last_month().await;
    for (_, api) in &circle.members {
        let (status, body) = api
            .put(
                "/api/v1/me/preferences",
                json!({"digest": "daily", "digest_weekday": 1, "digest_hour": hour, "timezone": "UTC", "language": "de", "muted": []}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let key = app.dir.path().join("session.key").display().to_string();
    let port = sink.port.to_string();
    let env = [
        ("ALLMENDE__DATABASE__URL", app.settings.database.url.as_str()),
        ("ALLMENDE__SESSION__KEY_FILE", key.as_str()),
        ("ALLMENDE__MAIL__TRANSPORT", "smtp"),
        ("ALLMENDE__MAIL__SMTP__HOST", "127.0.0.1"),
        ("ALLMENDE__MAIL__SMTP__PORT", port.as_str()),
        ("ALLMENDE__MAIL__DIGEST_SCHEDULE", "* * * * * *"),
        ("ALLMENDE__AMAS__SCHEDULE", "0 0 3 1 1 *"),
    ];
    let first = crate::cli::serve(&env, &[]);
    let second = crate::cli::serve(&env, &[]);
    let started = std::time::Instant::now();
    while sink.messages().len() < uids.len() && started.elapsed() < std::time::Duration::from_secs(40) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // A few more rounds of both schedules.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    drop((first, second));
    let mut expected: Vec<String> = uids.iter().map(|u| format!("{u}@beispiel.de")).collect();
    expected.sort();
    assert_eq!(recipients(&sink), expected, "each digest once");
}

on_both_backends_with_smtp!(repeated_refusals_pause_a_persons_mail_until_an_admin_resumes_it);

async fn repeated_refusals_pause_a_persons_mail_until_an_admin_resumes_it(app: TestApp, sink: SmtpSink) {
    let circle = circle(&app, &["rejectme", "maria"]).await;
    app.admin("alex", "Alex Admin").await;
    let rita = circle.members[0].0.id;
    let now = allmende::db::now();
    // Three weekly digests refused for good (the default pause_after_failures).
    for week in 0..3 {
        let report = digests_now(&app, now + Duration::days(8 * week)).await;
        assert!(
            report
                .lines
                .iter()
                .any(|l| l.starts_with("rejectme: failed (permanent: ")),
            "{:?}",
            report.lines
        );
    }
    assert_eq!(ledger_rows(&app, rita).await, 3);
    // Paused: the next run does not even try; Maria's digests went on.
    let report = digests_now(&app, now + Duration::days(30)).await;
    assert!(
        !report.lines.iter().any(|l| l.starts_with("rejectme")),
        "{:?}",
        report.lines
    );
    assert_eq!(ledger_rows(&app, rita).await, 3);
    assert_eq!(recipients(&sink), vec!["maria@beispiel.de".to_string()]);

    // The administrators' page shows the paused person; others get 404.
    let maria = app.signed_in("maria", "en").await;
    let res = maria.get(app.url("/admin/mail")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let alex = app.signed_in("alex", "en").await;
    let html = crate::support::page(&alex, app.url("/admin/mail")).await;
    let paused = crate::support::texts(&html, "#paused tbody tr");
    assert_eq!(paused.len(), 1, "{paused:?}");
    assert!(
        paused[0].contains("rejectme") && paused[0].contains("550"),
        "{paused:?}"
    );
    let problems = crate::support::texts(&html, "#problems tbody tr");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("Person rejectme")),
        "by name: {problems:?}"
    );
    let transport = crate::support::texts(&html, "#transport");
    assert!(
        transport[0].starts_with("Mail goes out through the server 127.0.0.1:"),
        "{transport:?}"
    );
    // The test mail says where it went, and goes there.
    let res = app.submit(&alex, "/admin/mail", "/admin/mail/test", &[]).await;
    assert_eq!(res.status(), 303);
    let html = crate::support::page(&alex, app.url("/admin/mail?done=tested")).await;
    assert_eq!(
        crate::support::texts(&html, "#done"),
        vec!["The test mail is on its way to alex@beispiel.de."]
    );

    // Resumed (the address was fixed): the next run tries again; the action is audited.
    let res = app
        .submit(&alex, "/admin/mail", &format!("/admin/mail/resume/{rita}"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let html = crate::support::page(&alex, app.url("/admin/mail")).await;
    assert!(crate::support::texts(&html, "#paused tbody tr")[0].contains("Nobody is paused."));
    // (Within a month: a digest covers a month at most.)
    let report = digests_now(&app, now + Duration::days(30)).await;
    assert!(
        report.lines.iter().any(|l| l.starts_with("rejectme: failed")),
        "{:?}",
        report.lines
    );
    let audited: i64 = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::action.eq("mail.resume"))
                .count()
                .get_result(c)
        })
        .await;
    assert_eq!(audited, 1);
}

async fn ledger_rows(app: &TestApp, person: i64) -> i64 {
    app.query(move |c| {
        use allmende::db::schema::mail_deliveries;
        mail_deliveries::table
            .filter(mail_deliveries::person_id.eq(person))
            .count()
            .get_result(c)
    })
    .await
}

on_both_backends_with_smtp!(a_company_starting_midweek_gets_its_first_weekly_digest_on_monday);

/// The first start on a weekday after Monday 08:00 sends no digest for the Monday that passed
/// before the accounts existed; the first one goes out at the next Monday 08:00.
async fn a_company_starting_midweek_gets_its_first_weekly_digest_on_monday(app: TestApp, sink: SmtpSink) {
    let _circle = circle(&app, &["maria"]).await;
    let (weekly, monday_eight) = (
        allmende::domain::DigestFrequency::Weekly,
        allmende::domain::DigestTime::DEFAULT,
    );
    let tz = app.settings.i18n.default_timezone;
    let now = allmende::db::now();
    let scheduled = RunOptions::default();
    let report = run(&app.outbox, &scheduled, now).await.unwrap();
    assert_eq!(
        report.sent, 0,
        "no digest for a Monday before the accounts: {:?}",
        report.lines
    );
    let monday = allmende::digest::slots::next(weekly, monday_eight, tz, now).unwrap();
    let report = run(&app.outbox, &scheduled, monday + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{:?}", report.lines);
    assert_eq!(recipients(&sink), vec!["maria@beispiel.de".to_string()]);
}
