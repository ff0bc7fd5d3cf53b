//! The directory sync and sign-in against a real slapd, on both databases.

use allmende::db::schema::{audit_log, communities, departments, memberships, people};
use allmende::directory::SyncReport;
use allmende::directory::sync::{Observer, SyncOptions};
use diesel::prelude::*;
use ldap3::Mod;

use crate::directory_fixture::{self as fixture, company};
use crate::on_both_backends;
use crate::slapd::{BASE_DN, SERVICE_DN, SERVICE_PASSWORD, SIZE_LIMIT, Slapd};
use crate::support::{Backend, TestApp, spawn_app_with};

/// More people than one page and than the service account's size limit.
const PEOPLE: usize = 620;

pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

async fn directory_app(backend: Backend, people: usize) -> (TestApp, Slapd) {
    // Either past the size limit (the paging matters) or small and quick.
    assert!(!(100..=SIZE_LIMIT).contains(&people));
    let slapd = blocking(move || Slapd::start(&company(people))).await;
    let url = slapd.url();
    let app = spawn_app_with(backend, move |s| {
        s.ldap.url = url;
        s.ldap.bind_dn = SERVICE_DN.into();
        s.ldap.bind_password = SERVICE_PASSWORD.into();
        s.ldap.user_base = format!("ou=people,{BASE_DN}");
        s.ldap.group_base = format!("ou=groups,{BASE_DN}");
        s.ldap.operation_timeout_seconds = 10;
        s.ldap.connect_timeout_seconds = 2;
    })
    .await;
    (app, slapd)
}

async fn sync_with(
    app: &TestApp,
    dry_run: bool,
    force: bool,
    mut observer: impl Observer + Send + 'static,
) -> SyncReport {
    let pool = app.db.pool().clone();
    let settings = app.settings.ldap.clone();
    blocking(move || {
        let options = SyncOptions {
            dry_run,
            force,
            started_by: "test".into(),
        };
        allmende::directory::sync::run(&pool, &settings, &options, &mut observer).expect("sync runs")
    })
    .await
}

pub(crate) async fn sync(app: &TestApp) -> SyncReport {
    sync_with(app, false, false, ()).await
}

async fn directory_people(app: &TestApp) -> (i64, i64) {
    app.query(|c| {
        let all = people::table
            .filter(people::source.eq("directory"))
            .count()
            .get_result::<i64>(c)?;
        let active = people::table
            .filter(people::source.eq("directory"))
            .filter(people::active.eq(true))
            .count()
            .get_result(c)?;
        Ok((all, active))
    })
    .await
}

/// Moves an entry under another OU; it keeps its id (entryUUID), as with HR tools.
fn move_entry(conn: &mut ldap3::LdapConn, dn: &str, rdn: &str, ou: &str) {
    conn.modifydn(dn, rdn, true, Some(&format!("ou={ou},{BASE_DN}")))
        .unwrap()
        .success()
        .unwrap();
}

/// Changes the directory as its administrator.
async fn change(slapd: &Slapd, f: impl FnOnce(&mut ldap3::LdapConn) + Send + 'static) {
    let url = slapd.url();
    blocking(move || f(&mut Slapd::admin(&url))).await;
}

on_both_backends!(
    the_first_sync_brings_in_everyone_and_a_second_changes_nothing,
    renames_moves_and_department_changes_keep_the_person,
    people_who_leave_are_deactivated_and_come_back,
    the_guard_refuses_a_directory_that_lost_a_third,
    a_directory_that_fails_mid_run_changes_nothing,
    sign_in_with_the_directory_password,
);

async fn the_first_sync_brings_in_everyone_and_a_second_changes_nothing(app: TestApp) {
    let (app, _slapd) = directory_app(app.backend, PEOPLE).await;

    let dry = sync_with(&app, true, false, ()).await;
    assert!(!dry.aborted, "{:?}", dry.reason);
    assert_eq!(dry.created, PEOPLE as u64);
    assert_eq!(directory_people(&app).await, (0, 0), "a dry run changes nothing");

    let first = sync(&app).await;
    assert!(!first.aborted, "{:?}", first.reason);
    assert_eq!(
        first.entries_read, PEOPLE as u64,
        "paging reads past the size limit of {SIZE_LIMIT}"
    );
    assert_eq!((first.created, first.updated, first.deactivated), (PEOPLE as u64, 0, 0));
    assert_eq!(first.departments_created, fixture::DEPARTMENTS.len() as u64);
    assert_eq!(first.communities_created, fixture::DEPARTMENTS.len() as u64);
    assert_eq!(directory_people(&app).await, (PEOPLE as i64, PEOPLE as i64));

    // Department communities with the head as manager; one person heads two departments.
    let heads: Vec<(String, String)> = app
        .query(|c| {
            communities::table
                .inner_join(memberships::table.inner_join(people::table))
                .filter(communities::kind.eq("department"))
                .filter(memberships::role.eq("manager"))
                .select((communities::name, people::uid))
                .order(communities::name)
                .load(c)
        })
        .await;
    let expect: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = fixture::DEPARTMENTS
            .iter()
            .enumerate()
            .map(|(d, (_, name))| (name.to_string(), fixture::uid(fixture::head_of_department(d))))
            .collect();
        v.sort();
        v
    };
    assert_eq!(heads, expect);
    assert_eq!(
        heads
            .iter()
            .filter(|(_, uid)| uid == fixture::TWO_DEPARTMENT_HEAD)
            .count(),
        2
    );

    let admin = app.admin("root", "Root Admin").await;
    let api = app.api(&app.token(&admin).await);
    let (_, sales) = api.get("/api/v1/communities/vertrieb/members?limit=200").await;
    let in_sales = (0..PEOPLE).filter(|i| fixture::departments_of(*i).contains(&1)).count();
    assert_eq!(sales["total"], in_sales as i64);
    let (_, listed) = api.get("/api/v1/people?department=Vertrieb&limit=1").await;
    assert_eq!(listed["total"], in_sales as i64, "filter by department name");
    let (_, listed) = api.get("/api/v1/people?department=D20&limit=1").await;
    assert_eq!(listed["total"], in_sales as i64, "… or by its key");
    let (_, listed) = api.get("/api/v1/people?q=p0005").await;
    let head = &listed["items"][0];
    assert_eq!(
        head["departments"],
        serde_json::json!(["Einkauf & Logistik", "Qualitätssicherung"])
    );
    assert_eq!(head["manager_uid"], "p0000");
    assert_eq!(head["active"], true);
    let (_, person) = api.get("/api/v1/people/p0012").await;
    assert!(person["email"].is_null(), "people without mail are fine: {person}");
    // p0037's DN has a comma in it, and so has their manager's (p0002).
    let (_, person) = api.get("/api/v1/people/p0037").await;
    assert_eq!(person["display_name"], "Mehmet Fuß");
    assert_eq!(person["manager"]["uid"], fixture::uid(fixture::manager_of(37).unwrap()));
    assert_eq!(person["manager"]["uid"], "p0002");
    assert_eq!(person["phone"], "+49 30 555 0037");
    let root = app.signed_in("root", "de").await;
    let page = crate::support::page(&root, app.url("/people/p0037")).await;
    let facts = crate::support::texts(&page, "dl.facts dd");
    assert!(facts.contains(&"+49 30 555 0037".to_string()), "{facts:?}");
    assert!(crate::support::texts(&page, "dl.facts dt").contains(&"Telefon".to_string()));

    let again = sync(&app).await;
    assert_eq!(
        (
            again.created,
            again.updated,
            again.moved,
            again.deactivated,
            again.reactivated,
            again.unchanged
        ),
        (0, 0, 0, 0, 0, PEOPLE as u64)
    );
    assert_eq!(again.departments_created, 0);
}

async fn renames_moves_and_department_changes_keep_the_person(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, PEOPLE).await;
    sync(&app).await;
    let before: (i64, String) = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0042"))
                .select((people::id, people::display_name))
                .first(c)
        })
        .await;
    // Their content: a community they started.
    let id = before.0;
    let person = app
        .query(move |c| {
            people::table
                .find(id)
                .select(allmende::db::models::Person::as_select())
                .first(c)
        })
        .await;
    let api = app.api(&app.token(&person).await);
    let (status, _) = api
        .post(
            "/api/v1/communities",
            serde_json::json!({"name": "Kochclub", "kind": "interest"}),
        )
        .await;
    assert_eq!(status, 201);

    change(&slapd, |conn| {
        // Renamed and moved in the tree: a new DN, the same entry.
        move_entry(conn, &fixture::dn(42), "uid=p0042-neu", "services");
        let new = format!("uid=p0042-neu,ou=services,{BASE_DN}");
        let mods = vec![
            Mod::Replace("displayName", ["Jörg Groß-Weiß"].into()),
            Mod::Replace("mail", ["joerg.gross@beispiel.de"].into()),
            Mod::Replace("departmentNumber", ["D50"].into()),
            Mod::Replace("ou", ["Finanzen"].into()),
        ];
        conn.modify(&new, mods).unwrap().success().unwrap();
    })
    .await;
    // The move took them out of the search base; put the base where they are now as well.
    let mut app = app;
    app.settings.ldap.user_base = BASE_DN.into();
    app.settings.ldap.user_filter = "(objectClass=inetOrgPerson)".into();

    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    assert_eq!(
        (report.created, report.updated, report.moved, report.deactivated),
        (0, 1, 1, 0)
    );
    let after: (i64, String, Option<String>, bool) = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0042-neu"))
                .select((people::id, people::display_name, people::email, people::active))
                .first(c)
        })
        .await;
    assert_eq!(after.0, before.0, "the same person");
    assert_eq!(after.1, "Jörg Groß-Weiß");
    assert_eq!(after.2.as_deref(), Some("joerg.gross@beispiel.de"));
    assert!(after.3);
    let (_, kochclub) = api.get("/api/v1/communities/kochclub").await;
    assert_eq!(kochclub["my_role"], "manager", "their community is still theirs");
    let (_, finance) = api.get("/api/v1/communities/finanzen").await;
    assert_eq!(finance["my_state"], "active", "joined the new department's community");

    // A field an administrator locked is not overwritten.
    app.query(|c| {
        diesel::update(people::table.filter(people::uid.eq("p0043")))
            .set(people::locked_fields.eq("title"))
            .execute(c)
    })
    .await;
    change(&slapd, |conn| {
        conn.modify(&fixture::dn(43), vec![Mod::Replace("title", ["Vorstand"].into())])
            .unwrap()
            .success()
            .unwrap();
    })
    .await;
    let report = sync(&app).await;
    assert_eq!(report.updated, 0);
    let title: Option<String> = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0043"))
                .select(people::title)
                .first(c)
        })
        .await;
    assert_eq!(title.as_deref(), Some("Sachbearbeitung"));

    // A new manager, and no manager at all.
    change(&slapd, |conn| {
        let manager = fixture::dn(3);
        conn.modify(
            &fixture::dn(44),
            vec![Mod::Replace("manager", [manager.as_str()].into())],
        )
        .unwrap()
        .success()
        .unwrap();
        conn.modify(&fixture::dn(45), vec![Mod::Delete("manager", Default::default())])
            .unwrap()
            .success()
            .unwrap();
    })
    .await;
    let report = sync(&app).await;
    assert_eq!(report.updated, 2, "{report:?}");
    for (uid, manager) in [
        ("p0044", serde_json::json!("p0003")),
        ("p0045", serde_json::Value::Null),
    ] {
        let (_, person) = api.get(&format!("/api/v1/people/{uid}")).await;
        assert_eq!(person["manager_uid"], manager, "{uid}");
    }

    let logged: Vec<String> = app
        .query(|c| {
            audit_log::table
                .filter(audit_log::action.eq("directory.updated"))
                .select(audit_log::details)
                .load(c)
        })
        .await;
    assert!(
        logged
            .iter()
            .any(|d| d.contains("\"uid\":[\"p0042\",\"p0042-neu\"]") && d.contains("\"run\"")),
        "{logged:?}"
    );
}

async fn people_who_leave_are_deactivated_and_come_back(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, PEOPLE).await;
    sync(&app).await;
    // Leaving: moved out of the people subtree (as HR tools do), so the entry keeps its id.
    change(&slapd, |conn| {
        move_entry(conn, &fixture::dn(100), "uid=p0100", "services");
    })
    .await;
    let left = sync(&app).await;
    assert_eq!((left.deactivated, left.unchanged), (1, PEOPLE as u64 - 1));
    let client = app.browser("en");
    assert_eq!(
        app.login(&client, "p0100", &fixture::password("p0100")).await.status(),
        401,
        "former employees cannot sign in"
    );
    let (_, profile) = app
        .api(&app.token(&app.admin("root", "Root").await).await)
        .get("/api/v1/people/p0100")
        .await;
    assert_eq!(profile["active"], false, "but they are still known");
    let api = app.api(&app.token(&app.admin("root2", "Root Zwei").await).await);
    let (_, former) = api.get("/api/v1/people?active=false").await;
    assert_eq!(former["items"][0]["uid"], "p0100");
    assert_eq!(former["total"], 1);
    let (_, everyone) = api.get("/api/v1/people?active=all&limit=1").await;
    assert_eq!(everyone["total"], PEOPLE as i64 + 2);
    let (status, _) = api.get("/api/v1/people?active=maybe").await;
    assert_eq!(status, 422);

    change(&slapd, |conn| {
        move_entry(conn, &format!("uid=p0100,ou=services,{BASE_DN}"), "uid=p0100", "people");
    })
    .await;
    let back = sync(&app).await;
    assert_eq!(back.reactivated, 1);
    assert_eq!(
        app.login(&client, "p0100", &fixture::password("p0100")).await.status(),
        303
    );

    // An administrator's deactivation stands.
    app.query(|c| {
        diesel::update(people::table.filter(people::uid.eq("p0101")))
            .set((people::active.eq(false), people::deactivated_by_admin.eq(true)))
            .execute(c)
    })
    .await;
    let report = sync(&app).await;
    assert_eq!(report.reactivated, 0);
    let active: bool = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0101"))
                .select(people::active)
                .first(c)
        })
        .await;
    assert!(!active);
}

async fn the_guard_refuses_a_directory_that_lost_a_third(app: TestApp) {
    let (mut app, slapd) = directory_app(app.backend, PEOPLE).await;
    sync(&app).await;
    // A filter that suddenly matches 30 % fewer people (someone edited the configuration).
    let filter = std::mem::replace(
        &mut app.settings.ldap.user_filter,
        "(&(objectClass=inetOrgPerson)(!(|(departmentNumber=D20)(departmentNumber=D30))))".into(),
    );
    let refused = sync(&app).await;
    assert!(refused.aborted, "{refused:?}");
    let excluded = (0..PEOPLE)
        .filter(|i| fixture::departments_of(*i).iter().any(|d| [1, 2].contains(d)))
        .count();
    let expected = format!("would deactivate {excluded} of {PEOPLE} active people");
    assert!(
        refused.reason.as_deref().unwrap().contains(&expected),
        "{:?}",
        refused.reason
    );
    assert_eq!(directory_people(&app).await, (PEOPLE as i64, PEOPLE as i64));
    app.settings.ldap.user_filter = filter;
    change(&slapd, |conn| {
        for i in (0..PEOPLE).filter(|i| i % 3 == 1) {
            conn.delete(&fixture::dn(i)).unwrap().success().unwrap();
        }
    })
    .await;
    let refused = sync(&app).await;
    assert!(refused.aborted);
    assert!(
        refused
            .reason
            .as_deref()
            .unwrap()
            .contains("would deactivate 207 of 620"),
        "{:?}",
        refused.reason
    );
    assert_eq!(
        directory_people(&app).await,
        (PEOPLE as i64, PEOPLE as i64),
        "nothing changed"
    );
    let status: String = app
        .query(|c| {
            use allmende::db::schema::directory_sync_runs as runs;
            runs::table.order(runs::id.desc()).select(runs::status).first(c)
        })
        .await;
    assert_eq!(status, "aborted");

    // Administrators see the runs, with the reason of the abort; others do not see the page at all.
    app.admin("root", "Root Admin").await;
    let admin = app.signed_in("root", "en").await;
    let page = crate::support::page(&admin, app.url("/admin/directory")).await;
    let rows = crate::support::texts(&page, "#sync-runs tbody tr");
    assert_eq!(rows.len(), 3);
    assert!(
        rows[0].contains("aborted, nothing changed: would deactivate 207 of 620"),
        "{rows:?}"
    );
    assert!(rows[1].contains("aborted") && rows[2].contains("applied"), "{rows:?}");
    let first_run = crate::support::page(&admin, app.url("/admin/directory/1")).await;
    assert!(
        crate::support::texts(&first_run, "#run-changes li")
            .iter()
            .any(|c| c.starts_with("created p0000"))
    );
    let home = crate::support::page(&admin, app.url("/")).await;
    assert_eq!(
        crate::support::texts(&home, "details.account a[href='/admin']"),
        vec!["Administration"],
        "admins find the administration in their menu"
    );
    let overview = crate::support::page(&admin, app.url("/admin")).await;
    assert!(
        crate::support::texts(&overview, "#attention-sync")[0].starts_with("The last directory sync was aborted"),
        "and the aborted sync first thing there"
    );
    app.person("mmuster", "Maria Muster").await;
    let employee = app.signed_in("mmuster", "en").await;
    assert_eq!(
        employee.get(app.url("/admin/directory")).send().await.unwrap().status(),
        404
    );
    let home = crate::support::page(&employee, app.url("/")).await;
    assert!(crate::support::texts(&home, "a[href='/admin']").is_empty());

    let forced = sync_with(&app, false, true, ()).await;
    assert_eq!(forced.deactivated, 207);
    assert_eq!(directory_people(&app).await, (PEOPLE as i64, PEOPLE as i64 - 207));
}

/// Stops the directory once some entries have been read.
struct StopAfter {
    slapd: Option<Slapd>,
    after: u64,
}

impl Observer for StopAfter {
    fn read(&mut self, entries: u64) {
        if entries >= self.after
            && let Some(mut slapd) = self.slapd.take()
        {
            slapd.stop();
        }
    }
}

async fn a_directory_that_fails_mid_run_changes_nothing(app: TestApp) {
    let (mut app, slapd) = directory_app(app.backend, PEOPLE).await;
    // Small pages: the reader runs at most a few pages ahead of the pages applied, so it is
    // still reading (31 pages) when the directory stops after the second.
    app.settings.ldap.page_size = 20;
    let report = sync_with(
        &app,
        false,
        false,
        StopAfter {
            slapd: Some(slapd),
            after: 40,
        },
    )
    .await;
    assert!(report.aborted);
    assert!(
        report.reason.as_deref().unwrap().contains("search"),
        "{:?}",
        report.reason
    );
    assert_eq!(directory_people(&app).await, (0, 0));
    let count: i64 = app.query(|c| departments::table.count().get_result(c)).await;
    assert_eq!(count, 0);
}

async fn sign_in_with_the_directory_password(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, 60).await;
    let client = app.browser("de");
    // Before the first sync: the entry makes the person.
    let res = app.login(&client, "p0003", &fixture::password("p0003")).await;
    assert_eq!(res.status(), 303);
    let home = crate::support::page(&client, app.url("/")).await;
    assert!(crate::support::texts(&home, "h1")[0].starts_with("Willkommen"));
    // By mail, too.
    let other = app.browser("de");
    assert_eq!(
        app.login(&other, "p0004@beispiel.de", &fixture::password("p0004"))
            .await
            .status(),
        303
    );

    let wrong = app.browser("de");
    let refused = app.login(&wrong, "p0003", "falsch").await;
    assert_eq!(refused.status(), 401);
    let unknown = app.login(&wrong, "niemand", "falsch").await;
    assert_eq!(unknown.status(), 401);
    assert_eq!(
        crate::support::texts(&refused.text().await.unwrap(), "[role=alert]"),
        crate::support::texts(&unknown.text().await.unwrap(), "[role=alert]"),
        "the answer does not tell whether the account exists"
    );
    let injection = app.login(&app.browser("de"), "*)(uid=*", "x").await;
    assert_eq!(injection.status(), 401);
    let wildcard = app.login(&app.browser("de"), "*", &fixture::password("p0000")).await;
    assert_eq!(wildcard.status(), 401);

    sync(&app).await;
    let created: i64 = app
        .query(|c| people::table.filter(people::uid.eq("p0003")).count().get_result(c))
        .await;
    assert_eq!(created, 1, "the sync took over the person made at sign-in");
    app.query(|c| {
        diesel::update(people::table.filter(people::uid.eq("p0003")))
            .set(people::active.eq(false))
            .execute(c)
    })
    .await;
    assert_eq!(
        app.login(&app.browser("de"), "p0003", &fixture::password("p0003"))
            .await
            .status(),
        401,
        "inactive people cannot sign in"
    );
    // The directory away: local accounts still sign in; directory people learn why they cannot.
    app.admin("notfall", "Notfall-Admin").await;
    let mut slapd = slapd;
    slapd.stop();
    assert_eq!(
        app.login(&app.browser("en"), "notfall", crate::support::PASSWORD)
            .await
            .status(),
        303
    );
    let away = app
        .login(&app.browser("en"), "p0004", &fixture::password("p0004"))
        .await;
    assert_eq!(away.status(), 503);
    let alert = crate::support::texts(&away.text().await.unwrap(), "[role=alert]");
    assert!(alert[0].contains("company directory cannot be reached"), "{alert:?}");
}

on_both_backends!(groups_become_communities_with_nested_members);

async fn groups_become_communities_with_nested_members(app: TestApp) {
    let (mut app, _slapd) = directory_app(app.backend, 60).await;
    let mapping = |group: Option<&str>, filter: Option<&str>, kind: &str, slug: Option<&str>, name: Option<&str>| {
        serde_json::from_value::<allmende::config::GroupMapping>(serde_json::json!({
            "group": group, "filter": filter, "kind": kind, "slug": slug, "name": name
        }))
        .unwrap()
    };
    let laeufer = format!("cn=laeufer,ou=groups,{BASE_DN}");
    let cycle = format!("cn=a,ou=groups,{BASE_DN}");
    app.settings.ldap.group_mapping = vec![
        mapping(Some(&laeufer), None, "interest", Some("laufgruppe"), Some("Laufgruppe")),
        mapping(None, Some("(cn=alt)"), "project", None, None),
        mapping(Some(&cycle), None, "interest", Some("kreis"), Some("Im Kreis")),
    ];
    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    assert_eq!(report.communities_created, fixture::DEPARTMENTS.len() as u64 + 3);

    let members = |slug: &'static str| {
        app.query(move |c| {
            memberships::table
                .inner_join(communities::table)
                .inner_join(people::table)
                .filter(communities::slug.eq(slug))
                .select(people::uid)
                .order(people::uid)
                .load::<String>(c)
        })
    };
    let expected: Vec<String> = (10..25).map(fixture::uid).collect();
    assert_eq!(
        members("laufgruppe").await,
        expected,
        "the nested group's members are in"
    );
    assert_eq!(
        members("alt").await,
        vec![fixture::uid(30), fixture::uid(31)],
        "a member that no longer exists is ignored"
    );
    assert_eq!(
        members("kreis").await,
        vec![fixture::uid(40), fixture::uid(41)],
        "a cycle of groups ends"
    );
    let kind: String = app
        .query(|c| {
            communities::table
                .filter(communities::slug.eq("alt"))
                .select(communities::kind)
                .first(c)
        })
        .await;
    assert_eq!(kind, "project");

    // Someone who joins by themselves stays; the group's members follow the group.
    let p50 = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0050"))
                .select(allmende::db::models::Person::as_select())
                .first(c)
        })
        .await;
    let (status, _) = app
        .api(&app.token(&p50).await)
        .post("/api/v1/communities/laufgruppe/join", serde_json::json!({}))
        .await;
    assert_eq!(status, 200);
    let again = sync(&app).await;
    assert_eq!(again.communities_created, 0);
    assert!(members("laufgruppe").await.contains(&"p0050".to_string()));
}

on_both_backends!(the_command_line_syncs_a_directory_it_has_never_seen);

async fn the_command_line_syncs_a_directory_it_has_never_seen(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, PEOPLE).await;
    let env = vec![
        ("ALLMENDE__DATABASE__URL".to_string(), app.settings.database.url.clone()),
        ("ALLMENDE__LDAP__URL".to_string(), slapd.url()),
        ("ALLMENDE__LDAP__BIND_DN".to_string(), SERVICE_DN.to_string()),
        (
            "ALLMENDE__LDAP__BIND_PASSWORD".to_string(),
            SERVICE_PASSWORD.to_string(),
        ),
        ("ALLMENDE__LDAP__USER_BASE".to_string(), format!("ou=people,{BASE_DN}")),
    ];
    let run = move |args: &'static [&'static str], env: Vec<(String, String)>| {
        blocking(move || {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_allmende"))
                .arg("ldap-sync")
                .args(args)
                .envs(env)
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).to_string(),
                String::from_utf8_lossy(&out.stderr).to_string(),
            )
        })
    };

    let (code, stdout, stderr) = run(&["--dry-run"], env.clone()).await;
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("created             p0000"),
        "each change is listed: {}",
        &stdout[..stdout.len().min(500)]
    );
    assert!(
        stdout.contains(&format!("People would be created: {PEOPLE}")),
        "{stdout}"
    );
    assert_eq!(directory_people(&app).await, (0, 0));

    let (code, stdout, stderr) = run(&["--json"], env.clone()).await;
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(report["created"], PEOPLE as u64);
    assert_eq!(report["departments_created"], fixture::DEPARTMENTS.len());
    assert_eq!(report["aborted"], false);
    assert!(report["reason"].is_null());
    for key in ["updated", "moved", "deactivated", "reactivated", "unchanged"] {
        assert_eq!(report[key], 0, "{key}");
    }
    assert!(!stderr.contains(SERVICE_PASSWORD), "the bind password is never logged");

    // Employees sign in with their directory password.
    let client = app.browser("en");
    assert_eq!(
        app.login(&client, "p0200", &fixture::password("p0200")).await.status(),
        303
    );

    change(&slapd, |conn| {
        for i in (0..PEOPLE).filter(|i| i % 3 == 0) {
            conn.delete(&fixture::dn(i)).unwrap().success().unwrap();
        }
    })
    .await;
    let (code, stdout, _) = run(&["--json"], env.clone()).await;
    assert_eq!(code, Some(3), "an aborted run exits non-zero");
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(report["aborted"], true);
    assert!(report["reason"].as_str().unwrap().contains("would deactivate"));
    assert_eq!(
        directory_people(&app).await,
        (PEOPLE as i64, PEOPLE as i64),
        "nothing changed"
    );
}

on_both_backends!(one_node_at_a_time_holds_a_lease, serve_runs_the_sync_on_its_schedule);

async fn one_node_at_a_time_holds_a_lease(app: TestApp) {
    use allmende::jobs::lease;
    let hour = chrono::Duration::hours(1);
    let taken = app
        .db
        .run(move |c| {
            Ok((
                lease::try_acquire(c, "job", "node-a", hour)?,
                lease::try_acquire(c, "job", "node-b", hour)?,
                lease::try_acquire(c, "job", "node-a", hour)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(taken, (true, false, true), "the holder may renew; others wait");
    let after_release = app
        .db
        .run(move |c| {
            lease::release(c, "job", "node-a")?;
            lease::try_acquire(c, "job", "node-b", chrono::Duration::seconds(-1))
        })
        .await
        .unwrap();
    assert!(after_release);
    // node-b's lease has already expired (a crashed node): node-a takes it over.
    let taken_over = app
        .db
        .run(move |c| lease::try_acquire(c, "job", "node-a", hour))
        .await
        .unwrap();
    assert!(taken_over);
}

async fn serve_runs_the_sync_on_its_schedule(app: TestApp) {
    let slapd = blocking(|| Slapd::start(&company(30))).await;
    let url = slapd.url();
    let backend = app.backend;
    drop(app);
    let app = spawn_app_with(backend, move |s| {
        s.ldap.url = url;
        s.ldap.bind_dn = SERVICE_DN.into();
        s.ldap.bind_password = SERVICE_PASSWORD.into();
        s.ldap.user_base = format!("ou=people,{BASE_DN}");
        s.ldap.schedule = allmende::config::Schedule::parse("*/1 * * * * *").unwrap();
    })
    .await;
    let started = std::time::Instant::now();
    loop {
        let runs: Vec<(String, String)> = app
            .query(|c| {
                use allmende::db::schema::directory_sync_runs as runs;
                runs::table.select((runs::started_by, runs::status)).load(c)
            })
            .await;
        if runs.iter().any(|(by, status)| by == "schedule" && status == "applied") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "no scheduled run yet: {runs:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(directory_people(&app).await, (30, 30));
}

on_both_backends!(a_sync_at_a_time_and_interrupted_runs_are_closed);

async fn a_sync_at_a_time_and_interrupted_runs_are_closed(app: TestApp) {
    use allmende::db::schema::directory_sync_runs as runs;
    let (app, _slapd) = directory_app(app.backend, 60).await;
    // Another process is syncing: this one does not start.
    app.db
        .run(|c| allmende::jobs::lease::try_acquire(c, "directory-sync", "other-node", chrono::Duration::hours(1)))
        .await
        .unwrap();
    let pool = app.db.pool().clone();
    let settings = app.settings.ldap.clone();
    let refused = blocking(move || {
        let options = SyncOptions {
            dry_run: false,
            force: false,
            started_by: "test".into(),
        };
        allmende::directory::sync::run(&pool, &settings, &options, &mut ())
    })
    .await;
    assert!(
        matches!(
            refused,
            Err(allmende::error::AppError::Conflict {
                code: allmende::error::Code::SyncRunning
            })
        ),
        "{refused:?}"
    );
    app.db
        .run(|c| allmende::jobs::lease::release(c, "directory-sync", "other-node"))
        .await
        .unwrap();

    // A run that was cut off (its process killed) left its row behind (its changes rolled back).
    app.query(|c| {
        diesel::insert_into(runs::table)
            .values((
                runs::started_at.eq(allmende::db::now()),
                runs::status.eq("running"),
                runs::started_by.eq("killed"),
            ))
            .execute(c)
    })
    .await;
    let report = sync(&app).await;
    assert_eq!(report.created, 60);
    let first: (String, Option<String>) = app
        .query(|c| {
            runs::table
                .order(runs::id.asc())
                .select((runs::status, runs::reason))
                .first(c)
        })
        .await;
    assert_eq!(first.0, "aborted");
    assert!(first.1.unwrap().starts_with("interrupted"));
}

on_both_backends!(starttls_with_the_companys_own_ca);

async fn starttls_with_the_companys_own_ca(app: TestApp) {
    let slapd = blocking(|| Slapd::start_with_tls(&company(20))).await;
    let (url, ca) = (slapd.url(), slapd.ca_file().display().to_string());
    let configure = move |ca_file: String| {
        let url = url.clone();
        move |s: &mut allmende::config::Settings| {
            s.ldap.url = url;
            s.ldap.starttls = true;
            s.ldap.ca_file = ca_file;
            s.ldap.bind_dn = SERVICE_DN.into();
            s.ldap.bind_password = SERVICE_PASSWORD.into();
            s.ldap.user_base = format!("ou=people,{BASE_DN}");
            s.ldap.connect_timeout_seconds = 2;
        }
    };
    let app = spawn_app_with(app.backend, configure(ca.clone())).await;
    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    assert_eq!(report.created, 20);
    assert_eq!(
        app.login(&app.browser("en"), "p0002", &fixture::password("p0002"))
            .await
            .status(),
        303,
        "sign-in over StartTLS"
    );

    // A certificate the configured CA did not sign is refused.
    let other = blocking(|| Slapd::start_with_tls(&company(1))).await;
    let stranger = spawn_app_with(app.backend, configure(other.ca_file().display().to_string())).await;
    let refused = sync(&stranger).await;
    assert!(refused.aborted);
    assert!(
        refused.reason.as_deref().unwrap().contains("cannot connect"),
        "{:?}",
        refused.reason
    );
}

on_both_backends!(a_head_named_by_an_attribute_wins_over_the_manager_chain);

async fn a_head_named_by_an_attribute_wins_over_the_manager_chain(app: TestApp) {
    let (mut app, slapd) = directory_app(app.backend, 60).await;
    app.settings.ldap.attributes.department_head = Some("businessCategory".into());
    sync(&app).await;
    assert_eq!(
        app.managers_of("vertrieb").await,
        vec!["p0001"],
        "the manager chain, while no one is named"
    );
    change(&slapd, |conn| {
        conn.modify(&fixture::dn(8), vec![Mod::Replace("businessCategory", ["D20"].into())])
            .unwrap()
            .success()
            .unwrap();
    })
    .await;
    assert_eq!(fixture::departments_of(8), vec![1], "p0008 works in Vertrieb");
    sync(&app).await;
    assert_eq!(
        app.managers_of("vertrieb").await,
        vec!["p0008"],
        "the named head manages; the former one is a member again"
    );
}

on_both_backends!(a_head_group_names_the_head);

async fn a_head_group_names_the_head(app: TestApp) {
    let (mut app, slapd) = directory_app(app.backend, 60).await;
    // Department heads, p0008 of them through a nested group.
    change(&slapd, |conn| {
        let inner = format!("cn=vertriebsleitung,ou=groups,{BASE_DN}");
        let p8 = fixture::dn(8);
        let attrs = vec![
            ("objectClass", ["groupOfNames"].into()),
            ("cn", ["vertriebsleitung"].into()),
            ("member", [p8.as_str()].into()),
        ];
        conn.add(&inner, attrs).unwrap().success().unwrap();
        let attrs = vec![
            ("objectClass", ["groupOfNames"].into()),
            ("cn", ["abteilungsleitungen"].into()),
            ("member", [inner.as_str()].into()),
        ];
        conn.add(&format!("cn=abteilungsleitungen,ou=groups,{BASE_DN}"), attrs)
            .unwrap()
            .success()
            .unwrap();
    })
    .await;
    app.settings.ldap.head_group = format!("cn=abteilungsleitungen,ou=groups,{BASE_DN}");
    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    let managers = app.managers_of("vertrieb").await;
    assert_eq!(
        managers,
        vec!["p0008"],
        "the group's member heads Vertrieb, not the manager chain's p0001"
    );
    // A head group that does not exist is a broken configuration: the run changes nothing.
    app.settings.ldap.head_group = format!("cn=gibtesnicht,ou=groups,{BASE_DN}");
    let report = sync(&app).await;
    assert!(report.aborted);
}

on_both_backends!(two_entries_with_one_mail_are_two_people);

async fn two_entries_with_one_mail_are_two_people(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, 60).await;
    sync(&app).await;
    change(&slapd, |conn| {
        let dn = format!("uid=p9999,ou=people,{BASE_DN}");
        let password = fixture::password("p9999");
        let attrs = vec![
            ("objectClass", ["inetOrgPerson"].into()),
            ("uid", ["p9999"].into()),
            ("cn", ["Zweite Person"].into()),
            ("sn", ["Person"].into()),
            ("mail", ["p0001@beispiel.de"].into()),
            ("userPassword", [password.as_str()].into()),
        ];
        conn.add(&dn, attrs).unwrap().success().unwrap();
    })
    .await;
    let report = sync(&app).await;
    assert_eq!((report.created, report.updated), (1, 0));
    let with_mail: Vec<String> = app
        .query(|c| {
            people::table
                .filter(people::email.eq("p0001@beispiel.de"))
                .select(people::uid)
                .order(people::uid)
                .load(c)
        })
        .await;
    assert_eq!(with_mail, vec!["p0001", "p9999"], "never merged");
    // Signing in with a mail address two people share is ambiguous: by uid it works.
    assert_eq!(
        app.login(&app.browser("en"), "p0001@beispiel.de", &fixture::password("p0001"))
            .await
            .status(),
        401
    );
    assert_eq!(
        app.login(&app.browser("en"), "p9999", &fixture::password("p9999"))
            .await
            .status(),
        303
    );
    // An entry with another person's uid is skipped; everyone else still syncs.
    change(&slapd, |conn| {
        let attrs = vec![
            ("objectClass", ["inetOrgPerson"].into()),
            ("uid", ["p0002"].into()),
            ("cn", ["Doppelte Kennung"].into()),
            ("sn", ["Kennung"].into()),
        ];
        conn.add(&format!("uid=p0002,ou=services,{BASE_DN}"), attrs)
            .unwrap()
            .success()
            .unwrap();
        conn.modify(&fixture::dn(3), vec![Mod::Replace("title", ["Bereichsleitung"].into())])
            .unwrap()
            .success()
            .unwrap();
    })
    .await;
    let mut app = app;
    app.settings.ldap.user_base = BASE_DN.into();
    app.settings.ldap.user_filter = "(objectClass=inetOrgPerson)".into();
    let report = sync(&app).await;
    assert!(!report.aborted, "{:?}", report.reason);
    assert_eq!((report.skipped, report.created, report.updated), (1, 0, 1));
    let name: String = app
        .query(|c| {
            people::table
                .filter(people::uid.eq("p0002"))
                .select(people::display_name)
                .first(c)
        })
        .await;
    assert_ne!(name, "Doppelte Kennung");
}

on_both_backends!(the_start_up_check_reports_each_part_and_fails_on_a_wrong_password);

/// `serve --check` against the real directory, SMTP server and database: all pass; a wrong
/// bind password fails the directory line (without printing the password) and the exit code.
async fn the_start_up_check_reports_each_part_and_fails_on_a_wrong_password(app: TestApp) {
    let (app, slapd) = directory_app(app.backend, 20).await;
    let sink = blocking(crate::support::SmtpSink::start).await;
    let check = |password: &str| {
        let env = vec![
            ("ALLMENDE__DATABASE__URL".to_string(), app.settings.database.url.clone()),
            ("ALLMENDE__LDAP__URL".to_string(), slapd.url()),
            ("ALLMENDE__LDAP__BIND_DN".to_string(), SERVICE_DN.to_string()),
            ("ALLMENDE__LDAP__BIND_PASSWORD".to_string(), password.to_string()),
            ("ALLMENDE__LDAP__USER_BASE".to_string(), format!("ou=people,{BASE_DN}")),
            ("ALLMENDE__MAIL__TRANSPORT".to_string(), "smtp".to_string()),
            ("ALLMENDE__MAIL__SMTP__HOST".to_string(), "127.0.0.1".to_string()),
            ("ALLMENDE__MAIL__SMTP__PORT".to_string(), sink.port.to_string()),
            ("ALLMENDE__SERVER__BIND".to_string(), "127.0.0.1:0".to_string()),
        ];
        blocking(move || {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_allmende"))
                .args(["serve", "--check"])
                .envs(env)
                .output()
                .unwrap();
            (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string())
        })
    };
    let (code, report) = check(SERVICE_PASSWORD).await;
    assert_eq!(code, Some(0), "{report}");
    for line in [
        "ok     configuration",
        "ok     database",
        "schema up to date",
        "ok     directory",
        "ok     mail",
        "answers",
    ] {
        assert!(report.contains(line), "{line} in {report}");
    }
    let (code, report) = check("not-the-password").await;
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("FAILED directory"), "{report}");
    assert!(report.contains("ok     mail"), "{report}");
    assert!(!report.contains("not-the-password"), "{report}");
    // Nothing was sent to the SMTP server (a session was opened and closed).
    assert!(sink.messages().is_empty());
}

on_both_backends!(an_admin_dry_runs_then_runs_the_sync_from_the_admin_page);

async fn an_admin_dry_runs_then_runs_the_sync_from_the_admin_page(app: TestApp) {
    let (app, _slapd) = directory_app(app.backend, 20).await;
    app.admin("root", "Rita Root").await;
    let root = app.signed_in("root", "en").await;
    let count = || {
        app.query(|c| {
            people::table
                .filter(people::source.eq("directory"))
                .count()
                .get_result::<i64>(c)
        })
    };
    let res = app
        .submit(&root, "/admin/directory", "/admin/directory/run", &[("dry_run", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let run = res.headers()["location"].to_str().unwrap().to_string();
    let html = crate::support::page(&root, app.url(&run)).await;
    assert!(html.contains("p0001"), "the dry run lists who would be created: {html}");
    assert_eq!(count().await, 0, "a dry run changes nothing");
    let res = app
        .submit(&root, "/admin/directory", "/admin/directory/run", &[("dry_run", "0")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count().await, 20);
    let actions: Vec<String> = app
        .query(|c| {
            audit_log::table
                .filter(audit_log::action.like("sync.%"))
                .order(audit_log::id)
                .select(audit_log::action)
                .load(c)
        })
        .await;
    assert_eq!(actions, vec!["sync.dry-run-now", "sync.run-now"]);
}
