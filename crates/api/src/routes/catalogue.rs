//! Staff manage each website's service catalogue: every entry (withdrawn ones too) for the
//! website's staff, and creating, changing and withdrawing entries for its admins. Clients
//! read the active entries with `GET /catalogue` on their website's domain.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, delete, get, put};
use atelier_db::orders::{self, NewServiceType};
use atelier_db::tenants;
use atelier_domain::orders::Actor;
use atelier_types::orders::{ServiceType, ServiceTypeInput, valid_service_code};
use atelier_types::{ErrorBody, FieldError, Role};
use uuid::Uuid;

use crate::auth::AuthUser;
use atelier_types::validation::Validate;

use crate::error::{ApiError, ApiResult};
use crate::routes::orders::{Caller, caller, service_of};
use crate::routes::staff::record_action;
use crate::state::AppState;
use crate::tenancy::HostContext;

fn website_not_found() -> ApiError {
    ApiError::not_found("website_not_found", "There is no website with this id that you work for.")
}

/// The website's currency, if the caller is its staff (a writer or a client: 403).
async fn staff_website(state: &AppState, who: &Caller, website: Uuid) -> ApiResult<String> {
    if !matches!(who.actor, Actor::Editor | Actor::Admin) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "staff_only",
            "The catalogue is managed by the website's staff.",
        ));
    }
    if who.role != Role::Superadmin && !who.tenants.contains(&website) {
        return Err(website_not_found());
    }
    let mut tx = state.db.begin(&who.scope).await?;
    let tenant = tenants::find_by_id(&mut tx, website).await?.ok_or_else(website_not_found)?;
    tx.commit().await?;
    Ok(tenant.currency)
}

fn admin_only(who: &Caller) -> ApiResult<()> {
    if who.actor == Actor::Admin {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "admins_only", "Only the website's admins change its catalogue."))
    }
}

/// Every entry of the website's catalogue, withdrawn ones last.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)")),
    responses(
        (status = 200, description = "The catalogue", body = Vec<ServiceType>),
        (status = 403, description = "Not staff (`staff_only`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/websites/{website}/catalogue")]
pub async fn website_catalogue(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    website: Path<Uuid>,
) -> ApiResult<Json<Vec<ServiceType>>> {
    let who = caller(&state, &host, &user).await?;
    let currency = staff_website(&state, &who, *website).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let rows = orders::full_catalogue(&mut tx, *website).await?;
    tx.commit().await?;
    Ok(Json(rows.iter().map(|r| service_of(r, &currency)).collect()))
}

/// Creates the entry with this code, or changes it (and offers it again if it was withdrawn).
/// Orders already placed keep the price they were quoted.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)"), ("code" = String, Path, description = "The entry's code, like `blog_article`")),
    request_body = ServiceTypeInput,
    responses(
        (status = 200, description = "The entry as saved", body = ServiceType),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "Not a website the caller works for (`website_not_found`)", body = ErrorBody),
        (status = 422, description = "Invalid code, price, words, level or turnarounds", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/websites/{website}/catalogue/{code}")]
pub async fn save_service(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, String)>,
    body: Json<ServiceTypeInput>,
) -> ApiResult<Json<ServiceType>> {
    let (website, code) = path.into_inner();
    let who = caller(&state, &host, &user).await?;
    let currency = staff_website(&state, &who, website).await?;
    admin_only(&who)?;
    let mut errors = body.validate();
    if !valid_service_code(&code) {
        errors.insert(
            0,
            FieldError::new(
                "code",
                "invalid_code",
                "Use 2 to 40 lower-case letters, digits and _, starting with a letter.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let entry = NewServiceType {
        code: &code,
        name: body.name.trim(),
        description: body.description.trim(),
        price_per_word_minor: body.price_per_word_minor,
        min_words: body.min_words,
        max_words: body.max_words,
        required_level: body.required_level,
        turnarounds: serde_json::to_value(&body.turnarounds).map_err(ApiError::internal)?,
    };
    let mut tx = state.db.begin(&who.scope).await?;
    let before = orders::full_catalogue(&mut tx, website)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .map(|r| serde_json::to_value(service_of(&r, &currency)))
        .transpose()
        .map_err(ApiError::internal)?;
    let id = orders::upsert_service_type(&mut tx, website, &entry).await?;
    let row = orders::full_catalogue(&mut tx, website)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("service {id} vanished")))?;
    let saved = service_of(&row, &currency);
    let after = serde_json::to_value(&saved).map_err(ApiError::internal)?;
    let actor = (who.user, who.name.as_str(), who.role);
    record_action(&mut tx, actor, website, "catalogue.save", ("service", Some(id)), (before, Some(after))).await?;
    tx.commit().await?;
    Ok(Json(saved))
}

/// Withdraws the entry: clients no longer see it; orders placed with it are unchanged.
#[utoipa::path(
    tag = "orders",
    params(("website" = Uuid, Path, description = "The website (tenant)"), ("code" = String, Path, description = "The entry's code")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an admin (`admins_only`)", body = ErrorBody),
        (status = 404, description = "No such website or entry (`website_not_found`, `service_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/websites/{website}/catalogue/{code}")]
pub async fn withdraw_service(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (website, code) = path.into_inner();
    let who = caller(&state, &host, &user).await?;
    staff_website(&state, &who, website).await?;
    admin_only(&who)?;
    let mut tx = state.db.begin(&who.scope).await?;
    if !orders::withdraw_service_type(&mut tx, website, &code).await? {
        return Err(ApiError::not_found("service_not_found", "The catalogue has no entry with this code."));
    }
    let actor = (who.user, who.name.as_str(), who.role);
    let change =
        (Some(serde_json::json!({ "code": code, "active": true })), Some(serde_json::json!({ "active": false })));
    record_action(&mut tx, actor, website, "catalogue.withdraw", ("service", None), change).await?;
    tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
