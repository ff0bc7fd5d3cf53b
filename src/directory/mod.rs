//! The company directory (LDAP / Active Directory): reading it, following it, signing in with it.

mod attributes;
mod authenticator;
pub mod client;
mod groups;
mod report;
pub mod sync;

pub use attributes::{AttributeMap, DirectoryPerson};
pub use authenticator::DirectoryPasswords;
pub use report::{Change, SyncReport};
