//! The operator's commands, as the real `atelier` binary runs them: `migrate` (and again,
//! nothing to do), `seed` (twice, the same demo), `create-superadmin` (refusing a weak
//! password, then a working account), and configuration loading: a TOML file named by
//! `ATELIER_CONFIG`, the environment winning over it, and secrets never printed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use atelier_api::testing::{self, TestDatabase};

/// `atelier <args>` with nothing of the test's environment but PATH and `vars`.
fn atelier(args: &[&str], vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(args).env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn database_vars(db: &TestDatabase) -> Vec<(&'static str, String)> {
    vec![("ATELIER_DATABASE_URL", db.app_url.clone()), ("ATELIER_MIGRATION_DATABASE_URL", db.owner_url.clone())]
}

fn borrowed<'a>(vars: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    vars.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn count(db: &TestDatabase, sql: &'static str) -> i64 {
    let pool = atelier_db::connect_owner(&db.owner_url, 1).await.unwrap();
    let n = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn migrate_then_seed_build_the_demo_and_running_either_again_changes_nothing() {
    let db = testing::fresh_database().await;
    let files = testing::scratch("files");
    let mut vars = database_vars(&db);
    vars.push(("ATELIER_FILES_DIR", files.display().to_string()));
    vars.push(("ATELIER_DEMO_PASSWORD", "a-demo-password-of-ours".into()));
    let vars = borrowed(&vars);

    let first = atelier(&["migrate"], &vars).output().unwrap();
    assert!(first.status.success(), "{}", text(&first));
    let said = String::from_utf8_lossy(&first.stdout).into_owned();
    let total: i64 = said.trim().rsplit(' ').nth(2).and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(total > 10 && said.contains(&format!("{total} applied now, {total} in total")), "{said}");
    let again = atelier(&["migrate"], &vars).output().unwrap();
    assert!(again.status.success());
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), format!("migrations: 0 applied now, {total} in total"));

    let seeded = atelier(&["seed"], &vars).output().unwrap();
    assert!(seeded.status.success(), "{}", text(&seeded));
    let listing = String::from_utf8_lossy(&seeded.stdout).into_owned();
    assert!(listing.contains("`a-demo-password-of-ours`"), "the demo password is shown: {listing}");
    for line in ["client@acme.example", "writer@atelier.example", "superadmin@atelier.example"] {
        assert!(listing.contains(line), "{line} missing from {listing}");
    }
    let people = count(&db, "select count(*) from users").await;
    let sites = count(&db, "select count(*) from sites").await;
    let orders = count(&db, "select count(*) from orders").await;
    let reseeded = atelier(&["seed"], &vars).output().unwrap();
    assert!(reseeded.status.success(), "{}", text(&reseeded));
    assert_eq!(
        (count(&db, "select count(*) from users").await, count(&db, "select count(*) from sites").await),
        (people, sites),
        "a second seed adds no one and nothing"
    );
    assert_eq!(count(&db, "select count(*) from orders").await, orders);
}

#[tokio::test]
async fn create_superadmin_refuses_a_weak_password_and_makes_an_account_that_signs_in() {
    let db = testing::fresh_database().await;
    let vars = database_vars(&db);
    let vars = borrowed(&vars);
    assert!(atelier(&["migrate"], &vars).output().unwrap().status.success());

    let run = |password: &str| {
        let mut child = atelier(
            &["create-superadmin", "--email", "Boss@Example.com", "--name", "The Boss", "--password-stdin"],
            &vars,
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
        child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = run("short");
    assert!(!weak.status.success());
    let said = text(&weak);
    assert!(said.contains("password:") && !said.contains("short\n"), "{said}");
    assert_eq!(count(&db, "select count(*) from users where role = 'superadmin'").await, 0, "nothing made");

    let password = "a long and unguessable sentence";
    let made = run(password);
    assert!(made.status.success(), "{}", text(&made));
    let said = text(&made);
    assert!(said.contains("superadmin boss@example.com ready"), "{said}");
    assert!(!said.contains(password), "the password is never printed: {said}");
    // The account signs in on the staff host with that password.
    let spawned = atelier_api::testing::spawn_on(db, |_| {}).await;
    let client = reqwest::Client::builder()
        .resolve("staff.localhost", std::net::SocketAddr::from(([127, 0, 0, 1], spawned.port)))
        .build()
        .unwrap();
    let res = client
        .post(format!("http://staff.localhost:{}/api/v1/auth/login", spawned.port))
        .json(&serde_json::json!({ "email": "boss@example.com", "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Starts `atelier serve` and returns what it printed once it serves (or ended).
fn serve_banner(vars: &[(&str, &str)]) -> (String, bool) {
    let mut child = atelier(&["serve"], vars).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read as it comes: a full pipe would stop the server before its banner.
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let (lines, got) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut printed = String::new();
    let serving = loop {
        if let Ok(line) = got.recv_timeout(Duration::from_millis(100)) {
            printed.push_str(&line);
            printed.push('\n');
            if line.contains("staff app:") {
                break true;
            }
        }
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            break false;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    while let Ok(line) = got.try_recv() {
        printed.push_str(&line);
        printed.push('\n');
    }
    printed.push_str(&errors.join().unwrap_or_default());
    (printed, serving)
}

#[tokio::test]
async fn the_config_file_is_read_the_environment_wins_over_it_and_secrets_are_never_printed() {
    let db = testing::fresh_database().await;
    let redis = testing::env("ATELIER_TEST_REDIS_URL");
    let jwt = "a-jwt-secret-that-must-never-be-printed-0123456789";
    let scratch = testing::scratch("config");
    std::fs::create_dir_all(&scratch).unwrap();
    let file = scratch.join("atelier.toml");
    std::fs::write(
        &file,
        format!(
            "database_url = \"{}\"\nmigration_database_url = \"{}\"\nredis_url = \"{redis}\"\njwt_secret = \"{jwt}\"\n\
             platform_domain = \"from-the-file.example\"\nbind = \"127.0.0.1:0\"\nredis_prefix = \"test:config:{}:\"\n\
             data_dir = \"{}\"\nfiles_dir = \"{}\"\nmail_dir = \"{}\"\n",
            db.app_url,
            db.owner_url,
            uuid::Uuid::new_v4().simple(),
            scratch.join("sites").display(),
            scratch.join("files").display(),
            scratch.join("mail").display(),
        ),
    )
    .unwrap();
    let config = file.display().to_string();

    // The file alone: its platform domain.
    let (printed, serving) = serve_banner(&[("ATELIER_CONFIG", &config)]);
    assert!(serving, "{printed}");
    assert!(printed.contains("http://staff.from-the-file.example:"), "{printed}");
    // The environment wins over the file.
    let (printed, serving) =
        serve_banner(&[("ATELIER_CONFIG", &config), ("ATELIER_PLATFORM_DOMAIN", "from-the-env.example")]);
    assert!(serving, "{printed}");
    assert!(printed.contains("http://staff.from-the-env.example:"), "{printed}");
    assert!(!printed.contains(jwt), "the JWT secret was printed: {printed}");

    // Refused settings say which and why, without the secret's value …
    let short = "too-short-secret";
    let (printed, serving) = serve_banner(&[("ATELIER_CONFIG", &config), ("ATELIER_JWT_SECRET", short)]);
    assert!(!serving);
    assert!(printed.contains("ATELIER_JWT_SECRET must be at least 32 bytes long"), "{printed}");
    assert!(!printed.contains(short), "{printed}");
    // … and a database that refuses the password is named without the password.
    let unreachable = "postgres://atelier:hunter2-never-printed@127.0.0.1:9/atelier";
    let (printed, serving) = serve_banner(&[
        ("ATELIER_CONFIG", &config),
        ("ATELIER_DATABASE_URL", unreachable),
        ("ATELIER_MIGRATION_DATABASE_URL", unreachable),
    ]);
    assert!(!serving);
    assert!(printed.contains("error:"), "{printed}");
    assert!(!printed.contains("hunter2-never-printed"), "a database password was printed: {printed}");
    // A config file that is not there is named.
    let (printed, serving) = serve_banner(&[("ATELIER_CONFIG", "/nonexistent/atelier.toml")]);
    assert!(!serving && printed.contains("ATELIER_CONFIG names `/nonexistent/atelier.toml`"), "{printed}");
}
