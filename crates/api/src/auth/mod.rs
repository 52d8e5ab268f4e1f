//! Authentication: password hashing, tokens, the sign-in rate limiter and the extractor
//! that turns a bearer token into the signed-in user.

pub mod password;
pub mod rate_limit;
pub mod session;
pub mod tokens;

pub use session::AuthUser;
