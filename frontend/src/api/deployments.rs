//! Deployments of a site: the history, deploy, roll back, cancel, and the live log.

use atelier_types::deployments::{Deployment, LiveTicket};
use uuid::Uuid;

use super::{ApiError, Call, encode, get, post_empty, websocket};

pub fn list_deployments(id: Uuid) -> Call<Vec<Deployment>> {
    get(format!("/api/v1/sites/{id}/deployments"))
}

/// Asks for a deployment of the site as it is now (queued; the answer is the new deployment).
pub fn create_deployment(id: Uuid) -> Call<Deployment> {
    post_empty(format!("/api/v1/sites/{id}/deployments"))
}

pub fn rollback_deployment(id: Uuid, deployment_id: Uuid) -> Call<Deployment> {
    post_empty(format!("/api/v1/sites/{id}/deployments/{deployment_id}/rollback"))
}

pub fn cancel_deployment(id: Uuid, deployment_id: Uuid) -> Call<Deployment> {
    post_empty(format!("/api/v1/sites/{id}/deployments/{deployment_id}/cancel"))
}

/// A one-time ticket for the live log's WebSocket (browsers cannot send headers on one).
pub fn create_live_ticket(deployment_id: Uuid) -> Call<LiveTicket> {
    post_empty(format!("/api/v1/deployments/{deployment_id}/logs/ticket"))
}

/// Opens the live log of `deployment_id` on this host, replaying the lines after `after`.
pub fn open_live_log(deployment_id: Uuid, ticket: &LiveTicket, after: i32) -> Result<web_sys::WebSocket, ApiError> {
    let ticket = encode(&ticket.ticket);
    websocket(&format!("/api/v1/deployments/{deployment_id}/logs/live?ticket={ticket}&after={after}"))
}
