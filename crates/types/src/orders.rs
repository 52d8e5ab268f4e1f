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

impl TryFrom<String> for OrderStatus {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(value.clone())).map_err(|_| format!("unknown status {value}"))
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
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
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
    pub service_type_id: Uuid,
    pub title: String,
    pub brief: String,
    pub words: i32,
    pub turnaround_days: i32,
    pub price_minor: i64,
    pub currency: String,
    pub required_level: i16,
    pub status: OrderStatus,
    /// Whether a writer holds it (never who, to the client: writers and clients do not see
    /// each other's identities).
    pub has_writer: bool,
    pub site_id: Option<Uuid>,
    pub section_id: Option<String>,
    pub deadline_at: Option<DateTime<Utc>>,
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
