use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(probes_and_metrics_answer);

async fn probes_and_metrics_answer(app: TestApp) {
    let client = reqwest::Client::new();
    let health = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(
        health.headers().contains_key("x-request-id"),
        "every response carries a request id"
    );

    let ready = client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);

    // A request to a page route, so the per-route counters have something to show.
    let login = client.get(app.url("/login")).send().await.unwrap();
    let csp = login.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(login.headers()["x-content-type-options"], "nosniff");
    let metrics = crate::support::page(&client, app.url("/metrics")).await;
    assert!(metrics.contains("allmende_http_requests_total"), "{metrics}");
    assert!(
        metrics.contains("endpoint=\"/login\""),
        "requests are counted by route: {metrics}"
    );
    assert!(metrics.contains("allmende_http_requests_duration_seconds_bucket"));
    assert!(metrics.contains("allmende_db_pool_max_connections 4"));
}

#[actix_web::test]
async fn readiness_fails_while_the_database_is_gone() {
    let app = crate::support::spawn_app_with(crate::support::Backend::Postgres, |s| {
        s.database.pool_timeout_seconds = 1;
    })
    .await;
    let client = reqwest::Client::new();
    assert_eq!(client.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    let url = url::Url::parse(&app.settings.database.url).unwrap();
    let name = url.path().trim_start_matches('/').to_string();
    {
        use diesel::prelude::*;
        let mut admin = diesel::PgConnection::establish(&crate::support::pg_admin_url()).unwrap();
        diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(&mut admin)
            .unwrap();
    }
    let res = client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(
        client.get(app.url("/healthz")).send().await.unwrap().status(),
        200,
        "the process itself is fine"
    );
    let page = client.get(app.url("/login")).send().await.unwrap();
    assert!(page.status().is_success(), "pages that need no database still answer");
}

#[actix_web::test]
async fn sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout() {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Value {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let app = crate::support::spawn_app(crate::support::Backend::Sqlite).await;
    let pragma = |name: &'static str, column: &'static str| {
        app.query(move |c| {
            diesel::sql_query(format!("SELECT CAST({column} AS TEXT) AS value FROM pragma_{name}"))
                .get_result::<Value>(c)
        })
    };
    assert_eq!(pragma("journal_mode", "journal_mode").await.value, "wal");
    assert_eq!(pragma("foreign_keys", "foreign_keys").await.value, "1");
    assert_eq!(
        pragma("busy_timeout", "timeout").await.value,
        app.settings.database.sqlite_busy_timeout_ms.to_string()
    );
}

on_both_backends!(a_backup_restores_into_a_new_database_that_serves_it);

/// The README's backup and restore procedure: `scripts/backup.sh` while the server runs, then
/// `scripts/restore.sh` into a new database, and a server started on it has the content.
async fn a_backup_restores_into_a_new_database_that_serves_it(app: TestApp) {
    use serde_json::json;
    let anna = app.person("anna", "Anna Ahorn").await;
    let token = app.token(&anna).await;
    let api = app.api(&token);
    let (status, c) = api
        .post(
            "/api/v1/communities",
            json!({"name": "Sicherungskreis", "kind": "interest", "visibility": "public", "join_policy": "open"}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    let (status, post) = api
        .post(
            "/api/v1/communities/sicherungskreis/posts",
            json!({"title": "Vor der Sicherung", "body": "Das muss wiederkommen."}),
        )
        .await;
    assert_eq!(status, 201, "{post}");
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("allmende.backup");
    let (restored, _pg) = match app.backend {
        crate::support::Backend::Sqlite => (format!("sqlite://{}", dir.path().join("restored.db").display()), None),
        crate::support::Backend::Postgres => {
            let pg = crate::support::PgDatabase::empty();
            (pg.url.clone(), Some(pg))
        }
    };
    let script = |args: Vec<String>| {
        let out = std::process::Command::new("bash").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let source = app.settings.database.url.clone();
    let b = backup.display().to_string();
    let (s, r) = (source.clone(), restored.clone());
    let (b1, b2) = (b.clone(), b.clone());
    tokio::task::spawn_blocking(move || {
        script(vec!["scripts/backup.sh".into(), s, b1]);
        script(vec!["scripts/restore.sh".into(), b2, r]);
    })
    .await
    .unwrap();
    let restored_app = crate::support::spawn_app_with(app.backend, move |s| s.database.url = restored).await;
    let (status, found) = restored_app
        .api(&token)
        .get("/api/v1/communities/sicherungskreis/posts")
        .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["items"][0]["title"], "Vor der Sicherung", "{found}");
}
