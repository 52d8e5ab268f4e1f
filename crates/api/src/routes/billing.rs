//! Billing: the client's plan, usage and invoices on their website; plans, invoices,
//! transfers, refunds and balances in the staff console; the card provider's webhook.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::{Bytes, Data, Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post, put};
use atelier_app::billing::{self, card, invoices};
use atelier_types::ErrorBody;
use atelier_types::billing::{
    Balance, BalanceAdjustment, BillingOverview, ChangePlan, CreditNote, Invoice, PayRequest, Payment, PaymentStarted,
    Plan, PlanChanged, PlanInput, RefundRequest,
};
use atelier_types::queries::{DocumentQuery, InvoicesQuery};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tenancy::HostContext;

/// The client's plan, what they use of each limit, their balance and the plans offered.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "The billing overview", body = BillingOverview)),
    security(("bearer" = []))
)]
#[get("/billing")]
pub async fn get_billing(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<BillingOverview>> {
    Ok(Json(billing::overview(&state, &user.at(host)).await?))
}

/// Moves to another plan: a dearer one at once (with an invoice for the rest of the
/// period), a cheaper one at the end of the period.
#[utoipa::path(
    tag = "billing",
    request_body = ChangePlan,
    responses(
        (status = 200, description = "The plan changed (or will, at the period's end)", body = PlanChanged),
        (status = 422, description = "Not a plan offered (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/billing/plan")]
pub async fn change_plan(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<ChangePlan>,
) -> ApiResult<Json<PlanChanged>> {
    Ok(Json(billing::change_plan(&state, &user.at(host), body.into_inner()).await?))
}

/// The client's invoices, newest first.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "Invoices", body = [Invoice])),
    security(("bearer" = []))
)]
#[get("/billing/invoices")]
pub async fn list_invoices(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Invoice>>> {
    Ok(Json(invoices::list_invoices(&state, &user.at(host)).await?))
}

/// One invoice, for its client or the staff of its website.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The invoice", body = Invoice),
        (status = 404, description = "No such invoice of yours (`invoice_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/billing/invoices/{id}")]
pub async fn get_invoice(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Invoice>> {
    Ok(Json(invoices::get_invoice(&state, &user.at(host), *id).await?))
}

/// The invoice as a document in the website's name: a page to print, or a PDF download.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The invoice"), DocumentQuery),
    responses(
        (status = 200, description = "The document: `text/html`, or `application/pdf` with `format=pdf`", content_type = "text/html"),
        (status = 404, description = "No such invoice of yours (`invoice_not_found`)", body = ErrorBody),
        (status = 422, description = "Not a format offered (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/billing/invoices/{id}/document")]
pub async fn get_invoice_document(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<DocumentQuery>,
) -> ApiResult<HttpResponse> {
    let pdf = match query.format.as_deref() {
        None | Some("html") => false,
        Some("pdf") => true,
        Some(_) => {
            return Err(ApiError::from(atelier_app::AppError::validation(vec![atelier_types::FieldError::new(
                "format",
                "unknown_format",
                "Ask for html or pdf.",
            )])));
        }
    };
    let (name, content_type, bytes) = invoices::invoice_document(&state, &user.at(host), *id, pdf).await?;
    let disposition = if pdf { DispositionType::Attachment } else { DispositionType::Inline };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header(ContentDisposition { disposition, parameters: vec![DispositionParam::Filename(name)] })
        // The page has no script of its own and runs none.
        .insert_header((header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'"))
        .body(bytes))
}

/// Pays an open invoice: by bank transfer (instructions; staff confirm it), from the
/// balance (at once), or by card (the provider's checkout page, when card payments are set up).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = PayRequest,
    responses(
        (status = 200, description = "Paid, or what to do next", body = PaymentStarted),
        (status = 404, description = "No such invoice of yours (`invoice_not_found`)", body = ErrorBody),
        (status = 409, description = "Not open (`invoice_not_open`), the balance is short (`insufficient_balance`), no card payments here (`card_unavailable`)", body = ErrorBody),
        (status = 502, description = "The card provider did not answer (`card_provider_unavailable`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/billing/invoices/{id}/payments")]
pub async fn pay_invoice(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PayRequest>,
) -> ApiResult<Json<PaymentStarted>> {
    Ok(Json(invoices::pay_invoice(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// The client's prepaid balance and its ledger.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "The balance", body = Balance)),
    security(("bearer" = []))
)]
#[get("/billing/balance")]
pub async fn get_balance(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Balance>> {
    Ok(Json(invoices::balance(&state, &user.at(host)).await?))
}

/// The card provider's webhook (Stripe's protocol: `Stripe-Signature` over the raw body).
/// A wrong signature changes nothing; an event seen before changes nothing twice.
#[utoipa::path(
    tag = "billing",
    request_body(content = String, content_type = "application/json", description = "The provider's event"),
    responses(
        (status = 200, description = "Received"),
        (status = 400, description = "Bad signature (`invalid_signature`) or not an event (`invalid_event`)", body = ErrorBody),
        (status = 404, description = "Card payments are not set up (`card_unavailable`)", body = ErrorBody),
    )
)]
#[post("/billing/webhooks/card")]
pub async fn receive_card_webhook(state: Data<AppState>, request: HttpRequest, body: Bytes) -> ApiResult<HttpResponse> {
    let signature = request.headers().get("stripe-signature").and_then(|v| v.to_str().ok());
    let handled = card::webhook(&state, signature, &body).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "received": true, "replay": handled == card::Handled::Replay })))
}

/// A website's plans (staff).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    responses(
        (status = 200, description = "Plans, cheapest first", body = [Plan]),
        (status = 404, description = "Not a website of yours (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/staff/websites/{id}/plans")]
pub async fn list_plans(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<Plan>>> {
    Ok(Json(billing::staff_plans(&state, &user.at(host), *id).await?))
}

/// Adds a plan to a website (admins).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    request_body = PlanInput,
    responses(
        (status = 201, description = "The plan", body = Plan),
        (status = 409, description = "The code is taken (`plan_code_taken`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/staff/websites/{id}/plans")]
pub async fn create_plan(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PlanInput>,
) -> ApiResult<HttpResponse> {
    let plan = billing::create_plan(&state, &user.at(host), *id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(plan))
}

/// Changes a plan (admins): subscribers get the new limits at once, the new price from
/// their next period.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The plan")),
    request_body = PlanInput,
    responses(
        (status = 200, description = "The plan", body = Plan),
        (status = 404, description = "Not a plan of your websites (`plan_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/staff/plans/{id}")]
pub async fn update_plan(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PlanInput>,
) -> ApiResult<Json<Plan>> {
    Ok(Json(billing::update_plan(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// Invoices of the staff member's websites, newest first.
#[utoipa::path(
    tag = "billing",
    params(InvoicesQuery),
    responses((status = 200, description = "Invoices", body = [Invoice])),
    security(("bearer" = []))
)]
#[get("/staff/invoices")]
pub async fn list_staff_invoices(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<InvoicesQuery>,
) -> ApiResult<Json<Vec<Invoice>>> {
    let q = query.into_inner();
    Ok(Json(invoices::staff_invoices(&state, &user.at(host), q.website, q.status).await?))
}

/// Transfers waiting for staff to confirm them, oldest first.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "Pending transfers", body = [Payment])),
    security(("bearer" = []))
)]
#[get("/staff/payments/pending")]
pub async fn list_pending_payments(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<Payment>>> {
    Ok(Json(invoices::pending_transfers(&state, &user.at(host)).await?))
}

/// The transfer arrived: its invoice is paid (an order opens; a suspended client's sites
/// start again).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The payment")),
    responses(
        (status = 200, description = "The invoice, paid", body = Invoice),
        (status = 404, description = "No such payment (`payment_not_found`)", body = ErrorBody),
        (status = 409, description = "Not pending (`payment_not_pending`), invoice not open (`invoice_not_open`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/staff/payments/{id}/confirm")]
pub async fn confirm_payment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Invoice>> {
    Ok(Json(invoices::confirm_payment(&state, &user.at(host), *id).await?))
}

/// Refunds part or all of a paid invoice as a credit note, to the client's balance or outside.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = RefundRequest,
    responses(
        (status = 201, description = "The credit note", body = CreditNote),
        (status = 409, description = "Not paid (`invoice_not_paid`), more than is left (`refund_too_large`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/staff/invoices/{id}/refunds")]
pub async fn refund_invoice(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<RefundRequest>,
) -> ApiResult<HttpResponse> {
    let note = invoices::refund_invoice(&state, &user.at(host), *id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(note))
}

/// Adds prepaid credit to a customer's balance, or takes some back (never below zero).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The customer")),
    request_body = BalanceAdjustment,
    responses(
        (status = 200, description = "The balance now", body = Balance),
        (status = 404, description = "No such customer (`customer_not_found`)", body = ErrorBody),
        (status = 409, description = "Would go below zero (`insufficient_balance`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/staff/customers/{id}/balance")]
pub async fn adjust_balance(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<BalanceAdjustment>,
) -> ApiResult<Json<Balance>> {
    Ok(Json(invoices::adjust_balance(&state, &user.at(host), *id, body.into_inner()).await?))
}
