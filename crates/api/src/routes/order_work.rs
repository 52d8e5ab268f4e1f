//! The work on an order: its texts (the writer's Markdown draft, autosaved; what was handed
//! in; editors' edits), its timeline, files on its conversation, and applying a delivered
//! text to the client's site.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{HttpResponse, get, post, put};
use atelier_types::ErrorBody;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;
use actix_web::http::header::{self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::web::Payload;
use atelier_app::files::MAX_FILE_BYTES;
use atelier_types::orders::{AppliedText, OrderMessage, OrderText, SaveText, TimelineEntry};
use atelier_types::queries::UploadQuery;

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
pub async fn list_order_texts(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<OrderText>>> {
    Ok(Json(atelier_app::order_work::order_texts(&state, &user.at(host), id.into_inner()).await?))
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
pub async fn save_order_text(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
    body: Json<SaveText>,
) -> ApiResult<Json<OrderText>> {
    Ok(Json(atelier_app::order_work::save_text(&state, &user.at(host), id.into_inner(), body.into_inner()).await?))
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
pub async fn get_order_timeline(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<Vec<TimelineEntry>>> {
    Ok(Json(atelier_app::order_work::timeline(&state, &user.at(host), id.into_inner()).await?))
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
pub async fn apply_order_text(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<Uuid>,
) -> ApiResult<Json<AppliedText>> {
    Ok(Json(atelier_app::order_work::apply_to_site(&state, &user.at(host), id.into_inner()).await?))
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
    let who = atelier_app::order_work::may_attach(&state, &user.at(host), *id).await?;
    let bytes = crate::files::read_body(payload, MAX_FILE_BYTES).await?;
    let message =
        atelier_app::order_work::upload_attachment(&state, &who, *id, &query.name, query.note.as_deref(), bytes)
            .await?;
    Ok(HttpResponse::Created().json(message))
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
    let file = atelier_app::order_work::download_attachment(&state, &user.at(host), order_id, file_id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.content_type.clone()))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            // An ASCII name for old clients, the exact one (RFC 5987) for the others.
            parameters: vec![
                DispositionParam::Filename(file.name.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect()),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: file.name.clone().into_bytes(),
                }),
            ],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(file.bytes))
}
