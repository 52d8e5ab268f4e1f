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
    /// A period of a content package.
    Package,
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

/// How a promo code takes money off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum PromoKind {
    /// `value` is basis points of the invoice's subtotal (`1500` = 15 %).
    Percent,
    /// `value` is minor units off (never more than the invoice).
    Fixed,
}

/// A promo code, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromoCode {
    pub id: Uuid,
    pub code: String,
    pub kind: PromoKind,
    pub value: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Uses in all; `None`: no limit.
    pub max_redemptions: Option<i32>,
    /// Uses per customer.
    pub per_customer: i32,
    /// Uses so far.
    pub redemptions: i32,
    /// Only for invoices of these plans (empty: no such restriction).
    pub plan_ids: Vec<Uuid>,
    /// Only for orders and packages of these services (empty: no such restriction).
    pub service_ids: Vec<Uuid>,
    /// Only on a customer's first purchase (no paid invoice before).
    pub first_purchase_only: bool,
    pub active: bool,
}

/// A promo code as staff write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromoCodeInput {
    /// 3 to 32 capital letters, digits, `-` and `_` (lower case is raised).
    pub code: String,
    pub kind: PromoKind,
    pub value: i64,
    /// From now when left out.
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub max_redemptions: Option<i32>,
    #[serde(default = "one")]
    pub per_customer: i32,
    #[serde(default)]
    pub plan_ids: Vec<Uuid>,
    #[serde(default)]
    pub service_ids: Vec<Uuid>,
    #[serde(default)]
    pub first_purchase_only: bool,
    #[serde(default = "yes")]
    pub active: bool,
}

fn one() -> i32 {
    1
}

impl Validate for PromoCodeInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let code = self.code.trim();
        let code_ok = (3..=32).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && code.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !code_ok {
            errors.push(FieldError::new(
                "code",
                "invalid_code",
                "Use 3 to 32 letters, digits, dashes and underscores, starting with a letter or digit.",
            ));
        }
        let value_ok = match self.kind {
            PromoKind::Percent => (1..=10_000).contains(&self.value),
            PromoKind::Fixed => (1..=100_000_000).contains(&self.value),
        };
        if !value_ok {
            errors.push(FieldError::new(
                "value",
                "out_of_range",
                "A percentage is 1 to 10,000 basis points (0.01 to 100 %); a fixed amount 1 to 100,000,000 minor units.",
            ));
        }
        if let (Some(start), Some(end)) = (self.starts_at, self.ends_at)
            && end <= start
        {
            errors.push(FieldError::new("ends_at", "invalid_window", "The code must end after it starts."));
        }
        if self.max_redemptions.is_some_and(|m| !(1..=1_000_000).contains(&m)) {
            errors.push(FieldError::new(
                "max_redemptions",
                "out_of_range",
                "Allow 1 to 1,000,000 uses, or leave it empty for no limit.",
            ));
        }
        if !(1..=1000).contains(&self.per_customer) {
            errors.push(FieldError::new("per_customer", "out_of_range", "Allow 1 to 1,000 uses per customer."));
        }
        if self.plan_ids.len() > 50 || self.service_ids.len() > 50 {
            errors.push(FieldError::new("plan_ids", "too_many", "Name at most 50 plans and 50 services."));
        }
        errors
    }
}

/// Takes a promo code and/or loyalty points off one of the client's open invoices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Redeem {
    #[serde(default)]
    pub promo_code: Option<String>,
    /// Points to spend; only what the invoice can take is spent.
    #[serde(default)]
    pub points: Option<i64>,
}

impl Validate for Redeem {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let code = self.promo_code.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if code.is_none() && self.points.is_none_or(|p| p == 0) {
            errors.push(FieldError::new("promo_code", "required", "Enter a promo code or a number of points."));
        }
        if code.is_some_and(|c| c.len() > 32) {
            errors.push(FieldError::new("promo_code", "unknown_promo_code", "There is no such promo code."));
        }
        if self.points.is_some_and(|p| !(0..=1_000_000_000).contains(&p)) {
            errors.push(FieldError::new("points", "out_of_range", "Spend 1 or more of your points."));
        }
        errors
    }
}

/// One line of the loyalty points ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsEntry {
    /// `earned`, `redeemed`, `returned` (from a voided invoice), `expired` or `reversed` (a refund).
    pub kind: String,
    pub points: i64,
    pub invoice_id: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The client's loyalty points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Points {
    pub points: i64,
    /// What one point takes off an invoice, in minor units.
    pub point_value_minor: i64,
    /// Points earned per 1.00 paid (0: the website has no loyalty programme).
    pub points_per_unit: i32,
    pub currency: String,
    /// The soonest of the points still held expire then (`None`: none held).
    pub next_expiry: Option<DateTime<Utc>>,
    /// How many points expire then.
    pub next_expiry_points: i64,
    pub entries: Vec<PointsEntry>,
}

/// The client's referral code and what it brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Referrals {
    pub code: String,
    /// The registration page with the code, on the website's domain.
    pub link: String,
    /// What the client is credited for each referee's first paid invoice.
    pub reward_minor: i64,
    pub currency: String,
    /// People who registered with the code and have not paid yet.
    pub pending: i64,
    pub credited: i64,
    pub earned_minor: i64,
    /// Whether the client came with someone's code.
    pub referred: bool,
}

/// A client names who referred them (before their first payment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplyReferral {
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "text", rename_all = "snake_case"))]
pub enum PackageStatus {
    /// Billed and opening its orders every period.
    Active,
    /// Skips its periods until resumed.
    Paused,
    /// Ended for good.
    Cancelled,
}

/// A content package: `per_period` orders of one service a month, billed per period; the
/// period's orders open when its invoice is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentPackage {
    pub id: Uuid,
    pub title: String,
    pub brief: String,
    pub service_type_id: Uuid,
    pub service_name: String,
    pub site_id: Option<Uuid>,
    pub words: i32,
    pub turnaround_days: i32,
    pub per_period: i32,
    /// One order's price.
    pub unit_price_minor: i64,
    /// What a period costs (before VAT as the tenant shows prices).
    pub period_price_minor: i64,
    pub currency: String,
    pub status: PackageStatus,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    /// Orders the package opened so far.
    pub orders_opened: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPackage {
    pub title: String,
    #[serde(default)]
    pub brief: String,
    pub service_type_id: Uuid,
    #[serde(default)]
    pub site_id: Option<Uuid>,
    pub words: i32,
    pub turnaround_days: i32,
    /// Orders a month, 1 to 20.
    pub per_period: i32,
}

impl Validate for NewPackage {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !(1..=100).contains(&self.title.trim().chars().count()) {
            errors.push(FieldError::new("title", "invalid_length", "Name the package in 1 to 100 characters."));
        }
        if self.brief.chars().count() > 5000 {
            errors.push(FieldError::new("brief", "too_long", "Keep the brief under 5,000 characters."));
        }
        if !(1..=20).contains(&self.per_period) {
            errors.push(FieldError::new("per_period", "out_of_range", "A package brings 1 to 20 orders a month."));
        }
        errors
    }
}

/// Pauses, resumes or cancels a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackageChange {
    pub status: PackageStatus,
}

/// A website's billing settings, as its admins write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct BillingSettings {
    /// Basis points: `2000` = 20 %.
    pub vat_rate_bp: i32,
    /// Whether the prices configured (plans, services) include VAT.
    pub prices_include_vat: bool,
    /// Invoice numbers read `<prefix>-<year>-<number>`.
    pub invoice_prefix: String,
    /// Days an invoice may stay unpaid before the client's sites stop.
    pub grace_days: i32,
    /// Shown to clients who pay by transfer.
    pub bank_details: String,
    /// Loyalty points earned per 1.00 paid (0: no programme).
    pub points_per_unit: i32,
    /// What a point takes off an invoice, in minor units.
    pub point_value_minor: i32,
    pub points_expire_days: i32,
    /// Credited to a referrer after their referee's first paid invoice.
    pub referral_reward_minor: i64,
}

impl Validate for BillingSettings {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut check = |ok: bool, field: &str, message: &str| {
            if !ok {
                errors.push(FieldError::new(field, "out_of_range", message));
            }
        };
        check((0..=10_000).contains(&self.vat_rate_bp), "vat_rate_bp", "VAT is 0 to 10,000 basis points (0 to 100 %).");
        check((0..=90).contains(&self.grace_days), "grace_days", "Allow 0 to 90 days to pay.");
        check((0..=1000).contains(&self.points_per_unit), "points_per_unit", "Earn 0 to 1,000 points per 1.00 paid.");
        check(
            (1..=10_000).contains(&self.point_value_minor),
            "point_value_minor",
            "A point is worth 1 to 10,000 minor units.",
        );
        check((1..=3650).contains(&self.points_expire_days), "points_expire_days", "Points last 1 to 3,650 days.");
        check(
            (0..=10_000_000).contains(&self.referral_reward_minor),
            "referral_reward_minor",
            "A referral reward is 0 to 10,000,000 minor units.",
        );
        check(self.bank_details.chars().count() <= 500, "bank_details", "Keep the bank details under 500 characters.");
        let prefix_ok = (1..=12).contains(&self.invoice_prefix.len())
            && self.invoice_prefix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if !prefix_ok {
            errors.push(FieldError::new(
                "invoice_prefix",
                "invalid_prefix",
                "Use 1 to 12 capital letters, digits and dashes, like INV.",
            ));
        }
        errors
    }
}

/// One month of a website's takings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthRevenue {
    /// `2026-11`.
    pub month: String,
    /// Paid invoices of the month, less what was refunded of them.
    pub revenue_minor: i64,
    pub invoices: i64,
}

/// A website's revenue figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebsiteRevenue {
    pub website_id: Uuid,
    pub name: String,
    pub currency: String,
    /// Monthly recurring revenue: the prices of the paid plans of active subscriptions.
    pub mrr_minor: i64,
    pub paying_customers: i64,
    /// Open invoices.
    pub outstanding_minor: i64,
    pub outstanding_invoices: i64,
    /// Of them, past their due date.
    pub overdue_minor: i64,
    /// The last twelve months, oldest first.
    pub months: Vec<MonthRevenue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revenue {
    pub websites: Vec<WebsiteRevenue>,
}
