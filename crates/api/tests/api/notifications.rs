//! Notifications: the worker turns the domain events into notifications for the people who
//! care, in their language, pushed live to their open apps and mailed as they chose; the list,
//! its unread count and marking read; the preferences and their limits.

use std::time::Duration;

use atelier_api::testing::spawn_worker;
use atelier_app::notifications::{dispatch_due, publish};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{TestApp, assert_envelope, spawn_app, spawn_app_with, status_and_json};
use crate::orders::{open_order, step};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(app: &TestApp, host: &str, token: &str) -> Socket {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let (status, ticket) =
        status_and_json(app.call("POST", host, "/api/v1/me/notifications/ticket", token, None).await).await;
    assert_eq!(status, 200, "{ticket}");
    let url = format!(
        "ws://127.0.0.1:{}/api/v1/me/notifications/live?ticket={}",
        app.port,
        ticket["ticket"].as_str().unwrap()
    );
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert("host", host.parse().unwrap());
    tokio_tungstenite::connect_async(request).await.unwrap().0
}

/// The next JSON message, within `wait`.
async fn next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        match tokio::time::timeout(wait, socket.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => return Some(serde_json::from_str(text.as_str()).unwrap()),
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            _ => return None,
        }
    }
}

async fn list(app: &TestApp, host: &str, token: &str) -> Value {
    let (status, page) = status_and_json(app.call("GET", host, "/api/v1/me/notifications", token, None).await).await;
    assert_eq!(status, 200, "{page}");
    page
}

/// Runs the dispatcher as the worker does, and publishes what it wrote, until every event
/// recorded is handled (events wait while an older transaction runs, here or in another
/// test's database); how many notifications it wrote.
async fn dispatch(app: &TestApp) -> usize {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut told = 0;
    loop {
        let done = dispatch_due(&app.db, &app.state.settings).await.unwrap();
        publish(&app.state.redis, app.state.keys.prefix(), &done.pushes).await;
        told += done.pushes.len();
        if atelier_app::notifications::pending(&app.db).await.unwrap() == 0 {
            return told;
        }
        assert!(std::time::Instant::now() < deadline, "events stayed pending");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// (kind, to, subject, text) of the mails in the outbox (sent or not), oldest first.
async fn outbox(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as("select kind, to_address, subject, text_body from mail_outbox order by created_at")
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_delivery_reaches_the_client_live_in_their_language_and_by_mail_and_each_party_hears_their_part() {
    // Behind a proxy that answers on https (ATELIER_APP_URL): the links in mail say so.
    let app = spawn_app_with(|s| s.app_url = Some("https://{host}".into())).await;
    let _worker = spawn_worker(&app.spawned());
    let client = app.token(ACME, "client@acme.example").await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let (status, me) =
        status_and_json(app.call("PATCH", ACME, "/api/v1/me", &client, Some(&json!({ "language": "fr" }))).await).await;
    assert_eq!(status, 200, "{me}");
    // The worker also deploys the demo's sites, and the order below is billed: that news is
    // turned off here, so the counts below are this order's delivery alone.
    let quiet = json!([
        { "kind": "deployment_live", "in_app": false, "email": false },
        { "kind": "deployment_failed", "in_app": false, "email": false },
        { "kind": "billing", "in_app": false, "email": false },
    ]);
    let res = app.call("PUT", ACME, "/api/v1/me/notifications/preferences", &client, Some(&quiet)).await;
    assert_eq!(res.status(), 200);
    let mut socket = connect(&app, ACME, &client).await;
    // First the count (the sign-ins above may have left security notices).
    let first = next(&mut socket, Duration::from_secs(5)).await.expect("the unread count");
    assert!(first.get("notification").is_none(), "{first}");
    let base = first["unread"].as_i64().unwrap();
    let before = list(&app, ACME, &client).await;
    assert_eq!(before["unread"].as_i64(), Some(base));

    let id = open_order(&app, &client, 300).await;
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    assert_eq!(step(&app, WRITERS, &writer, &id, "submit_text").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);

    // The worker is woken by the commit: the client's open app hears of it at once.
    let pushed = next(&mut socket, Duration::from_secs(10)).await.expect("a live notification");
    assert_eq!(pushed["unread"], base + 1, "{pushed}");
    let notification = &pushed["notification"];
    assert_eq!(notification["kind"], "order_delivered");
    assert_eq!(notification["title"], "Votre texte « Our story » est livré");
    assert_eq!(notification["link"], format!("/orders/{id}"));
    let page = list(&app, ACME, &client).await;
    assert_eq!(page["unread"].as_i64(), Some(base + 1), "{page}");
    assert_eq!(page["items"][0], *notification);

    // The editors of Acme (and its admin) heard the hand-in; Globex's admin did not.
    let staff_page = list(&app, STAFF, &editor).await;
    assert_eq!(staff_page["items"][0]["kind"], "order_submitted", "{staff_page}");
    let acme_admin = app.token(STAFF, "admin@acme.example").await;
    assert_eq!(list(&app, STAFF, &acme_admin).await["unread"], 1);
    let globex_admin = app.token(STAFF, "admin@globex.example").await;
    assert_eq!(list(&app, STAFF, &globex_admin).await["unread"], 0);
    // The writer hears nothing of their own moves.
    assert_eq!(list(&app, WRITERS, &writer).await["unread"], 0);

    // The mail: in French, with an absolute link to the order in the tenant's app.
    let mails = outbox(&app).await;
    let mail = mails.iter().find(|m| m.0 == "order_delivered").unwrap_or_else(|| panic!("{mails:?}"));
    assert_eq!(mail.1, "client@acme.example");
    assert!(mail.2.starts_with("Votre texte « Our story » est livré"), "{}", mail.2);
    assert!(mail.3.contains(&format!("https://acme.localhost/orders/{id}")), "{}", mail.3);

    // A revision asked: the writer hears of it; the revised delivery reads as such.
    assert_eq!(step(&app, ACME, &client, &id, "request_revision").await.0, 200);
    assert_eq!(step(&app, WRITERS, &writer, &id, "submit_text").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);
    let revised = next(&mut socket, Duration::from_secs(10)).await.expect("the revised delivery");
    assert_eq!(revised["notification"]["kind"], "revision_delivered", "{revised}");
    assert_eq!(revised["unread"], base + 2);
    let writer_page = list(&app, WRITERS, &writer).await;
    assert_eq!(writer_page["items"][0]["kind"], "revision_requested", "{writer_page}");
    assert_eq!(writer_page["items"][0]["title"], "A revision is asked for “Our story”");

    // Read here: every open app of the client gets the new count.
    let first = page["items"][0]["id"].as_i64().unwrap();
    assert_eq!(page["items"][0]["kind"], "order_delivered");
    let (status, body) =
        status_and_json(app.call("POST", ACME, &format!("/api/v1/me/notifications/{first}/read"), &client, None).await)
            .await;
    assert_eq!((status, body["unread"].as_i64()), (200, Some(base + 1)), "{body}");
    assert_eq!(next(&mut socket, Duration::from_secs(5)).await, Some(json!({ "unread": base + 1 })));
    // Someone else's notification is not there for them.
    let (status, body) = status_and_json(
        app.call("POST", WRITERS, &format!("/api/v1/me/notifications/{first}/read"), &writer, None).await,
    )
    .await;
    assert_eq!(status, 404);
    assert_envelope(&body, "notification_not_found");
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/me/notifications/read", &client, None).await).await;
    assert_eq!((status, body["unread"].as_i64()), (200, Some(0)));
    assert_eq!(list(&app, ACME, &client).await["items"][0]["read"], true);

    // Running the dispatcher again tells nobody twice.
    assert_eq!(dispatch(&app).await, 0);
    let after = list(&app, ACME, &client).await;
    assert_eq!(after["items"].as_array().unwrap().len(), before["items"].as_array().unwrap().len() + 2);
}

#[tokio::test]
async fn preferences_silence_a_kind_in_the_app_or_by_mail_but_never_the_security_mail() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (status, prefs) =
        status_and_json(app.call("GET", ACME, "/api/v1/me/notifications/preferences", &client, None).await).await;
    assert_eq!(status, 200, "{prefs}");
    let kinds: Vec<&str> = prefs.as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"order_delivered") && !kinds.contains(&"order_assigned"), "{kinds:?}");
    let live = prefs.as_array().unwrap().iter().find(|p| p["kind"] == "deployment_live").unwrap();
    assert_eq!((live["in_app"].as_bool(), live["email"].as_bool()), (Some(true), Some(false)), "{live}");
    assert_eq!(live["label"], "A site goes live");

    // Security mail stays on; a writer's kind is not the client's to set.
    for (choice, code) in [
        (json!([{ "kind": "security", "in_app": false, "email": false }]), "email_required"),
        (json!([{ "kind": "order_assigned", "in_app": false, "email": false }]), "not_for_you"),
    ] {
        let (status, body) = status_and_json(
            app.call("PUT", ACME, "/api/v1/me/notifications/preferences", &client, Some(&choice)).await,
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_envelope(&body, "validation_failed");
        assert_eq!(body["details"]["fields"][0]["code"], code, "{body}");
    }

    // Deliveries: not in the app, still by mail. Messages: in the app, not by mail.
    let choice = json!([
        { "kind": "order_delivered", "in_app": false, "email": true },
        { "kind": "message_posted", "in_app": true, "email": false },
    ]);
    let (status, saved) =
        status_and_json(app.call("PUT", ACME, "/api/v1/me/notifications/preferences", &client, Some(&choice)).await)
            .await;
    assert_eq!(status, 200, "{saved}");
    let delivered = saved.as_array().unwrap().iter().find(|p| p["kind"] == "order_delivered").unwrap();
    assert_eq!((delivered["in_app"].as_bool(), delivered["email"].as_bool()), (Some(false), Some(true)));

    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let editor = app.token(STAFF, "editor@atelier.example").await;
    let id = open_order(&app, &client, 300).await;
    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    let sent = app
        .call("POST", WRITERS, &format!("/api/v1/orders/{id}/messages"), &writer, Some(&json!({ "body": "Hello!" })))
        .await;
    assert_eq!(sent.status().as_u16(), 201);
    assert_eq!(step(&app, WRITERS, &writer, &id, "submit_text").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "start_review").await.0, 200);
    assert_eq!(step(&app, STAFF, &editor, &id, "approve").await.0, 200);
    dispatch(&app).await;

    let page = list(&app, ACME, &client).await;
    let kinds: Vec<&str> = page["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"message_posted") && !kinds.contains(&"order_delivered"), "{page}");
    let mails: Vec<String> =
        outbox(&app).await.into_iter().filter(|m| m.1 == "client@acme.example").map(|m| m.0).collect();
    assert!(
        mails.contains(&"order_delivered".to_owned()) && !mails.contains(&"message_posted".to_owned()),
        "{mails:?}"
    );

    // A password change is a security notice in the app (and its mail, always).
    let change = json!({ "current_password": crate::helpers::PASSWORD, "new_password": "a brand new passphrase 42" });
    let (status, body) =
        status_and_json(app.call("POST", ACME, "/api/v1/me/password", &client, Some(&change)).await).await;
    assert_eq!(status, 200, "{body}");
    let fresh = body["access_token"].as_str().unwrap();
    let page = list(&app, ACME, fresh).await;
    assert_eq!(
        (page["items"][0]["kind"].as_str(), page["items"][0]["title"].as_str()),
        (Some("security"), Some("Your password was changed"))
    );
}

#[tokio::test]
async fn a_notifications_ticket_opens_once_on_its_own_host_only() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let (_, ticket) =
        status_and_json(app.call("POST", ACME, "/api/v1/me/notifications/ticket", &client, None).await).await;
    let ticket = ticket["ticket"].as_str().unwrap().to_owned();
    let open = |host: &'static str, ticket: String| {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let url = format!("ws://127.0.0.1:{}/api/v1/me/notifications/live?ticket={ticket}", app.port);
        let mut request = url.into_client_request().unwrap();
        request.headers_mut().insert("host", host.parse().unwrap());
        tokio_tungstenite::connect_async(request)
    };
    let status = |outcome: Result<_, tokio_tungstenite::tungstenite::Error>| match outcome {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Ok(_) => 101,
        Err(e) => panic!("{e}"),
    };
    // Another tenant's host refuses it (and uses it up).
    assert_eq!(status(open("globex.localhost", ticket.clone()).await.map(|_| ())), 401);
    assert_eq!(status(open(ACME, ticket).await.map(|_| ())), 401);
    let (_, fresh) =
        status_and_json(app.call("POST", ACME, "/api/v1/me/notifications/ticket", &client, None).await).await;
    let fresh = fresh["ticket"].as_str().unwrap().to_owned();
    assert_eq!(status(open(ACME, fresh.clone()).await.map(|_| ())), 101);
    assert_eq!(status(open(ACME, fresh).await.map(|_| ())), 401, "a ticket opens once");
}

/// A demo site of `website` and its owner.
async fn demo_site(app: &TestApp, website: uuid::Uuid) -> (uuid::Uuid, uuid::Uuid) {
    sqlx::query_as("select id, owner_id from sites where website_id = $1 order by created_at limit 1")
        .bind(website)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn record_live(conn: &mut sqlx::PgConnection, website: uuid::Uuid, (site, owner): (uuid::Uuid, uuid::Uuid)) {
    let event =
        json!({ "kind": "deployment_live", "site_id": site, "deployment_id": uuid::Uuid::new_v4(), "owner_id": owner });
    sqlx::query("insert into domain_events (website_id, kind, payload) values ($1, 'deployment_live', $2)")
        .bind(website)
        .bind(event)
        .execute(conn)
        .await
        .unwrap();
}

async fn kinds_of(app: &TestApp, owner: uuid::Uuid) -> Vec<String> {
    sqlx::query_scalar("select kind from notifications where user_id = $1 order by id")
        .bind(owner)
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_event_committed_late_is_still_told_and_one_that_cannot_be_read_holds_up_nothing() {
    let app = spawn_app().await;
    let acme = demo_site(&app, app.demo.acme).await;
    let globex = demo_site(&app, app.demo.globex).await;
    // Acme's event is recorded first (the lower id) but its transaction commits last.
    use sqlx::{Connection, Executor};
    let options = app.owner.connect_options();
    let mut late = sqlx::PgConnection::connect_with(&options).await.unwrap();
    late.execute("begin").await.unwrap();
    record_live(&mut late, app.demo.acme, acme).await;
    let mut early = sqlx::PgConnection::connect_with(&options).await.unwrap();
    record_live(&mut early, app.demo.globex, globex).await;
    // Globex's is committed, but waits: an older transaction still runs and could still add
    // an event before it.
    dispatch_due(&app.db, &app.state.settings).await.unwrap();
    assert!(kinds_of(&app, globex.1).await.is_empty(), "told past a transaction still running");
    late.execute("commit").await.unwrap();
    dispatch(&app).await;
    assert_eq!(kinds_of(&app, globex.1).await, ["deployment_live"]);
    assert_eq!(kinds_of(&app, acme.1).await, ["deployment_live"], "the late event was passed over");

    // A kind this version cannot read (a newer one wrote it), then a good event: it is told.
    sqlx::query("insert into domain_events (website_id, kind, payload) values ($1, 'from_the_future', '{\"kind\": \"from_the_future\"}')")
        .bind(app.demo.acme)
        .execute(&app.owner)
        .await
        .unwrap();
    record_live(&mut early, app.demo.acme, acme).await;
    dispatch(&app).await;
    assert_eq!(kinds_of(&app, acme.1).await, ["deployment_live", "deployment_live"]);
    assert_eq!(dispatch(&app).await, 0, "nothing is told twice");
}

#[tokio::test]
async fn the_notifications_socket_closes_when_its_session_is_signed_out() {
    let app = spawn_app().await;
    let session = app.session(ACME, "client@acme.example").await;
    let token = session["access_token"].as_str().unwrap();
    let mut socket = connect(&app, ACME, token).await;
    assert!(next(&mut socket, Duration::from_secs(5)).await.is_some(), "the count first");
    let res = app.call("DELETE", ACME, "/api/v1/me/sessions", token, None).await;
    assert_eq!(res.status(), 204);
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the socket of a signed-out session stayed open");
    // Its token cannot ask for another ticket either.
    let res = app.call("POST", ACME, "/api/v1/me/notifications/ticket", token, None).await;
    assert_eq!(res.status(), 401);
}
