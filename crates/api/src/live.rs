//! Live deployment logs and live notifications over WebSocket.
//!
//! One Redis pub/sub connection per API instance listens to every deployment's log channel
//! and every person's notification channel, and fans messages out through a
//! `tokio::broadcast` per channel being watched. A viewer first
//! subscribes, then replays the stored lines after its `after`, then forwards live lines —
//! and whenever it sees a gap (a lagging receiver, a publication Redis dropped) it reads the
//! missing lines from the database. So a viewer never misses a line and never sees one twice.
//!
//! The notifications socket first sends the unread count, then each new notification and
//! each change of the count (read in another tab); it re-reads the count every half minute in
//! case a publication was lost, and closes when the account is suspended or its session ends.
//!
//! Browsers cannot put a bearer token on a WebSocket: the app first asks for a ticket
//! (`POST …/logs/ticket`, `POST /me/notifications/ticket`, signed in), single-use and valid
//! for 30 s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::web::{Data, Json, Path, Payload, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use actix_ws::{Message, Session};
use atelier_deployer::logs::channel;
use atelier_types::ErrorBody;
use atelier_types::deployments::{DeploymentStatus, LiveTicket, LogLine};
use atelier_types::notifications::NotificationMessage;
use deadpool_redis::redis::AsyncCommands;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tenancy::HostContext;
use atelier_app::Kind;

const TICKET_TTL_SECS: u64 = 30;
const PING_EVERY: Duration = Duration::from_secs(15);
const PONG_TIMEOUT: Duration = Duration::from_secs(45);
/// Open live logs per user per API instance.
pub const MAX_STREAMS_PER_USER: usize = 8;
/// Open notification sockets per user per API instance (one per tab).
pub const MAX_NOTIFY_SOCKETS_PER_USER: usize = 12;
/// How often an open notifications socket re-reads the unread count.
const RECOUNT_EVERY: Duration = Duration::from_secs(30);

/// The fan-out of published messages (log lines, notifications) to the sockets of this
/// instance.
pub struct Hub {
    senders: Mutex<HashMap<String, broadcast::Sender<Arc<str>>>>,
}

impl Hub {
    /// Starts listening on `<prefix>deployment:*:log` and `<prefix>user:*:notify`
    /// (reconnecting when Redis goes away).
    pub fn start(redis_url: &str, prefix: &str) -> anyhow::Result<Arc<Hub>> {
        let client = deadpool_redis::redis::Client::open(redis_url)?;
        let hub = Arc::new(Hub { senders: Mutex::new(HashMap::new()) });
        let patterns = [format!("{prefix}deployment:*:log"), atelier_app::notifications::channel_pattern(prefix)];
        let listening = hub.clone();
        tokio::spawn(async move {
            loop {
                match client.get_async_pubsub().await {
                    Ok(mut pubsub) => {
                        if pubsub.psubscribe(&patterns).await.is_ok() {
                            let mut messages = pubsub.on_message();
                            while let Some(message) = messages.next().await {
                                if let Ok(payload) = message.get_payload::<String>() {
                                    listening.dispatch(message.get_channel_name(), payload.into());
                                }
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "live: Redis pub/sub unavailable; retrying"),
                }
                // Sockets catch up from the database in the meantime.
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        Ok(hub)
    }

    fn dispatch(&self, channel: &str, payload: Arc<str>) {
        let mut senders = self.senders.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(sender) = senders.get(channel)
            && sender.send(payload).is_err()
        {
            // Nobody watches any more.
            senders.remove(channel);
        }
    }

    /// Forgets a channel nobody watches any more (a finished deployment publishes nothing
    /// that would notice).
    fn release(&self, channel: &str) {
        let mut senders = self.senders.lock().unwrap_or_else(|p| p.into_inner());
        if senders.get(channel).is_some_and(|s| s.receiver_count() == 0) {
            senders.remove(channel);
        }
    }

    pub fn subscribe(&self, channel: &str) -> broadcast::Receiver<Arc<str>> {
        let mut senders = self.senders.lock().unwrap_or_else(|p| p.into_inner());
        senders.entry(channel.to_owned()).or_insert_with(|| broadcast::channel(512).0).subscribe()
    }
}

/// Open sockets per user, released when a socket ends.
pub struct StreamLimits {
    max: usize,
    open: Mutex<HashMap<Uuid, usize>>,
}

pub struct StreamSlot {
    limits: Arc<StreamLimits>,
    user: Uuid,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.limits.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

impl StreamLimits {
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(StreamLimits { max, open: Mutex::new(HashMap::new()) })
    }

    fn acquire(self: &Arc<Self>, user: Uuid) -> Option<StreamSlot> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(user).or_insert(0);
        if *n >= self.max {
            return None;
        }
        *n += 1;
        Some(StreamSlot { limits: self.clone(), user })
    }
}

fn ticket_key(state: &AppState, secret: &str) -> String {
    format!("{}ws:ticket:{secret}", state.keys.prefix())
}

/// Stores `value` under a new single-use ticket.
async fn issue_ticket(state: &AppState, value: String) -> ApiResult<LiveTicket> {
    let secret = hex::encode(rand::random::<[u8; 24]>());
    let mut conn = state.redis.get().await.map_err(|e| ApiError::unavailable("Live updates", e))?;
    let _: () = conn
        .set_ex(ticket_key(state, &secret), value, TICKET_TTL_SECS)
        .await
        .map_err(|e| ApiError::unavailable("Live updates", e))?;
    Ok(LiveTicket { ticket: secret, expires_in: TICKET_TTL_SECS })
}

/// What a ticket was issued for, once (a second use finds nothing).
async fn redeem_ticket(state: &AppState, secret: &str) -> ApiResult<Option<String>> {
    let mut conn = state.redis.get().await.map_err(|e| ApiError::unavailable("Live updates", e))?;
    deadpool_redis::redis::cmd("GETDEL")
        .arg(ticket_key(state, secret))
        .query_async(&mut conn)
        .await
        .map_err(|e| ApiError::unavailable("Live updates", e))
}

fn upgrade(req: &HttpRequest, body: Payload) -> ApiResult<(HttpResponse, Session, actix_ws::MessageStream)> {
    actix_ws::handle(req, body).map_err(|e| {
        ApiError::new(Kind::Malformed, "not_a_websocket", format!("Open this address as a WebSocket ({e})."))
    })
}

/// A message from the browser on a socket that only sends: a ping is answered, a pong noted;
/// false once the browser closed.
async fn from_browser(
    session: &mut Session,
    incoming: Option<Result<Message, actix_ws::ProtocolError>>,
    last_pong: &mut Instant,
) -> Result<bool, actix_ws::Closed> {
    match incoming {
        Some(Ok(Message::Ping(bytes))) => session.pong(&bytes).await?,
        Some(Ok(Message::Pong(_))) => *last_pong = Instant::now(),
        Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return Ok(false),
        Some(Ok(_)) => {}
    }
    Ok(true)
}

/// The keep-alive ping; false when the browser stopped answering them.
async fn keep_alive(session: &mut Session, last_pong: Instant) -> Result<bool, actix_ws::Closed> {
    if last_pong.elapsed() > PONG_TIMEOUT {
        return Ok(false);
    }
    session.ping(b"").await?;
    Ok(true)
}

/// A single-use ticket for the deployment's live log (a browser's WebSocket cannot carry
/// the bearer token).
#[utoipa::path(
    tag = "deployments",
    params(("deployment_id" = Uuid, Path, description = "The deployment")),
    responses(
        (status = 200, description = "The ticket", body = LiveTicket),
        (status = 404, description = "No such deployment of yours (`deployment_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/deployments/{deployment_id}/logs/ticket")]
pub async fn create_live_ticket(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<LiveTicket>> {
    let deployment = atelier_app::deployments::watchable(&state, &user.clone().at(host), *id).await?;
    Ok(Json(issue_ticket(&state, format!("{}:{}", user.id, deployment)).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LiveQuery {
    pub ticket: String,
    /// Replay the lines after this sequence number first (0: from the start).
    #[serde(default)]
    pub after: i32,
}

/// What the server sends, one JSON object per WebSocket text message.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveMessage {
    Line(LogLine),
    /// The deployment has ended and every line was sent; the server closes next.
    End {
        status: DeploymentStatus,
    },
}

/// The deployment's log as a WebSocket: the stored lines after `after`, then live lines
/// as they are written, then an `end` message. Pings every 15 s.
#[utoipa::path(
    tag = "deployments",
    params(("deployment_id" = Uuid, Path, description = "The deployment"), LiveQuery),
    responses(
        (status = 101, description = "Switching to WebSocket; messages are `LiveMessage` JSON", body = LiveMessage),
        (status = 401, description = "Unknown, used or expired ticket (`invalid_ticket`)", body = ErrorBody),
        (status = 429, description = "Too many live logs open (`too_many_streams`)", body = ErrorBody),
    )
)]
#[get("/deployments/{deployment_id}/logs/live")]
pub async fn open_live_log(
    req: HttpRequest,
    body: Payload,
    state: Data<AppState>,
    host: HostContext,
    id: Path<Uuid>,
    query: Query<LiveQuery>,
) -> ApiResult<HttpResponse> {
    let refused = || {
        ApiError::unauthorized("invalid_ticket", "This live-log ticket is unknown, used or expired; ask for a new one.")
    };
    let value = redeem_ticket(&state, &query.ticket).await?;
    let (user_id, deployment_id) = value
        .as_deref()
        .and_then(|v| v.split_once(':'))
        .and_then(|(u, d)| Some((u.parse::<Uuid>().ok()?, d.parse::<Uuid>().ok()?)))
        .ok_or_else(refused)?;
    if deployment_id != *id || !state.account_is_active(user_id).await? {
        return Err(refused());
    }
    let deployment =
        atelier_app::deployments::ticketed(&state, &host, user_id, deployment_id).await?.ok_or_else(refused)?;
    let slot = state.streams.acquire(user_id).ok_or_else(|| {
        ApiError::new(
            Kind::TooMany,
            "too_many_streams",
            format!("You have {MAX_STREAMS_PER_USER} live logs open; close one first."),
        )
    })?;
    let (response, session, messages) = upgrade(&req, body)?;
    let receiver = state.hub.subscribe(&channel(state.keys.prefix(), deployment));
    let viewer = Viewer { state: state.clone(), deployment_id: deployment, sent: query.after.max(0), _slot: slot };
    actix_web::rt::spawn(viewer.run(session, messages, receiver));
    Ok(response)
}

struct Viewer {
    state: Data<AppState>,
    deployment_id: Uuid,
    /// The last sequence number sent.
    sent: i32,
    _slot: StreamSlot,
}

enum Flow {
    Continue,
    Ended,
}

impl Viewer {
    async fn send(&mut self, session: &mut Session, line: LogLine) -> Result<Flow, actix_ws::Closed> {
        let done = line.step.as_deref() == Some("done");
        self.sent = line.seq;
        let text = serde_json::to_string(&LiveMessage::Line(line)).unwrap_or_default();
        session.text(text).await?;
        Ok(if done { Flow::Ended } else { Flow::Continue })
    }

    /// Sends the stored lines after the last one sent.
    async fn catch_up(&mut self, session: &mut Session) -> Result<Flow, actix_ws::Closed> {
        loop {
            let Ok(lines) =
                atelier_app::deployments::lines_after(&self.state, self.deployment_id, self.sent, 500).await
            else {
                return Ok(Flow::Continue);
            };
            let full = lines.len() == 500;
            for line in lines {
                if let Flow::Ended = self.send(session, line).await? {
                    return Ok(Flow::Ended);
                }
            }
            if !full {
                return Ok(Flow::Continue);
            }
        }
    }

    async fn status(&self) -> Option<DeploymentStatus> {
        atelier_app::deployments::status_now(&self.state, self.deployment_id).await.ok().flatten()
    }

    async fn run(
        mut self,
        mut session: Session,
        mut messages: actix_ws::MessageStream,
        mut receiver: broadcast::Receiver<Arc<str>>,
    ) {
        let outcome: Result<(), actix_ws::Closed> = async {
            let mut ended = matches!(self.catch_up(&mut session).await?, Flow::Ended);
            let mut ping = tokio::time::interval(PING_EVERY);
            ping.tick().await;
            let mut check = tokio::time::interval(Duration::from_secs(5));
            check.tick().await;
            let mut last_pong = Instant::now();
            while !ended {
                tokio::select! {
                    published = receiver.recv() => match published {
                        Ok(payload) => {
                            let Ok(line) = serde_json::from_str::<LogLine>(&payload) else { continue };
                            if line.seq == self.sent + 1 {
                                ended = matches!(self.send(&mut session, line).await?, Flow::Ended);
                            } else if line.seq > self.sent + 1 {
                                // A gap: read what is missing (and this line) from the store.
                                ended = matches!(self.catch_up(&mut session).await?, Flow::Ended);
                            }
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            ended = matches!(self.catch_up(&mut session).await?, Flow::Ended);
                        }
                        Err(broadcast::error::RecvError::Closed) => break,
                    },
                    incoming = messages.next() => {
                        if !from_browser(&mut session, incoming, &mut last_pong).await? {
                            break;
                        }
                    }
                    _ = ping.tick() => {
                        if !keep_alive(&mut session, last_pong).await? {
                            break;
                        }
                    }
                    _ = check.tick() => {
                        // A publication lost while nothing else moves: the store has it.
                        ended = matches!(self.catch_up(&mut session).await?, Flow::Ended);
                        if !ended && self.status().await.is_some_and(DeploymentStatus::is_finished) {
                            self.catch_up(&mut session).await?;
                            ended = true;
                        }
                    }
                }
            }
            if ended && let Some(status) = self.status().await {
                let text = serde_json::to_string(&LiveMessage::End { status }).unwrap_or_default();
                session.text(text).await?;
            }
            Ok(())
        }
        .await;
        if outcome.is_ok() {
            let _ = session.close(None).await;
        }
        drop(receiver);
        self.state.hub.release(&channel(self.state.keys.prefix(), self.deployment_id));
    }
}

/// A single-use ticket for the signed-in person's notifications socket.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, description = "The ticket", body = LiveTicket)),
    security(("bearer" = []))
)]
#[post("/me/notifications/ticket")]
pub async fn create_notifications_ticket(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<LiveTicket>> {
    // The session goes with the ticket: the socket ends when it does (signed out, password changed).
    let session = user.session.map(|s| s.to_string()).unwrap_or_default();
    let value = format!("notify:{}:{}:{session}:{}", user.id, user.issued_at, host.host);
    Ok(Json(issue_ticket(&state, value).await?))
}

/// A notifications ticket's account, its token's issue time and session, and its host.
struct NotifyTicket {
    user: Uuid,
    issued_at: i64,
    session: Option<Uuid>,
    host: String,
}

impl NotifyTicket {
    fn parse(value: &str) -> Option<NotifyTicket> {
        let mut parts = value.strip_prefix("notify:")?.splitn(4, ':');
        let user = parts.next()?.parse().ok()?;
        let issued_at = parts.next()?.parse().ok()?;
        let session = match parts.next()? {
            "" => None,
            s => Some(s.parse().ok()?),
        };
        Some(NotifyTicket { user, issued_at, session, host: parts.next()?.to_owned() })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotifyQuery {
    pub ticket: String,
}

/// The signed-in person's notifications as a WebSocket: the unread count first, then each new
/// notification (with the count) and each change of the count, as `NotificationMessage`
/// JSON. Pings every 15 s; closes when the account is suspended or the session that asked for
/// the ticket ends (signed out, password changed).
#[utoipa::path(
    tag = "notifications",
    params(NotifyQuery),
    responses(
        (status = 101, description = "Switching to WebSocket; messages are `NotificationMessage` JSON", body = NotificationMessage),
        (status = 401, description = "Unknown, used or expired ticket (`invalid_ticket`)", body = ErrorBody),
        (status = 429, description = "Too many notification sockets open (`too_many_streams`)", body = ErrorBody),
    )
)]
#[get("/me/notifications/live")]
pub async fn open_notifications(
    req: HttpRequest,
    body: Payload,
    state: Data<AppState>,
    host: HostContext,
    query: Query<NotifyQuery>,
) -> ApiResult<HttpResponse> {
    let refused =
        || ApiError::unauthorized("invalid_ticket", "This ticket is unknown, used or expired; ask for a new one.");
    let value = redeem_ticket(&state, &query.ticket).await?.ok_or_else(refused)?;
    let ticket = NotifyTicket::parse(&value).ok_or_else(refused)?;
    if ticket.host != host.host || !state.session_counts(ticket.user, ticket.issued_at, ticket.session).await? {
        return Err(refused());
    }
    let user_id = ticket.user;
    let slot = state.notify_sockets.acquire(user_id).ok_or_else(|| {
        ApiError::new(
            Kind::TooMany,
            "too_many_streams",
            format!("You have {MAX_NOTIFY_SOCKETS_PER_USER} notification sockets open; close a tab first."),
        )
    })?;
    let (response, session, messages) = upgrade(&req, body)?;
    let channel = atelier_app::notifications::channel(state.keys.prefix(), user_id);
    let receiver = state.hub.subscribe(&channel);
    let listener = NotifyListener { state: state.clone(), ticket, channel, _slot: slot };
    actix_web::rt::spawn(listener.run(session, messages, receiver));
    Ok(response)
}

struct NotifyListener {
    state: Data<AppState>,
    ticket: NotifyTicket,
    channel: String,
    _slot: StreamSlot,
}

impl NotifyListener {
    async fn count(&self, session: &mut Session, last: &mut Option<i64>) -> Result<(), actix_ws::Closed> {
        let Ok(unread) = atelier_app::notifications::unread(&self.state, self.ticket.user).await else { return Ok(()) };
        if *last != Some(unread) {
            *last = Some(unread);
            let text = serde_json::to_string(&NotificationMessage { unread, notification: None }).unwrap_or_default();
            session.text(text).await?;
        }
        Ok(())
    }

    async fn run(
        self,
        mut session: Session,
        mut messages: actix_ws::MessageStream,
        mut receiver: broadcast::Receiver<Arc<str>>,
    ) {
        let outcome: Result<(), actix_ws::Closed> = async {
            let mut last = None;
            self.count(&mut session, &mut last).await?;
            let mut ping = tokio::time::interval(PING_EVERY);
            ping.tick().await;
            let mut check = tokio::time::interval(Duration::from_secs(2));
            check.tick().await;
            let mut recount = tokio::time::interval(RECOUNT_EVERY);
            recount.tick().await;
            let mut last_pong = Instant::now();
            loop {
                tokio::select! {
                    published = receiver.recv() => match published {
                        Ok(payload) => {
                            if let Ok(message) = serde_json::from_str::<NotificationMessage>(&payload) {
                                last = Some(message.unread);
                            }
                            session.text(payload.to_string()).await?;
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => self.count(&mut session, &mut last).await?,
                        Err(broadcast::error::RecvError::Closed) => break,
                    },
                    incoming = messages.next() => {
                        if !from_browser(&mut session, incoming, &mut last_pong).await? {
                            break;
                        }
                    }
                    _ = ping.tick() => {
                        if !keep_alive(&mut session, last_pong).await? {
                            break;
                        }
                    }
                    // A suspended account, or a session signed out, hears nothing more (the cache
                    // is at most a second or two old).
                    _ = check.tick() => {
                        let NotifyTicket { user, issued_at, session, .. } = self.ticket;
                        if !self.state.session_counts(user, issued_at, session).await.unwrap_or(true) {
                            break;
                        }
                    }
                    // A publication lost (Redis restarted, say): the count is in the store.
                    _ = recount.tick() => self.count(&mut session, &mut last).await?,
                }
            }
            Ok(())
        }
        .await;
        if outcome.is_ok() {
            let _ = session.close(None).await;
        }
        drop(receiver);
        self.state.hub.release(&self.channel);
    }
}
