//! The staff console on the wire: tenants, customers and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::error::FieldError;
use crate::orders::Order;
use crate::validation::{Validate, check_email};

fn check_branding(name: &str, theme_color: &str, contact_email: &str, errors: &mut Vec<FieldError>) {
    let n = name.trim().chars().count();
    if n == 0 || n > 100 {
        errors.push(FieldError::new("name", "invalid_name", "Enter a name of 1 to 100 characters."));
    }
    if crate::color::luminance(theme_color).is_none() {
        errors.push(FieldError::new("theme_color", "invalid_color", "Use a colour in #rrggbb form, like #4f46e5."));
    }
    check_email("contact_email", contact_email, errors);
}

/// A host as tenants are found by: lower-case letters, digits, dots and hyphens, no port.
pub fn valid_host(host: &str) -> bool {
    let h = host.as_bytes();
    !h.is_empty()
        && h.len() <= 253
        && h.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'.' || *c == b'-')
        && h[0].is_ascii_alphanumeric()
        && h[h.len() - 1].is_ascii_alphanumeric()
        && !host.contains("..")
}

/// `POST /tenants`: a new website (brand) with its first domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTenantRequest {
    pub name: String,
    /// `beta`: lower-case letters, digits and hyphens.
    pub slug: String,
    /// The host its clients app answers on: `beta.localhost`, `sites.beta.example`.
    pub domain: String,
    pub theme_color: String,
    pub contact_email: String,
    /// ISO 4217.
    pub currency: String,
}

impl Validate for NewTenantRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_branding(&self.name, &self.theme_color, &self.contact_email, &mut errors);
        let slug = self.slug.as_bytes();
        let slug_ok = !slug.is_empty()
            && slug.len() <= 48
            && slug.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            && slug[0] != b'-'
            && slug[slug.len() - 1] != b'-';
        if !slug_ok {
            errors.push(FieldError::new(
                "slug",
                "invalid_slug",
                "Use lower-case letters, digits and hyphens (at most 48), starting and ending with a letter or digit.",
            ));
        }
        if !valid_host(&self.domain) {
            errors.push(FieldError::new(
                "domain",
                "invalid_host",
                "Enter a host name like beta.example.com (no port, no path).",
            ));
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|c| c.is_ascii_uppercase()) {
            errors.push(FieldError::new("currency", "invalid_currency", "Use a three-letter currency code like EUR."));
        }
        errors
    }
}

/// `PUT /tenants/{id}`: the branding as it should be. Admins change their own website's;
/// only the superadmin turns a website on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantUpdate {
    pub name: String,
    pub theme_color: String,
    pub contact_email: String,
    #[serde(default)]
    pub logo_url: Option<String>,
    pub active: bool,
}

impl Validate for TenantUpdate {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_branding(&self.name, &self.theme_color, &self.contact_email, &mut errors);
        if let Some(url) = self.logo_url.as_deref().filter(|u| !u.is_empty())
            && !(url.starts_with("https://") || url.starts_with('/'))
        {
            errors.push(FieldError::new(
                "logo_url",
                "invalid_link",
                "Use an https:// address or a path on this server.",
            ));
        }
        errors
    }
}

/// A client of a website, as staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub email: String,
    pub display_name: String,
    /// False once suspended: they cannot sign in (their live sites keep running).
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub sites: i64,
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerSite {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerDeployment {
    pub id: Uuid,
    pub site_name: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// A customer with what they own and what staff did to their account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerDetail {
    pub customer: Customer,
    pub sites: Vec<CustomerSite>,
    pub orders: Vec<Order>,
    pub deployments: Vec<CustomerDeployment>,
    pub activity: Vec<AuditEntry>,
}

/// One staff action: who, what, to what, when, before → after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    pub actor_name: String,
    /// A staff role, or `system`.
    pub actor_role: String,
    /// `customer.suspend`, `tenant.update`, …
    pub action: String,
    pub target_type: String,
    pub target_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub at: DateTime<Utc>,
}

/// How one part of the platform is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    pub ok: bool,
    /// What was measured or why it failed: `3 ms`, `2 instances`, `connection refused`.
    pub detail: String,
}

/// `GET /overview`: the platform's health and the caller's websites' key numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    pub postgres: Check,
    pub redis: Check,
    pub queue: Check,
    pub runtime: Check,
    pub customers: i64,
    pub live_sites: i64,
    pub open_orders: i64,
    pub queued_deployments: i64,
    pub running_deployments: i64,
    pub oldest_queued_secs: Option<i64>,
    pub failed_deployments_24h: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeployDay {
    pub day: chrono::NaiveDate,
    pub total: i64,
    pub succeeded: i64,
    pub failed: i64,
    /// Median seconds from start to live (none when nothing went live that day).
    pub median_secs: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDay {
    pub day: chrono::NaiveDate,
    pub currency: String,
    pub placed: i64,
    pub value_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WriterRow {
    pub writer_name: String,
    pub completed: i64,
    pub words: i64,
}

/// `GET /analytics`: a period's numbers for the caller's websites (or one of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analytics {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// One entry per day of the period.
    pub deployments: Vec<DeployDay>,
    /// Of the period's finished deployments, the share that went live (0–1).
    pub success_rate: Option<f64>,
    /// Per day and currency (a day without orders has one entry with an empty currency).
    pub orders: Vec<OrderDay>,
    /// Now, whatever the period.
    pub orders_by_status: Vec<StatusCount>,
    pub live_sites: i64,
    pub writers: Vec<WriterRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_lower_case_names_without_port_or_path() {
        for ok in ["beta.localhost", "sites.beta-corp.example", "a1.b2"] {
            assert!(valid_host(ok), "{ok}");
        }
        for bad in ["", "Beta.localhost", "beta.localhost:8080", "beta.localhost/", "-beta.x", "beta..x", "beta.x."] {
            assert!(!valid_host(bad), "{bad}");
        }
    }
}

/// A writer or staff account, as admins manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: crate::Role,
    /// Writers only (1–5).
    pub writer_level: Option<i16>,
    pub active: bool,
    /// The websites they work for (of those the caller sees).
    pub websites: Vec<Uuid>,
}

/// `POST /team`: a new writer or staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub email: String,
    pub display_name: String,
    pub role: crate::Role,
    /// Their first password (they sign in with it; at least 10 characters).
    pub password: String,
    #[serde(default)]
    pub writer_level: Option<i16>,
    #[serde(default)]
    pub websites: Vec<Uuid>,
}

impl Validate for NewMember {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_email("email", &self.email, &mut errors);
        crate::validation::check_display_name("display_name", &self.display_name, &mut errors);
        crate::validation::check_new_password("password", &self.password, &mut errors);
        if self.role == crate::Role::Client {
            errors.push(FieldError::new("role", "invalid_role", "Clients register on their website."));
        }
        check_level(self.role, self.writer_level, &mut errors);
        errors
    }
}

fn check_level(role: crate::Role, level: Option<i16>, errors: &mut Vec<FieldError>) {
    match (role, level) {
        (crate::Role::Writer, Some(l)) if !(1..=5).contains(&l) => {
            errors.push(FieldError::new("writer_level", "out_of_range", "Writer levels go from 1 to 5."))
        }
        (r, Some(_)) if r != crate::Role::Writer => {
            errors.push(FieldError::new("writer_level", "not_a_writer", "Only writers have a level."))
        }
        _ => {}
    }
}

/// `PUT /team/{id}`: level, websites and whether the account may sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberUpdate {
    #[serde(default)]
    pub writer_level: Option<i16>,
    pub websites: Vec<Uuid>,
    pub active: bool,
}

/// A site as the staff console lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSite {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    /// `draft`, `queued`, `deploying`, `live`, `failed` or `stopped`.
    pub status: String,
    pub website_id: Uuid,
    pub website_name: String,
    pub owner_email: String,
    pub updated_at: DateTime<Utc>,
    pub live_deployment_id: Option<Uuid>,
}

/// A deployment in the staff console's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueEntry {
    pub id: Uuid,
    pub number: i32,
    pub status: String,
    pub step: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub site_id: Uuid,
    pub site_name: String,
    pub website_name: String,
    /// Place among the waiting deployments of the caller's websites.
    pub position: Option<i64>,
}

/// Something waiting for an editor: a writer's submission or a generated text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewItem {
    /// `order` or `ai`.
    pub kind: String,
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    /// The order's title, or the site and page of a generated text.
    pub title: String,
    pub detail: String,
    pub status: String,
    /// When it was handed in or generated.
    pub at: DateTime<Utc>,
    pub site_id: Option<Uuid>,
    /// A generated text's fields and texts, in display order.
    pub texts: Vec<(String, String)>,
}

/// `POST /review/ai/{id}`: approve a generated text, or reject it with a reason (the
/// section goes back to what it held before, when it still holds this text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AiReview {
    pub approve: bool,
    #[serde(default)]
    pub reason: Option<String>,
}

impl Validate for AiReview {
    fn validate(&self) -> Vec<FieldError> {
        let reason = self.reason.as_deref().map(str::trim).unwrap_or_default();
        if !self.approve && reason.is_empty() {
            vec![FieldError::new("reason", "required", "Tell the client why.")]
        } else if reason.chars().count() > 1000 {
            vec![FieldError::new("reason", "too_long", "Use at most 1000 characters.")]
        } else {
            Vec::new()
        }
    }
}

/// Another domain for a website.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDomain {
    /// `www.beta.example`: lower-case, no port.
    pub host: String,
}
