//! Links that pages build from what people sent: redirect targets and "next page" links.

use crate::api::pagination::Paged;
use crate::error::AppError;

/// A local path to go back to after a form; anything else (other hosts, `//evil`) becomes `/`.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains(['\r', '\n']) => {
            p.to_string()
        }
        _ => "/".to_string(),
    }
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
