//! What takes money off or gives it back: promo codes (staff write them, clients redeem
//! one per invoice), loyalty points (earned on what is paid, spent on invoices, expiring;
//! a ledger of their own) and referrals (a client's code; the referrer is credited to their
//! balance after the referee's first paid invoice).

use atelier_db::billing::{self as db, InvoiceRow, NewBalanceEntry};
use atelier_db::promotions::{self as p, NewPoints, PromoFields, PromoRow};
use atelier_db::{Tx, sites::Owner};
use atelier_domain::billing::{points_earned, points_reversed, promo_discount, totals};
use atelier_types::FieldError;
use atelier_types::billing::{
    ApplyReferral, Invoice, InvoiceKind, Points, PointsEntry, PromoCode, PromoCodeInput, Redeem, Referrals,
};
use atelier_types::permissions::Permission;
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::invoices::{payable, present, settle};
use super::{Meter, tenant_billing};
use crate::audit::Target;
use crate::error::validated;
use crate::staff::{staff, website_not_found};
use crate::{App, AppError, AppResult, Caller};

fn promo_of(row: &PromoRow) -> PromoCode {
    PromoCode {
        id: row.id,
        code: row.code.clone(),
        kind: row.kind,
        value: row.value,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        max_redemptions: row.max_redemptions,
        per_customer: row.per_customer,
        redemptions: row.redemptions,
        plan_ids: row.plan_ids.clone(),
        service_ids: row.service_ids.clone(),
        first_purchase_only: row.first_purchase_only,
        active: row.active,
    }
}

fn promo_not_found() -> AppError {
    AppError::not_found("promo_code_not_found", "There is no promo code with this id that you can see.")
}

/// The code as stored: trimmed, in capitals.
fn normalized(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

fn promo_fields<'a>(body: &'a PromoCodeInput, code: &'a str) -> PromoFields<'a> {
    PromoFields {
        code,
        kind: body.kind,
        value: body.value,
        starts_at: body.starts_at,
        ends_at: body.ends_at,
        max_redemptions: body.max_redemptions,
        per_customer: body.per_customer,
        plan_ids: &body.plan_ids,
        service_ids: &body.service_ids,
        first_purchase_only: body.first_purchase_only,
        active: body.active,
    }
}

/// A website's promo codes, for its staff.
pub async fn staff_promos(app: &App, user: &Caller, website: Uuid) -> AppResult<Vec<PromoCode>> {
    let who = staff(app, user).await?;
    who.may(Permission::Operate, "see promo codes")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    let mut tx = app.db.begin(who.scope()).await?;
    let rows = p::promos(&mut tx, website).await?;
    tx.commit().await?;
    Ok(rows.iter().map(promo_of).collect())
}

pub async fn create_promo(app: &App, user: &Caller, website: Uuid, body: PromoCodeInput) -> AppResult<PromoCode> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "write promo codes")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    validated(&body)?;
    let code = normalized(&body.code);
    let mut tx = app.db.begin(who.scope()).await?;
    let row = p::insert_promo(&mut tx, website, &promo_fields(&body, &code)).await?;
    who.audit(&mut tx, website, "promo.create", Target::new("promo_code", row.id), None, Some(json!(body))).await?;
    tx.commit().await?;
    Ok(promo_of(&row))
}

/// Rewrites a promo code; its uses so far stay counted (a limit below them closes it).
pub async fn update_promo(app: &App, user: &Caller, id: Uuid, body: PromoCodeInput) -> AppResult<PromoCode> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "write promo codes")?;
    validated(&body)?;
    let code = normalized(&body.code);
    let mut tx = app.db.begin(who.scope()).await?;
    let before = p::promo(&mut tx, id).await?.filter(|r| who.sees(r.website_id)).ok_or_else(promo_not_found)?;
    if body.max_redemptions.is_some_and(|m| m < before.redemptions) {
        return Err(AppError::validation(vec![FieldError::new(
            "max_redemptions",
            "below_uses",
            format!("The code was used {} times already; allow at least that many.", before.redemptions),
        )]));
    }
    let row = p::update_promo(&mut tx, id, &promo_fields(&body, &code)).await?.ok_or_else(promo_not_found)?;
    let was = json!(promo_of(&before));
    who.audit(&mut tx, row.website_id, "promo.update", Target::new("promo_code", id), Some(was), Some(json!(body)))
        .await?;
    tx.commit().await?;
    Ok(promo_of(&row))
}

fn promo_refused(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::validation(vec![FieldError::new("promo_code", code, message)])
}

/// Whether `promo` may be applied to `invoice` of `customer` now (its uses are counted
/// after, under the code's row lock).
async fn check_applies(tx: &mut Tx, promo: &PromoRow, invoice: &InvoiceRow) -> AppResult<()> {
    let now = Utc::now();
    if !promo.active {
        return Err(promo_refused("promo_code_inactive", "This promo code is not valid any more."));
    }
    if now < promo.starts_at {
        return Err(promo_refused(
            "promo_code_not_started",
            format!("This promo code is valid from {}.", promo.starts_at.format("%Y-%m-%d")),
        ));
    }
    if promo.ends_at.is_some_and(|end| now >= end) {
        return Err(promo_refused("promo_code_expired", "This promo code has expired."));
    }
    let restricted = !promo.plan_ids.is_empty() || !promo.service_ids.is_empty();
    let for_plan =
        invoice.kind == InvoiceKind::Subscription && invoice.plan_id.is_some_and(|id| promo.plan_ids.contains(&id));
    let for_service = invoice.service_type_id.is_some_and(|id| promo.service_ids.contains(&id));
    if restricted && !for_plan && !for_service {
        return Err(promo_refused("promo_code_not_applicable", "This promo code is not for what this invoice bills."));
    }
    if promo.first_purchase_only && p::has_purchased(tx, invoice.customer_id, invoice.id).await? {
        return Err(promo_refused("promo_code_first_purchase", "This promo code is for a first purchase only."));
    }
    Ok(())
}

/// Takes a promo code and/or loyalty points off one of the client's open invoices. The
/// code is checked (window, what it is for, first purchase), then one of its uses taken
/// under its row lock: of two clients racing for its last use, one gets it. Points are
/// spent only as far as the invoice can take them. A payment already started for the old
/// amount is cancelled; an invoice brought to zero is paid.
pub async fn redeem(app: &App, user: &Caller, id: Uuid, body: Redeem) -> AppResult<Invoice> {
    let owner = crate::sites::owner(user)?;
    validated(&body)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let paid = apply(&mut tx, owner, id, &body).await?;
    let shown = present(&mut tx, id).await?;
    tx.commit().await?;
    if paid {
        super::cycle::restore_if_settled(app, owner).await?;
    }
    Ok(shown)
}

/// [`redeem`] in `tx`; true when it paid the invoice.
pub async fn apply(tx: &mut Tx, owner: Owner, id: Uuid, body: &Redeem) -> AppResult<bool> {
    // The subscription lock: one client's points are spent one request after the other.
    Meter::lock(tx, owner).await?;
    write_off_expired(tx, owner).await?;
    let invoice = payable(tx, owner, id).await?;
    // The provider's checkout page would still take the old amount.
    if db::pending_payment(tx, invoice.id, atelier_types::billing::PaymentProvider::Card).await?.is_some() {
        return Err(AppError::conflict(
            "payment_in_progress",
            "A card payment of this invoice is under way; finish or abandon it before taking anything off.",
        ));
    }
    let tenant = tenant_billing(tx, owner.website_id).await?;
    let mut discount = invoice.discount_minor;
    let mut points_minor = invoice.points_minor;
    if let Some(code) = body.promo_code.as_deref().map(normalized).filter(|c| !c.is_empty()) {
        let promo = p::promo_by_code(tx, owner.website_id, &code)
            .await?
            .ok_or_else(|| promo_refused("unknown_promo_code", "There is no such promo code."))?;
        if p::promo_of_invoice(tx, invoice.id).await?.is_some() {
            return Err(AppError::conflict("promo_already_applied", "This invoice has a promo code already."));
        }
        check_applies(tx, &promo, &invoice).await?;
        if !p::take_use(tx, promo.id).await? {
            return Err(AppError::conflict("promo_code_used_up", "This promo code has been used up."));
        }
        if p::customer_uses(tx, promo.id, owner.user_id).await? >= i64::from(promo.per_customer) {
            return Err(AppError::conflict(
                "promo_code_limit_reached",
                format!("You have used this promo code {} times, as often as it allows.", promo.per_customer),
            ));
        }
        let off = promo_discount(promo.kind, promo.value, invoice.subtotal_minor)
            .min(invoice.subtotal_minor - discount - points_minor);
        if off <= 0 {
            return Err(promo_refused("nothing_to_discount", "Nothing is left to take off this invoice."));
        }
        p::insert_redemption(tx, &promo, owner.user_id, invoice.id, off).await?;
        discount += off;
    }
    if let Some(wanted) = body.points.filter(|n| *n > 0) {
        let held = p::spendable_points(tx, owner.user_id).await?;
        if wanted > held {
            return Err(AppError::conflict(
                "not_enough_points",
                format!("You have {held} points; spend at most that many."),
            ));
        }
        let value = i64::from(tenant.point_value_minor.max(1));
        let spent = wanted.min((invoice.subtotal_minor - discount - points_minor) / value);
        if spent <= 0 {
            return Err(AppError::validation(vec![FieldError::new(
                "points",
                "nothing_to_discount",
                "Nothing is left on this invoice for points to pay.",
            )]));
        }
        on_invoice(tx, &invoice, "redeemed", -spent, None).await?;
        points_minor += spent * value;
    }
    let t = totals(invoice.subtotal_minor, discount, points_minor, invoice.vat_rate_bp, invoice.prices_include_vat);
    p::set_adjustments(tx, invoice.id, t.discount, t.points, t.tax, t.total).await?;
    db::cancel_pending(tx, invoice.id).await?;
    if t.total > 0 {
        return Ok(false);
    }
    let now = db::invoice(tx, invoice.id, true).await?.ok_or_else(super::invoices::invoice_not_found)?;
    settle(tx, &now).await?;
    Ok(true)
}

/// Writes a line of an invoice's client's points ledger; points added (earned, returned)
/// last `lasts` days from now.
async fn on_invoice(tx: &mut Tx, invoice: &InvoiceRow, kind: &str, points: i64, lasts: Option<i32>) -> AppResult<()> {
    let entry = NewPoints {
        tenant: invoice.website_id,
        customer: invoice.customer_id,
        kind,
        points,
        invoice_id: Some(invoice.id),
        expires_at: lasts.map(|days| Utc::now() + chrono::Duration::days(i64::from(days))),
    };
    Ok(p::add_points(tx, &entry).await?)
}

/// A voided invoice gives back its promo code's use and the points spent on it.
pub async fn release(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<()> {
    p::release_redemption(tx, invoice.id).await?;
    let redeemed = p::points_of_invoice(tx, invoice.id).await?.redeemed;
    if redeemed > 0 {
        let tenant = tenant_billing(tx, invoice.website_id).await?;
        on_invoice(tx, invoice, "returned", redeemed, Some(tenant.points_expire_days)).await?;
    }
    Ok(())
}

/// A paid invoice: loyalty points on what was paid from outside (a transfer, a card; not
/// the balance, whose credit was a gift or a refund), and the referrer's reward when it is
/// the client's first purchase.
pub async fn on_paid(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<()> {
    if invoice.total_minor <= 0 {
        return Ok(());
    }
    let tenant = tenant_billing(tx, invoice.website_id).await?;
    let by_balance = db::paid_by_balance(tx, invoice.id).await?;
    let earned = points_earned(invoice.total_minor - by_balance, tenant.points_per_unit);
    if earned > 0 {
        on_invoice(tx, invoice, "earned", earned, Some(tenant.points_expire_days)).await?;
    }
    if !p::has_purchased(tx, invoice.customer_id, invoice.id).await?
        && let Some(referrer) =
            p::credit_referral(tx, invoice.customer_id, invoice.id, tenant.referral_reward_minor).await?
        && tenant.referral_reward_minor > 0
    {
        let note = format!("Referral: {} paid {}", invoice.customer_name, invoice.reference);
        let entry = NewBalanceEntry {
            tenant: invoice.website_id,
            customer: referrer,
            kind: "referral",
            amount_minor: tenant.referral_reward_minor,
            invoice_id: None,
            note: &note,
            created_by: None,
        };
        db::add_balance(tx, &entry).await?;
    }
    Ok(())
}

/// A refund takes back the points the invoice earned, in proportion to all that was
/// refunded of it so far, less what earlier refunds took (never more than the client still
/// holds).
pub async fn on_refund(tx: &mut Tx, invoice: &InvoiceRow, amount: i64) -> AppResult<()> {
    let points = p::points_of_invoice(tx, invoice.id).await?;
    let refunded = invoice.refunded_minor + amount;
    let back = points_reversed(points.earned, refunded, invoice.total_minor) - points.reversed;
    let held = p::spendable_points(tx, invoice.customer_id).await?;
    let back = back.min(held);
    if back > 0 {
        on_invoice(tx, invoice, "reversed", -back, None).await?;
    }
    Ok(())
}

/// Writes off the client's points past their expiry that no redemption used. Called under
/// the client's subscription lock before their points are spent or taken back, so a
/// redemption never uses points that expired (redemptions spend the oldest first).
async fn write_off_expired(tx: &mut Tx, owner: Owner) -> AppResult<usize> {
    let due = p::points_due_to_expire(tx, owner.user_id).await?;
    if due > 0 {
        let entry = NewPoints {
            tenant: owner.website_id,
            customer: owner.user_id,
            kind: "expired",
            points: -due,
            invoice_id: None,
            expires_at: None,
        };
        p::add_points(tx, &entry).await?;
    }
    Ok(usize::from(due > 0))
}

/// The cycle's part: points past their expiry that no redemption used are written off,
/// each client under their subscription lock (two workers never write them off twice).
pub async fn expire_points(tx: &mut Tx, batch: i64) -> AppResult<usize> {
    let mut done = 0;
    for (website_id, user_id) in p::expired_points(tx, batch).await? {
        let owner = Owner { website_id, user_id };
        Meter::lock(tx, owner).await?;
        done += write_off_expired(tx, owner).await?;
    }
    Ok(done)
}

/// The client's points and their ledger.
pub async fn points(app: &App, user: &Caller) -> AppResult<Points> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let tenant = tenant_billing(&mut tx, owner.website_id).await?;
    let held = p::spendable_points(&mut tx, owner.user_id).await?;
    let next = p::next_expiry(&mut tx, owner.user_id).await?;
    let entries = p::points_entries(&mut tx, owner.user_id).await?;
    tx.commit().await?;
    Ok(Points {
        points: held,
        point_value_minor: i64::from(tenant.point_value_minor),
        points_per_unit: tenant.points_per_unit,
        currency: tenant.currency,
        next_expiry: next.map(|n| n.0),
        next_expiry_points: next.map_or(0, |n| n.1),
        entries: entries
            .into_iter()
            .map(|e| PointsEntry {
                kind: e.kind,
                points: e.points,
                invoice_id: e.invoice_id,
                expires_at: e.expires_at,
                created_at: e.created_at,
            })
            .collect(),
    })
}

/// The client's referral code, link and what it brought.
pub async fn referrals(app: &App, user: &Caller) -> AppResult<Referrals> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let shown = referrals_in(&mut tx, user, owner).await?;
    tx.commit().await?;
    Ok(shown)
}

async fn referrals_in(tx: &mut Tx, user: &Caller, owner: Owner) -> AppResult<Referrals> {
    let meter = Meter::lock(tx, owner).await?;
    let tenant = tenant_billing(tx, owner.website_id).await?;
    let (pending, credited, earned) = p::referral_counts(tx, owner.user_id).await?;
    let code = meter.subscription.referral_code;
    Ok(Referrals {
        link: format!("https://{}/register?ref={code}", user.host.host),
        code,
        reward_minor: tenant.referral_reward_minor,
        currency: tenant.currency,
        pending,
        credited,
        earned_minor: earned,
        referred: p::was_referred(tx, owner.user_id).await?,
    })
}

/// Records who referred `referee`: `Ok(false)` when the code is no client's here.
async fn refer(tx: &mut Tx, tenant: Uuid, referee: Uuid, code: &str) -> AppResult<bool> {
    let Some(referrer) = p::referrer_by_code(tx, tenant, &normalized(code)).await? else { return Ok(false) };
    if referrer == referee {
        return Err(AppError::validation(vec![FieldError::new(
            "code",
            "self_referral",
            "This code is your own; a referral code is for the people you bring.",
        )]));
    }
    // Two clients naming each other would credit each other for nothing new.
    if p::referred_by(tx, referrer).await? == Some(referee) {
        return Err(AppError::validation(vec![FieldError::new(
            "code",
            "self_referral",
            "You referred this client; they cannot refer you back.",
        )]));
    }
    p::insert_referral(tx, tenant, referrer, referee).await?;
    Ok(true)
}

/// At registration: the code from a referral link, ignored when it is unknown (the
/// registration's answer never depends on it).
pub async fn referred_at_registration(tx: &mut Tx, tenant: Uuid, referee: Uuid, code: &str) -> AppResult<()> {
    tx.mark().await?;
    if let Err(e) = refer(tx, tenant, referee, code).await {
        tracing::info!(error = %e.message, "registration's referral code not recorded");
        tx.roll_back_to_mark().await?;
    }
    Ok(())
}

/// A client names who referred them, before their first payment.
pub async fn apply_referral(app: &App, user: &Caller, body: ApplyReferral) -> AppResult<Referrals> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    Meter::lock(&mut tx, owner).await?;
    if p::has_purchased(&mut tx, owner.user_id, Uuid::nil()).await? {
        return Err(AppError::conflict(
            "referral_too_late",
            "A referral code is given before the first payment; yours is made.",
        ));
    }
    if p::was_referred(&mut tx, owner.user_id).await? {
        return Err(AppError::conflict("already_referred", "You were referred by someone already."));
    }
    if !refer(&mut tx, owner.website_id, owner.user_id, &body.code).await? {
        return Err(AppError::validation(vec![FieldError::new(
            "code",
            "unknown_referral_code",
            "No client of this website has this referral code.",
        )]));
    }
    let shown = referrals_in(&mut tx, user, owner).await?;
    tx.commit().await?;
    Ok(shown)
}
