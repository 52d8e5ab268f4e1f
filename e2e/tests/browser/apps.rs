//! Signing in, branding, languages and sessions across the three apps.

use std::time::Duration;

use anyhow::bail;
use atelier_api::testing::{PASSWORD, Spawned};
use fantoccini::Locator;
use serde_json::json;

use crate::check_eq;
use crate::harness::{Browser, spawn_server};

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
        browser.wait_for_exact("[data-test=tenants]", "1").await?;
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
        // Refresh tokens issued (the app may refresh on its own while it waits, too: either
        // way, some refresh must happen before the profile shows).
        let issued = || async {
            let n: i64 = sqlx::query_scalar(
                "select count(*) from refresh_tokens r join users u on u.id = r.user_id
                 where u.email = 'writer.acme@atelier.example'",
            )
            .fetch_one(&server.owner)
            .await?;
            anyhow::Ok(n)
        };
        // Wait for the expiry itself, not a fixed time: a token issued after the browser's
        // is refused as expired, so the browser's is too.
        let client = reqwest::Client::builder()
            .resolve("writers.localhost", std::net::SocketAddr::from(([127, 0, 0, 1], server.port)))
            .build()?;
        let base = format!("http://writers.localhost:{}", server.port);
        let later = atelier_api::testing::sign_in(&client, &base, "writer.acme@atelier.example").await;
        // Counted after that sign-in, which stores a refresh token of its own.
        let issued_before = issued().await?;
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let res = client.get(format!("{base}/api/v1/me")).bearer_auth(&later).send().await?;
            if res.status() == 401 {
                let body: serde_json::Value = res.json().await?;
                check_eq!(body["code"].as_str(), Some("token_expired"));
                break;
            }
            anyhow::ensure!(std::time::Instant::now() < deadline, "the access token never expired");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // A reload restores the session through /me → token_expired → refresh → retry.
        browser.open("writers.localhost", "/profile").await?;
        browser.wait_for_text("[data-test=profile]", "writer.acme@atelier.example").await?;
        // It did refresh: a new refresh token was issued for the browser's session (rotation).
        let issued_after = issued().await?;
        anyhow::ensure!(issued_after > issued_before, "no refresh happened ({issued_before} → {issued_after} tokens)");
        let url = browser.client.current_url().await?;
        check_eq!(url.path(), "/profile");
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn a_visitor_registers_on_globex_and_confirms_their_address_from_the_mail() {
    let mail_dir = atelier_api::testing::scratch("e2e-verify");
    let dir = mail_dir.clone();
    let server = spawn_server(move |s| s.mail_dir = dir).await;
    let worker = atelier_api::testing::spawn_worker(&server);
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
        // Signed in, unconfirmed: the banner says what is held back and how to lift it.
        browser.wait_for_text("[data-test=confirm-email-banner]", "Confirm your e-mail address").await?;
        browser.audit().await?;
        check_eq!(globex_accounts_with(&server, "grace@example.com").await?, 1);

        // The link from the mail confirms the address on Globex's own host.
        let text = wait_for_mail(&mail_dir, "verify_email-grace@example.com").await?;
        let start = text.find("http://").ok_or_else(|| anyhow::anyhow!("no link in: {text}"))?;
        let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        let expected = browser.url("globex.localhost", "/verify-email?token=");
        anyhow::ensure!(link.starts_with(&expected), "{link} should start with {expected}");
        browser.client.goto(&link).await?;
        browser.wait_for_text("h1", "Confirm your e-mail address").await?;
        browser.type_into("#field-password", "a long enough password").await?;
        browser.click("[data-test=submit]").await?;
        // Confirmed, signed in, home: the banner is gone.
        browser.wait_for_text("[data-test=welcome]", "Grace Hopper").await?;
        check_eq!(browser.client.find_all(Locator::Css("[data-test=confirm-email-banner]")).await?.len(), 0);

        // Someone registering the same address again learns nothing: the same "check your
        // inbox" as for any address whose password they do not know.
        browser.click("[data-test=sign-out]").await?;
        browser.open("globex.localhost", "/register").await?;
        browser.type_into("#field-display_name", "Not Grace").await?;
        browser.type_into("#field-email", "grace@example.com").await?;
        browser.type_into("#field-password", "somebody else's password").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=check-inbox]", "Check your inbox").await?;
        wait_for_mail(&mail_dir, "address_in_use-grace@example.com").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}

#[tokio::test]
async fn parallel_calls_and_two_tabs_meeting_an_expired_token_keep_the_session() {
    // Access tokens live 2 s (plus the server's 5 s of leeway).
    let server = spawn_server(|s| s.access_token_ttl_secs = 2).await;
    let browser = Browser::start("parallel_refresh", &server).await;
    let outcome = async {
        browser.open("acme.localhost", "/login").await?;
        browser.sign_in("client@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Alice").await?;
        browser.click("[data-test=nav-orders]").await?;
        browser.wait_for_text("[data-test=new-order]", "").await?;
        // A second tab of the same app shares the stored session.
        let first = browser.client.window().await?;
        let second = browser.client.new_window(true).await?.handle;
        browser.client.switch_to_window(second.clone()).await?;
        browser.open("acme.localhost", "/orders").await?;
        browser.wait_for_text("[data-test=new-order]", "").await?;
        for round in 0..2 {
            tokio::time::sleep(Duration::from_secs(8)).await;
            // The new-order page makes its calls at once, all with the expired token; then the
            // other tab wakes up with the same one.
            browser.client.switch_to_window(first.clone()).await?;
            browser.click("[data-test=new-order]").await?;
            browser.client.switch_to_window(second.clone()).await?;
            browser.open("acme.localhost", "/orders/new").await?;
            for tab in [&second, &first] {
                browser.client.switch_to_window(tab.clone()).await?;
                browser.wait_for_text("h1", "Order a text").await?;
                check_eq!(browser.client.find_all(Locator::Css("[data-test=sign-out]")).await?.len(), 1);
            }
            browser.client.switch_to_window(first.clone()).await?;
            browser.click("[data-test=nav-orders]").await?;
            browser.client.switch_to_window(second.clone()).await?;
            browser.click("[data-test=nav-orders]").await?;
            let revoked: i64 = sqlx::query_scalar(
                "select count(*) from refresh_tokens r join users u on u.id = r.user_id
                 where u.email = 'client@acme.example' and r.revoked_at is not null",
            )
            .fetch_one(&server.owner)
            .await?;
            anyhow::ensure!(revoked == 0, "round {round}: a session was ended ({revoked} tokens revoked)");
            // One refresh per tab and expiry: the calls of a tab share theirs (each call
            // refreshing on its own would store three or more a round).
            let stored: i64 = sqlx::query_scalar(
                "select count(*) from refresh_tokens r join users u on u.id = r.user_id
                 where u.email = 'client@acme.example'",
            )
            .fetch_one(&server.owner)
            .await?;
            anyhow::ensure!(stored <= 1 + 2 * (round + 1), "round {round}: {stored} refresh tokens stored");
        }
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

/// The newest mail in `dir` whose file name contains `needle`: its plain text.
pub(crate) async fn wait_for_mail(dir: &std::path::Path, needle: &str) -> anyhow::Result<String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let mut names: Vec<std::path::PathBuf> =
            std::fs::read_dir(dir).map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "eml") && p.to_string_lossy().contains(needle));
        names.sort();
        if let Some(newest) = names.last() {
            let bytes = std::fs::read(newest)?;
            let mail =
                mail_parser::MessageParser::default().parse(&bytes).ok_or_else(|| anyhow::anyhow!("a broken mail"))?;
            return Ok(mail.body_text(0).unwrap_or_default().into_owned());
        }
        if std::time::Instant::now() > deadline {
            bail!("no mail matching {needle} arrived in {}", dir.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_client_who_forgot_their_password_resets_it_from_the_mail_and_is_signed_in_on_their_brand() {
    let mail_dir = atelier_api::testing::scratch("e2e-mail");
    let dir = mail_dir.clone();
    let server = spawn_server(move |s| s.mail_dir = dir).await;
    let worker = atelier_api::testing::spawn_worker(&server);
    let browser = Browser::start("password_reset", &server).await;
    let outcome = async {
        browser.open("acme.localhost", "/login").await?;
        browser.click("[data-test=forgot-password]").await?;
        browser.wait_for_text("h1", "Reset your password").await?;
        browser.type_into("#field-email", "client@acme.example").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=reset-sent]", "a link is on its way").await?;

        // The worker delivers the mail to the mail folder; its link opens Acme's own page.
        let text = wait_for_mail(&mail_dir, "password_reset-client@acme.example").await?;
        let start = text.find("http://").ok_or_else(|| anyhow::anyhow!("no link in: {text}"))?;
        let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        let expected = browser.url("acme.localhost", "/reset-password?token=");
        anyhow::ensure!(link.starts_with(&expected), "{link} should start with {expected}");
        browser.client.goto(&link).await?;
        browser.wait_for_text("h1", "Choose a new password").await?;
        browser.wait_for_text("[data-test=tenant-name]", "Acme Sites").await?;
        browser.type_into("#field-password", "my brand new password").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=welcome]", "Alice Martin").await?;

        // The same link does not work twice.
        browser.client.goto(&link).await?;
        browser.type_into("#field-password", "another new password").await?;
        browser.click("[data-test=submit]").await?;
        browser.wait_for_text("[data-test=link-error]", "expired or was already used").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
    worker.stop_all().await;
}

#[tokio::test]
async fn an_admin_suspended_elsewhere_is_signed_out_at_their_next_click() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("suspended_admin", &server).await;
    let outcome = async {
        browser.open("staff.localhost", "/").await?;
        browser.sign_in("admin@acme.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Ada Admin").await?;

        // The superadmin, in another tab of theirs, switches the account off.
        let api = reqwest::Client::builder()
            .resolve("staff.localhost", std::net::SocketAddr::from(([127, 0, 0, 1], server.port)))
            .build()?;
        let base = format!("http://staff.localhost:{}", server.port);
        let boss = atelier_api::testing::sign_in(&api, &base, "superadmin@atelier.example").await;
        let team: serde_json::Value =
            api.get(format!("{base}/api/v1/team")).bearer_auth(&boss).send().await?.json().await?;
        let admin = team
            .as_array()
            .and_then(|m| m.iter().find(|m| m["email"] == "admin@acme.example"))
            .ok_or_else(|| anyhow::anyhow!("the admin is not in the team: {team}"))?;
        let update = json!({ "writer_level": null, "websites": admin["websites"], "active": false });
        let res = api
            .put(format!("{base}/api/v1/team/{}", admin["id"].as_str().unwrap_or_default()))
            .bearer_auth(&boss)
            .json(&update)
            .send()
            .await?;
        anyhow::ensure!(res.status() == 200, "deactivating: {}", res.status());

        // Their next click finds the session over and lands on the sign-in page, told why.
        browser.click("[data-test=nav-customers]").await?;
        browser.wait_for_text("[role=status]", "Your session has ended").await?;
        browser.wait_for_text("h1", "Staff console").await?;
        check_eq!(browser.client.find_all(Locator::Css("[data-test=sign-out]")).await?.len(), 0);
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}

#[tokio::test]
async fn a_writer_renames_themselves_changes_their_password_and_signs_another_device_out() {
    let server = spawn_server(|_| {}).await;
    let browser = Browser::start("profile", &server).await;
    let outcome = async {
        // Another device of the writer's, signed in through the API.
        let api = reqwest::Client::builder()
            .resolve("writers.localhost", std::net::SocketAddr::from(([127, 0, 0, 1], server.port)))
            .build()?;
        let base = format!("http://writers.localhost:{}", server.port);
        let phone = atelier_api::testing::sign_in(&api, &base, "writer@atelier.example").await;

        browser.open("writers.localhost", "/login").await?;
        browser.sign_in("writer@atelier.example", PASSWORD).await?;
        browser.wait_for_text("[data-test=welcome]", "Wendy Writer").await?;
        browser.open("writers.localhost", "/profile").await?;
        browser.wait_for_text("[data-test=devices]", "This device").await?;
        browser.audit().await?;

        browser.client.find(Locator::Css("#details-display_name")).await?.clear().await?;
        browser.type_into("#details-display_name", "Wendy W.").await?;
        browser.click("[data-test=details] button[type=submit]").await?;
        browser.wait_for_text("[data-test=details] [role=status]", "saved").await?;
        browser.wait_for_text("[data-test=profile] h1", "Wendy W.").await?;

        // The other device: signed out from here, refused at its next call.
        browser.click("[data-test=end-session]").await?;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let status = api.get(format!("{base}/api/v1/me")).bearer_auth(&phone).send().await?.status();
            if status == 401 {
                break;
            }
            anyhow::ensure!(std::time::Instant::now() < deadline, "the other device still gets {status}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        // A wrong current password is said on its field; the right one changes it and keeps
        // this device signed in.
        browser.type_into("#password-form-current_password", "not my password").await?;
        browser.type_into("#password-form-new_password", "a brand new password").await?;
        browser.click("[data-test=password-form] button[type=submit]").await?;
        browser.wait_for_text("#password-form-current_password-note", "not your current password").await?;
        browser.client.find(Locator::Css("#password-form-current_password")).await?.clear().await?;
        browser.type_into("#password-form-current_password", PASSWORD).await?;
        browser.click("[data-test=password-form] button[type=submit]").await?;
        browser.wait_for_text("[data-test=password-form] [role=status]", "password was changed").await?;
        browser.open("writers.localhost", "/profile").await?;
        browser.wait_for_text("[data-test=profile] h1", "Wendy W.").await?;
        Ok(())
    }
    .await;
    browser.finish(outcome).await;
}
