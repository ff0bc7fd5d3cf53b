//! The `active-directory` preset against entries shaped like Active Directory's (binary
//! objectGUID, sAMAccountName, userAccountControl, accountExpires, department), served by slapd
//! with those attributes in its schema.

use allmende::config::Preset;
use allmende::db::schema::people;
use base64::Engine;
use diesel::prelude::*;

use crate::directory::{blocking, sync};
use crate::on_both_backends;
use crate::slapd::{BASE_DN, SERVICE_DN, SERVICE_PASSWORD, Slapd};
use crate::support::{TestApp, spawn_app_with};

const PASSWORD: &str = "Winter-2026-sicher";

/// One AD user: (CN, sAMAccountName, objectGUID bytes, department, manager's CN,
/// userAccountControl, accountExpires).
type User = (
    &'static str,
    &'static str,
    [u8; 16],
    &'static str,
    Option<&'static str>,
    u32,
    i64,
);

const NEVER: i64 = i64::MAX;

fn users() -> Vec<User> {
    vec![
        // Its GUID's bytes are valid UTF-8, so ldap3 hands them over as text.
        (
            "Vorstand\\, Anna",
            "avorstand",
            std::array::from_fn(|i| i as u8),
            "Geschäftsführung",
            None,
            512,
            NEVER,
        ),
        (
            "Weiß\\, Karin",
            "kweiss",
            [0xfe; 16],
            "Einkauf",
            Some("Vorstand\\, Anna"),
            512,
            0,
        ),
        (
            "Neu\\, Nina",
            "nneu",
            [0xf1; 16],
            "Einkauf",
            Some("Weiß\\, Karin"),
            512,
            NEVER,
        ),
        // Disabled: userAccountControl has the ACCOUNTDISABLE bit (2).
        (
            "Müller\\, Jürgen",
            "jmueller",
            [0xc0; 16],
            "Einkauf",
            Some("Weiß\\, Karin"),
            514,
            NEVER,
        ),
        // Expired in 2012 (a FILETIME).
        (
            "Alt\\, Otto",
            "oalt",
            [0xaa; 16],
            "Einkauf",
            Some("Weiß\\, Karin"),
            512,
            130_000_000_000_000_000,
        ),
    ]
}

fn dn(cn: &str) -> String {
    format!("CN={cn},OU=Staff,{BASE_DN}")
}

fn ldif() -> String {
    let mut out = format!("dn: OU=Staff,{BASE_DN}\nobjectClass: organizationalUnit\nou: Staff\n\n");
    for (cn, sam, guid, department, manager, uac, expires) in users() {
        let (sn, given) = cn.split_once("\\, ").unwrap();
        out += &format!(
            "dn: {}\nobjectClass: adUser\ncn: {given} {sn}\nsn: {sn}\ngivenName: {given}\n\
             sAMAccountName: {sam}\nuserPrincipalName: {sam}@corp.example.org\n\
             objectGUID:: {}\ndepartment: {department}\nuserAccountControl: {uac}\naccountExpires: {expires}\n\
             userPassword: {PASSWORD}\n",
            dn(cn),
            base64::engine::general_purpose::STANDARD.encode(guid),
        );
        if let Some(m) = manager {
            out += &format!("manager: {}\n", dn(m));
        }
        out += "\n";
    }
    out
}

on_both_backends!(an_active_directory_is_followed);

async fn an_active_directory_is_followed(app: TestApp) {
    let slapd = blocking(|| Slapd::start(&ldif())).await;
    let url = slapd.url();
    let app = spawn_app_with(app.backend, move |s| {
        s.ldap.url = url;
        s.ldap.bind_dn = SERVICE_DN.into();
        s.ldap.bind_password = SERVICE_PASSWORD.into();
        s.ldap.preset = Preset::ActiveDirectory;
        s.ldap.user_base = format!("OU=Staff,{BASE_DN}");
        s.ldap.user_filter = "(objectClass=adUser)".into();
    })
    .await;
    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    assert_eq!((report.created, report.skipped), (5, 0), "{report:?}");

    let people: Vec<(String, String, bool, Option<i64>)> = app
        .query(|c| {
            people::table
                .filter(people::source.eq("directory"))
                .order(people::uid)
                .select((
                    people::uid,
                    people::external_id.assume_not_null(),
                    people::active,
                    people::manager_id,
                ))
                .load(c)
        })
        .await;
    let by_uid = |uid: &str| people.iter().find(|p| p.0 == uid).unwrap().clone();
    assert_eq!(
        by_uid("avorstand").1,
        "03020100-0504-0706-0809-0a0b0c0d0e0f",
        "objectGUID rendered as a GUID, the first three groups little-endian"
    );
    assert_eq!(by_uid("kweiss").1, "fefefefe-fefe-fefe-fefe-fefefefefefe");
    assert!(by_uid("kweiss").2 && by_uid("nneu").2);
    assert!(!by_uid("jmueller").2, "disabled in AD");
    assert!(!by_uid("oalt").2, "expired in AD");
    let ids: Vec<i64> = people.iter().map(|p| p.3.unwrap_or(0)).collect();
    assert!(
        ids.iter().filter(|&&m| m != 0).count() == 4,
        "managers from DNs with escaped commas"
    );

    // Einkauf's community, managed by its head (the manager chain: Karin, whom Nina reports to).
    let managers = app.managers_of("einkauf").await;
    assert_eq!(managers, vec!["kweiss"]);

    // Sign-in by sAMAccountName or user principal name; not for the disabled.
    for login in ["kweiss", "kweiss@corp.example.org"] {
        assert_eq!(
            app.login(&app.browser("de"), login, PASSWORD).await.status(),
            303,
            "{login}"
        );
    }
    assert_eq!(app.login(&app.browser("de"), "jmueller", PASSWORD).await.status(), 401);

    let again = sync(&app).await;
    assert_eq!((again.unchanged, again.updated, again.created), (5, 0, 0), "{again:?}");
}
