//! A company-wide AMA with the leadership, live: 2,000 questions (a tenth of them anonymous),
//! votes spread as real ones are (a few questions draw most of them, ~90,000 in all), 300
//! answered by the host.

use chrono::Duration;
use diesel::prelude::*;
use rand::prelude::*;
use rand::rngs::StdRng;

use super::CHUNK;
use crate::db::models::{NewAmaQuestion, NewVote};
use crate::db::schema::{ama_hosts, ama_questions, amas, communities, memberships, people, votes};
use crate::db::{DbConnection, bulk, now};
use crate::domain::{AmaState, Audience, CommunityKind, QuestionState, Role};
use crate::error::AppError;

const QUESTIONS: usize = 2_000;
const ANSWERED: usize = 300;

/// Writes the AMA; returns how many votes were cast.
pub(super) fn company_ama(conn: &mut DbConnection, rng: &mut StdRng) -> Result<usize, AppError> {
    let org: i64 = communities::table
        .filter(communities::kind.eq(CommunityKind::Organization.as_str()))
        .select(communities::id)
        .first(conn)?;
    let everyone: Vec<i64> = people::table
        .filter(people::active.eq(true))
        .order(people::id)
        .select(people::id)
        .load(conn)?;
    let host: i64 = memberships::table
        .filter(memberships::community_id.eq(org))
        .filter(memberships::role.eq(Role::Manager.as_str()))
        .select(memberships::person_id)
        .first(conn)
        .optional()?
        .unwrap_or(everyone[0]);
    let at = now();
    let ama: i64 = diesel::insert_into(amas::table)
        .values((
            amas::community_id.eq(org),
            amas::created_by.eq(Some(host)),
            amas::title.eq("Fragen an die Geschäftsführung"),
            amas::description.eq("Alles zur Strategie, zu Standorten und zu dem, was euch bewegt."),
            amas::description_html.eq("<p>Alles zur Strategie, zu Standorten und zu dem, was euch bewegt.</p>"),
            amas::time_zone.eq("Europe/Berlin"),
            amas::opens_at.eq(at - Duration::days(7)),
            amas::answering_from.eq(at - Duration::days(1)),
            amas::closes_at.eq(at + Duration::days(7)),
            amas::audience.eq(Audience::Organization.as_str()),
            amas::anonymous_allowed.eq(true),
            amas::moderated.eq(false),
            amas::announced.eq(AmaState::Live.as_str()),
            amas::created_at.eq(at - Duration::days(8)),
            amas::updated_at.eq(at - Duration::days(8)),
        ))
        .returning(amas::id)
        .get_result(conn)?;
    diesel::insert_into(ama_hosts::table)
        .values((ama_hosts::ama_id.eq(ama), ama_hosts::person_id.eq(host)))
        .execute(conn)?;
    let mut rows = Vec::with_capacity(QUESTIONS);
    for i in 0..QUESTIONS {
        let body = format!("Wie geht es weiter mit {}? (Frage {i})", super::subject(i));
        let answered = i % (QUESTIONS / ANSWERED) == 0;
        let answer =
            answered.then(|| format!("Dazu planen wir im nächsten Quartal Schritte zu {}.", super::subject(i)));
        rows.push(NewAmaQuestion {
            ama_id: ama,
            asker_id: Some(everyone[rng.gen_range(0..everyone.len())]),
            anonymous: rng.gen_bool(0.1),
            body_html: crate::markdown::to_safe_html(&body),
            body,
            state: QuestionState::Published,
            reason: String::new(),
            pinned: false,
            votes: 0,
            answer_html: answer.as_deref().map(crate::markdown::to_safe_html),
            answer,
            answered_by: answered.then_some(host),
            answered_at: answered.then_some(at - Duration::hours(rng.gen_range(1..20))),
            created_at: at - Duration::minutes(rng.gen_range(60..10_000)),
        });
    }
    for chunk in rows.chunks(CHUNK) {
        bulk::insert_ama_questions(conn, chunk)?;
    }
    let questions: Vec<(i64, Option<i64>)> = ama_questions::table
        .filter(ama_questions::ama_id.eq(ama))
        .order(ama_questions::id)
        .select((ama_questions::id, ama_questions::asker_id))
        .load(conn)?;
    let mut cast = Vec::new();
    let mut total = 0;
    for (k, (question, asker)) in questions.iter().enumerate() {
        let n = (6_000 / (k + 1) + rng.gen_range(0..40)).min(everyone.len() - 1);
        for i in rand::seq::index::sample(rng, everyone.len(), n) {
            let person = everyone[i];
            if Some(person) != *asker {
                cast.push(NewVote {
                    subject: "ama-question".into(),
                    subject_id: *question,
                    person_id: person,
                    created_at: at,
                });
            }
        }
        if cast.len() >= CHUNK {
            total += bulk::insert_votes(conn, &cast)?;
            cast.clear();
        }
    }
    total += bulk::insert_votes(conn, &cast)?;
    let counted = votes::table
        .filter(votes::subject.eq("ama-question"))
        .filter(votes::subject_id.eq(ama_questions::id))
        .count()
        .single_value()
        .assume_not_null();
    diesel::update(ama_questions::table.filter(ama_questions::ama_id.eq(ama)))
        .set(ama_questions::votes.eq(counted))
        .execute(conn)?;
    Ok(total)
}
