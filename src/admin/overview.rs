//! `/admin`: what needs an administrator now (a sync that stopped, reports nobody decided,
//! mail that is paused, jobs whose last run failed, communities nobody runs), then the way to
//! every admin page.

use actix_web::{HttpResponse, web};
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Admin;
use crate::config::CurrentSettings;
use crate::db::Db;
use crate::db::models::SyncRun;
use crate::db::schema::{communities, directory_sync_runs, job_runs, mail_suppressions, memberships, reports};
use crate::domain::{CommunityKind, MembershipState, Role, SyncStatus};
use crate::error::AppError;
use crate::web::Ui;
use diesel::dsl::{exists, not};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(page));
}

#[derive(Debug, Serialize)]
struct Attention {
    /// `mail.transport = "none"`: digests, newsletters and notices go nowhere.
    mail_off: bool,
    /// The latest directory sync, when it was aborted.
    aborted_sync: Option<SyncRun>,
    open_reports: i64,
    paused_mail: i64,
    /// Jobs whose last run failed.
    failed_jobs: Vec<String>,
    /// Open communities without an active manager: nobody approves, moderates or answers there
    /// (the organization's is the administrators' own).
    unmanaged: i64,
}

impl Attention {
    fn is_calm(&self) -> bool {
        !self.mail_off
            && self.aborted_sync.is_none()
            && self.open_reports == 0
            && self.paused_mail == 0
            && self.failed_jobs.is_empty()
            && self.unmanaged == 0
    }
}

async fn page(_admin: Admin, ui: Ui, db: web::Data<Db>, settings: CurrentSettings) -> Result<HttpResponse, AppError> {
    let mail_off = !settings.mail.sends();
    let attention = db
        .run(move |c| {
            let latest: Option<SyncRun> = directory_sync_runs::table
                .order(directory_sync_runs::id.desc())
                .select(SyncRun::as_select())
                .first(c)
                .optional()?;
            Ok(Attention {
                mail_off,
                aborted_sync: latest.filter(|r| r.status == SyncStatus::Aborted),
                open_reports: reports::table
                    .filter(reports::decided_at.is_null())
                    .count()
                    .get_result(c)?,
                paused_mail: mail_suppressions::table
                    .filter(mail_suppressions::paused_at.is_not_null())
                    .count()
                    .get_result(c)?,
                failed_jobs: job_runs::table
                    .filter(job_runs::outcome.like("failed:%"))
                    .order(job_runs::name)
                    .select(job_runs::name)
                    .load(c)?,
                unmanaged: communities::table
                    .filter(communities::archived.eq(false))
                    .filter(communities::kind.ne(CommunityKind::Organization.as_str()))
                    .filter(not(exists(
                        memberships::table
                            .filter(memberships::community_id.eq(communities::id))
                            .filter(memberships::role.eq(Role::Manager.as_str()))
                            .filter(memberships::state.eq(MembershipState::Active.as_str())),
                    )))
                    .count()
                    .get_result(c)?,
            })
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("calm", &attention.is_calm());
    ctx.insert("attention", &attention);
    ui.render("admin/overview.html", &ctx)
}
