//! Full-text search: the one place where the two backends search differently. PostgreSQL uses
//! its german and english text search configurations on title and body; SQLite's FTS5 searches
//! German and English Snowball stems that the application computes (`stems`), titles weighted
//! above bodies on both.

use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Double, Text};

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
pub type Rank = Box<dyn BoxableExpression<search_documents::table, DbBackend, SqlType = Double>>;

const PG_DOCUMENT: &str = "(setweight(to_tsvector('german', search_documents.title), 'A') \
    || setweight(to_tsvector('english', search_documents.title), 'A') \
    || setweight(to_tsvector('german', search_documents.body), 'B') \
    || setweight(to_tsvector('english', search_documents.body), 'B'))";
const PG_QUERY: &str = "(websearch_to_tsquery('german', ";
const PG_QUERY_EN: &str = ") || websearch_to_tsquery('english', ";

/// The condition "this search document matches `query`" and the rank to order by (higher is
/// better), for the backend in use; `None` when the query has no words at all.
pub fn matcher(conn: &DbConnection, query: &str) -> Option<(Condition, Rank)> {
    match conn {
        DbConnection::Sqlite(_) => {
            let q = fts5_query(query)?;
            Some((
                Box::new(
                    sql::<Bool>("search_documents.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ")
                        .bind::<Text, _>(q.clone())
                        .sql(")"),
                ),
                // bm25 with titles weighted ten times the body; lower is better.
                Box::new(
                    sql::<Double>("-(SELECT bm25(search_fts, 10.0, 1.0) FROM search_fts WHERE search_fts MATCH ")
                        .bind::<Text, _>(q)
                        .sql(" AND rowid = search_documents.id)"),
                ),
            ))
        }
        DbConnection::Postgresql(_) => {
            if words(query).is_empty() {
                return None;
            }
            let tsquery = |s: SqlLiteral<Bool>| {
                s.bind::<Text, _>(query.to_string())
                    .sql(PG_QUERY_EN)
                    .bind::<Text, _>(query.to_string())
                    .sql("))")
            };
            Some((
                Box::new(tsquery(sql::<Bool>(&format!("{PG_DOCUMENT} @@ {PG_QUERY}")))),
                Box::new(
                    sql::<Double>(&format!("ts_rank({PG_DOCUMENT}, {PG_QUERY}"))
                        .bind::<Text, _>(query.to_string())
                        .sql(PG_QUERY_EN)
                        .bind::<Text, _>(query.to_string())
                        .sql(")))::float8"),
                ),
            ))
        }
    }
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
