//! In-app notifications: someone mentioned me, commented on my post, replied to my comment; my
//! report was handled; moderators acted on my content. Reporters stay anonymous, and a
//! notification about a post its recipient may no longer read is not shown.

pub mod api;
pub mod notices;
pub mod routes;
pub mod service;
pub mod shell;
