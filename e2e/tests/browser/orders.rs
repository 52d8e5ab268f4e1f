//! Written content across the three apps: a client orders on their website, staff confirm
//! the payment, a writer claims and writes it in the writers app, an editor approves it in
//! the staff app, the client accepts it, and the writer's earnings show it.

use atelier_api::testing::PASSWORD;

use crate::harness::{Browser, spawn_server};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

async fn status_is(browser: &Browser, label: &str) -> anyhow::Result<()> {
    browser.wait_for_text("[data-test=order-status]", label).await.map(|_| ())
}

#[tokio::test]
async fn an_order_goes_from_the_client_to_a_writer_to_an_editor_and_back_and_the_writer_is_paid() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("order_flow", &server).await;
    let outcome = async {
        // The client orders 300 words of page copy: 300 × 0.08 = 24.00 EUR at 7 days.
        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.click("[data-test=nav-orders]").await?;
        browser.click("[data-test=new-order]").await?;
        browser.type_into("[data-test=order-title]", "Our new story").await?;
        browser.type_into("[data-test=order-words]", "300").await?;
        browser.type_into("[data-test=order-brief]", "Warm, three short paragraphs.").await?;
        browser.wait_for_text("[data-test=quote]", "24.00 EUR").await?;
        browser.click("[data-test=place-order]").await?;
        status_is(&browser, "Awaiting payment").await?;
        let url = browser.client.current_url().await?;
        let id = url.path().rsplit('/').next().unwrap_or_default().to_owned();
        let order = format!("/orders/{id}");

        // An Acme admin confirms the payment in the staff app.
        browser.open(STAFF, "/login").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Ada Admin").await?;
        browser.open(STAFF, &order).await?;
        browser.click("[data-test=action-confirm_payment]").await?;
        status_is(&browser, "Open to writers").await?;
        browser.click("[data-test=sign-out]").await?;
        browser.wait_for_text("h1", "Staff console").await?;

        // A writer finds it among the open orders, claims it and writes it.
        browser.open(WRITERS, "/login").await?;
        browser.sign_in("writer@atelier.example", PASSWORD).await?;
        browser.click("[data-test=nav-available]").await?;
        browser.type_into("[data-test=filter-search]", "Our new story").await?;
        browser.wait_for_text("[data-test=available-title]", "Our new story").await?;
        browser.click("[data-test=claim]").await?;
        status_is(&browser, "Being written").await?;
        browser
            .type_into("[data-test=draft]", "# Our story\n\nWe bake *every* morning, before the street wakes up.")
            .await?;
        browser.wait_for_text("[data-test=preview] h1", "Our story").await?;
        browser.wait_for_text("[data-test=word-count]", "11 / 300").await?;
        browser.wait_for_text("[data-test=save-state]", "Saved").await?;
        browser.snapshot("workspace").await?;
        browser.click("[data-test=submit-text]").await?;
        status_is(&browser, "Handed in").await?;

        // An editor reviews and approves it.
        browser.open(STAFF, "/login").await?;
        browser.sign_in("editor@atelier.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Welcome").await?;
        // It waits in the review queue, beside generated texts.
        browser.click("[data-test=nav-review]").await?;
        browser.wait_for_text("[data-test=review-queue]", "Our new story").await?;
        browser
            .client
            .find(fantoccini::Locator::XPath(
                "//li[@data-test='review-item'][.//strong[text()='Our new story']]//a[@data-test='open-submission']",
            ))
            .await?
            .click()
            .await?;
        browser.wait_for_text("[data-test=text-body]", "We bake every morning").await?;
        browser.click("[data-test=action-start_review]").await?;
        status_is(&browser, "In review").await?;
        browser.snapshot("review").await?;
        browser.click("[data-test=action-approve]").await?;
        status_is(&browser, "Delivered").await?;

        // The client reads the delivered text and accepts it.
        browser.open(ACME, &order).await?;
        status_is(&browser, "Delivered").await?;
        browser.wait_for_text("[data-test=text-body]", "We bake every morning").await?;
        browser.snapshot("delivered").await?;
        browser.click("[data-test=action-accept]").await?;
        status_is(&browser, "Completed").await?;
        browser.wait_for_text("[data-test=timeline]", "Accept").await?;

        // The writer's earnings: the seed's 9.60 EUR on Acme plus 60 % of 24.00 = 24.00 EUR.
        browser.open(WRITERS, "/earnings").await?;
        browser.wait_for_text("[data-test=balances]", "Acme").await?;
        browser.wait_for_text("[data-test=balances]", "24.00 EUR").await?;
        browser.snapshot("earnings").await?;
        browser.open(WRITERS, "/").await?;
        // This month, per website: on Acme the seed's 9.60 and this order's 14.40; on Globex
        // the seed's.
        browser
            .wait_for_exact("[data-test=month-earnings]", "24.00 EUR (Acme Sites) · 9.60 USD (Globex Web Studio)")
            .await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn an_admin_adds_a_service_to_the_catalogue_and_the_client_can_order_it_at_once() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("catalogue", &server).await;
    let outcome = async {
        browser.open(STAFF, "/login").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.click("[data-test=nav-catalogue]").await?;
        browser.wait_for_text("[data-test=catalogue]", "Page copy").await?;
        browser.click("[data-test=new-entry]").await?;
        browser.type_into("[data-test=code]", "landing_page").await?;
        browser.type_into("[data-test=name]", "Landing page").await?;
        browser.type_into("[data-test=price_per_word_minor]", "12").await?;
        browser.type_into("[data-test=min_words]", "200").await?;
        browser.type_into("[data-test=max_words]", "1200").await?;
        browser.type_into("[data-test=required_level]", "9").await?;
        browser.type_into("[data-test=turnarounds]", "5:100, 2:150").await?;
        browser.click("[data-test=save-entry]").await?;
        // Level 9 does not exist: the field says so and nothing is saved.
        browser.wait_for_text("[data-test=entry-form]", "Writer levels go from 1 to 5.").await?;
        browser.type_into("[data-test=required_level]", "2").await?;
        browser.click("[data-test=save-entry]").await?;
        browser.wait_for_text("[data-test=catalogue]", "Landing page").await?;
        browser.snapshot("staff").await?;

        // The client's order form offers it, priced: 400 words × 0.12 at 5 days = 48.00 EUR.
        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Alice").await?;
        browser.open(ACME, "/orders/new").await?;
        browser.wait_for_text("[data-test=order-service]", "Landing page").await?;
        let service = browser
            .client
            .find(fantoccini::Locator::XPath(
                "//select[@data-test='order-service']/option[contains(., 'Landing page')]",
            ))
            .await?;
        service.click().await?;
        browser.type_into("[data-test=order-words]", "400").await?;
        browser.wait_for_text("[data-test=quote]", "48.00 EUR").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}
