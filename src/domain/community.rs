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
    /// What a community can switch on besides its blog, which every community has.
    Module, "module" {
        Tasks => "tasks",
        Status => "status",
        Polls => "polls",
        Meetings => "meetings",
    }
);

impl Module {
    /// A LIKE pattern matching the stored module lists that hold this module (no module's
    /// name is part of another's, which `names_are_distinct` checks).
    pub fn stored_pattern(self) -> String {
        format!("%{}%", self.as_str())
    }

    /// Project communities start with their project modules; the others start with none.
    pub fn defaults(kind: CommunityKind) -> Modules {
        match kind {
            CommunityKind::Project => Modules(vec![Module::Tasks, Module::Status, Module::Polls, Module::Meetings]),
            _ => Modules::default(),
        }
    }
}

/// The modules a community has on, stored as space-separated names (unknown names, from a
/// newer version, are skipped rather than failing the page).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Modules(Vec<Module>);

impl Modules {
    pub fn from_stored(s: &str) -> Modules {
        Modules::of(s.split_whitespace().filter_map(|m| Module::parse(m).ok()))
    }

    /// A set in the order of `Module::ALL`, each once.
    pub fn of(modules: impl IntoIterator<Item = Module>) -> Modules {
        let wanted: Vec<Module> = modules.into_iter().collect();
        Modules(Module::ALL.iter().copied().filter(|m| wanted.contains(m)).collect())
    }

    pub fn contains(&self, m: Module) -> bool {
        self.0.contains(&m)
    }

    pub fn iter(&self) -> impl Iterator<Item = Module> + '_ {
        self.0.iter().copied()
    }

    pub fn to_stored(&self) -> String {
        self.0.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(" ")
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

    #[test]
    fn names_are_distinct() {
        for a in Module::ALL {
            for b in Module::ALL {
                assert!(a == b || !a.as_str().contains(b.as_str()), "{a} contains {b}");
            }
        }
    }

    #[test]
    fn modules_are_a_set_in_a_fixed_order() {
        let m = Modules::from_stored(" tasks  gadgets tasks ");
        assert_eq!(m.to_stored(), "tasks");
        assert!(m.contains(Module::Tasks));
        assert!(!Modules::from_stored("").contains(Module::Tasks));
        assert!(Module::defaults(CommunityKind::Project).contains(Module::Tasks));
        assert_eq!(Module::defaults(CommunityKind::Interest), Modules::default());
    }
}
