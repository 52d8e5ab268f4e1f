//! Notifications: what happened that a person cares about, in their app (a list with an
//! unread count, pushed live) and by mail, as each person chooses per kind. The server writes
//! the title and text in the person's language; the apps show them as they are.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A client's site is live.
    DeploymentLive,
    /// A client's deployment failed (with the reason).
    DeploymentFailed,
    /// A client's text is delivered.
    OrderDelivered,
    /// A client's text is delivered again, revised as asked.
    RevisionDelivered,
    /// A writer was given an order.
    OrderAssigned,
    /// A writer is asked to revise a text.
    RevisionRequested,
    /// A writer's text was accepted (by the client, or when nobody objected in time).
    OrderAccepted,
    /// A writer's payout was approved (paid) or declined.
    PayoutDecided,
    /// Staff: a writer handed in a text to review.
    OrderSubmitted,
    /// Staff: a client disputes a delivered text.
    OrderDisputed,
    /// Someone wrote in an order's conversation.
    MessagePosted,
    /// A client's generated text was approved or rejected by an editor.
    TextReviewed,
    /// A client's invoice was issued, is due soon, was paid, or left unpaid stopped their sites.
    Billing,
    /// The account's password changed, or it was signed in to from a new device.
    Security,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        use NotificationKind::*;
        match self {
            DeploymentLive => "deployment_live",
            DeploymentFailed => "deployment_failed",
            OrderDelivered => "order_delivered",
            RevisionDelivered => "revision_delivered",
            OrderAssigned => "order_assigned",
            RevisionRequested => "revision_requested",
            OrderAccepted => "order_accepted",
            PayoutDecided => "payout_decided",
            OrderSubmitted => "order_submitted",
            OrderDisputed => "order_disputed",
            MessagePosted => "message_posted",
            TextReviewed => "text_reviewed",
            Billing => "billing",
            Security => "security",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub const ALL: [NotificationKind; 14] = {
        use NotificationKind::*;
        [
            DeploymentLive,
            DeploymentFailed,
            OrderDelivered,
            RevisionDelivered,
            OrderAssigned,
            RevisionRequested,
            OrderAccepted,
            PayoutDecided,
            OrderSubmitted,
            OrderDisputed,
            MessagePosted,
            TextReviewed,
            Billing,
            Security,
        ]
    };

    /// The kinds a role can receive, in the order its preferences list them.
    pub fn for_role(role: Role) -> &'static [NotificationKind] {
        use NotificationKind::*;
        match role {
            Role::Client => &[
                DeploymentLive,
                DeploymentFailed,
                OrderDelivered,
                RevisionDelivered,
                MessagePosted,
                TextReviewed,
                Billing,
                Security,
            ],
            Role::Writer => &[OrderAssigned, RevisionRequested, OrderAccepted, PayoutDecided, MessagePosted, Security],
            Role::Editor => &[OrderSubmitted, Security],
            Role::Support => &[OrderDisputed, Security],
            Role::Admin | Role::Superadmin => &[OrderSubmitted, OrderDisputed, Security],
        }
    }

    /// Mail about the account's security always goes: only the in-app notice can be turned off.
    pub fn email_required(self) -> bool {
        self == NotificationKind::Security
    }

    /// What a person gets before they choose: everything in the app, and a mail for all but
    /// a deployment going live (they usually watch it happen).
    pub fn default_email(self) -> bool {
        self != NotificationKind::DeploymentLive
    }
}

/// One notification, as the person's app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    /// In the person's language.
    pub title: String,
    pub body: String,
    /// The page of the person's app it is about (`/orders/…`), if any.
    pub link: Option<String>,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

/// A page of the person's notifications, newest first, and how many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub unread: i64,
    /// Pass as `before` for the next (older) page; `None` at the end.
    pub next_before: Option<i64>,
}

/// How the person hears of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPref {
    pub kind: NotificationKind,
    /// What the kind is, in the person's language (answers only; ignored when saving).
    #[serde(default)]
    pub label: String,
    pub in_app: bool,
    pub email: bool,
    /// The mail cannot be turned off (security notices).
    #[serde(default)]
    pub email_required: bool,
}

/// What the notifications WebSocket sends, one JSON object per text message: the unread
/// count, with the new notification when one arrived (without: the count changed, read here
/// or in another tab). A plain object, not a tagged enum: the apps read it cheaply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationMessage {
    pub unread: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification: Option<Notification>,
}

/// How many of the person's notifications are unread, after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: i64,
}
