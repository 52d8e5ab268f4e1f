//! The three apps in a real browser. Each test saves `screenshots/<test>.png` (or
//! `<test>-FAILED.png`), so a failure can be looked at.

// In tests a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use atelier_api::testing::{self, PASSWORD, Spawned};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// `assert_eq!` for test steps: it returns an error instead of panicking, so that `finish`
/// still runs and saves the `-FAILED` screenshot.
macro_rules! check_eq {
    ($left:expr, $right:expr) => {{
        let (left, right) = ($left, $right);
        anyhow::ensure!(left == right, "{} is {left:?}, expected {right:?}", stringify!($left));
    }};
}

fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots")
}

async fn spawn_server(adjust: impl FnOnce(&mut atelier_api::Settings)) -> Spawned {
    let web_dir = PathBuf::from(testing::env("ATELIER_E2E_WEB_DIR"));
    assert!(web_dir.join("clients/index.html").is_file(), "the apps are not built in {}", web_dir.display());
    testing::spawn(move |s| {
        s.web_dir = web_dir;
        adjust(s);
    })
    .await
}

/// One Chromium under its own chromedriver, closed (with a screenshot) by `finish`.
struct Browser {
    name: &'static str,
    client: Client,
    driver: Child,
    port: u16,
}

impl Browser {
    async fn start(name: &'static str, server: &Spawned) -> Browser {
        let driver_port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (installed by `cargo xtask test`)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = std::env::temp_dir().join(format!("atelier-chromium-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,860",
                    "--lang=en-US", format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {"intl.accept_languages": "en-US,en"}
            }
        });
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a WebDriver session with Chromium");
        Browser { name, client, driver, port: server.port }
    }

    fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    async fn open(&self, host: &str, path: &str) -> anyhow::Result<()> {
        Ok(self.client.goto(&self.url(host, path)).await?)
    }

    /// The text of the first element matching `css`, once it exists and is not empty.
    async fn text(&self, css: &str) -> anyhow::Result<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                let text = element.text().await.unwrap_or_default();
                if !text.trim().is_empty() {
                    return Ok(text);
                }
            }
            if Instant::now() > deadline {
                bail!("nothing with text matched `{css}` within {WAIT:?} (at {})", self.client.current_url().await?);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `css` has a text containing `expected`.
    async fn wait_for_text(&self, css: &str, expected: &str) -> anyhow::Result<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(css).await.unwrap_or_default();
            if text.contains(expected) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                bail!("`{css}` says {text:?}, never {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let field = self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
        field.clear().await?;
        Ok(field.send_keys(text).await?)
    }

    async fn click(&self, css: &str) -> anyhow::Result<()> {
        Ok(self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?.click().await?)
    }

    async fn sign_in(&self, email: &str, password: &str) -> anyhow::Result<()> {
        self.type_into("#field-email", email).await?;
        self.type_into("#field-password", password).await?;
        self.click("[data-test=submit]").await
    }

    /// A CSS property of the first element matching `css`, as the browser computed it.
    async fn computed(&self, css: &str, property: &str) -> anyhow::Result<String> {
        let value = self
            .client
            .execute(
                "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
                vec![json!(css), json!(property)],
            )
            .await?;
        value.as_str().map(str::to_owned).context("not a string")
    }

    /// Screenshot (always), close the browser, and fail the test if the steps failed.
    async fn finish(mut self, outcome: anyhow::Result<()>) {
        std::fs::create_dir_all(screenshots()).unwrap();
        let file = match &outcome {
            Ok(()) => screenshots().join(format!("{}.png", self.name)),
            Err(_) => screenshots().join(format!("{}-FAILED.png", self.name)),
        };
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(&file, png).unwrap();
        }
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Err(e) = outcome {
            panic!("{}: {e:#} (screenshot: {})", self.name, file.display());
        }
    }
}

#[tokio::test]
async fn an_acme_client_signs_in_on_acme_and_sees_acme_branding() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("acme_client_signs_in", &server).await;
    let outcome = async {
        browser.open("acme.localhost", "/").await?;
        // Protected page → the sign-in page, already branded.
        browser.wait_for_text("[data-test=tenant-name]", "Acme Sites").await?;
        browser.wait_for_text("h1", "Sign in").await?;
        check_eq!(browser.computed(".topbar", "background-color").await?, "rgb(225, 29, 72)");
        browser.wait_for_text("[data-test=contact]", "hello@acme.example").await?;
        check_eq!(browser.client.title().await?, "Acme Sites");

        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Alice Martin").await?;
        browser.click("a[href='/profile']").await?;
        browser.wait_for_text("[data-test=profile]", "client@acme.example").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn globex_shows_its_own_branding() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("globex_branding", &server).await;
    let outcome = async {
        browser.open("globex.localhost", "/login").await?;
        browser.wait_for_text("[data-test=tenant-name]", "Globex Web Studio").await?;
        check_eq!(browser.computed(".topbar", "background-color").await?, "rgb(13, 148, 136)");
        browser.wait_for_text("[data-test=contact]", "support@globex.example").await?;
        browser.sign_in("client@globex.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Gabriel Roux").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn a_writer_signs_in_on_the_writers_host() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("writer_signs_in", &server).await;
    let outcome = async {
        browser.open("writers.localhost", "/").await?;
        browser.wait_for_text("[data-test=app-title]", "Writers").await?;
        browser.sign_in("writer@atelier.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Wendy Writer").await?;
        browser.wait_for_text("[data-test=tenants]", "2").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn an_admin_signs_in_on_the_staff_host() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("admin_signs_in", &server).await;
    let outcome = async {
        browser.open("staff.localhost", "/").await?;
        browser.wait_for_text("[data-test=app-title]", "Staff").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Ada Admin").await?;
        browser.wait_for_text("[data-test=role]", "Administrator").await?;
        browser.wait_for_text("[data-test=tenants]", "1").await?;
        // Signing out returns to the sign-in page.
        browser.click("[data-test=sign-out]").await?;
        browser.wait_for_text("h1", "Staff console").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn a_client_is_refused_on_the_staff_host_with_a_clear_message() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("client_refused_on_staff", &server).await;
    let outcome = async {
        browser.open("staff.localhost", "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        let message = browser.wait_for_text("[data-test=form-error]", "incorrect").await?;
        if !message.contains("Clients sign in on their website's own address") {
            bail!("the refusal does not say where clients go: {message:?}");
        }
        // Still on the sign-in page, nothing signed in.
        browser.wait_for_text("h1", "Staff console").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn the_language_switches_to_french_and_is_remembered() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("language_switch", &server).await;
    let outcome = async {
        browser.open("acme.localhost", "/login").await?;
        browser.wait_for_text("h1", "Sign in to your account").await?;
        browser.click("[data-test=lang]").await?;
        browser.wait_for_text("h1", "Connectez-vous à votre compte").await?;
        browser.wait_for_text("label[for=field-password]", "Mot de passe").await?;
        // Remembered across a reload, and announced to assistive technology.
        browser.client.refresh().await?;
        browser.wait_for_text("h1", "Connectez-vous à votre compte").await?;
        let lang = browser.client.execute("return document.documentElement.lang;", vec![]).await?;
        check_eq!(lang, json!("fr"));
        // Errors are translated too.
        browser.sign_in("client@acme.example", "not the password").await?;
        browser.wait_for_text("[data-test=form-error]", "mot de passe est incorrect").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_without_signing_in_again() {
    // Access tokens live 1 s (plus the server's 5 s of leeway).
    let server = spawn_server(|s| s.access_token_ttl_secs = 1).await;
    let browser = Browser::start("token_refresh", &server).await;
    let outcome = async {
        browser.open("writers.localhost", "/login").await?;
        browser.sign_in("writer.acme@atelier.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Will Acme").await?;
        tokio::time::sleep(Duration::from_secs(7)).await;
        // A reload restores the session through /me → token_expired → refresh → retry.
        browser.open("writers.localhost", "/profile").await?;
        browser.wait_for_text("[data-test=profile]", "writer.acme@atelier.example").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn a_visitor_registers_on_globex_with_errors_shown_as_they_type() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("client_registers", &server).await;
    let outcome = async {
        browser.open("globex.localhost", "/login").await?;
        browser.click("a[href='/register']").await?;
        browser.wait_for_text("h1", "Create your account").await?;

        // The shared rules speak as soon as a field is left.
        browser.type_into("#field-email", "not-an-email").await?;
        browser.click("#field-password").await?;
        browser.wait_for_text("#field-email-note", "valid e-mail address").await?;
        browser.type_into("#field-password", "short").await?;
        browser.click("#field-display_name").await?;
        browser.wait_for_text("#field-password-note", "at least 10 characters").await?;

        browser.type_into("#field-display_name", "Grace Hopper").await?;
        browser.type_into("#field-email", "grace@example.com").await?;
        browser.type_into("#field-password", "a long enough password").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=welcome]", "Grace Hopper").await?;
        browser.wait_for_text("[data-test=tenant-name]", "Globex Web Studio").await?;

        // The account exists, and it is Globex's.
        check_eq!(globex_accounts_with(&server, "grace@example.com").await?, 1);
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

/// How many Globex accounts have this e-mail (read as the owner, around the application).
async fn globex_accounts_with(server: &Spawned, email: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "select count(*) from users where email = $1 and website_id = (select id from websites where slug = 'globex')",
    )
    .bind(email)
    .fetch_one(&server.owner)
    .await?)
}
