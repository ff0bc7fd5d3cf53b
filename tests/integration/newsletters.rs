//! Department newsletters: the head writes, tests, sends; every member gets it once, also when
//! the relay was down for a while; the archive shows sent issues; one click unsubscribes.

use diesel::prelude::*;
use serde_json::json;

use crate::support::{Api, SmtpSink, TestApp, page};
use crate::{on_both_backends, on_both_backends_with_smtp};

/// The department "Vertrieb" with Hanna as head and Anke, Vera and Otto; Xaver is elsewhere.
struct Department {
    hanna: Api,
    anke: Api,
    xaver: Api,
}

async fn department(app: &TestApp) -> Department {
    let mut people = Vec::new();
    for (uid, name) in [
        ("hanna", "Hanna Head"),
        ("anke", "Anke Angestellt"),
        ("vera", "Vera Vertrieb"),
        ("otto", "Otto Ordentlich"),
    ] {
        people.push(app.person(uid, name).await);
    }
    let xaver = app.person("xaver", "Xaver Extern").await;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    app.department("Vertrieb", &ids).await;
    Department {
        hanna: app.api(&app.token(&people[0]).await),
        anke: app.api(&app.token(&people[1]).await),
        xaver: app.api(&app.token(&xaver).await),
    }
}

fn recipients(sink: &SmtpSink) -> Vec<String> {
    let mut to: Vec<String> = sink
        .messages()
        .iter()
        .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("X-RcptTo: ").map(str::to_string)))
        .collect();
    to.sort();
    to
}

async fn ledger_states(app: &TestApp) -> Vec<String> {
    app.query(|c| {
        use allmende::db::schema::mail_deliveries;
        mail_deliveries::table
            .filter(mail_deliveries::newsletter_id.is_not_null())
            .order(mail_deliveries::person_id)
            .select(mail_deliveries::state)
            .load(c)
    })
    .await
}

on_both_backends_with_smtp!(a_newsletter_reaches_every_member_once_even_when_the_relay_was_down);

async fn a_newsletter_reaches_every_member_once_even_when_the_relay_was_down(app: TestApp, mut sink: SmtpSink) {
    let d = department(&app).await;
    let (status, issue) = d
        .hanna
        .post(
            "/api/v1/communities/vertrieb/newsletters",
            json!({"subject": "Vertrieb im November", "body": "Wir haben **drei neue Kunden**.\n\n<script>alert(1)</script>"}),
        )
        .await;
    assert_eq!(status, 201, "{issue}");
    assert_eq!(issue["state"], "draft");
    assert!(!issue["html"].as_str().unwrap().contains("<script"), "{issue}");
    let id = issue["id"].as_i64().unwrap();
    let (status, _) = d.anke.get(&format!("/api/v1/newsletters/{id}")).await;
    assert_eq!(status, 404, "a draft is its editors'");

    // A test to herself: only Hanna gets it, marked as a test, and the ledger stays empty.
    let (status, _) = d.hanna.post(&format!("/api/v1/newsletters/{id}/test"), json!({})).await;
    assert_eq!(status, 202);
    assert_eq!(recipients(&sink), vec!["hanna@beispiel.de".to_string()]);
    assert!(sink.messages()[0].contains("Subject: [Test] Vertrieb im November"));
    assert!(ledger_states(&app).await.is_empty());

    // Sent while the relay is down: every try fails for now, nothing is lost.
    sink.stop();
    let (status, sent) = d.hanna.post(&format!("/api/v1/newsletters/{id}/send"), json!({})).await;
    assert_eq!(status, 202, "{sent}");
    let started = std::time::Instant::now();
    loop {
        let states = ledger_states(&app).await;
        if states.len() == 4 && states.iter().all(|s| s == "failed") {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "{states:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (_, now_issue) = d.hanna.get(&format!("/api/v1/newsletters/{id}")).await;
    assert_eq!(now_issue["state"], "sending");
    assert_eq!(now_issue["delivery"]["pending"], 4);

    // The relay is back; the schedule's next run delivers to every member, once.
    sink.restart();
    allmende::newsletters::deliver::run(&app.outbox, allmende::db::now())
        .await
        .unwrap();
    allmende::newsletters::deliver::run(&app.outbox, allmende::db::now())
        .await
        .unwrap();
    let mut expected: Vec<String> = ["anke", "hanna", "hanna", "otto", "vera"]
        .iter()
        .map(|u| format!("{u}@beispiel.de"))
        .collect();
    expected.sort();
    assert_eq!(recipients(&sink), expected, "the test mail and each member once");
    let (_, done) = d.hanna.get(&format!("/api/v1/newsletters/{id}")).await;
    assert_eq!(done["state"], "sent");
    assert_eq!(done["delivery"]["sent"], 4);
    let (status, again) = d.hanna.post(&format!("/api/v1/newsletters/{id}/send"), json!({})).await;
    assert_eq!((status, again["code"].as_str()), (409, Some("already-sent")), "{again}");

    // The archive: members read it now; so may others of this public community.
    let (status, archived) = d.anke.get(&format!("/api/v1/newsletters/{id}")).await;
    assert_eq!(status, 200);
    assert!(archived["delivery"].is_null(), "delivery figures are the editors'");
    let (_, list) = d.xaver.get("/api/v1/communities/vertrieb/newsletters").await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // One click: Anke gets no further issue, the others do.
    let mail = sink
        .messages()
        .into_iter()
        .find(|m| m.contains("X-RcptTo: anke@"))
        .unwrap();
    let unfolded = mail.replace("\r\n ", " ");
    let link = unfolded
        .lines()
        .find_map(|l| l.strip_prefix("List-Unsubscribe: <"))
        .unwrap()
        .trim_end_matches('>')
        .to_string();
    let path = link
        .strip_prefix(app.settings.server.public_url.as_str().trim_end_matches('/'))
        .unwrap();
    let res = reqwest::Client::new()
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Vertrieb"));
    let (_, second) = d
        .hanna
        .post(
            "/api/v1/communities/vertrieb/newsletters",
            json!({"subject": "Vertrieb im Dezember", "body": "Frohe Feiertage."}),
        )
        .await;
    let second = second["id"].as_i64().unwrap();
    // Sent from its page: the head is asked first, told whom it reaches (Anke is not counted).
    let hanna = app.signed_in("hanna", "de").await;
    let issue = format!("/newsletters/{second}");
    let res = app
        .submit(&hanna, &issue, &format!("{issue}/send"), &[("at", "")])
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_eq!(
        crate::support::texts(&html, "#confirm-title"),
        vec!["An 3 Mitglieder der Abteilung Vertrieb senden?"]
    );
    assert_eq!(
        crate::support::texts(&html, "#confirm-yes"),
        vec!["An 3 Mitglieder senden"]
    );
    let (_, draft) = d.hanna.get(&format!("/api/v1/newsletters/{second}")).await;
    assert_eq!(draft["state"], "draft", "nothing goes out before the answer");
    let res = app
        .submit(
            &hanna,
            &issue,
            &format!("{issue}/send"),
            &[("at", ""), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let started = std::time::Instant::now();
    while recipients(&sink).len() < 8 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            recipients(&sink)
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let december: Vec<String> = sink
        .messages()
        .iter()
        .filter(|m| m.contains("Vertrieb im Dezember"))
        .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("X-RcptTo: ").map(str::to_string)))
        .collect();
    assert_eq!(december.len(), 3, "{december:?}");
    assert!(!december.iter().any(|r| r.starts_with("anke@")), "{december:?}");
}

on_both_backends!(only_heads_and_their_delegates_write_newsletters_and_only_for_departments);

async fn only_heads_and_their_delegates_write_newsletters_and_only_for_departments(app: TestApp) {
    let d = department(&app).await;
    let body = json!({"subject": "Hallo", "body": "Text"});
    let (status, e) = d
        .anke
        .post("/api/v1/communities/vertrieb/newsletters", body.clone())
        .await;
    assert_eq!((status, e["code"].as_str()), (403, Some("managers-only")), "{e}");
    let (status, _) = d
        .xaver
        .post("/api/v1/communities/vertrieb/newsletters", body.clone())
        .await;
    assert_eq!(status, 403);
    let (_, chor) = d
        .anke
        .post("/api/v1/communities", json!({"name": "Chor", "kind": "interest"}))
        .await;
    let (status, _) = d
        .anke
        .post(
            &format!("/api/v1/communities/{}/newsletters", chor["slug"].as_str().unwrap()),
            body.clone(),
        )
        .await;
    assert_eq!(status, 404, "interest communities have no newsletter");
    for (bad, field) in [
        (json!({"subject": " ", "body": "Text"}), "subject"),
        (json!({"subject": "Hallo", "body": ""}), "body"),
    ] {
        let (status, e) = d.hanna.post("/api/v1/communities/vertrieb/newsletters", bad).await;
        assert_eq!((status, e["field"].as_str()), (422, Some(field)), "{e}");
    }
    // Scheduled for later: it waits, and a run before its time sends nothing.
    let (_, issue) = d.hanna.post("/api/v1/communities/vertrieb/newsletters", body).await;
    let id = issue["id"].as_i64().unwrap();
    let (status, scheduled) = d
        .hanna
        .post(
            &format!("/api/v1/newsletters/{id}/send"),
            json!({"at": "2099-01-01T08:00:00Z"}),
        )
        .await;
    assert_eq!(status, 202, "{scheduled}");
    assert_eq!(
        (scheduled["state"].as_str(), scheduled["send_at"].as_str()),
        (Some("scheduled"), Some("2099-01-01T08:00:00Z"))
    );
    let (status, _) = d.anke.post(&format!("/api/v1/newsletters/{id}/send"), json!({})).await;
    assert_eq!(status, 404, "a member does not even see the scheduled issue");
    let report = allmende::newsletters::deliver::run(&app.outbox, allmende::db::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 0);

    // The pages: the head is offered to write one, a member reads the archive only.
    let hanna = app.signed_in("hanna", "de").await;
    let html = page(&hanna, app.url("/c/vertrieb/newsletters")).await;
    assert!(
        html.contains("id=\"new-newsletter\"") && html.contains("Hallo"),
        "{html}"
    );
    let html = page(&hanna, app.url("/c/vertrieb/newsletters/new")).await;
    assert!(html.contains("id=\"newsletter-form\""), "{html}");
    let anke = app.signed_in("anke", "en").await;
    let html = page(&anke, app.url("/c/vertrieb/newsletters")).await;
    assert!(
        !html.contains("id=\"new-newsletter\"") && html.contains("No issue yet."),
        "{html}"
    );
    let res = anke.get(app.url("/c/vertrieb/newsletters/new")).send().await.unwrap();
    assert_eq!(res.status(), 403, "members do not write the newsletter");
}

on_both_backends!(a_draft_is_previewed_edited_and_thrown_away_until_it_goes_out);

async fn a_draft_is_previewed_edited_and_thrown_away_until_it_goes_out(app: TestApp) {
    let d = department(&app).await;
    let hanna = app.signed_in("hanna", "de").await;
    let (list, new) = ("/c/vertrieb/newsletters", "/c/vertrieb/newsletters/new");
    let count = || async {
        let (_, all) = d.hanna.get("/api/v1/communities/vertrieb/newsletters").await;
        all.as_array().unwrap().len()
    };

    // The preview button shows the text as the mail will and saves nothing.
    let res = app
        .submit(
            &hanna,
            new,
            list,
            &[
                ("subject", "Vertrieb im Januar"),
                ("body", "Wir **wachsen**."),
                ("preview", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_eq!(crate::support::texts(&html, "#body-preview strong"), vec!["wachsen"]);
    assert_eq!(crate::support::texts(&html, "#subject").len(), 1);
    assert!(
        html.contains("value=\"Vertrieb im Januar\""),
        "what was typed stays: {html}"
    );
    assert_eq!(count().await, 0, "a preview saves nothing");

    let res = app
        .submit(
            &hanna,
            new,
            list,
            &[("subject", "Vertrieb im Januar"), ("body", "Wir wachsen.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let issue = res.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = issue.rsplit('/').next().unwrap().parse().unwrap();

    // The editing form starts from the draft; a bad subject keeps the new text.
    let edit = format!("{issue}/edit");
    let html = page(&hanna, app.url(&edit)).await;
    assert_eq!(crate::support::texts(&html, "#body"), vec!["Wir wachsen."]);
    let res = app
        .submit(
            &hanna,
            &edit,
            &edit,
            &[("subject", " "), ("body", "Wir wachsen weiter.")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(crate::support::texts(&html, "#body"), vec!["Wir wachsen weiter."]);
    let res = app
        .submit(
            &hanna,
            &edit,
            &edit,
            &[
                ("subject", "Vertrieb im Januar 2027"),
                ("body", "Wir wachsen _weiter_."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&hanna, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(
        crate::support::texts(&html, "#done"),
        vec!["Ihre Änderungen sind gespeichert."]
    );
    assert_eq!(
        crate::support::texts(&html, "#subject"),
        vec!["Vertrieb im Januar 2027"]
    );
    assert_eq!(crate::support::texts(&html, ".prose em"), vec!["weiter"]);

    // This server sends no mail: the page says so, and a test is not said to be on its way.
    assert_eq!(crate::support::texts(&html, "#mail-off").len(), 1, "{html}");
    let res = app.submit(&hanna, &issue, &format!("{issue}/test"), &[]).await;
    let html = page(&hanna, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert!(
        crate::support::texts(&html, "#done")[0].contains("ausgeschaltet"),
        "{html}"
    );

    // A scheduled issue is still the editors' to change; the API edits part of it.
    let (status, _) = d
        .hanna
        .post(
            &format!("/api/v1/newsletters/{id}/send"),
            json!({"at": "2099-01-01T08:00:00Z"}),
        )
        .await;
    assert_eq!(status, 202);
    let (status, patched) = d
        .hanna
        .patch(
            &format!("/api/v1/newsletters/{id}"),
            json!({"body": "Neu: zwei Kunden."}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(
        (
            patched["subject"].as_str(),
            patched["body"].as_str(),
            patched["state"].as_str()
        ),
        (
            Some("Vertrieb im Januar 2027"),
            Some("Neu: zwei Kunden."),
            Some("scheduled")
        )
    );
    let (status, _) = d
        .anke
        .patch(&format!("/api/v1/newsletters/{id}"), json!({"body": "Hallo"}))
        .await;
    assert_eq!(status, 404, "a member does not see the issue before it goes out");
    let anke = app.signed_in("anke", "de").await;
    assert_eq!(
        anke.get(app.url(&edit)).send().await.unwrap().status(),
        404,
        "nor its form"
    );

    // Deleting asks first, naming the issue; only the answer deletes it.
    let res = app.submit(&hanna, &issue, &format!("{issue}/delete"), &[]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_eq!(
        crate::support::texts(&html, "#confirm-title"),
        vec!["„Vertrieb im Januar 2027“ löschen?"]
    );
    assert_eq!(count().await, 1);
    let res = app
        .submit(&hanna, &issue, &format!("{issue}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&hanna, app.url(res.headers()["location"].to_str().unwrap())).await;
    assert_eq!(crate::support::texts(&html, "#done"), vec!["Die Ausgabe ist gelöscht."]);
    assert_eq!(count().await, 0);

    // Once it went out it is what the members got: no editing, no deleting.
    let (_, sent) = d
        .hanna
        .post(
            list.replace("/c/", "/api/v1/communities/").as_str(),
            json!({"subject": "Februar", "body": "Text"}),
        )
        .await;
    let sent = sent["id"].as_i64().unwrap();
    d.hanna
        .post(&format!("/api/v1/newsletters/{sent}/send"), json!({}))
        .await;
    let (status, e) = d
        .hanna
        .patch(&format!("/api/v1/newsletters/{sent}"), json!({"subject": "Anders"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("already-sent")), "{e}");
    let (status, _) = d.hanna.delete(&format!("/api/v1/newsletters/{sent}")).await;
    assert_eq!(status, 409);
    let html = page(&hanna, app.url(&format!("/newsletters/{sent}"))).await;
    assert!(crate::support::texts(&html, "#edit-newsletter").is_empty(), "{html}");
    let res = hanna
        .get(app.url(&format!("/newsletters/{sent}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
}
