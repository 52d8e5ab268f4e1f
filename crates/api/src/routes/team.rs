//! Writers and staff accounts: the superadmin manages them all; a website's admin creates
//! writers, editors and support for their website, assigns writers from the shared pool to
//! it, and sets writer levels. Every change is in the audit log of the websites it touches.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post, put};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::staff::{Member, MemberUpdate, NewMember};

/// Writers and staff the caller manages (an editor: the writers of their websites, to
/// assign orders), by role then name.
#[utoipa::path(
    tag = "staff",
    responses(
        (status = 200, description = "Members", body = Vec<Member>),
        (status = 403, description = "Support (`not_your_role`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/team")]
pub async fn list_team(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Member>>> {
    Ok(Json(atelier_app::team::team(&state, &user.at(host)).await?))
}

/// A new writer or staff account, assigned to websites of the caller's.
#[utoipa::path(
    tag = "staff",
    request_body = NewMember,
    responses(
        (status = 201, description = "The account", body = Member),
        (status = 403, description = "A role or website the caller may not give (`not_your_role`)", body = ErrorBody),
        (status = 409, description = "The e-mail has an account (`email_taken`)", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/team")]
pub async fn create_member(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewMember>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(atelier_app::team::add_member(&state, &user.at(host), body.into_inner()).await?))
}

/// Sets a member's writer level and websites (an admin: only their own websites change), and
/// whether the account may sign in (the superadmin; a deactivated account's sessions end).
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The member")),
    request_body = MemberUpdate,
    responses(
        (status = 200, description = "The member as they are now", body = Member),
        (status = 403, description = "Not the caller's to change (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a member the caller manages (`member_not_found`)", body = ErrorBody),
        (status = 422, description = "A level out of range or for a non-writer", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/team/{id}")]
pub async fn update_member(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<MemberUpdate>,
) -> ApiResult<Json<Member>> {
    Ok(Json(atelier_app::team::update_member(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}

/// Lifts the sign-in pause that failed attempts put on a member's account: they may try
/// again at once.
#[utoipa::path(
    tag = "staff",
    params(("id" = Uuid, Path, description = "The member")),
    responses(
        (status = 204, description = "They may sign in again"),
        (status = 403, description = "Support or editors (`not_your_role`)", body = ErrorBody),
        (status = 404, description = "Not a member the caller manages (`member_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/team/{id}/unlock")]
pub async fn unlock_member(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<HttpResponse> {
    atelier_app::team::unlock_member(&state, &user.at(host), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
