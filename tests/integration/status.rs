//! Status reports: the project's managers report, the timeline shows what changed, and the
//! organization's and each department's roll-up lists red and stale projects first.

use allmende::db::schema::{departments, people, status_reports};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    departments_see_their_projects_red_and_stale_first,
    reports_are_for_managers_and_bad_reports_are_refused,
    status_works_with_plain_forms,
);

/// A department with these people in it (as the directory would place them).
async fn department(app: &TestApp, name: &str, uids: &[&str]) {
    let (name, uids) = (name.to_string(), uids.iter().map(|u| u.to_string()).collect::<Vec<_>>());
    app.query(move |c| {
        let id: i64 = diesel::insert_into(departments::table)
            .values((
                departments::name.eq(&name),
                departments::created_at.eq(Utc::now().naive_utc()),
            ))
            .returning(departments::id)
            .get_result(c)?;
        diesel::update(people::table.filter(people::uid.eq_any(&uids)))
            .set(people::department_id.eq(Some(id)))
            .execute(c)
    })
    .await;
}

async fn project(api: &Api, name: &str, visibility: &str) -> String {
    let (status, c) = api
        .post(
            "/api/v1/communities",
            json!({"name": name, "kind": "project", "visibility": visibility, "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    assert!(c["modules"].as_array().unwrap().contains(&json!("status")));
    c["slug"].as_str().unwrap().to_string()
}

async fn report(api: &Api, slug: &str, body: Value) -> Value {
    let (status, r) = api
        .post(&format!("/api/v1/communities/{slug}/status-reports"), body)
        .await;
    assert_eq!(status, 201, "{r}");
    r
}

fn order(rollup: &Value) -> Vec<&str> {
    rollup["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect()
}

async fn departments_see_their_projects_red_and_stale_first(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let vera = app.person("vera", "Vera Vertrieb").await;
    let heidi = app.person("heidi", "Heidi Head").await;
    department(&app, "Entwicklung", &["olga", "heidi"]).await;
    department(&app, "Vertrieb", &["vera"]).await;
    // Signed in again: the people now carry their department.
    let (olga, vera, heidi) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&vera).await),
        app.api(&app.token(&heidi).await),
    );
    let apfel = project(&olga, "Apfel", "public").await;
    let birne = project(&olga, "Birne", "public").await;
    let _dattel = project(&olga, "Dattel", "public").await;
    let kirsche = project(&vera, "Kirsche", "public").await;
    let geheim = project(&olga, "Geheim", "private").await;

    report(
        &olga,
        &apfel,
        json!({"overall": "green", "areas": {"schedule": "green", "budget": "green"}}),
    )
    .await;
    let second = report(
        &olga,
        &apfel,
        json!({"overall": "amber", "areas": {"schedule": "red", "budget": "green"},
               "summary": "Lieferant **spät**", "help_needed": "Ein Einkäufer"}),
    )
    .await;
    assert_eq!(second["previous_overall"], "green");
    assert_eq!(
        second["summary"]["html"].as_str().unwrap().trim(),
        "<p>Lieferant <strong>spät</strong></p>"
    );
    assert_eq!(
        second["areas"],
        json!([{"area": "schedule", "status": "red"}, {"area": "budget", "status": "green"}])
    );
    report(&olga, &birne, json!({"overall": "red"})).await;
    report(&olga, &geheim, json!({"overall": "red"})).await;
    let old = report(&vera, &kirsche, json!({"overall": "green"})).await;
    let old_id = old["id"].as_i64().unwrap();
    let long_ago = Utc::now().naive_utc() - Duration::days(20);
    app.query(move |c| {
        diesel::update(status_reports::table.find(old_id))
            .set(status_reports::created_at.eq(long_ago))
            .execute(c)
    })
    .await;

    // The department's head sees its projects: red, then stale (no report yet), then the rest.
    let (status, rollup) = heidi.get("/api/v1/status/rollup?department=Entwicklung").await;
    assert_eq!(status, 200, "{rollup}");
    assert_eq!(rollup["department"], "Entwicklung");
    assert_eq!(
        order(&rollup),
        ["Birne", "Dattel", "Apfel"],
        "the private project is not Heidi's to read"
    );
    let apfel_row = &rollup["projects"][2];
    assert_eq!(apfel_row["latest"]["overall"], "amber");
    assert_eq!(apfel_row["stale"], false);
    assert_eq!(apfel_row["latest"]["age_days"], 0);
    assert_eq!(
        apfel_row["changes"],
        json!([{"what": "overall", "from": "green", "to": "amber"}, {"what": "schedule", "from": "green", "to": "red"}])
    );
    assert_eq!(rollup["projects"][1]["latest"], Value::Null);
    assert_eq!(rollup["projects"][1]["stale"], true);

    // The organization: Kirsche's report is 20 days old, so stale.
    let (_, all) = heidi.get("/api/v1/status/rollup").await;
    assert_eq!(order(&all), ["Birne", "Dattel", "Kirsche", "Apfel"]);
    assert_eq!(all["projects"][2]["latest"]["age_days"], 20);
    assert_eq!(all["projects"][2]["department"], "Vertrieb");
    // Members of the private project see it too.
    let (_, mine) = olga.get("/api/v1/status/rollup?department=Entwicklung").await;
    assert_eq!(order(&mine), ["Birne", "Geheim", "Dattel", "Apfel"]);

    // A project moves to another department.
    let (status, _) = vera
        .patch(
            &format!("/api/v1/communities/{kirsche}"),
            json!({"department": "Entwicklung"}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, dev) = heidi.get("/api/v1/status/rollup?department=Entwicklung").await;
    assert_eq!(order(&dev), ["Birne", "Dattel", "Kirsche", "Apfel"]);
    let (status, problem) = heidi.get("/api/v1/status/rollup?department=Nirgendwo").await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("department")));

    // The timeline, newest first.
    let (_, timeline) = heidi.get(&format!("/api/v1/communities/{apfel}/status-reports")).await;
    let overall: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["overall"].as_str().unwrap())
        .collect();
    assert_eq!(overall, ["amber", "green"]);
    assert_eq!(timeline["items"][1]["previous_overall"], Value::Null);

    let (_, doc) = heidi.get("/api/v1/openapi.json").await;
    for path in ["/api/v1/communities/{slug}/status-reports", "/api/v1/status/rollup"] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

async fn reports_are_for_managers_and_bad_reports_are_refused(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let gerd = app.person("gerd", "Gerd Gast").await;
    let (olga, maria, gerd) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&maria).await),
        app.api(&app.token(&gerd).await),
    );
    let slug = project(&olga, "Apfel", "private").await;
    maria.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    let reports = format!("/api/v1/communities/{slug}/status-reports");

    let (status, problem) = maria.post(&reports, json!({"overall": "green"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    let (status, problem) = gerd.get(&reports).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("members-only")));
    for (body, field) in [
        (json!({"overall": "purple"}), "status"),
        (json!({"overall": "green", "areas": {"weather": "green"}}), "areas"),
        (json!({"overall": "green", "areas": {"budget": "blue"}}), "status"),
        (json!({"overall": "green", "summary": "x".repeat(10_001)}), "summary"),
    ] {
        let (status, problem) = olga.post(&reports, body.clone()).await;
        assert_eq!((status, problem["field"].as_str()), (422, Some(field)), "{body}");
    }
    let (_, list) = olga.get(&reports).await;
    assert_eq!(list["total"], 0, "nothing saved");

    // Switched off, the module's reports are gone from every path (and kept).
    report(&olga, &slug, json!({"overall": "red"})).await;
    let (status, _) = olga
        .patch(&format!("/api/v1/communities/{slug}"), json!({"modules": ["tasks"]}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(olga.get(&reports).await.0, 404);
    let (_, rollup) = olga.get("/api/v1/status/rollup").await;
    assert_eq!(order(&rollup).len(), 0);
    let (status, _) = olga
        .patch(
            &format!("/api/v1/communities/{slug}"),
            json!({"modules": ["tasks", "status"]}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, list) = olga.get(&reports).await;
    assert_eq!(list["total"], 1);
    // Only projects belong to a department.
    let (_, c) = olga
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    let (status, problem) = olga
        .patch(
            &format!("/api/v1/communities/{}", c["slug"].as_str().unwrap()),
            json!({"department": "x"}),
        )
        .await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("department")));
}

async fn status_works_with_plain_forms(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    department(&app, "Entwicklung", &["olga"]).await;
    let slug = project(&app.api(&app.token(&olga).await), "Apfel", "public").await;
    let client = app.signed_in("olga", "de").await;
    let new = format!("/c/{slug}/status/new");
    let form = page(&client, app.url(&new)).await;
    assert_eq!(
        texts(&form, "#report-form label[for^=area-]"),
        ["Termine", "Budget", "Umfang"]
    );
    assert!(
        texts(&form, "#started-from").is_empty(),
        "the first report starts empty"
    );
    let res = app
        .submit(
            &client,
            &new,
            &format!("/c/{slug}/status"),
            &[("overall", "rot"), ("summary", "Verzug")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text().await.unwrap().contains(">Verzug</textarea>"),
        "what was typed stays"
    );
    let res = app
        .submit(
            &client,
            &new,
            &format!("/c/{slug}/status"),
            &[
                ("overall", "red"),
                ("area-schedule", "red"),
                ("area-budget", ""),
                ("summary", "Verzug <script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let timeline = page(&client, app.url(&format!("/c/{slug}/status"))).await;
    assert_eq!(texts(&timeline, ".report h2 .rag"), ["Rot"]);
    assert_eq!(texts(&timeline, ".report .areas li"), ["Termine: Rot"]);
    assert!(!timeline.contains("<script>alert"));

    // The next report starts from this one: its colours and its texts, to be moved on.
    let form = page(&client, app.url(&new)).await;
    assert!(texts(&form, "#started-from")[0].starts_with("Der Bericht beginnt mit dem Stand des letzten"));
    assert_eq!(texts(&form, "#overall-red[checked]").len(), 1, "{form}");
    assert_eq!(texts(&form, "#area-schedule option[selected]"), ["Rot"]);
    assert!(
        form.contains(">Verzug &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
        "{form}"
    );

    let rollup = page(&client, app.url("/status?department=Entwicklung")).await;
    assert_eq!(texts(&rollup, "#rollup tbody th"), ["Apfel"]);
    assert!(texts(&rollup, "#rollup tbody td")[0].starts_with("Rot"));
    // The settings page offers the departments for a project.
    let settings = page(&client, app.url(&format!("/c/{slug}/settings"))).await;
    assert_eq!(texts(&settings, "#department option[selected]"), ["Entwicklung"]);
}
