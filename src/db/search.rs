//! Full-text search: the one place where the two backends search differently. PostgreSQL uses
//! its german and english text search configurations on title and body; SQLite's FTS5 searches
//! German and English Snowball stems that the application computes (`stems`), titles weighted
//! above bodies on both.

use diesel::dsl::sql;
use diesel::prelude::*;
use std::collections::HashMap;

use diesel::sql_types::{BigInt, Bool, Double, Text};

use super::schema::search_documents;
use super::{DbBackend, DbConnection};

/// The German and English stems of every word, lower-cased, for SQLite's index.
pub fn stems(text: &str) -> String {
    words(text).into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// Per word of `text`: its distinct German and English stems.
fn words(text: &str) -> Vec<Vec<String>> {
    use rust_stemmers::{Algorithm, Stemmer};
    let german = Stemmer::create(Algorithm::German);
    let english = Stemmer::create(Algorithm::English);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let mut forms = vec![german.stem(&w).into_owned(), english.stem(&w).into_owned()];
            forms.dedup();
            forms
        })
        .collect()
}

/// An FTS5 query for `query`: every word must match, in either language's stem. Each stem is
/// quoted, so nothing the person typed is read as FTS5 syntax.
fn fts5_query(query: &str) -> Option<String> {
    let words = words(query);
    if words.is_empty() {
        return None;
    }
    Some(
        words
            .iter()
            .map(|forms| {
                let quoted: Vec<String> = forms
                    .iter()
                    .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                    .collect();
                format!("({})", quoted.join(" OR "))
            })
            .collect::<Vec<_>>()
            .join(" AND "),
    )
}

pub type Condition = Box<dyn BoxableExpression<search_documents::table, DbBackend, SqlType = Bool>>;

const PG_QUERY: &str = "(websearch_to_tsquery('german', ";
const PG_QUERY_EN: &str = ") || websearch_to_tsquery('english', ";

/// The condition "this search document matches `query`", for the backend in use; `None` when
/// the query has no words at all.
fn matcher(conn: &DbConnection, query: &str) -> Option<Condition> {
    match conn {
        DbConnection::Sqlite(_) => Some(Box::new(
            sql::<Bool>("search_documents.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ")
                .bind::<Text, _>(fts5_query(query)?)
                .sql(")"),
        )),
        DbConnection::Postgresql(_) => {
            if words(query).is_empty() {
                return None;
            }
            Some(Box::new(
                sql::<Bool>(&format!("search_documents.document @@ {PG_QUERY}"))
                    .bind::<Text, _>(query.to_string())
                    .sql(PG_QUERY_EN)
                    .bind::<Text, _>(query.to_string())
                    .sql("))"),
            ))
        }
    }
}

#[derive(QueryableByName)]
struct Ranked {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Double)]
    rank: f64,
}

/// How many of the newest matches are ranked: a word found in a tenth of everything is ranked
/// among its newest matches only, so that one search cannot occupy the server (BENCHMARKS.md).
pub const MOST_RANKED: i64 = 5_000;

/// The search documents that match `query` and that `permitted` lets through, best first
/// (titles weigh more than text; ties: newest first), among the newest `MOST_RANKED` matches.
/// `None` when the query has no words. Both passes are linear in the matches: no rank is
/// computed twice, nothing is parsed again.
pub fn ranked(conn: &mut DbConnection, query: &str, permitted: Condition) -> QueryResult<Option<Vec<i64>>> {
    let Some(matches) = matcher(conn, query) else {
        return Ok(None);
    };
    let found: Vec<i64> = search_documents::table
        .filter(matches)
        .filter(permitted)
        .order(search_documents::id.desc())
        .limit(MOST_RANKED)
        .select(search_documents::id)
        .load(conn)?;
    let Some(&oldest) = found.last() else {
        return Ok(Some(found));
    };
    let ranks: Vec<Ranked> = match conn {
        // bm25 is lower for better matches; titles count ten times the text.
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT rowid AS id, -bm25(search_fts, 10.0, 1.0) AS rank FROM search_fts \
             WHERE search_fts MATCH ? AND rowid >= ?",
        )
        .bind::<Text, _>(fts5_query(query).unwrap_or_default())
        .bind::<BigInt, _>(oldest)
        .load(c)?,
        DbConnection::Postgresql(c) => diesel::sql_query(format!(
            "SELECT id, ts_rank(document, {PG_QUERY}$1{PG_QUERY_EN}$2)))::float8 AS rank \
             FROM search_documents WHERE id = ANY($3)"
        ))
        .bind::<Text, _>(query)
        .bind::<Text, _>(query)
        .bind::<diesel::sql_types::Array<BigInt>, _>(&found)
        .load(c)?,
    };
    let rank: HashMap<i64, f64> = ranks.into_iter().map(|r| (r.id, r.rank)).collect();
    let mut found = found;
    found.sort_by(|a, b| {
        let (ra, rb) = (rank.get(a).copied().unwrap_or(0.0), rank.get(b).copied().unwrap_or(0.0));
        rb.total_cmp(&ra).then(b.cmp(a))
    });
    Ok(Some(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_in_their_stems() {
        assert_eq!(stems("Läufe"), stems("läufe"));
        assert!(stems("Die Läuferinnen laufen").contains(&words("Läuferin")[0][0]));
        assert!(stems("running meetings").contains(&words("meeting")[0][1]));
        assert_eq!(fts5_query("\"*) OR (x"), Some("(\"or\") AND (\"x\")".to_string()));
        assert_eq!(fts5_query("  *** "), None);
    }
}
