//! The OpenAPI document is the contract every integration is written against. schemathesis — a
//! client nobody here wrote, driven by the document alone — calls every operation of the demo
//! company as its administrator, with examples it derives and mutates, and checks that the
//! server never fails and answers only the statuses, media types and bodies the document names.
//! `scripts/test.sh` installs it into a virtual environment and points
//! `ALLMENDE_TEST_SCHEMATHESIS` at it.

use allmende::people::service::find_by_uid;

use crate::on_both_backends;
use crate::support::TestApp;

fn schemathesis() -> String {
    std::env::var("ALLMENDE_TEST_SCHEMATHESIS").unwrap_or_else(|_| "schemathesis".into())
}

on_both_backends!(the_api_answers_as_its_document_says);

async fn the_api_answers_as_its_document_says(app: TestApp) {
    app.demo_company().await;
    let admin = app
        .db
        .run(|c| find_by_uid(c, "admin"))
        .await
        .expect("the demo's administrator");
    let token = app.token(&admin).await;
    let document = app.url("/api/v1/openapi.json");
    let described: serde_json::Value = reqwest::get(&document)
        .await
        .expect("the document")
        .json()
        .await
        .expect("JSON");
    let operations: usize = described["paths"]
        .as_object()
        .expect("paths")
        .values()
        .map(|item| item.as_object().map_or(0, |methods| methods.len()))
        .sum();
    let report = app.dir.path().join("schemathesis");
    std::fs::create_dir_all(&report).expect("a directory for schemathesis");
    let run = actix_web::rt::task::spawn_blocking(move || {
        // Run where it may keep its cache: the test's own directory, not the clone.
        std::process::Command::new(schemathesis())
            .current_dir(&report)
            .args(["run", &document, "--header", &format!("Authorization: Bearer {token}")])
            .args([
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            .args(["--max-examples", "25", "--seed", "20261203", "--workers", "2"])
            .args(["--generation-database", "none", "--no-color", "--report-dir"])
            .arg(&report)
            .output()
    })
    .await
    .expect("the run's thread")
    .unwrap_or_else(|e| {
        panic!("cannot start schemathesis ({e}): run scripts/test.sh, or point ALLMENDE_TEST_SCHEMATHESIS at it")
    });
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "schemathesis found answers the document does not describe:\n{printed}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        printed.contains(&format!("Tested: {operations}\n")),
        "schemathesis did not test all {operations} operations:\n{printed}"
    );
}
