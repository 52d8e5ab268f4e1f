//! Billing on the wire: plans and their limits, a client's usage against them, invoices,
//! payments, the prepaid balance and credit notes. Money is always integer minor units of
//! the tenant's currency (`1999` EUR is 19.99 €). The rules are in `atelier_domain::billing`
//! and `docs/billing.md`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::validation::Validate;

/// A limit of a plan, as `quota_exceeded` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Quota {
    /// Sites the client has, drafts included.
    Sites,
    /// Sites published at once (live, or on their way to it).
    LiveSites,
    /// Deployments started this billing period (rollbacks included).
    DeploymentsPerMonth,
    /// Bytes of files uploaded.
    StorageBytes,
    /// Domains of the client's own.
    CustomDomains,
    /// Sections written by the content generator this billing period.
    GeneratedPerMonth,
}

impl Quota {
    pub const ALL: [Quota; 6] = [
        Quota::Sites,
        Quota::LiveSites,
        Quota::DeploymentsPerMonth,
        Quota::StorageBytes,
        Quota::CustomDomains,
        Quota::GeneratedPerMonth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Quota::Sites => "sites",
            Quota::LiveSites => "live_sites",
            Quota::DeploymentsPerMonth => "deployments_per_month",
            Quota::StorageBytes => "storage_bytes",
            Quota::CustomDomains => "custom_domains",
            Quota::GeneratedPerMonth => "generated_per_month",
        }
    }
}

/// A plan's limits; `None` is no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Limits {
    pub sites: Option<i64>,
    pub live_sites: Option<i64>,
    pub deployments_per_month: Option<i64>,
    pub storage_bytes: Option<i64>,
    pub custom_domains: Option<i64>,
    pub generated_per_month: Option<i64>,
}

impl Limits {
    pub fn get(&self, quota: Quota) -> Option<i64> {
        match quota {
            Quota::Sites => self.sites,
            Quota::LiveSites => self.live_sites,
            Quota::DeploymentsPerMonth => self.deployments_per_month,
            Quota::StorageBytes => self.storage_bytes,
            Quota::CustomDomains => self.custom_domains,
            Quota::GeneratedPerMonth => self.generated_per_month,
        }
    }
}

/// The `details.quota` of a `403 quota_exceeded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaExceeded {
    pub quota: Quota,
    pub limit: i64,
    /// What is used now, before the refused request.
    pub used: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    /// Per month, in the tenant's currency, as the tenant configured it (VAT included or
    /// not: `prices_include_vat` of the billing overview).
    pub price_minor: i64,
    pub currency: String,
    /// The plan new clients start on (always free).
    pub is_default: bool,
    /// Offered to clients; a withdrawn plan keeps its subscribers.
    pub active: bool,
    pub limits: Limits,
}

/// A plan as staff write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanInput {
    pub code: String,
    pub name: String,
    pub price_minor: i64,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub limits: Limits,
}

fn yes() -> bool {
    true
}

impl Validate for PlanInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 32
            && self.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !self.code.starts_with('-');
        if !code_ok {
            errors.push(FieldError::new(
                "code",
                "invalid_code",
                "Use 1 to 32 lower-case letters, digits and dashes, starting with a letter or digit.",
            ));
        }
        let name = self.name.trim().chars().count();
        if !(1..=60).contains(&name) {
            errors.push(FieldError::new("name", "invalid_length", "Name the plan in 1 to 60 characters."));
        }
        if !(0..=100_000_000).contains(&self.price_minor) {
            errors.push(FieldError::new(
                "price_minor",
                "out_of_range",
                "The price is 0 to 1,000,000.00 a month, in minor units.",
            ));
        }
        for quota in Quota::ALL {
            let limit = self.limits.get(quota);
            if limit.is_some_and(|l| l < 0)
                || (quota != Quota::StorageBytes && limit.is_some_and(|l| l > i32::MAX.into()))
            {
                errors.push(FieldError::new(
                    format!("limits.{}", quota.as_str()),
                    "out_of_range",
                    "A limit is zero or more; leave it empty for no limit.",
                ));
            }
        }
        errors
    }
}

/// One limit of the client's plan against what they use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    pub quota: Quota,
    pub used: i64,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum SubscriptionStatus {
    Active,
    /// The grace period ended unpaid: the client's sites are stopped until it is paid.
    Suspended,
}

/// The client's billing page in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingOverview {
    pub plan: Plan,
    /// The plan a downgrade moves to at the end of the period.
    pub next_plan: Option<Plan>,
    pub status: SubscriptionStatus,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub usage: Vec<Usage>,
    /// Prepaid credit, spendable on invoices.
    pub balance_minor: i64,
    pub currency: String,
    pub vat_rate_bp: i32,
    pub prices_include_vat: bool,
    /// The plans the client may move to, cheapest first.
    pub plans: Vec<Plan>,
    /// The invoices left to pay.
    pub open_invoices: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePlan {
    pub plan_id: Uuid,
}

/// What a plan change did: an upgrade applies now (with an invoice for the rest of the
/// period), a downgrade at the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanChanged {
    pub overview: BillingOverview,
    pub invoice: Option<Invoice>,
    /// When the new plan takes effect.
    pub effective_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum InvoiceKind {
    Subscription,
    Order,
    Topup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum InvoiceStatus {
    Open,
    Paid,
    Void,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: i32,
    pub unit_minor: i64,
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: Uuid,
    /// Sequential per tenant, without gaps.
    pub number: i32,
    /// `INV-2026-000042`.
    pub reference: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub currency: String,
    pub lines: Vec<InvoiceLine>,
    /// The sum of the lines.
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    /// Loyalty points redeemed, as money.
    pub points_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub vat_rate_bp: i32,
    pub prices_include_vat: bool,
    pub order_id: Option<Uuid>,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    /// What credit notes gave back.
    pub refunded_minor: i64,
    pub payments: Vec<Payment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum PaymentProvider {
    /// A bank transfer with the invoice's reference, confirmed by staff.
    Manual,
    /// The client's prepaid balance, at once.
    Balance,
    /// A card, through the card provider's checkout page (when it is configured).
    Card,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum PaymentStatus {
    Pending,
    Succeeded,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub provider: PaymentProvider,
    pub status: PaymentStatus,
    pub amount_minor: i64,
    /// The transfer reference, or the card provider's checkout session.
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayRequest {
    pub provider: PaymentProvider,
}

/// What the client does next: nothing (paid from the balance), a transfer with these
/// instructions, or the card provider's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentStarted {
    pub payment: Payment,
    pub invoice: Invoice,
    /// For a transfer: to whom, how much, with which reference.
    pub instructions: Option<String>,
    /// For a card: the checkout page to open.
    pub checkout_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BalanceEntry {
    pub id: Uuid,
    /// `topup`, `payment`, `refund` or `adjustment`.
    pub kind: String,
    /// Positive adds credit, negative spends it.
    pub amount_minor: i64,
    pub invoice_id: Option<Uuid>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub balance_minor: i64,
    pub currency: String,
    pub entries: Vec<BalanceEntry>,
}

/// Staff add (or, negative, take back) prepaid credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BalanceAdjustment {
    pub amount_minor: i64,
    pub note: String,
}

impl Validate for BalanceAdjustment {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.amount_minor == 0 || self.amount_minor.abs() > 100_000_000 {
            errors.push(FieldError::new(
                "amount_minor",
                "out_of_range",
                "Add or take back 0.01 to 1,000,000.00, in minor units.",
            ));
        }
        if self.note.trim().is_empty() || self.note.chars().count() > 200 {
            errors.push(FieldError::new("note", "invalid_length", "Say why in 1 to 200 characters."));
        }
        errors
    }
}

/// A refund of a paid invoice, as a credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRequest {
    /// At most what is left to refund of the invoice's total.
    pub amount_minor: i64,
    pub reason: String,
    /// Back to the client's balance (else: outside, by the way they paid).
    #[serde(default)]
    pub to_balance: bool,
}

impl Validate for RefundRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.amount_minor <= 0 {
            errors.push(FieldError::new("amount_minor", "out_of_range", "Refund at least 0.01, in minor units."));
        }
        if self.reason.trim().is_empty() || self.reason.chars().count() > 500 {
            errors.push(FieldError::new("reason", "invalid_length", "Say why in 1 to 500 characters."));
        }
        errors
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditNote {
    pub id: Uuid,
    pub invoice_id: Uuid,
    /// `CN-2026-000003`.
    pub reference: String,
    pub amount_minor: i64,
    pub currency: String,
    pub reason: String,
    /// `balance` or `external`.
    pub refunded_to: String,
    pub created_at: DateTime<Utc>,
}
