//! Test support (feature `test-support`): a fresh migrated, seeded database and the
//! application on a random port. Used by the API's integration tests and the browser tests.

use std::path::PathBuf;

use actix_web::web::Data;
use atelier_db::PgPool;
use secrecy::SecretString;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

use crate::config::Settings;
use crate::seed::{self, Demo};
use crate::startup::Application;
use crate::state::AppState;

/// The password of every seeded account in tests.
pub const PASSWORD: &str = "demo-password-for-tests";

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the tests with `cargo xtask test`, which starts PostgreSQL and Redis")
    })
}

/// A new, empty database, reachable as its owner and as the application's role.
pub struct TestDatabase {
    pub owner_url: String,
    pub app_url: String,
}

fn with_database(url: &str, name: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap_or((url, ""));
    format!("{base}/{name}")
}

/// The test run this process belongs to: `ATELIER_TEST_RUN`, set by `cargo xtask test`
/// (`adhoc` for a `cargo test` started by hand). A run's databases and folders carry it,
/// so that the run cleans up only what is its own.
pub fn run_id() -> String {
    std::env::var("ATELIER_TEST_RUN")
        .ok()
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        .unwrap_or_else(|| "adhoc".to_owned())
}

/// A new folder path in the run's own folder ([`run_dir`]) named `<name>-<uuid>`; not
/// created.
pub fn scratch(name: &str) -> PathBuf {
    run_dir().join(format!("atelier-test-{name}-{}", Uuid::new_v4().simple()))
}

/// The run's own folder (`ATELIER_TEST_RUN_DIR`, else the system's temporary folder).
pub fn run_dir() -> PathBuf {
    std::env::var_os("ATELIER_TEST_RUN_DIR").map_or_else(std::env::temp_dir, PathBuf::from)
}

/// Creates `atelier_test_<run>_<id>` (dropped when its run ends, or by the next `cargo
/// xtask test` if the run was interrupted).
pub async fn fresh_database() -> TestDatabase {
    let admin_url = env("ATELIER_TEST_DATABASE_URL");
    let name = format!("atelier_test_{}_{}", run_id(), &Uuid::new_v4().simple().to_string()[..16]);
    let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| panic!("connect to {admin_url}: {e}"));
    if let Err(e) = sqlx::query(AssertSqlSafe(format!("create database {name}"))).execute(&mut admin).await {
        panic!("create database {name}: {e}");
    }
    TestDatabase {
        owner_url: with_database(&admin_url, &name),
        app_url: with_database(&env("ATELIER_TEST_APP_DATABASE_URL"), &name),
    }
}

pub fn settings(database: &TestDatabase, redis_url: &str) -> Settings {
    Settings {
        bind: "127.0.0.1:0".into(),
        http_workers: Some(1),
        database_url: SecretString::from(database.app_url.clone()),
        migration_database_url: Some(SecretString::from(database.owner_url.clone())),
        db_max_connections: 5,
        redis_url: SecretString::from(redis_url.to_owned()),
        redis_prefix: format!("test:{}:", Uuid::new_v4().simple()),
        jwt_secret: SecretString::from(format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())),
        platform_domain: "localhost".into(),
        trusted_proxies: Vec::new(),
        access_token_ttl_secs: 900,
        refresh_token_ttl_secs: 3600,
        login_max_attempts_per_ip: 1000,
        login_max_failures_per_account: 1000,
        login_window_secs: 60,
        register_max_per_ip: 100,
        register_max_per_tenant: 1000,
        password_work: None,
        tenant_cache_ttl_secs: 60,
        migrate_on_start: true,
        web_dir: PathBuf::from("/nonexistent/atelier-web-apps"),
        sites_url: None,
        ai_base_url: None,
        ai_api_key: None,
        ai_model: "gpt-4o-mini".into(),
        ai_timeout_secs: 10,
        runtime: "process".into(),
        data_dir: scratch("sites"),
        files_dir: scratch("files"),
        site_ports: port_window(),
        // `cargo xtask test` hands each run a copy of its own; else the one beside the tests.
        siteserver_bin: std::env::var_os("ATELIER_TEST_SITESERVER").map(PathBuf::from),
        deploy_concurrency: 4,
        deploy_stale_secs: 30,
        siteserver_static_bin: None,
        smtp_url: None,
        mail_dir: scratch("mail"),
        mail_from: None,
        mail_poll_ms: 200,
        app_url: None,
        card_secret_key: None,
        card_webhook_secret: None,
        card_api_base: "http://127.0.0.1:9".into(),
    }
}

/// A window of 100 ports of its own for each application a test process starts: the port
/// leases live in each test's own database, so two tests must not share a range.
fn port_window() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    // 21000–31999: above the dev default range, below Linux's ephemeral ports.
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 110;
    let low = 21_000 + n * 100;
    format!("{low}-{}", low + 99)
}

/// A running application on a fresh database, seeded with the demo (password [`PASSWORD`]).
pub struct Spawned {
    pub port: u16,
    pub state: Data<AppState>,
    pub demo: Demo,
    /// The superuser on the same database, for fixtures that go around the application.
    pub owner: PgPool,
}

pub async fn spawn(adjust: impl FnOnce(&mut Settings)) -> Spawned {
    spawn_on(fresh_database().await, adjust).await
}

/// [`spawn`] on a database the test made (and perhaps filled) itself.
pub async fn spawn_on(database: TestDatabase, adjust: impl FnOnce(&mut Settings)) -> Spawned {
    // Tests build their own reqwest clients, which share this crate's TLS set-up.
    crate::generation::install_tls_provider();
    let mut settings = settings(&database, &env("ATELIER_TEST_REDIS_URL"));
    adjust(&mut settings);
    let app = Application::build(settings).await.unwrap_or_else(|e| panic!("build the application: {e:#}"));
    let port = app.port();
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    let demo = seed::demo(&state.db, &*state.files, SecretString::from(PASSWORD), "localhost")
        .await
        .unwrap_or_else(|e| panic!("seed the demo: {e:#}"));
    let owner =
        atelier_db::connect_owner(&database.owner_url, 2).await.unwrap_or_else(|e| panic!("owner connection: {e}"));
    Spawned { port, state, demo, owner }
}

/// Lifts every plan limit (tests and benches that publish many sites for one client measure
/// the deployer, not the plans).
pub async fn unlimited_plans(owner: &PgPool) {
    sqlx::query(
        "update plans set max_sites = null, max_live_sites = null, max_deployments_per_month = null,
                max_storage_bytes = null, max_custom_domains = null, max_generated_per_month = null",
    )
    .execute(owner)
    .await
    .unwrap_or_else(|e| panic!("lift the plan limits: {e}"));
}

/// A deployment worker running inside the test, on the application's settings (its own
/// Redis prefix, so its own queue). [`Worker::stop`] ends it and stops every site server it
/// started; `cargo xtask test` also sweeps up after a test that panicked first.
pub struct Worker {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    settings: Settings,
    db: atelier_db::Db,
    redis: deadpool_redis::Pool,
}

pub fn spawn_worker(spawned: &Spawned) -> Worker {
    spawn_worker_with(spawned, |_| {})
}

/// A worker whose settings differ (another site server binary, say).
pub fn spawn_worker_with(spawned: &Spawned, adjust: impl FnOnce(&mut Settings)) -> Worker {
    let mut settings = spawned.state.settings.clone();
    adjust(&mut settings);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let run_settings = settings.clone();
    let task = tokio::spawn(async move {
        crate::worker::run(&run_settings, async move {
            let _ = stopped.await;
        })
        .await
    });
    Worker {
        stop: Some(stop),
        task: Some(task),
        settings,
        db: spawned.state.db.clone(),
        redis: spawned.state.redis.clone(),
    }
}

impl Worker {
    /// Stops the worker (waiting for a running deployment). Published sites keep serving,
    /// as they do when the real worker restarts.
    pub async fn stop(mut self) -> Worker {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            match task.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => panic!("the worker failed: {e:#}"),
                Err(e) => panic!("the worker panicked: {e}"),
            }
        }
        self
    }

    /// Stops the worker and every instance of this test's sites.
    pub async fn stop_all(self) {
        self.stop().await.stop_sites().await;
    }

    /// Stops every instance of every deployment of this test's database.
    pub async fn stop_sites(&self) {
        let deployer = crate::worker::deployer(&self.settings, self.db.clone(), self.redis.clone())
            .await
            .unwrap_or_else(|e| panic!("a deployer to stop sites with: {e:#}"));
        let mut tx = self.db.begin(&atelier_db::Scope::everything()).await.unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<(uuid::Uuid,)> = sqlx::query_as("select id from deployments where instance_ref is not null")
            .fetch_all(tx.conn())
            .await
            .unwrap_or_default();
        let mut all = Vec::new();
        for (id,) in rows {
            if let Ok(Some(row)) = atelier_db::deployments::find(&mut tx, id).await {
                all.push(row);
            }
        }
        drop(tx);
        for row in all {
            deployer.stop_instance(&row).await;
        }
    }
}

/// Signs `email` (demo password) in on `base` (`http://acme.localhost:<port>`) and returns
/// the access token: for benches and tests that talk HTTP from outside the test helpers.
/// Median and the `percentile`th of `times`, in milliseconds (the benches' summary).
pub fn median_and(mut times: Vec<std::time::Duration>, percentile: usize) -> (f64, f64) {
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    (ms(times[times.len() / 2]), ms(times[(times.len() * percentile).div_ceil(100) - 1]))
}

pub async fn sign_in(client: &reqwest::Client, base: &str, email: &str) -> String {
    let session: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap_or_else(|e| panic!("sign in {email}: {e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("sign in {email}: {e}"));
    session["access_token"].as_str().unwrap_or_else(|| panic!("no token for {email}: {session}")).to_owned()
}
