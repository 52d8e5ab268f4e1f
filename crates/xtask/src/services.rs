//! Project-local PostgreSQL and Redis: installed from Debian's packages when missing,
//! data under `.data/` in the repository, their own ports, reused when already running.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::{run, run_quiet, succeeds};

pub const PG_PORT: u16 = 55432;
pub const REDIS_PORT: u16 = 56379;
pub const APP_ROLE: &str = "atelier_app";

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// The newest PostgreSQL server binaries Debian installed.
fn pg_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// A tool on PATH, or (when it starts with `/`) a file that a package installs.
fn present(marker: &str) -> bool {
    if marker.starts_with('/') {
        Path::new(marker).exists()
    } else {
        succeeds(Command::new("sh").args(["-c", &format!("command -v {marker}")]))
    }
}

/// Installs the Debian packages that provide what is missing: PostgreSQL and Redis always,
/// plus `extra` (marker, package) pairs, where a marker is a tool name or an absolute path.
pub fn ensure_packages(extra: &[(&str, &str)]) -> anyhow::Result<()> {
    let mut wanted: Vec<&str> = Vec::new();
    if pg_bin().is_none() || !present("psql") {
        wanted.push("postgresql");
    }
    if !present("redis-server") || !present("redis-cli") {
        wanted.push("redis-server");
    }
    for (marker, package) in extra {
        if !present(marker) && !wanted.contains(package) {
            wanted.push(package);
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    println!("==> installing Debian packages: {}", wanted.join(" "));
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut cmd = Command::new(sudo.first().copied().unwrap_or("apt-get"));
        if !sudo.is_empty() {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&wanted);
    run(&mut install).context("apt-get install failed")?;
    Ok(())
}

pub struct Services {
    pub data: PathBuf,
    started_pg: bool,
    started_redis: bool,
}

impl Services {
    /// The superuser: owner of the tables, runs migrations and creates test databases.
    pub fn owner_url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{PG_PORT}/{db}")
    }

    /// The application's role: owns nothing, cannot bypass row-level security.
    pub fn app_url(&self, db: &str) -> String {
        format!("postgres://{APP_ROLE}@127.0.0.1:{PG_PORT}/{db}")
    }

    /// Creates the application's login role (the migrations grant it its rights).
    pub fn ensure_app_role(&self) -> anyhow::Result<()> {
        self.psql(
            "postgres",
            &format!(
                "do $$ begin
                   if not exists (select 1 from pg_roles where rolname = '{APP_ROLE}') then
                     create role {APP_ROLE} login nosuperuser nobypassrls;
                   else
                     alter role {APP_ROLE} login nosuperuser nobypassrls;
                   end if;
                 end $$"
            ),
        )?;
        Ok(())
    }

    pub fn redis_url(&self, db: u8) -> String {
        format!("redis://127.0.0.1:{REDIS_PORT}/{db}")
    }

    /// Starts whatever is not running yet and remembers what it started.
    pub fn start(root: &Path) -> anyhow::Result<Services> {
        let data = data_dir(root)?;
        let started_pg = start_postgres(&data)?;
        let started_redis = start_redis(&data)?;
        Ok(Services { data, started_pg, started_redis })
    }

    /// The services as `start` would have left them, to stop them from another command.
    pub fn running(root: &Path) -> anyhow::Result<Services> {
        Ok(Services { data: data_dir(root)?, started_pg: true, started_redis: true })
    }

    /// Whether `start` started PostgreSQL, Redis.
    pub fn started(&self) -> (bool, bool) {
        (self.started_pg, self.started_redis)
    }

    /// Stops only what `start` started; services that were already running stay up.
    pub fn stop(&self) {
        self.stop_these(self.started_pg, self.started_redis);
    }

    pub fn stop_these(&self, pg: bool, redis: bool) {
        if redis {
            stop_redis();
        }
        if pg {
            stop_postgres(&self.data);
        }
    }

    /// Runs SQL as the superuser against `db`, returning what psql printed.
    pub fn psql(&self, db: &str, sql: &str) -> anyhow::Result<String> {
        let out =
            psql_command(db).args(["-v", "ON_ERROR_STOP=1", "-t", "-A", "-c", sql]).output().context("running psql")?;
        if !out.status.success() {
            bail!("psql failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    pub fn ensure_database(&self, name: &str) -> anyhow::Result<()> {
        let exists = self.psql("postgres", &format!("select 1 from pg_database where datname = '{name}'"))?;
        if exists.trim() != "1" {
            self.psql("postgres", &format!("create database {name}"))?;
        }
        Ok(())
    }
}

pub fn stop_redis() {
    let _ = run_quiet(Command::new("redis-cli").args(["-p", &REDIS_PORT.to_string(), "shutdown", "nosave"]));
    println!("==> Redis stopped");
}

/// Stops the cluster whose data folder is `data`/pg (the one that started it: another
/// clone's, when runs handed it over).
pub fn stop_postgres(data: &Path) {
    let Some(bin) = pg_bin() else { return };
    let dir = data.join("pg");
    match run_quiet(&mut as_postgres(&bin.join("pg_ctl"), &["-D", path(&dir), "-m", "fast", "-w", "stop"])) {
        Ok(()) => println!("==> PostgreSQL stopped"),
        Err(e) => println!("==> PostgreSQL in {} was not stopped: {e:#}", dir.display()),
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// `.data/` in the repository, unless the `postgres` user cannot reach it (a clone under a
/// private home directory): then a folder under /var/tmp named after the repository.
fn data_dir(root: &Path) -> anyhow::Result<PathBuf> {
    let local = root.join(".data");
    std::fs::create_dir_all(&local)?;
    if !is_root() || succeeds(Command::new("runuser").args(["-u", "postgres", "--", "test", "-x", path(&local)])) {
        return Ok(local);
    }
    let name: String =
        root.to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let fallback = PathBuf::from("/var/tmp/atelier-data").join(name);
    std::fs::create_dir_all(&fallback)?;
    println!("==> the postgres user cannot reach {}; keeping service data in {}", local.display(), fallback.display());
    Ok(fallback)
}

/// `initdb` and `postgres` refuse to run as root: run them as the `postgres` user then.
fn as_postgres(tool: &Path, args: &[&str]) -> Command {
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(tool).args(args);
        cmd
    } else {
        let mut cmd = Command::new(tool);
        cmd.args(args);
        cmd
    }
}

/// psql as the superuser on the local cluster, quiet and without ~/.psqlrc.
fn psql_command(db: &str) -> Command {
    let mut cmd = Command::new("psql");
    cmd.args(["-h", "127.0.0.1", "-p", &PG_PORT.to_string(), "-U", "postgres", "-d", db, "-X", "-q"]);
    cmd
}

fn pg_ready() -> bool {
    succeeds(Command::new("pg_isready").args(["-q", "-h", "127.0.0.1", "-p", &PG_PORT.to_string()]))
        || succeeds(psql_command("postgres").args(["-c", "select 1"]))
}

fn start_postgres(data: &Path) -> anyhow::Result<bool> {
    if pg_ready() {
        println!("==> PostgreSQL already running on 127.0.0.1:{PG_PORT}");
        return Ok(false);
    }
    let bin = pg_bin().context("PostgreSQL server binaries not found under /usr/lib/postgresql")?;
    let dir = data.join("pg");
    std::fs::create_dir_all(&dir)?;
    if is_root() {
        run_quiet(Command::new("chown").args(["-R", "postgres:postgres", path(&dir)]))?;
        run_quiet(Command::new("chmod").args(["700", path(&dir)]))?;
    }
    if !dir.join("PG_VERSION").exists() {
        println!("==> creating a PostgreSQL cluster in {}", dir.display());
        run_quiet(&mut as_postgres(
            &bin.join("initdb"),
            &["-D", path(&dir), "-A", "trust", "-U", "postgres", "-E", "UTF8"],
        ))?;
    }
    let log = dir.join("server.log");
    let options = format!(
        "-p {PG_PORT} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off",
        path(&dir)
    );
    println!("==> starting PostgreSQL on 127.0.0.1:{PG_PORT}");
    run_quiet(&mut as_postgres(
        &bin.join("pg_ctl"),
        &["-D", path(&dir), "-o", &options, "-l", path(&log), "-w", "-t", "60", "start"],
    ))
    .with_context(|| format!("PostgreSQL did not start; see {}", log.display()))?;
    wait_for("PostgreSQL", pg_ready)?;
    Ok(true)
}

fn redis_ready() -> bool {
    Command::new("redis-cli")
        .args(["-p", &REDIS_PORT.to_string(), "ping"])
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"PONG"))
}

fn start_redis(data: &Path) -> anyhow::Result<bool> {
    if redis_ready() {
        println!("==> Redis already running on 127.0.0.1:{REDIS_PORT}");
        return Ok(false);
    }
    let dir = data.join("redis");
    std::fs::create_dir_all(&dir)?;
    println!("==> starting Redis on 127.0.0.1:{REDIS_PORT}");
    run_quiet(Command::new("redis-server").args([
        "--port",
        &REDIS_PORT.to_string(),
        "--bind",
        "127.0.0.1",
        "--daemonize",
        "yes",
        "--dir",
        path(&dir),
        "--pidfile",
        path(&dir.join("redis.pid")),
        "--logfile",
        path(&dir.join("redis.log")),
        "--save",
        "",
        "--appendonly",
        "no",
    ]))?;
    wait_for("Redis", redis_ready)?;
    Ok(true)
}

fn wait_for(what: &str, ready: fn() -> bool) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("{what} did not become ready within 30 s")
}
