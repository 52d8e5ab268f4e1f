//! The client's billing: plan and usage, plan changes, invoices and paying them.
//!
//! Invoices and payment answers are read into the few fields the billing page shows
//! (serde skips the rest): the full wire types' decoders cost the clients app about 10 KB
//! gzipped, which its 400 KB budget does not have.

use atelier_types::billing::{BillingOverview, ChangePlan, InvoiceStatus, PayRequest, PaymentProvider};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::IgnoredAny;
use uuid::Uuid;

use super::{Boxed, Call, download, get, post};

/// An invoice as the billing page lists it (of `atelier_types::billing::Invoice`).
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceItem {
    pub id: Uuid,
    pub reference: String,
    pub status: InvoiceStatus,
    pub currency: String,
    pub total_minor: i64,
    pub issued_at: DateTime<Utc>,
}

/// What paying asks the client to do next (of `atelier_types::billing::PaymentStarted`).
#[derive(Debug, Clone, Deserialize)]
pub struct NextStep {
    pub instructions: Option<String>,
    pub checkout_url: Option<String>,
}

pub fn get_billing() -> Call<BillingOverview> {
    get("/api/v1/billing")
}

/// The page reads the overview again afterwards; the answer itself is not decoded.
pub fn change_plan(plan_id: Uuid) -> Call<IgnoredAny> {
    post("/api/v1/billing/plan", &ChangePlan { plan_id })
}

pub fn list_invoices() -> Call<Vec<InvoiceItem>> {
    get("/api/v1/billing/invoices")
}

pub fn pay_invoice(id: Uuid, provider: PaymentProvider) -> Call<NextStep> {
    post(format!("/api/v1/billing/invoices/{id}/payments"), &PayRequest { provider })
}

/// The invoice's PDF, handed to the browser as a download.
pub fn get_invoice_document(id: Uuid, name: &str) -> Boxed<()> {
    download(format!("/api/v1/billing/invoices/{id}/document?format=pdf"), name.to_owned())
}
