//! The staff console's own endpoints: tenants (created by the superadmin, branded by their
//! admins), customers (search, detail, suspend, reactivate, unlock) and the audit log of
//! every staff action. Who may do what is decided here, per role, and every object outside
//! the caller's websites is a 404.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, post, put};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use actix_web::http::header;
use actix_web::web::Payload;
use atelier_app::files::MAX_LOGO_BYTES;
use atelier_types::queries::{AuditQuery, CustomerQuery, LogoQuery, SitesQuery};
use atelier_types::staff::NewDomain;
use atelier_types::staff::{
    AiReview, AuditEntry, Customer, CustomerDetail, NewTenantRequest, QueueEntry, ReviewItem, StaffSite, TenantUpdate,
};
use atelier_types::tenant::TenantBranding;

/// A new website with its first domain. Its clients app answers on that domain at once.
#[utoipa::path(
    tag = "staff",
    request_body = NewTenantRequest,
    responses(
        (status = 201, description = "The website", body = TenantBranding),
        (status = 403, description = "Not the superadmin", body = ErrorBody),
        (status = 409, description = "Slug or domain taken (`slug_taken`, `domain_taken`)", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/tenants")]
pub async fn create_tenant(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewTenantRequest>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created()
        .json(atelier_app::staff::create_tenant(&state, &user.at(host), body.into_inner()).await?))
}

/// Changes a website's branding (its admins, or the superadmin); only the superadmin turns a
/// website on or off. Its domains show the change at once.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The website")),
    request_body = TenantUpdate,
    responses(
        (status = 200, description = "The website as it is now", body = TenantBranding),
        (status = 403, description = "Not an admin of it (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/tenants/{id}")]
pub async fn update_tenant(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<TenantUpdate>,
) -> ApiResult<Json<TenantBranding>> {
    Ok(Json(atelier_app::staff::update_tenant(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}

/// Clients of the caller's websites whose name or e-mail contains `q`, newest first (100).
#[utoipa::path(
    tag = "staff",
    params(CustomerQuery),
    responses(
        (status = 200, description = "Customers", body = Vec<Customer>),
        (status = 403, description = "Editors work on texts, not customers (`not_your_role`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/customers")]
pub async fn list_customers(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<CustomerQuery>,
) -> ApiResult<Json<Vec<Customer>>> {
    Ok(Json(atelier_app::staff::customers(&state, &user.at(host), query.into_inner()).await?))
}

/// A customer with their sites, orders, recent deployments and what staff did to the account.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The customer")),
    responses(
        (status = 200, description = "The customer", body = CustomerDetail),
        (status = 404, description = "Not a customer of the caller's websites (`customer_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/customers/{id}")]
pub async fn get_customer(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<CustomerDetail>> {
    Ok(Json(atelier_app::staff::customer(&state, &user.at(host), id.into_inner()).await?))
}

#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The customer")),
    responses(
        (status = 200, description = "Suspended", body = Customer),
        (status = 403, description = "Not an admin (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a customer of the caller's websites (`customer_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/customers/{id}/suspend")]
pub async fn suspend_customer(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Customer>> {
    Ok(Json(atelier_app::staff::suspend_customer(&state, &user.at(host), id.into_inner()).await?))
}

#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The customer")),
    responses(
        (status = 200, description = "Active again", body = Customer),
        (status = 403, description = "Not an admin (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a customer of the caller's websites (`customer_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/customers/{id}/reactivate")]
pub async fn reactivate_customer(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Customer>> {
    Ok(Json(atelier_app::staff::reactivate_customer(&state, &user.at(host), id.into_inner()).await?))
}

/// Lifts the sign-in lock that failed attempts put on a customer's account (support may).
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The customer")),
    responses(
        (status = 204, description = "They may try to sign in again"),
        (status = 404, description = "Not a customer of the caller's websites (`customer_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/customers/{id}/unlock")]
pub async fn unlock_customer(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    atelier_app::staff::unlock_customer(&state, &user.at(host), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The latest 200 staff actions on the caller's websites (admins and the superadmin).
#[utoipa::path(
    tag = "staff",
    params(AuditQuery),
    responses(
        (status = 200, description = "Newest first", body = Vec<AuditEntry>),
        (status = 403, description = "Not an admin (`not_your_role`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list_audit_entries(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(atelier_app::staff::audit_log(&state, &user.at(host), query.into_inner()).await?))
}

/// The sites of the caller's websites, most recently changed first (200). Admins act on
/// them through the sites' own endpoints (deploy, stop, start, rollback) on the staff host.
#[utoipa::path(
    tag = "staff",
    params(SitesQuery),
    responses(
        (status = 200, description = "Sites", body = Vec<StaffSite>),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/staff/sites")]
pub async fn list_staff_sites(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<SitesQuery>,
) -> ApiResult<Json<Vec<StaffSite>>> {
    Ok(Json(atelier_app::staff::all_sites(&state, &user.at(host), query.into_inner()).await?))
}

/// The deployment queue of the caller's websites: running, waiting (with their place) and
/// the failures of the last seven days with their reason.
#[utoipa::path(
    tag = "staff",
    responses((status = 200, description = "The queue", body = Vec<QueueEntry>)),
    security(("bearer" = []))
)]
#[get("/staff/deployments")]
pub async fn get_deployment_queue(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<QueueEntry>>> {
    Ok(Json(atelier_app::staff::deployment_queue(&state, &user.at(host)).await?))
}

/// What waits for an editor on the caller's websites, oldest first: writers' submissions
/// (reviewed on the order: approve, ask for a revision with comments, edit) and generated
/// texts (approve, or reject with a reason).
#[utoipa::path(
    tag = "staff",
    responses(
        (status = 200, description = "The review queue", body = Vec<ReviewItem>),
        (status = 403, description = "Support (`not_your_role`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/review")]
pub async fn list_review_items(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<ReviewItem>>> {
    Ok(Json(atelier_app::staff::review_queue(&state, &user.at(host)).await?))
}

/// Approves a generated text, or rejects it with a reason the client reads: the section
/// goes back to what it held before when it still holds this text.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The generated text")),
    request_body = AiReview,
    responses(
        (status = 200, description = "Answered", body = atelier_types::sites::AiContent),
        (status = 404, description = "Not a generated text of the caller's websites (`entry_not_found`)", body = ErrorBody),
        (status = 409, description = "Already answered, reverted or replaced (`not_pending`)", body = ErrorBody),
        (status = 422, description = "A rejection without a reason", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/review/ai/{id}")]
pub async fn review_generated_text(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<AiReview>,
) -> ApiResult<Json<atelier_types::sites::AiContent>> {
    Ok(Json(atelier_app::staff::review_ai(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}

/// Uploads a website's logo (the body is the image: PNG, JPEG or WebP, at most 1 MB); its
/// clients app shows it at once.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The website"), LogoQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "The website with its new logo", body = TenantBranding),
        (status = 403, description = "Not an admin of it (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
        (status = 413, description = "Larger than 1 MB (`file_too_large`)", body = ErrorBody),
        (status = 415, description = "Not a PNG, JPEG or WebP image (`unsupported_file_type`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/logo")]
pub async fn upload_tenant_logo(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<LogoQuery>,
    payload: Payload,
) -> ApiResult<Json<TenantBranding>> {
    let who = atelier_app::staff::may_brand(&state, &user.at(host), *id).await?;
    let bytes = crate::files::read_body(payload, MAX_LOGO_BYTES).await?;
    Ok(Json(atelier_app::staff::upload_logo(&state, &who, *id, &query.name, bytes).await?))
}

/// A website's logo, for anyone (its pages show it before sign-in). Each upload has its own
/// address, so it is cached for good.
#[utoipa::path(
    tag = "tenancy",
    params(("id" = Uuid, Path, description = "The website"), ("file" = String, Path, description = "The logo's file")),
    responses(
        (status = 200, description = "The image", content_type = "image/png"),
        (status = 404, description = "Not this website's logo (`logo_not_found`)", body = ErrorBody),
    )
)]
#[get("/tenants/{id}/logo/{file}")]
pub async fn get_tenant_logo(state: Data<AppState>, path: Path<(Uuid, String)>) -> ApiResult<HttpResponse> {
    let (id, file) = path.into_inner();
    let logo = atelier_app::staff::logo(&state, id, &file).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, logo.content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(logo.bytes))
}

/// Attaches another domain to a website (the superadmin); its clients app answers there at
/// once.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The website")),
    request_body = NewDomain,
    responses(
        (status = 204, description = "Attached"),
        (status = 403, description = "Not the superadmin (`not_your_role`)", body = ErrorBody),
        (status = 409, description = "Another website has it (`domain_taken`), or this one already does (`domain_exists`)", body = ErrorBody),
        (status = 422, description = "Not a host name (`invalid_host`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/domains")]
pub async fn add_tenant_domain(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<NewDomain>,
) -> ApiResult<HttpResponse> {
    atelier_app::staff::add_domain(&state, &user.at(host), id.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
