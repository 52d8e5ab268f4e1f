//! The deployment queue (apalis on Redis) and the worker that drains it.
//!
//! A job is pushed for each deployment, but it is a turn: the worker claims the queued
//! deployment that is fairest to run next (the tenant with the fewest running, then the
//! oldest). The deployment rows are the truth: a job that finds nothing queued does nothing,
//! so pushing twice, re-running an orphaned job or re-pushing every queued deployment at
//! start are all harmless.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::*;
use apalis_core::backend::Vacuum;
use apalis_redis::{Config, ConnectionManager, RedisStorage};
use atelier_db::deployments;
use atelier_db::{Db, Scope};
use redis::aio::ConnectionManagerConfig;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::pipeline::{Deployer, Outcome};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployJob {
    pub deployment_id: Uuid,
}

pub type DeployQueue = RedisStorage<DeployJob>;

/// How often a worker says it is alive, and how many beats it may miss before its jobs are
/// handed to another worker (5 s × 3: a killed worker's job runs again within ~20 s).
const HEARTBEAT: Duration = Duration::from_secs(5);
const MISSED_HEARTBEATS: usize = 3;
/// How often a worker looks for jobs when no wake-up came.
const POLL_WITHOUT_WAKE_UP: Duration = Duration::from_secs(1);

/// The queue under `<prefix>deploy`, with timeouts that survive a busy Redis.
pub async fn connect(redis_url: &str, prefix: &str, concurrency: usize) -> anyhow::Result<DeployQueue> {
    let client = redis::Client::open(redis_url)?;
    let manager_config = ConnectionManagerConfig::new()
        .set_response_timeout(Some(Duration::from_secs(10)))
        .set_connection_timeout(Some(Duration::from_secs(5)))
        .set_number_of_retries(5);
    let connection: ConnectionManager = client.get_connection_manager_with_config(manager_config).await?;
    let config = Config::default()
        .queue(format!("{prefix}deploy"))
        .heartbeat_interval(HEARTBEAT)
        .missed_heartbeats(MISSED_HEARTBEATS)
        // Claim no more than can run: claimed jobs would wait behind a busy worker.
        .batch_size(concurrency);
    Ok(RedisStorage::new(connection).with_config(config))
}

/// How many jobs wait in the queue, asked over the queue's own connection (readiness: the
/// API can queue deployments).
pub async fn waiting(queue: &DeployQueue) -> anyhow::Result<u64> {
    let mut queue = queue.clone();
    let list = queue.get_config().active_jobs_list();
    let waiting: u64 = redis::cmd("LLEN").arg(list).query_async(queue.get_connection()).await?;
    Ok(waiting)
}

/// Asks a worker to run the deployment (after the row is committed).
pub async fn push(queue: &DeployQueue, deployment_id: Uuid) -> anyhow::Result<()> {
    let mut queue = queue.clone();
    let task =
        TaskBuilder::new(DeployJob { deployment_id }).task_id(TaskId::from_string(deployment_id.to_string())).build();
    queue.push_task(task).await.map_err(|e| anyhow::anyhow!("queueing the deployment: {e}"))?;
    wake(&mut queue).await;
    Ok(())
}

/// One more turn (its own task id: the deployment may already have a job in the queue).
async fn push_turn(queue: &DeployQueue, deployment_id: Uuid) -> anyhow::Result<()> {
    let mut queue = queue.clone();
    let task =
        TaskBuilder::new(DeployJob { deployment_id }).task_id(TaskId::from_string(Uuid::now_v7().to_string())).build();
    queue.push_task(task).await.map_err(|e| anyhow::anyhow!("queueing a turn: {e}"))?;
    wake(&mut queue).await;
    Ok(())
}

/// The channel a push is announced on: `<queue>:wake`.
fn wake_channel(queue: &DeployQueue) -> String {
    format!("{}:wake", queue.get_config().active_jobs_list())
}

/// Tells waiting workers a job is there, so that they fetch it now rather than at their next
/// poll. Best effort: a lost wake-up costs one poll interval.
async fn wake(queue: &mut DeployQueue) {
    let channel = wake_channel(queue);
    let sent: Result<i64, _> = redis::cmd("PUBLISH").arg(&channel).arg(1).query_async(queue.get_connection()).await;
    if let Err(e) = sent {
        tracing::debug!(error = %e, "the deployment queue's wake-up was not published");
    }
}

/// A stream of wake-ups from [`wake`], subscribed on its own connection (reconnecting when
/// Redis goes away; the poll covers the gap).
fn wake_ups(redis_url: String, channel: String) -> WakeUps {
    let (tx, rx) = tokio::sync::mpsc::channel::<()>(1);
    tokio::spawn(async move {
        while !tx.is_closed() {
            if let Ok(client) = redis::Client::open(redis_url.as_str())
                && let Ok(mut pubsub) = client.get_async_pubsub().await
                && pubsub.subscribe(&channel).await.is_ok()
            {
                let mut messages = pubsub.on_message();
                loop {
                    tokio::select! {
                        // The worker is gone (stopped, or restarted with a stream of its own).
                        () = tx.closed() => return,
                        message = futures_util::StreamExt::next(&mut messages) => {
                            if message.is_none() {
                                break;
                            }
                            // Full: a wake-up is already waiting, which is as good.
                            let _ = tx.try_send(());
                        }
                    }
                }
            }
            tokio::select! {
                () = tx.closed() => return,
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    });
    WakeUps(rx)
}

struct WakeUps(tokio::sync::mpsc::Receiver<()>);

impl futures_util::Stream for WakeUps {
    type Item = ();

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<()>> {
        // Never the end of the stream: a strategy that ended would stop the interval's
        // polls behind it too.
        match self.get_mut().0.poll_recv(cx) {
            std::task::Poll::Ready(Some(())) => std::task::Poll::Ready(Some(())),
            _ => std::task::Poll::Pending,
        }
    }
}

#[derive(Debug)]
struct JobError(String);

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JobError {}

/// A job is a turn: it runs the deployment the queue owes most (fair across tenants), which
/// is not always the one it was pushed for; every deployment has its own job, so every
/// deployment gets a turn.
async fn deploy(job: DeployJob, deployer: Data<Arc<Deployer>>, queue: Data<DeployQueue>) -> Result<(), BoxDynError> {
    match deployer.run_next().await {
        Ok((ran, outcome)) => {
            // A deployment that waited for this site's previous one to end can run now:
            // give the queue another turn.
            if ran.is_some()
                && let Ok(Some(waiting)) = deployer.next_queued().await
                && let Err(e) = push_turn(&queue, waiting).await
            {
                tracing::warn!(error = %e, "no turn pushed for waiting deployments; the next start re-queues them");
            }
            match (&ran, &outcome) {
                (Some(id), Outcome::Failed(reason)) => tracing::warn!(deployment.id = %id, reason, "deployment failed"),
                (Some(id), other) => tracing::info!(deployment.id = %id, outcome = ?other, "deployment ended"),
                (None, _) => tracing::debug!(job.for_deployment = %job.deployment_id, "nothing left to deploy"),
            }
            Ok(())
        }
        // The deployment stays `running`; the watchdog ends it and frees what it held.
        // Retrying here would only find it not queued.
        Err(e) => Err(AbortError::new(JobError(format!("{e:#}"))).into()),
    }
}

/// Runs the worker until `shutdown` resolves: first re-adopts live sites and re-queues
/// queued deployments, then drains the queue `concurrency` jobs at a time while a watchdog
/// ends deployments whose worker stopped heartbeating.
pub async fn run(
    deployer: Arc<Deployer>,
    db: Db,
    queue: DeployQueue,
    redis_url: &str,
    concurrency: usize,
    stale_after: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    deployer.adopt_live().await;
    requeue(&db, &queue).await?;
    let watchdog = {
        let deployer = deployer.clone();
        let mut finished_jobs = queue.clone();
        tokio::spawn(async move {
            let every = (stale_after / 3).max(Duration::from_secs(1));
            let mut tick = tokio::time::interval(every);
            let mut last_vacuum = std::time::Instant::now();
            loop {
                tick.tick().await;
                deployer.reap_stale(stale_after).await;
                // Finished jobs' keys grow forever in Redis: drop those older than an hour.
                if last_vacuum.elapsed() > Duration::from_secs(600) {
                    last_vacuum = std::time::Instant::now();
                    if let Err(e) = finished_jobs.vacuum_before(Duration::from_secs(3600)).await {
                        tracing::warn!(error = %e, "finished deployment jobs not vacuumed");
                    }
                }
            }
        })
    };
    let name = format!("deploy-{}-{}", std::process::id(), Uuid::new_v4().simple());
    let (redis_url, channel) = (redis_url.to_owned(), wake_channel(&queue));
    let monitor = Monitor::new()
        .register(move |_restarts| {
            // Woken by each push; a poll now and then catches a wake-up lost while the
            // subscription reconnected.
            let strategy = apalis_core::backend::ext::poll_strategy::Strategy::new()
                .stream(wake_ups(redis_url.clone(), channel.clone()))
                .interval(POLL_WITHOUT_WAKE_UP);
            WorkerBuilder::new(format!("{name}-{_restarts}"))
                .backend(queue.clone().poll_with_strategy(strategy))
                .data(deployer.clone())
                .data(queue.clone())
                .concurrency(concurrency)
                .build(deploy)
        })
        .shutdown_timeout(Duration::from_secs(60));
    let outcome = monitor.run_with_signal(async move {
        shutdown.await;
        Ok(())
    });
    let result = outcome.await;
    watchdog.abort();
    result.map_err(|e| anyhow::anyhow!("the deployment worker stopped: {e}"))
}

/// Pushes every queued deployment again (a push lost between commit and Redis, a queue
/// flushed): the ones already queued in Redis run once anyway.
async fn requeue(db: &Db, queue: &DeployQueue) -> anyhow::Result<()> {
    let mut tx = db.begin(&Scope::everything()).await?;
    let queued = deployments::queued_ids(&mut tx).await?;
    tx.commit().await?;
    for id in queued {
        push(queue, id).await?;
    }
    Ok(())
}
