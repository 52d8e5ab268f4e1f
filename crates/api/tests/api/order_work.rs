//! The work on an order: the writer's autosaved Markdown draft, editors' edits and what the
//! client receives; notes and the lateness mark on the timeline; earnings and payouts; files
//! on the conversation; a delivered text applied to the client's site.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_envelope, spawn_app, status_and_json};
use crate::orders::{open_order, step, write};

const ACME: &str = "acme.localhost";
const GLOBEX: &str = "globex.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

/// A move with a body of the test's choosing (a note, or none where one is required).
async fn transition(app: &TestApp, host: &str, token: &str, order: &str, body: Value) -> (u16, Value) {
    let path = format!("/api/v1/orders/{order}/transitions");
    status_and_json(app.call("POST", host, &path, token, Some(&body)).await).await
}

async fn get(app: &TestApp, host: &str, token: &str, path: &str) -> (u16, Value) {
    status_and_json(app.call("GET", host, path, token, None).await).await
}

/// The kinds of the texts `token` may read, oldest first.
async fn text_kinds(app: &TestApp, host: &str, token: &str, order: &str) -> Vec<String> {
    let (status, texts) = get(app, host, token, &format!("/api/v1/orders/{order}/texts")).await;
    assert_eq!(status, 200, "{texts}");
    texts.as_array().unwrap().iter().map(|t| t["kind"].as_str().unwrap().to_owned()).collect()
}

async fn timeline(app: &TestApp, host: &str, token: &str, order: &str) -> Vec<Value> {
    let (status, entries) = get(app, host, token, &format!("/api/v1/orders/{order}/timeline")).await;
    assert_eq!(status, 200, "{entries}");
    entries.as_array().unwrap().clone()
}

/// A client of Acme other than Alice, signed in.
async fn another_acme_client(app: &TestApp) -> String {
    app.verified_client(ACME, "carol@example.com", "Carol").await
}

/// Takes an open order through writing and review to the client (the writer hands in the
/// text `step` writes).
pub(crate) async fn deliver(app: &TestApp, order: &str) {
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(step(app, WRITERS, &writer, order, "claim").await.0, 200);
    assert_eq!(step(app, WRITERS, &writer, order, "submit_text").await.0, 200);
    assert_eq!(step(app, STAFF, &editor, order, "start_review").await.0, 200);
    let (status, delivered) = step(app, STAFF, &editor, order, "approve").await;
    assert_eq!((status, delivered["status"].as_str()), (200, Some("delivered")), "{delivered}");
}

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().unwrap_or_else(|| panic!("a time: {value}")).parse().unwrap()
}

#[tokio::test]
async fn the_writers_autosaved_draft_is_handed_in_and_edited_and_the_client_reads_only_the_delivered_version() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let id = open_order(&app, &client, 300).await;
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);

    // Nothing written yet: there is nothing to hand in, and the order stays with the writer.
    let (status, body) = transition(&app, WRITERS, &writer, &id, json!({ "event": "submit_text" })).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "empty_draft");
    let (_, order) = get(&app, WRITERS, &writer, &format!("/api/v1/orders/{id}")).await;
    assert_eq!(order["status"], "assigned");
    // Nor is a draft with no words in it (only Markdown marks).
    let (status, blank) = write(&app, &writer, &id, "# \n\n** **").await;
    assert_eq!((status, blank["words"].as_i64()), (200, Some(0)), "{blank}");
    let (status, body) = transition(&app, WRITERS, &writer, &id, json!({ "event": "submit_text" })).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("empty_draft")), "{body}");

    // Autosave: each save replaces the draft; the server counts words, not Markdown marks.
    let (status, first) = write(&app, &writer, &id, "# Our story\n\nWe bake").await;
    assert_eq!((status, first["words"].as_i64(), first["kind"].as_str()), (200, Some(4), Some("draft")), "{first}");
    let draft = "# Our story\n\nWe bake *every* morning, **since 1962**.";
    let (status, saved) = write(&app, &writer, &id, draft).await;
    assert_eq!((status, saved["words"].as_i64(), saved["body"].as_str()), (200, Some(8), Some(draft)), "{saved}");
    assert_eq!(saved["id"], first["id"], "one draft per order, saved over");
    assert_eq!(saved["author"], "writer");

    // The client does not write the text.
    let text_path = format!("/api/v1/orders/{id}/text");
    let (status, body) =
        status_and_json(app.call("PUT", ACME, &text_path, &client, Some(&json!({ "body": "Mine!" }))).await).await;
    assert_eq!(status, 403);
    assert_envelope(&body, "not_your_text");

    // Handed in: the writer's draft is locked, and nobody edits before review starts.
    let (status, submitted) = transition(&app, WRITERS, &writer, &id, json!({ "event": "submit_text" })).await;
    assert_eq!((status, submitted["status"].as_str()), (200, Some("submitted")), "{submitted}");
    let (status, body) = write(&app, &writer, &id, "A late change").await;
    assert_eq!(status, 409);
    assert_envelope(&body, "not_editable");
    assert_eq!(body["details"]["fields"][0]["code"], "submitted", "{body}");
    let edit = |text: &str| json!({ "body": text });
    let (status, body) =
        status_and_json(app.call("PUT", STAFF, &text_path, &editor, Some(&edit("Too early"))).await).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("not_editable")), "{body}");

    // In review the editor saves their own version (one per round, saved over).
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    let (status, edited) =
        status_and_json(app.call("PUT", STAFF, &text_path, &editor, Some(&edit("# Our story\n\nWe bake."))).await)
            .await;
    assert_eq!((status, edited["kind"].as_str(), edited["author"].as_str()), (200, Some("edit"), Some("editor")));
    let final_text = "# Our story\n\nWe bake every single morning.";
    let (status, again) =
        status_and_json(app.call("PUT", STAFF, &text_path, &editor, Some(&edit(final_text))).await).await;
    assert_eq!((status, again["id"].clone(), again["words"].as_i64()), (200, edited["id"].clone(), Some(7)));

    // Who reads what: the writer everything, staff what was handed in, the client nothing yet.
    assert_eq!(text_kinds(&app, WRITERS, &writer, &id).await, ["draft", "submission", "edit"]);
    assert_eq!(text_kinds(&app, STAFF, &editor, &id).await, ["submission", "edit"]);
    assert!(text_kinds(&app, ACME, &client, &id).await.is_empty());
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);
    let (_, received) = get(&app, ACME, &client, &format!("/api/v1/orders/{id}/texts")).await;
    let received = received.as_array().unwrap();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!((received[0]["kind"].as_str(), received[0]["body"].as_str()), (Some("edit"), Some(final_text)));
    assert!(received[0]["delivered_at"].is_string(), "{received:?}");

    // Sending it back takes a note, which the timeline shows; then the writer works again.
    for body in [json!({ "event": "request_revision" }), json!({ "event": "request_revision", "note": "  " })] {
        let (status, refused) = transition(&app, ACME, &client, &id, body).await;
        assert_eq!((status, refused["details"]["fields"][0]["field"].as_str()), (422, Some("note")), "{refused}");
    }
    let note = "Mention the sourdough, please.";
    let (status, revising) =
        transition(&app, ACME, &client, &id, json!({ "event": "request_revision", "note": note })).await;
    assert_eq!((status, revising["status"].as_str()), (200, Some("revision_requested")), "{revising}");
    assert_eq!(write(&app, &writer, &id, "# Our story\n\nSourdough too.").await.0, 200);

    let entries = timeline(&app, WRITERS, &writer, &id).await;
    let events: Vec<&str> = entries.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        ["place", "confirm_payment", "claim", "submit_text", "start_review", "approve", "request_revision"],
        "the refused hand-in left no trace"
    );
    let last = entries.last().unwrap();
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str(), last["actor"].as_str(), last["note"].as_str()),
        (Some("delivered"), Some("revision_requested"), Some("client"), Some(note))
    );
}

#[tokio::test]
async fn an_order_not_delivered_by_its_deadline_is_marked_late_once_and_a_delivered_one_is_not() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let now = Utc::now();
    let waiting = open_order(&app, &client, 300).await;
    let delivered = open_order(&app, &client, 300).await;
    deliver(&app, &delivered).await;
    let order = |id: &str| {
        let (app, client, path) = (&app, &client, format!("/api/v1/orders/{id}"));
        async move { get(app, ACME, client, &path).await.1 }
    };

    // Paid with 7 days' turnaround: due a week after payment.
    let before = order(&waiting).await;
    let due = time(&before["deadline_at"]);
    assert!((due - (now + Duration::days(7))).num_seconds().abs() < 60, "{before}");
    assert_eq!(before["late"], false);

    let mark = |days: i64| atelier_app::orders::mark_late_due(&app.db, now + Duration::days(days));
    assert_eq!(mark(6).await.unwrap(), 0, "nothing is due yet");
    assert_eq!(order(&waiting).await["late"], false);
    assert!(mark(8).await.unwrap() >= 1);
    assert_eq!(order(&waiting).await["late"], true);
    assert_eq!(order(&delivered).await["late"], false, "delivered in time");
    assert_eq!(mark(9).await.unwrap(), 0, "an order is marked once");

    let lates: Vec<Value> =
        timeline(&app, ACME, &client, &waiting).await.into_iter().filter(|e| e["event"] == "late").collect();
    assert_eq!(lates.len(), 1, "{lates:?}");
    assert_eq!(
        (lates[0]["from"].as_str(), lates[0]["to"].as_str(), lates[0]["actor"].as_str()),
        (Some("open"), Some("open"), Some("system"))
    );
    let marked_at = time(&lates[0]["at"]);
    assert!((marked_at - (now + Duration::days(8))).num_milliseconds().abs() < 1, "{lates:?}");
    // Still late once a writer takes it.
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let (status, claimed) = step(&app, WRITERS, &writer, &waiting, "claim").await;
    assert_eq!((status, claimed["late"].as_bool()), (200, Some(true)), "{claimed}");

    // A dispute says why, and the timeline keeps it.
    let (status, refused) = transition(&app, ACME, &client, &delivered, json!({ "event": "dispute" })).await;
    assert_eq!((status, refused["details"]["fields"][0]["field"].as_str()), (422, Some("note")), "{refused}");
    assert_eq!(order(&delivered).await["status"], "delivered");
    let why = "This is about another bakery.";
    let (status, disputed) =
        transition(&app, ACME, &client, &delivered, json!({ "event": "dispute", "note": why })).await;
    assert_eq!((status, disputed["status"].as_str()), (200, Some("disputed")), "{disputed}");
    let admin = app.token(STAFF, "admin@acme.example").await;
    let last = timeline(&app, STAFF, &admin, &delivered).await.pop().unwrap();
    assert_eq!((last["event"].as_str(), last["note"].as_str()), (Some("dispute"), Some(why)), "{last}");
}

#[tokio::test]
async fn a_writer_is_paid_what_is_available_above_the_threshold_once_their_websites_admin_approves() {
    let app = spawn_app().await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let acme = app.demo.acme.to_string();
    let balance = |earnings: &Value, website: &str| {
        earnings["balances"].as_array().unwrap().iter().find(|b| b["website_id"] == website).cloned().unwrap()
    };
    let amounts =
        |b: &Value| ["earned_minor", "paid_minor", "pending_minor", "available_minor"].map(|k| b[k].as_i64().unwrap());

    // The demo order earned 960 on each website, already paid out: nothing to ask for.
    let (status, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
    assert_eq!((status, earnings["payout_threshold_minor"].as_i64()), (200, Some(1000)), "{earnings}");
    assert_eq!(amounts(&balance(&earnings, &acme)), [960, 960, 0, 0]);
    let ask = json!({ "website_id": acme });
    let (status, body) = status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!((status, body["details"]["fields"][0]["code"].as_str()), (422, Some("below_threshold")), "{body}");

    // Another completed order (500 words: 2400 to the writer) takes them over the threshold.
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 500).await;
    deliver(&app, &id).await;
    assert_eq!(step(&app, ACME, &client, &id, "accept").await.0, 200);
    let (_, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
    let acme_balance = balance(&earnings, &acme);
    assert_eq!(amounts(&acme_balance), [3360, 960, 0, 2400]);
    assert!(acme_balance["this_month_minor"].as_i64().unwrap() >= 2400, "{acme_balance}");
    assert_eq!(
        (earnings["entries"][0]["kind"].as_str(), earnings["entries"][0]["amount_minor"].as_i64()),
        (Some("earning"), Some(2400))
    );

    // The request is for everything available, and one at a time.
    let (status, payout) =
        status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!(
        (status, payout["amount_minor"].as_i64(), payout["status"].as_str()),
        (201, Some(2400), Some("requested")),
        "{payout}"
    );
    let (status, body) = status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "payout_pending");
    let (_, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
    assert_eq!(amounts(&balance(&earnings, &acme)), [3360, 960, 2400, 0]);

    // Only admins of the website answer: not an editor, not Globex's admin.
    let payout_id = payout["id"].as_str().unwrap();
    let decision = format!("/api/v1/payouts/{payout_id}/decision");
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let (status, body) = get(&app, STAFF, &editor, "/api/v1/payouts").await;
    assert_eq!(status, 403);
    assert_envelope(&body, "admins_only");
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    let (_, theirs) = get(&app, STAFF, &globex_admin, "/api/v1/payouts").await;
    assert!(theirs.as_array().unwrap().iter().all(|p| p["id"] != payout_id), "{theirs}");
    let approve = json!({ "approve": true });
    let (status, body) = status_and_json(app.call("POST", STAFF, &decision, &globex_admin, Some(&approve)).await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "payout_not_found");
    let superadmin = app.token(STAFF, "superadmin@atelier.example").await;
    let (_, all) = get(&app, STAFF, &superadmin, "/api/v1/payouts").await;
    assert!(all.as_array().unwrap().iter().any(|p| p["id"] == payout_id), "{all}");

    let admin = app.token(STAFF, "admin@acme.example").await;
    let (_, listed) = get(&app, STAFF, &admin, "/api/v1/payouts").await;
    assert_eq!(listed[0]["id"], payout_id, "open requests first: {listed}");
    let (status, body) =
        status_and_json(app.call("POST", STAFF, &decision, &admin, Some(&json!({ "approve": false }))).await).await;
    assert_eq!((status, body["details"]["fields"][0]["field"].as_str()), (422, Some("reason")), "{body}");
    let (status, approved) = status_and_json(app.call("POST", STAFF, &decision, &admin, Some(&approve)).await).await;
    assert_eq!((status, approved["status"].as_str()), (200, Some("approved")), "{approved}");
    assert!(approved["decided_at"].is_string());
    let reject = json!({ "approve": false, "reason": "Changed my mind." });
    let (status, body) = status_and_json(app.call("POST", STAFF, &decision, &admin, Some(&reject)).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "payout_decided");

    // Paid: the ledger has the payout line, nothing is left to ask for; Globex is untouched.
    let (_, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
    assert_eq!(amounts(&balance(&earnings, &acme)), [3360, 3360, 0, 0]);
    assert_eq!(amounts(&balance(&earnings, &app.demo.globex.to_string())), [960, 960, 0, 0]);
    assert_eq!(
        (earnings["entries"][0]["kind"].as_str(), earnings["entries"][0]["amount_minor"].as_i64()),
        (Some("payout"), Some(2400))
    );
    assert_eq!(earnings["payouts"][0]["status"], "approved");
    let (status, body) = status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!((status, body["details"]["fields"][0]["code"].as_str()), (422, Some("below_threshold")), "{body}");
}

async fn upload(
    app: &TestApp,
    host: &str,
    token: &str,
    order: &str,
    query: &[(&str, &str)],
    file: Vec<u8>,
) -> (u16, Value) {
    let url = app.url(host, &format!("/api/v1/orders/{order}/attachments"));
    let url = reqwest::Url::parse_with_params(&url, query).unwrap();
    let res = app.client.post(url).bearer_auth(token).body(file).send().await.expect("upload");
    status_and_json(res).await
}

#[tokio::test]
async fn files_on_an_order_reach_only_its_conversation_and_must_be_what_their_names_say() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 300).await;
    let pdf = b"%PDF-1.7\nThe brief: warm, plain, three paragraphs.\n%%EOF".to_vec();

    let (status, sent) =
        upload(&app, ACME, &client, &id, &[("name", "brief.pdf"), ("note", "Our brief")], pdf.clone()).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!((sent["body"].as_str(), sent["author_role"].as_str()), (Some("Our brief"), Some("client")));
    let file = &sent["attachments"][0];
    assert_eq!(
        (file["name"].as_str(), file["content_type"].as_str(), file["size_bytes"].as_u64()),
        (Some("brief.pdf"), Some("application/pdf"), Some(pdf.len() as u64)),
        "{sent}"
    );
    let file_path = format!("/api/v1/orders/{id}/attachments/{}", file["id"].as_str().unwrap());
    let (_, thread) = get(&app, ACME, &client, &format!("/api/v1/orders/{id}/messages")).await;
    let shown = thread.as_array().unwrap().iter().find(|m| m["id"] == sent["id"]).unwrap();
    assert_eq!(shown["attachments"][0]["id"], file["id"], "{thread}");

    // Its writer (once they hold it) and the website's staff download the same bytes, as a
    // download; a writer who has not taken the order cannot.
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    assert_eq!(app.get_authed(WRITERS, &file_path, &writer).await.status(), 404);
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    let editor = app.token(STAFF, "editor@atelier.example").await;
    for (host, token) in [(WRITERS, &writer), (STAFF, &editor), (ACME, &client)] {
        let res = app.get_authed(host, &file_path, token).await;
        assert_eq!(res.status(), 200, "{host}");
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.starts_with("attachment") && disposition.contains("brief.pdf"), "{disposition}");
        assert_eq!(res.bytes().await.unwrap().as_ref(), pdf.as_slice(), "{host}");
    }

    // Another client of Acme, Globex's client or Globex's admin: no such order for them.
    let carol = another_acme_client(&app).await;
    let gabriel = app.token(GLOBEX, "client@globex.example").await;
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    for (host, token) in [(ACME, &carol), (GLOBEX, &gabriel), (STAFF, &globex_admin)] {
        let (status, body) = get(&app, host, token, &file_path).await;
        assert_eq!(status, 404, "{host}: {body}");
        assert_envelope(&body, "order_not_found");
        let (status, body) = upload(&app, host, token, &id, &[("name", "brief.pdf")], pdf.clone()).await;
        assert_eq!(status, 404, "{host}: {body}");
    }

    // Only accepted kinds, whose content matches their name, of at most 10 MiB, not empty.
    let too_big = vec![b'a'; 10 * 1024 * 1024 + 1];
    for (name, content, expected_status, code) in [
        ("run.exe", b"MZ\x90\x00".to_vec(), 415, "unsupported_file_type"),
        ("photo.png", pdf.clone(), 415, "unsupported_file_type"),
        ("notes.txt", too_big, 413, "file_too_large"),
        ("brief.pdf", Vec::new(), 422, "validation_failed"),
    ] {
        let (status, body) = upload(&app, ACME, &client, &id, &[("name", name)], content).await;
        assert_eq!(status, expected_status, "{name}: {body}");
        assert_envelope(&body, code);
    }
    let (_, thread) = get(&app, ACME, &client, &format!("/api/v1/orders/{id}/messages")).await;
    let files: usize = thread.as_array().unwrap().iter().map(|m| m["attachments"].as_array().unwrap().len()).sum();
    assert_eq!(files, 1, "refused files leave no message: {thread}");
}

/// Alice's site, as she reads it, and the id of its (first) text section.
async fn text_section(app: &TestApp, client: &str) -> (String, Value, String) {
    let (_, sites) = get(app, ACME, client, "/api/v1/sites").await;
    let site_id = sites["items"][0]["id"].as_str().unwrap().to_owned();
    let (status, site) = get(app, ACME, client, &format!("/api/v1/sites/{site_id}")).await;
    assert_eq!(status, 200, "{site}");
    let section_id = site["config"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["sections"].as_array().unwrap())
        .find(|s| s["type"] == "text")
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .expect("the demo site has a text section");
    (site_id, site, section_id)
}

/// A paid (open) page-copy order for a section of the client's site.
async fn open_section_order(app: &TestApp, client: &str, site_id: &str, section_id: &str, words: i64) -> String {
    let service = crate::orders::page_copy(app, client).await;
    let body = json!({ "service_type_id": service["id"], "words": words, "turnaround_days": 7, "title": "About us",
                       "site_id": site_id, "section_id": section_id });
    let (status, order) = status_and_json(app.call("POST", ACME, "/api/v1/orders", client, Some(&body)).await).await;
    assert_eq!((status, order["section_id"].as_str()), (201, Some(section_id)), "{order}");
    let id = order["id"].as_str().unwrap().to_owned();
    assert_eq!(step(app, ACME, client, &id, "place").await.0, 200);
    let admin = app.token(STAFF, "admin@acme.example").await;
    assert_eq!(step(app, STAFF, &admin, &id, "confirm_payment").await.0, 200);
    id
}

#[tokio::test]
async fn a_delivered_text_fills_the_site_section_it_was_ordered_for_and_nothing_else() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (site_id, before, section_id) = text_section(&app, &client).await;
    let id = open_section_order(&app, &client, &site_id, &section_id, 200).await;
    let apply = format!("/api/v1/orders/{id}/apply");
    let (status, body) = status_and_json(app.call("POST", ACME, &apply, &client, None).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "not_delivered");

    // The writer writes it, the editor polishes it: the client gets the editor's version.
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    assert_eq!(write(&app, &writer, &id, "# Bread\n\nWe bake.").await.0, 200);
    assert_eq!(transition(&app, WRITERS, &writer, &id, json!({ "event": "submit_text" })).await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    let polished =
        "# Fresh bread, *every* day\n\nWe bake **before dawn**\nwith local flour.\n\n- Baguettes\n- Croissants";
    let text_path = format!("/api/v1/orders/{id}/text");
    let saved = app.call("PUT", STAFF, &text_path, &editor, Some(&json!({ "body": polished }))).await;
    assert_eq!(saved.status(), 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);

    let carol = another_acme_client(&app).await;
    let (status, body) = status_and_json(app.call("POST", ACME, &apply, &carol, None).await).await;
    assert_eq!(status, 404);
    assert_envelope(&body, "order_not_found");
    let (status, applied) = status_and_json(app.call("POST", ACME, &apply, &client, None).await).await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!((applied["site_id"].as_str(), applied["section_id"].as_str()), (Some(&*site_id), Some(&*section_id)));

    // The heading comes from the text's opening heading, the body is plain text; the rest of
    // the site is as it was.
    let (_, after) = get(&app, ACME, &client, &format!("/api/v1/sites/{site_id}")).await;
    let mut expected = before["config"].clone();
    for page in expected["pages"].as_array_mut().unwrap() {
        for section in page["sections"].as_array_mut().unwrap() {
            if section["id"] == section_id.as_str() {
                section["heading"] = json!("Fresh bread, every day");
                section["body"] = json!("We bake before dawn with local flour.\n\n• Baguettes\n• Croissants");
            }
        }
    }
    assert_eq!(after["config"], expected);

    // An order that was not for a section has nowhere to go.
    let plain = open_order(&app, &client, 300).await;
    deliver(&app, &plain).await;
    let (status, body) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/orders/{plain}/apply"), &client, None).await).await;
    assert_eq!(status, 409);
    assert_envelope(&body, "no_section");
}

#[tokio::test]
async fn a_delivered_text_longer_than_its_section_holds_does_not_leave_the_site_unpublishable() {
    // Page copy is sold up to 1500 words; a text section holds at most 4000 characters.
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (site_id, before, section_id) = text_section(&app, &client).await;
    let id = open_section_order(&app, &client, &site_id, &section_id, 800).await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    let text = format!("# About us\n\n{}", "We bake bread every single morning. ".repeat(130));
    let (status, saved) = write(&app, &writer, &id, &text).await;
    assert_eq!((status, saved["words"].as_i64()), (200, Some(782)), "an order-sized text");
    assert_eq!(transition(&app, WRITERS, &writer, &id, json!({ "event": "submit_text" })).await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);

    // Either the client is told before anything changes, or the site can still be published.
    let (status, applied) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/orders/{id}/apply"), &client, None).await).await;
    let site_path = format!("/api/v1/sites/{site_id}");
    if status == 200 {
        let (status, deployment) =
            status_and_json(app.call("POST", ACME, &format!("{site_path}/deployments"), &client, None).await).await;
        assert_eq!(status, 202, "the applied text made the site unpublishable: {deployment}");
    } else {
        assert_eq!(status, 422, "{applied}");
        let (_, after) = get(&app, ACME, &client, &site_path).await;
        assert_eq!(after["config"], before["config"], "a refused text changes nothing");
    }
}

#[tokio::test]
async fn a_writer_who_gives_an_order_back_takes_their_draft_with_them() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let id = open_order(&app, &client, 300).await;
    let first = app.token(WRITERS, "writer@atelier.example").await;
    assert_eq!(step(&app, WRITERS, &first, &id, "claim").await.0, 200);
    assert_eq!(write(&app, &first, &id, "A first half-written draft").await.0, 200);
    assert_eq!(step(&app, WRITERS, &first, &id, "drop").await.0, 200);

    // The next writer starts from a blank page and cannot hand in someone else's words.
    let second = app.token(WRITERS, "writer.acme@atelier.example").await;
    assert_eq!(step(&app, WRITERS, &second, &id, "claim").await.0, 200);
    assert!(text_kinds(&app, WRITERS, &second, &id).await.is_empty());
    let (status, body) = transition(&app, WRITERS, &second, &id, json!({ "event": "submit_text" })).await;
    assert_eq!(status, 409, "{body}");
    assert_envelope(&body, "empty_draft");
}

#[tokio::test]
async fn orders_cancelled_refunded_and_resolved_through_the_api_take_the_money_and_the_work_with_them() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let admin = app.token(STAFF, "admin@acme.example").await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let balance =
        || async { get(&app, ACME, &client, "/api/v1/billing/balance").await.1["balance_minor"].as_i64().unwrap() };
    let available = || async {
        let (_, list) = get(&app, WRITERS, &writer, "/api/v1/orders/available").await;
        list.as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };

    // Unpaid, the client calls it off: nothing is owed any more.
    let (unpaid, invoice) = crate::billing::placed_order(&app, &client, 300).await;
    let (status, cancelled) = step(&app, ACME, &client, &unpaid, "cancel").await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")), "{cancelled}");
    let path = format!("/api/v1/billing/invoices/{}", invoice["id"].as_str().unwrap());
    assert_eq!(get(&app, ACME, &client, &path).await.1["status"], "void");

    // Paid and open, the admin cancels it: writers no longer see it, the client has the
    // money back on their balance (300 words at 8 cents, VAT 20 %: 28.80).
    let before = balance().await;
    let open = open_order(&app, &client, 300).await;
    assert!(available().await.contains(&open));
    let (status, cancelled) = step(&app, STAFF, &admin, &open, "cancel").await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")), "{cancelled}");
    assert!(!available().await.contains(&open), "a cancelled order is still offered to writers");
    assert_eq!(balance().await - before, 2880);

    // Claimed, then refunded by the admin: out of the writer's hands, money back.
    let before = balance().await;
    let claimed = open_order(&app, &client, 300).await;
    assert_eq!(step(&app, WRITERS, &writer, &claimed, "claim").await.0, 200);
    let (status, refunded) = step(&app, STAFF, &admin, &claimed, "refund").await;
    assert_eq!((status, refunded["status"].as_str()), (200, Some("refunded")), "{refunded}");
    assert_eq!(balance().await - before, 2880);
    let (status, body) = write(&app, &writer, &claimed, "More words").await;
    assert_eq!(status, 409, "the writer can no longer write it: {body}");

    // Delivered, disputed by the client, resolved by the admin: the timeline tells it.
    let disputed = open_order(&app, &client, 300).await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    deliver(&app, &disputed).await;
    let (status, moved) = step(&app, ACME, &client, &disputed, "dispute").await;
    assert_eq!(status, 200, "dispute: {moved}");
    let (status, refused) = step(&app, STAFF, &editor, &disputed, "resolve").await;
    assert_eq!(status, 409, "only admins settle disputes: {refused}");
    assert_envelope(&refused, "illegal_transition");
    let settled = json!({ "event": "resolve", "note": "Rewritten for the right bakery." });
    let (status, resolved) = transition(&app, STAFF, &admin, &disputed, settled).await;
    assert_eq!((status, resolved["status"].as_str()), (200, Some("resolved")), "{resolved}");
    let last = timeline(&app, ACME, &client, &disputed).await.pop().unwrap();
    assert_eq!(
        (last["event"].as_str(), last["note"].as_str()),
        (Some("resolve"), Some("Rewritten for the right bakery."))
    );
}

#[tokio::test]
async fn a_rejected_payout_tells_the_writer_why_and_the_money_can_be_asked_for_again() {
    let app = spawn_app().await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let client = app.token(ACME, "client@acme.example").await;
    let acme = app.demo.acme.to_string();
    let available = || async {
        let (_, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
        let balance =
            earnings["balances"].as_array().unwrap().iter().find(|b| b["website_id"] == acme.as_str()).cloned();
        let balance = balance.unwrap();
        (balance["pending_minor"].as_i64().unwrap(), balance["available_minor"].as_i64().unwrap())
    };
    let id = open_order(&app, &client, 500).await;
    deliver(&app, &id).await;
    assert_eq!(step(&app, ACME, &client, &id, "accept").await.0, 200);
    let ask = json!({ "website_id": acme });
    let (status, payout) =
        status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!(status, 201, "{payout}");
    assert_eq!(available().await, (2400, 0));

    let admin = app.token(STAFF, "admin@acme.example").await;
    let decision = format!("/api/v1/payouts/{}/decision", payout["id"].as_str().unwrap());
    let reject = json!({ "approve": false, "reason": "Your bank details are missing." });
    let (status, rejected) = status_and_json(app.call("POST", STAFF, &decision, &admin, Some(&reject)).await).await;
    assert_eq!((status, rejected["status"].as_str()), (200, Some("rejected")), "{rejected}");
    // The writer reads the decision and its reason; nothing was paid, all is available again.
    let (_, earnings) = get(&app, WRITERS, &writer, "/api/v1/earnings").await;
    let theirs = earnings["payouts"].as_array().unwrap().iter().find(|p| p["id"] == payout["id"]).cloned().unwrap();
    assert_eq!(
        (theirs["status"].as_str(), theirs["reason"].as_str()),
        (Some("rejected"), Some("Your bank details are missing.")),
        "{theirs}"
    );
    assert_eq!(available().await, (0, 2400));
    let (status, again) =
        status_and_json(app.call("POST", WRITERS, "/api/v1/payouts", &writer, Some(&ask)).await).await;
    assert_eq!((status, again["amount_minor"].as_i64()), (201, Some(2400)), "{again}");
}
