//! Sites: the wizard's drafts and resume, Mode Rapide, preview, regenerate and revert,
//! pagination, and isolation between clients and tenants.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";
const GLOBEX: &str = "globex.localhost";

async fn acme_client(app: &TestApp) -> String {
    app.token(ACME, "client@acme.example").await
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, site) = status_and_json(app.call("POST", ACME, "/api/v1/sites", token, Some(&body)).await).await;
    assert_eq!(status, 201, "{site}");
    site
}

async fn save(app: &TestApp, token: &str, id: &str, step: &str, body: Value) -> (u16, Value) {
    status_and_json(app.call("PATCH", ACME, &format!("/api/v1/sites/{id}/steps/{step}"), token, Some(&body)).await)
        .await
}

fn fields(body: &Value) -> Vec<String> {
    body["details"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|e| e["field"].as_str().unwrap_or_default().to_owned()).collect())
        .unwrap_or_default()
}

fn section_ids(site: &Value) -> Vec<String> {
    site["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn the_wizard_saves_each_step_refuses_invalid_fields_by_name_and_resumes_after_a_new_sign_in() {
    let app = spawn_app().await;
    let token = acme_client(&app).await;
    let site =
        create(&app, &token, json!({ "name": "Boulangerie Saint-Honoré", "industry": "bakery", "language": "fr" }))
            .await;
    let id = site["id"].as_str().unwrap().to_owned();
    assert_eq!(site["slug"], "boulangerie-saint-honore");
    assert_eq!(site["wizard_step"], 1);
    assert_eq!(site["status"], "draft");
    assert_eq!(site["config"]["version"], 2);
    assert!(site["url"].as_str().unwrap().starts_with("http://boulangerie-saint-honore.sites.localhost"));

    // Step 2: the template.
    let (status, saved) = save(&app, &token, &id, "template", json!({ "template": "minimal" })).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!((saved["config"]["template"].as_str(), saved["wizard_step"].as_u64()), (Some("minimal"), Some(2)));

    // Step 3 with a bad colour: 422 naming the field, and nothing saved.
    let (status, body) = save(
        &app,
        &token,
        &id,
        "branding",
        json!({ "primary_color": "rouge", "accent_color": "#112233", "font": "serif" }),
    )
    .await;
    assert_eq!(status, 422);
    assert_envelope(&body, "validation_failed");
    assert_eq!(fields(&body), ["branding.primary_color"]);
    let (_, now) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_eq!(now["config"]["branding"], site["config"]["branding"], "a refused step changes nothing");
    assert_eq!(now["wizard_step"], 2);

    // The path names the step; a body naming another one is refused.
    let (status, body) = save(&app, &token, &id, "template", json!({ "step": "pages", "template": "bold" })).await;
    assert_eq!((status, fields(&body)), (422, vec!["step".to_owned()]));

    let (status, _) = save(
        &app,
        &token,
        &id,
        "branding",
        json!({ "primary_color": "#aa3300", "accent_color": "#112233", "font": "serif" }),
    )
    .await;
    assert_eq!(status, 200);

    // Step 4: a page is added; it arrives with written sections whose ids no other section has.
    let mut pages: Vec<Value> = site["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({ "kind": p["kind"], "slug": p["slug"], "title": p["title"] }))
        .collect();
    pages.push(json!({ "kind": "custom", "slug": "equipe", "title": "L'équipe" }));
    let (status, saved) = save(&app, &token, &id, "pages", json!({ "pages": pages })).await;
    assert_eq!(status, 200, "{saved}");
    let new_page = &saved["config"]["pages"][4];
    assert_eq!(new_page["slug"], "equipe");
    assert_eq!(new_page["sections"][0]["id"], "equipe-intro");
    assert!(new_page["sections"][0]["body"].as_str().unwrap().len() > 40, "the new page has text to read");
    let ids = section_ids(&saved);
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    let (_, queue) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/ai-content"), &token, None).await).await;
    assert!(queue.as_array().unwrap().iter().any(|e| e["section_id"] == "equipe-intro" && e["status"] == "pending"));

    // Step 5: an emptied heading is refused by its path.
    let mut content: Vec<Value> = saved["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({ "slug": p["slug"], "sections": p["sections"] }))
        .collect();
    content[0]["sections"][0]["heading"] = json!("");
    let (status, body) = save(&app, &token, &id, "content", json!({ "pages": content.clone() })).await;
    assert_eq!((status, fields(&body)), (422, vec!["pages[0].sections[0].heading".to_owned()]));
    content[0]["sections"][0]["heading"] = json!("Le meilleur pain du quartier");
    let (status, _) = save(&app, &token, &id, "content", json!({ "pages": content })).await;
    assert_eq!(status, 200);

    // Step 7: contact and SEO; an SEO entry for a page the site lacks is named.
    let (status, body) = save(
        &app,
        &token,
        &id,
        "contact_seo",
        json!({ "contact": { "email": "bonjour@exemple.fr" }, "pages": [{ "slug": "nope", "seo": { "title": "x" } }] }),
    )
    .await;
    assert_eq!((status, fields(&body)), (422, vec!["pages[0].slug".to_owned()]));
    let (status, _) = save(
        &app,
        &token,
        &id,
        "contact_seo",
        json!({ "contact": { "email": "bonjour@exemple.fr", "phone": "+33 1 02 03 04 05" },
                "pages": [{ "slug": "", "seo": { "title": "Boulangerie à Paris", "description": "Pain au levain" } }] }),
    )
    .await;
    assert_eq!(status, 200);

    // Step 6 after 7: the order is the client's.
    let (status, body) = save(
        &app,
        &token,
        &id,
        "media",
        json!({ "media": [{ "url": "javascript:alert(1)", "alt": "x" }], "logo_url": null }),
    )
    .await;
    assert_eq!((status, fields(&body)), (422, vec!["media[0].url".to_owned()]));
    let (status, _) = save(
        &app,
        &token,
        &id,
        "media",
        json!({ "media": [{ "url": "https://img.example/pain.jpg", "alt": "Pain" }], "logo_url": "https://img.example/pain.jpg" }),
    )
    .await;
    assert_eq!(status, 200);

    // A new session (as after signing out) finds the site where it was left.
    let again = acme_client(&app).await;
    let (status, list) = status_and_json(app.call("GET", ACME, "/api/v1/sites", &again, None).await).await;
    assert_eq!(status, 200);
    let mine = list["items"].as_array().unwrap().iter().find(|s| s["id"] == id.as_str()).expect("listed");
    assert_eq!(mine["wizard_step"], 6);
    let (_, full) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &again, None).await).await;
    assert_eq!(full["config"]["contact"]["phone"], "+33 1 02 03 04 05");
    assert_eq!(full["config"]["branding"]["logo_url"], "https://img.example/pain.jpg");
    assert_eq!(full["config"]["pages"][0]["seo"]["title"], "Boulangerie à Paris");

    let (status, done) = save(&app, &token, &id, "review", json!({})).await;
    assert_eq!((status, done["wizard_step"].as_u64()), (200, Some(8)));
}

#[tokio::test]
async fn mode_rapide_saves_a_complete_site_whose_preview_shows_the_business() {
    let app = spawn_app().await;
    let token = acme_client(&app).await;
    let form = json!({
        "business_name": "Atelier <b>Lumière</b>",
        "industry": "photography",
        "description": "Portraits and weddings in Lyon.",
        "primary_color": "#0055aa",
        "email": "Hello@Lumiere.example",
    });
    let (status, site) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(status, 201, "{site}");
    assert_eq!(site["wizard_step"], 8);
    assert_eq!(site["template"], "minimal", "photography gets the minimal template");
    assert_eq!(site["config"]["branding"]["primary_color"], "#0055aa");
    assert_eq!(site["config"]["contact"]["email"], "hello@lumiere.example");
    assert_eq!(site["config"]["pages"].as_array().unwrap().len(), 4);
    let id = site["id"].as_str().unwrap();

    let res = app.call("GET", ACME, &format!("/api/v1/sites/{id}/preview"), &token, None).await;
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'none'") && csp.contains("sandbox"), "{csp}");
    let html = res.text().await.unwrap();
    assert!(html.contains("Atelier &lt;b&gt;Lumière&lt;&#x2f;b&gt;"), "the name, escaped");
    assert!(!html.contains("<b>Lumière"));
    assert!(html.contains("Portraits and weddings in Lyon."));

    let res = app.call("GET", ACME, &format!("/api/v1/sites/{id}/preview?page=services"), &token, None).await;
    assert_eq!(res.status(), 200);
    let (status, body) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/preview?page=nope"), &token, None).await)
            .await;
    assert_eq!(status, 404);
    assert_envelope(&body, "page_not_found");

    // Every written section waits for review.
    let (_, queue) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/ai-content"), &token, None).await).await;
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), section_ids(&site).len());
    assert!(queue.iter().all(|e| e["status"] == "pending" && e["generator"] == "offline" && e["previous"].is_null()));

    // The same name again gets the next free address; bad fields are named.
    let (_, second) = status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&form)).await).await;
    assert_eq!(second["slug"], "atelier-b-lumiere-b-2", "{second}");
    let bad = json!({ "business_name": " ", "industry": "photography", "primary_color": "blue", "email": "nope" });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/sites/rapide", &token, Some(&bad)).await).await;
    assert_eq!(status, 422);
    assert_eq!(fields(&body), ["business_name", "primary_color", "email"]);
}

#[tokio::test]
async fn regenerating_a_section_changes_only_that_section_shows_the_difference_and_can_be_reverted() {
    let app = spawn_app().await;
    let token = acme_client(&app).await;
    let site = create(&app, &token, json!({ "name": "Cabinet Durand", "industry": "law" })).await;
    let id = site["id"].as_str().unwrap();

    // Seeds are random: regenerate until the text differs (the offline generator has few
    // variants per section; three identical draws in a row is possible, ten is not).
    let mut regenerated = None;
    for _ in 0..10 {
        let res = app.call("POST", ACME, &format!("/api/v1/sites/{id}/sections/story/regenerate"), &token, None).await;
        let (status, body) = status_and_json(res).await;
        assert_eq!(status, 200, "{body}");
        if !body["changes"].as_array().unwrap().is_empty() {
            regenerated = Some(body);
            break;
        }
    }
    let body = regenerated.expect("some regeneration changed the text");
    let change = &body["changes"][0];
    assert!(change["before"] != change["after"]);
    assert!(change["diff"].as_array().unwrap().iter().any(|s| s["op"] == "added"));
    let entry = &body["entry"];
    assert_eq!((entry["section_id"].as_str(), entry["status"].as_str()), (Some("story"), Some("pending")));

    // Only the story changed.
    let after = &body["site"]["config"];
    let before = &site["config"];
    for (p, page) in before["pages"].as_array().unwrap().iter().enumerate() {
        for (s, section) in page["sections"].as_array().unwrap().iter().enumerate() {
            let now = &after["pages"][p]["sections"][s];
            if section["id"] == "story" {
                assert_eq!(
                    now,
                    &json!({ "id": "story", "type": "text", "heading": entry["content"]["heading"], "body": entry["content"]["body"] })
                );
            } else {
                assert_eq!(now, section, "section {} must not change", section["id"]);
            }
        }
    }

    // Revert puts the previous text back; a second revert has nothing newer to undo.
    let entry_id = entry["id"].as_str().unwrap();
    let path = format!("/api/v1/sites/{id}/ai-content/{entry_id}/revert");
    let (status, reverted) = status_and_json(app.call("POST", ACME, &path, &token, None).await).await;
    assert_eq!(status, 200, "{reverted}");
    let story = |site: &Value| site["config"]["pages"][1]["sections"][0].clone();
    assert_eq!(story(&reverted), story(&site), "the story is as it was before");
    let (status, again) = status_and_json(app.call("POST", ACME, &path, &token, None).await).await;
    assert_eq!(status, 409);
    assert_envelope(&again, "section_changed");

    // A text that came with the site has nothing to revert to.
    let (_, queue) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}/ai-content"), &token, None).await).await;
    let original = queue.as_array().unwrap().iter().find(|e| e["previous"].is_null()).unwrap();
    let path = format!("/api/v1/sites/{id}/ai-content/{}/revert", original["id"].as_str().unwrap());
    let (status, body) = status_and_json(app.call("POST", ACME, &path, &token, None).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "nothing_to_revert");

    let res = app.call("POST", ACME, &format!("/api/v1/sites/{id}/sections/nope/regenerate"), &token, None).await;
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "section_not_found");
}

#[tokio::test]
async fn another_clients_site_is_not_found_whoever_asks_and_lists_are_paginated() {
    let app = spawn_app().await;
    let alice = acme_client(&app).await;
    let site = create(&app, &alice, json!({ "name": "Alice Bakes", "industry": "bakery" })).await;
    let id = site["id"].as_str().unwrap();

    // Another client of the same tenant.
    let bob = app.register(ACME, "bob@example.com", "Bob").await;
    let attempts: [(&str, String, Option<Value>); 6] = [
        ("GET", format!("/api/v1/sites/{id}"), None),
        ("PATCH", format!("/api/v1/sites/{id}/steps/template"), Some(json!({ "template": "bold" }))),
        ("GET", format!("/api/v1/sites/{id}/preview"), None),
        ("POST", format!("/api/v1/sites/{id}/sections/hero/regenerate"), None),
        ("GET", format!("/api/v1/sites/{id}/ai-content"), None),
        ("DELETE", format!("/api/v1/sites/{id}"), None),
    ];
    for (method, path, body) in &attempts {
        let (status, body) = status_and_json(app.call(method, ACME, path, &bob, body.as_ref()).await).await;
        assert_eq!(status, 404, "{method} {path}");
        assert_envelope(&body, "site_not_found");
    }
    let (_, list) = status_and_json(app.call("GET", ACME, "/api/v1/sites", &bob, None).await).await;
    assert_eq!(list["total"], 0);

    // A client of another tenant, on their own domain.
    let gabriel = app.token(GLOBEX, "client@globex.example").await;
    let (status, _) =
        status_and_json(app.call("GET", GLOBEX, &format!("/api/v1/sites/{id}"), &gabriel, None).await).await;
    assert_eq!(status, 404);

    // Staff tokens are not valid on a tenant's domain at all; sites are for clients.
    let writer = app.token("writers.localhost", "writer@atelier.example").await;
    let (status, body) =
        status_and_json(app.call("GET", "writers.localhost", "/api/v1/sites", &writer, None).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "clients_only");

    // Alice still has it, untouched; her list pages.
    let (status, _) = status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &alice, None).await).await;
    assert_eq!(status, 200);
    for name in ["Two", "Three"] {
        create(&app, &alice, json!({ "name": name, "industry": "retail" })).await;
    }
    let (_, page1) = status_and_json(app.call("GET", ACME, "/api/v1/sites?per_page=2", &alice, None).await).await;
    // The seeded demo site is Alice's too.
    assert_eq!((page1["total"].as_u64(), page1["items"].as_array().unwrap().len()), (Some(4), 2));
    assert_eq!(page1["items"][0]["name"], "Three", "newest first");
    let (_, page2) =
        status_and_json(app.call("GET", ACME, "/api/v1/sites?per_page=2&page=2", &alice, None).await).await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 2);
    let (status, body) =
        status_and_json(app.call("GET", ACME, "/api/v1/sites?per_page=500&page=0", &alice, None).await).await;
    assert_eq!((status, fields(&body)), (422, vec!["page".to_owned(), "per_page".to_owned()]));

    // Delete frees the slug.
    let res = app.call("DELETE", ACME, &format!("/api/v1/sites/{id}"), &alice, None).await;
    assert_eq!(res.status(), 204);
    let again = create(&app, &alice, json!({ "name": "x", "industry": "bakery", "slug": "alice-bakes" })).await;
    assert_eq!(again["slug"], "alice-bakes");
    let (status, body) = status_and_json(
        app.call(
            "POST",
            ACME,
            "/api/v1/sites",
            &alice,
            Some(&json!({ "name": "y", "industry": "bakery", "slug": "alice-bakes" })),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_envelope(&body, "slug_taken");
}

#[tokio::test]
async fn a_config_stored_by_an_older_version_is_upgraded_when_read() {
    let app = spawn_app().await;
    let token = acme_client(&app).await;
    let site = create(&app, &token, json!({ "name": "Old Timer", "industry": "retail" })).await;
    let id: uuid::Uuid = site["id"].as_str().unwrap().parse().unwrap();
    // Write it back as version 1 would have: no media library, a gallery with an image.
    let mut v1 = site["config"].clone();
    v1.as_object_mut().unwrap().remove("media");
    v1["version"] = json!(1);
    v1["pages"][0]["sections"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "shop", "type": "gallery", "heading": "Shop", "images": [{ "url": "https://img.example/s.jpg", "alt": "Shop" }] }));
    sqlx::query("update sites set config = $2, config_version = 1 where id = $1")
        .bind(id)
        .bind(&v1)
        .execute(&app.owner)
        .await
        .unwrap();
    let (status, read) =
        status_and_json(app.call("GET", ACME, &format!("/api/v1/sites/{id}"), &token, None).await).await;
    assert_eq!(status, 200);
    assert_eq!(read["config"]["version"], 2);
    assert_eq!(read["config"]["media"], json!([{ "url": "https://img.example/s.jpg", "alt": "Shop" }]));
    // A gallery has no text to write.
    let res = app.call("POST", ACME, &format!("/api/v1/sites/{id}/sections/shop/regenerate"), &token, None).await;
    let (status, body) = status_and_json(res).await;
    assert_eq!(status, 422);
    assert_envelope(&body, "not_generated");
}
