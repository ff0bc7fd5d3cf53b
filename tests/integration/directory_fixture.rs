//! A realistic directory of a German company, as LDIF: umlauts and ß, commas in DNs, people
//! without mail, a head of two departments, nested groups, a group with a member that no longer
//! exists, and (from 501 people on) more people than one page or the size limit.
//! Deterministic: the same size gives the same directory. Shared with benches/ through `#[path]`.

use std::fmt::Write;

use super::slapd::BASE_DN;

pub const FIRST: &[&str] = &[
    "Jürgen",
    "Sören",
    "Jörg",
    "Günther",
    "Björn",
    "Anna",
    "Lea",
    "Zoë",
    "Max",
    "Ömer",
    "Ayşe",
    "Hans-Peter",
    "Maria",
    "Jens",
    "Ute",
    "Frieda",
    "Käthe",
    "Mehmet",
    "Lukas",
    "Lisa",
];
pub const LAST: &[&str] = &[
    "Müller",
    "Weiß",
    "Groß",
    "Schäfer",
    "Jäger",
    "Köhler",
    "Bäcker",
    "Strauß",
    "Fuß",
    "Meier",
    "Schmidt",
    "Öztürk",
    "Nguyen",
    "von Löwenstein",
    "Wagner",
];
/// (key, name): departmentNumber and ou.
pub const DEPARTMENTS: &[(&str, &str)] = &[
    ("D10", "Geschäftsführung"),
    ("D20", "Vertrieb"),
    ("D30", "Entwicklung"),
    ("D40", "Personal"),
    ("D50", "Finanzen"),
    ("D60", "Einkauf & Logistik"),
    ("D70", "Qualitätssicherung"),
];
/// The person who heads both Einkauf & Logistik and Qualitätssicherung.
pub const TWO_DEPARTMENT_HEAD: &str = "p0005";
pub const CEO: &str = "p0000";
/// Everyone's password in the fixture: `pw-<uid>`.
pub fn password(uid: &str) -> String {
    format!("pw-{uid}")
}

pub fn uid(i: usize) -> String {
    format!("p{i:04}")
}

pub fn name(i: usize) -> (String, String) {
    (
        FIRST[i % FIRST.len()].to_string(),
        LAST[(i / FIRST.len() + i) % LAST.len()].to_string(),
    )
}

/// Every tenth person's DN (and the head of Entwicklung's) uses "cn=Last\, First" (a comma
/// inside a DN); the rest "uid=…".
pub fn dn(i: usize) -> String {
    let (first, last) = name(i);
    if i % 10 == 7 || i == 2 {
        format!("cn={last}\\, {first} {i},ou=people,{BASE_DN}")
    } else {
        format!("uid={},ou=people,{BASE_DN}", uid(i))
    }
}

/// Which departments person `i` is in: heads first (0: CEO and head of Geschäftsführung,
/// 1..=5 department heads, with 5 heading two), then everyone else round-robin.
pub fn departments_of(i: usize) -> Vec<usize> {
    match i {
        0 => vec![0],
        1..=4 => vec![i],
        5 => vec![5, 6],
        _ => vec![i % DEPARTMENTS.len()],
    }
}

pub fn head_of_department(d: usize) -> usize {
    match d {
        0 => 0,
        6 => 5,
        d => d,
    }
}

pub fn manager_of(i: usize) -> Option<usize> {
    match i {
        0 => None,
        1..=5 => Some(0),
        _ => Some(head_of_department(departments_of(i)[0])),
    }
}

pub fn person_ldif(i: usize) -> String {
    let (first, last) = name(i);
    let uid = uid(i);
    let mut out = String::new();
    let _ = writeln!(out, "dn: {}", dn(i));
    out.push_str("objectClass: inetOrgPerson\n");
    let _ = writeln!(out, "uid: {uid}");
    let _ = writeln!(out, "cn: {last}, {first} {i}");
    let _ = writeln!(out, "displayName: {first} {last}");
    let _ = writeln!(out, "givenName: {first}");
    let _ = writeln!(out, "sn: {last}");
    // Every thirteenth person has no mail (e.g. production staff without a mailbox).
    if i % 13 != 12 {
        let _ = writeln!(out, "mail: {uid}@beispiel.de");
    }
    let _ = writeln!(out, "employeeNumber: {}", 10_000 + i);
    let _ = writeln!(out, "telephoneNumber: +49 30 555 {i:04}");
    let _ = writeln!(
        out,
        "title: {}",
        if manager_of(i) == Some(0) || i == 0 {
            "Leitung"
        } else {
            "Sachbearbeitung"
        }
    );
    for d in departments_of(i) {
        let _ = writeln!(out, "departmentNumber: {}", DEPARTMENTS[d].0);
    }
    for d in departments_of(i) {
        let _ = writeln!(out, "ou: {}", DEPARTMENTS[d].1);
    }
    if let Some(m) = manager_of(i) {
        let _ = writeln!(out, "manager: {}", dn(m));
    }
    let _ = writeln!(out, "userPassword: {}", password(&uid));
    out
}

/// Groups: "rust" (people 10..20), "laeufer" (people 20..25 and the nested group "rust"),
/// "alt" (two people and a member DN that no longer exists), and "a"/"b" nesting each other.
pub fn groups_ldif(n: usize) -> String {
    let members = |range: std::ops::Range<usize>| {
        range
            .filter(|i| *i < n)
            .map(|i| format!("member: {}\n", dn(i)))
            .collect::<String>()
    };
    format!(
        "dn: cn=rust,ou=groups,{BASE_DN}\nobjectClass: groupOfNames\ncn: rust\n{}\n\
         dn: cn=laeufer,ou=groups,{BASE_DN}\nobjectClass: groupOfNames\ncn: laeufer\n{}member: cn=rust,ou=groups,{BASE_DN}\n\n\
         dn: cn=alt,ou=groups,{BASE_DN}\nobjectClass: groupOfNames\ncn: alt\n{}member: uid=ausgeschieden,ou=people,{BASE_DN}\n\n\
         dn: cn=a,ou=groups,{BASE_DN}\nobjectClass: groupOfNames\ncn: a\nmember: cn=b,ou=groups,{BASE_DN}\n{}\n\
         dn: cn=b,ou=groups,{BASE_DN}\nobjectClass: groupOfNames\ncn: b\nmember: cn=a,ou=groups,{BASE_DN}\n{}\n",
        members(10..20),
        members(20..25),
        members(30..32),
        members(40..41),
        members(41..42),
    )
}

/// The whole company of `n` people (the groups from 42 people on: they need their members).
pub fn company(n: usize) -> String {
    let mut out = String::with_capacity(n * 420);
    for i in 0..n {
        out.push_str(&person_ldif(i));
        out.push('\n');
    }
    if n >= 42 {
        out.push_str(&groups_ldif(n));
    }
    out
}
