//! The client's billing: plan and usage, plan changes, invoices and paying them.
//!
//! Invoices and payment answers are read into the few fields the billing page shows
//! (serde skips the rest): the full wire types' decoders cost the clients app about 10 KB
//! gzipped, which its 400 KB budget does not have.

use atelier_types::billing::{
    ApplyReferral, BillingOverview, ChangePlan, ContentPackage, InvoiceStatus, NewPackage, PackageChange,
    PackageStatus, PayRequest, PaymentProvider, Points, Redeem, Referrals,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::IgnoredAny;
use uuid::Uuid;

use super::{Boxed, Call, download, get, post, put};

/// An invoice as the billing page lists it (of `atelier_types::billing::Invoice`).
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceItem {
    pub id: Uuid,
    pub reference: String,
    pub status: InvoiceStatus,
    pub currency: String,
    pub total_minor: i64,
    pub discount_minor: i64,
    pub points_minor: i64,
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

/// Takes a promo code and/or points off an open invoice; the page reads the invoices again.
pub fn redeem_on_invoice(id: Uuid, redeem: &Redeem) -> Call<IgnoredAny> {
    post(format!("/api/v1/billing/invoices/{id}/redeem"), redeem)
}

pub fn get_points() -> Call<Points> {
    get("/api/v1/billing/points")
}

pub fn get_referrals() -> Call<Referrals> {
    get("/api/v1/billing/referrals")
}

pub fn apply_referral(code: String) -> Call<Referrals> {
    post("/api/v1/billing/referrals", &ApplyReferral { code })
}

pub fn list_packages() -> Call<Vec<ContentPackage>> {
    get("/api/v1/billing/packages")
}

pub fn create_package(package: &NewPackage) -> Call<ContentPackage> {
    post("/api/v1/billing/packages", package)
}

pub fn change_package(id: Uuid, status: PackageStatus) -> Call<ContentPackage> {
    put(format!("/api/v1/billing/packages/{id}/status"), &PackageChange { status })
}
