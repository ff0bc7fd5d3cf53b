//! Data rights: an export holds all of a person's data and nothing of others; a departure is
//! anonymised after the retention everywhere (search, mail ledger, audit log), or at once on an
//! admin's request; admin pages refuse everyone else.

use chrono::Duration;
use diesel::prelude::*;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Api, TestApp, page};

on_both_backends!(
    an_export_holds_everything_of_the_person_and_nothing_of_others,
    a_departure_is_anonymised_after_the_retention_everywhere,
    an_admin_removes_a_departed_persons_data_on_request,
    an_admin_sees_every_community_archives_and_hands_one_over,
);

struct Two {
    anna: Api,
    anna_id: i64,
    bert: Api,
    /// Anna's post, Bert's post.
    posts: (i64, i64),
}

/// Anna and Bert in "Fahrradgruppe": each posts; Anna comments on Bert's post and reacts to
/// it; Bert comments on Anna's (she is notified); Anna chooses a daily digest.
async fn two(app: &TestApp) -> Two {
    let anna = app.person("anna", "Anna Ahorn").await;
    let anna_id = anna.id;
    let anna = app.api(&app.token(&anna).await);
    let bert = app.person("bert", "Bert Birke").await;
    let bert = app.api(&app.token(&bert).await);
    let (status, c) = anna
        .post(
            "/api/v1/communities",
            json!({"name": "Fahrradgruppe", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let slug = c["slug"].as_str().unwrap().to_string();
    assert_eq!(
        bert.post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await
            .0,
        200
    );
    let (_, a) = anna
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Annas Tourenplan", "body": "Sonntag an den Rhein, Treffpunkt Brücke."}),
        )
        .await;
    let (_, b) = bert
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Berts Werkstattabend", "body": "Schläuche flicken im Keller von Bert."}),
        )
        .await;
    let (a, b) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());
    let (status, _) = anna
        .post(
            &format!("/api/v1/posts/{b}/comments"),
            json!({"body": "Ich bringe Flickzeug mit."}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        anna.post(&format!("/api/v1/posts/{b}/reactions"), json!({"kind": "like"}))
            .await
            .0,
        200
    );
    let (status, _) = bert
        .post(
            &format!("/api/v1/posts/{a}/comments"),
            json!({"body": "Bert kommt mit dem Rennrad."}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, _) = anna
        .put(
            "/api/v1/me/preferences",
            json!({"digest": "daily", "digest_weekday": 1, "digest_hour": 7, "timezone": "Europe/Berlin", "language": "de", "muted": []}),
        )
        .await;
    assert_eq!(status, 200);
    Two {
        anna,
        anna_id,
        bert,
        posts: (a, b),
    }
}

async fn an_export_holds_everything_of_the_person_and_nothing_of_others(app: TestApp) {
    let t = two(&app).await;
    let (status, data) = t.anna.get("/api/v1/me/export").await;
    assert_eq!(status, 200, "{data}");
    assert_eq!(data["profile"]["uid"], "anna");
    assert_eq!(data["profile"]["email"], "anna@beispiel.de");
    assert_eq!(data["memberships"][0]["community"], "Fahrradgruppe");
    assert_eq!(data["memberships"][0]["role"], "manager");
    assert_eq!(data["posts"].as_array().unwrap().len(), 1);
    assert_eq!(data["posts"][0]["title"], "Annas Tourenplan");
    assert_eq!(data["comments"][0]["body"], "Ich bringe Flickzeug mit.");
    assert_eq!(data["comments"][0]["on"], t.posts.1);
    assert_eq!(data["reactions"][0]["kind"], "like");
    assert_eq!(data["reactions"][0]["target_id"], t.posts.1);
    assert!(!data["notifications"].as_array().unwrap().is_empty(), "{data}");
    assert_eq!(data["settings"]["digest"][0], "daily");
    assert_eq!(data["api_tokens"][0]["label"], "test");
    // Nothing of Bert: not his name, address, post or comment.
    let text = data.to_string();
    for theirs in [
        "Bert Birke",
        "bert@beispiel.de",
        "Schläuche flicken",
        "Rennrad",
        "Berts Werkstattabend",
    ] {
        assert!(!text.contains(theirs), "{theirs} in Anna's export: {text}");
    }
    let (_, bert) = t.bert.get("/api/v1/me/export").await;
    assert!(!bert.to_string().contains("Flickzeug"));

    // The readable page and the download, signed in.
    let browser = app.signed_in("anna", "de").await;
    let html = page(&browser, app.url("/settings/export")).await;
    assert!(html.contains("Annas Tourenplan") && html.contains("Ich bringe Flickzeug mit."));
    assert!(!html.contains("Rennrad"));
    let res = browser.get(app.url("/settings/export.json")).send().await.unwrap();
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("allmende-anna.json")
    );
    let downloaded: serde_json::Value = res.json().await.unwrap();
    assert_eq!(downloaded["posts"][0]["title"], "Annas Tourenplan");
    // Without sign-in there is nothing.
    let anonymous = app.browser("de");
    let res = anonymous.get(app.url("/settings/export.json")).send().await.unwrap();
    assert_ne!(res.status(), 200);
}

/// Every text column that could hold Anna's name or address, as one string per table.
async fn everything_stored(app: &TestApp) -> String {
    app.query(|c| {
        use allmende::db::schema::{audit_log, directory_sync_runs, people, search_documents};
        let mut all = String::new();
        for (uid, name, email) in people::table
            .select((people::uid, people::display_name, people::email))
            .load::<(String, String, Option<String>)>(c)?
        {
            all += &format!("{uid} {name} {} ", email.unwrap_or_default());
        }
        for (object, details) in audit_log::table
            .select((audit_log::object_id, audit_log::details))
            .load::<(String, String)>(c)?
        {
            all += &format!("{object} {details} ");
        }
        for changes in directory_sync_runs::table
            .select(directory_sync_runs::changes)
            .load::<String>(c)?
        {
            all += &changes;
        }
        for (title, body) in search_documents::table
            .select((search_documents::title, search_documents::body))
            .load::<(String, String)>(c)?
        {
            all += &format!("{title} {body} ");
        }
        Ok(all)
    })
    .await
}

async fn a_departure_is_anonymised_after_the_retention_everywhere(app: TestApp) {
    let t = two(&app).await;
    let id = t.anna_id;
    // A digest went to her, an admin once changed something about her (both name her).
    app.query(move |c| {
        use allmende::db::schema::mail_deliveries;
        diesel::insert_into(mail_deliveries::table)
            .values((
                mail_deliveries::person_id.eq(id),
                mail_deliveries::slot.eq(allmende::db::now()),
                mail_deliveries::period_start.eq(allmende::db::now()),
                mail_deliveries::period_end.eq(allmende::db::now()),
                mail_deliveries::state.eq("sent"),
                mail_deliveries::created_at.eq(allmende::db::now()),
            ))
            .execute(c)?;
        allmende::db::models::NewAuditEntry::record(
            c,
            None,
            "person.locks",
            ("person", "anna"),
            json!({"uid": "anna", "changed": [["display_name", "Anna Ahorn"], ["email", "anna@beispiel.de"]]}),
        )
    })
    .await;
    // The directory (here: the admin) deactivates her: her token stops at once.
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let res = app
        .submit(
            &root,
            &format!("/admin/people/{id}"),
            &format!("/admin/people/{id}"),
            &[("action", "deactivate"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(t.anna.get("/api/v1/me").await.0, 401);

    // Within the retention nothing is removed.
    let settings = app.settings.clone();
    let done = app
        .db
        .run(move |c| allmende::privacy::departure::run(c, allmende::db::now(), &settings))
        .await
        .unwrap();
    assert_eq!(done, 0);
    assert!(everything_stored(&app).await.contains("anna@beispiel.de"));

    // 91 days later the job removes her personal data.
    app.query(move |c| {
        use allmende::db::schema::people;
        diesel::update(people::table.find(id))
            .set(people::deactivated_at.eq(Some(allmende::db::now() - Duration::days(91))))
            .execute(c)
    })
    .await;
    let settings = app.settings.clone();
    let done = app
        .db
        .run(move |c| allmende::privacy::departure::run(c, allmende::db::now(), &settings))
        .await
        .unwrap();
    assert_eq!(done, 1);
    let stored = everything_stored(&app).await;
    for hers in ["anna@beispiel.de", "Anna Ahorn", " anna "] {
        assert!(!stored.contains(hers), "{hers} still stored: {stored}");
    }
    let (deliveries, memberships, notifications, anonymised): (i64, i64, i64, Option<chrono::NaiveDateTime>) = app
        .query(move |c| {
            use allmende::db::schema::{mail_deliveries, memberships, notifications, people};
            Ok((
                mail_deliveries::table
                    .filter(mail_deliveries::person_id.eq(id))
                    .count()
                    .get_result(c)?,
                memberships::table
                    .filter(memberships::person_id.eq(id))
                    .count()
                    .get_result(c)?,
                notifications::table
                    .filter(notifications::person_id.eq(id))
                    .count()
                    .get_result(c)?,
                people::table.find(id).select(people::anonymised_at).first(c)?,
            ))
        })
        .await;
    assert_eq!((deliveries, memberships, notifications), (0, 0, 0));
    assert!(anonymised.is_some());
    // Her post stays, by a former employee, and is still found; she is not.
    let (_, post) = t.bert.get(&format!("/api/v1/posts/{}", t.posts.0)).await;
    assert_eq!(post["title"], "Annas Tourenplan");
    let former = allmende::i18n::t(app.settings.i18n.default_locale, "former-employee");
    assert_eq!(post["author"]["display_name"], former.as_str(), "{post}");
    let (_, found) = t.bert.get("/api/v1/search?q=Tourenplan").await;
    assert!(found.to_string().contains("Annas Tourenplan"), "{found}");
    let (_, people) = t.bert.get("/api/v1/people?q=anna").await;
    assert_eq!(people["items"].as_array().unwrap().len(), 0, "{people}");
    // Recorded, naming only the pseudonym.
    let (action, object): (String, String) = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .order(audit_log::id.desc())
                .select((audit_log::action, audit_log::object_id))
                .first(c)
        })
        .await;
    assert_eq!((action.as_str(), object), ("person.anonymised", format!("former-{id}")));
}

async fn an_admin_removes_a_departed_persons_data_on_request(app: TestApp) {
    let t = two(&app).await;
    let id = t.anna_id;
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let list = page(&root, app.url("/admin/people?q=ahorn")).await;
    assert!(list.contains(&format!("href=\"/admin/people/{id}\"")) && !list.contains("Bert Birke"));
    // An active person's data cannot be removed: first the departure.
    let person_page = format!("/admin/people/{id}");
    let res = app
        .submit(
            &root,
            &person_page,
            &person_page,
            &[("action", "anonymise"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("Deactivate the person first."));
    for action in ["deactivate", "anonymise"] {
        let res = app
            .submit(
                &root,
                &person_page,
                &person_page,
                &[("action", action), ("confirm", "yes")],
            )
            .await;
        assert_eq!(res.status(), 303, "{action}");
    }
    let html = page(&root, app.url(&person_page)).await;
    assert!(
        html.contains(&format!("former-{id}")) && html.contains("personal data removed"),
        "{html}"
    );
    // The audit log shows both, filtered, and as CSV.
    // By what it was about and by part of the name of who did it.
    let html = page(&root, app.url("/admin/audit?action=person.&actor=rita")).await;
    assert_eq!(
        crate::support::texts(&html, "#audit-action option[selected]"),
        vec!["People and accounts"]
    );
    assert!(
        html.contains("person.deactivate") && html.contains("person.anonymised"),
        "{html}"
    );
    assert!(!html.contains("community.create"), "the filter holds");
    let said = crate::support::texts(&html, ".audit-sentence");
    assert!(
        said[0].starts_with("Rita Root removed the data of ") && said[1].starts_with("Rita Root deactivated "),
        "the entries read as sentences, newest first: {said:?}"
    );
    let german = app.signed_in("root", "de").await;
    let html = page(&german, app.url("/admin/audit?action=person.deactivate")).await;
    let said = crate::support::texts(&html, ".audit-sentence");
    assert!(
        said[0].starts_with("Rita Root hat ") && said[0].ends_with(" deaktiviert."),
        "{said:?}"
    );
    let csv = page(&root, app.url("/admin/audit.csv?action=person.")).await;
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("at,actor,action,object_type,object_id,details\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(",root,person.anonymised,person,former-{id},")),
        "{csv}"
    );
    // Everyone else: these pages do not exist.
    let bert = app.signed_in("bert", "en").await;
    for path in ["/admin/people", &person_page, "/admin/audit", "/admin/audit.csv"] {
        let res = bert.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}

async fn an_admin_sees_every_community_archives_and_hands_one_over(app: TestApp) {
    let t = two(&app).await;
    let (status, created) = t
        .anna
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimrat", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    assert_eq!(status, 201);
    let secret = created["slug"].as_str().unwrap().to_string();
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let html = page(&root, app.url("/admin/communities")).await;
    let row = html
        .split(&format!("id=\"community-{secret}\""))
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(row.contains("Secret") && row.contains("Anna Ahorn"), "{row}");
    for (fields, status) in [
        (vec![("action", "archive"), ("confirm", "yes")], 303),
        (vec![("action", "transfer"), ("uid", "bert")], 303),
        (vec![("action", "transfer"), ("uid", "niemand")], 422),
    ] {
        let res = app
            .submit(
                &root,
                "/admin/communities",
                &format!("/admin/communities/{secret}"),
                &fields,
            )
            .await;
        assert_eq!(res.status(), status, "{fields:?}");
        if status == 422 {
            assert!(res.text().await.unwrap().contains("we cannot find this person"));
        }
    }
    let mut managers = app.managers_of(&secret).await;
    managers.sort();
    assert_eq!(managers, vec!["anna", "bert"]);
    let (_, detail) = t.bert.get(&format!("/api/v1/communities/{secret}")).await;
    assert_eq!(detail["archived"], true, "{detail}");
    let bert = app.signed_in("bert", "en").await;
    assert_eq!(
        bert.get(app.url("/admin/communities")).send().await.unwrap().status(),
        404
    );
}
