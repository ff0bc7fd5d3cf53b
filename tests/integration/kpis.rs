//! Community health KPIs: figures on a made history with known answers, this period beside the
//! one before; the smallest-group rule on every output (JSON, CSV, page); who may see them.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    figures_of_a_made_history_have_the_known_answers,
    a_community_of_four_shows_nothing_about_people,
    kpis_are_for_managers_and_admins_only,
    a_bad_period_is_refused_with_a_clear_message,
    an_admin_sees_the_jobs_and_adds_up_the_kpi_days_now,
    per_person_figures_appear_only_where_an_admin_allowed_them,
);

fn today() -> NaiveDate {
    allmende::db::now().date()
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).unwrap()
}

/// The figure `key` of a KPI answer: (this period, the one before), each a value or "withheld".
fn figure(kpis: &Value, key: &str) -> (Value, Value) {
    let f = kpis["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key} in {kpis}"));
    let read = |r: &Value| {
        if r["withheld"] == true {
            json!("withheld")
        } else {
            r["value"].clone()
        }
    };
    (read(&f["current"]), read(&f["previous"]))
}

struct Garden {
    maria: Api,
    member: Api,
    slug: String,
    id: i64,
    /// m1..m9 (m8 and m9 leave), n1..n6 (join this period).
    people: std::collections::HashMap<String, i64>,
}

/// "Gartenfreunde": Maria manages it; m1..m9 joined long ago, m8 and m9 left today, n1..n6
/// joined today.
async fn garden(app: &TestApp) -> Garden {
    let maria = app.person("maria", "Maria Manager").await;
    let maria_id = maria.id;
    let maria = app.api(&app.token(&maria).await);
    let (status, c) = maria
        .post(
            "/api/v1/communities",
            json!({"name": "Gartenfreunde", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let slug = c["slug"].as_str().unwrap().to_string();
    let mut people = std::collections::HashMap::from([("maria".to_string(), maria_id)]);
    let mut apis = std::collections::HashMap::new();
    for i in 1..=9 {
        let uid = format!("m{i}");
        let p = app.person(&uid, &format!("Gärtnerin {i}")).await;
        let api = app.api(&app.token(&p).await);
        assert_eq!(
            api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await.0,
            200
        );
        people.insert(uid.clone(), p.id);
        apis.insert(uid, api);
    }
    let id: i64 = {
        let slug = slug.clone();
        app.query(move |c| {
            use allmende::db::schema::communities;
            communities::table
                .filter(communities::slug.eq(slug))
                .select(communities::id)
                .first(c)
        })
        .await
    };
    // Maria and m1..m9 have been members for a hundred days.
    let long_ago = at(today() - Duration::days(100), 9);
    app.query(move |c| {
        use allmende::db::schema::membership_events;
        diesel::update(membership_events::table.filter(membership_events::community_id.eq(id)))
            .set(membership_events::at.eq(long_ago))
            .execute(c)
    })
    .await;
    for uid in ["m8", "m9"] {
        assert_eq!(
            apis[uid]
                .post(&format!("/api/v1/communities/{slug}/leave"), json!({}))
                .await
                .0,
            204
        );
    }
    for i in 1..=6 {
        let uid = format!("n{i}");
        let p = app.person(&uid, &format!("Neu {i}")).await;
        let api = app.api(&app.token(&p).await);
        assert_eq!(
            api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await.0,
            200
        );
        people.insert(uid, p.id);
    }
    Garden {
        maria,
        member: apis.remove("m1").unwrap(),
        slug,
        id,
        people,
    }
}

/// Posts and questions at known times, with known answer times.
async fn history(app: &TestApp, g: &Garden) {
    let today = today();
    let mut rows = Vec::new();
    let post = |author: i64, created: NaiveDateTime, kind: &str| allmende::db::models::NewPost {
        community_id: g.id,
        author_id: Some(author),
        title: format!("{kind} von {author}"),
        body: "Text".into(),
        body_html: "<p>Text</p>".into(),
        pinned: false,
        announcement: false,
        created_at: created,
        updated_at: created,
        last_activity_at: created,
        kind: allmende::domain::PostKind::parse(kind).unwrap(),
    };
    // This period: twelve posts by m1..m6 (two each) in its second week.
    for i in 1..=6 {
        for h in [9, 15] {
            rows.push(post(
                g.people[&format!("m{i}")],
                at(today - Duration::days(20), h),
                "post",
            ));
        }
    }
    // The period before: four posts by m1 and m2 only.
    for uid in ["m1", "m2", "m1", "m2"] {
        rows.push(post(g.people[uid], at(today - Duration::days(40), 10), "post"));
    }
    // Six questions by m2..m6 and n1, ten days ago at 10:00.
    for uid in ["m2", "m3", "m4", "m5", "m6", "n1"] {
        rows.push(post(g.people[uid], at(today - Duration::days(10), 10), "question"));
    }
    let asked = at(today - Duration::days(10), 10);
    let community = g.id;
    app.query(move |c| {
        use allmende::db::schema::{posts, tasks};
        allmende::db::bulk::insert_posts(c, &rows)?;
        let questions: Vec<i64> = posts::table
            .filter(posts::community_id.eq(community))
            .filter(posts::kind.eq("question"))
            .order(posts::id)
            .select(posts::id)
            .load(c)?;
        // Answered after 1, 2, 3 and 10 hours (median 2.5); two accepted after 4 and 6 (5.0).
        for (i, (first, accepted)) in [(1, Some(4)), (2, Some(6)), (3, None), (10, None)]
            .into_iter()
            .enumerate()
        {
            diesel::update(posts::table.find(questions[i]))
                .set((
                    posts::first_answer_at.eq(Some(asked + Duration::hours(first))),
                    posts::accepted_at.eq(accepted.map(|h| asked + Duration::hours(h))),
                ))
                .execute(c)?;
        }
        // Eight tasks done five days ago; four open at the end, one of them overdue.
        let task = |status: &str, due: Option<NaiveDate>, completed: Option<NaiveDateTime>| {
            (
                tasks::community_id.eq(community),
                tasks::title.eq("Beet umgraben"),
                tasks::description.eq(""),
                tasks::description_html.eq(""),
                tasks::status.eq(status.to_string()),
                tasks::priority.eq("normal"),
                tasks::due_on.eq(due),
                tasks::created_at.eq(at(today - Duration::days(30), 8)),
                tasks::updated_at.eq(at(today - Duration::days(30), 8)),
                tasks::completed_at.eq(completed),
            )
        };
        for _ in 0..8 {
            diesel::insert_into(tasks::table)
                .values(task("done", None, Some(at(today - Duration::days(5), 12))))
                .execute(c)?;
        }
        for due in [
            Some(today - Duration::days(3)),
            Some(today + Duration::days(5)),
            Some(today + Duration::days(6)),
            None,
        ] {
            diesel::insert_into(tasks::table)
                .values(task("open", due, None))
                .execute(c)?;
        }
        Ok(())
    })
    .await;
}

async fn figures_of_a_made_history_have_the_known_answers(app: TestApp) {
    let g = garden(&app).await;
    history(&app, &g).await;
    let today = today();
    let (from, to) = (today - Duration::days(27), today);
    let (status, kpis) = g
        .maria
        .get(&format!("/api/v1/communities/{}/kpis?from={from}&to={to}", g.slug))
        .await;
    assert_eq!(status, 200, "{kpis}");
    let admin = app.admin("root", "Rita Root").await;
    let admin = app.api(&app.token(&admin).await);
    let organization = format!("/api/v1/kpis?from={from}&to={to}");
    let (status, counted) = admin.get(&organization).await;
    assert_eq!(status, 200, "{counted}");
    // The nightly job's work: every past day added up and kept; a second run has nothing to do.
    let kept = app
        .db
        .run(move |c| {
            let first = allmende::kpi::daily::fill(c, today)?;
            let again = allmende::kpi::daily::fill(c, today)?;
            Ok((first, again))
        })
        .await
        .unwrap();
    assert!(kept.0 >= 100, "{kept:?}");
    assert_eq!(kept.1, 0);

    // Counted on demand before the job ran, read from the kept days after: the same.
    let (_, kept) = g
        .maria
        .get(&format!("/api/v1/communities/{}/kpis?from={from}&to={to}", g.slug))
        .await;
    assert_eq!(kept, kpis);
    assert_eq!(admin.get(&organization).await.1, counted, "the organization's too");
    assert_eq!(kpis["previous"]["from"], (today - Duration::days(55)).to_string());
    assert_eq!(kpis["previous"]["to"], (today - Duration::days(28)).to_string());
    assert_eq!(kpis["min_group"], 5);
    // Maria and m1..m7 stayed, n1..n6 joined: 14; before, Maria and m1..m9.
    assert_eq!(figure(&kpis, "members"), (json!(14.0), json!(10.0)));
    assert_eq!(figure(&kpis, "joins"), (json!(6.0), json!(0.0)));
    assert_eq!(
        figure(&kpis, "leaves"),
        (json!("withheld"), json!(0.0)),
        "two who left are too few to show"
    );
    // m1..m6 posted and n1 asked: 7 of 14. Before, only m1 and m2 posted: withheld.
    assert_eq!(figure(&kpis, "active_members"), (json!(7.0), json!("withheld")));
    assert_eq!(figure(&kpis, "active_share"), (json!(0.5), json!("withheld")));
    assert_eq!(figure(&kpis, "posts_per_week"), (json!(3.0), json!("withheld")));
    assert_eq!(figure(&kpis, "questions"), (json!(6.0), json!(0.0)));
    let answered = figure(&kpis, "answered_share").0.as_f64().unwrap();
    assert!((answered - 4.0 / 6.0).abs() < 1e-9, "{answered}");
    assert_eq!(figure(&kpis, "hours_to_first_answer").0, json!(2.5));
    assert_eq!(figure(&kpis, "hours_to_accepted_answer").0, json!(5.0));
    assert_eq!(figure(&kpis, "tasks_done_per_week"), (json!(2.0), json!(0.0)));
    assert_eq!(figure(&kpis, "overdue_share").0, json!(0.25));
    // The posts fall into the period's second week.
    let weeks = kpis["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    assert_eq!(weeks[1]["posts"]["value"], 12.0);
    assert_eq!(weeks[3]["members"]["value"], 14.0);

    // The same as CSV, with the same rule.
    let res = g
        .maria
        .csv(&format!("/api/v1/communities/{}/kpis?from={from}&to={to}", g.slug))
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = String::from_utf8(res.bytes().await.unwrap().to_vec()).unwrap();
    assert!(
        csv.starts_with(&format!("\u{feff}figure,unit,{from}..{to},")),
        "marked as UTF-8 for spreadsheets: {csv}"
    );
    assert!(csv.contains("\r\nmembers,people,14,10\r\n"), "{csv}");
    assert!(csv.contains("\r\nleaves,people,withheld,0\r\n"), "{csv}");
    assert!(csv.contains("\r\nposts_per_week,per_week,3,withheld\r\n"), "{csv}");

    // The page, in German, for Maria; its CSV downloads.
    let browser = app.signed_in("maria", "de").await;
    let html = page(&browser, app.url(&format!("/c/{}/kpis?from={from}&to={to}", g.slug))).await;
    assert!(html.contains("Zustand der Community"), "{html}");
    assert!(html.contains("<svg role=\"img\""), "{html}");
    assert!(html.contains("zurückgehalten"));
    assert!(html.contains("50 %"), "the active share, German style");
    // Beside each figure, how it moved; the garden keeps no task board, so no task figures.
    assert_eq!(texts(&html, "#figure-members .change"), vec!["+4"]);
    assert_eq!(texts(&html, "#figure-joins .change"), vec!["+6"]);
    assert_eq!(
        texts(&html, "#figure-active_share .change"),
        vec!["–"],
        "nothing to compare with"
    );
    assert!(!html.contains("figure-tasks_done_per_week"), "{html}");
    assert!(!html.contains("chart-tasks"), "{html}");
    let weeks_csv = page(
        &browser,
        app.url(&format!("/c/{}/kpis.csv?from={from}&to={to}&table=weeks", g.slug)),
    )
    .await;
    // From a German page: as German Excel splits it.
    assert!(
        weeks_csv
            .trim_start_matches('\u{feff}')
            .starts_with("week_from;members;posts;comments;reactions;tasks_done\r\n"),
        "{weeks_csv}"
    );
    assert!(
        weeks_csv.contains(&format!("\r\n{};10;12;0;0;0\r\n", today - Duration::days(20))),
        "{weeks_csv}"
    );
    // No name of a member appears anywhere in what managers see.
    for text in [&html, &csv, &weeks_csv, &kpis.to_string()] {
        assert!(
            !text.contains("Gärtnerin") && !text.contains("Neu 1"),
            "a name in {text}"
        );
    }
}

async fn a_community_of_four_shows_nothing_about_people(app: TestApp) {
    let head = app.person("hanna", "Hanna Head").await;
    let mut ids = vec![head.id];
    for uid in ["a1", "a2", "a3"] {
        ids.push(app.person(uid, "Klein").await.id);
    }
    let community = app.department("Kleinteam", &ids).await;
    let today = today();
    let rows: Vec<_> = ids
        .iter()
        .map(|&author| allmende::db::models::NewPost {
            community_id: community,
            author_id: Some(author),
            title: "Post".into(),
            body: "Text".into(),
            body_html: "<p>Text</p>".into(),
            pinned: false,
            announcement: false,
            created_at: at(today - Duration::days(2), 9),
            updated_at: at(today - Duration::days(2), 9),
            last_activity_at: at(today - Duration::days(2), 9),
            kind: allmende::domain::PostKind::Post,
        })
        .collect();
    app.query(move |c| allmende::db::bulk::insert_posts(c, &rows)).await;
    let hanna = app.api(&app.token(&head).await);
    let (status, kpis) = hanna.get("/api/v1/communities/kleinteam/kpis").await;
    assert_eq!(status, 200, "{kpis}");
    for f in kpis["figures"].as_array().unwrap() {
        assert_eq!(f["current"]["withheld"], true, "{f}");
        assert_eq!(f["current"]["value"], Value::Null, "{f}");
    }
    for w in kpis["weeks"].as_array().unwrap() {
        for series in ["members", "posts", "comments", "reactions", "tasks_done"] {
            assert_eq!(w[series]["withheld"], true, "{w}");
        }
    }
    let csv = hanna
        .csv("/api/v1/communities/kleinteam/kpis")
        .await
        .text()
        .await
        .unwrap();
    for line in csv.lines().skip(1) {
        assert!(line.ends_with(",withheld,withheld"), "{line}");
    }
    let browser = app.signed_in("hanna", "en").await;
    let html = page(&browser, app.url("/c/kleinteam/kpis")).await;
    assert!(!html.contains("<rect"), "no chart of a group of four");
    let weeks_csv = page(&browser, app.url("/c/kleinteam/kpis.csv?table=weeks")).await;
    for line in weeks_csv.lines().skip(1) {
        assert!(
            line.ends_with(",withheld,withheld,withheld,withheld,withheld"),
            "{line}"
        );
    }
}

async fn kpis_are_for_managers_and_admins_only(app: TestApp) {
    let g = garden(&app).await;
    let admin = app.admin("root", "Rita Root").await;
    let admin = app.api(&app.token(&admin).await);
    let outsider = app.person("otto", "Otto Outsider").await;
    let outsider = app.api(&app.token(&outsider).await);
    let path = format!("/api/v1/communities/{}/kpis", g.slug);
    assert_eq!(g.maria.get(&path).await.0, 200);
    assert_eq!(admin.get(&path).await.0, 200);
    let (status, problem) = g.member.get(&path).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("managers-only")));
    assert_eq!(outsider.get(&path).await.0, 403);
    // The organization's: admins (and the organization's managers) only.
    assert_eq!(admin.get("/api/v1/kpis").await.0, 200);
    assert_eq!(g.maria.get("/api/v1/kpis").await.0, 403);
    // A secret community does not exist for outsiders, KPIs included.
    let (status, _) = g
        .maria
        .post(
            "/api/v1/communities",
            json!({"name": "Geheimgarten", "kind": "project", "visibility": "secret", "join_policy": "invite"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(outsider.get("/api/v1/communities/geheimgarten/kpis").await.0, 404);
    // Pages: the link and the page for Maria, neither for a member.
    let maria = app.signed_in("maria", "en").await;
    let html = page(&maria, app.url(&format!("/c/{}", g.slug))).await;
    assert!(html.contains(&format!("href=\"/c/{}/kpis\"", g.slug)));
    let m1 = app.signed_in("m1", "en").await;
    let html = page(&m1, app.url(&format!("/c/{}", g.slug))).await;
    assert!(!html.contains("/kpis\""));
    let res = m1.get(app.url(&format!("/c/{}/kpis", g.slug))).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = m1
        .get(app.url(&format!("/c/{}/kpis.csv", g.slug)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = m1.get(app.url("/kpis")).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

async fn a_bad_period_is_refused_with_a_clear_message(app: TestApp) {
    let g = garden(&app).await;
    let today = today();
    let base = format!("/api/v1/communities/{}/kpis", g.slug);
    for (query, field, code) in [
        (
            format!("from={today}&to={}", today - Duration::days(1)),
            "from",
            "after-to",
        ),
        (format!("to={}", today + Duration::days(1)), "to", "in-the-future"),
        ("from=yesterday".to_string(), "from", "not-a-date"),
        (
            format!("from={}", today - Duration::days(3 * 366 + 5)),
            "from",
            "period-too-long",
        ),
    ] {
        let (status, problem) = g.maria.get(&format!("{base}?{query}")).await;
        assert_eq!(status, 422, "{query}: {problem}");
        assert_eq!(problem["field"], field, "{problem}");
        assert_eq!(problem["reason"], code, "{problem}");
    }
    let browser = app.signed_in("maria", "en").await;
    let res = browser
        .get(app.url(&format!("/c/{}/kpis?from=gestern", g.slug)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("is not a date (YYYY-MM-DD)"));
}

async fn an_admin_sees_the_jobs_and_adds_up_the_kpi_days_now(app: TestApp) {
    let _g = garden(&app).await;
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let html = page(&root, app.url("/admin/jobs")).await;
    for job in ["task-reminders", "ama-schedule", "kpi-days", "departures", "mail"] {
        assert!(html.contains(&format!("id=\"job-{job}\"")), "{job}: {html}");
    }
    let row = |html: &str, job: &str| {
        html.split(&format!("id=\"job-{job}\""))
            .nth(1)
            .and_then(|r| r.split("</tr>").next())
            .unwrap_or_default()
            .to_string()
    };
    let kpi_row = row(&html, "kpi-days");
    assert!(
        kpi_row.contains("title=\"0 20 1 * * * (UTC)\"") && kpi_row.contains(">daily at "),
        "the KPI schedule in words, its cron beside: {kpi_row}"
    );
    assert!(row(&html, "task-reminders").contains(">hourly at :05<"), "{html}");
    let res = app.submit(&root, "/admin/jobs", "/admin/jobs/kpi-days/run", &[]).await;
    assert_eq!(res.status(), 303);
    let html = page(&root, app.url("/admin/jobs")).await;
    let row = html
        .split("id=\"job-kpi-days\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        row.contains(">done<"),
        "the days added up, recorded as its last run: {row}"
    );
    let kept: i64 = app
        .query(|c| {
            use allmende::db::schema::kpi_days;
            kpi_days::table.count().get_result(c)
        })
        .await;
    assert!(kept > 0);
    let (action,): (String,) = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .order(audit_log::id.desc())
                .select((audit_log::action,))
                .first(c)
        })
        .await;
    assert_eq!(action, "job.run");
    let res = app
        .submit(&root, "/admin/jobs", "/admin/jobs/no-such-job/run", &[])
        .await;
    assert_eq!(res.status(), 404);
    let maria = app.signed_in("maria", "en").await;
    assert_eq!(maria.get(app.url("/admin/jobs")).send().await.unwrap().status(), 404);
}

async fn per_person_figures_appear_only_where_an_admin_allowed_them(app: TestApp) {
    let g = garden(&app).await;
    history(&app, &g).await;
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let maria = app.signed_in("maria", "en").await;
    let member = app.signed_in("m1", "en").await;
    let (from, to) = (today() - Duration::days(27), today());
    let api = format!("/api/v1/communities/{}/kpis?from={from}&to={to}", g.slug);
    let csv = format!("/c/{}/kpis.csv?from={from}&to={to}&table=contributors", g.slug);
    let kpi_page = format!("/c/{}/kpis?from={from}&to={to}", g.slug);

    // Nothing per person anywhere without a permit.
    let (_, kpis) = g.maria.get(&api).await;
    assert!(kpis.get("contributors").is_none(), "{kpis}");
    assert_eq!(maria.get(app.url(&csv)).send().await.unwrap().status(), 403);
    assert!(!page(&maria, app.url(&kpi_page)).await.contains("kpi-contributors"));
    assert!(
        !page(&member, app.url(&format!("/c/{}", g.slug)))
            .await
            .contains("id=\"person-figures\"")
    );

    // A permit needs a reason worth the name.
    let action = format!("/admin/communities/{}", g.slug);
    let short = [("action", "person-figures-on"), ("reason", "weil")];
    let res = app.submit(&root, "/admin/communities", &action, &short).await;
    assert_eq!(res.status(), 422);
    let reason = "Ehrenamtspreis 2026: der Betriebsrat hat zugestimmt";
    let res = app
        .submit(
            &root,
            "/admin/communities",
            &action,
            &[("action", "person-figures-on"), ("reason", reason)],
        )
        .await;
    assert_eq!(res.status(), 303);

    // The managers see who took part in the period, by name, with the reason; not who did not.
    let (_, kpis) = g.maria.get(&api).await;
    let c = &kpis["contributors"];
    assert_eq!(c["permit"]["reason"], reason);
    assert_eq!(c["permit"]["granted_by"], "Rita Root");
    let listed: Vec<(String, i64)> = c["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["uid"].as_str().unwrap().to_string(), p["posts"].as_i64().unwrap()))
        .collect();
    let expected: Vec<(String, i64)> = [
        ("m1", 2),
        ("m2", 3),
        ("m3", 3),
        ("m4", 3),
        ("m5", 3),
        ("m6", 3),
        ("n1", 1),
    ]
    .iter()
    .map(|(u, n)| (u.to_string(), *n))
    .collect();
    assert_eq!(listed, expected, "by name, only those who took part");
    let html = page(&maria, app.url(&kpi_page)).await;
    assert!(
        html.contains("id=\"kpi-contributors\"") && html.contains(reason),
        "{html}"
    );
    let body = page(&maria, app.url(&csv)).await;
    assert!(
        body.starts_with("\u{feff}uid,name,posts,comments,reactions\r\n"),
        "{body}"
    );
    assert!(body.contains("m2,Gärtnerin 2,3,0,0\r\n"), "{body}");
    // Still managers and admins only.
    assert_eq!(g.member.get(&api).await.0, 403);

    // Members are told, and why; the public privacy page counts such communities.
    let html = page(&member, app.url(&format!("/c/{}", g.slug))).await;
    assert!(
        html.contains("id=\"person-figures\"") && html.contains(reason),
        "{html}"
    );
    let privacy = page(&app.browser("en"), app.url("/privacy")).await;
    assert!(privacy.contains("One community has them now."), "{privacy}");

    // Withdrawn: gone at once; both steps are audited with the reason.
    let res = app
        .submit(
            &root,
            "/admin/communities",
            &action,
            &[("action", "person-figures-off")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, kpis) = g.maria.get(&api).await;
    assert!(kpis.get("contributors").is_none(), "{kpis}");
    let audit: Vec<(String, String)> = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::action.like("community.person-figures%"))
                .order(audit_log::id)
                .select((audit_log::action, audit_log::details))
                .load(c)
        })
        .await;
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(audit[0].0, "community.person-figures-on");
    assert!(audit[0].1.contains("Betriebsrat"));
    assert_eq!(audit[1].0, "community.person-figures-off");
}
