//! The signed-in person's notifications: the list with its unread count, marking read, and
//! the preferences that say what arrives in the app and by mail. (The live socket is in
//! `live.rs`.)

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post, put};
use atelier_app::notifications;
use atelier_types::ErrorBody;
use atelier_types::notifications::{NotificationPage, NotificationPref, UnreadCount};
use atelier_types::queries::NotificationsQuery;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenancy::HostContext;

/// The signed-in person's notifications, newest first, a page at a time, with the number
/// unread in all.
#[utoipa::path(
    tag = "notifications",
    params(NotificationsQuery),
    responses((status = 200, description = "A page of notifications", body = NotificationPage)),
    security(("bearer" = []))
)]
#[get("/me/notifications")]
pub async fn list_notifications(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    query: Query<NotificationsQuery>,
) -> ApiResult<Json<NotificationPage>> {
    let query = query.into_inner();
    Ok(Json(notifications::list(&state, &user.at(host), query.before, query.limit).await?))
}

/// Marks one notification read. The person's other open apps get the new count.
#[utoipa::path(
    tag = "notifications",
    params(("id" = i64, Path, description = "The notification")),
    responses(
        (status = 200, description = "Read; the unread count now", body = UnreadCount),
        (status = 404, description = "No such notification of yours (`notification_not_found`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/me/notifications/{id}/read")]
pub async fn read_notification(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    id: Path<i64>,
) -> ApiResult<Json<UnreadCount>> {
    let unread = notifications::mark_read(&state, &user.at(host), id.into_inner()).await?;
    Ok(Json(UnreadCount { unread }))
}

/// Marks every notification read.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, description = "All read", body = UnreadCount)),
    security(("bearer" = []))
)]
#[post("/me/notifications/read")]
pub async fn read_all_notifications(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<UnreadCount>> {
    let unread = notifications::mark_all_read(&state, &user.at(host)).await?;
    Ok(Json(UnreadCount { unread }))
}

/// What the person hears of, kind by kind (those their role receives), in the app and by mail.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, description = "One entry per kind", body = [NotificationPref])),
    security(("bearer" = []))
)]
#[get("/me/notifications/preferences")]
pub async fn get_notification_preferences(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
) -> ApiResult<Json<Vec<NotificationPref>>> {
    Ok(Json(notifications::preferences(&state, &user.at(host)).await?))
}

/// Saves the person's choices (kinds left out keep theirs). Security mail cannot be turned off.
#[utoipa::path(
    tag = "notifications",
    request_body = [NotificationPref],
    responses(
        (status = 200, description = "The preferences as they are now", body = [NotificationPref]),
        (status = 422, description = "A kind the account does not receive (`not_for_you`) or security mail turned off (`email_required`), per field (`validation_failed`); more choices than kinds (`too_many_choices`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/me/notifications/preferences")]
pub async fn set_notification_preferences(
    state: Data<AppState>,
    host: HostContext,
    user: AuthUser,
    body: Json<Vec<NotificationPref>>,
) -> ApiResult<Json<Vec<NotificationPref>>> {
    Ok(Json(notifications::set_preferences(&state, &user.at(host), body.into_inner()).await?))
}
