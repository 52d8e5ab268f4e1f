//! The harness: the real server with the built apps, one Chromium per test under its own
//! chromedriver, and steps that wait for the page instead of sleeping.

use std::collections::HashSet;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use atelier_api::testing::{self, Spawned};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub const WAIT: Duration = Duration::from_secs(20);

/// `assert_eq!` for test steps: it returns an error instead of panicking, so that `finish`
/// still runs and saves the `-FAILED` screenshot.
#[macro_export]
macro_rules! check_eq {
    ($left:expr, $right:expr) => {{
        let (left, right) = ($left, $right);
        anyhow::ensure!(left == right, "{} is {left:?}, expected {right:?}", stringify!($left));
    }};
}

fn screenshots() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("screenshots")
}

pub async fn spawn_server(adjust: impl FnOnce(&mut atelier_api::Settings)) -> Spawned {
    let web_dir = PathBuf::from(testing::env("ATELIER_E2E_WEB_DIR"));
    assert!(web_dir.join("clients/index.html").is_file(), "the apps are not built in {}", web_dir.display());
    testing::spawn(move |s| {
        s.web_dir = web_dir;
        adjust(s);
    })
    .await
}

/// One Chromium under its own chromedriver, closed (with a screenshot) by `finish`.
pub struct Browser {
    name: &'static str,
    pub client: Client,
    driver: Child,
    port: u16,
    /// Page states axe has checked already (address, element count, open dialogs).
    audited: Mutex<HashSet<String>>,
}

/// axe-core's source (installed by `cargo xtask test`), read once.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = testing::env("ATELIER_E2E_AXE");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("axe-core at {path}: {e}"))
    })
}

/// Runs axe on the page and answers its serious and critical findings as JSON lines.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] })
  .then((r) => done(r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)))
  .catch((e) => done([`axe failed: ${e}`]));
"#;

/// Where a test's browser saves what it downloads.
fn downloads_of(name: &str) -> std::path::PathBuf {
    atelier_api::testing::run_dir().join(format!("atelier-downloads-{name}-{}", std::process::id()))
}

impl Browser {
    /// The bytes of the file named `name` the browser downloaded, once it is complete.
    pub async fn downloaded(&self, name: &str) -> anyhow::Result<Vec<u8>> {
        let path = downloads_of(self.name).join(name);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(bytes) = std::fs::read(&path)
                && !bytes.is_empty()
            {
                return Ok(bytes);
            }
            if Instant::now() > deadline {
                bail!("{} was never downloaded", path.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn start(name: &'static str, server: &Spawned) -> Browser {
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
        let profile = atelier_api::testing::run_dir().join(format!("atelier-chromium-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let _ = std::fs::remove_dir_all(downloads_of(name));
        let _ = std::fs::create_dir_all(downloads_of(name));
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
                "prefs": {
                    "intl.accept_languages": "en-US,en",
                    "download.default_directory": downloads_of(name).display().to_string(),
                    "download.prompt_for_download": false
                }
            }
        });
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a WebDriver session with Chromium");
        Browser { name, client, driver, port: server.port, audited: Mutex::new(HashSet::new()) }
    }

    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    /// Goes to a page (the one it leaves is checked by axe first).
    pub async fn open(&self, host: &str, path: &str) -> anyhow::Result<()> {
        self.audit().await?;
        Ok(self.client.goto(&self.url(host, path)).await?)
    }

    /// axe-core on the page as it is now: any serious or critical finding fails the test.
    /// A page is checked again whenever its content changed (another address, another
    /// number of elements, a dialog opened), so pages that change in place are covered.
    pub async fn audit(&self) -> anyhow::Result<()> {
        let url = self.client.current_url().await?.to_string();
        if !url.starts_with("http") {
            return Ok(());
        }
        let shape = self
            .client
            .execute(
                "return location.href + ' ' + document.querySelectorAll('*').length + ' ' + document.querySelectorAll('dialog[open]').length;",
                vec![],
            )
            .await?;
        let state = shape.as_str().unwrap_or(&url).to_owned();
        if self.audited.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&state) {
            return Ok(());
        }
        let loaded = self.client.execute("return typeof axe !== 'undefined';", vec![]).await?;
        if loaded != json!(true) {
            self.client.execute(&format!("{};\nreturn true;", axe_source()), vec![]).await?;
        }
        let findings = self.client.execute_async(AXE_RUN, vec![]).await?;
        let findings: Vec<String> = serde_json::from_value(findings).context("axe's answer")?;
        if !findings.is_empty() {
            let report = format!("accessibility findings on {url}:\n{}", findings.join("\n"));
            // `ATELIER_E2E_AXE_REPORT_ONLY=1`: list every page's findings in one run (to fix
            // them all at once) instead of failing at the first.
            if std::env::var_os("ATELIER_E2E_AXE_REPORT_ONLY").is_some() {
                eprintln!("AXE {}: {report}", self.name);
            } else {
                bail!("{report}");
            }
        }
        self.audited.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(state);
        Ok(())
    }

    /// The text of the first element matching `css`, once it exists and is not empty.
    pub async fn text(&self, css: &str) -> anyhow::Result<String> {
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
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> anyhow::Result<String> {
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

    /// Waits until `css`'s whole text (trimmed) is `expected`: for numbers, where "1" is
    /// also in "10" and "21".
    pub async fn wait_for_exact(&self, css: &str, expected: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(css).await.unwrap_or_default();
            if text.trim() == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("`{css}` says {text:?}, never exactly {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css` (a count that goes once read, a dialog that closes).
    pub async fn wait_for_none(&self, css: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        while !self.client.find_all(Locator::Css(css)).await?.is_empty() {
            if Instant::now() > deadline {
                bail!("`{css}` is still there after {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let field = self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
        field.clear().await?;
        Ok(field.send_keys(text).await?)
    }

    /// Clicks, once the element is there; the page is checked by axe first (a click may
    /// leave it), after the wait, so what axe sees is the rendered page.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let element = self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
        self.audit().await?;
        Ok(element.click().await?)
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> anyhow::Result<()> {
        self.type_into("#field-email", email).await?;
        self.type_into("#field-password", password).await?;
        self.click("[data-test=submit]").await
    }

    /// A CSS property of the first element matching `css`, as the browser computed it.
    pub async fn computed(&self, css: &str, property: &str) -> anyhow::Result<String> {
        let value = self
            .client
            .execute(
                "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
                vec![json!(css), json!(property)],
            )
            .await?;
        value.as_str().map(str::to_owned).context("not a string")
    }

    /// Saves `screenshots/<test>-<label>.png` of the page as it is now (for looking at a
    /// step of a longer flow).
    pub async fn snapshot(&self, label: &str) -> anyhow::Result<()> {
        std::fs::create_dir_all(screenshots())?;
        let png = self.client.screenshot().await?;
        std::fs::write(screenshots().join(format!("{}-{label}.png", self.name)), png)?;
        Ok(())
    }

    /// Screenshot (always), close the browser, and fail the test if the steps failed.
    pub async fn finish(mut self, outcome: anyhow::Result<()>) {
        // The last page is checked too.
        let outcome = match outcome {
            Ok(()) => self.audit().await,
            failed => failed,
        };
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
