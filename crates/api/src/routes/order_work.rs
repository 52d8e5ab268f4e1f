//! The work on an order: its texts (the writer's Markdown draft, autosaved; what was handed
//! in; editors' edits), its timeline, files on its conversation, and applying a delivered
//! text to the client's site.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::web::{Data, Json, Path, Payload, Query};
use actix_web::{HttpResponse, get, post, put};
use atelier_db::order_work::{self, NewAttachment, TextRow};
use atelier_db::orders::{self, OrderRow};
use atelier_db::sites::{self as site_db, Owner};
use atelier_domain::orders::{Actor, OrderState};
use atelier_types::markdown::{to_section_text, word_count};
use atelier_types::orders::{AppliedText, OrderMessage, OrderText, SaveText, TimelineEntry};
use atelier_types::site::SectionContent;
use atelier_types::{ErrorBody, FieldError};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, validated};
use crate::files::{MAX_FILE_BYTES, Refusal, accepted_extensions, classify, clean_name};
use crate::routes::orders::{Caller, actor_name, caller, message_of, not_found, status_of};
use crate::state::AppState;
use crate::tenancy::HostContext;

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
async fn visible(tx: &mut atelier_db::Tx, who: &Caller, id: Uuid) -> ApiResult<OrderRow> {
    orders::find(tx, id).await?.filter(|o| who.sees(o)).ok_or_else(not_found)
}

/// The order's texts the caller may read, oldest first: its writer reads them all (their
/// draft, what they handed in, editors' edits); staff read what was handed in and edited;
/// the client reads what was delivered to them.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "Versions of the text, oldest first", body = Vec<OrderText>),
        (status = 404, description = "Not an order the caller can see (`order_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/texts")]
pub async fn order_texts(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<OrderText>>> {
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, *id).await?;
    let rows = order_work::texts(&mut tx, order.id).await?;
    tx.commit().await?;
    let readable = |t: &&TextRow| match who.actor {
        Actor::Writer => order.writer_id == Some(who.user),
        Actor::Editor | Actor::Admin => t.kind != "draft",
        Actor::Client => t.delivered_at.is_some(),
        Actor::System => false,
    };
    Ok(Json(rows.iter().filter(readable).map(text_of).collect()))
}

/// Saves the text being worked on: the writer's draft while they hold the order (the app
/// autosaves as they type), or an editor's edit during review. The word count is the
/// server's, from the same Markdown rules the apps use.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    request_body = SaveText,
    responses(
        (status = 200, description = "The saved version", body = OrderText),
        (status = 403, description = "The caller does not write this order's text (`not_your_text`)", body = ErrorBody),
        (status = 404, description = "Not an order the caller can see (`order_not_found`)", body = ErrorBody),
        (status = 409, description = "Not now (`not_editable`); `details.fields[0].code` is the current state", body = ErrorBody),
        (status = 422, description = "Too long", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/orders/{id}/text")]
pub async fn save_text(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<SaveText>,
) -> ApiResult<Json<OrderText>> {
    let who = caller(&state, &host, &user).await?;
    validated(&*body)?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, *id).await?;
    let status = status_of(&order)?;
    let not_now = |when: &str| {
        ApiError::new(
            StatusCode::CONFLICT,
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
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_your_text",
                "The text is written by the order's writer and edited by the review staff.",
            ));
        }
    };
    tx.commit().await?;
    Ok(Json(text_of(&saved)))
}

/// Every move of the order with its actor's role, time and note, oldest first; the `late`
/// line says when the deadline passed.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "The order's timeline", body = Vec<TimelineEntry>),
        (status = 404, description = "Not an order the caller can see (`order_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/timeline")]
pub async fn timeline(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<TimelineEntry>>> {
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = visible(&mut tx, &who, *id).await?;
    let rows = orders::history(&mut tx, order.id).await?;
    tx.commit().await?;
    let state_of = |s: String| OrderState::try_from(s).map_err(|e| ApiError::internal(anyhow::anyhow!(e)));
    let entries = rows
        .into_iter()
        .map(|(event, from, to, actor, at, note)| {
            Ok(TimelineEntry { event, from: state_of(from)?, to: state_of(to)?, actor, at, note })
        })
        .collect::<ApiResult<_>>()?;
    Ok(Json(entries))
}

/// Puts the delivered text into the site section the order was for: the opening heading
/// (if the text starts with one) becomes the section's heading, the rest its text. The live
/// site changes only with the next deployment, which the answer offers.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "The section now holds the text", body = AppliedText),
        (status = 404, description = "Not the caller's order (`order_not_found`), or the site is gone (`site_not_found`)", body = ErrorBody),
        (status = 409, description = "Nothing delivered yet (`not_delivered`), no section named (`no_section`), or the section holds no prose (`section_not_text`)", body = ErrorBody),
        (status = 422, description = "Longer than the section holds (`text_does_not_fit`, with the section's fields)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/apply")]
pub async fn apply_to_site(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<AppliedText>> {
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, *id).await?.filter(|o| who.actor == Actor::Client && o.client_id == who.user);
    let order = order.ok_or_else(not_found)?;
    let conflict = |code: &'static str, message: &str| ApiError::new(StatusCode::CONFLICT, code, message.to_owned());
    let (Some(site_id), Some(section_id)) = (order.site_id, order.section_id.clone()) else {
        return Err(conflict("no_section", "This order was not placed for a site section."));
    };
    let text = order_work::delivered_text(&mut tx, order.id)
        .await?
        .ok_or_else(|| conflict("not_delivered", "The text has not been delivered to you yet."))?;
    let owner = Owner { website_id: order.website_id, user_id: who.user };
    let site = site_db::find(&mut tx, owner, site_id, true).await?.ok_or_else(crate::routes::sites::site_not_found)?;
    let mut config = crate::routes::sites::config_of(&site)?;
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
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "text_does_not_fit",
            "The text is longer than this section holds; copy the part you want into the site by hand.",
        )
        .with_fields(too_much));
    }
    let updated = crate::routes::sites::save_config(&mut tx, owner, &site, &config, site.wizard_step).await?;
    site_db::supersede_pending_of_section(&mut tx, &updated, &section_id).await?;
    tx.commit().await?;
    Ok(Json(AppliedText { site_id, section_id, redeploy_offered: updated.live_deployment_id.is_some() }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name, with its extension (it decides the accepted type).
    name: String,
    /// A line to send with the file.
    #[serde(default)]
    note: Option<String>,
}

/// Attaches a file to the order's conversation: the request body is the file itself. PDF,
/// PNG, JPEG, WebP, DOCX, TXT, Markdown and CSV up to 10 MB; the content must match the
/// name's type.
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "The message carrying the file", body = OrderMessage),
        (status = 404, description = "Not an order whose conversation the caller is in (`order_not_found`)", body = ErrorBody),
        (status = 413, description = "Larger than 10 MB (`file_too_large`)", body = ErrorBody),
        (status = 415, description = "Not an accepted type, or content not of its name's type (`unsupported_file_type`)", body = ErrorBody),
        (status = 422, description = "Empty file or no usable name", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/attachments")]
pub async fn upload_attachment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    query: Query<UploadQuery>,
    payload: Payload,
) -> ApiResult<HttpResponse> {
    let who = caller(&state, &host, &user).await?;
    // Only a member of the conversation gets as far as sending the bytes.
    let mut tx = state.db.begin(&who.scope).await?;
    orders::find(&mut tx, *id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    tx.commit().await?;
    let bytes = crate::files::read_body(payload, MAX_FILE_BYTES).await?;
    let name = clean_name(&query.name);
    if name.is_empty() {
        return Err(ApiError::validation(vec![FieldError::new("name", "required", "Name the file.")]));
    }
    let content_type = classify(&name, &bytes).map_err(|refusal| match refusal {
        Refusal::Empty => ApiError::validation(vec![FieldError::new("file", "empty_file", "The file is empty.")]),
        Refusal::TooLarge => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", "Attach files of at most 10 MB.")
        }
        Refusal::Kind => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            format!("Attach one of: {}.", accepted_extensions()),
        ),
        Refusal::Mismatch => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            "The file's content does not match its name: check that it is what it says it is.",
        ),
    })?;
    let note = query.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 4000) {
        return Err(ApiError::validation(vec![FieldError::new("note", "too_long", "Use at most 4000 characters.")]));
    }
    let mut tx = state.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, *id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    // The bytes first, under a key of ours: a failed insert leaves an unreferenced file,
    // never a message pointing at nothing.
    let key = format!("{}/{}", order.id.simple(), Uuid::new_v4().simple());
    let store = state.files.clone();
    let (stored_key, data) = (key.clone(), bytes.clone());
    actix_web::web::block(move || store.put(&stored_key, &data))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let caption = note.map_or_else(|| format!("📎 {name}"), str::to_owned);
    let message = orders::NewMessage {
        order: &order,
        author_id: who.user,
        author_role: who.message_role(),
        author_name: &who.first_name,
        body: &caption,
    };
    let row = orders::add_message(&mut tx, &message).await?;
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
    Ok(HttpResponse::Created().json(message_of(&row, who.user, &[file])))
}

/// Downloads a file of the order's conversation (as an attachment: never shown inline).
#[utoipa::path(
    tag = "orders",
    params(("id" = Uuid, Path, description = "The order"), ("file" = Uuid, Path, description = "The attachment")),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream"),
        (status = 404, description = "Not a file of a conversation the caller is in (`order_not_found`, `file_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/attachments/{file}")]
pub async fn download_attachment(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    path: Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (order_id, file_id) = path.into_inner();
    let who = caller(&state, &host, &user).await?;
    let mut tx = state.db.begin(&who.scope).await?;
    let order = orders::find(&mut tx, order_id).await?.filter(|o| who.converses(o)).ok_or_else(not_found)?;
    let file = order_work::attachment(&mut tx, order.id, file_id)
        .await?
        .ok_or_else(|| ApiError::not_found("file_not_found", "This conversation has no such file."))?;
    tx.commit().await?;
    let store = state.files.clone();
    let key = file.storage_key.clone();
    let bytes = actix_web::web::block(move || store.get(&key))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.content_type.clone()))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            // An ASCII name for old clients, the exact one (RFC 5987) for the others.
            parameters: vec![
                DispositionParam::Filename(
                    file.file_name.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect(),
                ),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: file.file_name.clone().into_bytes(),
                }),
            ],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(bytes))
}
