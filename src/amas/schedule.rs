//! Moving AMAs through their windows on time: pages compute the state from the clock, this job
//! does what a change of state brings — the audience and the hosts hear that answering starts,
//! and a closed AMA gets its summary post. Each change is claimed by a conditional update, so
//! with several nodes (or a job run twice) it happens once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::service::audience_of;
use crate::db::models::{Ama, AmaQuestion};
use crate::db::schema::{ama_hosts, ama_questions, amas, people};
use crate::db::{DbConnection, write_transaction};
use crate::domain::{AmaState, Locale, PostBody, PostTitle, QuestionState};
use crate::error::AppError;
use crate::notifications::notices::{self as notifications, Kind, Notice};
use crate::posts::service::PostInput;

/// Announces every AMA whose state has moved on since last announced; returns how many.
pub fn run(conn: &mut DbConnection, now: NaiveDateTime, locale: Locale) -> Result<usize, AppError> {
    let due: Vec<Ama> = amas::table
        .filter(
            amas::announced
                .eq(AmaState::Scheduled.as_str())
                .and(amas::answering_from.le(now))
                .or(amas::announced
                    .ne(AmaState::Closed.as_str())
                    .and(amas::closes_at.le(now))),
        )
        .order(amas::id.asc())
        .select(Ama::as_select())
        .load(conn)?;
    let mut done = 0;
    for ama in due {
        if write_transaction(conn, |conn| announce(conn, &ama, now, locale))? {
            done += 1;
        }
    }
    Ok(done)
}

fn announce(conn: &mut DbConnection, ama: &Ama, now: NaiveDateTime, locale: Locale) -> Result<bool, AppError> {
    let state = ama.window().state_at(now);
    let claimed = diesel::update(amas::table.find(ama.id))
        .filter(amas::announced.eq(&ama.announced))
        .set(amas::announced.eq(state.as_str()))
        .execute(conn)?;
    if claimed == 0 {
        return Ok(false);
    }
    match state {
        AmaState::Live => go_live(conn, ama)?,
        AmaState::Closed => close(conn, ama, locale)?,
        AmaState::Scheduled => {}
    }
    Ok(true)
}

fn hosts(conn: &mut DbConnection, ama_id: i64) -> QueryResult<Vec<(i64, String)>> {
    ama_hosts::table
        .inner_join(people::table)
        .filter(ama_hosts::ama_id.eq(ama_id))
        .order(people::display_name.asc())
        .select((people::id, people::display_name))
        .load(conn)
}

fn published(conn: &mut DbConnection, ama_id: i64) -> QueryResult<Vec<AmaQuestion>> {
    ama_questions::table
        .filter(ama_questions::ama_id.eq(ama_id))
        .filter(ama_questions::state.eq(QuestionState::Published.as_str()))
        .order((ama_questions::votes.desc(), ama_questions::id.asc()))
        .select(AmaQuestion::as_select())
        .load(conn)
}

/// The audience hears it is live; the hosts hear instead how many questions wait for them
/// (the AMA's page lists them by votes).
fn go_live(conn: &mut DbConnection, ama: &Ama) -> Result<(), AppError> {
    let hosts = hosts(conn, ama.id)?;
    // The hosts hear it once, with what waits for them.
    let audience: Vec<i64> = audience_of(conn, ama)?
        .into_iter()
        .filter(|p| !hosts.iter().any(|(host, _)| host == p))
        .collect();
    notifications::notify_each(conn, &Notice::ama(Kind::AmaLive, 0, None, ama.id), &audience)?;
    let waiting = published(conn, ama.id)?.len();
    for (host, _) in hosts {
        notifications::notify(
            conn,
            Notice::ama(Kind::AmaStarting, host, None, ama.id).with_detail(waiting.to_string()),
        )?;
    }
    Ok(())
}

/// The summary post: answered questions by votes with their answers, and how many stayed
/// unanswered. It names no asker.
fn close(conn: &mut DbConnection, ama: &Ama, locale: Locale) -> Result<(), AppError> {
    let hosts = hosts(conn, ama.id)?;
    let Some(author) = ama.created_by.or(hosts.first().map(|(id, _)| *id)) else {
        tracing::warn!(
            ama = ama.id,
            "a closed AMA has neither its organizer nor a host: no summary"
        );
        return Ok(());
    };
    let questions = published(conn, ama.id)?;
    let body = summary(ama, &questions, &hosts, locale);
    let title = crate::i18n::t_args(locale, "ama-summary-title", &[("title", ama.title.clone().into())]);
    let input = PostInput {
        kind: crate::domain::PostKind::Post,
        title: PostTitle::parse("title", &title.chars().take(200).collect::<String>())?,
        body: PostBody::parse("body", &body)?,
        pinned: false,
        announcement: false,
    };
    let post = crate::posts::service::insert(conn, ama.community_id, author, &input)?;
    diesel::update(amas::table.find(ama.id))
        .set(amas::summary_post_id.eq(Some(post)))
        .execute(conn)?;
    Ok(())
}

/// Room the summary's answers may take, below a post's limit.
const SUMMARY_BUDGET: usize = 18_000;

/// The summary's markdown. Questions are quoted line by line, so that their markdown stays
/// inside the quote; answers follow under their host's name.
pub fn summary(ama: &Ama, questions: &[AmaQuestion], hosts: &[(i64, String)], locale: Locale) -> String {
    let names: Vec<&str> = hosts.iter().map(|(_, n)| n.as_str()).collect();
    let mut out = crate::i18n::t_args(
        locale,
        "ama-summary-intro",
        &[("title", ama.title.clone().into()), ("hosts", names.join(", ").into())],
    );
    out.push_str("\n\n");
    let answered: Vec<&AmaQuestion> = questions.iter().filter(|q| q.answer.is_some()).collect();
    let mut shown = 0;
    for q in &answered {
        let host = hosts
            .iter()
            .find(|(id, _)| Some(*id) == q.answered_by)
            .map_or("—", |(_, n)| n.as_str());
        let mut part = format!(
            "## {}\n\n",
            crate::i18n::t_args(locale, "ama-summary-votes", &[("count", q.votes.into())])
        );
        for line in q.body.lines() {
            part.push_str("> ");
            part.push_str(line);
            part.push('\n');
        }
        part.push_str(&format!(
            "\n**{host}:** {}\n\n",
            q.answer.as_deref().unwrap_or_default()
        ));
        if out.len() + part.len() > SUMMARY_BUDGET {
            break;
        }
        out.push_str(&part);
        shown += 1;
    }
    let more = answered.len() - shown;
    if more > 0 {
        out.push_str(&crate::i18n::t_args(
            locale,
            "ama-summary-more",
            &[("count", (more as i64).into())],
        ));
        out.push_str("\n\n");
    }
    let unanswered = questions.len() - answered.len();
    out.push_str(&crate::i18n::t_args(
        locale,
        "ama-summary-unanswered",
        &[("count", (unanswered as i64).into())],
    ));
    out.push_str(&format!(
        "\n\n[{}](/amas/{})\n",
        crate::i18n::t(locale, "ama-summary-link"),
        ama.id
    ));
    out
}
