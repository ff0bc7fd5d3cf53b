//! Mail transport: a test mail through a real SMTP server (aiosmtpd) that stores what it
//! receives, refusals told apart, the file transport, and the password from the environment.

use std::process::{Command, Output};

use crate::support::SmtpSink;

fn mail_test(env: &[(&str, String)], to: &str, lang: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allmende"));
    cmd.args(["mail", "test", "--to", to, "--lang", lang]).env(
        "ALLMENDE__DATABASE__URL",
        format!("sqlite://{}", dir.path().join("m.db").display()),
    );
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn smtp_env(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("ALLMENDE__MAIL__TRANSPORT", "smtp".into()),
        ("ALLMENDE__MAIL__SMTP__HOST", "127.0.0.1".into()),
        ("ALLMENDE__MAIL__SMTP__PORT", sink.port.to_string()),
    ]
}

/// Quoted-printable soft breaks and escapes undone, so that tests can read the parts.
fn readable(raw: &str) -> String {
    let bytes = raw.replace("=\r\n", "").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_test_mail_reaches_a_real_smtp_server_in_the_chosen_language() {
    let sink = SmtpSink::start();
    let out = mail_test(&smtp_env(&sink), "maria@beispiel.de", "de");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = mail_test(&smtp_env(&sink), "john@example.com", "en");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let messages = sink.messages();
    assert_eq!(messages.len(), 2);
    let (de, en) = (readable(&messages[0]), readable(&messages[1]));
    for (m, to) in [(&de, "maria@beispiel.de"), (&en, "john@example.com")] {
        assert!(m.contains(&format!("X-RcptTo: {to}")), "{m}");
        assert!(m.contains("From: Allmende <allmende@intranet.example>"), "{m}");
        assert!(m.contains("Message-ID: <") && m.contains("Date: "), "{m}");
        assert!(m.contains("multipart/alternative"), "{m}");
        assert!(m.contains("text/plain") && m.contains("text/html"), "{m}");
        assert!(
            !m.contains("<img") && !m.contains("<link"),
            "no external images or fonts"
        );
    }
    assert!(de.contains("Subject: Allmende-Testmail"), "{de}");
    assert!(
        de.contains("Diese Nachricht ging über den Transport smtp hinaus."),
        "{de}"
    );
    assert!(en.contains("Subject: Allmende test mail"), "{en}");
    assert!(en.contains("sent through the smtp transport"), "{en}");
}

#[test]
fn refusals_are_told_apart_and_name_no_password() {
    let sink = SmtpSink::start();
    let out = mail_test(&smtp_env(&sink), "reject-me@beispiel.de", "en");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("permanent"), "{said}");
    let out = mail_test(&smtp_env(&sink), "tempfail@beispiel.de", "en");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("temporary"), "{said}");
    assert!(sink.messages().is_empty());

    // With a user name the password must come from the environment, and is never printed.
    let mut env = smtp_env(&sink);
    env.push(("ALLMENDE__MAIL__SMTP__USERNAME", "allmende".into()));
    env.push(("ALLMENDE__MAIL__SMTP__PASSWORD_ENV", "ALLMENDE_TEST_SMTP_SECRET".into()));
    let out = mail_test(&env, "maria@beispiel.de", "en");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && said.contains("ALLMENDE_TEST_SMTP_SECRET is not set"),
        "{said}"
    );
}

#[test]
fn the_file_transport_writes_eml_files_into_the_outbox() {
    let outbox = tempfile::tempdir().unwrap();
    let env = vec![
        ("ALLMENDE__MAIL__TRANSPORT", "file".to_string()),
        ("ALLMENDE__MAIL__OUTBOX_DIR", outbox.path().display().to_string()),
    ];
    let out = mail_test(&env, "maria@beispiel.de", "de");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files: Vec<_> = std::fs::read_dir(outbox.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let mail = readable(&std::fs::read_to_string(&files[0]).unwrap());
    assert!(
        mail.contains("Subject: Allmende-Testmail") && mail.contains("To: maria@beispiel.de"),
        "{mail}"
    );
}
