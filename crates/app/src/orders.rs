//! Content orders: the catalogue with prices, quotes, placing orders, the writers' list of
//! open orders, and one endpoint for every move of the lifecycle (`domain::orders`), which
//! also checks whose move it is.

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
use atelier_types::{FieldError, Role};
use uuid::Uuid;

use crate::audit::{self, Change, StaffActor, Target};
use crate::error::validated;
use crate::events::{self, DomainEvent};
use crate::{App, AppError, AppResult, Caller, Host, Kind};

pub fn not_found() -> AppError {
    AppError::not_found("order_not_found", "There is no order with this id that you can see.")
}

/// Who is asking, as the order rules see them, and the database scope of their orders.
pub struct Party {
    pub user: Uuid,
    pub actor: Actor,
    pub role: Role,
    pub scope: Scope,
    pub tenants: Vec<Uuid>,
    /// A writer's level (read with the platform scope: writer accounts belong to no tenant).
    pub level: Option<i16>,
    /// How messages name the caller: the first word of their display name.
    pub first_name: String,
    /// Their display name (the audit log names staff in full).
    pub name: String,
}

pub async fn party(app: &App, user: &Caller) -> AppResult<Party> {
    let actor = Actor::of_role(user.role)
        .ok_or_else(|| AppError::new(Kind::Forbidden, "no_order_rights", "Your role does not work on orders."))?;
    let (scope, tenants, level, name) = match (user.host.scope, user.role) {
        (HostScope::Tenant(tenant), Role::Client) if user.tenant_id == Some(tenant) => {
            let mut tx = app.db.begin(&Scope::tenant(tenant)).await?;
            let name = users::find_by_id(&mut tx, user.id).await?.map(|u| u.display_name).unwrap_or_default();
            tx.commit().await?;
            (Scope::tenant(tenant), vec![tenant], None, name)
        }
        (HostScope::Writers, Role::Writer) | (HostScope::Staff, Role::Editor | Role::Admin | Role::Superadmin) => {
            let mut tx = app.db.begin(&Scope::platform().with_user(user.id)).await?;
            let tenants = assignments::assigned_tenants(&mut tx, user.id, user.role).await?;
            let level = orders::writer_level(&mut tx, user.id).await?;
            let name = users::find_by_id(&mut tx, user.id).await?.map(|u| u.display_name).unwrap_or_default();
            tx.commit().await?;
            if user.role == Role::Superadmin {
                return Ok(Party {
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
            return Err(AppError::new(
                Kind::Forbidden,
                "wrong_app",
                "Orders are worked on in your own app: clients on their website, writers and staff in theirs.",
            ));
        }
    };
    Ok(Party {
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

impl Party {
    /// Whether the caller takes part in the order's conversation: its client, its writer,
    /// or staff of its website.
    pub fn converses(&self, order: &OrderRow) -> bool {
        match self.actor {
            Actor::Client => order.client_id == self.user,
            Actor::Writer => order.writer_id == Some(self.user),
            Actor::Editor | Actor::Admin => self.sees(order),
            Actor::System => false,
        }
    }

    pub fn message_role(&self) -> &'static str {
        match self.actor {
            Actor::Client => "client",
            Actor::Writer => "writer",
            _ => "staff",
        }
    }

    /// Whether this caller may see the order at all (anything else is a 404).
    pub fn sees(&self, order: &OrderRow) -> bool {
        let level = self.level;
        match self.actor {
            Actor::Client => order.client_id == self.user,
            Actor::Writer => {
                order.writer_id == Some(self.user)
                    || (order.status == OrderState::Open && level.is_some_and(|l| l >= order.required_level))
            }
            Actor::Editor | Actor::Admin => self.role == Role::Superadmin || self.tenants.contains(&order.website_id),
            Actor::System => false,
        }
    }
}

pub fn order_of(row: &OrderRow, actor: Actor) -> Order {
    let status = row.status;
    Order {
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
    }
}

pub fn service_of(row: &ServiceTypeRow, currency: &str) -> ServiceType {
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

fn tenant_of(host: &Host) -> AppResult<(Uuid, String)> {
    host.tenant
        .as_ref()
        .map(|t| (t.id, t.currency.clone()))
        .ok_or_else(|| AppError::not_found("not_a_tenant_host", "The catalogue is on a website's own domain."))
}

/// The website's services, with prices per word and turnaround options.
pub async fn catalogue(app: &App, user: &Caller) -> AppResult<Vec<ServiceType>> {
    let (tenant, currency) = tenant_of(&user.host)?;
    let mut tx = app.db.begin(&user.host.db_scope()).await?;
    let rows = orders::catalogue(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(rows.iter().map(|r| service_of(r, &currency)).collect())
}

/// The price of an order before placing it; also what `POST /orders` charges.
pub(crate) async fn priced(
    tx: &mut Tx,
    tenant: Uuid,
    currency: &str,
    body: &NewOrder,
) -> AppResult<(ServiceTypeRow, Quote)> {
    let service = orders::service_type(tx, tenant, body.service_type_id).await?.ok_or_else(|| {
        AppError::validation(vec![FieldError::new(
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
        return Err(AppError::validation(errors));
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
pub async fn quote_order(app: &App, user: &Caller, body: NewOrder) -> AppResult<Quote> {
    let (tenant, currency) = tenant_of(&user.host)?;
    let mut tx = app.db.begin(&user.host.db_scope()).await?;
    let (_, q) = priced(&mut tx, tenant, &currency, &body).await?;
    tx.commit().await?;
    Ok(q)
}

/// A draft order at the quoted price; `place` it next.
pub async fn create_order(app: &App, user: &Caller, body: NewOrder) -> AppResult<Order> {
    let who = party(app, user).await?;
    if who.actor != Actor::Client {
        return Err(AppError::new(Kind::Forbidden, "clients_only", "Orders are placed by clients."));
    }
    validated(&body)?;
    let (tenant, currency) = tenant_of(&user.host)?;
    let mut tx = app.db.begin(&who.scope).await?;
    crate::accounts::verify::require_verified(&mut tx, user).await?;
    let (service, q) = priced(&mut tx, tenant, &currency, &body).await?;
    // A text for a site section: the site must be the client's own, and have the section.
    if let Some(site_id) = body.site_id {
        let owner = atelier_db::sites::Owner { website_id: tenant, user_id: user.id };
        let site = atelier_db::sites::find(&mut tx, owner, site_id, false).await?.ok_or_else(|| {
            AppError::validation(vec![FieldError::new("site_id", "unknown_site", "Choose one of your own sites.")])
        })?;
        if let Some(section) = &body.section_id {
            let config = atelier_types::site::upgrade(site.config.0.clone()).map_err(AppError::internal)?;
            if atelier_types::sites::find_section(&config, section).is_none() {
                return Err(AppError::validation(vec![FieldError::new(
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
        package_id: None,
    };
    let id = orders::insert(&mut tx, &new).await?;
    let row = orders::find(&mut tx, id).await?.ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(order_of(&row, who.actor))
}

/// The caller's orders: a client's own, a writer's own, the orders of a staff member's
/// websites.
pub async fn list_orders(app: &App, user: &Caller) -> AppResult<Vec<Order>> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = match who.actor {
        Actor::Client => orders::of_client(&mut tx, who.tenants[0], who.user).await?,
        Actor::Writer => orders::of_writer(&mut tx, who.user).await?,
        _ if who.role == Role::Superadmin => orders::of_tenants(&mut tx, None).await?,
        _ => orders::of_tenants(&mut tx, Some(&who.tenants)).await?,
    };
    tx.commit().await?;
    Ok(rows.iter().map(|r| order_of(r, who.actor)).collect())
}

/// Open orders of the writer's websites at or below their level, oldest first.
pub async fn available_orders(app: &App, user: &Caller) -> AppResult<Vec<Order>> {
    let who = party(app, user).await?;
    if who.actor != Actor::Writer {
        return Err(AppError::new(Kind::Forbidden, "writers_only", "The list of open orders is for writers."));
    }
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = orders::available(&mut tx, &who.tenants, who.level.unwrap_or(1)).await?;
    tx.commit().await?;
    Ok(rows.iter().map(|r| order_of(r, who.actor)).collect())
}

pub async fn get_order(app: &App, user: &Caller, id: Uuid) -> AppResult<Order> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let row = orders::find(&mut tx, id).await?.ok_or_else(not_found)?;
    tx.commit().await?;
    if !who.sees(&row) {
        return Err(not_found());
    }
    Ok(order_of(&row, who.actor))
}

/// Who makes a move: a party to the order, or the system (the scheduler's jobs).
pub struct Mover<'a> {
    pub actor: Actor,
    /// `None` for the system.
    pub user: Option<Uuid>,
    /// A writer's level.
    pub level: Option<i16>,
    /// Staff moves are audited under this name and role.
    pub staff: Option<StaffActor>,
    pub note: Option<&'a str>,
}

impl Party {
    /// The caller as the audit log names staff.
    pub fn staff_actor(&self) -> StaffActor {
        StaffActor { id: self.user, name: self.name.clone(), role: self.role }
    }

    pub fn mover<'a>(&self, note: Option<&'a str>) -> Mover<'a> {
        let staff = matches!(self.actor, Actor::Editor | Actor::Admin).then(|| self.staff_actor());
        Mover { actor: self.actor, user: Some(self.user), level: self.level, staff, note }
    }
}

/// Why a move was refused: `AppError` to tell the caller, or `Raced`: legal when asked,
/// but someone moved the order first (the conditional update found it changed).
pub enum Refused {
    Error(AppError),
    Raced,
}

impl<E: Into<AppError>> From<E> for Refused {
    fn from(e: E) -> Self {
        Refused::Error(e.into())
    }
}

/// Applies `event` to the order `row` in `tx`: the state machine and whose move it is,
/// the event's own guards (level, grace period, revisions left, a draft to hand in), the
/// conditional update with its timeline line, what follows from it (the draft handed in,
/// the delivered text, the writer credited), the audit row of a staff move and the domain
/// event. Every way an order moves comes through here: the API, the jobs, and webhooks to
/// come. The caller commits.
pub async fn apply_event(
    tx: &mut Tx,
    mover: &Mover<'_>,
    row: &OrderRow,
    event: OrderEvent,
    assign_to: Option<Uuid>,
) -> Result<OrderRow, Refused> {
    let from = row.status;
    let illegal = |why: String| {
        AppError::new(Kind::Conflict, "illegal_transition", why.clone()).with_fields(vec![FieldError::new(
            "status",
            from.as_str(),
            why,
        )])
    };
    let to = transition(from, event, mover.actor).map_err(|e| illegal(format!("Not possible: {e}.")))?;
    let writer_id = match event {
        OrderEvent::Claim => {
            if mover.level.unwrap_or(0) < row.required_level {
                return Err(illegal(format!("This order needs a level {} writer.", row.required_level)).into());
            }
            mover.user
        }
        OrderEvent::Assign => {
            let writer = assign_to.ok_or_else(|| {
                AppError::validation(vec![FieldError::new(
                    "writer_id",
                    "required",
                    "Choose the writer who gets the order.",
                )])
            })?;
            let writer_level = orders::writer_level(tx, writer).await?;
            if !orders::writer_works_for(tx, writer, row.website_id).await?
                || writer_level.unwrap_or(0) < row.required_level
            {
                return Err(illegal(format!(
                    "That writer does not work for this website at level {} or above.",
                    row.required_level
                ))
                .into());
            }
            Some(writer)
        }
        OrderEvent::Drop if mover.actor == Actor::Writer => {
            if row.writer_id != mover.user {
                return Err(illegal("Only the order's writer can give it back.".into()).into());
            }
            let grace = chrono::Duration::minutes(DROP_GRACE_MINUTES);
            if row.claimed_at.is_some_and(|at| chrono::Utc::now() - at > grace) {
                return Err(AppError::conflict(
                    "grace_period_over",
                    format!(
                        "An order can be given back within {DROP_GRACE_MINUTES} minutes of claiming it; ask the staff."
                    ),
                )
                .into());
            }
            None
        }
        OrderEvent::Drop => None,
        OrderEvent::SubmitText if row.writer_id != mover.user => {
            return Err(illegal("Only the order's writer hands in its text.".into()).into());
        }
        OrderEvent::RequestRevision if mover.actor == Actor::Client => {
            if orders::client_revisions(tx, row.id).await? >= MAX_CLIENT_REVISIONS {
                return Err(AppError::conflict(
                    "revisions_used_up",
                    format!(
                        "You have asked for {MAX_CLIENT_REVISIONS} revisions already; accept the text or open a dispute."
                    ),
                )
                .into());
            }
            row.writer_id
        }
        _ => row.writer_id,
    };
    let step = Move {
        order: row,
        event: event.as_str(),
        to,
        actor: actor_name(mover.actor),
        actor_id: mover.user,
        writer_id,
        note: mover.note,
    };
    if !orders::apply(tx, &step).await? {
        return Err(Refused::Raced);
    }
    let moved = orders::find(tx, row.id).await?.ok_or_else(not_found)?;
    match event {
        // What is handed in is the draft as it is now; nothing to hand in undoes the move.
        OrderEvent::SubmitText if order_work::submit_draft(tx, &moved).await?.is_none() => {
            return Err(AppError::conflict(
                "empty_draft",
                "Write the text (it is saved as you type) before handing it in.",
            )
            .into());
        }
        OrderEvent::Approve => order_work::mark_delivered(tx, moved.id).await?,
        OrderEvent::Drop => order_work::discard_draft(tx, moved.id).await?,
        _ => {}
    }
    if to == OrderState::Completed {
        orders::credit_writer(tx, &moved, writer_earning(moved.price_minor)).await?;
    }
    // The money side: placing bills the order, confirming its payment settles the bill
    // (a no-op when the payment itself made this move), ending it voids or credits it.
    match event {
        // A package's orders are billed by the package's invoice.
        OrderEvent::Place if moved.package_id.is_none() => crate::billing::invoices::invoice_order(tx, &moved).await?,
        OrderEvent::ConfirmPayment => crate::billing::invoices::settle_order_by_staff(tx, &moved, mover.user).await?,
        OrderEvent::Cancel | OrderEvent::Refund => {
            crate::billing::invoices::order_ended(tx, &moved, mover.user).await?
        }
        _ => {}
    }
    if let Some(staff) = &mover.staff {
        let action = format!("order.{}", event.as_str());
        let after = serde_json::json!({ "status": to.as_str(), "writer_id": moved.writer_id, "note": mover.note });
        let change = Change::new(Some(serde_json::json!({ "status": from.as_str() })), Some(after));
        audit::record(tx, staff, moved.website_id, &action, Target::new("order", moved.id), change).await?;
    }
    let happened = DomainEvent::OrderMoved {
        order_id: moved.id,
        event,
        from,
        to,
        by: actor_name(mover.actor).to_owned(),
        writer_id: moved.writer_id,
        client_id: moved.client_id,
    };
    events::record(tx, moved.website_id, happened).await?;
    Ok(moved)
}

/// Moves an order one step of its lifecycle, for a party to it. The move must be legal
/// from the order's state and the caller's to make (a writer claims within their level,
/// submits only their own order; a client acts on their own orders); otherwise a conflict
/// naming the current state. Two writers claiming at once: exactly one wins.
pub async fn transition_order(app: &App, user: &Caller, id: Uuid, body: TransitionRequest) -> AppResult<Order> {
    let who = party(app, user).await?;
    validated(&body)?;
    let note = body.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let mut tx = app.db.begin(&who.scope).await?;
    let row = orders::find(&mut tx, id).await?.filter(|o| who.sees(o)).ok_or_else(not_found)?;
    match apply_event(&mut tx, &who.mover(note), &row, body.event, body.writer_id).await {
        Ok(moved) => {
            tx.commit().await?;
            Ok(order_of(&moved, who.actor))
        }
        Err(Refused::Error(e)) => Err(e),
        Err(Refused::Raced) => {
            // Someone moved it first (another writer's claim): say where it is now.
            drop(tx);
            let mut tx = app.db.begin(&who.scope).await?;
            let now = orders::find(&mut tx, id).await?.ok_or_else(not_found)?;
            let state_now = now.status;
            Err(AppError::conflict("illegal_transition", format!("The order is {} now.", state_now.as_str()))
                .with_fields(vec![FieldError::new("status", state_now.as_str(), "It changed meanwhile.")]))
        }
    }
}

/// The scheduler's job: delivered orders nobody answered within their tenant's days are
/// accepted for the client and their writer credited (once, whatever runs twice), through
/// the same [`apply_event`] as every other move. `now` is the clock, passed in so that
/// tests can move it. Returns how many it accepted.
pub async fn auto_accept_due(db: &atelier_db::Db, now: chrono::DateTime<chrono::Utc>) -> AppResult<usize> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let due = orders::due_for_auto_accept(&mut tx, now).await?;
    tx.commit().await?;
    let system = Mover { actor: Actor::System, user: None, level: None, staff: None, note: None };
    let mut accepted = 0;
    for id in due {
        let mut tx = db.begin(&Scope::everything()).await?;
        let Some(order) = orders::find(&mut tx, id).await? else { continue };
        match apply_event(&mut tx, &system, &order, OrderEvent::AutoAccept, None).await {
            Ok(_) => {
                tx.commit().await?;
                accepted += 1;
            }
            // Answered meanwhile (accepted, revision asked): nothing to do.
            Err(Refused::Raced) => {}
            Err(Refused::Error(e)) if e.code == "illegal_transition" => {}
            Err(Refused::Error(e)) => return Err(e),
        }
    }
    Ok(accepted)
}

/// The scheduler's other job: orders whose deadline passed before their text was delivered
/// are marked late (once; the timeline says when). Returns how many it marked.
pub async fn mark_late_due(db: &atelier_db::Db, now: chrono::DateTime<chrono::Utc>) -> AppResult<u64> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let marked = orders::mark_late(&mut tx, now).await?;
    tx.commit().await?;
    Ok(marked)
}

/// Records that `who` wrote message `message` in the order's conversation.
pub async fn posted(tx: &mut Tx, order: &OrderRow, message: Uuid, who: &Party) -> AppResult<()> {
    let event = DomainEvent::MessagePosted {
        order_id: order.id,
        message_id: message,
        author_id: who.user,
        author_role: who.message_role().to_owned(),
    };
    events::record(tx, order.website_id, event).await
}

pub fn message_of(row: &orders::MessageRow, caller: Uuid, files: &[order_work::AttachmentRow]) -> OrderMessage {
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
pub async fn order_messages(app: &App, user: &Caller, id: Uuid) -> AppResult<Vec<OrderMessage>> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let rows = orders::messages(&mut tx, order.id).await?;
    let files = order_work::attachments(&mut tx, order.id).await?;
    tx.commit().await?;
    Ok(rows.iter().map(|m| message_of(m, who.user, &files)).collect())
}

/// Writes to the order's conversation.
pub async fn post_message(app: &App, user: &Caller, id: Uuid, body: NewMessage) -> AppResult<OrderMessage> {
    let who = party(app, user).await?;
    validated(&body)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let new = orders::NewMessage {
        order: &order,
        author_id: who.user,
        author_role: who.message_role(),
        author_name: &who.first_name,
        body: body.body.trim(),
    };
    let row = orders::add_message(&mut tx, &new).await?;
    posted(&mut tx, &order, row.id, &who).await?;
    tx.commit().await?;
    Ok(message_of(&row, who.user, &[]))
}

pub fn actor_name(actor: Actor) -> &'static str {
    match actor {
        Actor::Client => "client",
        Actor::Writer => "writer",
        Actor::Editor => "editor",
        Actor::Admin => "admin",
        Actor::System => "system",
    }
}
