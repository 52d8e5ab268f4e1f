//! Domain events: the use cases that change something people care about record a typed
//! event in their own transaction; a subscriber reads them in order after its last id.

use atelier_app::events::{DomainEvent, read_after};
use atelier_types::orders::{OrderEvent, OrderStatus};
use serde_json::json;

use crate::helpers::{spawn_app, status_and_json};
use crate::orders::{open_order, step};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";

async fn last_id(app: &crate::helpers::TestApp) -> i64 {
    read_after(&app.db, 0, 10_000).await.unwrap().last().map_or(0, |e| e.id)
}

#[tokio::test]
async fn order_moves_and_messages_are_recorded_in_order_and_a_refused_move_records_nothing() {
    let app = spawn_app().await;
    let client = app.token(ACME, "client@acme.example").await;
    let writer = app.token(WRITERS, "writer@atelier.example").await;
    let id = open_order(&app, &client, 300).await;
    let order: uuid::Uuid = id.parse().unwrap();
    let mark = last_id(&app).await;

    // Refused: a client cannot claim. Nothing is recorded.
    assert_eq!(step(&app, ACME, &client, &id, "claim").await.0, 409);
    assert_eq!(last_id(&app).await, mark, "a refused move recorded an event");

    assert_eq!(step(&app, WRITERS, &writer, &id, "claim").await.0, 200);
    let path = format!("/api/v1/orders/{id}/messages");
    let sent = app.call("POST", ACME, &path, &client, Some(&json!({ "body": "Warm, please." }))).await;
    let (status, message) = status_and_json(sent).await;
    assert_eq!(status, 201, "{message}");
    assert_eq!(step(&app, WRITERS, &writer, &id, "submit_text").await.0, 200);

    let after: Vec<DomainEvent> = read_after(&app.db, mark, 100).await.unwrap().into_iter().map(|e| e.event).collect();
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(
        matches!(
            &after[0],
            DomainEvent::OrderMoved { order_id, event: OrderEvent::Claim, from: OrderStatus::Open, to: OrderStatus::Assigned, by, .. }
                if *order_id == order && by == "writer"
        ),
        "{:?}",
        after[0]
    );
    assert!(
        matches!(
            &after[1],
            DomainEvent::MessagePosted { order_id, message_id, author_role, .. }
                if *order_id == order && message_id.to_string() == message["id"].as_str().unwrap() && author_role == "client"
        ),
        "{:?}",
        after[1]
    );
    assert!(
        matches!(&after[2], DomainEvent::OrderMoved { event: OrderEvent::SubmitText, to: OrderStatus::Submitted, .. }),
        "{:?}",
        after[2]
    );
}

#[tokio::test]
async fn the_seed_moves_its_orders_through_the_same_use_case_and_its_events() {
    let app = spawn_app().await;
    let mut tx = app.db.begin(&atelier_db::Scope::everything()).await.unwrap();
    let seeded = atelier_db::events::after(&mut tx, 0, 1000).await.unwrap();
    drop(tx);
    // The seed moves its orders through the same use case: each demo client's completed order
    // has its whole history as events, the system's payment confirmation included.
    let moves: Vec<(String, String)> = seeded
        .iter()
        .filter(|e| e.website_id == app.demo.acme)
        .filter_map(|e| match &e.payload.0 {
            DomainEvent::OrderMoved { event, by, .. } => Some((event.as_str().to_owned(), by.clone())),
            _ => None,
        })
        .collect();
    for expected in [("confirm_payment", "system"), ("approve", "editor"), ("accept", "client")] {
        assert!(moves.contains(&(expected.0.to_owned(), expected.1.to_owned())), "{expected:?} not in {moves:?}");
    }
}
