//! Billing's second part: promo codes and their redemptions, loyalty points (a ledger of
//! their own), referrals, content packages, a website's billing settings and the revenue
//! figures staff read. Amounts are integer minor units.

use atelier_types::billing::{BillingSettings, PackageStatus, PromoKind};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use uuid::Uuid;

use crate::{DbError, Tx};

macro_rules! promo_columns {
    () => {
        "id, website_id, code, kind, value, starts_at, ends_at, max_redemptions, per_customer, redemptions,
     plan_ids, service_ids, first_purchase_only, active"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct PromoRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub code: String,
    pub kind: PromoKind,
    pub value: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_redemptions: Option<i32>,
    pub per_customer: i32,
    pub redemptions: i32,
    pub plan_ids: Vec<Uuid>,
    pub service_ids: Vec<Uuid>,
    pub first_purchase_only: bool,
    pub active: bool,
}

/// A promo code as staff write it.
pub struct PromoFields<'a> {
    pub code: &'a str,
    pub kind: PromoKind,
    pub value: i64,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_redemptions: Option<i32>,
    pub per_customer: i32,
    pub plan_ids: &'a [Uuid],
    pub service_ids: &'a [Uuid],
    pub first_purchase_only: bool,
    pub active: bool,
}

pub async fn insert_promo(tx: &mut Tx, tenant: Uuid, f: &PromoFields<'_>) -> Result<PromoRow, DbError> {
    Ok(sqlx::query_as(concat!(
        "insert into promo_codes (website_id, code, kind, value, starts_at, ends_at, max_redemptions, per_customer,
                                  plan_ids, service_ids, first_purchase_only, active)
         values ($1, $2, $3, $4, coalesce($5, now()), $6, $7, $8, $9, $10, $11, $12) returning ",
        promo_columns!()
    ))
    .bind(tenant)
    .bind(f.code)
    .bind(f.kind)
    .bind(f.value)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.max_redemptions)
    .bind(f.per_customer)
    .bind(f.plan_ids)
    .bind(f.service_ids)
    .bind(f.first_purchase_only)
    .bind(f.active)
    .fetch_one(tx.conn())
    .await?)
}

/// Rewrites a promo code (its uses so far stay counted).
pub async fn update_promo(tx: &mut Tx, id: Uuid, f: &PromoFields<'_>) -> Result<Option<PromoRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "update promo_codes set code = $2, kind = $3, value = $4, starts_at = coalesce($5, starts_at), ends_at = $6,
                max_redemptions = $7, per_customer = $8, plan_ids = $9, service_ids = $10,
                first_purchase_only = $11, active = $12
         where id = $1 returning ",
        promo_columns!()
    ))
    .bind(id)
    .bind(f.code)
    .bind(f.kind)
    .bind(f.value)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.max_redemptions)
    .bind(f.per_customer)
    .bind(f.plan_ids)
    .bind(f.service_ids)
    .bind(f.first_purchase_only)
    .bind(f.active)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn promos(tx: &mut Tx, tenant: Uuid) -> Result<Vec<PromoRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        promo_columns!(),
        " from promo_codes where website_id = $1 order by active desc, created_at desc limit 500"
    ))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn promo(tx: &mut Tx, id: Uuid) -> Result<Option<PromoRow>, DbError> {
    Ok(sqlx::query_as(concat!("select ", promo_columns!(), " from promo_codes where id = $1"))
        .bind(id)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn promo_by_code(tx: &mut Tx, tenant: Uuid, code: &str) -> Result<Option<PromoRow>, DbError> {
    Ok(sqlx::query_as(concat!("select ", promo_columns!(), " from promo_codes where website_id = $1 and code = $2"))
        .bind(tenant)
        .bind(code)
        .fetch_optional(tx.conn())
        .await?)
}

/// Takes one use of a promo code: false when none is left. The row stays locked until the
/// transaction ends, so of two clients racing for the last use, the second finds none.
pub async fn take_use(tx: &mut Tx, id: Uuid) -> Result<bool, DbError> {
    let taken: Option<Uuid> = sqlx::query_scalar(
        "update promo_codes set redemptions = redemptions + 1
         where id = $1 and (max_redemptions is null or redemptions < max_redemptions) returning id",
    )
    .bind(id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(taken.is_some())
}

/// The uses of a promo code by one customer.
pub async fn customer_uses(tx: &mut Tx, promo: Uuid, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("select count(*) from promo_redemptions where promo_code_id = $1 and customer_id = $2")
        .bind(promo)
        .bind(customer)
        .fetch_one(tx.conn())
        .await?)
}

pub async fn insert_redemption(
    tx: &mut Tx,
    promo: &PromoRow,
    customer: Uuid,
    invoice: Uuid,
    discount: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "insert into promo_redemptions (website_id, promo_code_id, customer_id, invoice_id, discount_minor)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(promo.website_id)
    .bind(promo.id)
    .bind(customer)
    .bind(invoice)
    .bind(discount)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// A voided invoice gives its promo code's use back.
pub async fn release_redemption(tx: &mut Tx, invoice: Uuid) -> Result<(), DbError> {
    let promo: Option<Uuid> =
        sqlx::query_scalar("delete from promo_redemptions where invoice_id = $1 returning promo_code_id")
            .bind(invoice)
            .fetch_optional(tx.conn())
            .await?;
    if let Some(promo) = promo {
        sqlx::query("update promo_codes set redemptions = greatest(redemptions - 1, 0) where id = $1")
            .bind(promo)
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// The code of the promo applied to an invoice, if any.
pub async fn promo_of_invoice(tx: &mut Tx, invoice: Uuid) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar(
        "select c.code from promo_redemptions r join promo_codes c on c.id = r.promo_code_id where r.invoice_id = $1",
    )
    .bind(invoice)
    .fetch_optional(tx.conn())
    .await?)
}

/// Whether the customer paid anything before (an invoice other than `except`).
pub async fn has_purchased(tx: &mut Tx, customer: Uuid, except: Uuid) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from invoices where customer_id = $1 and id <> $2 and status = 'paid'
                        and total_minor > 0)",
    )
    .bind(customer)
    .bind(except)
    .fetch_one(tx.conn())
    .await?)
}

/// Sets an open invoice's discount, points and the totals they give.
pub async fn set_adjustments(
    tx: &mut Tx,
    invoice: Uuid,
    discount: i64,
    points: i64,
    tax: i64,
    total: i64,
) -> Result<bool, DbError> {
    let done: Option<Uuid> = sqlx::query_scalar(
        "update invoices set discount_minor = $2, points_minor = $3, tax_minor = $4, total_minor = $5
         where id = $1 and status = 'open' returning id",
    )
    .bind(invoice)
    .bind(discount)
    .bind(points)
    .bind(tax)
    .bind(total)
    .fetch_optional(tx.conn())
    .await?;
    Ok(done.is_some())
}

// Loyalty points.

#[derive(Debug, Clone, FromRow)]
pub struct PointsRow {
    pub kind: String,
    pub points: i64,
    pub invoice_id: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The points a customer may spend now: what they hold, less what expired and the cycle
/// has not written off yet (points earned before then that no redemption used).
pub async fn spendable_points(tx: &mut Tx, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select (coalesce(sum(points), 0)
                 - greatest(0, coalesce(sum(points) filter (where points > 0 and expires_at <= now()), 0)
                               + coalesce(sum(points) filter (where points < 0), 0)))::bigint
         from loyalty_entries where customer_id = $1",
    )
    .bind(customer)
    .fetch_one(tx.conn())
    .await?)
}

/// When the soonest of the points held expire, and how many: redemptions spend the oldest
/// first, so the lots earned earliest are used up first.
pub async fn next_expiry(tx: &mut Tx, customer: Uuid) -> Result<Option<(DateTime<Utc>, i64)>, DbError> {
    Ok(sqlx::query_as(
        "with lots as (select expires_at, points, sum(points) over (order by expires_at, created_at, id) as cum
                       from loyalty_entries where customer_id = $1 and points > 0),
              used as (select coalesce(-sum(points), 0) as u from loyalty_entries where customer_id = $1 and points < 0)
         select lots.expires_at, least(lots.points, lots.cum - used.u)::bigint
         from lots, used where lots.cum > used.u order by lots.expires_at limit 1",
    )
    .bind(customer)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn points_entries(tx: &mut Tx, customer: Uuid) -> Result<Vec<PointsRow>, DbError> {
    Ok(sqlx::query_as(
        "select kind, points, invoice_id, expires_at, created_at from loyalty_entries where customer_id = $1
         order by created_at desc limit 200",
    )
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

pub struct NewPoints<'a> {
    pub tenant: Uuid,
    pub customer: Uuid,
    pub kind: &'a str,
    pub points: i64,
    pub invoice_id: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn add_points(tx: &mut Tx, e: &NewPoints<'_>) -> Result<(), DbError> {
    sqlx::query(
        "insert into loyalty_entries (website_id, customer_id, kind, points, invoice_id, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(e.tenant)
    .bind(e.customer)
    .bind(e.kind)
    .bind(e.points)
    .bind(e.invoice_id)
    .bind(e.expires_at)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The points of one invoice, each as a positive number.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct InvoicePoints {
    pub earned: i64,
    pub redeemed: i64,
    /// Taken back by its refunds so far.
    pub reversed: i64,
}

pub async fn points_of_invoice(tx: &mut Tx, invoice: Uuid) -> Result<InvoicePoints, DbError> {
    Ok(sqlx::query_as(
        "select coalesce(sum(points) filter (where kind = 'earned'), 0)::bigint as earned,
                coalesce(-sum(points) filter (where kind = 'redeemed'), 0)::bigint as redeemed,
                coalesce(-sum(points) filter (where kind = 'reversed'), 0)::bigint as reversed
         from loyalty_entries where invoice_id = $1",
    )
    .bind(invoice)
    .fetch_one(tx.conn())
    .await?)
}

/// The points of one customer past their expiry that no redemption used, to write off.
pub async fn points_due_to_expire(tx: &mut Tx, customer: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "select greatest(0, coalesce(sum(points) filter (where points > 0 and expires_at <= now()), 0)
                            + coalesce(sum(points) filter (where points < 0), 0))::bigint
         from loyalty_entries where customer_id = $1",
    )
    .bind(customer)
    .fetch_one(tx.conn())
    .await?)
}

/// Starts a new period of the package now (a paused package resumed after its period ended).
pub async fn restart_package_period(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query(
        "update content_packages set period_start = now(), period_end = now() + interval '1 month', updated_at = now()
         where id = $1",
    )
    .bind(id)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The paid invoice of a package's period that opened an order created at `opened`.
pub async fn package_invoice_of_order(
    tx: &mut Tx,
    package: Uuid,
    opened: DateTime<Utc>,
) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "select id from invoices where package_id = $1 and status = 'paid' and paid_at <= $2
         order by paid_at desc limit 1 for update",
    )
    .bind(package)
    .bind(opened)
    .fetch_optional(tx.conn())
    .await?)
}

/// Customers holding points past their expiry that no redemption used.
/// `(website, customer)`; how many is counted again under the client's lock
/// ([`points_due_to_expire`]).
pub async fn expired_points(tx: &mut Tx, limit: i64) -> Result<Vec<(Uuid, Uuid)>, DbError> {
    Ok(sqlx::query_as(
        "select website_id, customer_id
         from loyalty_entries
         where customer_id in (select distinct customer_id from loyalty_entries
                               where points > 0 and expires_at <= now())
         group by website_id, customer_id
         having coalesce(sum(points) filter (where points > 0 and expires_at <= now()), 0)
                + coalesce(sum(points) filter (where points < 0), 0) > 0
         limit $1",
    )
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

// Referrals.

/// The client whose referral code this is, on this website.
pub async fn referrer_by_code(tx: &mut Tx, tenant: Uuid, code: &str) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select customer_id from subscriptions where website_id = $1 and referral_code = $2")
        .bind(tenant)
        .bind(code)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn insert_referral(tx: &mut Tx, tenant: Uuid, referrer: Uuid, referee: Uuid) -> Result<(), DbError> {
    sqlx::query("insert into referrals (website_id, referrer_id, referee_id) values ($1, $2, $3)")
        .bind(tenant)
        .bind(referrer)
        .bind(referee)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Who referred this client, if anyone.
pub async fn referred_by(tx: &mut Tx, referee: Uuid) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select referrer_id from referrals where referee_id = $1")
        .bind(referee)
        .fetch_optional(tx.conn())
        .await?)
}

pub async fn was_referred(tx: &mut Tx, referee: Uuid) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from referrals where referee_id = $1)")
        .bind(referee)
        .fetch_one(tx.conn())
        .await?)
}

/// Marks the referee's pending referral credited; the referrer when there was one.
pub async fn credit_referral(tx: &mut Tx, referee: Uuid, invoice: Uuid, reward: i64) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "update referrals set status = 'credited', credited_at = now(), invoice_id = $2, reward_minor = $3
         where referee_id = $1 and status = 'pending' returning referrer_id",
    )
    .bind(referee)
    .bind(invoice)
    .bind(reward)
    .fetch_optional(tx.conn())
    .await?)
}

/// `(pending, credited, earned)` of a referrer.
pub async fn referral_counts(tx: &mut Tx, referrer: Uuid) -> Result<(i64, i64, i64), DbError> {
    Ok(sqlx::query_as(
        "select count(*) filter (where status = 'pending'), count(*) filter (where status = 'credited'),
                coalesce(sum(reward_minor) filter (where status = 'credited'), 0)::bigint
         from referrals where referrer_id = $1",
    )
    .bind(referrer)
    .fetch_one(tx.conn())
    .await?)
}

// A website's billing settings.

pub async fn settings(tx: &mut Tx, tenant: Uuid) -> Result<Option<BillingSettings>, DbError> {
    Ok(sqlx::query_as(
        "select vat_rate_bp, prices_include_vat, invoice_prefix, grace_days, bank_details, points_per_unit,
                point_value_minor, points_expire_days, referral_reward_minor
         from websites where id = $1",
    )
    .bind(tenant)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn set_settings(tx: &mut Tx, tenant: Uuid, s: &BillingSettings) -> Result<bool, DbError> {
    let done = sqlx::query(
        "update websites set vat_rate_bp = $2, prices_include_vat = $3, invoice_prefix = $4, grace_days = $5,
                bank_details = $6, points_per_unit = $7, point_value_minor = $8, points_expire_days = $9,
                referral_reward_minor = $10
         where id = $1",
    )
    .bind(tenant)
    .bind(s.vat_rate_bp)
    .bind(s.prices_include_vat)
    .bind(&s.invoice_prefix)
    .bind(s.grace_days)
    .bind(s.bank_details.trim())
    .bind(s.points_per_unit)
    .bind(s.point_value_minor)
    .bind(s.points_expire_days)
    .bind(s.referral_reward_minor)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() > 0)
}

// Revenue figures.

#[derive(Debug, Clone, FromRow)]
pub struct WebsiteMoney {
    pub website_id: Uuid,
    pub name: String,
    pub currency: String,
    pub mrr_minor: i64,
    pub paying_customers: i64,
    pub outstanding_minor: i64,
    pub outstanding_invoices: i64,
    pub overdue_minor: i64,
}

/// Each website in scope: its monthly recurring revenue and what is left to be paid.
pub async fn website_money(tx: &mut Tx) -> Result<Vec<WebsiteMoney>, DbError> {
    Ok(sqlx::query_as(
        "select w.id as website_id, w.name, w.currency,
                coalesce(m.mrr, 0)::bigint as mrr_minor, coalesce(m.customers, 0)::bigint as paying_customers,
                coalesce(o.total, 0)::bigint as outstanding_minor, coalesce(o.n, 0)::bigint as outstanding_invoices,
                coalesce(o.overdue, 0)::bigint as overdue_minor
         from websites w
         left join (select s.website_id, sum(p.price_minor) as mrr, count(*) as customers
                    from subscriptions s join plans p on p.id = s.plan_id
                    where s.status = 'active' and p.price_minor > 0 group by s.website_id) m on m.website_id = w.id
         left join (select website_id, sum(total_minor) as total, count(*) as n,
                           sum(total_minor) filter (where due_at < now()) as overdue
                    from invoices where status = 'open' group by website_id) o on o.website_id = w.id
         order by w.name",
    )
    .fetch_all(tx.conn())
    .await?)
}

/// `(website, 'YYYY-MM', revenue, invoices)` of the last twelve months: paid invoices by the
/// month they were paid in, less what was refunded of them.
pub async fn monthly_revenue(tx: &mut Tx) -> Result<Vec<(Uuid, String, i64, i64)>, DbError> {
    Ok(sqlx::query_as(
        "select website_id, to_char(date_trunc('month', paid_at), 'YYYY-MM'),
                sum(total_minor - refunded_minor)::bigint, count(*)
         from invoices
         where status = 'paid' and paid_at >= date_trunc('month', now()) - interval '11 months'
         group by website_id, 2 order by 2",
    )
    .fetch_all(tx.conn())
    .await?)
}

// Content packages.

macro_rules! package_columns {
    () => {
        "p.id, p.website_id, p.customer_id, p.service_type_id, s.name as service_name, p.site_id, p.title, p.brief,
     p.words, p.turnaround_days, p.per_period, p.unit_price_minor, p.status, p.period_start, p.period_end,
     w.currency, (select count(*) from orders o where o.package_id = p.id) as orders_opened"
    };
}

#[derive(Debug, Clone, FromRow)]
pub struct PackageRow {
    pub id: Uuid,
    pub website_id: Uuid,
    pub customer_id: Uuid,
    pub service_type_id: Uuid,
    pub service_name: String,
    pub site_id: Option<Uuid>,
    pub title: String,
    pub brief: String,
    pub words: i32,
    pub turnaround_days: i32,
    pub per_period: i32,
    pub unit_price_minor: i64,
    pub status: PackageStatus,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub currency: String,
    pub orders_opened: i64,
}

pub struct NewPackageRow<'a> {
    pub tenant: Uuid,
    pub customer: Uuid,
    pub service_type_id: Uuid,
    pub site_id: Option<Uuid>,
    pub title: &'a str,
    pub brief: &'a str,
    pub words: i32,
    pub turnaround_days: i32,
    pub per_period: i32,
    pub unit_price_minor: i64,
}

/// A new package, its first period starting now.
pub async fn insert_package(tx: &mut Tx, p: &NewPackageRow<'_>) -> Result<Uuid, DbError> {
    Ok(sqlx::query_scalar(
        "insert into content_packages (website_id, customer_id, service_type_id, site_id, title, brief, words,
                                       turnaround_days, per_period, unit_price_minor, period_start, period_end)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), now() + interval '1 month') returning id",
    )
    .bind(p.tenant)
    .bind(p.customer)
    .bind(p.service_type_id)
    .bind(p.site_id)
    .bind(p.title)
    .bind(p.brief)
    .bind(p.words)
    .bind(p.turnaround_days)
    .bind(p.per_period)
    .bind(p.unit_price_minor)
    .fetch_one(tx.conn())
    .await?)
}

pub async fn package(tx: &mut Tx, id: Uuid, lock: bool) -> Result<Option<PackageRow>, DbError> {
    let sql = if lock {
        concat!(
            "select ",
            package_columns!(),
            " from content_packages p join service_types s on s.id = p.service_type_id
             join websites w on w.id = p.website_id where p.id = $1 for update of p"
        )
    } else {
        concat!(
            "select ",
            package_columns!(),
            " from content_packages p join service_types s on s.id = p.service_type_id
             join websites w on w.id = p.website_id where p.id = $1"
        )
    };
    Ok(sqlx::query_as(sql).bind(id).fetch_optional(tx.conn()).await?)
}

pub async fn packages_of(tx: &mut Tx, customer: Uuid) -> Result<Vec<PackageRow>, DbError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        package_columns!(),
        " from content_packages p join service_types s on s.id = p.service_type_id
         join websites w on w.id = p.website_id
         where p.customer_id = $1 order by p.created_at desc limit 100"
    ))
    .bind(customer)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn set_package_status(tx: &mut Tx, id: Uuid, status: PackageStatus) -> Result<(), DbError> {
    sqlx::query("update content_packages set status = $2, updated_at = now() where id = $1")
        .bind(id)
        .bind(status)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Starts the package's next period: from the end of the last one, or from now when that
/// is long past (a package resumed after a pause).
pub async fn next_package_period(tx: &mut Tx, id: Uuid) -> Result<(), DbError> {
    sqlx::query(
        "update content_packages
         set period_start = case when period_end + interval '1 month' <= now() then now() else period_end end,
             period_end = case when period_end + interval '1 month' <= now() then now() else period_end end
                          + interval '1 month',
             updated_at = now()
         where id = $1",
    )
    .bind(id)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Active packages whose period ended, locked (skipping those another worker holds).
pub async fn due_packages(tx: &mut Tx, limit: i64) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar(
        "select id from content_packages where status = 'active' and period_end <= now()
         order by period_end limit $1 for update skip locked",
    )
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// The package's open invoices (a cancelled package voids them).
pub async fn open_package_invoices(tx: &mut Tx, package: Uuid) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar("select id from invoices where package_id = $1 and status = 'open' for update")
        .bind(package)
        .fetch_all(tx.conn())
        .await?)
}
