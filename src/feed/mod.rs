//! The home feed: posts from my communities and the topics I follow, latest activity first (a
//! new comment brings a post up again) — only what I may read (the post policy's
//! `readable_by`). The home page shows it beside my communities, under the recent
//! announcements of the organization and my departments, and marks what came since my last
//! visit.

use actix_web::{HttpResponse, web};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use serde::Deserialize;

use crate::api::pagination::{PageParams, PageRequest, Paged};
use crate::auth::{ApiViewer, Viewer};
use crate::db::models::Person;
use crate::db::schema::{communities, feed_visits, memberships, post_topics, posts, topic_follows};
use crate::db::{Db, DbConnection};
use crate::domain::{CommunityKind, MembershipState};
use crate::error::{AppError, Problem};
use crate::posts::service::{PostView, newest, views_across};
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

/// How long an announcement stays pinned above the feed, and how many are.
const ANNOUNCED_FOR: Duration = Duration::days(30);
const ANNOUNCEMENTS: i64 = 3;

/// The organization's and my departments' announcements of the last weeks, newest first:
/// what everyone is meant to see, above the feed.
pub fn announcements(conn: &mut DbConnection, viewer: &Person, now: NaiveDateTime) -> Result<Vec<PostView>, AppError> {
    let official = communities::table
        .inner_join(memberships::table)
        .filter(memberships::person_id.eq(viewer.id))
        .filter(memberships::state.eq(MembershipState::Active.as_str()))
        .filter(communities::kind.eq_any([CommunityKind::Organization.as_str(), CommunityKind::Department.as_str()]))
        .select(communities::id);
    let rows = posts::table
        .filter(posts::community_id.eq_any(official))
        .filter(posts::announcement.eq(true))
        .filter(posts::deleted_at.is_null())
        .filter(posts::hidden_at.is_null())
        .filter(posts::created_at.gt(now - ANNOUNCED_FOR))
        .order((posts::created_at.desc(), posts::id.desc()))
        .limit(ANNOUNCEMENTS)
        .select(crate::db::models::Post::as_select())
        .load(conn)?;
    views_across(conn, viewer, rows)
}

/// A visit is a person's reading while they come back within this long.
const VISIT: Duration = Duration::minutes(30);

/// Notes a look at the home feed and returns since when posts count as new: the end of the
/// previous visit (none on the very first, when everything is new anyway). Coming back within a
/// visit keeps the marks, so a reload does not take them away.
pub fn visit(conn: &mut DbConnection, person: i64, now: NaiveDateTime) -> Result<Option<NaiveDateTime>, AppError> {
    let known: Option<(NaiveDateTime, NaiveDateTime)> = feed_visits::table
        .find(person)
        .select((feed_visits::seen_until, feed_visits::last_visit_at))
        .first(conn)
        .optional()?;
    let Some((seen_until, last_visit)) = known else {
        let first = diesel::insert_into(feed_visits::table)
            .values((
                feed_visits::person_id.eq(person),
                feed_visits::seen_until.eq(now),
                feed_visits::last_visit_at.eq(now),
            ))
            .execute(conn);
        return match first {
            // Two first looks at once: the other one noted it.
            Ok(_)
            | Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        };
    };
    let seen_until = if now - last_visit > VISIT {
        last_visit
    } else {
        seen_until
    };
    diesel::update(feed_visits::table.find(person))
        .set((
            feed_visits::seen_until.eq(seen_until),
            feed_visits::last_visit_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Some(seen_until))
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
    clock: web::Data<crate::clock::Clock>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse, AppError> {
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.into_inner().cursor,
    }
    .parse()?;
    let (now, me) = (clock.now(), viewer.0.uid.clone());
    let first_page = page.after.is_none();
    let (mine, mut feed, announced, new_since) = db
        .run(move |c| {
            Ok((
                crate::communities::service::mine(c, &viewer.0)?,
                feed(c, &viewer.0, &page)?,
                if first_page {
                    announcements(c, &viewer.0, now)?
                } else {
                    Vec::new()
                },
                visit(c, viewer.0.id, now)?,
            ))
        })
        .await?;
    // An announcement pinned on top is not shown twice.
    feed.items.retain(|p| !announced.iter().any(|a| a.id == p.id));
    // New: written since the last visit, by someone else.
    let fresh: Vec<i64> = new_since.map_or_else(Vec::new, |since| {
        feed.items
            .iter()
            .filter(|p| p.created_at > since && p.author.as_ref().is_none_or(|a| a.uid != me))
            .map(|p| p.id)
            .collect()
    });
    let mut ctx = ui.context();
    ctx.insert("communities", &mine);
    ctx.insert("announcements", &announced);
    ctx.insert("fresh", &fresh);
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
