//! LDAP groups that become communities (`[[ldap.group_mapping]]`), with nested groups resolved.

use std::collections::{HashMap, HashSet};

use super::attributes::dn_key;

/// The groups known to one sync run: normalised DN → member DNs.
#[derive(Default)]
pub struct GroupIndex {
    members: HashMap<String, Vec<String>>,
}

impl GroupIndex {
    pub fn insert(&mut self, dn: &str, members: Vec<String>) {
        self.members.insert(dn_key(dn), members);
    }

    /// Every person DN (normalised) below the group, through nested groups. Cycles end where
    /// they close; members that are neither a known person nor a known group are ignored.
    pub fn people_in(&self, group_dn: &str, is_person: impl Fn(&str) -> bool) -> HashSet<String> {
        let mut people = HashSet::new();
        let mut seen = HashSet::new();
        let mut todo = vec![dn_key(group_dn)];
        while let Some(group) = todo.pop() {
            if !seen.insert(group.clone()) {
                continue;
            }
            for member in self.members.get(&group).into_iter().flatten() {
                let key = dn_key(member);
                if is_person(&key) {
                    people.insert(key);
                } else if self.members.contains_key(&key) {
                    todo.push(key);
                }
            }
        }
        people
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_groups_cycles_and_dangling_members() {
        let mut idx = GroupIndex::default();
        idx.insert(
            "cn=a,ou=groups",
            vec![
                "uid=anna,ou=people".into(),
                "cn=b,ou=groups".into(),
                "uid=gone,ou=people".into(),
            ],
        );
        idx.insert(
            "cn=b,ou=groups",
            vec!["UID=Bert, ou=People".into(), "cn=a,ou=groups".into()],
        );
        let people = ["uid=anna,ou=people", "uid=bert,ou=people"];
        let found = idx.people_in("CN=A,ou=groups", |dn| people.contains(&dn));
        assert_eq!(found.len(), 2);
        assert!(found.contains("uid=bert,ou=people"));
    }
}
