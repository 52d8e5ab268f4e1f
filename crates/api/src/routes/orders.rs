//! Content orders: the catalogue with prices, quotes, placing orders, the writers' list of
//! open orders, and one endpoint for every move of the lifecycle (`domain::orders`), which
//! also checks whose move it is.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json, Path};
use actix_web::{HttpResponse, get, post};
use atelier_db::order_work;
use atelier_db::orders::{self, Move, NewOrderRow, OrderRow, ServiceTypeRow};
use atelier_db::{Scope, Tx, assignments, users};
use atelier_domain::HostScope;
use atelier_domain::orders::{
    Actor, DROP_GRACE_MINUTES, MAX_CLIENT_REVISIONS, OrderEvent, OrderState, available, quote, transition,
    writer_earning,
};
use atelier_types::orders::{
    Attachment, NewMessage, NewOrder, Order, OrderMessage, Quote, ServiceType, TransitionRequest, Turnaround,
};
use atelier_types::{ErrorBody, FieldError, Role};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, validated};
use crate::state::AppState;
use crate::tenancy::HostContext;

pub(crate) fn not_found() -> ApiError {
    ApiError::not_found("order_not_found", "There is no order with this id that you can see.")
}

/// Who is asking, as the order rules see them, and the database scope of their orders.
pub(crate) struct Caller {
    pub(crate) user: Uuid,
    pub(crate) actor: Actor,
    pub(crate) role: Role,
    pub(crate) scope: Scope,
    pub(crate) tenants: Vec<Uuid>,
    /// A writer's level (read with the platform scope: writer accounts belong to no tenant).
    pub(crate) level: Option<i16>,
    /// How messages name the caller: the first word of their display name.
    pub(crate) first_name: String,
    /// Their display name (the audit log names staff in full).
    pub(crate) name: String,
}

pub(crate) async fn caller(state: &AppState, host: &HostContext, user: &AuthUser) -> ApiResult<Caller> {
    let actor = Actor::of_role(user.role)
        .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "no_order_rights", "Your role does not work on orders."))?;
    let (scope, tenants, level, name) = match (host.scope, user.role) {
        (HostScope::Tenant(tenant), Role::Client) if user.tenant_id == Some(tenant) => {
            let mut tx = state.db.begin(&Scope::tenant(tenant)).await?;
            let name = users::find_by_id(&mut tx, user.id).await?.map(|u| u.display_name).unwrap_or_default();
            tx.commit().await?;
            (Scope::tenant(tenant), vec![tenant], None, name)
        }
        (HostScope::Writers, Role::Writer) | (HostScope::Staff, Role::Editor | Role::Admin | Role::Superadmin) => {
            let mut tx = state.db.begin(&Scope::platform().with_user(user.id)).await?;
            let tenants = assignments::assigned_tenants(&mut tx, user.id, user.role).await?;
            let level = orders::writer_level(&mut tx, user.id).await?;
            let name = users::find_by_id(&mut tx, user.id).await?.map(|u| u.display_name).unwrap_or_default();
            tx.commit().await?;
            if user.role == Role::Superadmin {
                return Ok(Caller {
                    user: user.id,
                    actor,
                    role: user.role,
                    scope: Scope::everything().with_user(user.id),
                    tenants: Vec::new(),
                    level: None,
                    first_name: first_word(&name),
                    name,
                });
            }
            // Staff also see writer accounts (to assign one); writers see only their own.
            let scope = if user.role == Role::Writer {
                Scope::tenants(tenants.clone())
            } else {
                Scope::tenants(tenants.clone()).with_platform()
            };
            (scope, tenants, level, name)
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "wrong_app",
                "Orders are worked on in your own app: clients on their website, writers and staff in theirs.",
            ));
        }
    };
    Ok(Caller {
        user: user.id,
        actor,
        role: user.role,
        scope: scope.with_user(user.id),
        tenants,
        level,
        first_name: first_word(&name),
        name,
    })
}

fn first_word(name: &str) -> String {
    name.split_whitespace().next().unwrap_or("?").to_owned()
}

impl Caller {
    /// Whether the caller takes part in the order's conversation: its client, its writer,
    /// or staff of its website.
    pub(crate) fn converses(&self, order: &OrderRow) -> bool {
        match self.actor {
            Actor::Client => order.client_id == self.user,
            Actor::Writer => order.writer_id == Some(self.user),
            Actor::Editor | Actor::Admin => self.sees(order),
            Actor::System => false,
        }
    }

    pub(crate) fn message_role(&self) -> &'static str {
        match self.actor {
            Actor::Client => "client",
            Actor::Writer => "writer",
            _ => "staff",
        }
    }

    /// Whether this caller may see the order at all (anything else is a 404).
    pub(crate) fn sees(&self, order: &OrderRow) -> bool {
        let level = self.level;
        match self.actor {
            Actor::Client => order.client_id == self.user,
            Actor::Writer => {
                order.writer_id == Some(self.user)
                    || (order.status == "open" && level.is_some_and(|l| l >= order.required_level))
            }
            Actor::Editor | Actor::Admin => self.role == Role::Superadmin || self.tenants.contains(&order.website_id),
            Actor::System => false,
        }
    }
}

pub(crate) fn status_of(order: &OrderRow) -> ApiResult<OrderState> {
    OrderState::try_from(order.status.clone()).map_err(|e| ApiError::internal(anyhow::anyhow!(e)))
}

pub(crate) fn order_of(row: &OrderRow, actor: Actor) -> ApiResult<Order> {
    let status = status_of(row)?;
    Ok(Order {
        id: row.id,
        website_id: row.website_id,
        website_name: row.website_name.clone(),
        service_type_id: row.service_type_id,
        service_name: row.service_name.clone(),
        title: row.title.clone(),
        brief: row.brief.clone(),
        words: row.words,
        turnaround_days: row.turnaround_days,
        price_minor: row.price_minor,
        writer_earning_minor: writer_earning(row.price_minor),
        currency: row.currency.clone(),
        required_level: row.required_level,
        status,
        has_writer: row.writer_id.is_some(),
        site_id: row.site_id,
        section_id: row.section_id.clone(),
        deadline_at: row.deadline_at,
        late: row.late_at.is_some(),
        created_at: row.created_at,
        actions: available(status, actor).into_iter().filter(|e| *e != OrderEvent::AutoAccept).collect(),
    })
}

pub(crate) fn service_of(row: &ServiceTypeRow, currency: &str) -> ServiceType {
    ServiceType {
        id: row.id,
        code: row.code.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        price_per_word_minor: row.price_per_word_minor,
        min_words: row.min_words,
        max_words: row.max_words,
        required_level: row.required_level,
        turnarounds: serde_json::from_value(row.turnarounds.0.clone()).unwrap_or_default(),
        currency: currency.to_owned(),
        active: row.active,
    }
}

fn tenant_of(host: &HostContext) -> ApiResult<(Uuid, String)> {
    host.tenant
        .as_ref()
        .map(|t| (t.id, t.currency.clone()))
        .ok_or_else(|| ApiError::not_found("not_a_tenant_host", "The catalogue is on a website's own domain."))
}

/// The website's services, with prices per word and turnaround options.
#[utoipa::path(
    tag = "orders",
    responses((status = 200, description = "The catalogue", body = Vec<ServiceType>)),
    security(("bearer" = []))
)]
#[get("/catalogue")]
pub async fn catalogue(state: Data<AppState>, host: HostContext, _user: AuthUser) -> ApiResult<Json<Vec<ServiceType>>> {
    let (tenant, currency) = tenant_of(&host)?;
    let mut tx = state.db.begin(&host.db_scope()).await?;
    let rows = orders::catalogue(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(Json(rows.iter().map(|r| service_of(r, &currency)).collect()))
}

/// The price of an order before placing it; also what `POST /orders` charges.
async fn priced(tx: &mut Tx, tenant: Uuid, currency: &str, body: &NewOrder) -> ApiResult<(ServiceTypeRow, Quote)> {
    let service = orders::service_type(tx, tenant, body.service_type_id).await?.ok_or_else(|| {
        ApiError::validation(vec![FieldError::new(
            "service_type_id",
            "unknown_service",
            "Choose a service of the catalogue.",
        )])
    })?;
    let mut errors = Vec::new();
    if body.words < service.min_words || body.words > service.max_words {
        errors.push(FieldError::new(
            "words",
            "out_of_range",
            format!("{} takes {} to {} words.", service.name, service.min_words, service.max_words),
        ));
    }
    let turnarounds: Vec<Turnaround> = serde_json::from_value(service.turnarounds.0.clone()).unwrap_or_default();
    let turnaround = turnarounds.iter().find(|t| t.days == body.turnaround_days);
    if turnaround.is_none() {
        let offered: Vec<String> = turnarounds.iter().map(|t| t.days.to_string()).collect();
        errors.push(FieldError::new(
            "turnaround_days",
            "unknown_turnaround",
            format!("Choose one of: {} days.", offered.join(", ")),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let multiplier = turnaround.map_or(100, |t| t.multiplier_pct);
    let price = quote(body.words, service.price_per_word_minor, multiplier);
    let q = Quote {
        price_minor: price,
        currency: currency.to_owned(),
        words: body.words,
        turnaround_days: body.turnaround_days,
    };
    Ok((service, q))
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
    _user: AuthUser,
    body: Json<NewOrder>,
) -> ApiResult<Json<Quote>> {
    let (tenant, currency) = tenant_of(&host)?;
    let mut tx = state.db.begin(&host.db_scope()).await?;
    let (_, q) = priced(&mut tx, tenant, &currency, &body).await?;
    tx.commit().await?;
    Ok(Json(q))
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
    let who = caller(&state, &host, &user).await?;
    if who.actor != Actor::Client {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "clients_only", "Orders are placed by clients."));
    }
    validated(&*body)?;
    let (tenant, currency) = tenant_of(&host)?;
    let mut tx = state.db.begin(&who.scope).await?;
    let (service, q) = priced(&mut tx, tenant, &currency, &body).await?;
    // A text for a site section: the site must be the client's own, and have the section.
    if let Some(site_id) = body.site_id {
        let owner = atelier_db::sites::Owner { website_id: tenant, user_id: user.id };
        let site = atelier_db::sites::find(&mut tx, owner, site_id, false).await?.ok_or_else(|| {
            ApiError::validation(vec![FieldError::new("site_id", "unknown_site", "Choose one of your own sites.")])
        })?;
        if let Some(section) = &body.section_id {
            let config = atelier_types::site::upgrade(site.config.0.clone()).map_err(ApiError::internal)?;
            if atelier_types::sites::find_section(&config, section).is_none() {
                return Err(ApiError::validation(vec![FieldError::new(
                    "section_id",
                    "unknown_section",
                    "The site has no section with this id.",
                )]));
            }
        }
    }
    let new = NewOrderRow {
        website_id: tenant,
        client_id: user.id,
        service_type_id: service.id,
        title: body.title.trim(),
        brief: body.brief.trim(),
        words: body.words,
        turnaround_days: body.turnaround_days,
        price_minor: q.price_minor,
        currency: &currency,
        required_level: service.required_level,
        site_id: body.site_id,
        section_id: body.section_id.as_deref(),
    };
    let id = orders::insert(&mut tx, &new).await?;
    let row = orders::find(&mut tx, id).await?.ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(HttpResponse::Created().json(order_of(&row, who.actor)?))
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
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let rows = match who.actor {
        Actor::Client => orders::of_client(&mut tx, who.tenants[0], who.user).await?,
        Actor::Writer => orders::of_writer(&mut tx, who.user).await?,
        _ if who.role == Role::Superadmin => orders::of_tenants(&mut tx, None).await?,
        _ => orders::of_tenants(&mut tx, Some(&who.tenants)).await?,
    };
    tx.commit().await?;
    Ok(Json(rows.iter().map(|r| order_of(r, who.actor)).collect::<ApiResult<_>>()?))
}

/// Open orders of the writer's websites at or below their level, oldest first.
#[utoipa::path(
    tag = "orders",
    responses((status = 200, description = "Orders a writer may claim", body = Vec<Order>)),
    security(("bearer" = []))
)]
#[get("/orders/available")]
pub async fn available_orders(state: Data<AppState>, host: HostContext, user: AuthUser) -> ApiResult<Json<Vec<Order>>> {
    let who = caller(&state, &host, &user).await?;
    if who.actor != Actor::Writer {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "writers_only", "The list of open orders is for writers."));
    }
    let mut tx = state.db.begin(&who.scope).await?;
    let rows = orders::available(&mut tx, &who.tenants, who.level.unwrap_or(1)).await?;
    tx.commit().await?;
    Ok(Json(rows.iter().map(|r| order_of(r, who.actor)).collect::<ApiResult<_>>()?))
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
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let row = orders::find(&mut tx, *id).await?.ok_or_else(not_found)?;
    tx.commit().await?;
    if !who.sees(&row) {
        return Err(not_found());
    }
    Ok(Json(order_of(&row, who.actor)?))
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
    let who = caller(&state, &host, &user).await?;
    validated(&*body)?;
    let note = body.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let mut tx = state.db.begin(&who.scope).await?;
    let row = orders::find(&mut tx, *id).await?.ok_or_else(not_found)?;
    let level = who.level;
    if !who.sees(&row) {
        return Err(not_found());
    }
    let from = status_of(&row)?;
    let illegal = |why: String| {
        let mut error = ApiError::new(StatusCode::CONFLICT, "illegal_transition", why.clone());
        error = error.with_fields(vec![FieldError::new("status", from.as_str(), why)]);
        error
    };
    let to = transition(from, body.event, who.actor).map_err(|e| illegal(format!("Not possible: {e}.")))?;
    let writer_id = match body.event {
        OrderEvent::Claim => {
            if level.unwrap_or(0) < row.required_level {
                return Err(illegal(format!("This order needs a level {} writer.", row.required_level)));
            }
            Some(who.user)
        }
        OrderEvent::Assign => {
            let writer = body.writer_id.ok_or_else(|| {
                ApiError::validation(vec![FieldError::new(
                    "writer_id",
                    "required",
                    "Choose the writer who gets the order.",
                )])
            })?;
            let writer_level = orders::writer_level(&mut tx, writer).await?;
            if !orders::writer_works_for(&mut tx, writer, row.website_id).await?
                || writer_level.unwrap_or(0) < row.required_level
            {
                return Err(illegal(format!(
                    "That writer does not work for this website at level {} or above.",
                    row.required_level
                )));
            }
            Some(writer)
        }
        OrderEvent::Drop if who.actor == Actor::Writer => {
            if row.writer_id != Some(who.user) {
                return Err(illegal("Only the order's writer can give it back.".into()));
            }
            let grace = chrono::Duration::minutes(DROP_GRACE_MINUTES);
            if row.claimed_at.is_some_and(|at| chrono::Utc::now() - at > grace) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "grace_period_over",
                    format!(
                        "An order can be given back within {DROP_GRACE_MINUTES} minutes of claiming it; ask the staff."
                    ),
                ));
            }
            None
        }
        OrderEvent::Drop => None,
        OrderEvent::SubmitText if row.writer_id != Some(who.user) => {
            return Err(illegal("Only the order's writer hands in its text.".into()));
        }
        OrderEvent::RequestRevision if who.actor == Actor::Client => {
            if orders::client_revisions(&mut tx, row.id).await? >= MAX_CLIENT_REVISIONS {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "revisions_used_up",
                    format!(
                        "You have asked for {MAX_CLIENT_REVISIONS} revisions already; accept the text or open a dispute."
                    ),
                ));
            }
            row.writer_id
        }
        _ => row.writer_id,
    };
    let step = Move {
        order: &row,
        event: body.event.as_str(),
        to: to.as_str(),
        actor: actor_name(who.actor),
        actor_id: Some(who.user),
        writer_id,
        note,
    };
    if !orders::apply(&mut tx, &step).await? {
        // Someone moved it first (another writer's claim): say where it is now.
        drop(tx);
        let mut tx = state.db.begin(&who.scope).await?;
        let now = orders::find(&mut tx, *id).await?.ok_or_else(not_found)?;
        let state_now = status_of(&now)?;
        let mut error = ApiError::new(
            StatusCode::CONFLICT,
            "illegal_transition",
            format!("The order is {} now.", state_now.as_str()),
        );
        error = error.with_fields(vec![FieldError::new("status", state_now.as_str(), "It changed meanwhile.")]);
        return Err(error);
    }
    let row = orders::find(&mut tx, *id).await?.ok_or_else(not_found)?;
    match body.event {
        // What is handed in is the draft as it is now; nothing to hand in undoes the move.
        OrderEvent::SubmitText if order_work::submit_draft(&mut tx, &row).await?.is_none() => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "empty_draft",
                "Write the text (it is saved as you type) before handing it in.",
            ));
        }
        OrderEvent::Approve => order_work::mark_delivered(&mut tx, row.id).await?,
        OrderEvent::Drop => order_work::discard_draft(&mut tx, row.id).await?,
        _ => {}
    }
    if to == OrderState::Completed {
        orders::credit_writer(&mut tx, &row, writer_earning(row.price_minor)).await?;
    }
    if matches!(who.actor, Actor::Editor | Actor::Admin) {
        let action = format!("order.{}", body.event.as_str());
        let after = serde_json::json!({ "status": to.as_str(), "writer_id": row.writer_id, "note": note });
        let change = (Some(serde_json::json!({ "status": from.as_str() })), Some(after));
        let actor = (who.user, who.name.as_str(), who.role);
        crate::routes::staff::record_action(&mut tx, actor, row.website_id, &action, ("order", Some(row.id)), change)
            .await?;
    }
    tx.commit().await?;
    Ok(Json(order_of(&row, who.actor)?))
}

/// The scheduler's job: delivered orders nobody answered within their tenant's days are
/// accepted for the client and their writer credited (once, whatever runs twice). `now` is
/// the clock, passed in so that tests can move it. Returns how many it accepted.
pub async fn auto_accept_due(db: &atelier_db::Db, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<usize> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let due = orders::due_for_auto_accept(&mut tx, now).await?;
    tx.commit().await?;
    let mut accepted = 0;
    for id in due {
        let mut tx = db.begin(&Scope::everything()).await?;
        let Some(order) = orders::find(&mut tx, id).await? else { continue };
        let step = Move {
            order: &order,
            event: OrderEvent::AutoAccept.as_str(),
            to: OrderState::Completed.as_str(),
            actor: "system",
            actor_id: None,
            writer_id: order.writer_id,
            note: None,
        };
        if orders::apply(&mut tx, &step).await? {
            orders::credit_writer(&mut tx, &order, writer_earning(order.price_minor)).await?;
            accepted += 1;
        }
        tx.commit().await?;
    }
    Ok(accepted)
}

/// The scheduler's other job: orders whose deadline passed before their text was delivered
/// are marked late (once; the timeline says when). Returns how many it marked.
pub async fn mark_late_due(db: &atelier_db::Db, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<u64> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let marked = orders::mark_late(&mut tx, now).await?;
    tx.commit().await?;
    Ok(marked)
}

pub(crate) fn message_of(row: &orders::MessageRow, caller: Uuid, files: &[order_work::AttachmentRow]) -> OrderMessage {
    OrderMessage {
        attachments: files
            .iter()
            .filter(|f| f.message_id == row.id)
            .map(|f| Attachment {
                id: f.id,
                name: f.file_name.clone(),
                content_type: f.content_type.clone(),
                size_bytes: f.size_bytes,
            })
            .collect(),
        id: row.id,
        author_role: row.author_role.clone(),
        author_name: row.author_name.clone(),
        body: row.body.clone(),
        created_at: row.created_at,
        mine: row.author_id == Some(caller),
    }
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
pub async fn order_messages(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<OrderMessage>>> {
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, *id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let rows = orders::messages(&mut tx, order.id).await?;
    let files = order_work::attachments(&mut tx, order.id).await?;
    tx.commit().await?;
    Ok(Json(rows.iter().map(|m| message_of(m, who.user, &files)).collect()))
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
pub async fn post_message(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<NewMessage>,
) -> ApiResult<HttpResponse> {
    let who = caller(&state, &host, &user).await?;
    validated(&*body)?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, *id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let new = orders::NewMessage {
        order: &order,
        author_id: who.user,
        author_role: who.message_role(),
        author_name: &who.first_name,
        body: body.body.trim(),
    };
    let row = orders::add_message(&mut tx, &new).await?;
    tx.commit().await?;
    Ok(HttpResponse::Created().json(message_of(&row, who.user, &[])))
}

pub(crate) fn actor_name(actor: Actor) -> &'static str {
    match actor {
        Actor::Client => "client",
        Actor::Writer => "writer",
        Actor::Editor => "editor",
        Actor::Admin => "admin",
        Actor::System => "system",
    }
}
