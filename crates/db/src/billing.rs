//! Billing: plans, subscriptions (the row a quota check locks), metered usage, invoices with
//! their gapless numbers, payments, the prepaid balance, credit notes and the card
//! provider's webhook events. Amounts are integer minor units.

use atelier_types::billing::{InvoiceKind, InvoiceStatus, Limits, PaymentProvider, PaymentStatus, SubscriptionStatus};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

macro_rules! plan_columns {
    () => {
        "id, website_id, code, name, price_minor, is_default, active, max_sites, max_live_sites,
     max_deployments_per_month, max_storage_bytes, max_custom_domains, max_generated_per_month"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct PlanRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub code: String,
    pub name: String,
    pub price_minor: i64,
    pub is_default: bool,
    pub active: bool,
    pub max_sites: Option<i32>,
    pub max_live_sites: Option<i32>,
    pub max_deployments_per_month: Option<i32>,
    pub max_storage_bytes: Option<i64>,
    pub max_custom_domains: Option<i32>,
    pub max_generated_per_month: Option<i32>,
}

impl PlanRow {
    pub fn limits(&self) -> Limits {
        Limits {
            sites: self.max_sites.map(i64::from),
            live_sites: self.max_live_sites.map(i64::from),
            deployments_per_month: self.max_deployments_per_month.map(i64::from),
            storage_bytes: self.max_storage_bytes,
            custom_domains: self.max_custom_domains.map(i64::from),
            generated_per_month: self.max_generated_per_month.map(i64::from),
        }
    }
}

/// A plan as staff write it.
pub struct PlanFields<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub price_minor: i64,
    pub active: bool,
    pub limits: Limits,
}

fn limit32(v: Option<i64>) -> Option<i32> {
    v.map(|v| i32::try_from(v).unwrap_or(i32::MAX))
}

/// Makes the tenant's free default plan when it has none (a tenant made before billing, or
/// by hand): the plan every quota check starts from.
pub async fn ensure_default_plan(tx: &mut Tx, tenant: Uuid, limits: Limits) -> Result<(), DbError> {
    sqlx::query(
        "insert into plans (website_id, code, name, price_minor, is_default, max_sites, max_live_sites,
                            max_deployments_per_month, max_storage_bytes, max_custom_domains, max_generated_per_month)
         select $1, 'free', 'Free', 0, true, $2, $3, $4, $5, $6, $7
         where not exists (select 1 from plans where website_id = $1 and is_default)
         on conflict do nothing",
    )
    .bind(tenant)
    .bind(limit32(limits.sites))
    .bind(limit32(limits.live_sites))
    .bind(limit32(limits.deployments_per_month))
    .bind(limits.storage_bytes)
    .bind(limit32(limits.custom_domains))
    .bind(limit32(limits.generated_per_month))
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The tenant's plans, cheapest first.
pub async fn plans(tx: &mut Tx, tenant: Uuid) -> Result<Vec<PlanRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        plan_columns!(),
        " from plans where website_id = $1 order by price_minor, position, name"
    ))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn plan(tx: &mut Tx, id: Uuid) -> Result<Option<PlanRow>, DbError> {
    Ok(sqlx::query_as(concat!("select ", plan_columns!(), " from plans where id = $1"))
        .bind(id)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn insert_plan(tx: &mut Tx, tenant: Uuid, p: &PlanFields<'_>) -> Result<PlanRow, DbError> {
    Ok(sqlx::query_as(concat!(
        "insert into plans (website_id, code, name, price_minor, active, max_sites, max_live_sites,
                            max_deployments_per_month, max_storage_bytes, max_custom_domains, max_generated_per_month)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ",
        plan_columns!()
    ))
    .bind(tenant)
    .bind(p.code)
    .bind(p.name)
    .bind(p.price_minor)
    .bind(p.active)
    .bind(limit32(p.limits.sites))
    .bind(limit32(p.limits.live_sites))
    .bind(limit32(p.limits.deployments_per_month))
    .bind(p.limits.storage_bytes)
    .bind(limit32(p.limits.custom_domains))
    .bind(limit32(p.limits.generated_per_month))
    .fetch_one(tx.conn())
    .await?)
}

pub async fn update_plan(tx: &mut Tx, id: Uuid, p: &PlanFields<'_>) -> Result<Option<PlanRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "update plans set code = $2, name = $3, price_minor = $4, active = $5, max_sites = $6, max_live_sites = $7,
                max_deployments_per_month = $8, max_storage_bytes = $9, max_custom_domains = $10,
                max_generated_per_month = $11, updated_at = now()
         where id = $1 returning ",
        plan_columns!()
    ))
    .bind(id)
    .bind(p.code)
    .bind(p.name)
    .bind(p.price_minor)
    .bind(p.active)
    .bind(limit32(p.limits.sites))
    .bind(limit32(p.limits.live_sites))
    .bind(limit32(p.limits.deployments_per_month))
    .bind(p.limits.storage_bytes)
    .bind(limit32(p.limits.custom_domains))
    .bind(limit32(p.limits.generated_per_month))
    .fetch_optional(tx.conn())
    .await?)
}

macro_rules! subscription_columns {
    () => {
        "id, website_id, customer_id, plan_id, next_plan_id, status, period_start, period_end, suspended_at,
     referral_code"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct SubscriptionRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub customer_id: Uuid,
    pub plan_id: Uuid,
    pub next_plan_id: Option<Uuid>,
    pub status: SubscriptionStatus,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub suspended_at: Option<DateTime<Utc>>,
    /// The client's referral code.
    pub referral_code: String,
}

/// The client's subscription, made on the tenant's default plan when they have none yet,
/// and locked until the transaction ends: the quota checks and balance payments of one
/// client happen one after the other. (Call [`ensure_default_plan`] first.)
pub async fn lock_subscription(tx: &mut Tx, tenant: Uuid, customer: Uuid) -> Result<SubscriptionRow, DbError> {
    sqlx::query(
        "insert into subscriptions (website_id, customer_id, plan_id, period_start, period_end)
         select $1, $2, p.id, now(), now() + interval '1 month' from plans p where p.website_id = $1 and p.is_default
         on conflict (customer_id) do nothing",
    )
    .bind(tenant)
    .bind(customer)
    .execute(tx.conn())
    .await?;
    sqlx::query_as(concat!(
        "select ",
        subscription_columns!(),
        " from subscriptions where customer_id = $1 and website_id = $2 for update"
    ))
    .bind(customer)
    .bind(tenant)
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| DbError::Sqlx(sqlx::Error::RowNotFound))
}

/// Moves the subscription to `plan` now (an upgrade), or at the period's end (`next`).
pub async fn set_plan(tx: &mut Tx, id: Uuid, plan: Uuid, next: Option<Uuid>) -> Result<(), DbError> {
    sqlx::query("update subscriptions set plan_id = $2, next_plan_id = $3, updated_at = now() where id = $1")
        .bind(id)
        .bind(plan)
        .bind(next)
        .execute(tx.conn())
        .await?;
    Ok(())
}

pub async fn set_status(tx: &mut Tx, id: Uuid, status: SubscriptionStatus) -> Result<(), DbError> {
    sqlx::query(
        "update subscriptions set status = $2,
                suspended_at = case when $2 = 'suspended' then coalesce(suspended_at, now()) else null end,
                updated_at = now()
         where id = $1",
    )
    .bind(id)
    .bind(status)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Subscriptions whose period is over, oldest first, locked (other workers skip them).
pub async fn due_renewals(tx: &mut Tx, limit: i64) -> Result<Vec<SubscriptionRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        subscription_columns!(),
        " from subscriptions where period_end <= now()
         order by period_end limit $1 for update skip locked"
    ))
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// Starts the next period: `[old end, old end + 1 month)`, on the pending plan if a
/// downgrade waited.
pub async fn renew(tx: &mut Tx, id: Uuid) -> Result<SubscriptionRow, DbError> {
    Ok(sqlx::query_as(concat!(
        "update subscriptions set period_start = period_end, period_end = period_end + interval '1 month',
                plan_id = coalesce(next_plan_id, plan_id), next_plan_id = null, updated_at = now()
         where id = $1 returning ",
        subscription_columns!()
    ))
    .bind(id)
    .fetch_one(tx.conn())
    .await?)
}

/// What the client uses now, per quota (`except` a site that is already counted elsewhere:
/// the one being deployed again).
pub struct Used {
    pub sites: i64,
    pub live_sites: i64,
    pub deployments: i64,
    pub storage_bytes: i64,
    pub generated: i64,
}

pub async fn usage(tx: &mut Tx, tenant: Uuid, customer: Uuid, since: DateTime<Utc>) -> Result<Used, DbError> {
    let (sites, live_sites, deployments, storage_bytes, generated): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "select
            (select count(*) from sites where website_id = $1 and owner_id = $2),
            (select count(*) from sites where website_id = $1 and owner_id = $2 and status <> 'stopped'
                and (status in ('queued', 'deploying', 'live') or live_deployment_id is not null)),
            (select coalesce(sum(amount), 0)::bigint from usage_records
              where customer_id = $2 and website_id = $1 and quota = 'deployments_per_month' and created_at >= $3),
            (select coalesce(sum(a.size_bytes), 0)::bigint from order_attachments a
               join order_messages m on m.id = a.message_id where a.website_id = $1 and m.author_id = $2),
            (select coalesce(sum(amount), 0)::bigint from usage_records
              where customer_id = $2 and website_id = $1 and quota = 'generated_per_month' and created_at >= $3)",
    )
    .bind(tenant)
    .bind(customer)
    .bind(since)
    .fetch_one(tx.conn())
    .await?;
    Ok(Used { sites, live_sites, deployments, storage_bytes, generated })
}

/// Whether the site already holds a place among the published ones.
pub async fn site_is_published(tx: &mut Tx, site: Uuid) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar(
        "select status <> 'stopped' and (status in ('queued', 'deploying', 'live') or live_deployment_id is not null)
         from sites where id = $1",
    )
    .bind(site)
    .fetch_optional(tx.conn())
    .await?
    .unwrap_or(false))
}

/// Meters `amount` of a per-period quota.
pub async fn record_usage(tx: &mut Tx, tenant: Uuid, customer: Uuid, quota: &str, amount: i64) -> Result<(), DbError> {
    sqlx::query("insert into usage_records (website_id, customer_id, quota, amount) values ($1, $2, $3, $4)")
        .bind(tenant)
        .bind(customer)
        .bind(quota)
        .bind(amount)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Takes the tenant's next invoice (or credit note) number. The counter row stays locked
/// until the transaction ends, so numbers have no gaps and no repeats.
pub async fn next_number(tx: &mut Tx, tenant: Uuid, credit: bool) -> Result<i32, DbError> {
    let sql = if credit {
        "insert into invoice_counters (website_id, last_credit) values ($1, 1)
         on conflict (website_id) do update set last_credit = invoice_counters.last_credit + 1 returning last_credit"
    } else {
        "insert into invoice_counters (website_id, last_invoice) values ($1, 1)
         on conflict (website_id) do update set last_invoice = invoice_counters.last_invoice + 1 returning last_invoice"
    };
    Ok(sqlx::query_scalar(sql).bind(tenant).fetch_one(tx.conn()).await?)
}

/// The tenant's billing settings.
#[derive(Debug, Clone, FromRow)]
pub struct TenantBilling {
    pub currency: String,
    pub vat_rate_bp: i32,
    pub prices_include_vat: bool,
    pub invoice_prefix: String,
    pub grace_days: i32,
    pub bank_details: String,
    pub name: String,
    pub theme_color: String,
    pub contact_email: String,
    pub points_per_unit: i32,
    pub point_value_minor: i32,
    pub points_expire_days: i32,
    pub referral_reward_minor: i64,
}

pub async fn tenant_billing(tx: &mut Tx, tenant: Uuid) -> Result<Option<TenantBilling>, DbError> {
    Ok(sqlx::query_as(
        "select currency, vat_rate_bp, prices_include_vat, invoice_prefix, grace_days, bank_details, name,
                theme_color, contact_email, points_per_unit, point_value_minor, points_expire_days,
                referral_reward_minor
         from websites where id = $1",
    )
    .bind(tenant)
    .fetch_optional(tx.conn())
    .await?)
}

macro_rules! invoice_columns {
    () => {
        "i.id, i.website_id, i.customer_id, u.display_name as customer_name, u.email as customer_email,
     i.number, i.reference, i.kind, i.status, i.currency, i.subtotal_minor, i.discount_minor, i.points_minor,
     i.tax_minor, i.total_minor, i.vat_rate_bp, i.prices_include_vat, i.order_id, i.subscription_id, i.plan_id,
     i.period_start, i.period_end, i.issued_at, i.due_at, i.paid_at, i.refunded_minor, i.package_id,
     i.service_type_id"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct InvoiceRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub customer_email: String,
    pub number: i32,
    pub reference: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub currency: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub points_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub vat_rate_bp: i32,
    pub prices_include_vat: bool,
    pub order_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub refunded_minor: i64,
    /// The content package a `package` invoice bills a period of.
    pub package_id: Option<Uuid>,
    /// The service an order's or a package's invoice is for (promo codes may be limited to some).
    pub service_type_id: Option<Uuid>,
}

pub struct NewInvoice<'a> {
    pub tenant: Uuid,
    pub customer: Uuid,
    pub number: i32,
    pub reference: &'a str,
    pub kind: InvoiceKind,
    pub currency: &'a str,
    pub subtotal: i64,
    pub discount: i64,
    pub points: i64,
    pub tax: i64,
    pub total: i64,
    pub vat_rate_bp: i32,
    pub prices_include_vat: bool,
    pub order_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub period: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub due_at: DateTime<Utc>,
    pub package_id: Option<Uuid>,
    pub service_type_id: Option<Uuid>,
    /// `(description, quantity, unit price)`.
    pub lines: &'a [(String, i32, i64)],
}

/// Writes an invoice and its lines; a zero total is paid on issue.
pub async fn insert_invoice(tx: &mut Tx, n: &NewInvoice<'_>) -> Result<Uuid, DbError> {
    let id: Uuid = sqlx::query_scalar(
        "insert into invoices (website_id, customer_id, number, reference, kind, status, currency, subtotal_minor,
                               discount_minor, points_minor, tax_minor, total_minor, vat_rate_bp, prices_include_vat,
                               order_id, subscription_id, plan_id, period_start, period_end, due_at, paid_at,
                               package_id, service_type_id)
         values ($1, $2, $3, $4, $5, case when $12 = 0 then 'paid' else 'open' end, $6, $7, $8, $9, $10, $12, $11,
                 $13, $14, $15, $16, $17, $18, $19, case when $12 = 0 then now() end, $20, $21)
         returning id",
    )
    .bind(n.tenant)
    .bind(n.customer)
    .bind(n.number)
    .bind(n.reference)
    .bind(n.kind)
    .bind(n.currency)
    .bind(n.subtotal)
    .bind(n.discount)
    .bind(n.points)
    .bind(n.tax)
    .bind(n.vat_rate_bp)
    .bind(n.total)
    .bind(n.prices_include_vat)
    .bind(n.order_id)
    .bind(n.subscription_id)
    .bind(n.plan_id)
    .bind(n.period.map(|p| p.0))
    .bind(n.period.map(|p| p.1))
    .bind(n.due_at)
    .bind(n.package_id)
    .bind(n.service_type_id)
    .fetch_one(tx.conn())
    .await?;
    for (position, (description, quantity, unit)) in n.lines.iter().enumerate() {
        sqlx::query(
            "insert into invoice_lines (website_id, invoice_id, position, description, quantity, unit_minor, amount_minor)
             values ($1, $2, $3, $4, $5, $6, $5::bigint * $6)",
        )
        .bind(n.tenant)
        .bind(id)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(description)
        .bind(quantity)
        .bind(unit)
        .execute(tx.conn())
        .await?;
    }
    Ok(id)
}

/// One invoice (`lock`: for the rest of the transaction).
pub async fn invoice(tx: &mut Tx, id: Uuid, lock: bool) -> Result<Option<InvoiceRow>, DbError> {
    let sql = if lock {
        concat!(
            "select ",
            invoice_columns!(),
            " from invoices i join users u on u.id = i.customer_id where i.id = $1 for update of i"
        )
    } else {
        concat!("select ", invoice_columns!(), " from invoices i join users u on u.id = i.customer_id where i.id = $1")
    };
    Ok(sqlx::query_as(sql).bind(id).fetch_optional(tx.conn()).await?)
}

/// The invoice of an order, if it has one that is not void.
pub async fn invoice_of_order(tx: &mut Tx, order: Uuid) -> Result<Option<InvoiceRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        invoice_columns!(),
        " from invoices i join users u on u.id = i.customer_id
         where i.order_id = $1 and i.status <> 'void' for update of i"
    ))
    .bind(order)
    .fetch_optional(tx.conn())
    .await?)
}

/// A client's invoices, newest first.
pub async fn invoices_of(tx: &mut Tx, customer: Uuid) -> Result<Vec<InvoiceRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        invoice_columns!(),
        " from invoices i join users u on u.id = i.customer_id
         where i.customer_id = $1 order by i.number desc limit 200"
    ))
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

/// Invoices of the tenants in scope (`status`: only those), newest first.
pub async fn invoices_in_scope(
    tx: &mut Tx,
    website: Option<Uuid>,
    status: Option<InvoiceStatus>,
    limit: i64,
) -> Result<Vec<InvoiceRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        invoice_columns!(),
        " from invoices i join users u on u.id = i.customer_id
         where ($1::uuid is null or i.website_id = $1) and ($2::text is null or i.status = $2)
         order by i.issued_at desc, i.number desc limit $3"
    ))
    .bind(website)
    .bind(status)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn open_invoice_count(tx: &mut Tx, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("select count(*) from invoices where customer_id = $1 and status = 'open'")
        .bind(customer)
        .fetch_one(tx.conn())
        .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub invoice_id: Uuid,
    pub description: String,
    pub quantity: i32,
    pub unit_minor: i64,
    pub amount_minor: i64,
}

pub async fn lines_of(tx: &mut Tx, invoices: &[Uuid]) -> Result<Vec<LineRow>, DbError> {
    Ok(sqlx::query_as(
        "select invoice_id, description, quantity, unit_minor, amount_minor from invoice_lines
         where invoice_id = any($1) order by invoice_id, position",
    )
    .bind(invoices)
    .fetch_all(tx.conn())
    .await?)
}

/// Marks an open invoice paid; false when it was not open any more (someone paid first).
pub async fn mark_paid(tx: &mut Tx, id: Uuid) -> Result<bool, DbError> {
    let done: Option<Uuid> = sqlx::query_scalar(
        "update invoices set status = 'paid', paid_at = now() where id = $1 and status = 'open' returning id",
    )
    .bind(id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(done.is_some())
}

pub async fn void_invoice(tx: &mut Tx, id: Uuid) -> Result<bool, DbError> {
    let done: Option<Uuid> =
        sqlx::query_scalar("update invoices set status = 'void' where id = $1 and status = 'open' returning id")
            .bind(id)
            .fetch_optional(tx.conn())
            .await?;
    Ok(done.is_some())
}

macro_rules! payment_columns {
    () => {
        "id, website_id, invoice_id, provider, status, amount_minor, external_id, checkout_url, created_at, settled_at"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub invoice_id: Uuid,
    pub provider: PaymentProvider,
    pub status: PaymentStatus,
    pub amount_minor: i64,
    pub external_id: Option<String>,
    pub checkout_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

pub async fn insert_payment(
    tx: &mut Tx,
    invoice: &InvoiceRow,
    provider: PaymentProvider,
    status: PaymentStatus,
    external_id: Option<&str>,
    checkout_url: Option<&str>,
) -> Result<PaymentRow, DbError> {
    Ok(sqlx::query_as(concat!("insert into payments (website_id, invoice_id, provider, status, amount_minor, external_id, checkout_url, settled_at)
         values ($1, $2, $3, $4, $5, $6, $7, case when $4 = 'succeeded' then now() end) returning ", payment_columns!()))
    .bind(invoice.website_id)
    .bind(invoice.id)
    .bind(provider)
    .bind(status)
    .bind(invoice.total_minor)
    .bind(external_id)
    .bind(checkout_url)
    .fetch_one(tx.conn())
    .await?)
}

pub async fn payments_of(tx: &mut Tx, invoices: &[Uuid]) -> Result<Vec<PaymentRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        payment_columns!(),
        " from payments where invoice_id = any($1) order by created_at"
    ))
    .bind(invoices)
    .fetch_all(tx.conn())
    .await?)
}

/// An invoice's pending payment by this provider, to show again rather than start another.
pub async fn pending_payment(
    tx: &mut Tx,
    invoice: Uuid,
    provider: PaymentProvider,
) -> Result<Option<PaymentRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        payment_columns!(),
        " from payments where invoice_id = $1 and provider = $2 and status = 'pending'
         order by created_at desc limit 1"
    ))
    .bind(invoice)
    .bind(provider)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn payment(tx: &mut Tx, id: Uuid) -> Result<Option<PaymentRow>, DbError> {
    Ok(sqlx::query_as(concat!("select ", payment_columns!(), " from payments where id = $1 for update"))
        .bind(id)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn payment_by_external(
    tx: &mut Tx,
    provider: PaymentProvider,
    external: &str,
) -> Result<Option<PaymentRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        payment_columns!(),
        " from payments where provider = $1 and external_id = $2 for update"
    ))
    .bind(provider)
    .bind(external)
    .fetch_optional(tx.conn())
    .await?)
}

/// Settles a pending payment (`by`: the staff member who confirmed it); false when it was
/// not pending.
pub async fn settle_payment(tx: &mut Tx, id: Uuid, status: PaymentStatus, by: Option<Uuid>) -> Result<bool, DbError> {
    let done: Option<Uuid> = sqlx::query_scalar(
        "update payments set status = $2, confirmed_by = $3, settled_at = now() where id = $1 and status = 'pending'
         returning id",
    )
    .bind(id)
    .bind(status)
    .bind(by)
    .fetch_optional(tx.conn())
    .await?;
    Ok(done.is_some())
}

/// Cancels the invoice's other pending payments once it is paid.
pub async fn cancel_pending(tx: &mut Tx, invoice: Uuid) -> Result<(), DbError> {
    sqlx::query(
        "update payments set status = 'cancelled', settled_at = now() where invoice_id = $1 and status = 'pending'",
    )
    .bind(invoice)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Pending payments of the tenants in scope (transfers to confirm), oldest first.
pub async fn pending_payments(tx: &mut Tx, provider: PaymentProvider) -> Result<Vec<PaymentRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        payment_columns!(),
        " from payments where status = 'pending' and provider = $1 order by created_at limit 500"
    ))
    .bind(provider)
    .fetch_all(tx.conn())
    .await?)
}

/// What of an invoice was paid from the client's balance.
pub async fn paid_by_balance(tx: &mut Tx, invoice: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select coalesce(sum(amount_minor), 0)::bigint from payments
         where invoice_id = $1 and provider = 'balance' and status = 'succeeded'",
    )
    .bind(invoice)
    .fetch_one(tx.conn())
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct BalanceRow {
    pub id: Uuid,
    pub kind: String,
    pub amount_minor: i64,
    pub invoice_id: Option<Uuid>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

pub async fn balance(tx: &mut Tx, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("select coalesce(sum(amount_minor), 0)::bigint from balance_entries where customer_id = $1")
        .bind(customer)
        .fetch_one(tx.conn())
        .await?)
}

pub async fn balance_entries(tx: &mut Tx, customer: Uuid) -> Result<Vec<BalanceRow>, DbError> {
    Ok(sqlx::query_as(
        "select id, kind, amount_minor, invoice_id, note, created_at from balance_entries where customer_id = $1
         order by created_at desc limit 200",
    )
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

pub struct NewBalanceEntry<'a> {
    pub tenant: Uuid,
    pub customer: Uuid,
    pub kind: &'a str,
    pub amount_minor: i64,
    pub invoice_id: Option<Uuid>,
    pub note: &'a str,
    pub created_by: Option<Uuid>,
}

pub async fn add_balance(tx: &mut Tx, e: &NewBalanceEntry<'_>) -> Result<(), DbError> {
    sqlx::query(
        "insert into balance_entries (website_id, customer_id, kind, amount_minor, invoice_id, note, created_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.tenant)
    .bind(e.customer)
    .bind(e.kind)
    .bind(e.amount_minor)
    .bind(e.invoice_id)
    .bind(e.note)
    .bind(e.created_by)
    .execute(tx.conn())
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct CreditNoteRow {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub reference: String,
    pub amount_minor: i64,
    pub reason: String,
    pub refunded_to: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewCreditNote<'a> {
    pub invoice: &'a InvoiceRow,
    pub number: i32,
    pub reference: &'a str,
    pub amount_minor: i64,
    pub reason: &'a str,
    pub refunded_to: &'a str,
    pub created_by: Uuid,
}

/// Writes the credit note and counts it against the invoice; `None` when it would refund
/// more than is left.
pub async fn insert_credit_note(tx: &mut Tx, c: &NewCreditNote<'_>) -> Result<Option<CreditNoteRow>, DbError> {
    let counted: Option<Uuid> = sqlx::query_scalar(
        "update invoices set refunded_minor = refunded_minor + $2
         where id = $1 and status = 'paid' and refunded_minor + $2 <= total_minor returning id",
    )
    .bind(c.invoice.id)
    .bind(c.amount_minor)
    .fetch_optional(tx.conn())
    .await?;
    if counted.is_none() {
        return Ok(None);
    }
    Ok(Some(
        sqlx::query_as(
            "insert into credit_notes (website_id, invoice_id, number, reference, amount_minor, reason, refunded_to, created_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8)
             returning id, invoice_id, reference, amount_minor, reason, refunded_to, created_at",
        )
        .bind(c.invoice.website_id)
        .bind(c.invoice.id)
        .bind(c.number)
        .bind(c.reference)
        .bind(c.amount_minor)
        .bind(c.reason)
        .bind(c.refunded_to)
        .bind(c.created_by)
        .fetch_one(tx.conn())
        .await?,
    ))
}

/// Records a webhook event; false when it was seen before (a replay).
pub async fn first_webhook_event(tx: &mut Tx, provider: &str, event_id: &str, kind: &str) -> Result<bool, DbError> {
    let fresh: Option<String> = sqlx::query_scalar(
        "insert into payment_webhook_events (provider, event_id, kind) values ($1, $2, $3)
         on conflict do nothing returning event_id",
    )
    .bind(provider)
    .bind(event_id)
    .bind(kind)
    .fetch_optional(tx.conn())
    .await?;
    Ok(fresh.is_some())
}

/// Open invoices past `due_at` (the grace period is in the due date), oldest first.
pub async fn overdue(tx: &mut Tx, limit: i64) -> Result<Vec<InvoiceRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        invoice_columns!(),
        " from invoices i join users u on u.id = i.customer_id
         where i.status = 'open' and i.due_at <= now() order by i.due_at limit $1"
    ))
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// Open invoices due within `days` that were not reminded yet; marks them reminded.
pub async fn remind_due(tx: &mut Tx, days: i32, limit: i64) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "update invoices set reminded_at = now() where id in (
             select id from invoices where status = 'open' and reminded_at is null
                and due_at <= now() + make_interval(days => $1) order by due_at limit $2 for update skip locked)
         returning id",
    )
    .bind(days)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// The client's published sites, for stopping them when billing suspends the account.
pub async fn running_sites(tx: &mut Tx, customer: Uuid) -> Result<Vec<(Uuid, String)>, DbError> {
    Ok(sqlx::query_as(
        "select id, slug from sites where owner_id = $1 and status = 'live' and live_deployment_id is not null",
    )
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn mark_billing_stopped(tx: &mut Tx, site: Uuid, stopped: bool) -> Result<(), DbError> {
    sqlx::query("update sites set billing_stopped_at = case when $2 then now() end where id = $1")
        .bind(site)
        .bind(stopped)
        .execute(tx.conn())
        .await?;
    Ok(())
}

pub async fn billing_stopped_sites(tx: &mut Tx, customer: Uuid) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select id from sites where owner_id = $1 and billing_stopped_at is not null")
        .bind(customer)
        .fetch_all(tx.conn())
        .await?)
}

/// How many of the client's invoices are open past their due date.
pub async fn overdue_of(tx: &mut Tx, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select count(*) from invoices where customer_id = $1 and status = 'open' and due_at <= now()",
    )
    .bind(customer)
    .fetch_one(tx.conn())
    .await?)
}

/// Clients in good standing with sites billing stopped: `(tenant, client)`.
pub async fn restorable(tx: &mut Tx, limit: i64) -> Result<Vec<(Uuid, Uuid)>, DbError> {
    Ok(sqlx::query_as(
        "select distinct s.website_id, s.owner_id from sites s
           join subscriptions b on b.customer_id = s.owner_id
          where s.billing_stopped_at is not null and b.status = 'active' limit $1",
    )
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}
