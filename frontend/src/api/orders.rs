//! Content orders: the catalogue, quotes, orders and their moves, texts, the conversation
//! and its attachments, and applying a delivered text to a site.

use atelier_types::orders::{
    AppliedText, NewMessage, NewOrder, Order, OrderMessage, OrderText, Quote, SaveText, ServiceType, TimelineEntry,
    TransitionRequest,
};
use atelier_types::queries::UploadQuery;
use uuid::Uuid;

use super::{Boxed, Call, download, get, post, post_empty, put, upload, with_query};

/// The services the tenant sells, with their prices.
pub fn list_catalogue() -> Call<Vec<ServiceType>> {
    get("/api/v1/catalogue")
}

pub fn quote_order(order: &NewOrder) -> Call<Quote> {
    post("/api/v1/orders/quote", order)
}

pub fn create_order(order: &NewOrder) -> Call<Order> {
    post("/api/v1/orders", order)
}

/// The caller's orders (a client's own, a writer's claimed ones, staff: their websites').
pub fn list_orders() -> Call<Vec<Order>> {
    get("/api/v1/orders")
}

/// Open orders a writer may claim.
pub fn list_available_orders() -> Call<Vec<Order>> {
    get("/api/v1/orders/available")
}

pub fn get_order(id: Uuid) -> Call<Order> {
    get(format!("/api/v1/orders/{id}"))
}

/// One move of the order's state machine; the answer is the order after it.
pub fn transition_order(id: Uuid, request: &TransitionRequest) -> Call<Order> {
    post(format!("/api/v1/orders/{id}/transitions"), request)
}

pub fn get_order_timeline(id: Uuid) -> Call<Vec<TimelineEntry>> {
    get(format!("/api/v1/orders/{id}/timeline"))
}

pub fn list_order_texts(id: Uuid) -> Call<Vec<OrderText>> {
    get(format!("/api/v1/orders/{id}/texts"))
}

/// Saves the writer's draft (or an editor's correction).
pub fn save_order_text(id: Uuid, text: &SaveText) -> Call<OrderText> {
    put(format!("/api/v1/orders/{id}/text"), text)
}

/// Puts the delivered text into the site section the order was for.
pub fn apply_order_text(id: Uuid) -> Call<AppliedText> {
    post_empty(format!("/api/v1/orders/{id}/apply"))
}

pub fn list_order_messages(id: Uuid) -> Call<Vec<OrderMessage>> {
    get(format!("/api/v1/orders/{id}/messages"))
}

pub fn create_order_message(id: Uuid, message: &NewMessage) -> Call<OrderMessage> {
    post(format!("/api/v1/orders/{id}/messages"), message)
}

pub fn upload_attachment(id: Uuid, query: UploadQuery, file: web_sys::File) -> Call<OrderMessage> {
    upload(with_query(&format!("/api/v1/orders/{id}/attachments"), &query), file)
}

/// Fetches an attachment and hands it to the browser as a download named `name`.
pub fn download_attachment(id: Uuid, file: Uuid, name: &str) -> Boxed<()> {
    download(format!("/api/v1/orders/{id}/attachments/{file}"), name.to_owned())
}
