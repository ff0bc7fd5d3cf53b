//! The home feed: posts from my communities and the topics I follow, latest activity first (a
//! new comment brings a post up again) — only what I may read (the post policy's
//! `readable_by`). The home page shows it beside my communities.

use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use serde::Deserialize;

use crate::api::pagination::{PageParams, PageRequest, Paged};
use crate::auth::{ApiViewer, Viewer};
use crate::db::models::Person;
use crate::db::schema::{memberships, post_topics, posts, topic_follows};
use crate::db::{Db, DbConnection};
use crate::domain::MembershipState;
use crate::error::{AppError, Problem};
use crate::posts::service::{PostView, newest};
use crate::web::{Ui, next_url};

pub fn feed(conn: &mut DbConnection, viewer: &Person, page: &PageRequest) -> Result<Paged<PostView>, AppError> {
    let me = viewer.id;
    let mine: Vec<i64> = memberships::table
        .filter(memberships::person_id.eq(me))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .select(memberships::community_id)
        .load(conn)?;
    let followed: Vec<String> = topic_follows::table
        .filter(topic_follows::person_id.eq(me))
        .select(topic_follows::topic)
        .load(conn)?;
    // One source per community, each read along (community, latest activity): merging a page
    // from each is bounded, where one query over all my communities sorts all their posts.
    let mut sources: Vec<_> = mine
        .into_iter()
        .map(|community| posts::table.filter(posts::community_id.eq(community)).into_boxed())
        .collect();
    if !followed.is_empty() {
        sources.push(
            posts::table
                .filter(
                    posts::id.eq_any(
                        post_topics::table
                            .filter(post_topics::topic.eq_any(followed))
                            .select(post_topics::post_id),
                    ),
                )
                .into_boxed(),
        );
    }
    newest(conn, viewer, page, sources)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

#[derive(Deserialize)]
struct HomeQuery {
    cursor: Option<String>,
}

async fn home(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse, AppError> {
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let (mine, feed) = db
        .run(move |c| {
            Ok((
                crate::communities::service::mine(c, &viewer.0)?,
                feed(c, &viewer.0, &page)?,
            ))
        })
        .await?;
    let mut ctx = ui.context();
    ctx.insert("communities", &mine);
    ctx.insert("next_url", &next_url("/", &[], &feed));
    ctx.insert("feed", &feed);
    ui.render("home.html", &ctx)
}

pub fn configure_api(cfg: &mut web::ServiceConfig) {
    cfg.route("/feed", web::get().to(get));
}

/// Posts from the caller's communities and followed topics, latest activity (post or comment) first.
#[utoipa::path(get, path = "/api/v1/feed", tag = "posts", params(PageParams),
    responses((status = 200, body = Paged<PostView>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(viewer: ApiViewer, db: web::Data<Db>, page: web::Query<PageParams>) -> Result<HttpResponse, AppError> {
    let page = page.parse()?;
    let list = db.run(move |c| feed(c, &viewer.0, &page)).await?;
    Ok(HttpResponse::Ok().json(list))
}
