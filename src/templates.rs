//! Page templates (tera, autoescaped) loaded once at start.

use chrono::Datelike;
use tera::{Context, Tera};

use crate::error::AppError;

pub struct Templates {
    tera: Tera,
}

impl Templates {
    pub fn load(dir: &str) -> Result<Templates, String> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        crate::i18n::register(&mut tera);
        tera.register_filter("local_time", local_time);
        tera.register_filter("ago", ago);
        tera.register_filter("day", day);
        tera.register_filter("wall", wall);
        tera.register_filter("zone", zone);
        tera.register_filter("initials", |name: &str, _: tera::Kwargs, _: &tera::State| {
            initials(name)
        });
        tera.register_filter("tint", |key: &str, _: tera::Kwargs, _: &tera::State| tint(key));
        tera.register_filter("monogram", |name: &str, _: tera::Kwargs, _: &tera::State| {
            monogram(name)
        });
        // Pages and mails (`.html`, escaped) and the plain-text parts of mails (`.txt`).
        tera.load_from_glob(&format!("{}/**/*", dir.trim_end_matches('/')))
            .map_err(|e| format!("cannot load templates from {dir}: {e}"))?;
        // A glob that matches nothing (a wrong working directory) would fail only at the first page.
        if tera.get_template_names().next().is_none() {
            return Err(format!("cannot load templates from {dir}: none found"));
        }
        Ok(Templates { tera })
    }

    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, AppError> {
        self.tera
            .render(name, ctx)
            .map_err(|e| AppError::internal(anyhow::anyhow!("template {name}: {e:#}")))
    }
}

/// Up to two letters for an avatar or emblem: the first of the first and of the last word
/// ("Anna Maria Schmidt" is "AS"), or the first two of a single word.
/// A community's emblem letters: one word gives its first letter ("Entwicklung" is "E", not
/// "EN", which reads as a language), more give their initials as a person's do.
fn monogram(name: &str) -> String {
    if name.split_whitespace().count() == 1 {
        initials(name).chars().take(1).collect()
    } else {
        initials(name)
    }
}

fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let first = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .into_iter()
            .flat_map(char::to_uppercase)
    };
    match words.as_slice() {
        [] => "?".into(),
        [one] => one
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect(),
        [head, .., last] => first(head).chain(first(last)).collect(),
    }
}

/// One of the ten avatar colours (`.av-0` … `.av-9`, each with white text at 4.5:1 or more),
/// the same for the same key on every page and every node (FNV-1a, not the std hasher, whose
/// seed differs per process).
fn tint(key: &str) -> u32 {
    let hash = key
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % 10
}

/// `{{ post.created_at | ago }}`: a stored UTC time as people say it ("vor 5 Minuten").
fn ago(value: &str, _: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let utc = parse_stored(value)?;
    let (tz, locale) = reader(state)?;
    Ok(crate::web::when::relative(utc, chrono::Utc::now(), tz, locale))
}

fn parse_stored(value: &str) -> tera::TeraResult<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|e| tera::Error::message(format!("`{value}` is not a time: {e}")))
}

/// The page's time zone (`tz`) and language (`lang`).
fn reader(state: &tera::State) -> tera::TeraResult<(chrono_tz::Tz, crate::domain::Locale)> {
    let tz = state
        .get::<String>("tz")?
        .and_then(|t| t.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC);
    let locale = match state.get::<String>("lang")?.as_deref() {
        Some("de") => crate::domain::Locale::De,
        _ => crate::domain::Locale::En,
    };
    Ok((tz, locale))
}

/// `{{ post.created_at | local_time }}`: a stored UTC time (with its `Z` as JSON writes it, or
/// without) in the page's time zone (`tz`) and the page language's date format.
fn local_time(value: &str, _: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let utc = parse_stored(value)?;
    let (tz, locale) = reader(state)?;
    Ok(clock_time(utc.and_utc().with_timezone(&tz).naive_local(), locale))
}

/// "3. Dez. 2026, 14:10" / "Dec 3, 2026, 14:10".
fn clock_time(local: chrono::NaiveDateTime, locale: crate::domain::Locale) -> String {
    format!(
        "{}, {}",
        crate::web::when::date(local.date(), true, locale),
        local.format("%H:%M")
    )
}

/// `{{ task.due_on | day }}`: a calendar day ("2026-12-14") as people write it, with the year
/// only when it is not this one: "14. Dez." / "Dec 14".
fn day(value: &str, _: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let day = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|e| tera::Error::message(format!("`{value}` is not a day: {e}")))?;
    let (tz, locale) = reader(state)?;
    let this_year = chrono::Utc::now().with_timezone(&tz).year();
    Ok(crate::web::when::date(day, day.year() != this_year, locale))
}

/// `{{ meeting.starts_local | wall }}`: a time on the wall clock of the event's own zone
/// ("2026-12-10T14:00"), as people write it: "10. Dez. 2026, 14:00". The end of a span on the
/// same day, `{{ ends | wall(since=starts) }}`, is its time alone.
fn wall(value: &str, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let local = parse_wall(value)?;
    if let Some(since) = kwargs.get::<&str>("since")?
        && parse_wall(since)?.date() == local.date()
    {
        return Ok(local.format("%H:%M").to_string());
    }
    Ok(clock_time(local, reader(state)?.1))
}

fn parse_wall(value: &str) -> tera::TeraResult<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M"))
        .map_err(|e| tera::Error::message(format!("`{value}` is not a local time: {e}")))
}

/// `{{ ama.time_zone | zone }}`: a zone as people name it, by its city in the page's
/// language: "Europe/Vienna" is "Wien" on a German page.
fn zone(name: &str, _: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    Ok(crate::domain::TimeZone::stored(name).city(reader(state)?.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avatars_get_initials_and_a_steady_colour() {
        assert_eq!(initials("Anna Maria Schmidt"), "AS");
        assert_eq!(initials("  hanna "), "HA");
        assert_eq!(initials("Özlem (Vertrieb) Yılmaz"), "ÖY");
        assert_eq!(initials(""), "?");
        assert_eq!(monogram("Entwicklung"), "E");
        assert_eq!(monogram("Projekt Phoenix"), "PP");
        assert_eq!(tint("anna"), tint("anna"));
        assert!((0..10).contains(&tint("")));
        let spread: std::collections::HashSet<u32> = ["anna", "bernd", "carla", "dieter", "emil", "frida"]
            .iter()
            .map(|k| tint(k))
            .collect();
        assert!(spread.len() >= 4, "{spread:?}");
    }
}
