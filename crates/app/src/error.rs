//! The one error every use case returns. It says what went wrong in the terms of the
//! business (`Kind`), with the stable code and message the user sees; the HTTP layer maps
//! a kind to a status, a job logs it. Unexpected causes are kept for the log, never shown.

use std::fmt;

use atelier_db::{DbError, ViolationKind};
use atelier_types::FieldError;

/// What kind of failure this is, independent of how it reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The request itself could not be understood (a body that is not an object, …).
    Malformed,
    /// Not signed in, or the session is over.
    Unauthenticated,
    /// Signed in, but this is not theirs to do.
    Forbidden,
    /// Nothing the caller can see is there.
    NotFound,
    /// Not possible in the current state of things.
    Conflict,
    /// Too big to accept.
    TooLarge,
    /// A kind of content that is not accepted.
    UnsupportedContent,
    /// Fields to fix.
    Invalid,
    /// Too many attempts; try again later.
    TooMany,
    /// A service we call (the content generator) failed.
    Upstream,
    /// A dependency (PostgreSQL, Redis, the site runtime) is down.
    Unavailable,
    /// A bug or something unforeseen.
    Internal,
}

pub struct AppError {
    pub kind: Kind,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
    pub retry_after_secs: Option<u64>,
    /// For `quota_exceeded`: the limit met.
    pub quota: Option<atelier_types::billing::QuotaExceeded>,
    pub cause: Option<anyhow::Error>,
}

pub type AppResult<T> = Result<T, AppError>;

/// `Ok` when the body passes its shared validation rules, else `Invalid` with every field.
pub fn validated<T: atelier_types::validation::Validate>(body: &T) -> AppResult<()> {
    let errors = body.validate();
    if errors.is_empty() { Ok(()) } else { Err(AppError::validation(errors)) }
}

impl AppError {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after_secs: None,
            quota: None,
            cause: None,
        }
    }

    /// Fields to fix, one entry each.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.len() {
            1 => fields[0].message.clone(),
            _ => "Some fields need attention.".to_owned(),
        };
        Self { fields, ..Self::new(Kind::Invalid, "validation_failed", message) }
    }

    /// Adds field details (for a conflict that names the state it met, say).
    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Self {
        self.fields = fields;
        self
    }

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::Forbidden, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, code, message)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::Conflict, code, message)
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::Unauthenticated, code, message)
    }

    /// The one answer for every failed sign-in, whatever the reason, so nobody can learn
    /// from it whether an account exists or where it may sign in.
    pub fn invalid_credentials() -> Self {
        Self::unauthorized("invalid_credentials", "The e-mail address or password is incorrect.")
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let minutes = retry_after_secs.div_ceil(60).max(1);
        Self {
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(
                Kind::TooMany,
                "too_many_attempts",
                format!(
                    "Too many sign-in attempts. Try again in {minutes} minute{}.",
                    if minutes == 1 { "" } else { "s" }
                ),
            )
        }
    }

    /// A dependency (Redis, PostgreSQL) is down; cause logged.
    pub fn unavailable(what: &str, cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                Kind::Unavailable,
                "service_unavailable",
                format!("{what} is temporarily unavailable. Please try again in a moment."),
            )
        }
    }

    /// Anything we did not foresee: logged with its cause chain, shown as opaque.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                Kind::Internal,
                "internal_error",
                "Something went wrong on our side. It has been logged; please try again.",
            )
        }
    }

    /// The same refusal said another way (a rate limit that is not about signing in).
    pub fn retold(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppError")
            .field("kind", &self.kind)
            .field("code", &self.code)
            .field("cause", &self.cause)
            .finish()
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(cause) => write!(f, "{}: {cause:#}", self.code),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for AppError {}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Violation(v) => {
                let kind = match v.kind {
                    ViolationKind::Conflict => Kind::Conflict,
                    ViolationKind::Invalid => Kind::Invalid,
                };
                Self { fields: vec![FieldError::new(v.field, v.code, v.message)], ..Self::new(kind, v.code, v.message) }
            }
            DbError::Sqlx(e @ (sqlx::Error::PoolTimedOut | sqlx::Error::Io(_))) => Self::unavailable("The database", e),
            DbError::Sqlx(e) => Self::internal(e),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(err)
    }
}
