//! Mail and password reset: the outbox, its delivery into the mail folder and over SMTP (a
//! real SMTP server process, aiosmtpd), and the reset flow as a client and a writer live it.

use std::path::Path;
use std::time::Duration;

use atelier_app::mail::{self, MailFolder, Smtp};
use mail_parser::MessageParser;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, assert_envelope, spawn_app, status_and_json};

/// The mails in `dir`, oldest first, parsed: (file name, subject, text body, html body).
fn mails_in(dir: &Path) -> Vec<(String, String, String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".eml"));
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            let parsed = MessageParser::default().parse(&bytes).expect("a parsable mail");
            let subject = parsed.subject().unwrap_or_default().to_owned();
            let text = parsed.body_text(0).unwrap_or_default().into_owned();
            let html = parsed.body_html(0).unwrap_or_default().into_owned();
            (name, subject, text, html)
        })
        .collect()
}

/// Delivers what the outbox holds into a mail folder, as the worker does.
async fn deliver(app: &TestApp, dir: &Path) -> mail::Delivered {
    let folder = MailFolder::open(dir).unwrap();
    mail::deliver_due(&app.db, &folder, 50).await.unwrap()
}

/// The reset secret in a mail's link.
fn token_in(text: &str) -> String {
    let at = text.find("token=").expect("a reset link") + "token=".len();
    text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    atelier_api::testing::scratch(name)
}

/// A fresh application whose outbox holds nothing yet: the demo's welcome mails (one per
/// client) are delivered first, out of the way.
async fn spawn_with_empty_outbox() -> TestApp {
    let app = spawn_app().await;
    assert_eq!(deliver(&app, &temp_dir("welcome")).await.sent, 4, "the demo welcomes its four clients");
    app
}

#[tokio::test]
async fn the_demo_welcomes_each_client_in_its_brands_mail_once() {
    let app = spawn_app().await;
    let dir = temp_dir("mail");
    deliver(&app, &dir).await;
    let mails = mails_in(&dir);
    let subjects: Vec<&str> = mails.iter().map(|m| m.1.as_str()).collect();
    // Two clients of each brand.
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    assert!(
        subjects.contains(&"Welcome to Acme Sites") && subjects.iter().any(|s| s.contains("Globex")),
        "{subjects:?}"
    );
    let acme = mails.iter().find(|m| m.0.contains("client@acme.example")).unwrap();
    assert!(acme.3.contains("#"), "the brand's colour is in the HTML");
    // Seeding again sends nothing new.
    atelier_app::seed::demo(
        &app.db,
        app.state.files.as_ref(),
        secrecy::SecretString::from(PASSWORD.to_owned()),
        "localhost",
    )
    .await
    .unwrap();
    assert_eq!(deliver(&app, &dir).await, mail::Delivered::default());
}

#[tokio::test]
async fn asking_for_a_reset_answers_the_same_for_a_known_and_an_unknown_address() {
    let app = spawn_with_empty_outbox().await;
    let acme = "acme.localhost";
    let known = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "client@acme.example"})).await;
    let (known_status, known_headers) = (known.status().as_u16(), known.headers().len());
    let known_body = known.bytes().await.unwrap();
    let unknown = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "nobody@acme.example"})).await;
    let (unknown_status, unknown_headers) = (unknown.status().as_u16(), unknown.headers().len());
    let unknown_body = unknown.bytes().await.unwrap();
    assert_eq!((known_status, &known_body), (unknown_status, &unknown_body), "same status, same (empty) body");
    assert_eq!(known_status, 202);
    assert_eq!(known_headers, unknown_headers, "no header tells them apart either");
    // A client of another brand is no account here: nothing is sent for it on Acme's domain.
    let other = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "client@globex.example"})).await;
    assert_eq!(other.status(), 202);

    let dir = temp_dir("mail");
    assert_eq!(deliver(&app, &dir).await, mail::Delivered { sent: 1, failed: 0 }, "one mail: to the known address");
    let mails = mails_in(&dir);
    assert_eq!(mails.len(), 1);
    let (name, subject, text, html) = &mails[0];
    assert!(name.contains("password_reset") && name.contains("client@acme.example"), "{name}");
    assert!(subject.contains("Acme"), "branded: {subject}");
    assert!(text.contains("Alice Martin") && text.contains("http://acme.localhost:"), "{text}");
    assert!(html.contains("reset-password?token="), "{html}");
    // Sent once: a second pass finds nothing due.
    assert_eq!(deliver(&app, &dir).await, mail::Delivered::default());

    let (status, body) =
        status_and_json(app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "not an address"})).await)
            .await;
    assert_eq!(status, 422);
    assert_envelope(&body, "validation_failed");
}

#[tokio::test]
async fn a_reset_link_sets_the_password_once_ends_every_session_and_signs_in() {
    let app = spawn_with_empty_outbox().await;
    let acme = "acme.localhost";
    let before = app.session(acme, "client@acme.example").await;
    let old_refresh = before["refresh_token"].as_str().unwrap().to_owned();
    let old_access = before["access_token"].as_str().unwrap().to_owned();

    let res = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "client@acme.example"})).await;
    assert_eq!(res.status(), 202);
    let dir = temp_dir("mail");
    deliver(&app, &dir).await;
    let token = token_in(&mails_in(&dir)[0].2);

    // A wrong secret, and a weak password, are refused without using the link.
    let confirm = |token: String, password: &'static str| {
        let app = &app;
        async move {
            let body = json!({"token": token, "password": password});
            app.post_json(acme, "/api/v1/auth/password-reset/confirm", &body).await
        }
    };
    let (status, body) = status_and_json(confirm("not-the-token".into(), "a brand new password").await).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["details"]["fields"][0]["code"], "invalid_reset_link");
    let (status, body) = status_and_json(confirm(token.clone(), "short").await).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["fields"][0]["field"], "password");

    let (status, session) = status_and_json(confirm(token.clone(), "a brand new password").await).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["email"], "client@acme.example");
    let access = session["access_token"].as_str().unwrap();
    assert_eq!(app.get_authed(acme, "/api/v1/me", access).await.status(), 200, "signed in on this host");

    // Once only.
    let (status, body) = status_and_json(confirm(token, "yet another password").await).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["fields"][0]["code"], "invalid_reset_link");
    // Every earlier session ended; the old password is gone, the new one works.
    let (status, body) = status_and_json(app.refresh(acme, &old_refresh).await).await;
    assert_eq!(status, 401, "{body}");
    // The access tokens of before stop working at once too (not in 15 minutes), while the
    // new session's work.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(app.get_authed(acme, "/api/v1/me", &old_access).await.status(), 401, "an old access token is refused");
    assert_eq!(app.get_authed(acme, "/api/v1/me", access).await.status(), 200);
    assert_eq!(app.login(acme, "client@acme.example", PASSWORD).await.status(), 401);
    assert_eq!(app.login(acme, "client@acme.example", "a brand new password").await.status(), 200);

    // The owner is told.
    deliver(&app, &dir).await;
    let mails = mails_in(&dir);
    assert_eq!(mails.len(), 2);
    assert!(mails[1].0.contains("password_changed"), "{}", mails[1].0);
}

#[tokio::test]
async fn a_forged_host_header_cannot_point_a_reset_link_elsewhere() {
    let app = spawn_with_empty_outbox().await;
    let body = json!({"email": "client@acme.example"});
    for forged in ["[acme.localhost]@evil.example", "acme.localhost@evil.example"] {
        let res = app
            .client
            .post(app.url("acme.localhost", "/api/v1/auth/password-reset"))
            .header("host", format!("{forged}:{}", app.port))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{forged} is no host of ours");
    }
    let dir = temp_dir("mail");
    assert_eq!(deliver(&app, &dir).await, mail::Delivered::default(), "no mail for a forged host");
    let res = app.post_json("acme.localhost", "/api/v1/auth/password-reset", &body).await;
    assert_eq!(res.status(), 202);
    deliver(&app, &dir).await;
    let text = &mails_in(&dir)[0].2;
    let link = format!("http://acme.localhost:{}/reset-password?token=", app.port);
    assert!(text.contains(&link), "the link is built from the resolved host: {text}");
}

#[tokio::test]
async fn a_link_asked_for_on_one_host_does_not_work_on_another_and_writers_get_platform_mail() {
    let app = spawn_with_empty_outbox().await;
    let res = app
        .post_json("writers.localhost", "/api/v1/auth/password-reset", &json!({"email": "writer@atelier.example"}))
        .await;
    assert_eq!(res.status(), 202);
    let dir = temp_dir("mail");
    deliver(&app, &dir).await;
    let (_, subject, text, _) = mails_in(&dir).remove(0);
    assert!(subject.contains("Atelier"), "platform brand for writers: {subject}");
    assert!(text.contains("http://writers.localhost:"), "the link opens the writers app: {text}");
    let token = token_in(&text);
    let body = json!({"token": token, "password": "a brand new password"});
    let (status, _) =
        status_and_json(app.post_json("staff.localhost", "/api/v1/auth/password-reset/confirm", &body).await).await;
    assert_eq!(status, 422, "the staff host does not take a writers' link");
    let (status, session) =
        status_and_json(app.post_json("writers.localhost", "/api/v1/auth/password-reset/confirm", &body).await).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["role"], "writer");
}

#[tokio::test]
async fn an_address_gets_at_most_three_reset_mails_an_hour_and_an_ip_ten_requests() {
    let app = spawn_with_empty_outbox().await;
    let acme = "acme.localhost";
    for _ in 0..5 {
        let res = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "client@acme.example"})).await;
        assert_eq!(res.status(), 202, "past the address's quota the answer stays the same");
    }
    let dir = temp_dir("mail");
    assert_eq!(deliver(&app, &dir).await.sent, 3);
    for _ in 5..10 {
        let res = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "someone@acme.example"})).await;
        assert_eq!(res.status(), 202);
    }
    let res = app.post_json(acme, "/api/v1/auth/password-reset", &json!({"email": "someone@acme.example"})).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let body: Value = res.json().await.unwrap();
    assert_envelope(&body, "too_many_attempts");
}

/// A failing mailer: every send fails.
struct Broken;

impl mail::Mailer for Broken {
    fn send<'a>(
        &'a self,
        _: &'a atelier_db::mail::MailRow,
    ) -> std::pin::Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
        Box::pin(async { anyhow::bail!("connection refused") })
    }
}

#[tokio::test]
async fn a_mail_that_cannot_be_sent_is_retried_later_and_kept_as_a_dead_letter_after_the_last_try() {
    let app = spawn_with_empty_outbox().await;
    let res =
        app.post_json("acme.localhost", "/api/v1/auth/password-reset", &json!({"email": "client@acme.example"})).await;
    assert_eq!(res.status(), 202);
    assert_eq!(mail::deliver_due(&app.db, &Broken, 10).await.unwrap(), mail::Delivered { sent: 0, failed: 1 });
    // Not due again at once (backoff).
    assert_eq!(mail::deliver_due(&app.db, &Broken, 10).await.unwrap(), mail::Delivered::default());
    for attempt in 2..=mail::MAX_ATTEMPTS {
        sqlx::query("update mail_outbox set next_attempt_at = now() where dead_at is null")
            .execute(&app.owner)
            .await
            .unwrap();
        let done = mail::deliver_due(&app.db, &Broken, 10).await.unwrap();
        assert_eq!(done.failed, 1, "attempt {attempt}");
    }
    let (attempts, error, dead): (i32, Option<String>, bool) = sqlx::query_as(
        "select attempts, last_error, dead_at is not null from mail_outbox where kind = 'password_reset'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!((attempts, dead), (mail::MAX_ATTEMPTS, true));
    assert_eq!(error.as_deref(), Some("connection refused"));
    // A dead letter is not tried again, and a working mailer does not resurrect it.
    sqlx::query("update mail_outbox set next_attempt_at = now()").execute(&app.owner).await.unwrap();
    let dir = temp_dir("mail");
    assert_eq!(deliver(&app, &dir).await, mail::Delivered::default());
}

/// An SMTP server process on loopback (aiosmtpd, installed by `cargo xtask test`), saving
/// what it receives into a Maildir.
struct SmtpServer {
    child: std::process::Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    fn start() -> SmtpServer {
        let python = std::env::var("ATELIER_TEST_AIOSMTPD_PYTHON")
            .expect("ATELIER_TEST_AIOSMTPD_PYTHON (set by `cargo xtask test`) names the Python with aiosmtpd");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = temp_dir("maildir");
        let child = std::process::Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("starting aiosmtpd");
        SmtpServer { child, port, maildir }
    }

    /// The messages the server has saved so far.
    fn received(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else { return Vec::new() };
        entries.filter_map(|e| e.ok()).filter_map(|e| std::fs::read(e.path()).ok()).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn mail_is_delivered_over_smtp_to_a_real_server() {
    let app = spawn_with_empty_outbox().await;
    let server = SmtpServer::start();
    let res =
        app.post_json("acme.localhost", "/api/v1/auth/password-reset", &json!({"email": "client@acme.example"})).await;
    assert_eq!(res.status(), 202);
    let smtp = Smtp::from_url(&format!("smtp://127.0.0.1:{}", server.port)).unwrap();
    // The server may take a moment to listen: the first passes may fail and be retried.
    let mut sent = 0;
    for _ in 0..50 {
        sqlx::query("update mail_outbox set next_attempt_at = now() where sent_at is null")
            .execute(&app.owner)
            .await
            .unwrap();
        sent += mail::deliver_due(&app.db, &smtp, 10).await.unwrap().sent;
        if sent == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 1, "the SMTP server took the mail");
    let mut received = server.received();
    for _ in 0..50 {
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        received = server.received();
    }
    assert_eq!(received.len(), 1);
    let parsed = MessageParser::default().parse(&received[0]).unwrap();
    assert_eq!(parsed.to().and_then(|t| t.first()).and_then(|a| a.address()), Some("client@acme.example"));
    assert!(parsed.subject().unwrap_or_default().contains("Acme"));
    assert!(parsed.body_text(0).unwrap_or_default().contains("reset-password?token="));
    assert!(parsed.body_html(0).is_some(), "HTML and plain text");
}
