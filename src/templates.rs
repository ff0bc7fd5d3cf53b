//! Page templates (tera, autoescaped) loaded once at start.

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

/// `{{ post.created_at | local_time }}`: a stored UTC time (with its `Z` as JSON writes it, or
/// without) in the page's time zone (`tz`) and the page language's date format.
fn local_time(value: &str, _: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let utc = chrono::NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|e| tera::Error::message(format!("local_time: `{value}` is not a time: {e}")))?;
    let tz = state
        .get::<String>("tz")?
        .and_then(|t| t.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC);
    let local = utc.and_utc().with_timezone(&tz);
    let format = match state.get::<String>("lang")?.as_deref() {
        Some("de") => "%d.%m.%Y %H:%M",
        _ => "%Y-%m-%d %H:%M",
    };
    Ok(local.format(format).to_string())
}
