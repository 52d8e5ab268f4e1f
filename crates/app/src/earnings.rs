//! What writers earn and how they are paid: the earnings page (balances per website, this
//! month, the ledger), payout requests above the threshold, and admins' answers to them.

use atelier_db::order_work::{self, PayoutRow};
use atelier_domain::orders::{Actor, PAYOUT_THRESHOLD_MINOR};
use atelier_types::orders::{Balance, Earnings, LedgerEntry, NewPayout, Payout, PayoutDecision};
use atelier_types::permissions::{self, Permission};
use atelier_types::{FieldError, Role};
use chrono::{Datelike, TimeZone, Utc};
use uuid::Uuid;

use crate::audit::{self, Change, Target};
use crate::error::validated;
use crate::events::{self, DomainEvent};
use crate::orders::{Party, party};
use crate::{App, AppError, AppResult, Caller, Kind};

fn payout_of(row: &PayoutRow) -> Payout {
    Payout {
        id: row.id,
        website_id: row.website_id,
        website_name: row.website_name.clone(),
        writer_name: row.writer_name.clone(),
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
        status: row.status.clone(),
        reason: row.reason.clone(),
        created_at: row.created_at,
        decided_at: row.decided_at,
    }
}

fn writer_only(who: &Party) -> AppResult<()> {
    if who.actor == Actor::Writer {
        Ok(())
    } else {
        Err(AppError::new(Kind::Forbidden, "writers_only", "Earnings and payout requests are for writers."))
    }
}

async fn earnings_of(app: &App, who: &Party) -> AppResult<Earnings> {
    let now = Utc::now();
    let month_start = Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0).single().unwrap_or(now);
    let mut tx = app.db.begin(&who.scope).await?;
    let balances = order_work::balances(&mut tx, who.user, month_start).await?;
    let entries = order_work::ledger(&mut tx, who.user, 50).await?;
    let payouts = order_work::payouts_of_writer(&mut tx, who.user).await?;
    tx.commit().await?;
    Ok(Earnings {
        payout_threshold_minor: PAYOUT_THRESHOLD_MINOR,
        balances: balances
            .into_iter()
            .map(|b| Balance {
                available_minor: b.earned_minor - b.paid_minor - b.pending_minor,
                website_id: b.website_id,
                website_name: b.website_name,
                currency: b.currency,
                earned_minor: b.earned_minor,
                paid_minor: b.paid_minor,
                pending_minor: b.pending_minor,
                this_month_minor: b.this_month_minor,
            })
            .collect(),
        entries: entries
            .into_iter()
            .map(|e| LedgerEntry {
                kind: e.kind,
                amount_minor: e.amount_minor,
                currency: e.currency,
                website_name: e.website_name,
                order_title: e.order_title,
                at: e.created_at,
            })
            .collect(),
        payouts: payouts.iter().map(payout_of).collect(),
    })
}

/// The signed-in writer's earnings: per website what they earned, were paid, asked for and
/// may ask for now; this month's earnings; the latest ledger lines; their payout requests.
pub async fn earnings(app: &App, user: &Caller) -> AppResult<Earnings> {
    let who = party(app, user).await?;
    writer_only(&who)?;
    earnings_of(app, &who).await
}

/// Asks to be paid everything available on one website (at least the threshold). One open
/// request per website at a time.
pub async fn request_payout(app: &App, user: &Caller, body: NewPayout) -> AppResult<Payout> {
    let who = party(app, user).await?;
    writer_only(&who)?;
    let mine = earnings_of(app, &who).await?;
    let balance = mine.balances.iter().find(|b| b.website_id == body.website_id).ok_or_else(|| {
        AppError::validation(vec![FieldError::new(
            "website_id",
            "no_earnings",
            "You have no earnings on this website yet.",
        )])
    })?;
    if balance.pending_minor > 0 {
        return Err(AppError::new(
            Kind::Conflict,
            "payout_pending",
            "You already asked for a payout from this website; wait for the answer.",
        ));
    }
    if balance.available_minor < PAYOUT_THRESHOLD_MINOR {
        return Err(AppError::validation(vec![FieldError::new(
            "website_id",
            "below_threshold",
            format!(
                "Payouts start at {} minor units; you have {} available.",
                PAYOUT_THRESHOLD_MINOR, balance.available_minor
            ),
        )]));
    }
    let mut tx = app.db.begin(&who.scope).await?;
    let id =
        order_work::request_payout(&mut tx, balance.website_id, who.user, balance.available_minor, &balance.currency)
            .await?;
    let row = order_work::payout(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("payout {id} vanished")))?;
    tx.commit().await?;
    Ok(payout_of(&row))
}

fn admin_only(who: &Party) -> AppResult<()> {
    if permissions::may(who.role, Permission::ManageMoney) {
        Ok(())
    } else {
        Err(AppError::new(Kind::Forbidden, "admins_only", "Payouts are approved by the website's admins."))
    }
}

/// Payout requests of the admin's websites: open ones first.
pub async fn list_payouts(app: &App, user: &Caller) -> AppResult<Vec<Payout>> {
    let who = party(app, user).await?;
    admin_only(&who)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let tenants = (who.role != Role::Superadmin).then_some(who.tenants.as_slice());
    let rows = order_work::payouts_of_tenants(&mut tx, tenants).await?;
    tx.commit().await?;
    Ok(rows.iter().map(payout_of).collect())
}

/// Approves (the ledger gets the payout line) or rejects (with a reason the writer reads) an
/// open request.
pub async fn decide_payout(app: &App, user: &Caller, id: Uuid, body: PayoutDecision) -> AppResult<Payout> {
    let who = party(app, user).await?;
    admin_only(&who)?;
    validated(&body)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let found = order_work::payout(&mut tx, id)
        .await?
        .filter(|p| who.role == Role::Superadmin || who.tenants.contains(&p.website_id))
        .ok_or_else(|| {
            AppError::not_found("payout_not_found", "There is no payout request with this id that you can see.")
        })?;
    let reason = body.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if !order_work::decide_payout(&mut tx, found.id, body.approve, reason, Some(who.user)).await? {
        return Err(AppError::new(
            Kind::Conflict,
            "payout_decided",
            format!("This request was {} already.", found.status),
        ));
    }
    let row = order_work::payout(&mut tx, found.id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("payout vanished")))?;
    let action = if body.approve { "payout.approve" } else { "payout.reject" };
    let after = serde_json::json!({ "status": row.status, "amount_minor": row.amount_minor, "currency": row.currency,
                                    "writer": row.writer_name, "reason": row.reason });
    let change = Change::new(Some(serde_json::json!({ "status": found.status })), Some(after));
    audit::record(&mut tx, &who.staff_actor(), row.website_id, action, Target::new("payout", row.id), change).await?;
    let decided = DomainEvent::PayoutDecided {
        payout_id: row.id,
        writer_id: row.writer_id,
        approved: body.approve,
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
    };
    events::record(&mut tx, row.website_id, decided).await?;
    tx.commit().await?;
    Ok(payout_of(&row))
}
