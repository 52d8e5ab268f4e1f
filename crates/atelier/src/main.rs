//! `atelier`: the one binary operators run.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use anyhow::Context;
use atelier_api::config::{self, LogFormat};
use atelier_api::{Application, Settings, seed, telemetry};
use atelier_db::users::{self, NewUser};
use atelier_db::{Db, Scope};
use atelier_types::Role;
use atelier_types::validation::{check_display_name, check_email, check_new_password, normalize_email};
use clap::{Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};

#[derive(Parser)]
#[command(name = "atelier", version, about = "Atelier: a white-label website generator portal")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (and, once built, the three apps) on ATELIER_BIND.
    Serve,
    /// Run the deployment worker until SIGINT/SIGTERM (published sites keep serving).
    Worker,
    /// Apply pending database migrations (safe to repeat).
    Migrate,
    /// Create or refresh the demo tenants and accounts (password: ATELIER_DEMO_PASSWORD).
    Seed,
    /// Create a superadmin, or reset an existing platform account to one.
    CreateSuperadmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Superadmin")]
        name: String,
        /// Read the password from standard input instead of ATELIER_SUPERADMIN_PASSWORD.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// The application's scoped handle (`ATELIER_DATABASE_URL`, never a superuser).
async fn database() -> anyhow::Result<Db> {
    let url = config::database_url("database_url")?;
    Db::connect(url.expose_secret(), 4).await.context("connecting to PostgreSQL (ATELIER_DATABASE_URL)")
}

/// The tables' owner, for migrations: `ATELIER_MIGRATION_DATABASE_URL`, else
/// `ATELIER_DATABASE_URL` (which then must be allowed to create tables).
async fn owner_database() -> anyhow::Result<atelier_db::PgPool> {
    let url = config::database_url("migration_database_url").or_else(|_| config::database_url("database_url"))?;
    atelier_db::connect_owner(url.expose_secret(), 2)
        .await
        .context("connecting to PostgreSQL as the owner (ATELIER_MIGRATION_DATABASE_URL)")
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(LogFormat::from_env());
    // Before any HTTP client exists (the generator, the site proxy, health checks).
    atelier_api::generation::install_tls_provider();
    // A person reads this: the cause chain on one line, never a backtrace.
    match run(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve().await,
        Command::Worker => worker().await,
        Command::Migrate => {
            let pool = owner_database().await?;
            let before = applied(&pool).await;
            atelier_db::migrate(&pool).await.context("applying migrations")?;
            let after = applied(&pool).await;
            println!("migrations: {} applied now, {after} in total", after - before);
            Ok(())
        }
        Command::Seed => {
            let db = database().await?;
            let password =
                std::env::var("ATELIER_DEMO_PASSWORD").unwrap_or_else(|_| seed::DEFAULT_DEMO_PASSWORD.into());
            let platform = std::env::var("ATELIER_PLATFORM_DOMAIN").unwrap_or_else(|_| "localhost".into());
            let files = atelier_app::files::LocalDisk::open(&config::files_dir()).context("opening the file store")?;
            let demo = seed::demo(&db, &files, SecretString::from(password.clone()), &platform).await?;
            // A demo password exists to be read: printing it is the point.
            println!("Demo accounts, all with the password `{password}` (ATELIER_DEMO_PASSWORD):");
            for account in &demo.accounts {
                println!(
                    "  {:<30} {:<11} on {:<18} {}",
                    account.email,
                    account.role.as_str(),
                    account.host,
                    account.note
                );
            }
            Ok(())
        }
        Command::CreateSuperadmin { email, name, password_stdin } => {
            create_superadmin(email, name, password_stdin).await
        }
    }
}

async fn applied(pool: &atelier_db::PgPool) -> i64 {
    // Before the first migration the bookkeeping table does not exist: that is zero.
    atelier_db::applied_migrations(pool).await.unwrap_or(0)
}

async fn serve() -> anyhow::Result<()> {
    let settings = Settings::load()?;
    let platform = settings.platform_domain.clone();
    let app = Application::build(settings).await?;
    let port = app.port();
    tracing::info!(port, "listening");
    println!("Atelier is serving on http://localhost:{port}");
    println!("  clients apps:  http://acme.{platform}:{port}  http://globex.{platform}:{port}");
    println!("  writers app:   http://writers.{platform}:{port}");
    println!("  staff app:     http://staff.{platform}:{port}");
    println!("  API docs:      http://api.{platform}:{port}/api/docs/");
    app.run_until_stopped().await?;
    tracing::info!("server stopped");
    Ok(())
}

/// No job queue exists yet; the worker proves it can reach its dependencies, then idles
/// until asked to stop, so process supervision can already be wired up.
async fn worker() -> anyhow::Result<()> {
    let settings = Settings::load()?;
    let db = database().await?;
    db.applied_migrations().await.context("the database is not migrated; run `atelier migrate`")?;
    db.close().await;
    // A running deployment finishes (up to a minute) before the worker exits; published
    // sites keep serving, in their own processes.
    atelier_api::worker::run(&settings, shutdown_signal()).await?;
    tracing::info!("worker stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = ctrl_c.await;
                return;
            }
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

async fn create_superadmin(email: String, name: String, password_stdin: bool) -> anyhow::Result<()> {
    let password = if password_stdin {
        if std::io::stdin().is_terminal() {
            eprintln!("Type the password, then press Enter and Ctrl-D:");
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        std::env::var("ATELIER_SUPERADMIN_PASSWORD")
            .context("set ATELIER_SUPERADMIN_PASSWORD or pass --password-stdin")?
    };
    let password = SecretString::from(password);
    let mut errors = Vec::new();
    check_email("email", &email, &mut errors);
    check_display_name("name", &name, &mut errors);
    check_new_password("password", password.expose_secret(), &mut errors);
    if !errors.is_empty() {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {}: {}", e.field, e.message)).collect();
        anyhow::bail!("cannot create the superadmin:\n{}", lines.join("\n"));
    }
    let db = database().await?;
    let hash = atelier_api::auth::password::hash(password).await?;
    let email = normalize_email(&email);
    let mut tx = db.begin(&Scope::platform()).await?;
    let user = users::upsert(
        &mut tx,
        &NewUser {
            website_id: None,
            role: Role::Superadmin,
            email: &email,
            display_name: name.trim(),
            password_hash: &hash,
            verified: true,
        },
    )
    .await?;
    tx.commit().await?;
    println!("superadmin {} ready (id {})", user.email, user.id);
    Ok(())
}
