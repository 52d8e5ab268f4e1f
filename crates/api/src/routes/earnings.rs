//! What writers earn and how they are paid: the earnings page (balances per website, this
//! month, the ledger), payout requests above the threshold, and admins' answers to them.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use atelier_db::order_work::{self, PayoutRow};
use atelier_domain::orders::{Actor, PAYOUT_THRESHOLD_MINOR};
use atelier_types::orders::{Balance, Earnings, LedgerEntry, NewPayout, Payout, PayoutDecision};
use atelier_types::{ErrorBody, FieldError, Role};
use chrono::{Datelike, TimeZone, Utc};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, validated};
use crate::routes::orders::{Caller, caller};
use crate::state::AppState;
use crate::tenancy::HostContext;

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

fn writer_only(who: &Caller) -> ApiResult<()> {
    if who.actor == Actor::Writer {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "writers_only", "Earnings and payout requests are for writers."))
    }
}

async fn earnings_of(state: &AppState, who: &Caller) -> ApiResult<Earnings> {
    let now = Utc::now();
    let month_start = Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0).single().unwrap_or(now);
    let mut tx = state.db.begin(&who.scope).await?;
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
#[utoipa::path(
    tag = "earnings",
    responses(
        (status = 200, description = "The writer's earnings", body = Earnings),
        (status = 403, description = "Not a writer (`writers_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/earnings")]
pub async fn earnings(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Earnings>> {
    let who = caller(&state, &host, &user).await?;
    writer_only(&who)?;
    Ok(Json(earnings_of(&state, &who).await?))
}

/// Asks to be paid everything available on one website (at least the threshold). One open
/// request per website at a time.
#[utoipa::path(
    tag = "earnings",
    request_body = NewPayout,
    responses(
        (status = 201, description = "The request, waiting for an admin", body = Payout),
        (status = 403, description = "Not a writer (`writers_only`)", body = ErrorBody),
        (status = 409, description = "Already asked (`payout_pending`)", body = ErrorBody),
        (status = 422, description = "Below the threshold (`below_threshold`) or not a website the writer earned on", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/payouts")]
pub async fn request_payout(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewPayout>,
) -> ApiResult<HttpResponse> {
    let who = caller(&state, &host, &user).await?;
    writer_only(&who)?;
    let mine = earnings_of(&state, &who).await?;
    let balance = mine.balances.iter().find(|b| b.website_id == body.website_id).ok_or_else(|| {
        ApiError::validation(vec![FieldError::new(
            "website_id",
            "no_earnings",
            "You have no earnings on this website yet.",
        )])
    })?;
    if balance.pending_minor > 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "payout_pending",
            "You already asked for a payout from this website; wait for the answer.",
        ));
    }
    if balance.available_minor < PAYOUT_THRESHOLD_MINOR {
        return Err(ApiError::validation(vec![FieldError::new(
            "website_id",
            "below_threshold",
            format!(
                "Payouts start at {} minor units; you have {} available.",
                PAYOUT_THRESHOLD_MINOR, balance.available_minor
            ),
        )]));
    }
    let mut tx = state.db.begin(&who.scope).await?;
    let id =
        order_work::request_payout(&mut tx, balance.website_id, who.user, balance.available_minor, &balance.currency)
            .await?;
    let row = order_work::payout(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("payout {id} vanished")))?;
    tx.commit().await?;
    Ok(HttpResponse::Created().json(payout_of(&row)))
}

fn admin_only(who: &Caller) -> ApiResult<()> {
    if who.actor == Actor::Admin {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "admins_only", "Payouts are approved by the website's admins."))
    }
}

/// Payout requests of the admin's websites: open ones first.
#[utoipa::path(
    tag = "earnings",
    responses(
        (status = 200, description = "Payout requests", body = Vec<Payout>),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/payouts")]
pub async fn list_payouts(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Payout>>> {
    let who = caller(&state, &host, &user).await?;
    admin_only(&who)?;
    let mut tx = state.db.begin(&who.scope).await?;
    let tenants = (who.role != Role::Superadmin).then_some(who.tenants.as_slice());
    let rows = order_work::payouts_of_tenants(&mut tx, tenants).await?;
    tx.commit().await?;
    Ok(Json(rows.iter().map(payout_of).collect()))
}

/// Approves (the ledger gets the payout line) or rejects (with a reason the writer reads) an
/// open request.
#[utoipa::path(
    tag = "earnings",
    params(("id" = Uuid, Path, description = "The payout request")),
    request_body = PayoutDecision,
    responses(
        (status = 200, description = "The answered request", body = Payout),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "Not a request of the admin's websites (`payout_not_found`)", body = ErrorBody),
        (status = 409, description = "Answered already (`payout_decided`)", body = ErrorBody),
        (status = 422, description = "A rejection without a reason", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/payouts/{id}/decision")]
pub async fn decide_payout(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PayoutDecision>,
) -> ApiResult<Json<Payout>> {
    let who = caller(&state, &host, &user).await?;
    admin_only(&who)?;
    validated(&*body)?;
    let mut tx = state.db.begin(&who.scope).await?;
    let found = order_work::payout(&mut tx, *id)
        .await?
        .filter(|p| who.role == Role::Superadmin || who.tenants.contains(&p.website_id))
        .ok_or_else(|| {
            ApiError::not_found("payout_not_found", "There is no payout request with this id that you can see.")
        })?;
    let reason = body.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if !order_work::decide_payout(&mut tx, found.id, body.approve, reason, Some(who.user)).await? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "payout_decided",
            format!("This request was {} already.", found.status),
        ));
    }
    let row = order_work::payout(&mut tx, found.id)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("payout vanished")))?;
    let action = if body.approve { "payout.approve" } else { "payout.reject" };
    let after = serde_json::json!({ "status": row.status, "amount_minor": row.amount_minor, "currency": row.currency,
                                    "writer": row.writer_name, "reason": row.reason });
    let change = (Some(serde_json::json!({ "status": found.status })), Some(after));
    let actor = (who.user, who.name.as_str(), who.role);
    crate::routes::staff::record_action(&mut tx, actor, row.website_id, action, ("payout", Some(row.id)), change)
        .await?;
    tx.commit().await?;
    Ok(Json(payout_of(&row)))
}
