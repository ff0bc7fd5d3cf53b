//! Time zones as people name them. The IANA database names a zone by a city in English
//! ("Europe/Vienna") and keeps old spellings as links for systems that stored them
//! ("Europe/Kiev" beside "Europe/Kyiv", "Asia/Calcutta" beside "Asia/Kolkata"). A German page
//! says "Wien" and offers each place once; the links still parse, so a zone saved under an old
//! name keeps working.

use super::Locale;

/// Names the tz database keeps only for compatibility (its `backward` file: the pre-1993 and
/// 1995 renamings, alternate spellings, and places that duplicate another since 1970). Merged
/// zones such as Oslo or Amsterdam stay offered: people there look for their own city.
const LEGACY: [&str; 71] = [
    "Africa/Asmera",
    "Africa/Timbuktu",
    "America/Argentina/ComodRivadavia",
    "America/Atka",
    "America/Buenos_Aires",
    "America/Catamarca",
    "America/Coral_Harbour",
    "America/Cordoba",
    "America/Ensenada",
    "America/Fort_Wayne",
    "America/Godthab",
    "America/Indianapolis",
    "America/Jujuy",
    "America/Knox_IN",
    "America/Louisville",
    "America/Mendoza",
    "America/Montreal",
    "America/Nipigon",
    "America/Pangnirtung",
    "America/Porto_Acre",
    "America/Rainy_River",
    "America/Rosario",
    "America/Santa_Isabel",
    "America/Shiprock",
    "America/Thunder_Bay",
    "America/Virgin",
    "America/Yellowknife",
    "Antarctica/South_Pole",
    "Asia/Ashkhabad",
    "Asia/Calcutta",
    "Asia/Choibalsan",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Dacca",
    "Asia/Harbin",
    "Asia/Istanbul",
    "Asia/Kashgar",
    "Asia/Katmandu",
    "Asia/Macao",
    "Asia/Rangoon",
    "Asia/Saigon",
    "Asia/Tel_Aviv",
    "Asia/Thimbu",
    "Asia/Ujung_Pandang",
    "Asia/Ulan_Bator",
    "Atlantic/Faeroe",
    "Atlantic/Jan_Mayen",
    "Australia/ACT",
    "Australia/Canberra",
    "Australia/Currie",
    "Australia/LHI",
    "Australia/NSW",
    "Australia/North",
    "Australia/Queensland",
    "Australia/South",
    "Australia/Tasmania",
    "Australia/Victoria",
    "Australia/West",
    "Australia/Yancowinna",
    "Europe/Belfast",
    "Europe/Kiev",
    "Europe/Nicosia",
    "Europe/Tiraspol",
    "Europe/Uzhgorod",
    "Europe/Zaporozhye",
    "Pacific/Enderbury",
    "Pacific/Johnston",
    "Pacific/Ponape",
    "Pacific/Samoa",
    "Pacific/Truk",
    "Pacific/Yap",
];

/// Whether a zone name is one of the compatibility links, not offered in a choice.
pub(super) fn is_legacy(name: &str) -> bool {
    LEGACY.contains(&name)
}

/// German names of places (and of the countries in three-part names) where German does not use
/// the English one.
const GERMAN: [(&str, &str); 63] = [
    ("Addis_Ababa", "Addis Abeba"),
    ("Algiers", "Algier"),
    ("Argentina", "Argentinien"),
    ("Astrakhan", "Astrachan"),
    ("Asuncion", "Asunción"),
    ("Athens", "Athen"),
    ("Azores", "Azoren"),
    ("Baghdad", "Bagdad"),
    ("Belgrade", "Belgrad"),
    ("Bogota", "Bogotá"),
    ("Brussels", "Brüssel"),
    ("Bucharest", "Bukarest"),
    ("Busingen", "Büsingen"),
    ("Cairo", "Kairo"),
    ("Canary", "Kanaren"),
    ("Cape_Verde", "Kap Verde"),
    ("Chisinau", "Chișinău"),
    ("Copenhagen", "Kopenhagen"),
    ("Damascus", "Damaskus"),
    ("Faroe", "Färöer"),
    ("Havana", "Havanna"),
    ("Ho_Chi_Minh", "Ho-Chi-Minh-Stadt"),
    ("Hong_Kong", "Hongkong"),
    ("Jamaica", "Jamaika"),
    ("Karachi", "Karatschi"),
    ("Khartoum", "Khartum"),
    ("Kirov", "Kirow"),
    ("Krasnoyarsk", "Krasnojarsk"),
    ("Kyiv", "Kiew"),
    ("Lisbon", "Lissabon"),
    ("Luxembourg", "Luxemburg"),
    ("Mexico_City", "Mexiko-Stadt"),
    ("Moscow", "Moskau"),
    ("Muscat", "Maskat"),
    ("Novosibirsk", "Nowosibirsk"),
    ("Prague", "Prag"),
    ("Qatar", "Katar"),
    ("Reykjavik", "Reykjavík"),
    ("Riyadh", "Riad"),
    ("Rome", "Rom"),
    ("Sao_Paulo", "São Paulo"),
    ("Saratov", "Saratow"),
    ("Singapore", "Singapur"),
    ("South_Georgia", "Südgeorgien"),
    ("Tashkent", "Taschkent"),
    ("Tbilisi", "Tiflis"),
    ("Tehran", "Teheran"),
    ("Tirane", "Tirana"),
    ("Tokyo", "Tokio"),
    ("Tripoli", "Tripolis"),
    ("Ulaanbaatar", "Ulan-Bator"),
    ("Ulyanovsk", "Uljanowsk"),
    ("Vatican", "Vatikanstadt"),
    ("Vienna", "Wien"),
    ("Vladivostok", "Wladiwostok"),
    ("Volgograd", "Wolgograd"),
    ("Warsaw", "Warschau"),
    ("Yakutsk", "Jakutsk"),
    ("Yekaterinburg", "Jekaterinburg"),
    ("Yerevan", "Eriwan"),
    ("Zurich", "Zürich"),
    ("Kolkata", "Kalkutta"),
    ("Taipei", "Taipeh"),
];

/// A part of a zone name in the reader's language: "Vienna" is "Wien" in German.
fn place(part: &str, locale: Locale) -> String {
    let german = match locale {
        Locale::De => GERMAN.iter().find(|(en, _)| *en == part).map(|(_, de)| *de),
        Locale::En => None,
    };
    german.map(str::to_string).unwrap_or_else(|| part.replace('_', " "))
}

/// A zone's city, with the country where the name has one: "Buenos Aires (Argentinien)".
pub(super) fn city(name: &str, locale: Locale) -> String {
    let parts: Vec<String> = name.split('/').skip(1).map(|p| place(p, locale)).collect();
    match parts.as_slice() {
        [] => name.to_string(),
        [city] => city.clone(),
        [country, city, ..] => format!("{city} ({country})"),
    }
}

/// How cities sort in a list people scan: without case and accents ("Zürich" among the Z, not
/// after them).
pub(super) fn sort_key(city: &str) -> String {
    city.to_lowercase()
        .chars()
        .map(|c| match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'ș' | 'ş' => 's',
            'ă' => 'a',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_in_the_language() {
        assert_eq!(city("Europe/Vienna", Locale::De), "Wien");
        assert_eq!(city("Europe/Vienna", Locale::En), "Vienna");
        assert_eq!(
            city("America/Argentina/Buenos_Aires", Locale::De),
            "Buenos Aires (Argentinien)"
        );
        assert_eq!(city("America/New_York", Locale::De), "New York");
        assert_eq!(city("Europe/Berlin", Locale::De), "Berlin");
        assert!(is_legacy("Europe/Kiev") && !is_legacy("Europe/Kyiv") && !is_legacy("Europe/Oslo"));
        assert!(GERMAN.iter().all(|(en, _)| !en.contains(' ')));
        assert!(sort_key("Zürich") < sort_key("Zypern") && sort_key("Zürich") > sort_key("Zagreb"));
    }
}
