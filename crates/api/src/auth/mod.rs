//! Authentication at the HTTP edge: the extractor that turns a bearer token into the
//! signed-in user. Hashing, tokens and the sign-in rate limit are the application's
//! (`atelier_app::accounts`).

pub mod session;

pub use atelier_app::accounts::{password, rate_limit, tokens};
pub use session::AuthUser;
