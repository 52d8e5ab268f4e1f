//! Billing: the client's plan, usage and invoices on their website; plans, invoices,
//! transfers, refunds and balances in the staff console; the card provider's webhook.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::{Bytes, Data, Json, Path, Query};
use actix_web::{HttpRequest, HttpResponse, get, post, put};
use atelier_app::billing::{self, card, invoices, money, packages, promotions};
use atelier_types::ErrorBody;
use atelier_types::billing::{
    ApplyReferral, Balance, BalanceAdjustment, BillingOverview, BillingSettings, ChangePlan, ContentPackage,
    CreditNote, Invoice, NewPackage, PackageChange, PayRequest, Payment, PaymentStarted, Plan, PlanChanged, PlanInput,
    Points, PromoCode, PromoCodeInput, Redeem, Referrals, RefundRequest, Revenue,
};
use atelier_types::queries::{DocumentQuery, InvoicesQuery, RevenueQuery};
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

/// Takes a promo code and/or loyalty points off one of the client's open invoices. A
/// payment started for the old amount is cancelled; an invoice brought to zero is paid.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = Redeem,
    responses(
        (status = 200, description = "The invoice with its new total", body = Invoice),
        (status = 404, description = "No such invoice of yours (`invoice_not_found`)", body = ErrorBody),
        (status = 409, description = "Not open (`invoice_not_open`), a code applied already (`promo_already_applied`), \
            the code used up (`promo_code_used_up`) or by you as often as it allows (`promo_code_limit_reached`), \
            more points than you hold (`not_enough_points`)", body = ErrorBody),
        (status = 422, description = "Unknown, expired, not yet valid, not for this invoice or for a first purchase \
            only (`validation_failed`, field `promo_code`); nothing left to take off", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/billing/invoices/{id}/redeem")]
pub async fn redeem_on_invoice(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<Redeem>,
) -> ApiResult<Json<Invoice>> {
    Ok(Json(promotions::redeem(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// The client's loyalty points, when the next ones expire, and the ledger.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "Points", body = Points)),
    security(("bearer" = []))
)]
#[get("/billing/points")]
pub async fn get_points(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Points>> {
    Ok(Json(promotions::points(&state, &user.at(host)).await?))
}

/// The client's referral code and link, and what it brought.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "Referrals", body = Referrals)),
    security(("bearer" = []))
)]
#[get("/billing/referrals")]
pub async fn get_referrals(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Referrals>> {
    Ok(Json(promotions::referrals(&state, &user.at(host)).await?))
}

/// Names the client who referred the caller, before the caller's first payment.
#[utoipa::path(
    tag = "billing",
    request_body = ApplyReferral,
    responses(
        (status = 200, description = "Referrals", body = Referrals),
        (status = 409, description = "Referred already (`already_referred`), paid already (`referral_too_late`)", body = ErrorBody),
        (status = 422, description = "Unknown code, or one's own (`validation_failed`, field `code`: \
            `unknown_referral_code`, `self_referral`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/billing/referrals")]
pub async fn apply_referral(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<ApplyReferral>,
) -> ApiResult<Json<Referrals>> {
    Ok(Json(promotions::apply_referral(&state, &user.at(host), body.into_inner()).await?))
}

/// The client's content packages, newest first.
#[utoipa::path(
    tag = "billing",
    responses((status = 200, description = "Packages", body = [ContentPackage])),
    security(("bearer" = []))
)]
#[get("/billing/packages")]
pub async fn list_packages(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<ContentPackage>>> {
    Ok(Json(packages::list_packages(&state, &user.at(host)).await?))
}

/// Starts a content package: its first period from now, billed at once; paying a period's
/// invoice opens its orders.
#[utoipa::path(
    tag = "billing",
    request_body = NewPackage,
    responses(
        (status = 201, description = "The package", body = ContentPackage),
        (status = 422, description = "Not a service offered, words or turnaround out of its range, \
            not one of your sites (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/billing/packages")]
pub async fn create_package(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewPackage>,
) -> ApiResult<HttpResponse> {
    let package = packages::create_package(&state, &user.at(host), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(package))
}

/// Pauses, resumes or cancels a content package.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The package")),
    request_body = PackageChange,
    responses(
        (status = 200, description = "The package", body = ContentPackage),
        (status = 404, description = "No such package of yours (`package_not_found`)", body = ErrorBody),
        (status = 409, description = "Cancelled already (`package_cancelled`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/billing/packages/{id}/status")]
pub async fn change_package(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PackageChange>,
) -> ApiResult<Json<ContentPackage>> {
    Ok(Json(packages::change_package(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// A website's promo codes.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    responses(
        (status = 200, description = "Promo codes, active first", body = [PromoCode]),
        (status = 404, description = "Not one of your websites (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/staff/websites/{id}/promo-codes")]
pub async fn list_promo_codes(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<PromoCode>>> {
    Ok(Json(promotions::staff_promos(&state, &user.at(host), *id).await?))
}

/// Adds a promo code to a website (admins).
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    request_body = PromoCodeInput,
    responses(
        (status = 201, description = "The promo code", body = PromoCode),
        (status = 409, description = "The code is taken (`promo_code_taken`)", body = ErrorBody),
        (status = 422, description = "A field out of its range (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/staff/websites/{id}/promo-codes")]
pub async fn create_promo_code(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PromoCodeInput>,
) -> ApiResult<HttpResponse> {
    let promo = promotions::create_promo(&state, &user.at(host), *id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(promo))
}

/// Rewrites a promo code (admins); its uses so far stay counted.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The promo code")),
    request_body = PromoCodeInput,
    responses(
        (status = 200, description = "The promo code", body = PromoCode),
        (status = 404, description = "Not a code of your websites (`promo_code_not_found`)", body = ErrorBody),
        (status = 422, description = "A field out of its range, a limit below the uses (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/staff/promo-codes/{id}")]
pub async fn update_promo_code(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<PromoCodeInput>,
) -> ApiResult<Json<PromoCode>> {
    Ok(Json(promotions::update_promo(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// A website's billing settings: VAT, invoice prefix, grace days, bank details, loyalty
/// points and the referral reward.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    responses(
        (status = 200, description = "The settings", body = BillingSettings),
        (status = 404, description = "Not one of your websites (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/staff/websites/{id}/billing-settings")]
pub async fn get_billing_settings(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<BillingSettings>> {
    Ok(Json(money::billing_settings(&state, &user.at(host), *id).await?))
}

/// Changes a website's billing settings (admins). Invoices issued keep their rule.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "The website")),
    request_body = BillingSettings,
    responses(
        (status = 200, description = "The settings", body = BillingSettings),
        (status = 404, description = "Not one of your websites (`website_not_found`)", body = ErrorBody),
        (status = 422, description = "A field out of its range (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/staff/websites/{id}/billing-settings")]
pub async fn update_billing_settings(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<BillingSettings>,
) -> ApiResult<Json<BillingSettings>> {
    Ok(Json(money::update_billing_settings(&state, &user.at(host), *id, body.into_inner()).await?))
}

/// Revenue of the caller's websites: monthly recurring revenue, takings of the last twelve
/// months, outstanding and overdue invoices.
#[utoipa::path(
    tag = "billing",
    params(RevenueQuery),
    responses(
        (status = 200, description = "Revenue per website", body = Revenue),
        (status = 404, description = "Not one of your websites (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/staff/revenue")]
pub async fn get_revenue(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<RevenueQuery>,
) -> ApiResult<Json<Revenue>> {
    Ok(Json(money::revenue(&state, &user.at(host), query.website).await?))
}
