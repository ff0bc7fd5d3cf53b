//! Messages in German and English (fluent files under `locales/`), for pages, mail and errors.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::domain::Locale;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks would end up inside HTML attributes and mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DE: LanguageIdentifier = langid!("de");
static EN: LanguageIdentifier = langid!("en");

fn langid(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::De => &DE,
        Locale::En => &EN,
    }
}

pub fn t(locale: Locale, key: &str) -> String {
    LOCALES.lookup(langid(locale), key)
}

pub fn t_args(locale: Locale, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Owned(k.to_string()), v.clone()))
        .collect();
    LOCALES.lookup_with_args(langid(locale), key, &map)
}

/// Whether a message exists in that language (used by the tests that keep both files in step).
pub fn has(locale: Locale, key: &str) -> bool {
    LOCALES.try_lookup(langid(locale), key).is_some()
}

/// `{{ t(key="nav-home", name=person.display_name) }}` in templates, in the page's `lang`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function(
        "t",
        |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = state
                .get::<String>("lang")?
                .and_then(|l| Locale::parse(&l).ok())
                .unwrap_or(Locale::En);
            let args: Vec<(String, FluentValue<'static>)> = kwargs
                .iter()
                .filter_map(|(k, v)| {
                    let name = k.as_str()?.to_string();
                    (name != "key").then(|| {
                        let value = match v.as_i64() {
                            Some(n) => FluentValue::from(n),
                            None => FluentValue::from(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())),
                        };
                        (name, value)
                    })
                })
                .collect();
            if args.is_empty() {
                return Ok(t(lang, &key));
            }
            let borrowed: Vec<(&str, FluentValue<'static>)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            Ok(t_args(lang, &key, &borrowed))
        },
    );
}
