//! Digest preferences: how often and when, in which language and zone, which communities not.

use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(people_choose_their_digest_and_bad_choices_change_nothing);

async fn people_choose_their_digest_and_bad_choices_change_nothing(app: TestApp) {
    let maria = app.person("maria", "Maria Muster").await;
    let maria = app.api(&app.token(&maria).await);
    let olga = app.person("olga", "Olga Owner").await;
    let olga = app.api(&app.token(&olga).await);
    let (_, mine) = maria
        .post("/api/v1/communities", json!({"name": "Laufgruppe", "kind": "interest"}))
        .await;
    let (_, theirs) = olga
        .post("/api/v1/communities", json!({"name": "Chor", "kind": "interest"}))
        .await;
    let (status, prefs) = maria.get("/api/v1/me/preferences").await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            prefs["digest"].as_str(),
            prefs["digest_weekday"].as_i64(),
            prefs["digest_hour"].as_i64()
        ),
        (Some("weekly"), Some(1), Some(8)),
        "weekly on Monday at eight until chosen"
    );
    assert_eq!(prefs["has_email"], true);
    assert_eq!(prefs["timezone"], app.settings.i18n.default_timezone.name());

    let chosen = json!({
        "digest": "daily", "digest_weekday": 3, "digest_hour": 7,
        "timezone": "America/New_York", "language": "en", "muted": [mine["slug"]],
    });
    let (status, prefs) = maria.put("/api/v1/me/preferences", chosen.clone()).await;
    assert_eq!(status, 200, "{prefs}");
    assert_eq!(
        (
            prefs["digest"].as_str(),
            prefs["digest_hour"].as_i64(),
            prefs["timezone"].as_str(),
            prefs["language"].as_str()
        ),
        (Some("daily"), Some(7), Some("America/New_York"), Some("en"))
    );
    assert_eq!(prefs["muted"], json!([mine["slug"]]));

    let with = |k: &str, v: serde_json::Value| {
        let mut b = chosen.clone();
        b[k] = v;
        b
    };
    for (body, status, reason) in [
        (with("digest_hour", json!(24)), 422, Some("out-of-range")),
        (with("digest_weekday", json!(0)), 422, Some("out-of-range")),
        (with("timezone", json!("Mars/Olympus")), 422, Some("unknown-value")),
        (with("language", json!("fr")), 422, Some("unknown-value")),
        (with("muted", json!([theirs["slug"]])), 422, Some("not-member")),
        (with("muted", json!(["gibt-es-nicht"])), 422, Some("unknown-value")),
        (with("digest", json!("hourly")), 400, None),
    ] {
        let (got, e) = maria.put("/api/v1/me/preferences", body.clone()).await;
        assert_eq!((got, e["reason"].as_str()), (status, reason), "{body}: {e}");
    }
    let (_, kept) = maria.get("/api/v1/me/preferences").await;
    assert_eq!(kept, prefs, "a refused change keeps what was saved");
}
