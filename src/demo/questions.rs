//! Questions in the demo company: a live onboarding AMA in a department (an anonymous question
//! among them, votes, a first answer) and Q&A in an interest community (one question answered
//! and accepted, one still waiting) — written through the same services as the pages.

use chrono::Duration;

use crate::amas::questions::{self as ama_questions};
use crate::amas::service::{self as amas, AmaInput};
use crate::db::models::Person;
use crate::db::{DbConnection, now};
use crate::domain::{
    AmaDescription, AmaTitle, AmaWindow, AnswerBody, Audience, CommentBody, PostBody, PostKind, PostTitle,
    QuestionBody, TimeZone, Uid,
};
use crate::error::AppError;
use crate::posts::comments::add_comment;
use crate::posts::service::{self as posts, PostInput};

/// An onboarding AMA of the department `slug` with its `head`, live since an hour, open for a
/// week; `team` asks and votes.
pub fn seed_ama(
    conn: &mut DbConnection,
    tz: TimeZone,
    slug: &str,
    head: &Person,
    team: &[Person],
) -> Result<(), AppError> {
    let at = now();
    let input = AmaInput {
        title: AmaTitle::parse("title", "Onboarding-AMA: Fragen an die Abteilungsleitung")?,
        description: AmaDescription::parse(
            "description",
            "Neu bei uns? Fragt alles über die ersten Wochen — gern auch anonym.",
        )?,
        window: AmaWindow::new(
            tz,
            at - Duration::days(1),
            at - Duration::hours(1),
            at + Duration::days(7),
        )?,
        hosts: vec![Uid::parse(&head.uid)?],
        audience: Audience::Community,
        anonymous_allowed: true,
        moderated: false,
    };
    let id = amas::create(conn, head, slug, input, at)?;
    let asked = [
        ("Wie läuft die Einarbeitung in den ersten drei Monaten?", false),
        ("Wie flexibel sind die Arbeitszeiten wirklich?", true),
        ("Gibt es ein Budget für Weiterbildung?", false),
    ];
    let mut questions = Vec::new();
    for (i, (text, anonymous)) in asked.iter().enumerate() {
        let asker = &team[i % team.len()];
        questions.push(ama_questions::ask(
            conn,
            asker,
            id,
            QuestionBody::parse("body", text)?,
            *anonymous,
            at,
        )?);
    }
    for (i, voter) in team.iter().enumerate() {
        let q = questions[(i + 1) % questions.len()];
        // A voter's own question is refused; the demo simply skips it.
        let _ = ama_questions::vote(conn, voter, q, at);
    }
    ama_questions::answer(
        conn,
        head,
        questions[0],
        AnswerBody::parse(
            "body",
            "Jede und jeder bekommt eine Patin oder einen Paten und einen Plan für die ersten **drei Monate**.",
        )?,
        false,
        at,
    )?;
    Ok(())
}

/// A question answered and accepted, and one that waits for help, in the community `slug`.
pub fn seed_qa(conn: &mut DbConnection, slug: &str, people: &[Person]) -> Result<(), AppError> {
    let [asker, helper, other, ..] = people else {
        return Ok(());
    };
    let ask = |title: &str, body: &str| -> Result<PostInput, AppError> {
        Ok(PostInput {
            kind: PostKind::Question,
            title: PostTitle::parse("title", title)?,
            body: PostBody::parse("body", body)?,
            pinned: false,
            announcement: false,
        })
    };
    let answered = posts::create(
        conn,
        asker,
        slug,
        ask(
            "Wer kennt eine gute Strecke für die Mittagspause?",
            "Am liebsten 5 km, ohne große Straßen.",
        )?,
    )?;
    let answer = add_comment(
        conn,
        helper,
        answered,
        None,
        CommentBody::parse("body", "Die Runde am Kanal entlang: flach, 5,2 km, kaum Ampeln.")?,
    )?;
    crate::qa::service::vote_answer(conn, other, answer, true)?;
    crate::qa::service::accept(conn, asker, answered, Some(answer))?;
    posts::create(
        conn,
        other,
        slug,
        ask("Gibt es Duschen im Neubau?", "Ich würde gern mit dem Rad kommen.")?,
    )?;
    Ok(())
}
