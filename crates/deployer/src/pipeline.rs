//! One deployment, step by step: render → package → start → health check → switch →
//! retire. Every step is timed, recorded on the deployment (so a viewer sees where it is)
//! and logged. A failure before the switch leaves the previous version serving and stops
//! and frees whatever the new one held.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use atelier_db::deployments::{self, DeploymentRow, Instance, Switch};
use atelier_db::sites;
use atelier_db::{Db, Scope};
use atelier_sitegen::Renderer;
use atelier_types::deployments::DeploymentStatus;
use atelier_types::site::upgrade;
use chrono::Utc;
use deadpool_redis::redis::AsyncCommands;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::logs::Logger;
use crate::runtime::{InstanceSpec, Runtime};

/// Builds kept per site for rollbacks (the live one included).
pub const KEPT_BUILDS: i64 = 5;

#[derive(Debug, Clone)]
pub struct DeployerSettings {
    /// Rendered builds: `<data_dir>/<site id>/<deployment id>/`.
    pub data_dir: PathBuf,
    /// Ports instances may listen on, inclusive.
    pub ports: (u16, u16),
    pub redis_prefix: String,
    /// Where a site is published, with `{slug}` in it (for canonical links and the sitemap).
    pub sites_url: String,
    pub health_attempts: u32,
    pub health_interval: Duration,
    /// How long the previous instance keeps serving after the switch (requests in flight).
    pub drain: Duration,
}

/// How a deployment ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Live,
    /// It failed; the reason is on the deployment and in its log.
    Failed(String),
    /// It was cancelled while running.
    Cancelled,
    /// Not queued any more (superseded, cancelled, already run): nothing to do.
    Skipped,
}

pub struct Deployer {
    db: Db,
    redis: deadpool_redis::Pool,
    renderer: Renderer,
    runtime: Runtime,
    settings: DeployerSettings,
}

/// Why the pipeline stopped early.
enum Stop {
    Failed { step: &'static str, reason: String },
    Cancelled,
}

impl<E: std::fmt::Display> From<(&'static str, E)> for Stop {
    fn from((step, e): (&'static str, E)) -> Self {
        Stop::Failed { step, reason: e.to_string() }
    }
}

/// What the new instance holds, to give back if it does not go live.
#[derive(Default)]
struct Held {
    build_dir: Option<PathBuf>,
    owns_build: bool,
    instance: Option<String>,
    port: bool,
}

struct Run<'a> {
    row: DeploymentRow,
    log: Logger,
    steps: Vec<Value>,
    held: Held,
    deployer: &'a Deployer,
}

impl Run<'_> {
    /// Marks `name` as the step in progress; stops if the deployment was cancelled.
    async fn begin(&mut self, name: &'static str) -> Result<Instant, Stop> {
        self.steps.push(json!({ "name": name, "started_at": Utc::now() }));
        let mut tx = self.deployer.db.begin(&Scope::everything()).await.map_err(|e| (name, e))?;
        let running = deployments::progress(&mut tx, self.row.id, name, &Value::Array(self.steps.clone()))
            .await
            .map_err(|e| (name, e))?;
        tx.commit().await.map_err(|e| (name, e))?;
        if !running {
            return Err(Stop::Cancelled);
        }
        Ok(Instant::now())
    }

    /// Marks the step in progress done, with its time.
    fn mark(&mut self, started: Instant) -> u128 {
        let ms = started.elapsed().as_millis();
        if let Some(step) = self.steps.last_mut() {
            step["finished_at"] = json!(Utc::now());
            step["ms"] = json!(ms as u64);
            step["ok"] = json!(true);
        }
        ms
    }

    async fn end(&mut self, name: &'static str, started: Instant, detail: &str) -> Result<(), Stop> {
        let ms = self.mark(started);
        self.log.info(name, &format!("✓ {name} ({ms} ms){detail}")).await.map_err(|e| (name, e))?;
        Ok(())
    }
}

impl Deployer {
    pub fn new(
        db: Db,
        redis: deadpool_redis::Pool,
        renderer: Renderer,
        runtime: Runtime,
        settings: DeployerSettings,
    ) -> Deployer {
        Deployer { db, redis, renderer, runtime, settings }
    }

    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Runs the next queued deployment (fairly across tenants) to its end; `Skipped` when
    /// none waits (its job found the queue already drained by other turns).
    pub async fn run_next(&self) -> anyhow::Result<(Option<Uuid>, Outcome)> {
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let Some(row) = deployments::claim_next(&mut tx).await? else {
            return Ok((None, Outcome::Skipped));
        };
        tx.commit().await?;
        let id = row.id;
        Ok((Some(id), self.run_claimed(row).await?))
    }

    /// The oldest deployment still waiting, if any.
    pub async fn next_queued(&self) -> anyhow::Result<Option<Uuid>> {
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let queued = deployments::queued_ids(&mut tx).await?;
        tx.commit().await?;
        Ok(queued.first().copied())
    }

    async fn run_claimed(&self, row: DeploymentRow) -> anyhow::Result<Outcome> {
        // Alive while it works, whatever the step (an image build, a slow render): the
        // watchdog only ends deployments whose worker went silent.
        let beating = {
            let (db, id) = (self.db.clone(), row.id);
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(1));
                loop {
                    tick.tick().await;
                    if let Ok(mut tx) = db.begin(&Scope::everything()).await
                        && deployments::heartbeat(&mut tx, id).await.is_ok()
                    {
                        let _ = tx.commit().await;
                    }
                }
            })
        };
        let outcome = self.run_claimed_beating(row).await;
        beating.abort();
        outcome
    }

    async fn run_claimed_beating(&self, row: DeploymentRow) -> anyhow::Result<Outcome> {
        let log =
            Logger::open(self.db.clone(), self.redis.clone(), &self.settings.redis_prefix, row.website_id, row.id)
                .await?;
        log.info(
            "queued",
            &format!("deployment #{} started on the {} runtime", row.number, self.runtime.kind().as_str()),
        )
        .await?;
        let mut run = Run { row, log, steps: Vec::new(), held: Held::default(), deployer: self };
        match self.steps(&mut run).await {
            Ok(()) => Ok(Outcome::Live),
            Err(stop) => {
                let (status, reason) = match stop {
                    Stop::Cancelled => (DeploymentStatus::Cancelled, "cancelled while running".to_owned()),
                    Stop::Failed { step, reason } => {
                        let _ = run.log.error(step, &format!("✗ {step}: {reason}")).await;
                        (DeploymentStatus::Failed, format!("{step}: {reason}"))
                    }
                };
                self.give_back(&run.row, &run.held).await;
                let mut tx = self.db.begin(&Scope::everything()).await?;
                deployments::fail(&mut tx, run.row.id, status, &reason).await?;
                tx.commit().await?;
                let line = format!("the previous version keeps serving ({})", status.as_str());
                let _ = run.log.info("done", &line).await;
                Ok(if status == DeploymentStatus::Cancelled { Outcome::Cancelled } else { Outcome::Failed(reason) })
            }
        }
    }

    async fn steps(&self, run: &mut Run<'_>) -> Result<(), Stop> {
        let mut tx = self.db.begin(&Scope::everything()).await.map_err(|e| ("render", e))?;
        let site = sites::find_by_id(&mut tx, run.row.site_id)
            .await
            .map_err(|e| ("render", e))?
            .ok_or(("render", "the site no longer exists"))?;
        let source = match run.row.rollback_of {
            Some(id) => deployments::find(&mut tx, id).await.map_err(|e| ("render", e))?,
            None => None,
        };
        tx.commit().await.map_err(|e| ("render", e))?;

        // 1–2. Render and package, or reuse the build being rolled back to.
        let (dir, hash) = match source {
            Some(source) => {
                let started = run.begin("render").await?;
                let (Some(dir), Some(hash)) = (source.build_dir, source.content_hash) else {
                    return Err(("render", format!("deployment #{} kept no build", source.number)).into());
                };
                if !Path::new(&dir).join("index.html").is_file() {
                    return Err(("render", format!("the build of #{} is gone", source.number)).into());
                }
                run.end("render", started, &format!(": reusing the build of #{}", source.number)).await?;
                (PathBuf::from(dir), hash)
            }
            None => {
                let started = run.begin("render").await?;
                let config = upgrade(site.config.0.clone()).map_err(|e| ("render", e))?;
                let base = self.settings.sites_url.replace("{slug}", &site.slug);
                let build = self.renderer.render_site(&config, &base).map_err(|e| match e {
                    atelier_sitegen::RenderError::Invalid(errors) => (
                        "render",
                        format!("{} The wizard: /sites/{}/wizard", atelier_sitegen::explain(&config, &errors), site.id),
                    ),
                    other => ("render", other.to_string()),
                })?;
                run.end(
                    "render",
                    started,
                    &format!(": {} files, build {}", build.files.len(), &build.content_hash[..12]),
                )
                .await?;

                let started = run.begin("package").await?;
                let dir = self.settings.data_dir.join(site.id.to_string()).join(run.row.id.to_string());
                run.held.build_dir = Some(dir.clone());
                run.held.owns_build = true;
                let hash = build.content_hash.clone();
                let target = dir.clone();
                tokio::task::spawn_blocking(move || build.write_to(&target).and_then(|()| precompress(&target)))
                    .await
                    .map_err(|e| ("package", e))?
                    .map_err(|e| ("package", e))?;
                run.end("package", started, &format!(": {}", dir.display())).await?;
                (dir, hash)
            }
        };

        // 3. Start on a free port.
        let started = run.begin("start").await?;
        let port = self.lease_port(run.row.id).await.map_err(|e| ("start", e))?;
        run.held.port = true;
        let spec = InstanceSpec {
            deployment_id: run.row.id,
            site_id: site.id,
            tenant_id: site.website_id,
            dir: &dir,
            port,
            build: &hash,
        };
        let instance = self.runtime.start(&spec).await.map_err(|e| ("start", e))?;
        run.held.instance = Some(instance.clone());
        let dir_text = dir.display().to_string();
        let mut tx = self.db.begin(&Scope::everything()).await.map_err(|e| ("start", e))?;
        let record = Instance {
            content_hash: &hash,
            build_dir: &dir_text,
            port: Some(i32::from(port)),
            instance_ref: Some(&instance),
        };
        deployments::set_instance(&mut tx, run.row.id, &record).await.map_err(|e| ("start", e))?;
        tx.commit().await.map_err(|e| ("start", e))?;
        run.end("start", started, &format!(": port {port}, instance {instance}")).await?;

        // 4. Health check: the new build answers 200 on its port.
        let started = run.begin("health_check").await?;
        if let Err(reason) = self.health_check_beating(run.row.id, port, &hash).await {
            let output = self.runtime.recent_output(&spec, 10).await;
            let tail = if output.is_empty() { String::new() } else { format!("; last output: {}", output.join(" | ")) };
            return Err(("health_check", format!("{reason}{tail}")).into());
        }
        run.end("health_check", started, ": 200 with the new build").await?;
        // What the instance said so far goes into the deployment's log.
        for line in self.runtime.recent_output(&spec, 20).await {
            let _ = run.log.info("health_check", &format!("instance: {line}")).await;
        }

        // 5. Switch: the site's address now reaches the new instance.
        let started = run.begin("switch").await?;
        let mut tx = self.db.begin(&Scope::everything()).await.map_err(|e| ("switch", e))?;
        let previous = match deployments::go_live(&mut tx, &run.row).await.map_err(|e| ("switch", e))? {
            Switch::NotRunning => return Err(Stop::Cancelled),
            Switch::Done { previous: Some(id) } => deployments::find(&mut tx, id).await.map_err(|e| ("switch", e))?,
            Switch::Done { previous: None } => None,
        };
        // Whoever sees it live also sees how long the switch took: same transaction.
        let ms = run.mark(started);
        deployments::set_steps(&mut tx, run.row.id, &Value::Array(run.steps.clone()))
            .await
            .map_err(|e| ("switch", e))?;
        tx.commit().await.map_err(|e| ("switch", e))?;
        run.held = Held::default();
        self.set_route(&site.slug, Some((port, &hash))).await;
        let _ = run.log.info("switch", &format!("✓ switch ({ms} ms): {} → port {port}", site.slug)).await;

        // 6. Retire the previous instance once its requests in flight are done.
        if let Some(previous) = previous {
            run.steps.push(json!({ "name": "retire", "started_at": Utc::now() }));
            let started = Instant::now();
            tokio::time::sleep(self.settings.drain).await;
            self.stop_instance(&previous).await;
            run.end("retire", started, &format!(": #{} stopped, its port freed", previous.number)).await.ok();
            self.save_steps(run).await;
        }
        self.collect_old_builds(run.row.site_id).await;
        let _ = run.log.info("done", &format!("deployment #{} is live", run.row.number)).await;
        Ok(())
    }

    /// At worker start: every live site's instance still serving its build is adopted;
    /// one that is not (the machine restarted, someone killed it) is started again on its
    /// port, or a new one.
    pub async fn adopt_live(&self) {
        let rows = match self.db.begin(&Scope::everything()).await {
            Ok(mut tx) => deployments::live(&mut tx).await.unwrap_or_default(),
            Err(e) => {
                tracing::warn!(error = %e, "live sites not checked");
                return;
            }
        };
        for row in rows {
            if let Err(e) = self.adopt(&row).await {
                tracing::warn!(error = %e, deployment.id = %row.id, "live site not restarted");
            }
        }
    }

    async fn adopt(&self, row: &DeploymentRow) -> anyhow::Result<()> {
        let (Some(dir), Some(hash)) = (&row.build_dir, &row.content_hash) else { return Ok(()) };
        if let (Some(instance), Some(port)) = (&row.instance_ref, row.port)
            && self.runtime.running(instance).await
            && self.health_check(u16::try_from(port)?, hash).await.is_ok()
        {
            return Ok(());
        }
        let log =
            Logger::open(self.db.clone(), self.redis.clone(), &self.settings.redis_prefix, row.website_id, row.id)
                .await?;
        if let Some(instance) = &row.instance_ref {
            let _ = self.runtime.stop(instance).await;
        }
        let mut tx = self.db.begin(&Scope::everything()).await?;
        deployments::release_port(&mut tx, row.id).await?;
        tx.commit().await?;
        let port = self.lease_port(row.id).await?;
        let spec = InstanceSpec {
            deployment_id: row.id,
            site_id: row.site_id,
            tenant_id: row.website_id,
            dir: Path::new(dir),
            port,
            build: hash,
        };
        let instance = self.runtime.start(&spec).await?;
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let record =
            Instance { content_hash: hash, build_dir: dir, port: Some(i32::from(port)), instance_ref: Some(&instance) };
        deployments::set_instance(&mut tx, row.id, &record).await?;
        let site = sites::find_by_id(&mut tx, row.site_id).await?;
        tx.commit().await?;
        self.health_check(port, hash).await.map_err(|e| anyhow::anyhow!(e))?;
        if let Some(site) = site {
            self.set_route(&site.slug, Some((port, hash))).await;
        }
        log.info("adopt", &format!("the instance was not serving; started again on port {port}")).await?;
        Ok(())
    }

    /// Stops whatever the site runs (its live instance and any other), frees the ports and
    /// takes it off its address. The builds stay, so the site can start again.
    pub async fn stop_site(&self, site_id: Uuid, slug: &str) -> anyhow::Result<()> {
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let rows = deployments::with_instances_of_site(&mut tx, site_id).await?;
        tx.commit().await?;
        self.set_route(slug, None).await;
        for row in rows {
            self.stop_instance(&row).await;
            let mut tx = self.db.begin(&Scope::everything()).await?;
            deployments::clear_instance(&mut tx, row.id).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Starts the site's live deployment again (after a stop); `false` when it has none.
    pub async fn start_site(&self, site_id: Uuid) -> anyhow::Result<bool> {
        let mut tx = self.db.begin(&Scope::everything()).await?;
        let live = deployments::live_of_site(&mut tx, site_id).await?;
        tx.commit().await?;
        let Some(row) = live else { return Ok(false) };
        self.adopt(&row).await?;
        Ok(true)
    }

    /// Deletes the site's builds and instance logs (after [`Deployer::stop_site`]).
    pub async fn remove_builds(&self, site_id: Uuid) {
        let _ = tokio::fs::remove_dir_all(self.settings.data_dir.join(site_id.to_string())).await;
    }

    /// The watchdog: a running deployment whose worker has not been heard of for
    /// `silence` (killed, machine lost) ends `timed_out`, and what it held is given back.
    pub async fn reap_stale(&self, silence: Duration) {
        let before = Utc::now() - chrono::Duration::from_std(silence).unwrap_or_default();
        let rows = match self.db.begin(&Scope::everything()).await {
            Ok(mut tx) => deployments::stale(&mut tx, before).await.unwrap_or_default(),
            Err(_) => return,
        };
        for row in rows {
            let step = row.step.clone().unwrap_or_else(|| "start".into());
            let reason = format!("the worker stopped responding during {step}");
            // End it first, and only if it is still silent: a worker that was merely slow
            // and beat meanwhile keeps its deployment and what it holds.
            let ended = match self.db.begin(&Scope::everything()).await {
                Ok(mut tx) => match deployments::fail_if_silent(&mut tx, row.id, before, &reason).await {
                    Ok(true) => tx.commit().await.is_ok(),
                    _ => false,
                },
                Err(_) => false,
            };
            if !ended {
                continue;
            }
            let held = Held {
                build_dir: row.build_dir.as_ref().map(PathBuf::from),
                owns_build: row.rollback_of.is_none(),
                instance: row.instance_ref.clone(),
                port: true,
            };
            self.give_back(&row, &held).await;
            if let Ok(log) =
                Logger::open(self.db.clone(), self.redis.clone(), &self.settings.redis_prefix, row.website_id, row.id)
                    .await
            {
                let _ = log.error(&step, &format!("✗ timed out: {reason}; its instance and port were freed")).await;
                let _ = log.info("done", "the previous version keeps serving (timed_out)").await;
            }
        }
    }

    async fn save_steps(&self, run: &Run<'_>) {
        if let Ok(mut tx) = self.db.begin(&Scope::everything()).await
            && deployments::set_steps(&mut tx, run.row.id, &Value::Array(run.steps.clone())).await.is_ok()
        {
            let _ = tx.commit().await;
        }
    }

    /// Keeps the builds of the last [`KEPT_BUILDS`] deployments that went live (rollback
    /// targets); older folders are deleted.
    async fn collect_old_builds(&self, site_id: Uuid) {
        let Ok(mut tx) = self.db.begin(&Scope::everything()).await else { return };
        let Ok(unused) = deployments::forget_old_builds(&mut tx, site_id, KEPT_BUILDS).await else { return };
        if tx.commit().await.is_err() {
            return;
        }
        for dir in unused {
            let dir = PathBuf::from(dir);
            // Only inside our own data folder.
            if dir.starts_with(&self.settings.data_dir) {
                let _ = tokio::fs::remove_dir_all(&dir).await;
                let _ = tokio::fs::remove_file(dir.with_extension("log")).await;
            }
        }
    }

    /// Stops a deployment's instance and frees its port (its build stays, for rollbacks).
    pub async fn stop_instance(&self, row: &DeploymentRow) {
        if let Some(instance) = &row.instance_ref
            && let Err(e) = self.runtime.stop(instance).await
        {
            tracing::warn!(error = %e, deployment.id = %row.id, "instance did not stop");
        }
        if let Ok(mut tx) = self.db.begin(&Scope::everything()).await {
            let _ = deployments::release_port(&mut tx, row.id).await;
            let _ = tx.commit().await;
        }
    }

    /// Gives back what a deployment that will not go live held.
    async fn give_back(&self, row: &DeploymentRow, held: &Held) {
        if let Some(instance) = &held.instance {
            let _ = self.runtime.stop(instance).await;
        }
        if held.port
            && let Ok(mut tx) = self.db.begin(&Scope::everything()).await
        {
            let _ = deployments::release_port(&mut tx, row.id).await;
            let _ = tx.commit().await;
        }
        if held.owns_build
            && let Some(dir) = &held.build_dir
        {
            let _ = tokio::fs::remove_dir_all(dir).await;
            let _ = tokio::fs::remove_file(dir.with_extension("log")).await;
        }
    }

    /// A port of the range, leased in the database (so no other worker takes it) and free
    /// on this machine (something else may listen on it).
    async fn lease_port(&self, deployment_id: Uuid) -> anyhow::Result<u16> {
        let (low, high) = self.settings.ports;
        let mut avoid: Vec<i32> = Vec::new();
        loop {
            let mut tx = self.db.begin(&Scope::everything()).await?;
            let port = deployments::lease_port(&mut tx, deployment_id, i32::from(low), i32::from(high), &avoid)
                .await?
                .ok_or_else(|| anyhow::anyhow!("every port of {low}-{high} is in use"))?;
            let port = u16::try_from(port)?;
            if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
                tx.commit().await?;
                return Ok(port);
            }
            // Taken by something that is not ours: leave it alone and try the next one.
            drop(tx);
            avoid.push(i32::from(port));
        }
    }

    /// The health check of a running deployment, heartbeating while it waits.
    async fn health_check_beating(&self, id: Uuid, port: u16, build: &str) -> Result<(), String> {
        let check = self.health_check(port, build);
        tokio::pin!(check);
        let mut beat = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                outcome = &mut check => return outcome,
                _ = beat.tick() => {
                    if let Ok(mut tx) = self.db.begin(&Scope::everything()).await
                        && deployments::heartbeat(&mut tx, id).await.is_ok()
                    {
                        let _ = tx.commit().await;
                    }
                }
            }
        }
    }

    async fn health_check(&self, port: u16, build: &str) -> Result<(), String> {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().map_err(|e| e.to_string())?;
        let url = format!("http://127.0.0.1:{port}/");
        let mut last = String::from("no answer");
        for _ in 0..self.settings.health_attempts {
            match client.get(&url).send().await {
                Ok(res) if res.status() == 200 => {
                    let served = res.headers().get("x-atelier-build").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    if served == build {
                        return Ok(());
                    }
                    last = format!("port {port} serves build {served:?}, not {build}");
                }
                Ok(res) => last = format!("GET / answered {}", res.status()),
                Err(e) => last = format!("GET / failed: {e}"),
            }
            tokio::time::sleep(self.settings.health_interval).await;
        }
        Err(format!(
            "no healthy answer after {} attempts over {:.1} s ({last})",
            self.settings.health_attempts,
            self.settings.health_interval.as_secs_f64() * f64::from(self.settings.health_attempts)
        ))
    }

    /// Where the reverse proxy sends `<slug>.sites.…`: set at the switch, so traffic moves
    /// in one step.
    /// The route is `"<port> <build>"`: the proxy only passes on answers of that build, so a
    /// stale entry can never show another site that reused the port.
    async fn set_route(&self, slug: &str, route: Option<(u16, &str)>) {
        let key = route_key(&self.settings.redis_prefix, slug);
        let outcome: anyhow::Result<()> = async {
            let mut conn = self.redis.get().await?;
            match route {
                Some((port, build)) => conn.set_ex::<_, _, ()>(&key, format!("{port} {build}"), 300).await?,
                None => conn.del::<_, ()>(&key).await?,
            }
            Ok(())
        }
        .await;
        if let Err(e) = outcome {
            tracing::warn!(error = %e, site.slug = slug, "route cache not updated; it expires by itself");
        }
    }
}

/// The Redis key caching the port of a site's live instance.
/// Writes a gzip twin (`x.html.gz`) beside each text file of a build worth compressing, for
/// the site server to send to clients that accept gzip: compressed once per build, not once
/// per visit.
pub fn precompress(dir: &Path) -> std::io::Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("html" | "css" | "js" | "xml" | "txt" | "json" | "svg")
            );
            if !text {
                continue;
            }
            let bytes = std::fs::read(&path)?;
            if bytes.len() < 256 {
                continue;
            }
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            std::io::Write::write_all(&mut encoder, &bytes)?;
            let zipped = encoder.finish()?;
            if zipped.len() < bytes.len() {
                let mut name = path.into_os_string();
                name.push(".gz");
                std::fs::write(PathBuf::from(name), zipped)?;
            }
        }
    }
    Ok(())
}

pub fn route_key(prefix: &str, slug: &str) -> String {
    format!("{prefix}site:route:{slug}")
}
