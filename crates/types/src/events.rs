//! Domain events: what happened that people care about, recorded by the use case that made
//! it happen, in the same transaction, and read in order by whoever subscribes (the
//! notifications, e-mail and webhooks to come). The wire form is `{"kind": "…", …}`.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::orders::{OrderEvent, OrderStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainEvent {
    /// An order moved one step of its lifecycle (delivered, revision asked, accepted, …).
    OrderMoved {
        order_id: Uuid,
        event: OrderEvent,
        from: OrderStatus,
        to: OrderStatus,
        /// `client`, `writer`, `editor`, `admin` or `system`.
        by: String,
        writer_id: Option<Uuid>,
        client_id: Uuid,
    },
    /// Someone wrote in an order's conversation.
    MessagePosted { order_id: Uuid, message_id: Uuid, author_id: Uuid, author_role: String },
    /// An admin answered a writer's payout request.
    PayoutDecided { payout_id: Uuid, writer_id: Uuid, approved: bool, amount_minor: i64, currency: String },
    /// An editor approved or rejected a generated text.
    TextReviewed { site_id: Uuid, entry_id: Uuid, owner_id: Uuid, approved: bool, note: Option<String> },
    /// A deployment went live.
    DeploymentLive { site_id: Uuid, deployment_id: Uuid, owner_id: Uuid },
    /// A deployment failed or timed out, with the reason the client reads.
    DeploymentFailed { site_id: Uuid, deployment_id: Uuid, owner_id: Uuid, reason: String },
    /// A staff member suspended or reactivated a customer.
    CustomerSuspended { customer_id: Uuid, active: bool },
    /// An invoice was issued to a client (an order placed, a plan renewed or upgraded).
    InvoiceIssued { invoice_id: Uuid, customer_id: Uuid, reference: String, total_minor: i64, currency: String },
    /// An open invoice is due soon.
    InvoiceDue {
        invoice_id: Uuid,
        customer_id: Uuid,
        reference: String,
        total_minor: i64,
        currency: String,
        due_at: chrono::DateTime<chrono::Utc>,
    },
    /// An invoice was paid.
    InvoicePaid { invoice_id: Uuid, customer_id: Uuid, reference: String, total_minor: i64, currency: String },
    /// An invoice went unpaid past its due date: the client's published sites stopped.
    BillingSuspended { customer_id: Uuid, invoice_id: Uuid, reference: String, sites_stopped: i64 },
}

impl DomainEvent {
    /// The stored kind, as in the wire form's `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::OrderMoved { .. } => "order_moved",
            DomainEvent::MessagePosted { .. } => "message_posted",
            DomainEvent::PayoutDecided { .. } => "payout_decided",
            DomainEvent::TextReviewed { .. } => "text_reviewed",
            DomainEvent::DeploymentLive { .. } => "deployment_live",
            DomainEvent::DeploymentFailed { .. } => "deployment_failed",
            DomainEvent::CustomerSuspended { .. } => "customer_suspended",
            DomainEvent::InvoiceIssued { .. } => "invoice_issued",
            DomainEvent::InvoiceDue { .. } => "invoice_due",
            DomainEvent::InvoicePaid { .. } => "invoice_paid",
            DomainEvent::BillingSuspended { .. } => "billing_suspended",
        }
    }
}
