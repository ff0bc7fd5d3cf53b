//! People fields take what one knows of a colleague: a name, a user name, a mail address or the
//! "Name (uid)" a suggestion fills in. A name that fits several people comes back with them to
//! choose from, by department; nothing is saved until it is clear whom the form means.

use diesel::prelude::*;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{TestApp, page, texts};

on_both_backends!(
    a_task_is_assigned_by_name_and_an_ambiguous_name_asks_which_one,
    suggestions_find_people_by_name_mail_and_department
);

/// Anna Schulz (Vertrieb) and Ben Schulze (Personal) in a project that Olga leads; Julia Neumann
/// too. Returns the project's slug.
async fn project_with_two_schulz(app: &TestApp) -> String {
    let olga = app.person("olga", "Olga Ort").await;
    let anna = app.person("aschulz", "Anna Schulz").await;
    let ben = app.person("bschulze", "Ben Schulze").await;
    let julia = app.person("jneumann", "Julia Neumann").await;
    // Carla is no member: a task there is not hers to take.
    app.person("cschulz", "Carla Schulz").await;
    app.department("Vertrieb", &[anna.id]).await;
    app.department("Personal", &[ben.id]).await;
    app.query(move |c| {
        use allmende::db::schema::{departments, person_departments};
        for (person, name) in [(anna.id, "Vertrieb"), (ben.id, "Personal")] {
            let department: i64 = departments::table
                .filter(departments::name.eq(name))
                .select(departments::id)
                .first(c)?;
            diesel::insert_into(person_departments::table)
                .values((
                    person_departments::person_id.eq(person),
                    person_departments::department_id.eq(department),
                ))
                .execute(c)?;
        }
        Ok(())
    })
    .await;
    let olga_api = app.api(&app.token(&olga).await);
    let (_, c) = olga_api
        .post(
            "/api/v1/communities",
            json!({"name": "Phoenix", "kind": "project", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    for person in [&anna, &ben, &julia] {
        app.api(&app.token(person).await)
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
    }
    slug
}

async fn a_task_is_assigned_by_name_and_an_ambiguous_name_asks_which_one(app: TestApp) {
    let slug = project_with_two_schulz(&app).await;
    let olga = app.signed_in("olga", "de").await;
    let (new, create) = (format!("/c/{slug}/tasks/new"), format!("/c/{slug}/tasks"));
    // The task form with these assignees (and a choice, when one was made).
    let new_task = |assignees: &'static str, choice: &'static [(&'static str, &'static str)]| {
        let mut fields = vec![
            ("title", "Angebot prüfen"),
            ("assignees", assignees),
            ("status", "open"),
            ("priority", "normal"),
        ];
        fields.extend_from_slice(choice);
        let (app, olga, new, create) = (&app, &olga, &new, &create);
        async move { app.submit(olga, new, create, &fields).await }
    };

    // "Schulz" fits two people: the form comes back with both, by department, and no task.
    let res = new_task("Schulz, julia neumann", &[]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        texts(&html, "#assignees-pick legend"),
        vec!["Wen meinen Sie mit „Schulz“?"]
    );
    assert_eq!(
        texts(&html, "#assignees-pick .name"),
        vec!["Anna Schulz", "Ben Schulze"]
    );
    assert_eq!(texts(&html, "#assignees-pick .sub"), vec!["Vertrieb", "Personal"]);
    assert!(
        html.contains(r#"value="Schulz, Julia Neumann (jneumann)""#),
        "the clear name is kept: {html}"
    );
    assert!(texts(&html, "p.alert")[0].contains("Mehrere Personen passen"), "{html}");
    let tasks: i64 = app
        .query(|c| allmende::db::schema::tasks::table.count().get_result(c))
        .await;
    assert_eq!(tasks, 0, "nothing saved before it is clear");

    // Nobody by that name: said so.
    let res = new_task("Xaver", &[]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        texts(&html, "#assignees-pick legend"),
        vec!["Zu „Xaver“ finden wir niemanden."]
    );

    // The choice, sent with the form, settles it; the mail address works as well.
    let res = new_task(
        "Schulz, jneumann@beispiel.de",
        &[("pick_for", "Schulz"), ("pick", "aschulz")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let task = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let html = page(&olga, app.url(&task)).await;
    assert!(html.contains("Anna Schulz") && html.contains("Julia Neumann"), "{html}");
    assert!(!html.contains("Ben Schulze"), "{html}");

    // Editing shows them by name, ready to send again unchanged.
    let html = page(&olga, app.url(&format!("{task}/edit"))).await;
    assert!(
        html.contains(r#"value="Anna Schulz (aschulz), Julia Neumann (jneumann)""#),
        "{html}"
    );
}

async fn suggestions_find_people_by_name_mail_and_department(app: TestApp) {
    project_with_two_schulz(&app).await;
    let olga = app.signed_in("olga", "en").await;
    let suggest = |q: &str| {
        let (olga, url) = (olga.clone(), app.url(&format!("/suggest/people?q={q}")));
        async move {
            olga.get(url)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    // A members-only field suggests only the community's members.
    assert_eq!(
        suggest("schul&in=phoenix").await,
        json!([
            {"value": "Anna Schulz (aschulz)", "name": "Anna Schulz", "uid": "aschulz", "about": "Vertrieb"},
            {"value": "Ben Schulze (bschulze)", "name": "Ben Schulze", "uid": "bschulze", "about": "Personal"}
        ])
    );
    let names = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(suggest("schul").await),
        vec!["Anna Schulz", "Ben Schulze", "Carla Schulz"]
    );
    // A community one may not see tells nobody who is in it.
    let carla = app.signed_in("cschulz", "en").await;
    let secret = app.api(&app.token(&app.person("sven", "Sven Still").await).await);
    let (_, tresor) = secret
        .post(
            "/api/v1/communities",
            json!({"name": "Tresor", "kind": "project", "visibility": "secret"}),
        )
        .await;
    let list = format!("/suggest/people?q=sven&in={}", tresor["slug"].as_str().unwrap());
    let sven = app.signed_in("sven", "en").await;
    let own = sven.get(app.url(&list)).send().await.unwrap();
    let own: serde_json::Value = own.json().await.unwrap();
    assert_eq!(names(own), vec!["Sven Still"], "its members see who is in it");
    let res = carla.get(app.url(&list)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(names(suggest("vertr").await), vec!["Anna Schulz"], "by department");
    assert_eq!(
        names(suggest("jneumann%40beispiel").await),
        vec!["Julia Neumann"],
        "by mail"
    );
    assert!(names(suggest("%25").await).is_empty(), "a wildcard is a character");
    // Only for those signed in.
    let anonymous = app.browser("en");
    let res = anonymous.get(app.url("/suggest/people?q=schul")).send().await.unwrap();
    assert_ne!(res.status(), 200);
}
