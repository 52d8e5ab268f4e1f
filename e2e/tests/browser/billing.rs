//! The client's billing page: the plan with a bar per limit, an upgrade that applies at once
//! with its invoice, and paying that invoice by transfer.

use atelier_api::testing::PASSWORD;

use crate::harness::{Browser, spawn_server};

const ACME: &str = "acme.localhost";

#[tokio::test]
async fn a_client_sees_their_usage_upgrades_and_is_told_how_to_pay_by_transfer() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("billing", &server).await;
    let outcome = async {
        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Alice").await?;
        browser.click("[data-test=nav-billing]").await?;
        browser.wait_for_text("[data-test=plan-name]", "Free").await?;
        // The demo site, against the free plan's ten.
        browser.wait_for_text("[data-test=usage-sites] [data-test=usage-figure]", "1 / 10").await?;
        // A welcome credit of 20.00 and a refund of 1.00.
        browser.wait_for_text("[data-test=balance]", "21.00 EUR").await?;
        browser.audit().await?;

        browser.click("[data-test=switch-plan]").await?;
        browser.wait_for_text("[data-test=plan-name]", "Pro").await?;
        browser.wait_for_text("[data-test=usage-sites] [data-test=usage-figure]", "1 / 50").await?;
        browser.wait_for_text("[data-test=invoices]", "To pay").await?;
        browser.click("[data-test=pay-transfer]").await?;
        browser.wait_for_text("[data-test=pay-instructions]", "with the reference INV-").await?;
        browser.snapshot("billing").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}
