//! The unsubscribe link of every list mail: GET shows what it will do and a button; POST (the
//! button, or a mail client's RFC 8058 one-click request with `List-Unsubscribe=One-Click`)
//! does it. No sign-in: the signed link is the authority, so the CSRF check does not apply.
//! The digest owns it because it knows every list a mail may come from (its own and the
//! newsletters).

use actix_web::{HttpResponse, web};

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{communities, people};
use crate::error::AppError;
use crate::error::Code;
use crate::mail::Outbox;
use crate::mail::unsubscribe::List;
use crate::web::Ui;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/mail/unsubscribe/{person}/{list}/{mac}", web::get().to(confirm))
        .route("/mail/unsubscribe/{person}/{list}/{mac}", web::post().to(unsubscribe));
}

/// The link's person and list, once its signature is checked; a forged or altered link is
/// as unknown as one that never existed.
fn verified(outbox: &Outbox, path: (String, String, String)) -> Result<(i64, List), AppError> {
    let (person, list, mac) = path;
    let person: i64 = person.parse().map_err(|_| AppError::NotFound)?;
    let list: List = list.parse().map_err(|_| AppError::NotFound)?;
    if outbox.links.verify(person, list, &mac) {
        Ok((person, list))
    } else {
        Err(AppError::NotFound)
    }
}

/// The page behind a mail's unsubscribe link: what it unsubscribes from, and a button.
#[utoipa::path(get, path = "/mail/unsubscribe/{person}/{list}/{mac}", tag = "mail",
    params(("person" = i64, Path), ("list" = String, Path, description = "`digest` or `newsletter-{community id}`"),
        ("mac" = String, Path, description = "The link's signature")),
    responses((status = 200, description = "HTML confirmation page"), (status = 404, description = "A forged or altered link")))]
pub async fn confirm(
    ui: Ui,
    outbox: web::Data<Outbox>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (person, list) = verified(&outbox, path.into_inner())?;
    let what = outbox.db.run(move |c| describe(c, person, list)).await?;
    let mut ctx = ui.context();
    ctx.insert("what", &what);
    ctx.insert("done", &false);
    ui.render("unsubscribe.html", &ctx)
}

/// Unsubscribes without sign-in (RFC 8058): the body is `List-Unsubscribe=One-Click`, as form
/// data (url-encoded or multipart).
#[utoipa::path(post, path = "/mail/unsubscribe/{person}/{list}/{mac}", tag = "mail",
    params(("person" = i64, Path), ("list" = String, Path), ("mac" = String, Path)),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "List-Unsubscribe=One-Click"),
    responses((status = 200, description = "Unsubscribed (HTML page)"), (status = 400, description = "Without List-Unsubscribe=One-Click"),
        (status = 403, description = "Official mail that cannot be left"), (status = 404, description = "A forged or altered link")))]
pub async fn unsubscribe(
    ui: Ui,
    outbox: web::Data<Outbox>,
    path: web::Path<(String, String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (person, list) = verified(&outbox, path.into_inner())?;
    if !one_click(&body) {
        return Err(AppError::bad_request("expected List-Unsubscribe=One-Click"));
    }
    let opt_out = outbox.settings().mail.newsletter_opt_out;
    let what = outbox
        .db
        .run(move |c| {
            apply(c, person, list, opt_out)?;
            describe(c, person, list)
        })
        .await?;
    tracing::info!(person, list = %list, "unsubscribed through a mail link");
    let mut ctx = ui.context();
    ctx.insert("what", &what);
    ctx.insert("done", &true);
    ui.render("unsubscribe.html", &ctx)
}

/// `List-Unsubscribe=One-Click` as a url-encoded form, or as multipart form data (RFC 8058
/// allows both).
fn one_click(body: &[u8]) -> bool {
    let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    url::form_urlencoded::parse(body).any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click")
        || (contains(b"name=\"List-Unsubscribe\"") && contains(b"One-Click"))
}

/// What a link unsubscribes from, for its page.
#[derive(Debug, serde::Serialize)]
struct Described {
    /// `digest` or `newsletter`.
    list: &'static str,
    /// The newsletter's community.
    community: Option<String>,
}

fn describe(conn: &mut DbConnection, person: i64, list: List) -> Result<Described, AppError> {
    people::table
        .find(person)
        .select(people::id)
        .first::<i64>(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    Ok(match list {
        List::Digest => Described {
            list: "digest",
            community: None,
        },
        List::Newsletter(c) => Described {
            list: "newsletter",
            community: Some(
                communities::table
                    .find(c)
                    .select(communities::name)
                    .first(conn)
                    .optional()?
                    .ok_or(AppError::NotFound)?,
            ),
        },
    })
}

/// Unsubscribes: the digest is switched off; a newsletter is left (where people may).
fn apply(conn: &mut DbConnection, person: i64, list: List, newsletter_opt_out: bool) -> Result<(), AppError> {
    match list {
        List::Digest => crate::digest::preferences::switch_off(conn, person),
        List::Newsletter(_) if !newsletter_opt_out => Err(AppError::Forbidden {
            code: Code::OfficialMail,
        }),
        List::Newsletter(community) => crate::newsletters::service::opt_out(conn, person, community, true),
    }
}
