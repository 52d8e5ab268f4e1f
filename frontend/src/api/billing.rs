//! The client's billing: plan and usage, plan changes, invoices and paying them.

use atelier_types::billing::{
    BillingOverview, ChangePlan, Invoice, PayRequest, PaymentProvider, PaymentStarted, PlanChanged,
};
use uuid::Uuid;

use super::{Boxed, Call, download, get, post};

pub fn get_billing() -> Call<BillingOverview> {
    get("/api/v1/billing")
}

pub fn change_plan(plan_id: Uuid) -> Call<PlanChanged> {
    post("/api/v1/billing/plan", &ChangePlan { plan_id })
}

pub fn list_invoices() -> Call<Vec<Invoice>> {
    get("/api/v1/billing/invoices")
}

pub fn pay_invoice(id: Uuid, provider: PaymentProvider) -> Call<PaymentStarted> {
    post(format!("/api/v1/billing/invoices/{id}/payments"), &PayRequest { provider })
}

/// The invoice's PDF, handed to the browser as a download.
pub fn get_invoice_document(id: Uuid, name: &str) -> Boxed<()> {
    download(format!("/api/v1/billing/invoices/{id}/document?format=pdf"), name.to_owned())
}
