//! Who is asking: sessions for pages, bearer tokens for the API, and the sign-in check.

mod authenticator;
pub mod csrf;
pub mod password;
pub mod routes;
pub mod session;
pub mod sign_ins;
pub mod throttle;
pub mod tokens;
mod viewer;

pub use authenticator::{Authenticator, LocalPasswords};
pub use viewer::{Admin, ApiViewer, Viewer};
