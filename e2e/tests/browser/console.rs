//! The staff console: a superadmin creates a website and its clients app is branded on its
//! own domain at once; an Acme admin's customer list holds Acme's customers only.

use atelier_api::testing::PASSWORD;

use crate::check_eq;
use crate::harness::{Browser, spawn_server};

const STAFF: &str = "staff.localhost";

#[tokio::test]
async fn a_superadmin_creates_a_website_and_its_domain_shows_the_new_branding_at_once() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("new_website", &server).await;
    let outcome = async {
        browser.open(STAFF, "/login").await?;
        browser.sign_in("superadmin@atelier.example", PASSWORD).await?;
        browser.click("[data-test=nav-websites]").await?;
        browser.wait_for_text("[data-test=websites]", "Acme Sites").await?;
        browser.click("[data-test=new-website]").await?;
        browser.type_into("[data-test=name]", "Beta Studio").await?;
        browser.type_into("[data-test=slug]", "beta").await?;
        browser.type_into("[data-test=domain]", "beta.localhost").await?;
        browser.type_into("[data-test=theme_color]", "#7c3aed").await?;
        browser.type_into("[data-test=contact_email]", "hello@beta.example").await?;
        browser.click("[data-test=create-website]").await?;
        browser.wait_for_text("[data-test=websites]", "Beta Studio").await?;
        browser.snapshot("websites").await?;

        // Its clients app, on its own domain, right away: name, colour, contact.
        browser.open("beta.localhost", "/login").await?;
        browser.wait_for_text("[data-test=tenant-name]", "Beta Studio").await?;
        check_eq!(browser.computed(".topbar", "background-color").await?, "rgb(124, 58, 237)");
        browser.wait_for_text("[data-test=contact]", "hello@beta.example").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn an_acme_admin_sees_acme_customers_only_and_can_suspend_one() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("customers", &server).await;
    let outcome = async {
        browser.open(STAFF, "/login").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.click("[data-test=nav-customers]").await?;
        let list = browser.wait_for_text("[data-test=customers]", "client@acme.example").await?;
        check_eq!(list.contains("globex"), false);
        // Searching Globex's client finds nothing here.
        browser.type_into("[data-test=customer-search]", "globex").await?;
        browser.client.find(fantoccini::Locator::Css("[data-test=customer-search]")).await?.send_keys("\n").await?;
        browser.wait_for_text("[data-test=no-customers]", "No customer").await?;

        browser.open(STAFF, "/customers").await?;
        browser.click("[data-test=customer] a").await?;
        browser.wait_for_text("[data-test=customer-name]", "Alice Martin").await?;
        // The confirmation dialog is answered yes.
        browser.click("[data-test=suspend]").await?;
        browser.click("dialog[open] [data-test=confirm-yes]").await?;
        browser.wait_for_text("[data-test=customer-status]", "Suspended").await?;
        browser.wait_for_text("[data-test=audit]", "customer.suspend").await?;
        browser.snapshot("suspended").await?;
        browser.click("[data-test=reactivate]").await?;
        browser.wait_for_text("[data-test=customer-status]", "Active").await?;

        // The overview: every service answers; the analytics draw their charts.
        browser.open(STAFF, "/").await?;
        browser.wait_for_text("[data-test=health]", "Database").await?;
        let all = browser.client.find_all(fantoccini::Locator::Css("[data-test=check]")).await?;
        let ok = browser.client.find_all(fantoccini::Locator::Css("[data-test=check][data-ok=true]")).await?;
        // Database, Redis, the queue and the runtime: all four, each answering.
        check_eq!((all.len(), ok.len()), (4, 4));
        browser.snapshot("overview").await?;
        browser.click("[data-test=nav-analytics]").await?;
        browser.wait_for_exact("[data-test=deploy-total]", "1").await?;
        let charts = browser.client.find_all(fantoccini::Locator::Css("svg.chart")).await?;
        check_eq!(charts.len() >= 3, true);
        // Today's waiting deployment is a bar a quarter of the chart high (axis 0–4), not a sliver.
        let height = browser
            .client
            .execute("return document.querySelector('svg.chart rect.cb').getBoundingClientRect().height;", vec![])
            .await?;
        check_eq!(height.as_f64().is_some_and(|h| h > 30.0), true);
        browser.snapshot("analytics").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn an_admin_redeploys_a_customers_site_from_the_console_and_watches_its_live_log() {
    let server = spawn_server(|_| {}).await;
    let worker = atelier_api::testing::spawn_worker(&server);
    let browser = Browser::start("staff_redeploy", &server).await;
    let outcome = async {
        browser.open(STAFF, "/login").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.click("[data-test=nav-sites]").await?;
        browser.wait_for_text("[data-test=staff-sites]", "Le Petit Four").await?;
        browser.click("[data-test=redeploy]").await?;
        // The worker publishes it; the log streams live into the console.
        browser.wait_for_text("[data-test=staff-live-log] [data-test=log]", "health_check").await?;
        browser.wait_for_text("[data-test=staff-live-log] [data-test=log]", "is live").await?;
        browser.wait_for_text("[data-test=staff-site-status]", "live").await?;
        browser.snapshot("console").await?;
        // The redeploy is in the audit log, by the admin.
        browser.open(STAFF, "/audit").await?;
        browser.wait_for_text("[data-test=audit]", "site.deploy").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}
