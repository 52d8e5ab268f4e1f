//! The work on an order: its texts (the writer's Markdown draft, autosaved; what was handed
//! in; editors' edits), its timeline, files on its conversation, and applying a delivered
//! text to the client's site.

use atelier_db::order_work::{self, NewAttachment, TextRow};
use atelier_db::orders::{self, OrderRow};
use atelier_db::sites::{self as site_db, Owner};
use atelier_domain::orders::{Actor, OrderState};
use atelier_types::FieldError;
use atelier_types::markdown::{to_section_text, word_count};
use atelier_types::orders::{AppliedText, OrderMessage, OrderText, SaveText, TimelineEntry};
use atelier_types::site::SectionContent;
use uuid::Uuid;

use crate::error::validated;
use crate::files::{Refusal, accepted_extensions, classify, clean_name};
use crate::orders::{Party, actor_name, message_of, not_found, party};
use crate::{App, AppError, AppResult, Caller, Kind};

fn text_of(row: &TextRow) -> OrderText {
    OrderText {
        id: row.id,
        kind: row.kind.clone(),
        body: row.body.clone(),
        html: atelier_types::markdown::to_html(&row.body),
        words: row.words,
        author: row.author.clone(),
        created_at: row.created_at,
        updated_at: row.updated_at,
        delivered_at: row.delivered_at,
    }
}

/// The order, if the caller may see it.
async fn visible(tx: &mut atelier_db::Tx, who: &Party, id: Uuid) -> AppResult<OrderRow> {
    orders::find(tx, id).await?.filter(|o| who.sees(o)).ok_or_else(not_found)
}

/// The order's texts the caller may read, oldest first: its writer reads them all (their
/// draft, what they handed in, editors' edits); staff read what was handed in and edited;
/// the client reads what was delivered to them.
pub async fn order_texts(app: &App, user: &Caller, id: Uuid) -> AppResult<Vec<OrderText>> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, id).await?;
    let rows = order_work::texts(&mut tx, order.id).await?;
    tx.commit().await?;
    let readable = |t: &&TextRow| match who.actor {
        Actor::Writer => order.writer_id == Some(who.user),
        Actor::Editor | Actor::Admin => t.kind != "draft",
        Actor::Client => t.delivered_at.is_some(),
        Actor::System => false,
    };
    Ok(rows.iter().filter(readable).map(text_of).collect())
}

/// Saves the text being worked on: the writer's draft while they hold the order (the app
/// autosaves as they type), or an editor's edit during review. The word count is the
/// server's, from the same Markdown rules the apps use.
pub async fn save_text(app: &App, user: &Caller, id: Uuid, body: SaveText) -> AppResult<OrderText> {
    let who = party(app, user).await?;
    validated(&body)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, id).await?;
    let status = order.status;
    let not_now = |when: &str| {
        AppError::new(
            Kind::Conflict,
            "not_editable",
            format!("The text can be changed {when}; the order is {}.", status.as_str()),
        )
        .with_fields(vec![FieldError::new("status", status.as_str(), "The order is not at that step.")])
    };
    let words = word_count(&body.body) as i32;
    let saved = match who.actor {
        Actor::Writer if order.writer_id == Some(who.user) => {
            if !matches!(status, OrderState::Assigned | OrderState::RevisionRequested) {
                return Err(not_now("while you write it or revise it"));
            }
            order_work::save_draft(&mut tx, &order, who.user, &body.body, words).await?
        }
        Actor::Editor | Actor::Admin => {
            if status != OrderState::InReview {
                return Err(not_now("during review"));
            }
            order_work::save_edit(&mut tx, &order, who.user, actor_name(who.actor), &body.body, words).await?
        }
        _ => {
            return Err(AppError::new(
                Kind::Forbidden,
                "not_your_text",
                "The text is written by the order's writer and edited by the review staff.",
            ));
        }
    };
    tx.commit().await?;
    Ok(text_of(&saved))
}

/// Every move of the order with its actor's role, time and note, oldest first; the `late`
/// line says when the deadline passed.
pub async fn timeline(app: &App, user: &Caller, id: Uuid) -> AppResult<Vec<TimelineEntry>> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, id).await?;
    let rows = orders::history(&mut tx, order.id).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| TimelineEntry {
            event: r.event,
            from: r.from_status,
            to: r.to_status,
            actor: r.actor,
            at: r.at,
            note: r.note,
        })
        .collect())
}

/// Puts the delivered text into the site section the order was for: the opening heading
/// (if the text starts with one) becomes the section's heading, the rest its text. The live
/// site changes only with the next deployment, which the answer offers.
pub async fn apply_to_site(app: &App, user: &Caller, id: Uuid) -> AppResult<AppliedText> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, id).await?.filter(|o| who.actor == Actor::Client && o.client_id == who.user);
    let order = order.ok_or_else(not_found)?;
    let conflict = |code: &'static str, message: &str| AppError::new(Kind::Conflict, code, message.to_owned());
    let (Some(site_id), Some(section_id)) = (order.site_id, order.section_id.clone()) else {
        return Err(conflict("no_section", "This order was not placed for a site section."));
    };
    let text = order_work::delivered_text(&mut tx, order.id)
        .await?
        .ok_or_else(|| conflict("not_delivered", "The text has not been delivered to you yet."))?;
    let owner = Owner { website_id: order.website_id, user_id: who.user };
    let site = site_db::find(&mut tx, owner, site_id, true).await?.ok_or_else(crate::sites::site_not_found)?;
    let mut config = crate::sites::config_of(&site)?;
    let (p, s) = atelier_types::sites::find_section(&config, &section_id)
        .ok_or_else(|| conflict("section_not_found", "The site no longer has the section this text was for."))?;
    let (heading, prose) = to_section_text(&text.body);
    let section = &mut config.pages[p].sections[s].content;
    let (title, field) = match section {
        SectionContent::Text { heading, body } | SectionContent::CallToAction { heading, body, .. } => (heading, body),
        SectionContent::Hero { heading, subheading, .. } => (heading, subheading),
        SectionContent::ContactDetails { heading, intro } => (heading, intro),
        _ => {
            return Err(conflict(
                "section_not_text",
                "That section is a list (features, services, questions…): copy the text into its items by hand.",
            ));
        }
    };
    if let Some(h) = heading.filter(|h| !h.is_empty()) {
        *title = h;
    }
    *field = prose;
    // The section keeps the site publishable: a text longer than it holds is refused, and
    // nothing changes.
    let prefix = format!("pages[{p}].sections[{s}]");
    let too_much: Vec<FieldError> = config.validate().into_iter().filter(|e| e.field.starts_with(&prefix)).collect();
    if !too_much.is_empty() {
        return Err(AppError::new(
            Kind::Invalid,
            "text_does_not_fit",
            "The text is longer than this section holds; copy the part you want into the site by hand.",
        )
        .with_fields(too_much));
    }
    let updated = crate::sites::save_config(&mut tx, owner, &site, &config, site.wizard_step).await?;
    site_db::supersede_pending_of_section(&mut tx, &updated, &section_id).await?;
    tx.commit().await?;
    Ok(AppliedText { site_id, section_id, redeploy_offered: updated.live_deployment_id.is_some() })
}

/// The caller, if they may attach a file to the order's conversation: checked before the
/// bytes are read, so only a member of the conversation gets as far as sending them.
pub async fn may_attach(app: &App, user: &Caller, id: Uuid) -> AppResult<Party> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    orders::find(&mut tx, id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(who)
}

/// Attaches a file to the order's conversation, with an optional line to go with it. PDF,
/// PNG, JPEG, WebP, DOCX, TXT, Markdown and CSV up to 10 MB; the content must match the
/// name's type.
pub async fn upload_attachment(
    app: &App,
    who: &Party,
    id: Uuid,
    name: &str,
    note: Option<&str>,
    bytes: Vec<u8>,
) -> AppResult<OrderMessage> {
    let name = clean_name(name);
    if name.is_empty() {
        return Err(AppError::validation(vec![FieldError::new("name", "required", "Name the file.")]));
    }
    let content_type = classify(&name, &bytes).map_err(|refusal| match refusal {
        Refusal::Empty => AppError::validation(vec![FieldError::new("file", "empty_file", "The file is empty.")]),
        Refusal::TooLarge => AppError::new(Kind::TooLarge, "file_too_large", "Attach files of at most 10 MB."),
        Refusal::Kind => AppError::new(
            Kind::UnsupportedContent,
            "unsupported_file_type",
            format!("Attach one of: {}.", accepted_extensions()),
        ),
        Refusal::Mismatch => AppError::new(
            Kind::UnsupportedContent,
            "unsupported_file_type",
            "The file's content does not match its name: check that it is what it says it is.",
        ),
    })?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 4000) {
        return Err(AppError::validation(vec![FieldError::new("note", "too_long", "Use at most 4000 characters.")]));
    }
    let mut tx = app.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    if who.actor == atelier_domain::orders::Actor::Client {
        // A client's files count against their plan's storage.
        let owner = atelier_db::sites::Owner { website_id: order.website_id, user_id: who.user };
        let meter = crate::billing::Meter::lock(&mut tx, owner).await?;
        meter.need(&mut tx, atelier_types::billing::Quota::StorageBytes, bytes.len() as i64).await?;
    }
    // The bytes first, under a key of ours: a failed insert leaves an unreferenced file,
    // never a message pointing at nothing.
    let key = format!("{}/{}", order.id.simple(), Uuid::new_v4().simple());
    let store = app.files.clone();
    let (stored_key, data) = (key.clone(), bytes.clone());
    tokio::task::spawn_blocking(move || store.put(&stored_key, &data))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let caption = note.map_or_else(|| format!("📎 {name}"), str::to_owned);
    let message = orders::NewMessage {
        order: &order,
        author_id: who.user,
        author_role: who.message_role(),
        author_name: &who.first_name,
        body: &caption,
    };
    let row = orders::add_message(&mut tx, &message).await?;
    crate::orders::posted(&mut tx, &order, row.id, who).await?;
    let new = NewAttachment {
        order: &order,
        message_id: row.id,
        file_name: &name,
        content_type,
        size_bytes: bytes.len() as i64,
        storage_key: &key,
    };
    let file = order_work::add_attachment(&mut tx, &new).await?;
    tx.commit().await?;
    Ok(message_of(&row, who.user, &[file]))
}

/// A file of a conversation, to send as an attachment.
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A file of the order's conversation, for a member of it.
pub async fn download_attachment(app: &App, user: &Caller, order_id: Uuid, file_id: Uuid) -> AppResult<Download> {
    let who = party(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, order_id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let file = order_work::attachment(&mut tx, order.id, file_id)
        .await?
        .ok_or_else(|| AppError::not_found("file_not_found", "This conversation has no such file."))?;
    tx.commit().await?;
    let store = app.files.clone();
    let key = file.storage_key.clone();
    let bytes = tokio::task::spawn_blocking(move || store.get(&key))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(Download { name: file.file_name, content_type: file.content_type, bytes })
}
