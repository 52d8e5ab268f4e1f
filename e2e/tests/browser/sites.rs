//! Building a site in the clients app: the eight-step wizard with its live preview and
//! resume, and Mode Rapide.

use std::time::{Duration, Instant};

use anyhow::bail;
use atelier_api::testing::{PASSWORD, spawn_worker};
use fantoccini::Locator;

use crate::check_eq;
use crate::harness::{Browser, WAIT, spawn_server};

const ACME: &str = "acme.localhost";

/// The text of the page shown in the preview frame, once it contains `expected`.
/// The texts of the hero section's fields in the content step, in order.
async fn hero_texts(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let script = "return Array.from(document.querySelectorAll('[data-test=section-hero] [data-test=section-field]')).map(e => e.value);";
    let found = browser.client.execute(script, vec![]).await?;
    Ok(found.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default())
}

async fn preview_shows(browser: &Browser, expected: &str) -> anyhow::Result<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let mut text = String::new();
        if let Ok(frame) = browser.client.find(Locator::Css("iframe[data-test=preview]")).await
            && frame.clone().enter_frame().await.is_ok()
        {
            if let Ok(body) = browser.client.find(Locator::Css("body")).await {
                text = body.text().await.unwrap_or_default();
            }
            browser.client.enter_parent_frame().await?;
        }
        if text.contains(expected) {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("the preview never showed {expected:?}; it shows {:?}", text.chars().take(200).collect::<String>());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn select(browser: &Browser, css: &str, value: &str) -> anyhow::Result<()> {
    let element = browser.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
    Ok(element.select_by_value(value).await?)
}

async fn on_step(browser: &Browser, n: u8) -> anyhow::Result<()> {
    browser.client.wait().at_most(WAIT).for_element(Locator::Css(&format!("[data-test=wizard-step-{n}]"))).await?;
    Ok(())
}

async fn next(browser: &Browser, to: u8) -> anyhow::Result<()> {
    browser.click("[data-test=next]").await?;
    on_step(browser, to).await
}

#[tokio::test]
async fn a_client_builds_a_site_with_the_wizard_leaves_midway_and_resumes_with_the_preview_live() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("wizard", &server).await;
    let outcome = async {
        browser.open(ACME, "/").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.click("[data-test=new-site]").await?;

        // Step 1 starts the site.
        browser.type_into("[data-test=name]", "Boulangerie Lumière").await?;
        select(&browser, "[data-test=industry]", "bakery").await?;
        browser.type_into("[data-test=description]", "Sourdough and croissants since 1998.").await?;
        browser.click("[data-test=submit]").await?;
        on_step(&browser, 1).await?;
        browser.wait_for_text("[data-test=wizard-title]", "Boulangerie Lumière").await?;
        preview_shows(&browser, "Boulangerie Lumière").await?;

        // An edit saves itself and shows in the preview.
        browser.type_into("[data-test=tagline]", "Le pain du matin").await?;
        browser.wait_for_text("[data-test=save-state]", "All changes saved").await?;
        preview_shows(&browser, "Le pain du matin").await?;
        next(&browser, 2).await?;

        browser.click("[data-test=template-bold]").await?;
        browser.wait_for_text("[data-test=save-state]", "All changes saved").await?;
        next(&browser, 3).await?;

        // A bad colour is named as it is typed and blocks moving on; fixing it saves.
        browser.type_into("[data-test='branding.primary_color']", "#12").await?;
        browser.wait_for_text(".color-field .error", "#rrggbb").await?;
        browser.wait_for_text("[data-test=save-state]", "Fix the highlighted fields").await?;
        browser.click("[data-test=next]").await?;
        on_step(&browser, 3).await?;
        browser.type_into("[data-test='branding.primary_color']", "#aa3300").await?;
        browser.wait_for_text("[data-test=save-state]", "All changes saved").await?;
        next(&browser, 4).await?;

        // A new page; it is written for when the step is saved (on moving on).
        browser.click("[data-test=add-page]").await?;
        next(&browser, 5).await?;
        browser.client.wait().at_most(WAIT).for_element(Locator::Css("[data-test=section-new-page-intro]")).await?;

        // Leave (sign out) and come back: the list offers to continue at step 5.
        browser.click("[data-test=sign-out]").await?;
        // Signed out in the wizard's build, the sign-in page is the clients app's: a page
        // load of its own, which typing must not race (WebDriver: "aborted by navigation").
        browser.wait_for_text("[data-test=submit]", "Sign in").await?;
        browser.open(ACME, "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=site-list]", "Boulangerie Lumière").await?;
        browser.wait_for_text("[data-test=site-list]", "5/8").await?;
        browser
            .client
            .find(Locator::XPath("//li[.//*[text()='Boulangerie Lumière']]//a[contains(@class,'btn')]"))
            .await?
            .click()
            .await?;
        on_step(&browser, 5).await?;

        // Regenerate one section: the difference shows what went and what came (the texts
        // of the fields before and after), and undo puts the earlier texts back.
        let before = hero_texts(&browser).await?;
        let mut tries = 0;
        let (removed, added) = loop {
            tries += 1;
            browser.click("[data-test=section-hero] [data-test=regenerate]").await?;
            browser.client.wait().at_most(WAIT).for_element(Locator::Css("[data-test=diff]")).await?;
            let parts = |tag: &'static str| {
                let script = format!(
                    "return Array.from(document.querySelectorAll('[data-test=diff] {tag}')).map(e => e.textContent);"
                );
                let client = browser.client.clone();
                async move {
                    let found = client.execute(&script, vec![]).await?;
                    anyhow::Ok(
                        found
                            .as_array()
                            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect::<Vec<_>>())
                            .unwrap_or_default(),
                    )
                }
            };
            let (removed, added) = (parts("del").await?, parts("ins").await?);
            if !removed.is_empty() || !added.is_empty() || tries == 5 {
                break (removed, added);
            }
            // This regeneration happened to write the same words: the diff says so. Undo it
            // (the diff goes) and ask again, so that the next diff read is the new one.
            browser.wait_for_text("[data-test=diff]", "same text").await?;
            browser.click("[data-test=undo]").await?;
            let deadline = Instant::now() + WAIT;
            while browser.client.find(Locator::Css("[data-test=diff]")).await.is_ok() {
                anyhow::ensure!(Instant::now() < deadline, "the unchanged regeneration's diff stayed after undo");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        anyhow::ensure!(!removed.is_empty() || !added.is_empty(), "five regenerations changed nothing");
        let after = hero_texts(&browser).await?;
        anyhow::ensure!(after != before, "the fields still hold the earlier texts");
        for gone in &removed {
            anyhow::ensure!(
                before.iter().any(|t| t.contains(gone.trim())),
                "`{gone}` was not in the earlier texts {before:?}"
            );
        }
        for came in &added {
            anyhow::ensure!(
                after.iter().any(|t| t.contains(came.trim())),
                "`{came}` is not in the new texts {after:?}"
            );
        }
        browser.snapshot("content-step").await?;
        browser.click("[data-test=undo]").await?;
        let deadline = Instant::now() + WAIT;
        while browser.client.find(Locator::Css("[data-test=diff]")).await.is_ok()
            || hero_texts(&browser).await? != before
        {
            anyhow::ensure!(Instant::now() < deadline, "undo did not bring back the earlier texts {before:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        next(&browser, 6).await?;
        next(&browser, 7).await?;
        browser.type_into("[data-test=email]", "bonjour@lumiere.example").await?;
        browser.wait_for_text("[data-test=save-state]", "All changes saved").await?;
        next(&browser, 8).await?;
        browser.wait_for_text("[data-test=review-ready]", "Everything is ready").await?;
        browser.snapshot("review-step").await?;
        preview_shows(&browser, "bonjour@lumiere.example").await?;
        browser.click("[data-test=finish]").await?;
        browser.wait_for_text("[data-test=site-title]", "Boulangerie Lumière").await?;
        // Finishing deployed it (no worker runs in this test: it waits in the queue).
        browser.wait_for_text("[data-test=deployment-status]", "Queued").await?;
        browser.wait_for_text("[data-test=site-url]", "boulangerie-lumiere.sites.localhost").await?;
        preview_shows(&browser, "Boulangerie Lumière").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn mode_rapide_writes_a_whole_site_whose_preview_shows_the_business_name() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("mode_rapide", &server).await;
    let outcome = async {
        browser.open(ACME, "/rapide").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.click("[data-test=rapide]").await?;
        // Invalid input is named and nothing is sent.
        browser.type_into("[data-test=color]", "blue").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text(".field .error", "This field is required").await?;
        browser.type_into("[data-test=business-name]", "Studio Lumière").await?;
        select(&browser, "[data-test=industry]", "photography").await?;
        browser.type_into("[data-test=description]", "Portraits and weddings in Lyon.").await?;
        browser.type_into("[data-test=color]", "#0055aa").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=site-title]", "Studio Lumière").await?;
        let text = preview_shows(&browser, "Studio Lumière").await?;
        anyhow::ensure!(text.contains("Portraits and weddings in Lyon."), "the brief is on the home page: {text}");
        // Another page of the written site.
        select(&browser, "[data-test=preview-page]", "services").await?;
        preview_shows(&browser, "Services").await?;
        browser.wait_for_text("[data-test=pending-review]", "waiting for an editor").await?;
        // Mode Rapide queued the first deployment (no worker runs in this test).
        check_eq!(browser.text("[data-test=site-status]").await?, "Queued".to_owned());
        browser.wait_for_text("[data-test=deployment-status]", "Queued").await?;
        browser.wait_for_text("[data-test=queue-position]", "position").await?;

        // On a phone the wizard fits the screen: nothing scrolls sideways.
        browser.client.set_window_size(360, 780).await?;
        browser.click("[data-test=edit-site]").await?;
        on_step(&browser, 8).await?;
        browser.click("[data-test=step-5]").await?;
        on_step(&browser, 5).await?;
        let overflow = browser
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await?;
        check_eq!(overflow.as_i64(), Some(0));
        browser.snapshot("phone-wizard").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn mode_rapide_lands_on_the_live_log_and_ends_on_the_live_site() {
    let server = spawn_server(|_| {}).await;
    let worker = spawn_worker(&server);
    let browser = Browser::start("deploy", &server).await;
    let outcome = async {
        browser.open(ACME, "/rapide").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.click("[data-test=rapide]").await?;
        browser.type_into("[data-test=business-name]", "Boulangerie du Canal").await?;
        select(&browser, "[data-test=industry]", "bakery").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=site-title]", "Boulangerie du Canal").await?;
        // The live log shows the steps as they happen, then the deployment is live.
        browser.wait_for_text("[data-test=log]", "health_check").await?;
        browser.wait_for_text("[data-test=log]", "is live").await?;
        browser.wait_for_text("[data-test=deployment-status]", "Live").await?;
        browser.wait_for_text("[data-test=site-status]", "Live").await?;
        for step in ["render", "package", "start", "health_check", "switch"] {
            let state = browser
                .client
                .find(Locator::Css(&format!("[data-test=step-{step}]")))
                .await?
                .attr("data-state")
                .await?;
            check_eq!(state.as_deref(), Some("done"));
        }
        browser.wait_for_text("[data-test=log-status]", "Finished").await?;
        browser.snapshot("live-log").await?;

        // A second deployment: the history keeps both, with a rollback offered on the first.
        browser.click("[data-test=deploy]").await?;
        let deadline = Instant::now() + WAIT;
        loop {
            let rows = browser.client.find_all(Locator::Css("[data-test=history-row]")).await?;
            let text = browser.text("[data-test=history]").await.unwrap_or_default();
            if rows.len() == 2 && text.contains("Replaced") {
                break;
            }
            anyhow::ensure!(Instant::now() < deadline, "the second deployment never replaced the first: {text}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        browser.client.wait().at_most(WAIT).for_element(Locator::Css("[data-test=rollback]")).await?;

        // The site itself, at its own address.
        let url = browser.text("[data-test=site-url]").await?;
        let slug = url.trim().trim_start_matches("http://").split('.').next().unwrap_or_default().to_owned();
        browser.open(&format!("{slug}.sites.localhost"), "/").await?;
        browser.wait_for_text("h1, header", "Boulangerie du Canal").await?;
        browser.snapshot("live-site").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}

/// Moves the focus with Tab (at most 60 presses) until it is on `css`: what a keyboard user
/// does, with no click.
async fn tab_to(browser: &Browser, css: &str) -> anyhow::Result<()> {
    for _ in 0..60 {
        let on_it = browser
            .client
            .execute(
                "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
                vec![serde_json::json!(css)],
            )
            .await?;
        if on_it == serde_json::json!(true) {
            return Ok(());
        }
        browser.client.active_element().await?.send_keys(TAB).await?;
    }
    bail!("Tab never reached `{css}`")
}

const TAB: &str = "\u{e004}";

/// `visible …` when the focused element has an outline whose colour differs from the first
/// opaque background around it (the outline is drawn outside the element: its parent's
/// background is what it must stand out from), else why not.
const FOCUS_RING: &str = r#"
const el = document.activeElement;
const s = getComputedStyle(el);
if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0) return "none: no outline";
let node = el.parentElement, bg = "rgba(0, 0, 0, 0)";
while (node && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent")) {
  bg = getComputedStyle(node).backgroundColor;
  node = node.parentElement;
}
return (s.outlineColor !== bg ? "visible " : "hidden ") + s.outlineColor + " on " + bg;
"#;
const ENTER: &str = "\u{e007}";

/// Types into the focused element.
async fn keys(browser: &Browser, text: &str) -> anyhow::Result<()> {
    Ok(browser.client.active_element().await?.send_keys(text).await?)
}

#[tokio::test]
async fn a_keyboard_user_signs_in_and_publishes_a_site_with_mode_rapide_without_a_mouse() {
    let server = spawn_server(|_| {}).await;
    let worker = spawn_worker(&server);
    let browser = Browser::start("keyboard", &server).await;
    let outcome = async {
        browser.open(ACME, "/rapide").await?;
        browser.client.wait().at_most(WAIT).for_element(Locator::Css("#field-email")).await?;
        browser.audit().await?;
        tab_to(&browser, "#field-email").await?;
        keys(&browser, "client@acme.example").await?;
        tab_to(&browser, "#field-password").await?;
        keys(&browser, PASSWORD).await?;
        keys(&browser, ENTER).await?;
        browser.client.wait().at_most(WAIT).for_element(Locator::Css("[data-test=rapide]")).await?;
        tab_to(&browser, "[data-test=rapide]").await?;
        keys(&browser, ENTER).await?;
        browser.client.wait().at_most(WAIT).for_element(Locator::Css("[data-test=business-name]")).await?;
        browser.audit().await?;
        tab_to(&browser, "[data-test=business-name]").await?;
        keys(&browser, "Clavier & Fils").await?;
        tab_to(&browser, "[data-test=industry]").await?;
        // A focused select takes the option whose label starts with what is typed.
        keys(&browser, "Bakery").await?;
        let industry =
            browser.client.execute("return document.querySelector('[data-test=industry]').value;", vec![]).await?;
        check_eq!(industry, serde_json::json!("bakery"));
        tab_to(&browser, "[data-test=submit]").await?;
        keys(&browser, ENTER).await?;
        browser.wait_for_text("[data-test=site-title]", "Clavier & Fils").await?;
        browser.wait_for_text("[data-test=deployment-status]", "Live").await?;
        // Focus is visible on what the keyboard reaches: a ring, in another colour than what
        // is behind it (the top bar is in the tenant's colour).
        browser.audit().await?;
        for target in [".topbar .brand", "[data-test=deploy]"] {
            tab_to(&browser, target).await?;
            let ring = browser.client.execute(FOCUS_RING, vec![]).await?;
            let ring = ring.as_str().unwrap_or_default().to_owned();
            anyhow::ensure!(ring.starts_with("visible"), "{target}: the focus ring cannot be seen ({ring})");
        }
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}
