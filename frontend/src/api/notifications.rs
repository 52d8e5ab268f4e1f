//! The signed-in person's notifications: the list, marking read, the preferences, and the live
//! socket that pushes new ones.

use atelier_types::deployments::LiveTicket;
use atelier_types::notifications::{NotificationPage, NotificationPref, UnreadCount};
use atelier_types::queries::NotificationsQuery;

use super::{ApiError, Call, encode, get, post_empty, put, websocket, with_query};

/// A page of notifications, newest first (`before`: the last page's `next_before`).
pub fn list_notifications(before: Option<i64>) -> Call<NotificationPage> {
    get(with_query("/api/v1/me/notifications", &NotificationsQuery { before, limit: None }))
}

pub fn read_notification(id: i64) -> Call<UnreadCount> {
    post_empty(format!("/api/v1/me/notifications/{id}/read"))
}

pub fn read_all_notifications() -> Call<UnreadCount> {
    post_empty("/api/v1/me/notifications/read")
}

pub fn get_notification_preferences() -> Call<Vec<NotificationPref>> {
    get("/api/v1/me/notifications/preferences")
}

pub fn set_notification_preferences(prefs: &[NotificationPref]) -> Call<Vec<NotificationPref>> {
    put("/api/v1/me/notifications/preferences", &prefs)
}

/// A one-time ticket for the notifications socket.
pub fn create_notifications_ticket() -> Call<LiveTicket> {
    post_empty("/api/v1/me/notifications/ticket")
}

/// Opens the notifications socket on this host.
pub fn open_notifications(ticket: &LiveTicket) -> Result<web_sys::WebSocket, ApiError> {
    websocket(&format!("/api/v1/me/notifications/live?ticket={}", encode(&ticket.ticket)))
}
