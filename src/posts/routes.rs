//! Blog pages: a community's page (its blog), a post with its conversation, writing and editing
//! posts and comments, reacting. Plain forms throughout: everything works without JavaScript.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::comments;
use super::service::{self, PostChange, PostInput, Target};
use crate::api::pagination::{PageRequest, Paged};
use crate::auth::Viewer;
use crate::communities::permits::Permit;
use crate::communities::policy as communities;
use crate::communities::service::{self as community_service, CommunityDetail, MemberSummary};
use crate::db::models::Person;
use crate::db::{Db, DbConnection};
use crate::domain::{CommentBody, PostBody, PostKind, PostTitle, ReactionKind};
use crate::error::AppError;
use crate::references::CommunityHeader;
use crate::web::confirm::{Confirmation, Question};
use crate::web::{Done, Ui, see_other, shown_on_form};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/c/{slug}", web::get().to(community_page))
        .route("/c/{slug}/posts/new", web::get().to(new_form))
        .route("/c/{slug}/posts", web::post().to(create))
        .route("/posts/{id}", web::get().to(show))
        .route("/posts/{id}/edit", web::get().to(edit_form))
        .route("/posts/{id}/edit", web::post().to(edit))
        .route("/posts/{id}/delete", web::post().to(delete))
        .route("/posts/{id}/comments", web::post().to(comment))
        .route("/posts/{id}/reaction", web::post().to(react_post))
        .route("/comments/{id}/edit", web::get().to(comment_form))
        .route("/comments/{id}/edit", web::post().to(edit_comment))
        .route("/comments/{id}/delete", web::post().to(delete_comment))
        .route("/comments/{id}/reaction", web::post().to(react_comment));
}

/// What a community's page shows besides the community itself.
struct CommunityPage {
    detail: CommunityDetail,
    /// Newest members and posts, for those who may read the community.
    members: Option<Vec<MemberSummary>>,
    posts: Option<Paged<service::PostView>>,
    can_post: bool,
    header: CommunityHeader,
    /// The state joining would lead to (active or requested), when one may join.
    join_becomes: Option<&'static str>,
    can_leave: bool,
    /// The only manager cannot leave: the page says so instead of offering to.
    last_manager: bool,
    /// Whoever sees the community learns whether per-person figures are kept, and why.
    person_figures: Option<Permit>,
}

async fn community_page(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let page = db
        .run(move |c| {
            let access = communities::load(c, &viewer.0, &slug)?;
            let readable = access.can_read();
            let leaving = community_service::leaving_from(c, &access);
            Ok(CommunityPage {
                detail: community_service::detail(&access),
                members: readable
                    .then(|| community_service::newest_members(c, &access, 24))
                    .transpose()?,
                posts: readable
                    .then(|| service::list_in(c, &access, &viewer.0, &PageRequest::first(20)))
                    .transpose()?,
                can_post: access.can_post().is_ok(),
                header: access.header(&viewer.0),
                join_becomes: match access.join_effect() {
                    Ok(communities::JoinEffect::Become(state)) => Some(state.as_str()),
                    _ => None,
                },
                can_leave: leaving.is_ok(),
                last_manager: matches!(
                    leaving,
                    Err(AppError::Conflict {
                        code: crate::error::Code::LastManager
                    })
                ),
                person_figures: crate::communities::permits::permit(c, access.community.id)?,
            })
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert(
        "description_html",
        &crate::markdown::to_safe_html(&page.detail.description),
    );
    ctx.insert(
        "rules_html",
        &crate::markdown::to_safe_html(&page.detail.code_of_conduct),
    );
    ctx.insert("community", &page.detail);
    ctx.insert("members", &page.members);
    ctx.insert("posts", &page.posts);
    ctx.insert("can_post", &page.can_post);
    ctx.insert("header", &page.header);
    ctx.insert("join_becomes", &page.join_becomes);
    ctx.insert("can_leave", &page.can_leave);
    ctx.insert("last_manager", &page.last_manager);
    ctx.insert("done", &done.among(&["joined", "requested"]));
    ctx.insert("person_figures", &page.person_figures);
    ui.render("communities/show.html", &ctx)
}

/// The post form as sent, kept to show again when something is wrong.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PostForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    pinned: Option<String>,
    announcement: Option<String>,
    /// `question` asks (Q&A); absent or `post` writes an article.
    kind: Option<String>,
    /// Sent by the preview button: show the text rendered, save nothing.
    #[serde(skip_serializing)]
    preview: Option<String>,
}

impl PostForm {
    fn kind(&self) -> Result<PostKind, AppError> {
        Ok(match self.kind.as_deref() {
            None | Some("") => PostKind::Post,
            Some(k) => PostKind::parse(k)?,
        })
    }

    fn parse(&self) -> Result<PostInput, AppError> {
        Ok(PostInput {
            kind: self.kind()?,
            title: PostTitle::parse("title", &self.title)?,
            body: PostBody::parse("body", &self.body)?,
            pinned: self.pinned.is_some(),
            announcement: self.announcement.is_some(),
        })
    }
}

/// What the post form offers this viewer, from the policy: the text to its author (and anyone
/// writing a new post), the pin and announcement flags to the community's managers.
#[derive(Debug, Clone, Copy, Serialize)]
struct Offer {
    text: bool,
    flags: bool,
}

fn offer_for_new(conn: &mut DbConnection, viewer: &Person, slug: &str, kind: PostKind) -> Result<Offer, AppError> {
    let access = communities::load(conn, viewer, slug)?;
    super::policy::can_write(&access, kind)?;
    Ok(Offer {
        text: true,
        flags: access.is_manager(),
    })
}

fn offer_for_edit(conn: &mut DbConnection, viewer: &Person, id: i64) -> Result<Offer, AppError> {
    let access = super::policy::load_post(conn, viewer, id)?;
    let offer = Offer {
        text: access.can_edit().is_ok(),
        flags: access.can_flag().is_ok(),
    };
    if !offer.text && !offer.flags {
        access.can_edit()?;
    }
    Ok(offer)
}

fn post_form_page(
    ui: &Ui,
    action: &str,
    form: &PostForm,
    offer: Offer,
    preview: Option<&str>,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("form", form);
    ctx.insert("preview_html", &preview);
    ctx.insert("action", action);
    ctx.insert("offer", &offer);
    ctx.insert("editing", &action.ends_with("/edit"));
    ui.render_form("posts/form.html", ctx, error.map(|e| ui.form_error(e)))
}

#[derive(Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

/// `?kind=question` asks the community a question (Q&A).
async fn new_form(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    query: web::Query<KindQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let action = format!("/c/{slug}/posts");
    let form = PostForm {
        kind: query.into_inner().kind,
        ..PostForm::default()
    };
    let kind = form.kind()?;
    let offer = db.run(move |c| offer_for_new(c, &viewer.0, &slug, kind)).await?;
    post_form_page(&ui, &action, &form, offer, None, None)
}

async fn create(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    slug: web::Path<String>,
    form: web::Form<PostForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let form = form.into_inner();
    let action = format!("/c/{slug}/posts");
    let input = form.parse();
    let kind = form.kind()?;
    if form.preview.is_some() {
        let body = form.body.clone();
        let (offer, html) = db
            .run(move |c| {
                Ok((
                    offer_for_new(c, &viewer.0, &slug, kind)?,
                    crate::web::preview::rendered(c, &body)?,
                ))
            })
            .await?;
        return post_form_page(&ui, &action, &form, offer, Some(&html), None);
    }
    let (result, offer) = db
        .run(move |c| {
            let offer = offer_for_new(c, &viewer.0, &slug, kind)?;
            Ok((
                input.and_then(|input| service::create(c, &viewer.0, &slug, input)),
                offer,
            ))
        })
        .await?;
    match result {
        Ok(id) => Ok(see_other(&format!("/posts/{id}?done=published"))),
        Err(e) if shown_on_form(&e) => post_form_page(&ui, &action, &form, offer, None, Some(&e)),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    /// Set after a report was filed: the page thanks the reporter.
    reported: Option<String>,
}

async fn show(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    query: web::Query<ShowQuery>,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let done = done.among(&["published", "saved", "commented"]);
    post_page(&ui, &db, viewer, id.into_inner(), None, query.reported.is_some(), done).await
}

/// The post page, with a comment that could not be saved shown again in its form.
async fn post_page(
    ui: &Ui,
    db: &Db,
    viewer: Viewer,
    id: i64,
    failed_comment: Option<(&CommentForm, &AppError)>,
    reported: bool,
    done: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let detail = db.run(move |c| service::get(c, &viewer.0, id)).await?;
    let mut ctx = ui.context();
    ctx.insert("post", &detail);
    ctx.insert("draft", &failed_comment.map(|(f, _)| f));
    ctx.insert("reported", &reported);
    ctx.insert("done", &done);
    ui.render_form("posts/show.html", ctx, failed_comment.map(|(_, e)| ui.form_error(e)))
}

async fn edit_form(viewer: Viewer, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (detail, offer) = db
        .run(move |c| Ok((service::get(c, &viewer.0, id)?, offer_for_edit(c, &viewer.0, id)?)))
        .await?;
    let form = PostForm {
        title: detail.post.title,
        body: detail.post.body,
        pinned: detail.post.pinned.then(|| "on".into()),
        announcement: detail.post.announcement.then(|| "on".into()),
        kind: Some(detail.post.kind.as_str().into()),
        preview: None,
    };
    post_form_page(&ui, &format!("/posts/{id}/edit"), &form, offer, None, None)
}

async fn edit(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<PostForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let input = form.parse();
    if form.preview.is_some() {
        let body = form.body.clone();
        let (offer, html) = db
            .run(move |c| {
                Ok((
                    offer_for_edit(c, &viewer.0, id)?,
                    crate::web::preview::rendered(c, &body)?,
                ))
            })
            .await?;
        return post_form_page(&ui, &format!("/posts/{id}/edit"), &form, offer, Some(&html), None);
    }
    let (result, offer) = db
        .run(move |c| {
            let offer = offer_for_edit(c, &viewer.0, id)?;
            // Each part of the form counts only for whom it is offered; the rest stays as it is.
            let result = input.and_then(|input| {
                let change = PostChange {
                    title: offer.text.then_some(input.title),
                    body: offer.text.then_some(input.body),
                    pinned: offer.flags.then_some(input.pinned),
                    announcement: offer.flags.then_some(input.announcement),
                };
                service::update(c, &viewer.0, id, change)
            });
            Ok((result, offer))
        })
        .await?;
    match result {
        Ok(_) => Ok(see_other(&format!("/posts/{id}?done=saved"))),
        Err(e) if shown_on_form(&e) => post_form_page(&ui, &format!("/posts/{id}/edit"), &form, offer, None, Some(&e)),
        Err(e) => Err(e),
    }
}

async fn delete(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !form.given() {
        let gone = db.run(move |c| service::deletion(c, &viewer.0, id)).await?;
        let consequence = match &gone.author {
            None => ui.t_args(
                "confirm-post-delete-own",
                &[("title", gone.title.into()), ("comments", gone.comments.into())],
            ),
            Some(author) => ui.t_args(
                "confirm-post-delete-other",
                &[
                    ("title", gone.title.into()),
                    ("comments", gone.comments.into()),
                    ("author", author.display_name.clone().into()),
                ],
            ),
        };
        let path = format!("/posts/{id}");
        return ui.ask(&Question::new(
            ui.t("confirm-post-delete"),
            consequence,
            ui.t("action-delete"),
            &format!("{path}/delete"),
            &path,
        ));
    }
    let slug = db.run(move |c| service::delete(c, &viewer.0, id)).await?;
    Ok(see_other(&format!("/c/{slug}")))
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    /// Set when replying to a comment.
    parent_id: Option<String>,
}

impl CommentForm {
    fn parent(&self) -> Result<Option<i64>, AppError> {
        match self.parent_id.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => Ok(None),
            Some(p) => {
                Ok(Some(p.parse().map_err(|_| {
                    crate::domain::Invalid::new("parent_id", "not-a-comment")
                })?))
            }
        }
    }
}

async fn comment(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let parsed = CommentBody::parse("body", &form.body)
        .map_err(AppError::from)
        .and_then(|body| Ok((body, form.parent()?)));
    let result = match parsed {
        Ok((body, parent)) => {
            let viewer = viewer.0.clone();
            db.run(move |c| comments::add_comment(c, &viewer, id, parent, body))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(comment) => Ok(see_other(&format!("/posts/{id}?done=commented#comment-{comment}"))),
        Err(e) if shown_on_form(&e) => post_page(&ui, &db, viewer, id, Some((&form, &e)), false, None).await,
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
struct ReactionForm {
    /// A kind, or empty to take the reaction back.
    #[serde(default)]
    kind: String,
}

impl ReactionForm {
    fn kind(&self) -> Result<Option<ReactionKind>, AppError> {
        Ok(Some(self.kind.trim())
            .filter(|k| !k.is_empty())
            .map(ReactionKind::parse)
            .transpose()?)
    }
}

async fn react(viewer: Viewer, db: &Db, target: Target, form: ReactionForm) -> Result<HttpResponse, AppError> {
    let kind = form.kind()?;
    let post = db.run(move |c| comments::react(c, &viewer.0, target, kind)).await?;
    let anchor = match target {
        Target::Post(_) => "reactions".to_string(),
        Target::Comment(id) => format!("comment-{id}"),
    };
    Ok(see_other(&format!("/posts/{post}#{anchor}")))
}

async fn react_post(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<ReactionForm>,
) -> Result<HttpResponse, AppError> {
    react(viewer, &db, Target::Post(id.into_inner()), form.into_inner()).await
}

async fn react_comment(
    viewer: Viewer,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<ReactionForm>,
) -> Result<HttpResponse, AppError> {
    react(viewer, &db, Target::Comment(id.into_inner()), form.into_inner()).await
}

fn comment_form_page(ui: &Ui, id: i64, form: &CommentForm, error: Option<&AppError>) -> Result<HttpResponse, AppError> {
    let mut ctx = ui.context();
    ctx.insert("form", form);
    ctx.insert("comment_id", &id);
    ui.render_form("posts/comment_form.html", ctx, error.map(|e| ui.form_error(e)))
}

async fn comment_form(viewer: Viewer, ui: Ui, db: web::Data<Db>, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = db
        .run(move |c| {
            let (access, comment) = super::policy::load_comment(c, &viewer.0, id)?;
            access.can_edit_comment(&comment)?;
            Ok(comment.body)
        })
        .await?;
    let form = CommentForm { body, parent_id: None };
    comment_form_page(&ui, id, &form, None)
}

async fn edit_comment(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let result = match CommentBody::parse("body", &form.body) {
        Ok(body) => db.run(move |c| comments::update_comment(c, &viewer.0, id, body)).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(post) => Ok(see_other(&format!("/posts/{post}#comment-{id}"))),
        Err(e) if shown_on_form(&e) => comment_form_page(&ui, id, &form, Some(&e)),
        Err(e) => Err(e),
    }
}

async fn delete_comment(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    id: web::Path<i64>,
    form: web::Form<Confirmation>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !form.given() {
        let gone = db.run(move |c| comments::deletion(c, &viewer.0, id)).await?;
        let consequence = match &gone.author {
            None => ui.t("confirm-comment-delete-own"),
            Some(author) => ui.t_args(
                "confirm-comment-delete-other",
                &[("author", author.display_name.clone().into())],
            ),
        };
        return ui.ask(&Question::new(
            ui.t("confirm-comment-delete"),
            consequence,
            ui.t("action-delete"),
            &format!("/comments/{id}/delete"),
            &format!("/posts/{}#comment-{id}", gone.post),
        ));
    }
    let post = db.run(move |c| comments::delete_comment(c, &viewer.0, id)).await?;
    Ok(see_other(&format!("/posts/{post}")))
}
