//! What `[ldap]` says about the directory's shape: which attribute preset, single attribute
//! names, and which groups become communities. Read with the rest of the file; the directory
//! sync takes them from here.

use serde::Deserialize;

use crate::domain::{CommunityKind, CommunitySlug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    Openldap,
    ActiveDirectory,
}

/// Single attribute names that replace the preset's (`[ldap.attributes]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeOverrides {
    pub stable_id: Option<String>,
    pub uid: Option<String>,
    pub mail: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub department_key: Option<String>,
    pub manager: Option<String>,
    pub phone: Option<String>,
    pub employee_number: Option<String>,
    pub member: Option<String>,
    pub user_account_control: Option<String>,
    pub account_expires: Option<String>,
    pub user_principal_name: Option<String>,
    /// Values naming the departments (key or name) this person heads; unset: the head is found
    /// through the manager chain.
    pub department_head: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupMapping {
    /// One group by DN …
    pub group: Option<String>,
    /// … or every group this filter finds under `ldap.group_base`.
    pub filter: Option<String>,
    pub kind: CommunityKind,
    /// With `group`: the community's slug and name (name defaults to the group's cn).
    pub slug: Option<CommunitySlug>,
    pub name: Option<String>,
}

impl GroupMapping {
    pub fn validate(&self) -> Result<(), String> {
        match (&self.group, &self.filter) {
            (Some(_), Some(_)) | (None, None) => return Err("set either `group` or `filter`".into()),
            (None, Some(_)) if self.slug.is_some() => {
                return Err("`slug` goes with `group`; a filter's groups take theirs from the cn".into());
            }
            _ => {}
        }
        if !matches!(self.kind, CommunityKind::Project | CommunityKind::Interest) {
            return Err("`kind` must be project or interest".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_name_one_source() {
        let m = |group: Option<&str>, filter: Option<&str>, kind| GroupMapping {
            group: group.map(Into::into),
            filter: filter.map(Into::into),
            kind,
            slug: None,
            name: None,
        };
        assert!(m(Some("cn=x"), None, CommunityKind::Interest).validate().is_ok());
        assert!(
            m(Some("cn=x"), Some("(cn=*)"), CommunityKind::Interest)
                .validate()
                .is_err()
        );
        assert!(m(None, None, CommunityKind::Project).validate().is_err());
        assert!(m(Some("cn=x"), None, CommunityKind::Department).validate().is_err());
    }
}
