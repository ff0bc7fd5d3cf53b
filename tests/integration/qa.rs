//! Q&A: members ask, others answer, questions and answers are voted up, the asker (or a
//! moderator) accepts an answer, and the community lists what waits for one.

use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{TestApp, page, texts};

on_both_backends!(
    a_community_answers_and_accepts_a_question,
    questions_work_with_plain_forms
);

async fn community(app: &TestApp, members: &[(&str, &str)]) -> (String, Vec<crate::support::Api>) {
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let (_, c) = olga
        .post(
            "/api/v1/communities",
            json!({"name": "Rust-Freunde", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    let slug = c["slug"].as_str().unwrap().to_string();
    let mut apis = vec![olga];
    for (uid, name) in members {
        let p = app.person(uid, name).await;
        let api = app.api(&app.token(&p).await);
        api.post(&format!("/api/v1/communities/{slug}/join"), json!({})).await;
        apis.push(api);
    }
    (slug, apis)
}

fn comment_id(detail: &Value, author: &str) -> i64 {
    detail["comments"]
        .as_array()
        .unwrap_or_else(|| panic!("not a post: {detail}"))
        .iter()
        .find(|c| c["author"]["uid"] == author)
        .unwrap_or_else(|| panic!("no answer by {author}: {detail}"))["id"]
        .as_i64()
        .unwrap()
}

async fn a_community_answers_and_accepts_a_question(app: TestApp) {
    let (slug, apis) = community(
        &app,
        &[
            ("maria", "Maria Muster"),
            ("rudi", "Rudi Ratlos"),
            ("paul", "Paul Profi"),
        ],
    )
    .await;
    let [olga, maria, rudi, paul] = &apis[..] else { panic!() };
    let (status, q) = maria
        .post(
            &format!("/api/v1/communities/{slug}/qa"),
            json!({"title": "Wie teste ich Datenbankcode?", "body": "Mit SQLite *und* PostgreSQL?"}),
        )
        .await;
    assert_eq!(status, 201, "{q}");
    assert_eq!(q["kind"], "question");
    let id = q["id"].as_i64().unwrap();
    let (_, waiting) = rudi
        .get(&format!("/api/v1/communities/{slug}/qa?unanswered=true"))
        .await;
    assert_eq!(
        (waiting["total"].as_i64(), waiting["items"][0]["id"].as_i64()),
        (Some(1), Some(id))
    );
    assert_eq!(waiting["items"][0]["age_hours"], 0);

    // The asker adding detail is no answer; someone else's comment is.
    let comments = format!("/api/v1/posts/{id}/comments");
    maria.post(&comments, json!({"body": "Nachtrag: mit diesel."})).await;
    let (_, waiting) = rudi
        .get(&format!("/api/v1/communities/{slug}/qa?unanswered=true"))
        .await;
    assert_eq!(waiting["total"], 1, "the asker's own comment answers nothing");
    let (status, _) = rudi
        .post(&comments, json!({"body": "Eine Testdatenbank je Test."}))
        .await;
    assert_eq!(status, 201);
    paul.post(
        &comments,
        json!({"body": "Eine Template-Datenbank klonen, das ist schnell."}),
    )
    .await;
    let (_, detail) = paul.get(&format!("/api/v1/posts/{id}")).await;
    let (rudis, pauls) = (comment_id(&detail, "rudi"), comment_id(&detail, "paul"));
    let (_, waiting) = rudi
        .get(&format!("/api/v1/communities/{slug}/qa?unanswered=true"))
        .await;
    assert_eq!(waiting["total"], 0, "answered questions leave the help-wanted list");
    let (_, all) = rudi.get(&format!("/api/v1/communities/{slug}/qa")).await;
    assert_eq!(all["items"][0]["answers"], 3);

    // Votes: one each, not on one's own, only on questions and their answers.
    let (status, voted) = rudi.post(&format!("/api/v1/posts/{id}/votes"), json!({})).await;
    assert_eq!(
        (status, voted["votes"].as_i64(), voted["voted"].as_bool()),
        (200, Some(1), Some(true))
    );
    let (_, again) = rudi.post(&format!("/api/v1/posts/{id}/votes"), json!({})).await;
    assert_eq!(again["votes"], 1, "a second vote counts once");
    let (status, e) = maria.post(&format!("/api/v1/posts/{id}/votes"), json!({})).await;
    assert_eq!((status, e["code"].as_str()), (403, Some("own-content")));
    let (_, after) = paul.post(&format!("/api/v1/comments/{rudis}/votes"), json!({})).await;
    let answer = |d: &Value, c: i64| {
        d["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(answer(&after, rudis)["votes"], 1);
    let (status, e) = rudi.post(&format!("/api/v1/comments/{rudis}/votes"), json!({})).await;
    assert_eq!((status, e["code"].as_str()), (403, Some("own-content")));
    maria
        .post(&comments, json!({"body": "Danke!", "parent_id": rudis}))
        .await;
    let (_, reply) = maria.get(&format!("/api/v1/posts/{id}")).await;
    let reply_id = answer(&reply, rudis)["replies"][0]["id"].as_i64().unwrap();
    let (status, e) = paul
        .post(&format!("/api/v1/comments/{reply_id}/votes"), json!({}))
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (409, Some("not-a-question")),
        "a reply is no answer"
    );
    let (_, article) = olga
        .post(
            &format!("/api/v1/communities/{slug}/posts"),
            json!({"title": "Treffen", "body": "Am Freitag."}),
        )
        .await;
    let (status, e) = paul
        .post(&format!("/api/v1/posts/{}/votes", article["id"]), json!({}))
        .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("not-a-question")));
    let (status, after) = rudi.delete(&format!("/api/v1/posts/{id}/votes")).await;
    assert_eq!((status, after["votes"].as_i64()), (200, Some(0)));

    // Accepting: the asker or a moderator; the answer's author hears of it.
    let accept = format!("/api/v1/posts/{id}/accepted-answer");
    let (status, e) = rudi.post(&accept, json!({"comment_id": rudis})).await;
    assert_eq!((status, e["code"].as_str()), (403, Some("not-author")));
    let (status, e) = maria.post(&accept, json!({"comment_id": reply_id})).await;
    assert_eq!((status, e["reason"].as_str()), (422, Some("not-an-answer")));
    let (status, accepted) = maria.post(&accept, json!({"comment_id": pauls})).await;
    assert_eq!((status, accepted["accepted_comment_id"].as_i64()), (200, Some(pauls)));
    assert_eq!(answer(&accepted, pauls)["accepted"], true);
    let (_, n) = paul.get("/api/v1/notifications").await;
    assert_eq!(n["items"][0]["kind"], "answer-accepted", "{n}");
    assert_eq!(n["items"][0]["post_id"], id);
    let (status, changed) = olga.post(&accept, json!({"comment_id": rudis})).await;
    assert_eq!(
        (status, changed["accepted_comment_id"].as_i64()),
        (200, Some(rudis)),
        "moderators may"
    );

    // The times to first and to accepted answer are kept (for the community's figures).
    let times = app
        .query(move |c| {
            use allmende::db::schema::posts;
            use diesel::prelude::*;
            posts::table
                .find(id)
                .select((posts::created_at, posts::first_answer_at, posts::accepted_at))
                .first::<(
                    chrono::NaiveDateTime,
                    Option<chrono::NaiveDateTime>,
                    Option<chrono::NaiveDateTime>,
                )>(c)
        })
        .await;
    let (asked, first, accepted_at) = (times.0, times.1.unwrap(), times.2.unwrap());
    assert!(asked < first && first <= accepted_at, "{times:?}");
    let (status, cleared) = maria.delete(&accept).await;
    assert_eq!((status, cleared["accepted_comment_id"].clone()), (200, Value::Null));
}

async fn questions_work_with_plain_forms(app: TestApp) {
    let (slug, _) = community(&app, &[("maria", "Maria Muster"), ("rudi", "Rudi Ratlos")]).await;
    let maria = app.signed_in("maria", "de").await;
    let rudi = app.signed_in("rudi", "en").await;
    let form = page(&maria, app.url(&format!("/c/{slug}/posts/new?kind=question"))).await;
    assert!(form.contains("name=\"kind\" value=\"question\""), "{form}");
    let res = app
        .submit(
            &maria,
            &format!("/c/{slug}/posts/new?kind=question"),
            &format!("/c/{slug}/posts"),
            &[
                ("kind", "question"),
                ("title", "Wo ist der Kaffee?"),
                ("body", "Im dritten Stock?"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location
        .trim_start_matches("/posts/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let waiting = page(&rudi, app.url(&format!("/c/{slug}/qa?unanswered=1"))).await;
    assert_eq!(texts(&waiting, "#questions h2"), ["Wo ist der Kaffee?"]);
    assert!(waiting.contains("asked just now"), "{waiting}");

    let post = format!("/posts/{id}");
    let res = app
        .submit(&rudi, &post, &format!("/posts/{id}/vote"), &[("up", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .submit(
            &rudi,
            &post,
            &format!("/posts/{id}/comments"),
            &[("body", "Küche, zweiter Stock.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&maria, app.url(&post)).await;
    assert_eq!(texts(&html, "#question-votes .votes"), ["1 Stimme"]);
    let answer_id: i64 = {
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("article.comment").unwrap();
        doc.select(&sel)
            .next()
            .unwrap()
            .value()
            .id()
            .unwrap()
            .trim_start_matches("comment-")
            .parse()
            .unwrap()
    };
    let res = app
        .submit(
            &maria,
            &post,
            &format!("/posts/{id}/accept"),
            &[("comment_id", &answer_id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&rudi, app.url(&post)).await;
    assert_eq!(texts(&html, "#accepted-answer"), ["accepted answer"]);
    let waiting = page(&rudi, app.url(&format!("/c/{slug}/qa?unanswered=1"))).await;
    assert!(texts(&waiting, "#questions h2").is_empty());
}
