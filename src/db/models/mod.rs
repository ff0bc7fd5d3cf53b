//! Row structs: per table a `Queryable` struct and an `Insertable` form.

mod ama;
mod audit;
mod community;
mod department;
mod directory;
mod kpi;
mod meeting;
mod membership;
mod newsletter;
mod notification;
mod person;
mod poll;
mod post;
mod status;
mod task;
mod token;

pub use ama::{Ama, AmaComment, AmaQuestion, NewAmaQuestion, NewVote};
pub use audit::NewAuditEntry;
pub use community::{Community, NewCommunity, community_name_key};
pub use department::{Department, NewDepartment};
pub use directory::SyncRun;
pub use kpi::KpiDay;
pub use meeting::{Meeting, MeetingOutcome};
pub use membership::{Membership, NewMembership};
pub use newsletter::{NewDelivery, Newsletter};
pub use notification::NewNotification;
pub use person::{NewPerson, NewPersonDepartment, Person, locked_fields, person_search_text};
pub use poll::Poll;
pub use post::{Comment, NewComment, NewPost, NewPostTopic, NewReaction, NewSearchDocument, Post};
pub use status::{NewStatusReport, NewStatusReportArea};
pub use task::{ChecklistItem, NewTask, Task, TaskComment, TaskEvent};
pub use token::{ApiToken, NewApiToken};
