//! Notifications. The worker's dispatcher reads the domain events in order ([`dispatch_due`]),
//! decides who cares about each one (the client of a delivered order, the writer of a
//! revision asked for, the editors of a website when a text is handed in, …), and writes each
//! person a notification in their language, in the app and by mail, as their preferences say.
//! The notifications, the mail and the dispatcher's cursor commit together, so an event is
//! told once however often, and on however many workers, the dispatcher runs. After the
//! commit each new notification is published on the person's Redis channel, which the API
//! forwards to their open apps over a WebSocket.

use std::collections::HashMap;
use std::sync::Arc;

use atelier_db::notifications::{self as db, NewNotification, NotificationRow};
use atelier_db::tenants::Tenant;
use atelier_db::users::{self, User};
use atelier_db::{Db, Scope, Tx, tenants};
use atelier_types::events::DomainEvent;
use atelier_types::notifications::{
    Notification, NotificationKind, NotificationMessage, NotificationPage, NotificationPref,
};
use atelier_types::orders::{OrderEvent, OrderStatus};
use atelier_types::{FieldError, Language, Role};
use deadpool_redis::redis::AsyncCommands;
use uuid::Uuid;

use crate::config::Settings;
use crate::mail::{self, Brand, templates};
use crate::{App, AppError, AppResult, Caller};

/// The dispatcher's name in `event_cursors`.
pub const SUBSCRIBER: &str = "notifications";
/// The PostgreSQL channel a commit that recorded events notifies (see the migration).
pub const WAKE_CHANNEL: &str = "atelier_domain_events";
/// Events handled per dispatcher transaction.
pub const BATCH: i64 = 200;
/// Notifications per page of the list.
pub const PAGE_MAX: i64 = 50;

/// A message for one person's open apps.
#[derive(Debug, Clone)]
pub struct Push {
    pub user: Uuid,
    pub message: NotificationMessage,
}

/// The Redis channel of one person's notifications.
pub fn channel(prefix: &str, user: Uuid) -> String {
    format!("{prefix}user:{user}:notify")
}

/// The pattern the API listens on for everyone's.
pub fn channel_pattern(prefix: &str) -> String {
    format!("{prefix}user:*:notify")
}

/// Publishes after the commit. A publication Redis loses is not lost news: the notification is
/// stored, and the open apps re-read the unread count every half minute.
pub async fn publish(redis: &deadpool_redis::Pool, prefix: &str, pushes: &[Push]) {
    if pushes.is_empty() {
        return;
    }
    let mut conn = match redis.get().await {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "notifications: Redis unavailable; the apps will catch up");
            return;
        }
    };
    for push in pushes {
        let payload = serde_json::to_string(&push.message).unwrap_or_default();
        let sent: Result<i64, _> = conn.publish(channel(prefix, push.user), payload).await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "notifications: a publication failed; the apps will catch up");
        }
    }
}

/// What a notification is about, with what its words need.
#[derive(Debug, Clone)]
enum About {
    SiteLive { site: String },
    SiteFailed { site: String, reason: String },
    Delivered { title: String, revision: bool },
    Assigned { title: String },
    RevisionAsked { title: String },
    Accepted { title: String, automatically: bool },
    Payout { approved: bool, amount: String },
    Submitted { title: String },
    Disputed { title: String },
    Message { title: String },
    TextReviewed { site: String, approved: bool, note: Option<String> },
    Invoice { what: InvoiceNews, reference: String, amount: String },
    PasswordChanged,
    NewSignIn { device: String },
}

#[derive(Debug, Clone)]
enum InvoiceNews {
    Issued,
    /// The day it is due.
    Due(String),
    Paid,
    /// How many sites stopped.
    Suspended(i64),
}

impl About {
    fn kind(&self) -> NotificationKind {
        use NotificationKind as K;
        match self {
            About::SiteLive { .. } => K::DeploymentLive,
            About::SiteFailed { .. } => K::DeploymentFailed,
            About::Delivered { revision: false, .. } => K::OrderDelivered,
            About::Delivered { revision: true, .. } => K::RevisionDelivered,
            About::Assigned { .. } => K::OrderAssigned,
            About::RevisionAsked { .. } => K::RevisionRequested,
            About::Accepted { .. } => K::OrderAccepted,
            About::Payout { .. } => K::PayoutDecided,
            About::Submitted { .. } => K::OrderSubmitted,
            About::Disputed { .. } => K::OrderDisputed,
            About::Message { .. } => K::MessagePosted,
            About::TextReviewed { .. } => K::TextReviewed,
            About::Invoice { .. } => K::Billing,
            About::PasswordChanged | About::NewSignIn { .. } => K::Security,
        }
    }

    /// The title and the text, in `lang`.
    fn words(&self, lang: Language) -> (String, String) {
        let fr = lang == Language::Fr;
        let pick = |en: String, fr_text: String| if fr { fr_text } else { en };
        match self {
            About::SiteLive { site } => (
                pick(format!("{site} is live"), format!("{site} est en ligne")),
                pick("The new version of your site is published.".into(), "La nouvelle version de votre site est publiée.".into()),
            ),
            About::SiteFailed { site, reason } => (
                pick(format!("The deployment of {site} failed"), format!("Le déploiement de {site} a échoué")),
                reason.clone(),
            ),
            About::Delivered { title, revision } => (
                match revision {
                    false => pick(format!("Your text “{title}” is delivered"), format!("Votre texte « {title} » est livré")),
                    true => pick(
                        format!("Your revised text “{title}” is delivered"),
                        format!("Votre texte révisé « {title} » est livré"),
                    ),
                },
                pick(
                    "Read it, then accept it or ask for a revision.".into(),
                    "Lisez-le, puis acceptez-le ou demandez une révision.".into(),
                ),
            ),
            About::Assigned { title } => (
                pick(format!("You were given the order “{title}”"), format!("La commande « {title} » vous est confiée")),
                pick("It is in your orders, with its brief and deadline.".into(), "Elle est dans vos commandes, avec sa consigne et son délai.".into()),
            ),
            About::RevisionAsked { title } => (
                pick(format!("A revision is asked for “{title}”"), format!("Une révision est demandée pour « {title} »")),
                pick("The order says what to change.".into(), "La commande indique quoi changer.".into()),
            ),
            About::Accepted { title, automatically } => (
                pick(format!("Your text “{title}” is accepted"), format!("Votre texte « {title} » est accepté")),
                match automatically {
                    false => pick("The client accepted it; its earnings are yours.".into(), "Le client l'a accepté ; sa rémunération vous revient.".into()),
                    true => pick(
                        "Nobody objected in time; its earnings are yours.".into(),
                        "Personne ne s'y est opposé à temps ; sa rémunération vous revient.".into(),
                    ),
                },
            ),
            About::Payout { approved: true, amount } => (
                pick(format!("Your payout of {amount} is approved"), format!("Votre paiement de {amount} est approuvé")),
                pick("It is on its way to you.".into(), "Il est en route vers vous.".into()),
            ),
            About::Payout { approved: false, amount } => (
                pick(format!("Your payout of {amount} was declined"), format!("Votre paiement de {amount} est refusé")),
                pick("The amount stays in your balance.".into(), "Le montant reste sur votre solde.".into()),
            ),
            About::Submitted { title } => (
                pick(format!("A text to review: “{title}”"), format!("Un texte à relire : « {title} »")),
                pick("The writer handed it in.".into(), "Le rédacteur l'a remis.".into()),
            ),
            About::Disputed { title } => (
                pick(format!("“{title}” is disputed"), format!("« {title} » est contesté")),
                pick("The client disputes the delivered text.".into(), "Le client conteste le texte livré.".into()),
            ),
            About::Message { title } => (
                pick(format!("New message about “{title}”"), format!("Nouveau message à propos de « {title} »")),
                pick("Open the order to read it and answer.".into(), "Ouvrez la commande pour le lire et répondre.".into()),
            ),
            About::TextReviewed { site, approved, note } => {
                let title = match approved {
                    true => pick(format!("A text of {site} is approved"), format!("Un texte de {site} est approuvé")),
                    false => pick(format!("A text of {site} was rejected"), format!("Un texte de {site} est refusé")),
                };
                let body = match (approved, note) {
                    (_, Some(note)) if !note.trim().is_empty() => note.clone(),
                    (true, _) => pick("An editor approved it.".into(), "Un éditeur l'a approuvé.".into()),
                    (false, _) => pick("An editor rejected it; write it again or regenerate it.".into(), "Un éditeur l'a refusé ; réécrivez-le ou régénérez-le.".into()),
                };
                (title, body)
            }
            About::Invoice { what, reference, amount } => match what {
                InvoiceNews::Issued => (
                    pick(format!("Invoice {reference}: {amount}"), format!("Facture {reference} : {amount}")),
                    pick("Pay it on your billing page.".into(), "Réglez-la sur votre page de facturation.".into()),
                ),
                InvoiceNews::Due(day) => (
                    pick(format!("Invoice {reference} is due on {day}"), format!("La facture {reference} est due le {day}")),
                    pick(
                        format!("{amount} is left to pay. Unpaid after that day, your sites stop until it is paid."),
                        format!("Il reste {amount} à payer. Impayée après ce jour, vos sites s'arrêtent jusqu'au paiement."),
                    ),
                ),
                InvoiceNews::Paid => (
                    pick(format!("Invoice {reference} is paid"), format!("La facture {reference} est payée")),
                    pick(format!("Thank you: {amount} received."), format!("Merci : {amount} reçus.")),
                ),
                InvoiceNews::Suspended(sites) => (
                    pick(format!("Your sites are stopped: invoice {reference} is unpaid"), format!("Vos sites sont arrêtés : la facture {reference} est impayée")),
                    pick(
                        format!("{sites} site(s) stopped. Pay {amount} on your billing page and they start again."),
                        format!("{sites} site(s) arrêté(s). Payez {amount} sur votre page de facturation et ils redémarrent."),
                    ),
                ),
            },
            About::PasswordChanged => (
                pick("Your password was changed".into(), "Votre mot de passe a été changé".into()),
                pick(
                    "Every device was signed out. If it was not you, reset your password at once.".into(),
                    "Chaque appareil a été déconnecté. Si ce n'est pas vous, réinitialisez votre mot de passe tout de suite.".into(),
                ),
            ),
            About::NewSignIn { device } => (
                pick(format!("New sign-in from {device}"), format!("Nouvelle connexion depuis {device}")),
                pick(
                    "If it was not you, reset your password at once.".into(),
                    "Si ce n'est pas vous, réinitialisez votre mot de passe tout de suite.".into(),
                ),
            ),
        }
    }
}

/// What a kind is, for the preferences list.
fn label(kind: NotificationKind, lang: Language) -> &'static str {
    use NotificationKind as K;
    let (en, fr) = match kind {
        K::DeploymentLive => ("A site goes live", "Un site est mis en ligne"),
        K::DeploymentFailed => ("A deployment fails", "Un déploiement échoue"),
        K::OrderDelivered => ("A text is delivered", "Un texte est livré"),
        K::RevisionDelivered => ("A revised text is delivered", "Un texte révisé est livré"),
        K::OrderAssigned => ("An order is given to me", "Une commande m'est confiée"),
        K::RevisionRequested => ("A revision is asked for", "Une révision est demandée"),
        K::OrderAccepted => ("My text is accepted", "Mon texte est accepté"),
        K::PayoutDecided => ("A payout is decided", "Un paiement est décidé"),
        K::OrderSubmitted => ("A text is handed in for review", "Un texte est remis à relire"),
        K::OrderDisputed => ("A delivery is disputed", "Une livraison est contestée"),
        K::MessagePosted => ("A new message in an order", "Un nouveau message dans une commande"),
        K::TextReviewed => ("A generated text is reviewed", "Un texte généré est relu"),
        K::Billing => ("Invoices and payments", "Factures et paiements"),
        K::Security => ("Security of my account", "Sécurité de mon compte"),
    };
    if lang == Language::Fr { fr } else { en }
}

/// One person to tell about one thing.
struct Notice {
    user: Uuid,
    about: About,
    link: Option<String>,
}

fn money(amount_minor: i64, currency: &str) -> String {
    format!("{} {currency}", atelier_domain::billing::format_minor(amount_minor))
}

/// Who cares about `event`, and what to tell them.
async fn notices(tx: &mut Tx, website: Uuid, event: &DomainEvent) -> AppResult<Vec<Notice>> {
    let order_link = |id: &Uuid| Some(format!("/orders/{id}"));
    let site_link = |id: &Uuid| Some(format!("/sites/{id}"));
    let site_name = async |tx: &mut Tx, site: &Uuid| -> AppResult<String> {
        Ok(db::site_name(tx, *site).await?.unwrap_or_default())
    };
    Ok(match event {
        DomainEvent::OrderMoved { order_id, event, to, writer_id, client_id, .. } => {
            let Some(order) = db::order_parties(tx, *order_id).await? else { return Ok(Vec::new()) };
            let title = order.title;
            let link = order_link(order_id);
            let one = |user: Uuid, about: About| vec![Notice { user, about, link: link.clone() }];
            match (to, event) {
                (OrderStatus::Delivered, _) => {
                    // A client asks for a revision only of a delivered text.
                    let revision = atelier_db::orders::client_revisions(tx, *order_id).await? > 0;
                    one(*client_id, About::Delivered { title, revision })
                }
                (OrderStatus::Assigned, OrderEvent::Assign) => {
                    writer_id.map(|w| one(w, About::Assigned { title })).unwrap_or_default()
                }
                (OrderStatus::RevisionRequested, _) => {
                    writer_id.map(|w| one(w, About::RevisionAsked { title })).unwrap_or_default()
                }
                (OrderStatus::Completed, OrderEvent::Accept | OrderEvent::AutoAccept) => {
                    let automatically = *event == OrderEvent::AutoAccept;
                    writer_id.map(|w| one(w, About::Accepted { title, automatically })).unwrap_or_default()
                }
                (OrderStatus::Submitted, _) => db::staff_of(tx, website, &["editor", "admin", "superadmin"])
                    .await?
                    .into_iter()
                    .map(|user| Notice { user, about: About::Submitted { title: title.clone() }, link: link.clone() })
                    .collect(),
                (OrderStatus::Disputed, _) => db::staff_of(tx, website, &["support", "admin", "superadmin"])
                    .await?
                    .into_iter()
                    .map(|user| Notice { user, about: About::Disputed { title: title.clone() }, link: link.clone() })
                    .collect(),
                _ => Vec::new(),
            }
        }
        DomainEvent::MessagePosted { order_id, author_id, .. } => {
            let Some(order) = db::order_parties(tx, *order_id).await? else { return Ok(Vec::new()) };
            [Some(order.client_id), order.writer_id]
                .into_iter()
                .flatten()
                .filter(|party| party != author_id)
                .map(|user| Notice {
                    user,
                    about: About::Message { title: order.title.clone() },
                    link: order_link(order_id),
                })
                .collect()
        }
        DomainEvent::PayoutDecided { writer_id, approved, amount_minor, currency, .. } => vec![Notice {
            user: *writer_id,
            about: About::Payout { approved: *approved, amount: money(*amount_minor, currency) },
            link: Some("/earnings".into()),
        }],
        DomainEvent::TextReviewed { site_id, owner_id, approved, note, .. } => vec![Notice {
            user: *owner_id,
            about: About::TextReviewed { site: site_name(tx, site_id).await?, approved: *approved, note: note.clone() },
            link: site_link(site_id),
        }],
        DomainEvent::DeploymentLive { site_id, owner_id, .. } => vec![Notice {
            user: *owner_id,
            about: About::SiteLive { site: site_name(tx, site_id).await? },
            link: site_link(site_id),
        }],
        DomainEvent::DeploymentFailed { site_id, owner_id, reason, .. } => vec![Notice {
            user: *owner_id,
            about: About::SiteFailed { site: site_name(tx, site_id).await?, reason: reason.clone() },
            link: site_link(site_id),
        }],
        DomainEvent::CustomerSuspended { .. } => Vec::new(),
        DomainEvent::InvoiceIssued { customer_id, reference, total_minor, currency, .. } => {
            invoice_notice(*customer_id, InvoiceNews::Issued, reference, money(*total_minor, currency))
        }
        DomainEvent::InvoiceDue { customer_id, reference, total_minor, currency, due_at, .. } => invoice_notice(
            *customer_id,
            InvoiceNews::Due(due_at.format("%Y-%m-%d").to_string()),
            reference,
            money(*total_minor, currency),
        ),
        DomainEvent::InvoicePaid { customer_id, reference, total_minor, currency, .. } => {
            invoice_notice(*customer_id, InvoiceNews::Paid, reference, money(*total_minor, currency))
        }
        DomainEvent::BillingSuspended { customer_id, reference, sites_stopped, invoice_id } => {
            let amount = db_invoice_total(tx, *invoice_id).await?;
            invoice_notice(*customer_id, InvoiceNews::Suspended(*sites_stopped), reference, amount)
        }
    })
}

fn invoice_notice(user: Uuid, what: InvoiceNews, reference: &str, amount: String) -> Vec<Notice> {
    vec![Notice {
        user,
        about: About::Invoice { what, reference: reference.to_owned(), amount },
        link: Some("/billing".into()),
    }]
}

async fn db_invoice_total(tx: &mut Tx, id: Uuid) -> AppResult<String> {
    Ok(atelier_db::billing::invoice(tx, id, false)
        .await?
        .map(|i| money(i.total_minor, &i.currency))
        .unwrap_or_default())
}

/// In the app, by mail: the person's choice for `kind`, or its default.
async fn channels(tx: &mut Tx, user: Uuid, kind: NotificationKind) -> AppResult<(bool, bool)> {
    let chosen = db::pref(tx, user, kind.as_str()).await?;
    let (in_app, email) = chosen.map(|p| (p.in_app, p.email)).unwrap_or((true, kind.default_email()));
    Ok((in_app, email || kind.email_required()))
}

fn wire(row: NotificationRow) -> Notification {
    Notification {
        id: row.id,
        kind: NotificationKind::parse(&row.kind).unwrap_or(NotificationKind::Security),
        title: row.title,
        body: row.body,
        link: row.link,
        read: row.read_at.is_some(),
        created_at: row.created_at,
    }
}

/// What the dispatcher keeps between the notices of one batch.
#[derive(Default)]
struct Batch {
    people: HashMap<Uuid, Option<User>>,
    tenants: HashMap<Uuid, Option<Arc<Tenant>>>,
    pushes: Vec<Push>,
}

impl Batch {
    async fn person(&mut self, tx: &mut Tx, id: Uuid) -> AppResult<Option<User>> {
        if let Some(known) = self.people.get(&id) {
            return Ok(known.clone());
        }
        let found = users::find_by_id(tx, id).await?.filter(|u| u.active);
        self.people.insert(id, found.clone());
        Ok(found)
    }

    /// The brand of the person's mail, and the origin of their app (for the mail's link).
    async fn brand(&mut self, tx: &mut Tx, settings: &Settings, person: &User) -> AppResult<(Brand, String)> {
        let sender = settings.mail_sender();
        match person.website_id {
            Some(website) => {
                let tenant = match self.tenants.get(&website) {
                    Some(known) => known.clone(),
                    None => {
                        let found = tenants::find_by_id(tx, website).await?.map(Arc::new);
                        self.tenants.insert(website, found.clone());
                        found
                    }
                };
                let tenant = tenant.ok_or_else(|| AppError::internal(anyhow::anyhow!("a client without a tenant")))?;
                let origin = settings.app_origin(&tenant.primary_domain);
                Ok((Brand::tenant(&tenant, &origin, &sender), origin))
            }
            None => {
                let host = if person.role == Role::Writer { settings.writers_host() } else { settings.staff_host() };
                Ok((Brand::platform(&sender), settings.app_origin(&host)))
            }
        }
    }

    /// Tells everyone who cares about `event`.
    async fn tell_all(
        &mut self,
        tx: &mut Tx,
        settings: &Settings,
        event_id: i64,
        website: Uuid,
        event: &DomainEvent,
    ) -> AppResult<()> {
        for notice in notices(tx, website, event).await? {
            self.tell(tx, settings, notice, event_id).await?;
        }
        Ok(())
    }

    /// Tells one person, in the app and by mail as they chose.
    async fn tell(&mut self, tx: &mut Tx, settings: &Settings, notice: Notice, event_id: i64) -> AppResult<()> {
        let Some(person) = self.person(tx, notice.user).await? else { return Ok(()) };
        let kind = notice.about.kind();
        let (in_app, email) = channels(tx, person.id, kind).await?;
        let (title, body) = notice.about.words(person.language);
        if in_app {
            let new = NewNotification {
                user_id: person.id,
                event_id: Some(event_id),
                kind: kind.as_str(),
                title: &title,
                body: &body,
                link: notice.link.as_deref(),
            };
            match db::insert(tx, &new).await? {
                Some(row) => {
                    let unread = db::unread_count(tx, person.id).await?;
                    self.pushes.push(Push {
                        user: person.id,
                        message: NotificationMessage { unread, notification: Some(wire(row)) },
                    });
                }
                // Told already (this event was handled before): no second mail either.
                None => return Ok(()),
            }
        }
        if email {
            let (brand, origin) = self.brand(tx, settings, &person).await?;
            let link = notice.link.as_ref().map(|l| format!("{origin}{l}"));
            let rendered =
                templates::notification(&brand, person.language, &person.display_name, &title, &body, link.as_deref());
            mail::enqueue(tx, &brand, kind.as_str(), &person.email, &rendered).await.map_err(AppError::internal)?;
        }
        Ok(())
    }
}

/// What one dispatcher pass did.
#[derive(Debug, Default)]
pub struct Dispatched {
    /// Events handled (fewer than [`BATCH`]: there are no more for now).
    pub events: usize,
    /// What to publish, now that it is committed.
    pub pushes: Vec<Push>,
}

/// Handles the events recorded since the last run (at most [`BATCH`]): the notifications and
/// mails they cause, and the cursor, in one transaction.
///
/// Events are read in commit order (see [`atelier_db::events::committed_after`]). One event
/// that cannot be told (a kind this version does not know, a failure its data causes) is
/// logged and passed, with what it had written undone: it never holds up the others. A
/// failure of the transaction itself (the database gone) leaves the cursor where it was, for
/// the next pass.
pub async fn dispatch_due(db: &Db, settings: &Settings) -> AppResult<Dispatched> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let cursor = db::lock_cursor(&mut tx, SUBSCRIBER).await?;
    let events = atelier_db::events::committed_after(&mut tx, cursor.0, cursor.1, BATCH).await?;
    let Some(last) = events.last().map(|e| (e.txid, e.id)) else {
        tx.commit().await?;
        return Ok(Dispatched::default());
    };
    let mut batch = Batch::default();
    for event in &events {
        let Ok(decoded) = serde_json::from_value::<DomainEvent>(event.payload.0.clone()) else {
            tracing::warn!(event.id = event.id, event.kind = %event.kind, "notifications: an event this version cannot read; passed");
            continue;
        };
        tx.mark().await?;
        let pushed = batch.pushes.len();
        if let Err(e) = batch.tell_all(&mut tx, settings, event.id, event.website_id, &decoded).await {
            tx.roll_back_to_mark().await?;
            batch.pushes.truncate(pushed);
            tracing::error!(event.id = event.id, event.kind = %event.kind, error = %format!("{e:#}"), "notifications: an event could not be told; passed");
        }
    }
    db::move_cursor(&mut tx, SUBSCRIBER, last).await?;
    tx.commit().await?;
    Ok(Dispatched { events: events.len(), pushes: batch.pushes })
}

/// How many events the dispatcher has not handled yet (those of transactions still running
/// included).
pub async fn pending(db: &Db) -> AppResult<i64> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let pending = db::pending(&mut tx, SUBSCRIBER).await?;
    tx.commit().await?;
    Ok(pending)
}

/// How often the dispatcher looks for events when no wake-up came (one can be missed while
/// its listening connection reconnects).
pub const POLL: std::time::Duration = std::time::Duration::from_secs(2);
/// How soon it looks again when events wait behind a transaction still running (whose
/// commit, if it records nothing, wakes nobody).
const HELD: std::time::Duration = std::time::Duration::from_millis(50);

/// The worker's dispatcher: woken by each commit that recorded events, and every [`POLL`].
pub async fn run_dispatcher(db: Db, settings: Settings, redis: deadpool_redis::Pool) {
    let mut listener = None;
    loop {
        if listener.is_none() {
            listener = match db.listen(WAKE_CHANNEL).await {
                Ok(l) => Some(l),
                Err(e) => {
                    tracing::warn!(error = %e, "notifications: cannot listen for events; polling");
                    None
                }
            };
        }
        loop {
            match dispatch_due(&db, &settings).await {
                Ok(done) => {
                    if !done.pushes.is_empty() {
                        tracing::debug!(events = done.events, notified = done.pushes.len(), "notifications dispatched");
                    }
                    publish(&redis, &settings.redis_prefix, &done.pushes).await;
                    if (done.events as i64) < BATCH {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %format!("{e:#}"), "notifications: a batch failed; retrying");
                    break;
                }
            }
        }
        let wait = if pending(&db).await.unwrap_or(0) > 0 { HELD } else { POLL };
        match listener.as_mut() {
            Some(l) => tokio::select! {
                woken = l.recv() => if woken.is_err() { listener = None },
                _ = tokio::time::sleep(wait) => {}
            },
            None => tokio::time::sleep(wait).await,
        }
    }
}

/// A security notice in the person's app, in the transaction of what caused it (the mail about
/// it is the caller's, and always goes). The apps see it at their next count.
async fn security_notice(tx: &mut Tx, user: &User, about: About) -> AppResult<()> {
    let (in_app, _) = channels(tx, user.id, NotificationKind::Security).await?;
    if in_app {
        let (title, body) = about.words(user.language);
        let new = NewNotification {
            user_id: user.id,
            event_id: None,
            kind: "security",
            title: &title,
            body: &body,
            link: None,
        };
        db::insert(tx, &new).await?;
    }
    Ok(())
}

pub(crate) async fn password_changed(tx: &mut Tx, user: &User) -> AppResult<()> {
    security_notice(tx, user, About::PasswordChanged).await
}

pub(crate) async fn new_sign_in(tx: &mut Tx, user: &User, device: &str) -> AppResult<()> {
    security_notice(tx, user, About::NewSignIn { device: device.to_owned() }).await
}

/// The caller's notifications, newest first, a page at a time (`before`: the last page's
/// `next_before`).
pub async fn list(app: &App, user: &Caller, before: Option<i64>, limit: Option<i64>) -> AppResult<NotificationPage> {
    let limit = limit.unwrap_or(20).clamp(1, PAGE_MAX);
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let rows = db::list(&mut tx, user.id, before, limit + 1).await?;
    let unread = db::unread_count(&mut tx, user.id).await?;
    tx.commit().await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<Notification> = rows.into_iter().take(limit as usize).map(wire).collect();
    let next_before = if more { items.last().map(|n| n.id) } else { None };
    Ok(NotificationPage { items, unread, next_before })
}

/// How many of the caller's notifications are unread.
pub async fn unread(app: &App, user_id: Uuid) -> AppResult<i64> {
    let mut tx = app.db.begin(&Scope::none().with_user(user_id)).await?;
    let unread = db::unread_count(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(unread)
}

async fn tell_tabs(app: &App, user: Uuid, unread: i64) {
    let push = Push { user, message: NotificationMessage { unread, notification: None } };
    publish(&app.redis, app.keys.prefix(), &[push]).await;
}

/// Marks one of the caller's notifications read; the answer is the unread count, which their
/// other tabs receive too.
pub async fn mark_read(app: &App, user: &Caller, id: i64) -> AppResult<i64> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    if !db::mark_read(&mut tx, user.id, id).await? {
        return Err(AppError::not_found("notification_not_found", "You have no notification with this id."));
    }
    let unread = db::unread_count(&mut tx, user.id).await?;
    tx.commit().await?;
    tell_tabs(app, user.id, unread).await;
    Ok(unread)
}

/// Marks all the caller's notifications read.
pub async fn mark_all_read(app: &App, user: &Caller) -> AppResult<i64> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    db::mark_all_read(&mut tx, user.id).await?;
    tx.commit().await?;
    tell_tabs(app, user.id, 0).await;
    Ok(0)
}

async fn prefs_of(tx: &mut Tx, user: Uuid, role: Role, lang: Language) -> AppResult<Vec<NotificationPref>> {
    let chosen = db::prefs(tx, user).await?;
    Ok(NotificationKind::for_role(role)
        .iter()
        .map(|&kind| {
            let row = chosen.iter().find(|p| p.kind == kind.as_str());
            NotificationPref {
                kind,
                label: label(kind, lang).to_owned(),
                in_app: row.is_none_or(|p| p.in_app),
                email: row.map_or(kind.default_email(), |p| p.email) || kind.email_required(),
                email_required: kind.email_required(),
            }
        })
        .collect())
}

/// How the caller hears of each kind their role receives.
pub async fn preferences(app: &App, user: &Caller) -> AppResult<Vec<NotificationPref>> {
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(crate::accounts::account_gone)?;
    let prefs = prefs_of(&mut tx, user.id, user.role, account.language).await?;
    tx.commit().await?;
    Ok(prefs)
}

/// Saves the caller's choices (kinds left out keep theirs); the answer is all of them.
pub async fn set_preferences(
    app: &App,
    user: &Caller,
    choices: Vec<NotificationPref>,
) -> AppResult<Vec<NotificationPref>> {
    let mine = NotificationKind::for_role(user.role);
    if choices.len() > NotificationKind::ALL.len() {
        return Err(AppError::new(
            crate::Kind::Invalid,
            "too_many_choices",
            format!("Send at most one choice per kind ({} kinds).", NotificationKind::ALL.len()),
        ));
    }
    let mut problems = Vec::new();
    for (i, choice) in choices.iter().enumerate() {
        if !mine.contains(&choice.kind) {
            problems.push(FieldError::new(
                format!("[{i}].kind"),
                "not_for_you",
                format!("Your account receives no `{}` notifications.", choice.kind.as_str()),
            ));
        } else if choice.kind.email_required() && !choice.email {
            problems.push(FieldError::new(
                format!("[{i}].email"),
                "email_required",
                "Security notices always go by mail, so you learn at once if someone else uses your account.",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::validation(problems));
    }
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    for choice in &choices {
        db::set_pref(&mut tx, user.id, choice.kind.as_str(), choice.in_app, choice.email).await?;
    }
    let account = users::find_by_id(&mut tx, user.id).await?.ok_or_else(crate::accounts::account_gone)?;
    let prefs = prefs_of(&mut tx, user.id, user.role, account.language).await?;
    tx.commit().await?;
    Ok(prefs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notice_reads_in_the_persons_language_and_keeps_what_they_typed() {
        let about = About::Delivered { title: "<b>Menu</b>".into(), revision: true };
        assert_eq!(about.kind(), NotificationKind::RevisionDelivered);
        let (en, _) = about.words(Language::En);
        let (fr, _) = about.words(Language::Fr);
        assert_eq!(en, "Your revised text “<b>Menu</b>” is delivered");
        assert_eq!(fr, "Votre texte révisé « <b>Menu</b> » est livré");
        let (_, reason) =
            About::SiteFailed { site: "Bakery".into(), reason: "Health check timed out".into() }.words(Language::Fr);
        assert_eq!(reason, "Health check timed out");
    }

    #[test]
    fn amounts_read_in_major_units() {
        assert_eq!(money(12_345, "EUR"), "123.45 EUR");
        assert_eq!(money(5, "USD"), "0.05 USD");
    }
}
