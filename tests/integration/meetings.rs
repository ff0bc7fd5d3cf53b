//! Meetings: agenda and suggestions, answers, minutes whose action items become tasks, and
//! calendar files that calendar programs read (RFC 5545, time zones across a DST change).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Api, TestApp, page, texts};

on_both_backends!(
    a_team_meets_and_its_action_items_become_tasks,
    calendar_files_validate_and_keep_the_wall_clock_time,
    bad_meetings_are_refused_and_outsiders_see_none,
    meetings_work_with_plain_forms,
);

async fn team(app: &TestApp) -> (String, Api, Api, Api) {
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
            json!({"name": "Projekt Apfel", "kind": "project", "visibility": "private", "join_policy": "open"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    assert!(c["modules"].as_array().unwrap().contains(&json!("meetings")));
    for member in [&maria, &rudi] {
        member
            .post(&format!("/api/v1/communities/{slug}/join"), json!({}))
            .await;
    }
    (slug, olga, maria, rudi)
}

fn local_day(days: i64) -> String {
    (Utc::now().with_timezone(&Berlin).date_naive() + Duration::days(days)).to_string()
}

async fn meeting(api: &Api, slug: &str, body: Value) -> Value {
    let (status, m) = api.post(&format!("/api/v1/communities/{slug}/meetings"), body).await;
    assert_eq!(status, 201, "{m}");
    m
}

async fn a_team_meets_and_its_action_items_become_tasks(app: TestApp) {
    let (slug, olga, maria, rudi) = team(&app).await;
    let day = local_day(14);
    let m = meeting(
        &olga,
        &slug,
        json!({"title": "Planung", "starts_at": format!("{day}T10:00"), "ends_at": format!("{day}T11:30"),
               "time_zone": "Europe/Berlin", "place": "Raum 3", "online_url": "https://meet.example/apfel",
               "agenda": "- Rückblick"}),
    )
    .await;
    let id = m["id"].as_i64().unwrap();
    assert_eq!(m["starts_local"], format!("{day}T10:00"));
    assert_eq!(m["organizer"]["uid"], "olga");
    let url = format!("/api/v1/meetings/{id}");

    // Answers: one per person, changeable.
    maria.post(&format!("{url}/rsvp"), json!({"answer": "maybe"})).await;
    maria.post(&format!("{url}/rsvp"), json!({"answer": "yes"})).await;
    let (_, m) = rudi.post(&format!("{url}/rsvp"), json!({"answer": "no"})).await;
    assert_eq!(m["rsvp"], json!({"yes": 1, "no": 1, "maybe": 0}));
    assert_eq!(m["attending"][0]["uid"], "maria");
    assert_eq!(m["my_rsvp"], "no");

    // Members suggest, the organizer takes it into the agenda.
    let (status, m) = maria
        .post(&format!("{url}/suggestions"), json!({"text": "Budget 2027"}))
        .await;
    assert_eq!(status, 201);
    let suggestion = m["suggestions"][0]["id"].as_i64().unwrap();
    let client = app.signed_in("olga", "de").await;
    let res = app
        .submit(
            &client,
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/suggestions/{suggestion}/adopt"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, m) = maria.get(&url).await;
    assert_eq!(m["agenda"], "- Rückblick\n- Budget 2027");
    assert_eq!(m["suggestions"][0]["added"], true);

    // Only organizers change the meeting and write the minutes.
    let (status, problem) = maria.patch(&url, json!({"minutes": "x"})).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("organizers-only")));
    let (status, m) = olga.patch(&url, json!({"minutes": "Gutes Treffen"})).await;
    assert_eq!(status, 200);
    assert_eq!(m["minutes_html"].as_str().unwrap().trim(), "<p>Gutes Treffen</p>");
    olga.post(
        &format!("{url}/outcomes"),
        json!({"kind": "decision", "text": "Wir starten im März"}),
    )
    .await;
    let due = local_day(7);
    let (status, m) = olga
        .post(
            &format!("{url}/outcomes"),
            json!({"kind": "action", "text": "Angebot einholen", "assignee": "maria", "due_on": due}),
        )
        .await;
    assert_eq!(status, 201, "{m}");
    assert_eq!(m["decisions"][0]["text"], "Wir starten im März");
    let action = m["actions"][0]["id"].as_i64().unwrap();

    // One click: the action item is a task of the project, Maria's, due when it said.
    let (status, task) = olga
        .post(&format!("/api/v1/meeting-outcomes/{action}/task"), json!({}))
        .await;
    assert_eq!(status, 201, "{task}");
    assert_eq!(task["title"], "Angebot einholen");
    assert_eq!(task["assignees"][0]["uid"], "maria");
    assert_eq!(task["due_on"], due);
    assert_eq!(task["community"], slug);
    let (status, problem) = olga
        .post(&format!("/api/v1/meeting-outcomes/{action}/task"), json!({}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("already-a-task")));
    let (_, mine) = maria.get("/api/v1/me/tasks").await;
    assert_eq!(mine[0]["title"], "Angebot einholen");
    let (_, m) = maria.get(&url).await;
    assert_eq!(m["actions"][0]["task_id"], task["id"]);

    let (_, upcoming) = maria.get(&format!("/api/v1/communities/{slug}/meetings")).await;
    assert_eq!(upcoming[0]["title"], "Planung");
    let (_, past) = maria
        .get(&format!("/api/v1/communities/{slug}/meetings?when=past"))
        .await;
    assert_eq!(past, json!([]));
    let (_, doc) = olga.get("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/communities/{slug}/meetings",
        "/api/v1/meetings/{id}",
        "/api/v1/meetings/{id}.ics",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

/// The first day of next year's October on which Berlin leaves summer time.
fn dst_end_next_year() -> NaiveDate {
    let year = Utc::now().year() + 1;
    (1..=31)
        .map(|d| NaiveDate::from_ymd_opt(year, 10, d).unwrap())
        .find(|d| {
            let noon = |d: NaiveDate| Berlin.from_local_datetime(&d.and_hms_opt(12, 0, 0).unwrap()).unwrap();
            noon(*d).offset().to_string() != noon(d.pred_opt().unwrap()).offset().to_string()
        })
        .unwrap()
}

fn property<'a>(c: &'a icalendar::parser::Component, name: &str) -> &'a icalendar::parser::Property<'a> {
    c.properties
        .iter()
        .find(|p| p.name.as_str() == name)
        .unwrap_or_else(|| panic!("{} has no {name}", c.name.as_str()))
}

fn offset_seconds(s: &str) -> i64 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    sign * (s[1..3].parse::<i64>().unwrap() * 3600 + s[3..5].parse::<i64>().unwrap() * 60)
}

/// The UTC time of a local DTSTART, computed from the calendar's own VTIMEZONE (as a calendar
/// program does): the last observance that began before it gives the offset.
fn utc_by_vtimezone(zone: &icalendar::parser::Component, local: NaiveDateTime) -> NaiveDateTime {
    let mut best: Option<(NaiveDateTime, i64)> = None;
    for o in &zone.components {
        let start = NaiveDateTime::parse_from_str(property(o, "DTSTART").val.as_str(), "%Y%m%dT%H%M%S").unwrap();
        let to = offset_seconds(property(o, "TZOFFSETTO").val.as_str());
        if start <= local && best.is_none_or(|(b, _)| start > b) {
            best = Some((start, to));
        }
    }
    local - Duration::seconds(best.expect("an observance covers the meeting").1)
}

async fn calendar_files_validate_and_keep_the_wall_clock_time(app: TestApp) {
    let (slug, olga, maria, _rudi) = team(&app).await;
    let change = dst_end_next_year();
    let before = change - Duration::days(7);
    let mut ids = Vec::new();
    for day in [before, change] {
        let m = meeting(
            &olga,
            &slug,
            json!({"title": "Jour fixe; wöchentlich, mit Kaffee", "starts_at": format!("{day}T10:00"),
                   "ends_at": format!("{day}T11:00"), "time_zone": "Europe/Berlin",
                   "agenda": "1. Stand\n2. Nächste Schritte"}),
        )
        .await;
        ids.push((m["id"].as_i64().unwrap(), m["starts_at"].as_str().unwrap().to_string()));
    }

    for (id, starts_at) in &ids {
        let res = olga.raw(&format!("/api/v1/meetings/{id}.ics")).await;
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = res.text().await.unwrap();
        // RFC 5545 3.1: CRLF line ends, no line longer than 75 octets.
        assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "{ics}");
        let unfolded = icalendar::parser::unfold(&ics);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("an iCalendar the parser reads");
        let calendar_property = |name: &str| {
            calendar
                .properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_string())
        };
        assert_eq!(calendar_property("VERSION").as_deref(), Some("2.0"));
        assert!(calendar_property("PRODID").is_some());
        assert!(unfolded.starts_with("BEGIN:VCALENDAR") && unfolded.trim_end().ends_with("END:VCALENDAR"));
        let zone = calendar
            .components
            .iter()
            .find(|c| c.name.as_str() == "VTIMEZONE")
            .unwrap();
        let event = calendar
            .components
            .iter()
            .find(|c| c.name.as_str() == "VEVENT")
            .unwrap();
        for name in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"] {
            property(event, name);
        }
        // Escaped in the file (`\;`, `\,`), read back as written.
        assert!(ics.contains("SUMMARY:Jour fixe\\; wöchentlich\\, mit Kaffee"));
        assert_eq!(
            property(event, "SUMMARY").val.as_str(),
            "Jour fixe; wöchentlich, mit Kaffee"
        );
        let start = property(event, "DTSTART");
        let tzid = start.params.iter().find(|p| p.key.as_str() == "TZID").unwrap();
        assert_eq!(tzid.val.as_ref().unwrap().as_str(), "Europe/Berlin");
        assert_eq!(property(zone, "TZID").val.as_str(), "Europe/Berlin");
        // 10:00 on the wall clock both weeks, and the zone's own rules give the stored UTC time.
        let local = NaiveDateTime::parse_from_str(start.val.as_str(), "%Y%m%dT%H%M%S").unwrap();
        assert_eq!(local.time().to_string(), "10:00:00");
        let stored = chrono::DateTime::parse_from_rfc3339(starts_at).unwrap().naive_utc();
        assert_eq!(utc_by_vtimezone(zone, local), stored, "{ics}");
    }
    let (a, b) = (&ids[0].1, &ids[1].1);
    assert!(
        a.ends_with("08:00:00Z") && b.ends_with("09:00:00Z"),
        "UTC moves with the clocks: {a} {b}"
    );

    // The subscription link: no session needed, both meetings, the link itself is the key.
    let client = app.signed_in("maria", "en").await;
    let html = page(&client, app.url(&format!("/c/{slug}/meetings"))).await;
    let doc = scraper::Html::parse_document(&html);
    let link = doc
        .select(&scraper::Selector::parse("#feed-url").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let path = url::Url::parse(&link).unwrap().path().to_string();
    let anonymous = reqwest::Client::new();
    let res = anonymous.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let feed = res.text().await.unwrap();
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(feed.matches("BEGIN:VTIMEZONE").count(), 1);
    let mut forged = path.trim_end_matches(".ics").to_string();
    let last = forged.pop().unwrap();
    forged.push(if last == '0' { '1' } else { '0' });
    forged.push_str(".ics");
    assert_eq!(anonymous.get(app.url(&forged)).send().await.unwrap().status(), 404);
    // A new link ends the old one.
    let res = app
        .submit(
            &client,
            &format!("/c/{slug}/meetings"),
            &format!("/c/{slug}/calendar/renew"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(anonymous.get(app.url(&path)).send().await.unwrap().status(), 404);
    let html = page(&client, app.url(&format!("/c/{slug}/meetings"))).await;
    let renewed = texts_attr(&html, "#feed-url", "value");
    let renewed = url::Url::parse(&renewed).unwrap().path().to_string();
    assert_eq!(anonymous.get(app.url(&renewed)).send().await.unwrap().status(), 200);
    // Leaving the (private) community ends the feed too.
    maria
        .post(&format!("/api/v1/communities/{slug}/leave"), json!({}))
        .await;
    assert_eq!(anonymous.get(app.url(&renewed)).send().await.unwrap().status(), 404);
}

fn texts_attr(html: &str, css: &str, attr: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    doc.select(&scraper::Selector::parse(css).unwrap())
        .next()
        .unwrap()
        .value()
        .attr(attr)
        .unwrap()
        .to_string()
}

async fn bad_meetings_are_refused_and_outsiders_see_none(app: TestApp) {
    let (slug, olga, maria, _rudi) = team(&app).await;
    let gerd = app.person("gerd", "Gerd Gast").await;
    let gerd = app.api(&app.token(&gerd).await);
    let meetings = format!("/api/v1/communities/{slug}/meetings");
    let day = local_day(3);
    let base = |start: &str, end: &str, tz: &str| json!({"title": "Treffen", "starts_at": start, "ends_at": end, "time_zone": tz});
    let year = Utc::now().year() + 1;
    // The clocks skip 02:00-03:00 on the last Sunday of March.
    let spring = (25..=31)
        .map(|d| NaiveDate::from_ymd_opt(year, 3, d).unwrap())
        .find(|d| d.weekday() == chrono::Weekday::Sun)
        .unwrap();
    for (body, field) in [
        (
            base(&format!("{day}T11:00"), &format!("{day}T10:00"), "Europe/Berlin"),
            "ends_at",
        ),
        (
            base(&format!("{day}T10:00"), &format!("{day}T10:00"), "Europe/Berlin"),
            "ends_at",
        ),
        (
            base(&format!("{day}T10:00"), &format!("{day}T11:00"), "Mars/Olympus"),
            "timezone",
        ),
        (base("morgen", &format!("{day}T11:00"), "Europe/Berlin"), "starts_at"),
        (
            base(&format!("{spring}T02:30"), &format!("{spring}T04:00"), "Europe/Berlin"),
            "starts_at",
        ),
        (
            json!({"title": "T", "starts_at": format!("{day}T10:00"), "ends_at": format!("{day}T11:00"),
                   "time_zone": "Europe/Berlin", "online_url": "javascript:alert(1)"}),
            "online_url",
        ),
    ] {
        let (status, problem) = olga.post(&meetings, body.clone()).await;
        assert_eq!(
            (status, problem["field"].as_str()),
            (422, Some(field)),
            "{body}: {problem}"
        );
    }
    let (_, list) = olga.get(&meetings).await;
    assert_eq!(list, json!([]), "nothing saved");

    // A meeting that is over takes no answers.
    let yesterday = local_day(-1);
    let past = meeting(
        &olga,
        &slug,
        base(
            &format!("{yesterday}T10:00"),
            &format!("{yesterday}T11:00"),
            "Europe/Berlin",
        ),
    )
    .await;
    let id = past["id"].as_i64().unwrap();
    let (status, problem) = maria
        .post(&format!("/api/v1/meetings/{id}/rsvp"), json!({"answer": "yes"}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("meeting-over")));
    let (status, _) = maria
        .post(&format!("/api/v1/meetings/{id}/rsvp"), json!({"answer": "perhaps"}))
        .await;
    assert_eq!(status, 422);
    let (status, problem) = olga
        .post(
            &format!("/api/v1/meetings/{id}/outcomes"),
            json!({"kind": "action", "text": "x", "assignee": "gerd"}),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("assignees")),
        "outsiders are not assigned"
    );
    let (status, _) = olga
        .patch(
            &format!("/api/v1/meetings/{id}"),
            json!({"starts_at": format!("{day}T10:00")}),
        )
        .await;
    assert_eq!(status, 422, "times change together");

    // Outsiders: the private community's meetings are not theirs, on any path.
    assert_eq!(gerd.get(&meetings).await.0, 403);
    assert_eq!(gerd.get(&format!("/api/v1/meetings/{id}")).await.0, 404);
    assert_eq!(gerd.get(&format!("/api/v1/meetings/{id}.ics")).await.0, 404);
    let client = app.signed_in("gerd", "en").await;
    assert_eq!(
        client
            .get(app.url(&format!("/meetings/{id}.ics")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

async fn meetings_work_with_plain_forms(app: TestApp) {
    let (slug, _olga, _maria, _rudi) = team(&app).await;
    let client = app.signed_in("olga", "de").await;
    let new = format!("/c/{slug}/meetings/new");
    let day = local_day(5);
    let fields = |end: &str| {
        vec![
            ("title".to_string(), "Kick-off".to_string()),
            ("starts_at".to_string(), format!("{day}T14:00")),
            ("ends_at".to_string(), end.to_string()),
            ("time_zone".to_string(), "Europe/Berlin".to_string()),
            ("place".to_string(), "Kantine".to_string()),
            ("online_url".to_string(), String::new()),
            ("agenda".to_string(), "- Ziele".to_string()),
        ]
    };
    let refs = |v: &[(String, String)]| v.iter().map(|(a, b)| (a.clone(), b.clone())).collect::<Vec<_>>();
    let bad = refs(&fields(&format!("{day}T13:00")));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let res = app.submit(&client, &new, &format!("/c/{slug}/meetings"), &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(texts(&html, "[role=alert]")[0].contains("vor dem Beginn"), "{html}");
    assert!(html.contains("value=\"Kick-off\""));
    let good = refs(&fields(&format!("{day}T15:00")));
    let good: Vec<(&str, &str)> = good.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let res = app.submit(&client, &new, &format!("/c/{slug}/meetings"), &good).await;
    assert_eq!(res.status(), 303);
    let url = res.headers()["location"].to_str().unwrap().to_string();
    let html = page(&client, app.url(&url)).await;
    // As people write it: the day once, the zone by its city.
    let time = &texts(&html, "#meeting-time")[0];
    let date = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
    assert!(
        time.starts_with(&format!("{}. ", chrono::Datelike::day(&date)))
            && time.ends_with(&format!(" {}, 14:00 – 15:00 (Berlin)", chrono::Datelike::year(&date))),
        "{time}"
    );

    let res = app
        .submit(&client, &url, &format!("{url}/rsvp"), &[("answer", "yes")])
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .submit(
            &client,
            &url,
            &format!("{url}/outcomes"),
            &[
                ("kind", "action"),
                ("text", "Raum buchen"),
                ("assignee", "olga"),
                ("due_on", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&client, app.url(&url)).await;
    assert_eq!(texts(&html, "#rsvp-counts")[0], "Ja: 1 · Nein: 0 · Vielleicht: 0");
    let doc = scraper::Html::parse_document(&html);
    let form = doc
        .select(&scraper::Selector::parse("#actions form").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("action")
        .unwrap()
        .to_string();
    let res = app.submit(&client, &url, &form, &[]).await;
    assert_eq!(res.status(), 303);
    let task = res.headers()["location"].to_str().unwrap().to_string();
    let html = page(&client, app.url(&task)).await;
    assert_eq!(texts(&html, "h1"), ["Raum buchen"]);
    let ics = client.get(app.url(&format!("{url}.ics"))).send().await.unwrap();
    assert_eq!(ics.status(), 200);
    assert!(ics.text().await.unwrap().contains("SUMMARY:Kick-off\r\n"));
}
