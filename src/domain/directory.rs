//! Where an account comes from and how a directory sync ended: read by the sync, the admin
//! pages and the attention list, so spelled once.

use super::text_enum;

text_enum!(
    /// Who keeps an account: Allmende itself (made by `user add` or the demo) or the directory
    /// sync, which alone may change or deactivate it.
    PersonSource, "source" {
        Local => "local",
        Directory => "directory",
    }
);

text_enum!(
    /// A directory sync run: `Running` until it ends; one still running when the next one
    /// starts was cut off and becomes `Aborted`.
    SyncStatus, "status" {
        Running => "running",
        Applied => "applied",
        DryRun => "dry-run",
        Aborted => "aborted",
    }
);
