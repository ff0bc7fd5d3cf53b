//! Which LDAP attribute holds what, and turning an entry into a `DirectoryPerson`.

use crate::config::{AttributeOverrides, Preset};
use crate::domain::{DisplayName, Email, Uid};

/// The resolved names, preset plus overrides.
#[derive(Debug, Clone)]
pub struct AttributeMap {
    pub stable_id: String,
    /// The stable id is binary (AD's objectGUID) and is rendered as a GUID.
    pub stable_id_is_guid: bool,
    pub uid: String,
    pub mail: String,
    pub display_name: String,
    pub given_name: String,
    pub surname: String,
    pub title: String,
    pub department: String,
    /// Stable department key (e.g. departmentNumber); when absent the name is the key.
    pub department_key: Option<String>,
    pub manager: String,
    pub phone: String,
    pub employee_number: String,
    pub member: String,
    pub user_account_control: Option<String>,
    pub account_expires: Option<String>,
    pub user_principal_name: Option<String>,
    pub department_head: Option<String>,
}

impl AttributeMap {
    pub fn new(preset: Preset, o: &AttributeOverrides) -> AttributeMap {
        let pick = |over: &Option<String>, default: &str| over.clone().unwrap_or_else(|| default.to_string());
        let optional = |over: &Option<String>, default: Option<&str>| {
            over.clone().or(default.map(str::to_string)).filter(|s| !s.is_empty())
        };
        match preset {
            Preset::Openldap => AttributeMap {
                stable_id_is_guid: false,
                stable_id: pick(&o.stable_id, "entryUUID"),
                uid: pick(&o.uid, "uid"),
                mail: pick(&o.mail, "mail"),
                display_name: pick(&o.display_name, "displayName"),
                given_name: pick(&o.given_name, "givenName"),
                surname: pick(&o.surname, "sn"),
                title: pick(&o.title, "title"),
                department: pick(&o.department, "ou"),
                department_key: optional(&o.department_key, Some("departmentNumber")),
                manager: pick(&o.manager, "manager"),
                phone: pick(&o.phone, "telephoneNumber"),
                employee_number: pick(&o.employee_number, "employeeNumber"),
                member: pick(&o.member, "member"),
                user_account_control: optional(&o.user_account_control, None),
                account_expires: optional(&o.account_expires, None),
                user_principal_name: optional(&o.user_principal_name, None),
                department_head: optional(&o.department_head, None),
            },
            Preset::ActiveDirectory => AttributeMap {
                stable_id_is_guid: o.stable_id.is_none(),
                stable_id: pick(&o.stable_id, "objectGUID"),
                uid: pick(&o.uid, "sAMAccountName"),
                mail: pick(&o.mail, "mail"),
                display_name: pick(&o.display_name, "displayName"),
                given_name: pick(&o.given_name, "givenName"),
                surname: pick(&o.surname, "sn"),
                title: pick(&o.title, "title"),
                department: pick(&o.department, "department"),
                department_key: optional(&o.department_key, None),
                manager: pick(&o.manager, "manager"),
                phone: pick(&o.phone, "telephoneNumber"),
                employee_number: pick(&o.employee_number, "employeeNumber"),
                member: pick(&o.member, "member"),
                user_account_control: optional(&o.user_account_control, Some("userAccountControl")),
                account_expires: optional(&o.account_expires, Some("accountExpires")),
                user_principal_name: optional(&o.user_principal_name, Some("userPrincipalName")),
                department_head: optional(&o.department_head, None),
            },
        }
    }

    /// The attributes to ask the server for.
    pub fn person_attributes(&self) -> Vec<String> {
        let mut attrs = vec![
            "cn".to_string(),
            self.stable_id.clone(),
            self.uid.clone(),
            self.mail.clone(),
            self.display_name.clone(),
            self.given_name.clone(),
            self.surname.clone(),
            self.title.clone(),
            self.department.clone(),
            self.manager.clone(),
            self.phone.clone(),
            self.employee_number.clone(),
        ];
        attrs.extend(
            [
                &self.department_key,
                &self.user_account_control,
                &self.account_expires,
                &self.user_principal_name,
                &self.department_head,
            ]
            .into_iter()
            .flatten()
            .cloned(),
        );
        attrs
    }
}

/// One department a person belongs to: a stable key and the name people read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DepartmentRef {
    pub key: String,
    pub name: String,
    /// The person heads it, as `[ldap.attributes] department_head` says.
    #[serde(default)]
    pub head: bool,
}

/// A directory entry, parsed: everything Allmende keeps of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryPerson {
    pub external_id: String,
    pub dn: String,
    pub uid: Uid,
    pub display_name: DisplayName,
    pub email: Option<Email>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub departments: Vec<DepartmentRef>,
    pub manager_dn: Option<String>,
    /// Disabled or expired in the directory.
    pub disabled: bool,
}

impl DirectoryPerson {
    /// A digest of everything the sync takes from the entry: a person whose entry has the same
    /// fingerprint as at the last sync has nothing to update (the re-sync's fast path).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut field = |v: Option<&str>| {
            // A length prefix keeps "ab"+"c" apart from "a"+"bc"; None differs from "".
            match v {
                Some(v) => {
                    h.update((v.len() as u64).to_le_bytes());
                    h.update(v.as_bytes());
                }
                None => h.update(u64::MAX.to_le_bytes()),
            }
        };
        field(Some(&self.dn));
        field(Some(self.uid.as_str()));
        field(Some(self.display_name.as_str()));
        field(self.email.as_ref().map(|m| m.as_str()));
        field(self.title.as_deref());
        field(self.phone.as_deref());
        field(self.employee_number.as_deref());
        field(Some(&self.departments.len().to_string()));
        for d in &self.departments {
            field(Some(&d.key));
            field(Some(&d.name));
            field(Some(if d.head { "head" } else { "member" }));
        }
        field(self.manager_dn.as_deref());
        field(Some(if self.disabled { "disabled" } else { "enabled" }));
        let digest = h.finalize();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        digest[..16]
            .iter()
            .flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char])
            .collect()
    }
}

/// Attribute values of one entry, looked up case-insensitively (servers return their own spelling).
pub struct Entry<'a> {
    pub dn: &'a str,
    pub attrs: &'a std::collections::HashMap<String, Vec<String>>,
    pub bin_attrs: &'a std::collections::HashMap<String, Vec<Vec<u8>>>,
}

impl Entry<'_> {
    pub fn values(&self, name: &str) -> &[String] {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    pub fn first(&self, name: &str) -> Option<&str> {
        self.values(name).iter().map(|s| s.trim()).find(|s| !s.is_empty())
    }

    /// A binary value. ldap3 files an attribute under `attrs` when its bytes happen to be valid
    /// UTF-8 (a GUID now and then is), so those count too.
    fn binary(&self, name: &str) -> Option<&[u8]> {
        self.bin_attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.first())
            .map(Vec::as_slice)
            .or_else(|| self.values(name).first().map(|v| v.as_bytes()))
    }
}

/// Why an entry was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub dn: String,
    pub reason: String,
}

impl AttributeMap {
    pub fn parse(&self, e: &Entry<'_>, now_filetime: i64) -> Result<DirectoryPerson, Skipped> {
        let skip = |reason: String| Skipped {
            dn: e.dn.to_string(),
            reason,
        };
        let external_id = if self.stable_id_is_guid {
            e.binary(&self.stable_id).and_then(guid_string)
        } else {
            e.first(&self.stable_id).map(|s| s.to_lowercase())
        }
        .ok_or_else(|| skip(format!("no {}", self.stable_id)))?;
        let uid_raw = e.first(&self.uid).ok_or_else(|| skip(format!("no {}", self.uid)))?;
        let uid = Uid::parse(uid_raw).map_err(|i| skip(format!("{} {uid_raw:?}: {}", self.uid, i.code)))?;
        let name = e
            .first(&self.display_name)
            .map(str::to_string)
            .or_else(|| {
                let given = e.first(&self.given_name).unwrap_or("");
                let sur = e.first(&self.surname).unwrap_or("");
                Some(format!("{given} {sur}").trim().to_string()).filter(|n| !n.is_empty())
            })
            .or_else(|| e.first("cn").map(str::to_string))
            .unwrap_or_else(|| uid.as_str().to_string());
        let display_name = DisplayName::parse("name", &name).map_err(|i| skip(format!("name: {}", i.code)))?;
        // A malformed address is dropped, not the person: they still work here.
        let email = e.first(&self.mail).and_then(|m| Email::parse(m).ok());
        let names: Vec<&str> = e
            .values(&self.department)
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let keys: Vec<&str> = match &self.department_key {
            Some(attr) => e
                .values(attr)
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect(),
            None => Vec::new(),
        };
        // Keys pair with names by position when both are given in equal number.
        let mut departments: Vec<DepartmentRef> = if keys.len() == names.len() && !keys.is_empty() {
            keys.iter()
                .zip(&names)
                .map(|(k, n)| DepartmentRef {
                    key: k.to_string(),
                    name: n.to_string(),
                    head: false,
                })
                .collect()
        } else {
            names
                .iter()
                .map(|n| DepartmentRef {
                    key: n.to_lowercase(),
                    name: n.to_string(),
                    head: false,
                })
                .collect()
        };
        departments.sort();
        departments.dedup_by(|a, b| a.key == b.key);
        if let Some(attr) = &self.department_head {
            let heads: Vec<String> = e.values(attr).iter().map(|v| v.trim().to_lowercase()).collect();
            for d in &mut departments {
                d.head = heads.contains(&d.key.to_lowercase()) || heads.contains(&d.name.to_lowercase());
            }
        }
        let disabled = self
            .user_account_control
            .as_deref()
            .and_then(|a| e.first(a))
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|uac| uac & 0x2 != 0)
            || self
                .account_expires
                .as_deref()
                .and_then(|a| e.first(a))
                .and_then(|v| v.parse::<i64>().ok())
                .is_some_and(|t| t != 0 && t != i64::MAX && t < now_filetime);
        let text = |attr: &str| e.first(attr).map(|s| s.chars().take(120).collect::<String>());
        Ok(DirectoryPerson {
            external_id,
            dn: e.dn.to_string(),
            uid,
            display_name,
            email,
            title: text(&self.title),
            phone: text(&self.phone),
            employee_number: text(&self.employee_number),
            departments,
            manager_dn: e.first(&self.manager).map(str::to_string),
            disabled,
        })
    }
}

/// Active Directory's objectGUID: 16 bytes, the first three groups little-endian.
pub fn guid_string(b: &[u8]) -> Option<String> {
    if b.len() != 16 {
        return None;
    }
    Some(format!(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
    ))
}

/// Now as a Windows FILETIME (100 ns since 1601), to compare with `accountExpires`.
pub fn filetime_now() -> i64 {
    const EPOCH_DIFF_SECS: i64 = 11_644_473_600;
    let now = chrono::Utc::now();
    (now.timestamp() + EPOCH_DIFF_SECS) * 10_000_000 + i64::from(now.timestamp_subsec_nanos() / 100)
}

/// DNs compared the way the directory does: case-insensitive, spaces around separators
/// ignored, and escapes in one form (`\2C` and `\,` are the same comma; `\C3\BC` is ü).
pub fn dn_key(dn: &str) -> String {
    const SPECIAL: &[char] = &[',', '+', '"', '\\', '<', '>', ';', '=', '#'];
    let mut out = String::with_capacity(dn.len());
    let mut chars = dn.trim().chars().peekable();
    let mut pending: Vec<u8> = Vec::new();
    let flush = |pending: &mut Vec<u8>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        for c in String::from_utf8_lossy(pending).chars() {
            if SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.extend(c.to_lowercase());
        }
        pending.clear();
    };
    while let Some(c) = chars.next() {
        if c == '\\' {
            let hi = chars.next();
            let hex = hi.filter(char::is_ascii_hexdigit).and_then(|h| {
                let lo = *chars.peek()?;
                lo.is_ascii_hexdigit()
                    .then(|| u8::from_str_radix(&format!("{h}{lo}"), 16).ok())
                    .flatten()
            });
            match (hex, hi) {
                (Some(byte), _) => {
                    chars.next();
                    pending.push(byte);
                }
                (None, Some(escaped)) => {
                    flush(&mut pending, &mut out);
                    let mut buf = [0u8; 4];
                    pending.extend_from_slice(escaped.encode_utf8(&mut buf).as_bytes());
                    flush(&mut pending, &mut out);
                }
                (None, None) => {}
            }
            continue;
        }
        flush(&mut pending, &mut out);
        match c {
            ',' | '=' | '+' => {
                while out.ends_with(' ') && !out.ends_with("\\ ") {
                    out.pop();
                }
                out.push(c);
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    flush(&mut pending, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn entry(attrs: &[(&str, &[&str])]) -> HashMap<String, Vec<String>> {
        attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn openldap_entry() {
        let map = AttributeMap::new(Preset::Openldap, &AttributeOverrides::default());
        let attrs = entry(&[
            ("entryUUID", &["6F1C-AB"]),
            ("UID", &["JMueller"]),
            ("displayName", &["Jürgen Müller"]),
            ("mail", &["not a mail"]),
            ("ou", &["Vertrieb", "Marketing"]),
            ("departmentNumber", &["D20", "D30"]),
            ("manager", &["uid=boss,ou=people,dc=example,dc=org"]),
        ]);
        let bin = HashMap::new();
        let p = map
            .parse(
                &Entry {
                    dn: "uid=jmueller,ou=people",
                    attrs: &attrs,
                    bin_attrs: &bin,
                },
                0,
            )
            .unwrap();
        assert_eq!(p.external_id, "6f1c-ab");
        assert_eq!(p.uid.as_str(), "jmueller");
        assert_eq!(p.display_name.as_str(), "Jürgen Müller");
        assert_eq!(p.email, None, "a malformed address is dropped");
        assert_eq!(
            p.departments,
            vec![
                DepartmentRef {
                    key: "D20".into(),
                    name: "Vertrieb".into(),
                    head: false
                },
                DepartmentRef {
                    key: "D30".into(),
                    name: "Marketing".into(),
                    head: false
                }
            ]
        );
        assert!(!p.disabled);
    }

    #[test]
    fn active_directory_entry() {
        let map = AttributeMap::new(Preset::ActiveDirectory, &AttributeOverrides::default());
        let attrs = entry(&[
            ("sAMAccountName", &["kweiss"]),
            ("givenName", &["Karin"]),
            ("sn", &["Weiß"]),
            ("department", &["Einkauf"]),
            ("userAccountControl", &["514"]),
            ("accountExpires", &["9223372036854775807"]),
        ]);
        let guid: Vec<u8> = (0u8..16).collect();
        let bin: HashMap<String, Vec<Vec<u8>>> = [("objectGUID".to_string(), vec![guid])].into();
        let p = map
            .parse(
                &Entry {
                    dn: "CN=Weiß\\, Karin,OU=Staff",
                    attrs: &attrs,
                    bin_attrs: &bin,
                },
                filetime_now(),
            )
            .unwrap();
        assert_eq!(p.external_id, "03020100-0504-0706-0809-0a0b0c0d0e0f");
        assert_eq!(p.display_name.as_str(), "Karin Weiß");
        assert_eq!(p.departments[0].key, "einkauf");
        assert!(p.disabled, "userAccountControl 514 has the ACCOUNTDISABLE bit");
    }

    #[test]
    fn the_fingerprint_follows_every_field_the_sync_takes() {
        let base = DirectoryPerson {
            external_id: "id-1".into(),
            dn: "uid=a,ou=people".into(),
            uid: Uid::parse("a").unwrap(),
            display_name: DisplayName::parse("name", "Anna Groß").unwrap(),
            email: None,
            title: None,
            phone: None,
            employee_number: None,
            departments: vec![],
            manager_dn: Some("D1".into()),
            disabled: false,
        };
        let fp = base.fingerprint();
        assert_eq!(fp, base.clone().fingerprint(), "stable");
        let department = DepartmentRef {
            key: "D1".into(),
            name: "Einkauf".into(),
            head: false,
        };
        let changed = [
            DirectoryPerson {
                dn: "uid=a,ou=alumni".into(),
                ..base.clone()
            },
            DirectoryPerson {
                email: Some(Email::parse("anna@example.org").unwrap()),
                ..base.clone()
            },
            DirectoryPerson {
                title: Some(String::new()),
                ..base.clone()
            },
            // The manager's DN moved into a department key: still a different entry.
            DirectoryPerson {
                departments: vec![department.clone()],
                manager_dn: None,
                ..base.clone()
            },
            DirectoryPerson {
                departments: vec![DepartmentRef {
                    head: true,
                    ..department
                }],
                ..base.clone()
            },
            DirectoryPerson {
                disabled: true,
                ..base.clone()
            },
        ];
        for other in changed {
            assert_ne!(other.fingerprint(), fp, "{other:?}");
        }
        // The stable id is how the person is found, not part of what they are.
        let moved_id = DirectoryPerson {
            external_id: "id-2".into(),
            ..base.clone()
        };
        assert_eq!(moved_id.fingerprint(), fp);
    }

    #[test]
    fn expired_accounts_are_disabled() {
        let map = AttributeMap::new(Preset::ActiveDirectory, &AttributeOverrides::default());
        let attrs = entry(&[
            ("sAMAccountName", &["old"]),
            ("accountExpires", &["130000000000000000"]),
        ]);
        let bin: HashMap<String, Vec<Vec<u8>>> = [("objectGUID".to_string(), vec![vec![1; 16]])].into();
        let p = map
            .parse(
                &Entry {
                    dn: "CN=old",
                    attrs: &attrs,
                    bin_attrs: &bin,
                },
                filetime_now(),
            )
            .unwrap();
        assert!(p.disabled);
    }

    #[test]
    fn entries_without_id_or_uid_are_skipped() {
        let map = AttributeMap::new(Preset::Openldap, &AttributeOverrides::default());
        let bin = HashMap::new();
        let no_id = entry(&[("uid", &["x"])]);
        assert!(
            map.parse(
                &Entry {
                    dn: "a",
                    attrs: &no_id,
                    bin_attrs: &bin
                },
                0
            )
            .is_err()
        );
        let bad_uid = entry(&[("entryUUID", &["1"]), ("uid", &["a*)(uid=*"])]);
        let skipped = map
            .parse(
                &Entry {
                    dn: "b",
                    attrs: &bad_uid,
                    bin_attrs: &bin,
                },
                0,
            )
            .unwrap_err();
        assert!(skipped.reason.contains("bad-characters"));
    }

    #[test]
    fn dn_keys() {
        assert_eq!(dn_key("UID=Max , OU=People,dc=Example"), "uid=max,ou=people,dc=example");
        assert_eq!(dn_key("cn=Weiß\\, Karin,ou=x"), dn_key("CN=weiß\\, karin, OU=X"));
        assert_eq!(dn_key("cn=M\\C3\\BCller\\2C J 7,dc=x"), dn_key("cn=Müller\\, J 7,dc=x"));
        assert_ne!(dn_key("cn=a\\,b=c"), dn_key("cn=a,b=c"));
    }
}
