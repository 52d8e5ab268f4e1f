//! Content orders on the wire: the catalogue, quotes, orders and their transitions. The
//! rules of the lifecycle are in `atelier_domain::orders`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::validation::Validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum OrderStatus {
    Draft,
    AwaitingPayment,
    Open,
    Assigned,
    Submitted,
    InReview,
    RevisionRequested,
    Delivered,
    Completed,
    Cancelled,
    Refunded,
    Disputed,
    Resolved,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 13] = [
        OrderStatus::Draft,
        OrderStatus::AwaitingPayment,
        OrderStatus::Open,
        OrderStatus::Assigned,
        OrderStatus::Submitted,
        OrderStatus::InReview,
        OrderStatus::RevisionRequested,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
        OrderStatus::Disputed,
        OrderStatus::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::AwaitingPayment => "awaiting_payment",
            OrderStatus::Open => "open",
            OrderStatus::Assigned => "assigned",
            OrderStatus::Submitted => "submitted",
            OrderStatus::InReview => "in_review",
            OrderStatus::RevisionRequested => "revision_requested",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Refunded => "refunded",
            OrderStatus::Disputed => "disputed",
            OrderStatus::Resolved => "resolved",
        }
    }

    /// Nothing more can happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Completed | OrderStatus::Cancelled | OrderStatus::Refunded | OrderStatus::Resolved)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderEvent {
    /// The client places the draft order.
    Place,
    /// Payment is confirmed (by hand until billing exists).
    ConfirmPayment,
    /// A writer takes an open order (first come, first served).
    Claim,
    /// Staff give an open order to a writer.
    Assign,
    /// The writer gives a claimed order back (within the grace period, checked by the caller).
    Drop,
    /// The writer hands in the text (first time or after a revision request).
    SubmitText,
    /// An editor starts reviewing a submission.
    StartReview,
    /// An editor (during review) or the client (after delivery) asks for changes.
    RequestRevision,
    /// The editor approves: the client receives the text.
    Approve,
    /// The client accepts the delivered text.
    Accept,
    /// Nobody objected within the tenant's number of days.
    AutoAccept,
    /// The client disputes the delivered text.
    Dispute,
    /// Staff settle a dispute.
    Resolve,
    /// Called off before any work is done.
    Cancel,
    /// Money back, once paid.
    Refund,
}

impl OrderEvent {
    pub const ALL: [OrderEvent; 15] = [
        OrderEvent::Place,
        OrderEvent::ConfirmPayment,
        OrderEvent::Claim,
        OrderEvent::Assign,
        OrderEvent::Drop,
        OrderEvent::SubmitText,
        OrderEvent::StartReview,
        OrderEvent::RequestRevision,
        OrderEvent::Approve,
        OrderEvent::Accept,
        OrderEvent::AutoAccept,
        OrderEvent::Dispute,
        OrderEvent::Resolve,
        OrderEvent::Cancel,
        OrderEvent::Refund,
    ];
}

impl OrderEvent {
    /// The wire name (`confirm_payment`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderEvent::Place => "place",
            OrderEvent::ConfirmPayment => "confirm_payment",
            OrderEvent::Claim => "claim",
            OrderEvent::Assign => "assign",
            OrderEvent::Drop => "drop",
            OrderEvent::SubmitText => "submit_text",
            OrderEvent::StartReview => "start_review",
            OrderEvent::RequestRevision => "request_revision",
            OrderEvent::Approve => "approve",
            OrderEvent::Accept => "accept",
            OrderEvent::AutoAccept => "auto_accept",
            OrderEvent::Dispute => "dispute",
            OrderEvent::Resolve => "resolve",
            OrderEvent::Cancel => "cancel",
            OrderEvent::Refund => "refund",
        }
    }
}

/// How fast, and what it costs on top (`multiplier_pct` 135 = +35 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Turnaround {
    pub days: i32,
    pub multiplier_pct: i32,
}

/// One entry of a tenant's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceType {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub description: String,
    pub price_per_word_minor: i32,
    pub min_words: i32,
    pub max_words: i32,
    pub required_level: i16,
    pub turnarounds: Vec<Turnaround>,
    /// ISO 4217, the tenant's.
    pub currency: String,
    /// Offered to clients (staff may withdraw an entry; its orders keep it).
    pub active: bool,
}

/// `PUT /websites/{id}/catalogue/{code}`: an entry of the catalogue, created or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceTypeInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub price_per_word_minor: i32,
    pub min_words: i32,
    pub max_words: i32,
    pub required_level: i16,
    pub turnarounds: Vec<Turnaround>,
}

impl Validate for ServiceTypeInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.name.trim().chars().count();
        if name == 0 || name > 80 {
            errors.push(FieldError::new("name", "invalid_name", "Use a name of 1 to 80 characters."));
        }
        if self.description.chars().count() > 1000 {
            errors.push(FieldError::new("description", "too_long", "Use at most 1000 characters."));
        }
        if !(1..=10_000).contains(&self.price_per_word_minor) {
            errors.push(FieldError::new(
                "price_per_word_minor",
                "out_of_range",
                "Charge 1 to 10000 minor units a word.",
            ));
        }
        if self.min_words < 50 || self.max_words < self.min_words || self.max_words > 20_000 {
            errors.push(FieldError::new("max_words", "out_of_range", "Take 50 to 20000 words, the minimum first."));
        }
        if !(1..=5).contains(&self.required_level) {
            errors.push(FieldError::new("required_level", "out_of_range", "Writer levels go from 1 to 5."));
        }
        let mut days: Vec<i32> = self.turnarounds.iter().map(|t| t.days).collect();
        days.sort_unstable();
        days.dedup();
        let sensible =
            self.turnarounds.iter().all(|t| (1..=60).contains(&t.days) && (50..=500).contains(&t.multiplier_pct));
        if self.turnarounds.is_empty() || days.len() != self.turnarounds.len() || !sensible {
            errors.push(FieldError::new(
                "turnarounds",
                "invalid_turnarounds",
                "Offer at least one turnaround: distinct days from 1 to 60, each priced at 50 to 500 %.",
            ));
        }
        errors
    }
}

/// A catalogue code: `blog_article`.
pub fn valid_service_code(code: &str) -> bool {
    (2..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What the client is about to order (a quote, or with a title and brief, the order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrder {
    pub service_type_id: Uuid,
    pub words: i32,
    pub turnaround_days: i32,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub brief: String,
    /// The site section the text is for.
    #[serde(default)]
    pub site_id: Option<Uuid>,
    #[serde(default)]
    pub section_id: Option<String>,
}

impl Validate for NewOrder {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let title = self.title.trim().chars().count();
        if title == 0 {
            errors.push(FieldError::new("title", "required", "This field is required."));
        } else if title > 120 {
            errors.push(FieldError::new("title", "too_long", "Use at most 120 characters."));
        }
        if self.brief.chars().count() > 8_000 {
            errors.push(FieldError::new("brief", "too_long", "Use at most 8000 characters."));
        }
        if self.section_id.is_some() && self.site_id.is_none() {
            errors.push(FieldError::new("site_id", "required", "Name the site the section belongs to."));
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub price_minor: i64,
    pub currency: String,
    pub words: i32,
    pub turnaround_days: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Uuid,
    /// The website (tenant) the order was placed on, and its name.
    pub website_id: Uuid,
    pub website_name: String,
    pub service_type_id: Uuid,
    pub service_name: String,
    pub title: String,
    pub brief: String,
    pub words: i32,
    pub turnaround_days: i32,
    pub price_minor: i64,
    /// What the writer is paid for it once completed (their share of the price).
    pub writer_earning_minor: i64,
    pub currency: String,
    pub required_level: i16,
    pub status: OrderStatus,
    /// Whether a writer holds it (never who, to the client: writers and clients do not see
    /// each other's identities).
    pub has_writer: bool,
    pub site_id: Option<Uuid>,
    pub section_id: Option<String>,
    pub deadline_at: Option<DateTime<Utc>>,
    /// The deadline passed before the text was delivered (set by the lateness job).
    pub late: bool,
    pub created_at: DateTime<Utc>,
    /// What the caller may do next.
    pub actions: Vec<OrderEvent>,
}

/// `POST /orders/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    pub event: OrderEvent,
    /// For `assign`: the writer who gets the order.
    #[serde(default)]
    pub writer_id: Option<Uuid>,
    /// What to change (`request_revision`, required), why (`dispute`, `refund`, `cancel`),
    /// how it was settled (`resolve`). Shown on the order's timeline.
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for TransitionRequest {
    fn validate(&self) -> Vec<FieldError> {
        let note = self.note.as_deref().map(str::trim).unwrap_or_default();
        let mut errors = Vec::new();
        let needs_note = matches!(self.event, OrderEvent::RequestRevision | OrderEvent::Dispute);
        if needs_note && note.is_empty() {
            errors.push(FieldError::new("note", "required", "Say what should change."));
        }
        if note.chars().count() > 4000 {
            errors.push(FieldError::new("note", "too_long", "Use at most 4000 characters."));
        }
        errors
    }
}

/// One move on an order's timeline. The actor is a role: clients and writers never see
/// each other's names here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// An event of the lifecycle, or `late` when the lateness job marked the order.
    pub event: String,
    pub from: OrderStatus,
    pub to: OrderStatus,
    /// `client`, `writer`, `editor`, `admin` or `system`.
    pub actor: String,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// A version of an order's text, in Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderText {
    pub id: Uuid,
    /// `draft` (the writer's working copy), `submission` (handed in) or `edit` (an
    /// editor's version).
    pub kind: String,
    pub body: String,
    /// The body as safe HTML (`markdown::to_html`), for reading.
    pub html: String,
    pub words: i32,
    /// `writer`, `editor` or `admin`.
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the client received this version.
    pub delivered_at: Option<DateTime<Utc>>,
}

/// `PUT /orders/{id}/text`: the writer's draft (autosaved) or an editor's edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveText {
    pub body: String,
}

impl Validate for SaveText {
    fn validate(&self) -> Vec<FieldError> {
        if self.body.chars().count() > 100_000 {
            vec![FieldError::new("body", "too_long", "A text can have at most 100,000 characters.")]
        } else {
            Vec::new()
        }
    }
}

/// What `POST /orders/{id}/apply` changed: the site, and the section now holding the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedText {
    pub site_id: Uuid,
    pub section_id: String,
    /// The site's live version does not have it yet: deploy to publish it.
    pub redeploy_offered: bool,
}

/// A file on an order's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// What a writer earned and was paid on one website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub website_id: Uuid,
    pub website_name: String,
    pub currency: String,
    pub earned_minor: i64,
    pub paid_minor: i64,
    /// Asked for and not answered yet.
    pub pending_minor: i64,
    /// Earned − paid − pending: what a new payout request would ask for.
    pub available_minor: i64,
    pub this_month_minor: i64,
}

/// A line of the writer's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    /// `earning`, `payout` or `adjustment`.
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub website_name: String,
    pub order_title: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payout {
    pub id: Uuid,
    pub website_id: Uuid,
    pub website_name: String,
    /// The writer's display name (staff see it; the writer sees their own).
    pub writer_name: String,
    pub amount_minor: i64,
    pub currency: String,
    /// `requested`, `approved` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A writer's earnings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Earnings {
    /// The least a payout request may ask for, in minor units of the website's currency.
    pub payout_threshold_minor: i64,
    pub balances: Vec<Balance>,
    /// The latest 50 ledger lines, newest first.
    pub entries: Vec<LedgerEntry>,
    pub payouts: Vec<Payout>,
}

/// `POST /payouts`: everything available on this website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPayout {
    pub website_id: Uuid,
}

/// `POST /payouts/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayoutDecision {
    pub approve: bool,
    /// Required to reject: the writer reads it.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Validate for PayoutDecision {
    fn validate(&self) -> Vec<FieldError> {
        let reason = self.reason.as_deref().map(str::trim).unwrap_or_default();
        if !self.approve && reason.is_empty() {
            vec![FieldError::new("reason", "required", "Tell the writer why.")]
        } else if reason.chars().count() > 1000 {
            vec![FieldError::new("reason", "too_long", "Use at most 1000 characters.")]
        } else {
            Vec::new()
        }
    }
}

/// A message on an order. Its author is shown by role and first name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderMessage {
    pub id: Uuid,
    /// `client`, `writer` or `staff`.
    pub author_role: String,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// Written by the caller.
    pub mine: bool,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    pub body: String,
}

impl Validate for NewMessage {
    fn validate(&self) -> Vec<FieldError> {
        let n = self.body.trim().chars().count();
        if n == 0 {
            vec![FieldError::new("body", "required", "This field is required.")]
        } else if n > 4000 {
            vec![FieldError::new("body", "too_long", "Use at most 4000 characters.")]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_written_by_hand_are_the_ones_serde_writes() {
        for event in OrderEvent::ALL {
            assert_eq!(serde_json::to_value(event).unwrap(), serde_json::Value::from(event.as_str()));
        }
        for status in OrderStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), serde_json::Value::from(status.as_str()));
        }
    }
}
