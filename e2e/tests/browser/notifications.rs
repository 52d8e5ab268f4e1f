//! Notifications in the apps: the bell's count changes live while the page stays open, its
//! page lists what happened and opens the order it is about, the mail arrives too, and the
//! preferences are saved.

use atelier_api::testing::PASSWORD;
use fantoccini::Locator;
use serde_json::{Value, json};

use crate::apps::wait_for_mail;
use crate::check_eq;
use crate::harness::{Browser, spawn_server};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

/// The API as another person's device sees it.
struct Api {
    http: reqwest::Client,
    port: u16,
}

impl Api {
    fn new(port: u16) -> anyhow::Result<Api> {
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let http =
            reqwest::Client::builder().resolve(ACME, local).resolve(WRITERS, local).resolve(STAFF, local).build()?;
        Ok(Api { http, port })
    }

    fn base(&self, host: &str) -> String {
        format!("http://{host}:{}", self.port)
    }

    async fn token(&self, host: &str, email: &str) -> String {
        atelier_api::testing::sign_in(&self.http, &self.base(host), email).await
    }

    async fn call(
        &self,
        method: reqwest::Method,
        host: &str,
        path: &str,
        token: &str,
        body: Value,
    ) -> anyhow::Result<Value> {
        let res = self
            .http
            .request(method, format!("{}{path}", self.base(host)))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await?;
        let status = res.status();
        let answer: Value = res.json().await.unwrap_or(Value::Null);
        anyhow::ensure!(status.is_success(), "{path}: {status} {answer}");
        Ok(answer)
    }

    async fn step(&self, host: &str, token: &str, order: &str, event: &str) -> anyhow::Result<Value> {
        let path = format!("/api/v1/orders/{order}/transitions");
        self.call(reqwest::Method::POST, host, &path, token, json!({ "event": event })).await
    }
}

#[tokio::test]
async fn the_bell_counts_live_what_happens_and_its_page_opens_the_order_and_the_mail_arrives() {
    let mail_dir = atelier_api::testing::scratch("e2e-notify");
    let dir = mail_dir.clone();
    let server = spawn_server(move |s| s.mail_dir = dir).await;
    let worker = atelier_api::testing::spawn_worker(&server);
    let browser = Browser::start("notifications", &server).await;
    let outcome = async {
        // An open Acme order, claimed and written by the writer on their own device.
        let api = Api::new(server.port)?;
        let client = api.token(ACME, "client@acme.example").await;
        let writer = api.token(WRITERS, "writer@atelier.example").await;
        let admin = api.token(STAFF, "admin@acme.example").await;
        // The worker also deploys the demo's sites, and the order is billed: the client hears
        // nothing of those here.
        let quiet = json!([
            { "kind": "deployment_live", "in_app": false, "email": false },
            { "kind": "deployment_failed", "in_app": false, "email": false },
            { "kind": "billing", "in_app": false, "email": false },
        ]);
        api.call(reqwest::Method::PUT, ACME, "/api/v1/me/notifications/preferences", &client, quiet).await?;
        // (One may have been told already.)
        api.call(reqwest::Method::POST, ACME, "/api/v1/me/notifications/read", &client, Value::Null).await?;
        let catalogue = api.call(reqwest::Method::GET, ACME, "/api/v1/catalogue", &client, Value::Null).await?;
        let service = catalogue
            .as_array()
            .and_then(|list| list.iter().find(|s| s["code"] == "page_copy"))
            .ok_or_else(|| anyhow::anyhow!("no page copy in {catalogue}"))?;
        let order =
            json!({ "service_type_id": service["id"], "words": 300, "turnaround_days": 7, "title": "Our story" });
        let order = api.call(reqwest::Method::POST, ACME, "/api/v1/orders", &client, order).await?;
        let id = order["id"].as_str().unwrap_or_default().to_owned();
        api.step(ACME, &client, &id, "place").await?;
        api.step(STAFF, &admin, &id, "confirm_payment").await?;
        api.step(WRITERS, &writer, &id, "claim").await?;
        let text = json!({ "body": "# Our story\n\nWe bake every morning." });
        api.call(reqwest::Method::PUT, WRITERS, &format!("/api/v1/orders/{id}/text"), &writer, text).await?;

        // The editor keeps the staff console open; the writer hands the text in elsewhere.
        browser.open(STAFF, "/login").await?;
        browser.sign_in("editor@atelier.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Welcome").await?;
        check_eq!(browser.client.find_all(Locator::Css("[data-test=unread-count]")).await?.len(), 0);
        api.step(WRITERS, &writer, &id, "submit_text").await?;
        browser.wait_for_exact("[data-test=unread-count]", "1").await?;
        let label = browser.client.find(Locator::Css("[data-test=bell]")).await?.attr("aria-label").await?;
        check_eq!(label.as_deref(), Some("Notifications, 1 unread"));
        browser.click("[data-test=bell]").await?;
        browser.wait_for_text("[data-test=notification]", "A text to review: “Our story”").await?;
        browser.click("[data-test=notification] button").await?;
        browser.wait_for_text("[data-test=order-status]", "Handed in").await?;
        browser.wait_for_none("[data-test=unread-count]").await?;
        browser.click("[data-test=action-start_review]").await?;
        browser.wait_for_text("[data-test=order-status]", "In review").await?;
        browser.click("[data-test=sign-out]").await?;

        // The client keeps their site open; the editor approves on their device.
        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=nav-orders]", "Orders").await?;
        let editor = api.token(STAFF, "editor@atelier.example").await;
        api.step(STAFF, &editor, &id, "approve").await?;
        browser.wait_for_exact("[data-test=unread-count]", "1").await?;
        browser.click("[data-test=bell]").await?;
        browser.wait_for_text("[data-test=notification]", "Your text “Our story” is delivered").await?;
        browser.snapshot("list").await?;
        browser.audit().await?;

        // The preferences: no mail for messages from now on.
        browser.click("[data-test=email-message_posted]").await?;
        browser.click("[data-test=notification-prefs] button[type=submit]").await?;
        browser.wait_for_text("[data-test=preferences] [role=status]", "All changes saved").await?;
        let saved =
            api.call(reqwest::Method::GET, ACME, "/api/v1/me/notifications/preferences", &client, Value::Null).await?;
        let messages = saved.as_array().and_then(|l| l.iter().find(|p| p["kind"] == "message_posted")).cloned();
        check_eq!(messages.map(|p| p["email"].clone()), Some(json!(false)));

        // Opened from the list: the order, and the count is gone.
        browser.click("[data-test=notification] button").await?;
        browser.wait_for_text("[data-test=order-status]", "Delivered").await?;
        browser.wait_for_none("[data-test=unread-count]").await?;

        // And the mail came, with the link to the order on Acme's own host.
        let mail = wait_for_mail(&mail_dir, "order_delivered-client@acme.example").await?;
        anyhow::ensure!(mail.contains(&format!("/orders/{id}")), "the mail has no link to the order: {mail}");
        anyhow::ensure!(mail.contains("acme.localhost"), "the link is not on Acme's host: {mail}");
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}
