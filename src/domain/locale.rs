use std::fmt;

use super::Invalid;

/// The languages Allmende speaks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    utoipa::ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    De,
    En,
}

impl Locale {
    /// A number as this language writes it: whole ones without decimals ("10", not "10.0"),
    /// others with `decimals` after the language's mark ("2,5" in German).
    pub fn decimal(self, v: f64, decimals: usize) -> String {
        let decimals = if v.fract() == 0.0 { 0 } else { decimals };
        let s = format!("{v:.decimals$}");
        match self {
            Locale::De => s.replace('.', ","),
            Locale::En => s,
        }
    }

    pub const ALL: [Locale; 2] = [Locale::De, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    /// Accepts "de", "de-AT", "en_GB" and the like.
    pub fn parse(raw: &str) -> Result<Locale, Invalid> {
        let primary = raw.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" => Ok(Locale::De),
            "en" => Ok(Locale::En),
            _ => Err(Invalid::new("locale", "unknown-value")),
        }
    }

    /// The best language from an Accept-Language header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Ok(locale) = Locale::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Locale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Locale::parse(&s)
            .map_err(|_| serde::de::Error::custom(format!("unknown language `{s}`, expected `de` or `en`")))
    }
}

super::stored_as_text!(Locale, "locale", as_str);

/// An IANA time zone name such as "Europe/Berlin".
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct TimeZone(pub chrono_tz::Tz);

super::stored_as_text!(TimeZone, "timezone", name);

impl TimeZone {
    pub fn parse(raw: &str) -> Result<TimeZone, Invalid> {
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(TimeZone)
            .map_err(|_| Invalid::new("timezone", "unknown-value"))
    }

    /// A zone read back from the database, where only parsed zones are written; UTC guards a
    /// damaged row.
    pub fn stored(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap_or(TimeZone(chrono_tz::UTC))
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The zone as people name it, by its city in their language: "Wien", "New York".
    pub fn city(&self, locale: Locale) -> String {
        match self.name() {
            "UTC" => "UTC".to_string(),
            name => super::zone_names::city(name, locale),
        }
    }

    /// The zones a person picks from, as a select shows them: the usual ones first, then the
    /// others by region and city in the reader's language ("America/Argentina/Buenos_Aires" is
    /// "Buenos Aires (Argentinien)"). Aliases kept for old systems (`US/Eastern`, `Etc/GMT+1`,
    /// `CET`, `Europe/Kiev`) are left out; UTC is among the usual ones.
    pub fn choices(locale: Locale) -> Vec<ZoneGroup> {
        const USUAL: [&str; 6] = [
            "Europe/Berlin",
            "Europe/Vienna",
            "Europe/Zurich",
            "Europe/London",
            "America/New_York",
            "UTC",
        ];
        const REGIONS: [&str; 9] = [
            "Europe",
            "America",
            "Asia",
            "Africa",
            "Australia",
            "Pacific",
            "Atlantic",
            "Indian",
            "Antarctica",
        ];
        let choice = |name: &'static str| ZoneChoice {
            name,
            city: TimeZone::stored(name).city(locale),
        };
        let mut groups = vec![ZoneGroup {
            region: "usual",
            zones: USUAL.iter().map(|n| choice(n)).collect(),
        }];
        for region in REGIONS {
            let mut zones: Vec<ZoneChoice> = chrono_tz::TZ_VARIANTS
                .iter()
                .map(|tz| tz.name())
                .filter(|n| n.split('/').next() == Some(region) && n.contains('/') && !USUAL.contains(n))
                .filter(|n| !super::zone_names::is_legacy(n))
                .map(choice)
                .collect();
            zones.sort_by_cached_key(|z| super::zone_names::sort_key(&z.city));
            groups.push(ZoneGroup { region, zones });
        }
        groups
    }

    /// The choices, with `current` among the usual ones when it is an alias not offered
    /// otherwise: saving a form must not change a zone nobody touched.
    pub fn choices_with(current: &str, locale: Locale) -> Vec<ZoneGroup> {
        let mut groups = TimeZone::choices(locale);
        if let Ok(zone) = TimeZone::parse(current)
            && !groups.iter().any(|g| g.zones.iter().any(|z| z.name == zone.name()))
        {
            groups[0].zones.push(ZoneChoice {
                name: zone.name(),
                city: zone.city(locale),
            });
        }
        groups
    }

    /// A wall-clock time here (as a form's `datetime-local` sends it, `2026-03-29T02:30`) in
    /// UTC. A time the clocks skip is refused; one they pass twice is the earlier.
    pub fn local_to_utc(&self, field: &'static str, raw: &str) -> Result<chrono::NaiveDateTime, Invalid> {
        use chrono::TimeZone as _;
        let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|f| chrono::NaiveDateTime::parse_from_str(raw.trim(), f).ok())
            .ok_or(Invalid::new(field, "not-a-time"))?;
        self.0
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.naive_utc())
            .ok_or(Invalid::new(field, "skipped-time"))
    }

    /// A UTC time as the wall clock here shows it, as a `datetime-local` field takes it.
    pub fn utc_to_local(&self, utc: chrono::NaiveDateTime) -> String {
        use chrono::TimeZone as _;
        self.0.from_utc_datetime(&utc).format("%Y-%m-%dT%H:%M").to_string()
    }
}

/// Zones of one region for a select's group; `region` names it ("usual" for the first).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ZoneGroup {
    pub region: &'static str,
    pub zones: Vec<ZoneChoice>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ZoneChoice {
    pub name: &'static str,
    pub city: String,
}

impl<'de> serde::Deserialize<'de> for TimeZone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeZone::parse(&s).map_err(|_| serde::de::Error::custom(format!("unknown time zone `{s}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(Locale::negotiate("en-US,en;q=0.9,de;q=0.8"), Some(Locale::En));
        assert_eq!(Locale::negotiate("fr, de-CH;q=0.5, en;q=0.3"), Some(Locale::De));
        assert_eq!(Locale::negotiate("fr, it"), None);
        assert_eq!(Locale::negotiate("de;q=0, en;q=0.1"), Some(Locale::En));
    }

    #[test]
    fn zones_are_offered_by_region_and_city() {
        let groups = TimeZone::choices(Locale::En);
        assert_eq!(groups[0].region, "usual");
        assert_eq!(groups[0].zones[0].city, "Berlin");
        let german = TimeZone::choices(Locale::De);
        assert_eq!(german[0].zones[1].city, "Wien");
        let europe: Vec<&str> = german[1].zones.iter().map(|z| z.city.as_str()).collect();
        assert!(europe.contains(&"Kiew") && europe.contains(&"Oslo"), "{europe:?}");
        assert_eq!(europe.iter().filter(|c| **c == "Kiew").count(), 1, "offered once");
        let all: Vec<&ZoneChoice> = groups.iter().flat_map(|g| &g.zones).collect();
        assert!(all.iter().any(|z| z.city == "Buenos Aires (Argentina)"));
        assert!(
            !all.iter().any(|z| z.name == "Europe/Kiev"),
            "old spellings are not offered"
        );
        assert!(all.iter().any(|z| z.city == "New York"));
        assert!(
            !all.iter()
                .any(|z| z.name.starts_with("Etc/") || z.name.starts_with("US/"))
        );
        let berlin = all.iter().filter(|z| z.name == "Europe/Berlin").count();
        assert_eq!(berlin, 1, "offered once");
        assert!(all.len() > 300, "every zone people live in: {}", all.len());
        assert!(all.iter().all(|z| TimeZone::parse(z.name).is_ok()));
        let with_alias = TimeZone::choices_with("CET", Locale::En);
        assert_eq!(with_alias[0].zones.last().unwrap().name, "CET");
        assert_eq!(
            TimeZone::choices_with("Europe/Berlin", Locale::En)[0].zones.len(),
            groups[0].zones.len()
        );
    }

    #[test]
    fn numbers_are_written_as_the_language_writes_them() {
        assert_eq!(Locale::De.decimal(10.0, 1), "10");
        assert_eq!(Locale::De.decimal(2.5, 1), "2,5");
        assert_eq!(Locale::En.decimal(2.25, 1), "2.2");
    }

    #[test]
    fn time_zones() {
        assert_eq!(TimeZone::parse("Europe/Berlin").unwrap().name(), "Europe/Berlin");
        assert!(TimeZone::parse("Mars/Olympus").is_err());
        let berlin = TimeZone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            berlin.local_to_utc("t", "2026-07-01T12:00").unwrap().to_string(),
            "2026-07-01 10:00:00"
        );
        assert_eq!(
            berlin.local_to_utc("t", "2026-03-29T02:30").unwrap_err().code,
            "skipped-time"
        );
        assert_eq!(
            berlin.local_to_utc("t", "2026-10-25T02:30").unwrap().to_string(),
            "2026-10-25 00:30:00"
        );
        assert_eq!(berlin.local_to_utc("t", "morgen").unwrap_err().code, "not-a-time");
    }
}
