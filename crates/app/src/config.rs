//! Settings, read from `ATELIER_*` environment variables over an optional TOML file named
//! by `ATELIER_CONFIG`. Every variable is listed in the README's configuration table.

use std::net::IpAddr;
use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// Chosen by `ATELIER_LOG_FORMAT` (`pretty` or `json`) before anything else is read, so
/// that configuration errors are already logged in the right format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Pretty,
    /// One JSON object per line, for log shippers.
    Json,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// Address the HTTP server listens on; port 0 picks a free one.
    #[serde(default = "defaults::bind")]
    pub bind: String,
    /// HTTP worker threads; defaults to the number of cores.
    #[serde(default)]
    pub http_workers: Option<usize>,
    /// The application's connection: a role that owns no table and cannot bypass
    /// row-level security (`atelier_app`). A superuser is refused at start.
    pub database_url: SecretString,
    /// The tables' owner, for migrations (`atelier migrate`, `ATELIER_MIGRATE_ON_START`).
    #[serde(default)]
    pub migration_database_url: Option<SecretString>,
    #[serde(default = "defaults::db_max_connections")]
    pub db_max_connections: u32,
    pub redis_url: SecretString,
    /// Prefix of every Redis key this instance writes, so that several instances (or test
    /// runs) can share one Redis.
    #[serde(default = "defaults::redis_prefix")]
    pub redis_prefix: String,
    /// HMAC key for access tokens; at least 32 bytes.
    pub jwt_secret: SecretString,
    /// The platform's own domain: `writers.<it>`, `staff.<it>` and `api.<it>` are platform
    /// hosts, the bare domain answers like the API host, every other host is looked up as a
    /// tenant domain.
    #[serde(default = "defaults::platform_domain")]
    pub platform_domain: String,
    /// Peers whose `X-Forwarded-Host` and `X-Forwarded-For` are believed (comma-separated).
    #[serde(default, deserialize_with = "list_of_ips")]
    pub trusted_proxies: Vec<IpAddr>,
    #[serde(default = "defaults::access_token_ttl_secs")]
    pub access_token_ttl_secs: i64,
    #[serde(default = "defaults::refresh_token_ttl_secs")]
    pub refresh_token_ttl_secs: i64,
    /// Sign-in attempts one IP address may make per window.
    #[serde(default = "defaults::login_max_attempts_per_ip")]
    pub login_max_attempts_per_ip: u32,
    /// Failed sign-ins one account may suffer per window before it is paused.
    #[serde(default = "defaults::login_max_failures_per_account")]
    pub login_max_failures_per_account: u32,
    #[serde(default = "defaults::login_window_secs")]
    pub login_window_secs: u64,
    /// Registrations one IP address may make per hour.
    #[serde(default = "defaults::register_max_per_ip")]
    pub register_max_per_ip: u32,
    /// Registrations one tenant accepts per hour (whoever sends them).
    #[serde(default = "defaults::register_max_per_tenant")]
    pub register_max_per_tenant: u32,
    /// Password hashes computed at once (each takes 19 MiB and a core for tens of
    /// milliseconds); by default the number of cores. Registration may use half of them.
    #[serde(default)]
    pub password_work: Option<usize>,
    /// How long a host → tenant resolution stays in the Redis cache.
    #[serde(default = "defaults::tenant_cache_ttl_secs")]
    pub tenant_cache_ttl_secs: u64,
    /// The Trunk builds of the web apps: `<dir>/clients`, `<dir>/writers`, `<dir>/staff`.
    #[serde(default = "defaults::web_dir")]
    pub web_dir: std::path::PathBuf,
    /// Apply pending migrations when `serve` starts.
    #[serde(default)]
    pub migrate_on_start: bool,
    /// Where published sites answer, with `{slug}` in it; by default
    /// `http://{slug}.sites.<platform domain>` on the port the API listens on.
    #[serde(default)]
    pub sites_url: Option<String>,
    /// An OpenAI-compatible API (`https://api.openai.com/v1`, a local llama.cpp or vLLM
    /// server, …) that writes content instead of the built-in offline generator.
    #[serde(default)]
    pub ai_base_url: Option<String>,
    #[serde(default)]
    pub ai_api_key: Option<SecretString>,
    #[serde(default = "defaults::ai_model")]
    pub ai_model: String,
    #[serde(default = "defaults::ai_timeout_secs")]
    pub ai_timeout_secs: u64,
    /// Where published sites run: `process` (a site server per site) or `docker`.
    #[serde(default = "defaults::runtime")]
    pub runtime: String,
    /// Rendered builds and instance logs.
    #[serde(default = "defaults::data_dir")]
    pub data_dir: std::path::PathBuf,
    /// Files attached to order conversations (the local-disk file store).
    #[serde(default = "defaults::files_dir")]
    pub files_dir: std::path::PathBuf,
    /// Ports the instances of published sites listen on: `20000-20999`.
    #[serde(default = "defaults::site_ports")]
    pub site_ports: String,
    /// The `atelier-siteserver` executable; by default the one next to `atelier`.
    #[serde(default)]
    pub siteserver_bin: Option<std::path::PathBuf>,
    /// `atelier-siteserver` linked statically, for the docker runtime's FROM-scratch images.
    #[serde(default)]
    pub siteserver_static_bin: Option<std::path::PathBuf>,
    /// Deployments one worker runs at once.
    #[serde(default = "defaults::deploy_concurrency")]
    pub deploy_concurrency: usize,
    /// A running deployment not heard of for this long ends `timed_out` (its worker died).
    #[serde(default = "defaults::deploy_stale_secs")]
    pub deploy_stale_secs: u64,
    /// Send mail over SMTP: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`. Unset: mail is written to `mail_dir`.
    #[serde(default)]
    pub smtp_url: Option<SecretString>,
    /// Where mail goes without SMTP: one `.eml` file per mail.
    #[serde(default = "defaults::mail_dir")]
    pub mail_dir: std::path::PathBuf,
    /// The address mail is sent from (each tenant's mail carries the tenant's name); by default
    /// `no-reply@<platform_domain>`.
    #[serde(default)]
    pub mail_from: Option<String>,
    /// How often the worker looks for mail to send, in milliseconds.
    #[serde(default = "defaults::mail_poll_ms")]
    pub mail_poll_ms: u64,
    /// Where the apps answer, with `{host}` in it (`https://{host}`): the links in mail the
    /// worker sends (notifications). By default `http://{host}` on the port the API listens on.
    #[serde(default)]
    pub app_url: Option<String>,
    /// The card provider (Stripe Checkout's protocol): its secret API key. Card payments are
    /// offered only when this and `card_webhook_secret` are set.
    #[serde(default)]
    pub card_secret_key: Option<SecretString>,
    /// The secret the card provider signs its webhooks with (`whsec_…`).
    #[serde(default)]
    pub card_webhook_secret: Option<SecretString>,
    /// Where the card provider's API answers.
    #[serde(default = "defaults::card_api_base")]
    pub card_api_base: String,
}

mod defaults {
    pub fn bind() -> String {
        "127.0.0.1:8080".into()
    }
    pub fn db_max_connections() -> u32 {
        20
    }
    pub fn redis_prefix() -> String {
        "atelier:".into()
    }
    pub fn platform_domain() -> String {
        "localhost".into()
    }
    pub fn access_token_ttl_secs() -> i64 {
        15 * 60
    }
    pub fn refresh_token_ttl_secs() -> i64 {
        30 * 24 * 3600
    }
    pub fn login_max_attempts_per_ip() -> u32 {
        30
    }
    pub fn login_max_failures_per_account() -> u32 {
        5
    }
    pub fn login_window_secs() -> u64 {
        15 * 60
    }
    pub fn register_max_per_ip() -> u32 {
        10
    }
    pub fn register_max_per_tenant() -> u32 {
        200
    }
    pub fn tenant_cache_ttl_secs() -> u64 {
        60
    }
    pub fn card_api_base() -> String {
        "https://api.stripe.com".into()
    }
    pub fn ai_model() -> String {
        "gpt-4o-mini".into()
    }
    pub fn ai_timeout_secs() -> u64 {
        30
    }
    pub fn runtime() -> String {
        "process".into()
    }
    pub fn data_dir() -> std::path::PathBuf {
        ".data/sites".into()
    }
    pub fn files_dir() -> std::path::PathBuf {
        ".data/files".into()
    }
    pub fn site_ports() -> String {
        "20000-20999".into()
    }
    pub fn deploy_concurrency() -> usize {
        4
    }
    pub fn deploy_stale_secs() -> u64 {
        30
    }
    pub fn mail_dir() -> std::path::PathBuf {
        ".data/mail".into()
    }
    pub fn mail_poll_ms() -> u64 {
        2000
    }
    pub fn web_dir() -> std::path::PathBuf {
        "dist".into()
    }
}

/// Accepts `"10.0.0.1, 10.0.0.2"` (an environment variable) or a TOML array.
fn list_of_ips<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<IpAddr>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Text(String),
        List(Vec<String>),
    }
    let items = match OneOrMany::deserialize(deserializer)? {
        OneOrMany::Text(text) => text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        OneOrMany::List(list) => list,
    };
    items
        .iter()
        .map(|s| s.parse().map_err(|_| serde::de::Error::custom(format!("`{s}` is not an IP address"))))
        .collect()
}

/// One database URL and nothing else, for commands that need no more (`migrate`,
/// `seed`, `worker`): `ATELIER_DATABASE_URL` or `ATELIER_MIGRATION_DATABASE_URL`.
/// `ATELIER_FILES_DIR` (or the config file's `files_dir`), for commands that need the file
/// store without the rest of the settings (`atelier seed`).
pub fn files_dir() -> std::path::PathBuf {
    let mut figment = Figment::new();
    if let Ok(path) = std::env::var("ATELIER_CONFIG") {
        figment = figment.merge(Toml::file(path));
    }
    figment
        .merge(Env::prefixed("ATELIER_").only(&["files_dir"]))
        .extract_inner("files_dir")
        .unwrap_or_else(|_| defaults::files_dir())
}

pub fn database_url(key: &'static str) -> anyhow::Result<SecretString> {
    let mut figment = Figment::new();
    if let Ok(path) = std::env::var("ATELIER_CONFIG") {
        figment = figment.merge(Toml::file(path));
    }
    let value: Option<SecretString> = figment.merge(Env::prefixed("ATELIER_").only(&[key])).extract_inner(key).ok();
    value.ok_or_else(|| anyhow::anyhow!("set ATELIER_{}", key.to_uppercase()))
}

impl LogFormat {
    pub fn from_env() -> LogFormat {
        match std::env::var("ATELIER_LOG_FORMAT").as_deref() {
            Ok("json") => LogFormat::Json,
            _ => LogFormat::Pretty,
        }
    }
}

impl Settings {
    /// The address mail is sent from.
    pub fn mail_sender(&self) -> String {
        self.mail_from.clone().unwrap_or_else(|| format!("no-reply@{}", self.platform_domain))
    }

    /// Reads the environment (and `ATELIER_CONFIG`'s file, if set) and checks the result.
    pub fn load() -> anyhow::Result<Settings> {
        let mut figment = Figment::new();
        if let Ok(path) = std::env::var("ATELIER_CONFIG") {
            anyhow::ensure!(Path::new(&path).is_file(), "ATELIER_CONFIG names `{path}`, which is not a file");
            figment = figment.merge(Toml::file(path));
        }
        let settings: Settings = figment
            .merge(Env::prefixed("ATELIER_").ignore(&["config"]))
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        settings.check()?;
        Ok(settings)
    }

    pub fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.jwt_secret.expose_secret().len() >= 32,
            "ATELIER_JWT_SECRET must be at least 32 bytes long"
        );
        anyhow::ensure!(self.access_token_ttl_secs > 0, "ATELIER_ACCESS_TOKEN_TTL_SECS must be positive");
        anyhow::ensure!(self.refresh_token_ttl_secs > 0, "ATELIER_REFRESH_TOKEN_TTL_SECS must be positive");
        anyhow::ensure!(self.login_window_secs > 0, "ATELIER_LOGIN_WINDOW_SECS must be positive");
        anyhow::ensure!(!self.platform_domain.is_empty(), "ATELIER_PLATFORM_DOMAIN must not be empty");
        if let Some(pattern) = &self.sites_url {
            anyhow::ensure!(
                pattern.contains("{slug}"),
                "ATELIER_SITES_URL must contain {{slug}}, like http://{{slug}}.sites.example.com/"
            );
        }
        if let Some(url) = &self.ai_base_url {
            anyhow::ensure!(
                url.starts_with("http://") || url.starts_with("https://"),
                "ATELIER_AI_BASE_URL must be an http(s) URL, like https://api.openai.com/v1"
            );
        }
        anyhow::ensure!(self.ai_timeout_secs > 0, "ATELIER_AI_TIMEOUT_SECS must be positive");
        self.port_range()?;
        self.runtime_kind()?;
        anyhow::ensure!(self.deploy_concurrency > 0, "ATELIER_DEPLOY_CONCURRENCY must be positive");
        anyhow::ensure!(self.deploy_stale_secs >= 2, "ATELIER_DEPLOY_STALE_SECS must be at least 2");
        Ok(())
    }

    /// `ATELIER_SITE_PORTS` as an inclusive range.
    pub fn port_range(&self) -> anyhow::Result<(u16, u16)> {
        let (low, high) = self
            .site_ports
            .split_once('-')
            .and_then(|(l, h)| Some((l.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)))
            .filter(|(l, h)| 1024 <= *l && l <= h)
            .ok_or_else(|| anyhow::anyhow!("ATELIER_SITE_PORTS must be a range like 20000-20999 (above 1023)"))?;
        Ok((low, high))
    }

    pub fn runtime_kind(&self) -> anyhow::Result<atelier_deployer::RuntimeKind> {
        match self.runtime.as_str() {
            "process" => Ok(atelier_deployer::RuntimeKind::Process),
            "docker" => Ok(atelier_deployer::RuntimeKind::Docker),
            other => anyhow::bail!("ATELIER_RUNTIME is `{other}`; use process or docker"),
        }
    }

    /// The address of a published site.
    pub fn site_url(&self, slug: &str) -> String {
        match &self.sites_url {
            Some(pattern) => pattern.replace("{slug}", slug),
            None => format!("http://{slug}.sites.{}{}/", self.platform_domain, self.bind_port_suffix()),
        }
    }

    /// The origin of the app on `host` (`https://acme.example`), for links in mail.
    pub fn app_origin(&self, host: &str) -> String {
        match &self.app_url {
            Some(pattern) => pattern.replace("{host}", host).trim_end_matches('/').to_owned(),
            None => format!("http://{host}{}", self.bind_port_suffix()),
        }
    }

    /// `:8080`, or nothing for port 80 (or a port the system picks).
    fn bind_port_suffix(&self) -> String {
        let port = self.bind.rsplit_once(':').map(|(_, p)| p).filter(|p| *p != "80" && *p != "0");
        port.map(|p| format!(":{p}")).unwrap_or_default()
    }

    pub fn writers_host(&self) -> String {
        format!("writers.{}", self.platform_domain)
    }
    pub fn staff_host(&self) -> String {
        format!("staff.{}", self.platform_domain)
    }
    pub fn api_host(&self) -> String {
        format!("api.{}", self.platform_domain)
    }
}
