//! Developer and CI orchestration.
//!
//! - `cargo xtask dev`: install what is missing, start PostgreSQL and Redis, migrate, seed,
//!   and run the API and a worker until Ctrl-C (which stops everything it started).
//! - `cargo xtask test`: the same services, then every test of the workspace.
//! - `cargo xtask services start|stop`: just the services.

mod docker;
mod runs;
mod services;
mod web;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use services::Services;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => dev(),
        Some("test") => test(&args[1..]),
        Some("bench") => bench(args.get(1).map(String::as_str)),
        Some("web") => build_web(),
        Some("sizes") => web::report_sizes(&root()).map(|_| ExitCode::SUCCESS),
        Some("services") => match args.get(1).map(String::as_str) {
            Some("start") => services_start(),
            Some("stop") => services_stop(),
            _ => usage(),
        },
        _ => usage(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> anyhow::Result<ExitCode> {
    eprintln!(
        "usage: cargo xtask <command>\n\n  dev                      install, start services, migrate, seed, serve (Ctrl-C stops)\n  test [-- <cargo test args>]  start services and run every test\n  web                      install the WASM toolchain, build the three apps, print their sizes\n  sizes                    print the built apps' .wasm sizes, raw and gzipped\n  bench rls                the cost of row-level security, as a printed ratio\n  bench render             render time of a 10-page site (median), per template\n  bench rapide             Mode Rapide API latency (median, p95) against a signed-in read\n  bench deploy             Mode Rapide → live site (median, p95) and live-log fan-out to 1,000 viewers\n  bench session            the per-request account check: cached against asked of PostgreSQL\n  bench flood              p50/p99 of a signed-in read without, during and after a registration flood\n  bench notify             notification push latency (p50/p99) to 3 and to 1,003 connected people\n  services start|stop      only the local PostgreSQL and Redis"
    );
    Ok(ExitCode::from(2))
}

pub fn root() -> PathBuf {
    // crates/xtask → the workspace root. `cargo run` (the `cargo xtask` alias) says where
    // this checkout's xtask is; the path compiled in may be another clone's, since clones
    // sharing a target folder share its artifacts.
    let manifest =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest.ancestors().nth(2).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// `program arg arg…`: how a failed command is named. Never `{cmd:?}`, which would print
/// the environment, secrets included.
fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let status = cmd.status().with_context(|| format!("starting {}", describe(cmd)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", describe(cmd));
    }
    Ok(())
}

/// Runs a command, showing its output only when it fails.
pub fn run_quiet(cmd: &mut Command) -> anyhow::Result<()> {
    let out = cmd.output().with_context(|| format!("starting {}", describe(cmd)))?;
    if !out.status.success() {
        bail!(
            "`{}` failed with {}\n{}{}",
            describe(cmd),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn services_start() -> anyhow::Result<ExitCode> {
    services::ensure_packages(&[])?;
    let s = Services::start(&root())?;
    s.ensure_database("atelier")?;
    s.ensure_app_role()?;
    // Ready to `export` (or `set -a; . file`) for running `atelier` by hand.
    println!("ATELIER_DATABASE_URL={}", s.app_url("atelier"));
    println!("ATELIER_MIGRATION_DATABASE_URL={}", s.owner_url("atelier"));
    println!("ATELIER_REDIS_URL={}", s.redis_url(0));
    Ok(ExitCode::SUCCESS)
}

fn services_stop() -> anyhow::Result<ExitCode> {
    Services::running(&root())?.stop();
    Ok(ExitCode::SUCCESS)
}

/// A stable JWT secret for development, kept in `.data/`, so sessions survive restarts.
fn dev_jwt_secret(data: &Path) -> anyhow::Result<String> {
    use std::io::Read;
    let file = data.join("jwt_secret");
    if let Ok(secret) = std::fs::read_to_string(&file)
        && secret.trim().len() >= 32
    {
        return Ok(secret.trim().to_owned());
    }
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(&file, &secret)?;
    Ok(secret)
}

fn dev() -> anyhow::Result<ExitCode> {
    let root = root();
    services::ensure_packages(&[])?;
    let stop_requested = Arc::new(AtomicBool::new(false));
    {
        let flag = stop_requested.clone();
        ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).context("installing the Ctrl-C handler")?;
    }
    let services = Services::start(&root)?;
    let outcome = dev_inner(&root, &services, &stop_requested);
    services.stop();
    outcome
}

fn dev_inner(root: &Path, services: &Services, stop_requested: &AtomicBool) -> anyhow::Result<ExitCode> {
    services.ensure_database("atelier")?;
    services.ensure_app_role()?;
    web::ensure_toolchain()?;
    web::build_apps(root)?;
    println!("==> building atelier");
    run(Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "atelier", "-p", "atelier-siteserver"])
        .current_dir(root))?;
    let bin = target_dir().join("debug").join("atelier");
    let bind = std::env::var("ATELIER_BIND").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let env = [
        ("ATELIER_DATABASE_URL", services.app_url("atelier")),
        ("ATELIER_MIGRATION_DATABASE_URL", services.owner_url("atelier")),
        ("ATELIER_REDIS_URL", services.redis_url(0)),
        ("ATELIER_JWT_SECRET", dev_jwt_secret(&services.data)?),
        ("ATELIER_BIND", bind),
        ("ATELIER_WEB_DIR", web::dist_dir(root).display().to_string()),
    ];
    let atelier = |sub: &str| {
        let mut cmd = Command::new(&bin);
        cmd.arg(sub).envs(env.iter().map(|(k, v)| (*k, v.as_str()))).current_dir(root);
        cmd
    };
    run(&mut atelier("migrate"))?;
    run(&mut atelier("seed"))?;

    let mut children: Vec<(&str, Child)> = Vec::new();
    for name in ["serve", "worker"] {
        children.push((name, atelier(name).spawn().with_context(|| format!("starting atelier {name}"))?));
    }
    println!("==> running; press Ctrl-C to stop everything this command started");

    let mut failure = None;
    'watch: while !stop_requested.load(Ordering::SeqCst) {
        for (name, child) in &mut children {
            if let Some(status) = child.try_wait()? {
                failure = Some(format!("atelier {name} exited with {status}"));
                break 'watch;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("==> stopping");
    for (_, child) in &mut children {
        // SIGINT asks for a graceful stop (finish in-flight requests).
        let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    for (_, child) in &mut children {
        while child.try_wait()?.is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    // Published demo sites run in their own processes (so that a real worker can restart
    // without taking sites down); here, stopping everything means them too. The next
    // `cargo xtask dev` starts them again.
    runs::end_site_servers(&root.join(".data/sites"));
    match failure {
        Some(message) => bail!(message),
        None => Ok(ExitCode::SUCCESS),
    }
}

fn test(extra: &[String]) -> anyhow::Result<ExitCode> {
    let root = root();
    let setup = runs::setup_lock()?;
    services::ensure_packages(&[])?;
    web::ensure_toolchain()?;
    web::ensure_browser()?;
    let mail_server = web::ensure_mail_server()?;
    let run = runs::Run::begin()?;
    let services = Services::start(&root)?;
    // What interrupted runs left (never a live run's: none begins while this lock is held).
    let prepared = services.ensure_app_role().and_then(|()| run.clean_abandoned(&services));
    // The docker runtime's tests need an engine.
    let engine = prepared.and_then(|()| docker::ensure_engine(&services.data));
    drop(setup);
    println!("==> test run {} (its folders: {})", run.id, run.dir.display());
    let outcome = engine.and_then(|()| test_inner(&root, &services, &run, &mail_server, extra));
    if let Err(e) = run.end(&services) {
        eprintln!("xtask: cleaning up after run {}: {e:#}", run.id);
    }
    runs::stop_services(&run, &services);
    outcome
}

fn test_inner(
    root: &Path,
    services: &Services,
    this_run: &runs::Run,
    mail_server: &Path,
    extra: &[String],
) -> anyhow::Result<ExitCode> {
    web::build_apps(root)?;
    // The budget is part of the tests: a build over it fails them.
    anyhow::ensure!(web::report_sizes(root)?, "a web app is over its 400 KB gzipped budget (sizes above)");
    // The site server the deployment tests run, next to the test binaries, and its static
    // build for the docker runtime's tests.
    run(Command::new(env!("CARGO")).args(["build", "--quiet", "-p", "atelier-siteserver"]).current_dir(root))?;
    let static_siteserver = docker::static_siteserver(root)?;
    // Copies of the run's own: the target folder is shared, and another clone building its
    // site server there would replace the binary this run's tests start.
    let own = |built: &Path| -> anyhow::Result<PathBuf> {
        let name = built.parent().and_then(Path::file_name).map_or_else(|| "bin".into(), |d| d.to_os_string());
        let copy = this_run.dir.join("bin").join(name).join("atelier-siteserver");
        std::fs::create_dir_all(copy.parent().unwrap_or(&this_run.dir))?;
        std::fs::copy(built, &copy).with_context(|| format!("copying {}", built.display()))?;
        Ok(copy)
    };
    let siteserver = own(&target_dir().join("debug").join("atelier-siteserver"))?;
    let static_siteserver = own(&static_siteserver)?;
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["test", "--workspace", "--exclude", "atelier-frontend"])
        .args(extra.iter().skip_while(|a| *a == "--"))
        .env("ATELIER_TEST_DATABASE_URL", services.owner_url("postgres"))
        .env("ATELIER_TEST_APP_DATABASE_URL", services.app_url("postgres"))
        .env("ATELIER_TEST_REDIS_URL", services.redis_url(1))
        .env("ATELIER_E2E_WEB_DIR", web::dist_dir(root))
        .env("ATELIER_E2E_AXE", web::axe_script())
        .env("ATELIER_TEST_AIOSMTPD_PYTHON", mail_server)
        .env("ATELIER_TEST_STATIC_SITESERVER", &static_siteserver)
        .env("ATELIER_TEST_SITESERVER", &siteserver)
        .env("ATELIER_TEST_RUN", &this_run.id)
        .env("ATELIER_TEST_RUN_DIR", &this_run.dir)
        .current_dir(root)
        .status()
        .context("running cargo test");
    let mut status = status?;
    // The apps' own logic (charts' scales, …), natively, once per app.
    for app in web::APPS {
        if !status.success() {
            break;
        }
        status = Command::new(env!("CARGO"))
            .args(["test", "--quiet", "-p", "atelier-frontend", "--lib", "--features", web::features_of(app)])
            .current_dir(root)
            .status()
            .with_context(|| format!("testing the {app} app's logic"))?;
    }
    println!("==> tests finished in {:.1} s", started.elapsed().as_secs_f64());
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn bench(which: Option<&str>) -> anyhow::Result<ExitCode> {
    if which == Some("render") {
        run(Command::new(env!("CARGO"))
            .args(["bench", "--quiet", "-p", "atelier-sitegen", "--bench", "render"])
            .current_dir(root()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let package = match which {
        Some("rls") => "atelier-db",
        Some("rapide" | "deploy" | "session" | "flood" | "notify") => "atelier-api",
        _ => return usage(),
    };
    let name = which.unwrap_or_default();
    let root = root();
    services::ensure_packages(&[])?;
    let services = Services::start(&root)?;
    let outcome = services.ensure_app_role().and_then(|()| {
        run(Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--release", "-p", "atelier-siteserver"])
            .current_dir(&root))?;
        let static_siteserver = docker::static_siteserver(&root)?;
        if name == "deploy" {
            docker::ensure_engine(&services.data)?;
        }
        run(Command::new(env!("CARGO"))
            .args(["bench", "--quiet", "-p", package, "--bench", name])
            .env("ATELIER_TEST_STATIC_SITESERVER", &static_siteserver)
            .env("ATELIER_BENCH_DATABASE_URL", services.owner_url("postgres"))
            .env("ATELIER_BENCH_APP_DATABASE_URL", services.app_url("postgres"))
            .env("ATELIER_TEST_DATABASE_URL", services.owner_url("postgres"))
            .env("ATELIER_TEST_APP_DATABASE_URL", services.app_url("postgres"))
            .env("ATELIER_TEST_REDIS_URL", services.redis_url(1))
            .current_dir(&root))
    });
    services.stop();
    outcome.map(|()| ExitCode::SUCCESS)
}

fn build_web() -> anyhow::Result<ExitCode> {
    let root = root();
    web::ensure_toolchain()?;
    web::build_apps(&root)?;
    let within_budget = web::report_sizes(&root)?;
    Ok(if within_budget { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
