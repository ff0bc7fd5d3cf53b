//! `/search`: the search page.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::service;
use crate::api::pagination::PageParams;
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::web::Ui;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/search", web::get().to(search));
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    cursor: Option<String>,
}

async fn search(
    viewer: Viewer,
    ui: Ui,
    db: web::Data<Db>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let q = query.q.unwrap_or_default();
    let page = PageParams {
        limit: Some("20".into()),
        cursor: query.cursor,
    }
    .parse()?;
    let text = q.clone();
    let results = db.run(move |c| service::search(c, &viewer.0, &text, &page)).await?;
    let next = results.next_cursor.as_ref().map(|cursor| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", &q).append_pair("cursor", cursor);
        format!("/search?{}", query.finish())
    });
    let marked: Vec<Vec<Piece>> = results.items.iter().map(|h| marked(&h.excerpt, &q)).collect();
    let mut ctx = ui.context();
    ctx.insert("q", &q);
    ctx.insert("results", &results);
    ctx.insert("marked", &marked);
    ctx.insert("next_url", &next);
    ui.render("search.html", &ctx)
}

/// A piece of an excerpt, and whether it is one of the words searched for (shown marked).
#[derive(Debug, PartialEq, serde::Serialize)]
struct Piece {
    text: String,
    hit: bool,
}

/// `text` cut into pieces at the words of `query` (each of at least two letters, in any case).
fn marked(text: &str, query: &str) -> Vec<Piece> {
    let lower = text.to_lowercase();
    let words: Vec<String> = query
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 2)
        .collect();
    // Lower-casing can change a text's length (İ): then nothing is marked rather than mis-cut.
    if words.is_empty() || lower.len() != text.len() {
        return vec![Piece {
            text: text.to_string(),
            hit: false,
        }];
    }
    let mut hits: Vec<(usize, usize)> = words
        .iter()
        .flat_map(|w| lower.match_indices(w.as_str()).map(|(at, m)| (at, at + m.len())))
        .collect();
    hits.sort_unstable();
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end) in hits {
        if start < at {
            continue;
        }
        if start > at {
            pieces.push(Piece {
                text: text[at..start].to_string(),
                hit: false,
            });
        }
        pieces.push(Piece {
            text: text[start..end].to_string(),
            hit: true,
        });
        at = end;
    }
    if at < text.len() {
        pieces.push(Piece {
            text: text[at..].to_string(),
            hit: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_searched_for_are_marked() {
        let hit = |t: &str| Piece {
            text: t.into(),
            hit: true,
        };
        let plain = |t: &str| Piece {
            text: t.into(),
            hit: false,
        };
        assert_eq!(
            marked("Der Lauf am Fluss, laufen macht Spaß", "lauf"),
            vec![
                plain("Der "),
                hit("Lauf"),
                plain(" am Fluss, "),
                hit("lauf"),
                plain("en macht Spaß")
            ]
        );
        assert_eq!(marked("Straße", "e"), vec![plain("Straße")], "one letter marks nothing");
        assert_eq!(
            marked("Grüße aus Köln", "köln grüße"),
            vec![hit("Grüße"), plain(" aus "), hit("Köln")]
        );
    }
}
