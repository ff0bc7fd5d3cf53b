//! A week of project work for the demo company: tasks on the board, a status report, a poll
//! and a meeting, written through the same services as the pages (so the demo shows what a
//! team would see).

use chrono::{Duration, Utc};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{communities, status_reports};
use crate::domain::{
    MeetingText, MeetingTitle, Place, PollOptions, PollQuestion, RagStatus, ReportText, TaskDescription, TaskPriority,
    TaskStatus, TaskTitle, TimeZone, Uid,
};
use crate::error::AppError;
use crate::meetings::service::{self as meetings, MeetingInput, When};
use crate::polls::service::{self as polls, PollInput};
use crate::status::service::{self as status, ReportInput};
use crate::tasks::service::{self as tasks, TaskInput};

/// Fills the project `slug` (managed by `manager`, with `team` as members); the project
/// reports to the manager's department, and `overall` is the status it reports.
pub fn seed(
    conn: &mut DbConnection,
    settings: &crate::config::Settings,
    slug: &str,
    manager: &Person,
    team: &[Person],
    overall: RagStatus,
) -> Result<(), AppError> {
    diesel::update(communities::table.filter(communities::slug.eq(slug)))
        .set(communities::reports_to_department_id.eq(manager.department_id))
        .execute(conn)?;
    let tz = settings.i18n.default_timezone;
    let today = manager.today(tz);
    let uid = |p: &Person| Uid::parse(&p.uid);
    let work = [
        ("Anforderungen sammeln", TaskStatus::Done, TaskPriority::High, None),
        (
            "Angebote vergleichen",
            TaskStatus::InProgress,
            TaskPriority::Normal,
            Some(2),
        ),
        ("Schulung planen", TaskStatus::Open, TaskPriority::Normal, Some(10)),
        (
            "Datenübernahme klären",
            TaskStatus::Blocked,
            TaskPriority::Urgent,
            Some(5),
        ),
    ];
    for (i, (title, state, priority, due)) in work.into_iter().enumerate() {
        let input = TaskInput {
            title: TaskTitle::parse("title", title)?,
            description: TaskDescription::parse("description", "")?,
            status: state,
            priority,
            due_on: due.map(|d| today + Duration::days(d)),
            assignees: vec![uid(&team[i % team.len()])?],
            checklist: Vec::new(),
        };
        tasks::create(conn, manager, slug, input, today)?;
    }
    // Four weeks of reports before this one: the timeline has a history, the trend a base.
    let history = [
        (RagStatus::Green, "Auftakt: Ziele, Team und Zeitplan stehen."),
        (RagStatus::Green, "Die Fachbereiche haben ihre Anforderungen geliefert."),
        (RagStatus::Amber, "Zwei Anbieter sind mit ihren Angeboten in Verzug."),
        (RagStatus::Green, "Alle Angebote liegen vor, der Vergleich beginnt."),
    ];
    for (weeks_ago, (earlier, summary)) in (1..=history.len() as i64).rev().zip(history) {
        let report = ReportInput {
            overall: earlier,
            areas: settings.status.areas.iter().map(|a| (a.clone(), earlier)).collect(),
            summary: ReportText::parse("summary", summary)?,
            achievements: ReportText::parse("achievements", "- Workshops mit den Fachbereichen")?,
            next_steps: ReportText::parse("next_steps", "- Anforderungen abstimmen")?,
            risks: ReportText::parse("risks", "")?,
            help_needed: ReportText::parse("help_needed", "")?,
        };
        let id = status::create(conn, manager, slug, report, &settings.status)?;
        diesel::update(status_reports::table.find(id))
            .set(status_reports::created_at.eq(crate::db::now() - Duration::weeks(weeks_ago)))
            .execute(conn)?;
    }
    let report = ReportInput {
        overall,
        areas: settings
            .status
            .areas
            .iter()
            .map(|a| (a.clone(), if a == "schedule" { overall } else { RagStatus::Green }))
            .collect(),
        summary: ReportText::parse("summary", "Wir sind mitten in der Auswahl.")?,
        achievements: ReportText::parse("achievements", "- Anforderungen abgestimmt")?,
        next_steps: ReportText::parse("next_steps", "- Angebote bewerten\n- Schulung planen")?,
        risks: ReportText::parse("risks", "Die Datenübernahme ist noch offen.")?,
        help_needed: ReportText::parse("help_needed", "")?,
    };
    status::create(conn, manager, slug, report, &settings.status)?;
    let poll = PollInput {
        question: PollQuestion::parse("question", "Wann passt der Workshop?")?,
        options: PollOptions::parse(&["Dienstag", "Mittwoch", "Donnerstag"])?,
        multiple: true,
        anonymous: false,
        results_before_close: true,
        closes_at: Some(crate::db::now() + Duration::days(5)),
    };
    polls::create(conn, manager, slug, poll)?;
    let day = (Utc::now().with_timezone(&tz.0).date_naive() + Duration::days(3)).to_string();
    let meeting = MeetingInput {
        title: MeetingTitle::parse("title", "Wöchentliche Abstimmung")?,
        when: When::local(TimeZone(tz.0), &format!("{day}T10:00"), &format!("{day}T11:00"))?,
        place: Place::parse("place", "Raum Elbe")?,
        online_url: None,
        agenda: MeetingText::parse("agenda", "- Stand der Aufgaben\n- Termin für den Workshop")?,
    };
    meetings::create(conn, manager, slug, meeting)?;
    Ok(())
}
