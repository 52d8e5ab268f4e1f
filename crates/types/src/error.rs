//! The one JSON envelope every API failure is returned in.

use serde::{Deserialize, Serialize};

/// Every error the API returns has this shape, whatever the status code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "validation_failed",
    "message": "Some fields need attention.",
    "details": {"fields": [{"field": "email", "code": "invalid_email", "message": "Enter a valid e-mail address."}]}
})))]
pub struct ErrorBody {
    /// Stable snake_case identifier, safe to branch on (`invalid_credentials`, `email_taken`, …).
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<ErrorDetails>,
}

/// Extra structure for errors that concern particular fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetails {
    /// One entry per invalid field, in the order the fields appear in the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `quota_exceeded`: which limit of the plan, the limit and what is used now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<crate::billing::QuotaExceeded>,
}

/// A problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as sent on the wire (`email`, `password`, …).
    pub field: String,
    /// Stable snake_case reason (`required`, `too_short`, `invalid_email`, …).
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.into(), message: message.into() }
    }
}
