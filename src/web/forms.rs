//! Links that pages build from what people sent: redirect targets and "next page" links.

use crate::api::pagination::Paged;
use crate::error::AppError;

/// A local path to go back to after a form; anything else becomes `/`. Browsers drop tabs and
/// line breaks from a `Location` and read `\\` as `/`, so `/\t/evil.example` would leave the
/// site: a path qualifies only without control characters and backslashes, and only when it
/// parses, against our own origin, as a path on that origin that does not start with `//`.
pub fn local_path(next: Option<&str>) -> String {
    next.and_then(same_origin_path).unwrap_or_else(|| "/".to_string())
}

fn same_origin_path(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.starts_with("//") || next.contains('\\') || next.contains(char::is_control) {
        return None;
    }
    let origin = url::Url::parse("http://allmende.invalid/").ok()?;
    let joined = origin.join(next).ok()?;
    if joined.origin() != origin.origin() || joined.path().starts_with("//") {
        return None;
    }
    // What the browser will request, percent-encoded as it would be: safe in a header.
    Some(joined[url::Position::BeforePath..].to_string())
}

/// The link to the following page of a list, keeping the filters.
/// Errors a form shows next to what was typed; others become an error page.
pub fn shown_on_form(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid(_) | AppError::Conflict { .. } | AppError::Forbidden { .. }
    )
}

pub fn next_url<T>(path: &str, params: &[(&str, Option<&str>)], page: &Paged<T>) -> Option<String> {
    let cursor = page.next_cursor.as_deref()?;
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            query.append_pair(k, v);
        }
    }
    query.append_pair("cursor", cursor);
    Some(format!("{path}?{}", query.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths() {
        assert_eq!(local_path(Some("/c/laufen")), "/c/laufen");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
        assert_eq!(local_path(Some("/\t/127.0.0.1:18999/x")), "/");
        assert_eq!(local_path(Some("/\r\n/evil")), "/");
        assert_eq!(local_path(Some("/%2F%2Fevil")), "/%2F%2Fevil");
        assert_eq!(local_path(Some("/./\u{0}/evil")), "/");
        assert_eq!(local_path(Some("/c/l\u{e4}ufer?tab=1#x")), "/c/l%C3%A4ufer?tab=1#x");
        assert_eq!(local_path(Some("/a/..//evil")), "/");
    }
}

/// The upvote buttons (AMA questions, Q&A questions and answers) send `up=1` to vote and
/// `up=0` to take the vote back.
#[derive(Debug, serde::Deserialize)]
pub struct VoteForm {
    up: String,
}

impl VoteForm {
    pub fn up(&self) -> Result<bool, crate::domain::Invalid> {
        match self.up.as_str() {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(crate::domain::Invalid::new("up", "unknown-value")),
        }
    }
}

/// `?done=…` on the page a form redirected to: which of the page's own success notices it
/// shows ("Ihre Änderungen sind gespeichert."); anything else shows none.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

impl Done {
    pub fn among(&self, known: &[&'static str]) -> Option<&'static str> {
        let done = self.done.as_deref()?;
        known.iter().copied().find(|k| *k == done)
    }
}
