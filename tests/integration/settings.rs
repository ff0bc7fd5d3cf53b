//! Settings an administrator changes while Allmende runs (`/admin/settings`).

use allmende::config::LiveSettings;
use diesel::prelude::*;

use crate::on_both_backends;
use crate::support::{TestApp, page};

on_both_backends!(an_admin_changes_settings_that_apply_at_once);

fn row<'a>(html: &'a str, id: &str) -> &'a str {
    html.split(&format!("id=\"setting-{id}\""))
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap()
}

async fn an_admin_changes_settings_that_apply_at_once(app: TestApp) {
    let root = app.admin("root", "Rita Root").await;
    app.person("maria", "Maria Muster").await;
    let admin = app.signed_in("root", "en").await;
    let maria = app.signed_in("maria", "en").await;
    assert_eq!(
        maria.get(app.url("/admin/settings")).send().await.unwrap().status(),
        404
    );
    let refused = app
        .submit(&maria, "/settings", "/admin/settings/kpi.min_group", &[("value", "7")])
        .await;
    assert_eq!(refused.status(), 404, "only admins change settings");

    let html = page(&admin, app.url("/admin/settings")).await;
    assert!(row(&html, "kpi-min-group").contains("value=\"5\""), "{html}");
    assert!(!html.contains("database.url"), "only run-time settings are offered");

    // Raised: the KPI API, the privacy page and the settings page say so at once.
    let saved = app
        .submit(
            &admin,
            "/admin/settings",
            "/admin/settings/kpi.min_group",
            &[("value", "7")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let (status, kpis) = app.api(&app.token(&root).await).get("/api/v1/kpis").await;
    assert_eq!(status, 200, "{kpis}");
    assert_eq!(kpis["min_group"], 7);
    let html = page(&admin, app.url("/admin/settings")).await;
    let min_group = row(&html, "kpi-min-group");
    assert!(
        min_group.contains("value=\"7\"") && min_group.contains("Rita Root"),
        "{min_group}"
    );
    assert!(min_group.contains("id=\"reset-kpi-min-group\""), "{min_group}");

    // Below the works council's floor: refused on the form, naming the setting; nothing changes.
    let low = app
        .submit(
            &admin,
            "/admin/settings",
            "/admin/settings/kpi.min_group",
            &[("value", "4")],
        )
        .await;
    assert_eq!(low.status(), 422);
    let html = low.text().await.unwrap();
    assert!(html.contains("Smallest group in community figures"), "{html}");
    assert!(row(&html, "kpi-min-group").contains("value=\"7\""));
    for (key, value) in [
        ("kpi.min_group", "many"),
        ("privacy.departed_content", "shred"),
        ("privacy.retention_days", "0"),
    ] {
        let res = app
            .submit(
                &admin,
                "/admin/settings",
                &format!("/admin/settings/{key}"),
                &[("value", value)],
            )
            .await;
        assert_eq!(res.status(), 422, "{key} = {value}");
    }
    let unknown = app
        .submit(
            &admin,
            "/admin/settings",
            "/admin/settings/database.url",
            &[("value", "sqlite://x")],
        )
        .await;
    assert_eq!(unknown.status(), 404);

    // Project communities for admins only: Maria's next one is refused.
    let saved = app
        .submit(
            &admin,
            "/admin/settings",
            "/admin/settings/communities.create_project",
            &[("value", "admins")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let fields = [
        ("name", "Umzug"),
        ("slug", ""),
        ("kind", "project"),
        ("visibility", "public"),
        ("join_policy", "open"),
        ("description", ""),
    ];
    let denied = app.submit(&maria, "/communities/new", "/communities", &fields).await;
    assert_eq!(denied.status(), 403);

    app.submit(
        &admin,
        "/admin/settings",
        "/admin/settings/privacy.retention_days",
        &[("value", "30")],
    )
    .await;
    let privacy = page(&maria, app.url("/privacy")).await;
    assert!(privacy.contains("30 days"), "the privacy page follows: {privacy}");

    // Another node (its own settings over the same database) reads the changes.
    let other = LiveSettings::new(app.settings.clone());
    assert_eq!(other.get().kpi.min_group, 5);
    let o = other.clone();
    app.db.run(move |c| o.reload(c)).await.unwrap();
    assert_eq!(other.get().kpi.min_group, 7);
    assert_eq!(other.get().privacy.retention_days, 30);

    // Back to the file's value; every step is in the audit log with before and after.
    let reset = app
        .submit(
            &admin,
            "/admin/settings",
            "/admin/settings/kpi.min_group",
            &[("reset", "1")],
        )
        .await;
    assert_eq!(reset.status(), 303);
    let html = page(&admin, app.url("/admin/settings")).await;
    assert!(!html.contains("id=\"reset-kpi-min-group\""));
    assert!(row(&html, "kpi-min-group").contains("value=\"5\""));
    let audit: Vec<(String, String, String)> = app
        .query(|c| {
            use allmende::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::object_type.eq("setting"))
                .order(audit_log::id)
                .select((audit_log::action, audit_log::object_id, audit_log::details))
                .load(c)
        })
        .await;
    let seen: Vec<(&str, &str)> = audit.iter().map(|a| (a.0.as_str(), a.1.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("settings.change", "kpi.min_group"),
            ("settings.change", "communities.create_project"),
            ("settings.change", "privacy.retention_days"),
            ("settings.reset", "kpi.min_group"),
        ]
    );
    let first: serde_json::Value = serde_json::from_str(&audit[0].2).unwrap();
    assert_eq!(first, serde_json::json!({"from": 5, "to": 7}));
}
