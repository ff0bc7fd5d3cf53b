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
    client.get(app.url("/login")).send().await.unwrap();
    let metrics = client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("allmende_http_requests_total"),
        "{metrics}"
    );
    assert!(
        metrics.contains("endpoint=\"/login\""),
        "requests are counted by route: {metrics}"
    );
    assert!(metrics.contains("allmende_http_requests_duration_seconds_bucket"));
    assert!(metrics.contains("allmende_db_pool_max_connections 4"));
}
