//! Content orders: the catalogue with prices, quotes, placing orders, the writers' list of
//! open orders, and one endpoint for every move of the lifecycle (`domain::orders`), which
//! also checks whose move it is.

use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_types::orders::{NewMessage, NewOrder, Order, OrderMessage, Quote, ServiceType, TransitionRequest};

/// The website's services, with prices per word and turnaround options.
#[utoipa::path(
    tag = "orders",
    responses((status = 200, description = "The catalogue", body = Vec<ServiceType>)),
    security(("bearer" = []))
)]
#[get("/catalogue")]
pub async fn list_catalogue(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<ServiceType>>> {
    Ok(Json(atelier_app::orders::catalogue(&state, &user.at(host)).await?))
}

/// What an order would cost.
#[utoipa::path(
    tag = "orders",
    request_body = NewOrder,
    responses(
        (status = 200, description = "The price", body = Quote),
        (status = 422, description = "Unknown service, words out of range, unknown turnaround", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders/quote")]
pub async fn quote_order(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewOrder>,
) -> ApiResult<Json<Quote>> {
    Ok(Json(atelier_app::orders::quote_order(&state, &user.at(host), body.into_inner()).await?))
}

/// A draft order at the quoted price; `place` it next.
#[utoipa::path(
    tag = "orders",
    request_body = NewOrder,
    responses(
        (status = 201, description = "The draft", body = Order),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders")]
pub async fn create_order(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<NewOrder>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created()
        .json(atelier_app::orders::create_order(&state, &user.at(host), body.into_inner()).await?))
}

/// The caller's orders: a client's own, a writer's own, the orders of a staff member's
/// websites.
#[utoipa::path(
    tag = "orders",
    responses((status = 200, description = "Orders, newest first", body = Vec<Order>)),
    security(("bearer" = []))
)]
#[get("/orders")]
pub async fn list_orders(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Order>>> {
    Ok(Json(atelier_app::orders::list_orders(&state, &user.at(host)).await?))
}

/// Open orders of the writer's websites at or below their level, oldest first.
#[utoipa::path(
    tag = "orders",
    responses((status = 200, description = "Orders a writer may claim", body = Vec<Order>)),
    security(("bearer" = []))
)]
#[get("/orders/available")]
pub async fn list_available_orders(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<Order>>> {
    Ok(Json(atelier_app::orders::available_orders(&state, &user.at(host)).await?))
}

#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "The order and what the caller may do with it", body = Order),
        (status = 404, description = "Not an order the caller can see (`order_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}")]
pub async fn get_order(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Order>> {
    Ok(Json(atelier_app::orders::get_order(&state, &user.at(host), id.into_inner()).await?))
}

/// Moves an order one step of its lifecycle. The move must be legal from the order's state
/// and the caller's to make (a writer claims within their level, submits only their own
/// order; a client acts on their own orders); otherwise 409 with the current state. Two
/// writers claiming at once: exactly one wins.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    request_body = TransitionRequest,
    responses(
        (status = 200, description = "The order in its new state", body = Order),
        (status = 404, description = "Not an order the caller can see (`order_not_found`)", body = ErrorBody),
        (status = 409, description = "Not possible now or not the caller's (`illegal_transition`); `details.fields[0].code` is the current state", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/transitions")]
pub async fn transition_order(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<TransitionRequest>,
) -> ApiResult<Json<Order>> {
    Ok(Json(atelier_app::orders::transition_order(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}

/// The order's conversation, oldest first: its client, its writer and staff.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "Messages", body = Vec<OrderMessage>),
        (status = 404, description = "Not an order whose conversation the caller is in (`order_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/messages")]
pub async fn list_order_messages(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<OrderMessage>>> {
    Ok(Json(atelier_app::orders::order_messages(&state, &user.at(host), id.into_inner()).await?))
}

/// Writes to the order's conversation.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    request_body = NewMessage,
    responses(
        (status = 201, description = "The message", body = OrderMessage),
        (status = 404, description = "Not an order whose conversation the caller is in (`order_not_found`)", body = ErrorBody),
        (status = 422, description = "Empty or too long (`validation_failed`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/messages")]
pub async fn create_order_message(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<NewMessage>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created()
        .json(atelier_app::orders::post_message(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
}
