//! Asking for a deployment: the row (queued, numbered, older queued ones of the site
//! superseded) and its first log line, in the caller's transaction. The job that runs it is
//! pushed after the commit (see the API and the worker); a job for a deployment that is no
//! longer queued does nothing, so pushing twice is harmless.

use atelier_db::deployments::{self, DeploymentRow, NewDeployment, NewLog};
use atelier_db::sites::SiteRow;
use atelier_db::{DbError, Tx};
use uuid::Uuid;

use crate::RuntimeKind;

/// What to deploy: the site's current config, or an earlier build again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Deploy,
    Rollback(Uuid),
}

/// Queues a deployment of `site` (whose row the caller has locked) and writes its first
/// log line. Returns it with the ids of the queued deployments it superseded.
pub async fn enqueue(
    tx: &mut Tx,
    site: &SiteRow,
    request: Request,
    runtime: RuntimeKind,
    requested_by: Option<Uuid>,
    who: &str,
) -> Result<(DeploymentRow, Vec<Uuid>), DbError> {
    let (kind, rollback_of) = match request {
        Request::Deploy => ("deploy", None),
        Request::Rollback(of) => ("rollback", Some(of)),
    };
    let new = NewDeployment {
        website_id: site.website_id,
        site_id: site.id,
        kind,
        rollback_of,
        runtime: runtime.as_str(),
        requested_by,
    };
    let (row, superseded) = deployments::queue(tx, &new).await?;
    let line = match request {
        Request::Deploy => format!("deployment #{} of {} queued by {who}", row.number, site.slug),
        Request::Rollback(_) => format!("rollback #{} of {} queued by {who}", row.number, site.slug),
    };
    let log =
        NewLog { website_id: site.website_id, deployment_id: row.id, step: Some("queued"), level: "info", line: &line };
    deployments::append_log(tx, &log).await?;
    for id in &superseded {
        let note = format!("superseded by deployment #{}", row.number);
        let log = NewLog {
            website_id: site.website_id,
            deployment_id: *id,
            // Its last line: live viewers of the superseded deployment stop here.
            step: Some("done"),
            level: "warn",
            line: &note,
        };
        deployments::append_log(tx, &log).await?;
    }
    Ok((row, superseded))
}
