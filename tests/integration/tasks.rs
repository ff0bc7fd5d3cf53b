//! Tasks: the module switch, the board and list, "my tasks", history, notifications, the
//! reminder on the due date, and who may see what.

use allmende::db::schema::{people, tasks};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    a_team_works_its_tasks_through_the_api,
    bad_task_input_gets_clear_errors,
    the_modules_switch_hides_tasks_and_keeps_them,
    outsiders_see_no_tasks,
    the_due_date_reminder_goes_out_once,
    tasks_work_with_plain_forms,
);

fn today() -> chrono::NaiveDate {
    // The tests' organization time zone; the server computes "today" the same way.
    Utc::now().with_timezone(&chrono_tz::Europe::Berlin).date_naive()
}

/// A project community of Olga's with Maria and Rudi as members.
async fn project(app: &TestApp, visibility: &str) -> (String, Api, Api, Api) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let rudi = app.person("rudi", "Rudi Ratlos").await;
    let (olga, maria, rudi) = (
        app.api(&app.token(&olga).await),
        app.api(&app.token(&maria).await),
        app.api(&app.token(&rudi).await),
    );
    let (status, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Apfel", "kind": "project", "visibility": visibility, "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let slug = c["slug"].as_str().unwrap().to_string();
    assert!(
        c["modules"].as_array().unwrap().contains(&json!("tasks")),
        "projects start with tasks on"
    );
    for member in [&maria, &rudi] {
        let (status, _) = member
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
        assert_eq!(status, 200);
    }
    (slug, olga, maria, rudi)
}

fn titles(list: &Value) -> Vec<&str> {
    list.as_array()
        .or_else(|| list["items"].as_array())
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect()
}

async fn notification_kinds(api: &Api) -> Vec<String> {
    let (_, list) = api.get("/api/v1/notifications").await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}:{}",
                n["kind"].as_str().unwrap(),
                n["task"]["title"].as_str().unwrap_or("")
            )
        })
        .collect()
}

async fn a_team_works_its_tasks_through_the_api(app: TestApp) {
    let (slug, olga, maria, rudi) = project(&app, "public").await;
    let tasks = format!("/api/v1/communities/{slug}/tasks");
    let in_days = |d: i64| (today() + Duration::days(d)).to_string();

    let (status, plan) = olga
        .post(
            &tasks,
            json!({"title": "Plan schreiben", "description": "Mit **Zielen**", "assignees": ["maria"],
                   "due_on": in_days(3), "priority": "high", "checklist": ["Ziele", "Budget"]}),
        )
        .await;
    assert_eq!(status, 201, "{plan}");
    assert_eq!(plan["assignees"][0]["uid"], "maria");
    assert_eq!(
        plan["description_html"].as_str().unwrap().trim(),
        "<p>Mit <strong>Zielen</strong></p>"
    );
    assert_eq!(
        (plan["checklist_done"].as_i64(), plan["checklist_total"].as_i64()),
        (Some(0), Some(2))
    );
    let plan_id = plan["id"].as_i64().unwrap();
    let (_, review) = olga
        .post(
            &tasks,
            json!({"title": "Review", "assignees": ["maria", "rudi"], "due_on": in_days(1)}),
        )
        .await;
    let review_id = review["id"].as_i64().unwrap();
    let (_, _) = olga.post(&tasks, json!({"title": "Irgendwann"})).await;
    let (_, late) = olga
        .post(&tasks, json!({"title": "Verspätet", "assignees": ["maria"]}))
        .await;
    let late_id = late["id"].as_i64().unwrap();
    // It was due yesterday (a due date cannot be set in the past, but time passes).
    let yesterday = today() - Duration::days(1);
    app.query(move |c| {
        diesel::update(tasks::table.find(late_id))
            .set(tasks::due_on.eq(Some(yesterday)))
            .execute(c)
    })
    .await;

    // Maria was told of her three assignments.
    let kinds = notification_kinds(&maria).await;
    assert_eq!(
        kinds.iter().filter(|k| k.starts_with("task-assigned:")).count(),
        3,
        "{kinds:?}"
    );

    // The list by due date, none last; the filters.
    let (_, all) = maria.get(&tasks).await;
    assert_eq!(titles(&all), ["Verspätet", "Review", "Plan schreiben", "Irgendwann"]);
    assert_eq!(all["total"], 4);
    assert_eq!(all["items"][0]["overdue"], true);
    let (_, mine) = rudi.get(&format!("{tasks}?mine=true")).await;
    assert_eq!(titles(&mine), ["Review"]);
    let (_, overdue) = rudi.get(&format!("{tasks}?overdue=true")).await;
    assert_eq!(titles(&overdue), ["Verspätet"]);
    let (_, unassigned) = rudi.get(&format!("{tasks}?unassigned=true")).await;
    assert_eq!(titles(&unassigned), ["Irgendwann"]);
    let (_, by) = olga.get(&format!("{tasks}?assignee=rudi")).await;
    assert_eq!(titles(&by), ["Review"]);
    let (_, soon) = olga.get(&format!("{tasks}?due_before={}", in_days(1))).await;
    assert_eq!(titles(&soon), ["Verspätet", "Review"]);
    // Paging keeps the order across the undated ones.
    let (_, first) = olga.get(&format!("{tasks}?limit=3")).await;
    let (_, second) = olga
        .get(&format!(
            "{tasks}?limit=3&cursor={}",
            first["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(titles(&first), ["Verspätet", "Review", "Plan schreiben"]);
    assert_eq!(titles(&second), ["Irgendwann"]);
    assert_eq!(second["next_cursor"], Value::Null);

    // My tasks across communities: overdue first, then by due date.
    let (_, my) = maria.get("/api/v1/me/tasks").await;
    assert_eq!(titles(&my), ["Verspätet", "Review", "Plan schreiben"]);

    // Moving a task: the history says who moved it, the others concerned are told.
    let (status, moved) = rudi
        .patch(&format!("/api/v1/tasks/{review_id}"), json!({"status": "in-progress"}))
        .await;
    assert_eq!(status, 200, "{moved}");
    let last = moved["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            last["field"].as_str(),
            last["old_value"].as_str(),
            last["new_value"].as_str()
        ),
        (Some("status"), Some("open"), Some("in-progress"))
    );
    assert_eq!(last["actor"]["uid"], "rudi");
    assert!(
        notification_kinds(&maria)
            .await
            .contains(&"task-status:Review".to_string())
    );
    assert!(
        notification_kinds(&olga)
            .await
            .contains(&"task-status:Review".to_string())
    );
    assert!(
        !notification_kinds(&rudi)
            .await
            .iter()
            .any(|k| k.starts_with("task-status"))
    );

    // Reassigning and a comment.
    let (status, changed) = olga
        .patch(
            &format!("/api/v1/tasks/{plan_id}"),
            json!({"assignees": ["rudi"], "due_on": null}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["assignees"][0]["uid"], "rudi");
    assert_eq!(changed["due_on"], Value::Null);
    let fields: Vec<&str> = changed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["created", "assigned", "due_on", "unassigned", "assigned"]);
    let (status, _) = maria
        .post(
            &format!("/api/v1/tasks/{plan_id}/comments"),
            json!({"body": "Ich helfe gern"}),
        )
        .await;
    assert_eq!(status, 201);
    assert!(
        notification_kinds(&rudi)
            .await
            .contains(&"task-comment:Plan schreiben".to_string())
    );

    // Done leaves my tasks; only its creator (or a moderator) deletes a task.
    let (_, done) = maria
        .patch(&format!("/api/v1/tasks/{late_id}"), json!({"status": "done"}))
        .await;
    assert!(done["completed_at"].is_string());
    let (_, my) = maria.get("/api/v1/me/tasks").await;
    assert_eq!(titles(&my), ["Review"]);
    let (status, problem) = maria.delete(&format!("/api/v1/tasks/{review_id}")).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("not-author")));
    let (status, _) = olga.delete(&format!("/api/v1/tasks/{review_id}")).await;
    assert_eq!(status, 204);
    let (status, _) = maria.get(&format!("/api/v1/tasks/{review_id}")).await;
    assert_eq!(status, 404);
    let (_, my) = rudi.get("/api/v1/me/tasks").await;
    assert_eq!(titles(&my), ["Plan schreiben"]);

    // The API is in the OpenAPI document.
    let (_, doc) = olga.get("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/communities/{slug}/tasks",
        "/api/v1/tasks/{id}",
        "/api/v1/me/tasks",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

async fn bad_task_input_gets_clear_errors(app: TestApp) {
    let (slug, olga, _maria, _rudi) = project(&app, "public").await;
    app.person("gerd", "Gerd Gast").await;
    let tasks = format!("/api/v1/communities/{slug}/tasks");
    let yesterday = (today() - Duration::days(1)).to_string();
    for (body, field, code) in [
        (json!({"title": "x", "due_on": yesterday}), "due_on", "in-the-past"),
        (json!({"title": "x", "due_on": "31.12.2026"}), "due_on", "not-a-date"),
        (json!({"title": "x", "due_on": "2026-02-30"}), "due_on", "not-a-date"),
        (json!({"title": "x", "assignees": ["gerd"]}), "assignees", "not-member"),
        (
            json!({"title": "x", "assignees": ["niemand"]}),
            "assignees",
            "unknown-person",
        ),
        (json!({"title": "  "}), "title", "required"),
        (json!({"title": "x", "status": "maybe"}), "status", "unknown-value"),
    ] {
        let (status, problem) = olga.post(&tasks, body.clone()).await;
        assert_eq!(
            (status, problem["field"].as_str(), problem["code"].as_str()),
            (422, Some(field), Some("invalid-input")),
            "{body}: {problem}"
        );
        assert!(problem["detail"].as_str().unwrap().contains(code), "{body}: {problem}");
    }
    // Someone who left the company cannot be assigned any more.
    app.query(|c| {
        diesel::update(people::table.filter(people::uid.eq("maria")))
            .set(people::active.eq(false))
            .execute(c)
    })
    .await;
    let (status, problem) = olga.post(&tasks, json!({"title": "x", "assignees": ["maria"]})).await;
    assert_eq!(status, 422);
    assert!(
        problem["detail"].as_str().unwrap().contains("left-company"),
        "{problem}"
    );
    // Nothing of it was saved.
    let (_, list) = olga.get(&tasks).await;
    assert_eq!(list["total"], 0);
    // An unchanged past due date does not stop other edits.
    let (_, t) = olga.post(&tasks, json!({"title": "Alt"})).await;
    let id = t["id"].as_i64().unwrap();
    let past = today() - Duration::days(5);
    app.query(move |c| {
        diesel::update(tasks::table.find(id))
            .set(tasks::due_on.eq(Some(past)))
            .execute(c)
    })
    .await;
    let (status, _) = olga
        .patch(&format!("/api/v1/tasks/{id}"), json!({"title": "Alt, aber wichtig"}))
        .await;
    assert_eq!(status, 200);
    let (status, _) = olga
        .patch(
            &format!("/api/v1/tasks/{id}"),
            json!({"due_on": (past - Duration::days(1)).to_string()}),
        )
        .await;
    assert_eq!(status, 422, "moving it further into the past is refused");
    let (status, _) = olga.get(&format!("{tasks}?overdue=maybe")).await;
    assert_eq!(status, 422);
}

async fn the_modules_switch_hides_tasks_and_keeps_them(app: TestApp) {
    let olga = app.person("olga", "Olga Owner").await;
    let maria = app.person("maria", "Maria Muster").await;
    let (olga, maria) = (app.api(&app.token(&olga).await), app.api(&app.token(&maria).await));
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Laufgruppe", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    assert_eq!(c["modules"], json!([]), "interest communities start with the blog only");
    let slug = c["slug"].as_str().unwrap().to_string();
    maria.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
    let tasks = format!("/api/v1/communities/{slug}/tasks");
    let (status, _) = olga.post(&tasks, json!({"title": "Strecke planen"})).await;
    assert_eq!(status, 404, "no tasks module yet");

    let settings = format!("/api/v1/communities/{slug}");
    let (status, problem) = maria.patch(&settings, json!({"modules": ["tasks"]})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    let (status, problem) = olga.patch(&settings, json!({"modules": ["gadgets"]})).await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("module")));
    let (status, c) = olga.patch(&settings, json!({"modules": ["tasks"]})).await;
    assert_eq!((status, &c["modules"]), (200, &json!(["tasks"])));
    let (status, t) = olga
        .post(&tasks, json!({"title": "Strecke planen", "assignees": ["maria"]}))
        .await;
    assert_eq!(status, 201);
    let id = t["id"].as_i64().unwrap();
    let (_, list) = maria.get("/api/v1/notifications").await;
    assert_eq!(list["unread"], 1);

    // Switched off: gone from every path, its notification too; switched on: back.
    let (_, c) = olga.patch(&settings, json!({"modules": []})).await;
    assert_eq!(c["modules"], json!([]));
    assert_eq!(maria.get(&tasks).await.0, 404);
    assert_eq!(maria.get(&format!("/api/v1/tasks/{id}")).await.0, 404);
    assert_eq!(titles(&maria.get("/api/v1/me/tasks").await.1).len(), 0);
    let (_, list) = maria.get("/api/v1/notifications").await;
    assert_eq!(
        (list["unread"].as_i64(), list["items"].as_array().unwrap().len()),
        (Some(0), 0)
    );
    let client = app.signed_in("maria", "en").await;
    let res = client.get(app.url(&format!("/c/{slug}/tasks"))).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let community = page(&client, app.url(&format!("/c/{slug}"))).await;
    assert_eq!(
        texts(&community, "#modules a"),
        ["Blog", "Questions", "AMAs"],
        "only what every community has"
    );

    // The settings page switches it back on.
    let owner = app.signed_in("olga", "de").await;
    let form = page(&owner, app.url(&format!("/c/{slug}/settings"))).await;
    assert!(texts(&form, "#modules label").contains(&"Aufgaben".to_string()));
    let res = app
        .submit(
            &owner,
            &format!("/c/{slug}/settings"),
            &format!("/c/{slug}/settings"),
            &[
                ("name", "Laufgruppe"),
                ("description", ""),
                ("code_of_conduct", ""),
                ("visibility", "public"),
                ("join_policy", "open"),
                ("module-tasks", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let community = page(&client, app.url(&format!("/c/{slug}"))).await;
    assert_eq!(texts(&community, "#modules a"), ["Blog", "Questions", "AMAs", "Tasks"]);
    assert_eq!(titles(&maria.get("/api/v1/me/tasks").await.1), ["Strecke planen"]);
}

async fn outsiders_see_no_tasks(app: TestApp) {
    let (secret, olga, maria, _rudi) = project(&app, "private").await;
    let gerd = app.person("gerd", "Gerd Gast").await;
    let gerd = app.api(&app.token(&gerd).await);
    let (_, t) = olga
        .post(
            &format!("/api/v1/communities/{secret}/tasks"),
            json!({"title": "Intern", "assignees": ["maria"]}),
        )
        .await;
    let id = t["id"].as_i64().unwrap();
    let (status, problem) = gerd.get(&format!("/api/v1/communities/{secret}/tasks")).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("members-only")));
    assert_eq!(gerd.get(&format!("/api/v1/tasks/{id}")).await.0, 404);
    assert_eq!(
        gerd.patch(&format!("/api/v1/tasks/{id}"), json!({"status": "done"}))
            .await
            .0,
        404
    );
    assert_eq!(
        gerd.post(&format!("/api/v1/communities/{secret}/tasks"), json!({"title": "x"}))
            .await
            .0,
        403
    );
    let client = app.signed_in("gerd", "en").await;
    assert_eq!(
        client
            .get(app.url(&format!("/tasks/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // A member who leaves loses the task from "my tasks" and its notification.
    let (status, _) = maria
        .post(&format!("/api/v1/communities/{secret}/leave"), json!({}))
        .await;
    assert_eq!(status, 204);
    assert_eq!(titles(&maria.get("/api/v1/me/tasks").await.1).len(), 0);
    let (_, list) = maria.get("/api/v1/notifications").await;
    assert_eq!(list["unread"], 0);
    assert_eq!(maria.get(&format!("/api/v1/tasks/{id}")).await.0, 404);

    // Secret: the board does not exist for outsiders.
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimprojekt", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap();
    assert_eq!(gerd.get(&format!("/api/v1/communities/{slug}/tasks")).await.0, 404);
    assert_eq!(
        client
            .get(app.url(&format!("/c/{slug}/tasks")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

async fn the_due_date_reminder_goes_out_once(app: TestApp) {
    let (slug, olga, maria, _rudi) = project(&app, "public").await;
    let today = today();
    let (_, t) = olga
        .post(
            &format!("/api/v1/communities/{slug}/tasks"),
            json!({"title": "Abgabe", "assignees": ["maria"], "due_on": today.to_string()}),
        )
        .await;
    let id = t["id"].as_i64().unwrap();
    let (_, _) = olga
        .post(
            &format!("/api/v1/communities/{slug}/tasks"),
            json!({"title": "Schon erledigt", "assignees": ["maria"], "due_on": today.to_string(), "status": "done"}),
        )
        .await;
    let remind = |day| app.db.run(move |c| allmende::tasks::reminders::run(c, day));
    assert_eq!(remind(today).await.unwrap(), 1);
    assert_eq!(remind(today).await.unwrap(), 0, "a second run reminds of nothing");
    let due = |kinds: Vec<String>| kinds.iter().filter(|k| k.starts_with("task-due:")).count();
    assert_eq!(due(notification_kinds(&maria).await), 1);
    // A new due date is reminded of on its day.
    let tomorrow = today + Duration::days(1);
    olga.patch(&format!("/api/v1/tasks/{id}"), json!({"due_on": tomorrow.to_string()}))
        .await;
    assert_eq!(remind(today).await.unwrap(), 0);
    assert_eq!(remind(tomorrow).await.unwrap(), 1);
    assert_eq!(due(notification_kinds(&maria).await), 2);
}

fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

async fn tasks_work_with_plain_forms(app: TestApp) {
    let (slug, _olga, _maria, _rudi) = project(&app, "public").await;
    let client = app.signed_in("maria", "de").await;
    let board = format!("/c/{slug}/tasks");
    let community = page(&client, app.url(&format!("/c/{slug}"))).await;
    assert_eq!(texts(&community, "#modules a")[3], "Aufgaben");

    // A past due date: the form comes back with what was typed.
    let yesterday = (today() - Duration::days(1)).to_string();
    let fields = |due: &str| {
        vec![
            ("title".to_string(), "Flyer drucken".to_string()),
            (
                "description".to_string(),
                "<script>alert(1)</script>**bald**".to_string(),
            ),
            ("status".to_string(), "open".to_string()),
            ("priority".to_string(), "urgent".to_string()),
            ("due_on".to_string(), due.to_string()),
            ("assignees".to_string(), "maria, rudi".to_string()),
            ("checklist".to_string(), "Entwurf\nDruckerei".to_string()),
        ]
    };
    let sent = fields(&yesterday);
    let res = app
        .submit(&client, &format!("{board}/new"), &board, &as_refs(&sent))
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(texts(&html, "[role=alert]")[0].contains("Vergangenheit"), "{html}");
    assert!(html.contains("value=\"Flyer drucken\""));

    let sent = fields(&today().to_string());
    let res = app
        .submit(&client, &format!("{board}/new"), &board, &as_refs(&sent))
        .await;
    assert_eq!(res.status(), 303);
    let created = res.headers()["location"].to_str().unwrap().to_string();
    let task = page(&client, app.url(&created)).await;
    assert_eq!(texts(&task, "h1"), ["Flyer drucken"]);
    assert_eq!(
        texts(&task, "#done"),
        ["Die Aufgabe ist angelegt; wer zuständig ist, wird benachrichtigt."]
    );
    let task_url = created.split('?').next().unwrap().to_string();
    assert!(!task.contains("<script>alert"), "markdown is sanitised");
    assert_eq!(texts(&task, "#task-assignees a"), ["Maria Muster", "Rudi Ratlos"]);
    assert_eq!(texts(&task, "#checklist li").len(), 2);

    // On the board it stands under "Offen"; the move form takes it to "Erledigt".
    let html = page(&client, app.url(&board)).await;
    assert_eq!(texts(&html, "#tasks-open h3"), ["Flyer drucken"]);
    let id = task_url.trim_start_matches("/tasks/").to_string();
    let res = app
        .submit(
            &client,
            &board,
            &format!("/tasks/{id}/status"),
            &[("status", "done"), ("back", &board)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("{board}?moved={id}#task-{id}"));
    let html = page(&client, app.url(&location)).await;
    assert_eq!(
        texts(&html, "#moved"),
        ["„Flyer drucken“ steht jetzt unter „Erledigt“."]
    );
    let html = page(&client, app.url(&board)).await;
    assert!(texts(&html, "#moved").is_empty(), "said once, after the move");
    assert!(texts(&html, "#tasks-open h3").is_empty());
    assert_eq!(texts(&html, "#tasks-done h3"), ["Flyer drucken"]);

    // Checklist, comment and the history in German.
    let res = app
        .submit(
            &client,
            &task_url,
            &format!("{task_url}/checklist"),
            &[("body", "Verteilen")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .submit(
            &client,
            &task_url,
            &format!("{task_url}/comments"),
            &[("body", "Ist gedruckt")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let task = page(&client, app.url(&task_url)).await;
    assert_eq!(texts(&task, "#checklist li").len(), 3);
    assert!(texts(&task, ".comment .prose").contains(&"Ist gedruckt".to_string()));
    let history = texts(&task, "#task-history li").join("\n");
    assert!(history.contains("von Offen nach Erledigt verschoben"), "{history}");
    assert!(
        history.contains("hat Rudi Ratlos zugewiesen"),
        "people by name: {history}"
    );

    // The list's filters and "my tasks".
    let list = page(&client, app.url(&format!("{board}/list?status=done"))).await;
    assert_eq!(texts(&list, "#task-list h3"), ["Flyer drucken"]);
    let list = page(&client, app.url(&format!("{board}/list?unassigned=true"))).await;
    assert!(texts(&list, "#task-list h3").is_empty());
    let mine = page(&client, app.url("/tasks")).await;
    assert!(texts(&mine, "#my-tasks h3").is_empty(), "done tasks leave my tasks");
}
