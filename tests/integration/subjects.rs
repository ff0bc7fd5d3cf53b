//! What a viewer may see of many subjects at once (`subjects::visible::shown_to`) says the same
//! as loading each one through its own policy, and names it as its page does.

use diesel::prelude::*;
use serde_json::json;

use allmende::db::models::Person;
use allmende::subjects::Subject;
use allmende::subjects::visible::shown_to;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(meetings_and_newsletters_are_shown_to_whom_their_policies_let_read_them);

async fn meetings_and_newsletters_are_shown_to_whom_their_policies_let_read_them(app: TestApp) {
    let hanna = app.person("hanna", "Hanna Head").await;
    let anke = app.person("anke", "Anke Angestellt").await;
    let olga = app.person("olga", "Olga Owner").await;
    let xaver = app.person("xaver", "Xaver Extern").await;
    app.department("Vertrieb", &[hanna.id, anke.id]).await;
    let (hanna_api, olga_api) = (app.api(&app.token(&hanna).await), app.api(&app.token(&olga).await));

    let (status, c) = olga_api
        .post(
            "/api/v1/communities",
            json!({"name": "Projekt Apfel", "kind": "project", "visibility": "private", "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let (status, meeting) = olga_api
        .post(
            "/api/v1/communities/projekt-apfel/meetings",
            json!({"title": "Planung", "starts_at": "2031-03-04T10:00", "ends_at": "2031-03-04T11:00",
                   "time_zone": "Europe/Berlin"}),
        )
        .await;
    assert_eq!(status, 201, "{meeting}");
    let mut newsletters = Vec::new();
    for subject in ["Vertrieb im November", "Vertrieb im Dezember"] {
        let (status, issue) = hanna_api
            .post(
                "/api/v1/communities/vertrieb/newsletters",
                json!({"subject": subject, "body": "Drei neue Kunden."}),
            )
            .await;
        assert_eq!(status, 201, "{issue}");
        newsletters.push(issue["id"].as_i64().unwrap());
    }
    let (sent, draft) = (newsletters[0], newsletters[1]);
    app.query(move |c| {
        use allmende::db::schema::newsletters;
        diesel::update(newsletters::table.find(sent))
            .set(newsletters::state.eq("sent"))
            .execute(c)
    })
    .await;
    let subjects = vec![
        Subject::Meeting(meeting["id"].as_i64().unwrap()),
        Subject::Newsletter(sent),
        Subject::Newsletter(draft),
    ];

    let shown = |viewer: Person| {
        let subjects = subjects.clone();
        app.query(move |c| {
            let shown =
                shown_to(c, &viewer, &subjects).map_err(|e| diesel::result::Error::QueryBuilderError(e.into()))?;
            let mut titles: Vec<String> = subjects
                .iter()
                .filter_map(|s| shown.get(s))
                .map(|s| s.title.clone().unwrap_or_default())
                .collect();
            titles.sort();
            Ok(titles)
        })
    };
    // A department's archive is open to everyone who may read the department; drafts are not.
    let sent_issue = "Vertrieb im November".to_string();
    assert_eq!(
        shown(olga.clone()).await,
        vec!["Planung".to_string(), sent_issue.clone()]
    );
    assert_eq!(shown(anke.clone()).await, vec![sent_issue.clone()]);
    assert_eq!(
        shown(xaver.clone()).await,
        vec![sent_issue],
        "not the meeting of a private project"
    );

    // The batch agrees with the policies that load one at a time (editors aside: a head's
    // drafts are hers to open, not to be listed across communities).
    for viewer in [anke, olga, xaver] {
        let (subjects, viewer) = (subjects.clone(), viewer.clone());
        let disagree: Vec<Subject> = app
            .query(move |c| {
                let shown =
                    shown_to(c, &viewer, &subjects).map_err(|e| diesel::result::Error::QueryBuilderError(e.into()))?;
                Ok(subjects
                    .iter()
                    .copied()
                    .filter(|s| {
                        let readable = match *s {
                            Subject::Meeting(id) => allmende::meetings::policy::load_meeting(c, &viewer, id).is_ok(),
                            Subject::Newsletter(id) => allmende::newsletters::policy::load(c, &viewer, id).is_ok(),
                            _ => unreachable!(),
                        };
                        readable != shown.contains_key(s)
                    })
                    .collect())
            })
            .await;
        assert!(disagree.is_empty(), "{disagree:?}");
    }
}
