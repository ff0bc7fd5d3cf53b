//! Saving the digest part of the settings page (how often, when, which communities, which
//! newsletters) and the preview of one's next digest, as text and as the mail's HTML.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::preferences;
use super::preview::Preview;
use crate::auth::Viewer;
use crate::db::models::Person;
use crate::domain::{DigestFrequency, DigestTime};
use crate::error::AppError;
use crate::mail::Outbox;
use crate::mail::unsubscribe::List;
use crate::web::{Ui, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/digest", web::post().to(save))
        .route("/settings/digest/preview", web::get().to(preview_page))
        .route("/settings/digest/preview.html", web::get().to(preview_html));
}

/// The form as sent: `digest`, `digest_weekday`, `digest_hour`, and a `mute` and a
/// `newsletter` field per community ticked.
async fn save(
    viewer: Viewer,
    outbox: web::Data<Outbox>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let all = |name: &str| -> Vec<String> { form.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect() };
    let parsed = (|| -> Result<_, AppError> {
        let digest = DigestFrequency::parse(field("digest"))?;
        let number = |name: &'static str| {
            field(name)
                .parse::<i64>()
                .map_err(|_| crate::domain::Invalid::new(name, "out-of-range"))
        };
        Ok((
            digest,
            DigestTime::parse(number("digest_weekday")?, number("digest_hour")?)?,
        ))
    })();
    let (muted, received) = (all("mute"), all("newsletter"));
    let saved = match parsed {
        Ok((digest, time)) => {
            let (person, o) = (viewer.0.clone(), outbox.settings());
            outbox
                .db
                .run(move |c| {
                    preferences::put_digest(c, &person, digest, time, &muted)?;
                    let mine = preferences::page_view(c, &person, &o.i18n, o.mail.newsletter_opt_out)?;
                    for community in mine.communities.iter().filter(|m| m.newsletter_offered) {
                        let id = crate::communities::service::find_id(c, &community.slug)?.ok_or(AppError::NotFound)?;
                        let out = !received.contains(&community.slug);
                        crate::newsletters::service::opt_out(c, person.id, id, out)?;
                    }
                    Ok(())
                })
                .await
        }
        Err(e) => Err(e),
    };
    // The choices are fixed lists, so only a hand-made request is refused (an error page).
    saved?;
    Ok(see_other("/settings?saved=1#digest-settings"))
}

async fn next(outbox: &Outbox, person: Person) -> Result<Preview, AppError> {
    let unsubscribe = outbox.unsubscribe_url(person.id, List::Digest);
    let (t, s) = (outbox.templates.clone(), outbox.settings());
    outbox
        .db
        .run(move |c| super::preview::next(c, &t, &s, &person, crate::db::now(), &unsubscribe))
        .await
}

async fn preview_page(viewer: Viewer, ui: Ui, outbox: web::Data<Outbox>) -> Result<HttpResponse, AppError> {
    let has_email = viewer.0.email.is_some();
    let preview = next(&outbox, viewer.0).await?;
    let mut ctx = ui.context();
    ctx.insert("preview", &preview);
    ctx.insert("has_email", &has_email);
    ui.render("settings/digest_preview.html", &ctx)
}

/// The mail's HTML as its own document: its inline styles are allowed here, nothing else.
async fn preview_html(viewer: Viewer, outbox: web::Data<Outbox>) -> Result<HttpResponse, AppError> {
    let preview = next(&outbox, viewer.0).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'",
        ))
        .body(preview.mail.html))
}
