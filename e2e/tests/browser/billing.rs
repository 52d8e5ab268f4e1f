//! Billing in the browser: the client's billing page (a build of its own) and the staff
//! console's money pages (another): staff write a promo code, a client upgrades (the quota
//! bar moves), takes the code and points off the upgrade's invoice, pays it by transfer and
//! downloads its PDF; staff confirm the transfer and the client sees it paid.

use atelier_api::testing::PASSWORD;

use crate::harness::{Browser, spawn_server};

const ACME: &str = "acme.localhost";
const STAFF: &str = "staff.localhost";
/// The upgrade's invoice: the newest, first in the list.
const NEWEST: &str = "[data-test=invoice]:first-child";

#[tokio::test]
async fn a_client_upgrades_takes_a_promo_code_and_points_off_pays_by_transfer_and_staff_confirm_it() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("billing", &server).await;
    let outcome = async {
        // Staff write a promo code and read the revenue chart.
        browser.open(STAFF, "/login").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.click("[data-test=nav-billing]").await?;
        browser.wait_for_text("[data-test=website-revenue]", "Monthly recurring revenue").await?;
        browser.wait_for_text("[data-test=website-revenue] svg", "").await?;
        browser.click("[data-test=tab-promo-codes]").await?;
        browser.wait_for_text("[data-test=promo-codes]", "LAUNCH15").await?;
        browser.type_into("[data-test=promo-form] [data-test=code]", "spring10").await?;
        browser.type_into("[data-test=promo-form] [data-test=value]", "1000").await?;
        browser.click("[data-test=create-promo]").await?;
        browser.wait_for_text("[data-test=promo-codes]", "SPRING10").await?;

        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Alice").await?;
        browser.click("[data-test=nav-billing]").await?;
        browser.wait_for_text("[data-test=plan-name]", "Free").await?;
        // The demo site, against the free plan's ten.
        browser.wait_for_text("[data-test=usage-sites] [data-test=usage-figure]", "1 / 10").await?;
        // A welcome credit of 20.00 and a refund of 1.00; points from the demo's paid orders.
        browser.wait_for_text("[data-test=balance]", "21.00 EUR").await?;
        browser.wait_for_text("[data-test=points-held]", "46").await?;
        browser.wait_for_text("[data-test=referral-code]", "").await?;
        browser.wait_for_text("[data-test=package-list]", "Monthly blog articles").await?;

        browser.click("[data-test=switch-plan]").await?;
        browser.wait_for_text("[data-test=plan-name]", "Pro").await?;
        browser.wait_for_text("[data-test=usage-sites] [data-test=usage-figure]", "1 / 50").await?;
        browser.wait_for_text(&format!("{NEWEST} [data-test=invoice-status]"), "To pay").await?;
        browser.type_into(&format!("{NEWEST} [data-test=promo-code]"), "spring10").await?;
        browser.type_into(&format!("{NEWEST} [data-test=points-to-use]"), "20").await?;
        browser.click(&format!("{NEWEST} [data-test=apply-redeem]")).await?;
        browser.wait_for_text(&format!("{NEWEST} [data-test=invoice-off]"), "Points used 0.20 EUR").await?;
        browser.wait_for_text("[data-test=points-held]", "26").await?;
        browser.click(&format!("{NEWEST} [data-test=pay-transfer]")).await?;
        let told = browser.wait_for_text("[data-test=pay-instructions]", "with the reference INV-").await?;
        let reference =
            told.split("reference ").nth(1).and_then(|r| r.split('.').next()).unwrap_or_default().to_owned();
        browser.click(&format!("{NEWEST} [data-test=invoice-pdf]")).await?;
        let pdf = browser.downloaded(&format!("{reference}.pdf")).await?;
        anyhow::ensure!(pdf.starts_with(b"%PDF-1.4"), "the download is no PDF");
        anyhow::ensure!(pdf.windows(reference.len()).any(|w| w == reference.as_bytes()), "the PDF names {reference}");
        browser.snapshot("client").await?;

        // Staff confirm the transfer; the client sees the invoice paid.
        browser.open(STAFF, "/money/invoices").await?;
        browser.wait_for_text("[data-test=staff-invoices]", &reference).await?;
        browser.click("[data-test=confirm-transfer]").await?;
        browser.wait_for_text("main", "No transfer is waiting.").await?;
        browser.snapshot("staff").await?;
        browser.open(ACME, "/billing").await?;
        browser.wait_for_text(&format!("{NEWEST} [data-test=invoice-status]"), "Paid").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}
