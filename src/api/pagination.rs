//! Keyset pagination shared by every list: `limit` (default 50, at most 200) and an opaque
//! `cursor` holding the sort key of the last item seen.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::domain::Invalid;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A validated page request: how many, and after which sort key.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<Vec<String>>,
}

impl PageRequest {
    pub fn first(limit: i64) -> PageRequest {
        PageRequest { limit, after: None }
    }

    /// The sort key the cursor carries, when there is one: exactly `N` parts, as the list that
    /// made it writes them; any other cursor is malformed.
    pub fn keys<const N: usize>(&self) -> Result<Option<[&str; N]>, Invalid> {
        let Some(parts) = &self.after else { return Ok(None) };
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        <[&str; N]>::try_from(parts).map(Some).map_err(|_| malformed())
    }

    /// The id after which a list sorted by id goes on (the commonest cursor).
    pub fn after_id(&self) -> Result<Option<i64>, Invalid> {
        self.keys::<1>()?.map(|[id]| parse_id_key(id)).transpose()
    }
}

fn malformed() -> Invalid {
    Invalid::new("cursor", "malformed")
}

impl PageParams {
    pub fn parse(&self) -> Result<PageRequest, Invalid> {
        let limit = match self.limit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(s) => match s.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => return Err(Invalid::new("limit", "out-of-range")),
            },
        };
        let after = match self.cursor.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => Some(decode_cursor(c).ok_or_else(malformed)?),
        };
        Ok(PageRequest { limit, after })
    }
}

const TIME_KEY: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// A timestamp as a cursor's sort key.
pub fn time_key(at: chrono::NaiveDateTime) -> String {
    at.format(TIME_KEY).to_string()
}

/// A cursor's timestamp key, back.
pub fn parse_time_key(key: &str) -> Result<chrono::NaiveDateTime, Invalid> {
    chrono::NaiveDateTime::parse_from_str(key, TIME_KEY).map_err(|_| malformed())
}

/// A cursor's date key (`2026-12-03`), back.
pub fn parse_date_key(key: &str) -> Result<chrono::NaiveDate, Invalid> {
    chrono::NaiveDate::parse_from_str(key, "%Y-%m-%d").map_err(|_| malformed())
}

/// A cursor's id key, back.
pub fn parse_id_key(key: &str) -> Result<i64, Invalid> {
    key.parse().map_err(|_| malformed())
}

pub fn encode_cursor(key: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

fn decode_cursor(c: &str) -> Option<Vec<String>> {
    let bytes = URL_SAFE_NO_PAD.decode(c.as_bytes()).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// One page of a list, as the API returns it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// How many there are in all; left out of streams (feed, topic pages), where counting
    /// would cost more than the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl<T> Paged<T> {
    /// `rows` was fetched with `limit + 1` to learn whether more follow.
    pub fn from_rows(
        mut rows: Vec<T>,
        limit: i64,
        total: impl Into<Option<i64>>,
        key: impl Fn(&T) -> Vec<String>,
    ) -> Paged<T> {
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|last| encode_cursor(&key(last)))
        } else {
            None
        };
        Paged {
            items: rows,
            next_cursor,
            total: total.into(),
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        let p = |l: &str| {
            PageParams {
                limit: Some(l.into()),
                cursor: None,
            }
            .parse()
        };
        assert_eq!(p("").unwrap().limit, 50);
        assert_eq!(p("200").unwrap().limit, 200);
        assert!(p("201").is_err());
        assert!(p("0").is_err());
        assert!(p("x").is_err());
    }

    #[test]
    fn cursor_round_trip() {
        let c = encode_cursor(&["Müller".into(), "mmueller".into()]);
        let parsed = PageParams {
            limit: None,
            cursor: Some(c),
        }
        .parse()
        .unwrap();
        assert_eq!(
            parsed.after.unwrap(),
            vec!["Müller".to_string(), "mmueller".to_string()]
        );
        assert!(
            PageParams {
                limit: None,
                cursor: Some("%%%".into())
            }
            .parse()
            .is_err()
        );
    }

    #[test]
    fn a_cursor_has_the_parts_its_list_wrote() {
        let page = |key: &[&str]| PageRequest {
            limit: 10,
            after: Some(key.iter().map(|k| k.to_string()).collect()),
        };
        assert_eq!(page(&["Müller", "mm"]).keys::<2>().unwrap(), Some(["Müller", "mm"]));
        assert!(page(&["Müller"]).keys::<2>().is_err());
        assert_eq!(page(&["42"]).after_id().unwrap(), Some(42));
        assert!(page(&["42", "1"]).after_id().is_err());
        assert!(page(&["x"]).after_id().is_err());
        assert_eq!(PageRequest::first(10).after_id().unwrap(), None);
    }
}
