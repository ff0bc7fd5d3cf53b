use std::fmt;

use super::{Invalid, text_enum};

text_enum!(
    /// What a community is for; decides who manages its membership.
    CommunityKind, "kind" {
        Organization => "organization",
        Department => "department",
        Project => "project",
        Interest => "interest",
    }
);

impl CommunityKind {
    /// Organization and department membership follows the directory, not people's clicks.
    pub fn membership_is_managed(self) -> bool {
        matches!(self, CommunityKind::Organization | CommunityKind::Department)
    }
}

text_enum!(
    /// Who can find and read a community.
    Visibility, "visibility" {
        Public => "public",
        Private => "private",
        Secret => "secret",
    }
);

text_enum!(
    /// How people get in.
    JoinPolicy, "join_policy" {
        Open => "open",
        Request => "request",
        Invite => "invite",
    }
);

text_enum!(
    Role, "role" {
        Manager => "manager",
        Moderator => "moderator",
        Member => "member",
    }
);

text_enum!(
    MembershipState, "state" {
        Active => "active",
        Requested => "requested",
        Invited => "invited",
        Banned => "banned",
    }
);

/// The community's address part: lower-case letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct CommunitySlug(String);

impl CommunitySlug {
    pub const MAX_LEN: usize = 60;

    pub fn parse(raw: &str) -> Result<CommunitySlug, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid::new("slug", "required"));
        }
        if s.len() > Self::MAX_LEN {
            return Err(Invalid::new("slug", "too-long"));
        }
        let ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !ok {
            return Err(Invalid::new("slug", "bad-characters"));
        }
        Ok(CommunitySlug(s.to_string()))
    }

    /// A slug made from a name: "Läufer & Walker" becomes "laeufer-walker".
    pub fn from_name(name: &str) -> Result<CommunitySlug, Invalid> {
        let mut out = String::new();
        for c in name.trim().to_lowercase().chars() {
            let piece = match c {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                c if c.is_ascii_alphanumeric() => {
                    out.push(c);
                    continue;
                }
                _ => "-",
            };
            out.push_str(piece);
        }
        let collapsed: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
        let mut slug = collapsed.join("-");
        slug.truncate(Self::MAX_LEN);
        CommunitySlug::parse(slug.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CommunitySlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for CommunitySlug {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CommunitySlug::parse(&s)
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a valid slug (a-z, 0-9, -)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_from_name() {
        assert_eq!(
            CommunitySlug::from_name("Läufer & Walker").unwrap().as_str(),
            "laeufer-walker"
        );
        assert_eq!(
            CommunitySlug::from_name("  Rust -- Stammtisch!! ").unwrap().as_str(),
            "rust-stammtisch"
        );
        assert!(CommunitySlug::from_name("!!!").is_err());
    }

    #[test]
    fn slug_parse() {
        assert!(CommunitySlug::parse("ok-slug-2").is_ok());
        for bad in ["Upper", "-x", "x-", "a--b", "a b", "ä"] {
            assert!(CommunitySlug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn enums_round_trip() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()).unwrap(), *v);
        }
        assert!(JoinPolicy::parse("whatever").is_err());
    }
}
