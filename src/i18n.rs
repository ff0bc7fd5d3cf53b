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
/// Strict: no fallback to the other language; a message that needs arguments still counts.
pub fn has(locale: Locale, key: &str) -> bool {
    // fluent-templates does not export its LookupError; a formatting error (missing
    // arguments) means the message exists, any other error that it does not.
    match LOCALES.lookup_single_language::<&str>(langid(locale), key, None) {
        Ok(_) => true,
        Err(e) => e.to_string().starts_with("Fluent errors"),
    }
}

/// `{{ t(key="nav-home", name=person.display_name) }}` in templates, in the page's `lang`;
/// `default="…"` is shown when there is no such message.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function(
        "t",
        |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = state
                .get::<String>("lang")?
                .and_then(|l| Locale::parse(&l).ok())
                .unwrap_or(Locale::En);
            // Names configured by the operator (e.g. status areas) have no message: shown as written.
            if let Some(default) = kwargs.get::<String>("default")?
                && !has(lang, &key)
            {
                return Ok(default);
            }
            let args: Vec<(String, FluentValue<'static>)> = kwargs
                .iter()
                .filter_map(|(k, v)| {
                    let name = k.as_str()?.to_string();
                    (name != "key" && name != "default").then(|| {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::{CommunityKind, JoinPolicy, MembershipState, Role, Visibility};

    fn message_ids(lang: &str) -> BTreeSet<String> {
        let text = std::fs::read_to_string(format!("locales/{lang}/main.ftl")).unwrap();
        text.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let de = message_ids("de");
        let en = message_ids("en");
        assert!(de.len() > 50);
        assert_eq!(
            de.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "only in German"
        );
        assert_eq!(
            en.difference(&de).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "only in English"
        );
    }

    #[test]
    fn every_key_the_templates_use_exists() {
        let mut keys = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from("templates")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for piece in text.split("t(key=").skip(1) {
                    let quote = piece.chars().next().unwrap();
                    let rest = &piece[1..];
                    let key = &rest[..rest.find(quote).unwrap()];
                    // "kind-" ~ c.kind and the like are checked below, per enum.
                    if !piece[1 + key.len() + 1..].trim_start().starts_with('~') {
                        keys.insert(key.to_string());
                    }
                }
            }
        }
        let enums = [
            (
                "kind-",
                CommunityKind::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            ),
            ("visibility-", Visibility::ALL.iter().map(|v| v.as_str()).collect()),
            ("join-", JoinPolicy::ALL.iter().map(|v| v.as_str()).collect()),
            ("state-", MembershipState::ALL.iter().map(|v| v.as_str()).collect()),
            ("you-are-", MembershipState::ALL.iter().map(|v| v.as_str()).collect()),
            ("role-", Role::ALL.iter().map(|v| v.as_str()).collect()),
        ];
        for (prefix, values) in enums {
            keys.extend(values.iter().map(|v| format!("{prefix}{v}")));
        }
        assert!(keys.contains("login-title"));
        for key in &keys {
            for locale in Locale::ALL {
                assert!(has(locale, key), "`{key}` is missing in {locale}");
            }
        }
    }
}
