//! What a sync run did (or, dry, would do): counts and the changes themselves.

use serde::Serialize;

use crate::domain::text_enum;

text_enum!(
    /// What a sync run changed; stored in the run's changes and, as `directory.<kind>`, in the
    /// audit log.
    ChangeKind, "kind" {
        Created => "created",
        Updated => "updated",
        Moved => "moved",
        Deactivated => "deactivated",
        Reactivated => "reactivated",
        DepartmentCreated => "department-created",
        DepartmentRenamed => "department-renamed",
        DepartmentHead => "department-head",
        CommunityCreated => "community-created",
    }
);

impl ChangeKind {
    /// What the audit log says the change is to.
    pub fn object(self) -> &'static str {
        match self {
            ChangeKind::Created
            | ChangeKind::Updated
            | ChangeKind::Moved
            | ChangeKind::Deactivated
            | ChangeKind::Reactivated => "person",
            ChangeKind::DepartmentCreated | ChangeKind::DepartmentRenamed | ChangeKind::DepartmentHead => "department",
            ChangeKind::CommunityCreated => "community",
        }
    }
}

/// One change to a person, department or community.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// uid for people, key for departments, slug for communities.
    pub subject: String,
    pub name: String,
    /// field, old value, new value
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, Option<String>, Option<String>)>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<19} {} ({})", self.kind.as_str(), self.subject, self.name)?;
        for (field, old, new) in &self.fields {
            write!(
                f,
                "\n    {field}: {} → {}",
                old.as_deref().unwrap_or("∅"),
                new.as_deref().unwrap_or("∅")
            )?;
        }
        Ok(())
    }
}

/// The outcome of one run, as `ldap-sync --json` prints it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub run_id: i64,
    pub dry_run: bool,
    pub aborted: bool,
    pub reason: Option<String>,
    pub entries_read: u64,
    pub skipped: u64,
    pub created: u64,
    pub updated: u64,
    pub moved: u64,
    pub deactivated: u64,
    pub reactivated: u64,
    pub unchanged: u64,
    pub departments_created: u64,
    pub communities_created: u64,
}

impl SyncReport {
    /// The run refused or failed: it changed nothing, whatever it had counted on the way.
    pub fn aborted(self, reason: String) -> SyncReport {
        SyncReport {
            run_id: self.run_id,
            dry_run: self.dry_run,
            entries_read: self.entries_read,
            skipped: self.skipped,
            aborted: true,
            reason: Some(reason),
            ..Default::default()
        }
    }

    pub fn summary(&self) -> String {
        let verb = if self.dry_run { "would be" } else { "were" };
        if self.aborted {
            return format!(
                "Sync run {} aborted: {}. Nothing was changed.",
                self.run_id,
                self.reason.as_deref().unwrap_or("?")
            );
        }
        format!(
            "{} entries read ({} skipped). People {verb} created: {}, updated: {}, moved: {}, deactivated: {}, \
             reactivated: {}, unchanged: {}. Departments created: {}, communities created: {}.",
            self.entries_read,
            self.skipped,
            self.created,
            self.updated,
            self.moved,
            self.deactivated,
            self.reactivated,
            self.unchanged,
            self.departments_created,
            self.communities_created
        )
    }
}
