//! The staff app's money pages: plans, invoices and transfers to confirm, refunds, promo
//! codes, a website's billing settings, revenue.

use atelier_types::billing::{
    BillingSettings, CreditNote, Invoice, Payment, Plan, PlanInput, PromoCode, PromoCodeInput, RefundRequest, Revenue,
};
use uuid::Uuid;

use super::{Call, get, post, post_empty, put};

pub fn list_plans(website: Uuid) -> Call<Vec<Plan>> {
    get(format!("/api/v1/staff/websites/{website}/plans"))
}

pub fn create_plan(website: Uuid, plan: &PlanInput) -> Call<Plan> {
    post(format!("/api/v1/staff/websites/{website}/plans"), plan)
}

pub fn update_plan(id: Uuid, plan: &PlanInput) -> Call<Plan> {
    put(format!("/api/v1/staff/plans/{id}"), plan)
}

pub fn list_staff_invoices(website: Uuid) -> Call<Vec<Invoice>> {
    get(format!("/api/v1/staff/invoices?website={website}"))
}

pub fn list_pending_payments() -> Call<Vec<Payment>> {
    get("/api/v1/staff/payments/pending")
}

pub fn confirm_payment(id: Uuid) -> Call<Invoice> {
    post_empty(format!("/api/v1/staff/payments/{id}/confirm"))
}

pub fn refund_invoice(id: Uuid, refund: &RefundRequest) -> Call<CreditNote> {
    post(format!("/api/v1/staff/invoices/{id}/refunds"), refund)
}

pub fn list_promo_codes(website: Uuid) -> Call<Vec<PromoCode>> {
    get(format!("/api/v1/staff/websites/{website}/promo-codes"))
}

pub fn create_promo_code(website: Uuid, promo: &PromoCodeInput) -> Call<PromoCode> {
    post(format!("/api/v1/staff/websites/{website}/promo-codes"), promo)
}

pub fn update_promo_code(id: Uuid, promo: &PromoCodeInput) -> Call<PromoCode> {
    put(format!("/api/v1/staff/promo-codes/{id}"), promo)
}

pub fn get_billing_settings(website: Uuid) -> Call<BillingSettings> {
    get(format!("/api/v1/staff/websites/{website}/billing-settings"))
}

pub fn update_billing_settings(website: Uuid, settings: &BillingSettings) -> Call<BillingSettings> {
    put(format!("/api/v1/staff/websites/{website}/billing-settings"), settings)
}

pub fn get_revenue() -> Call<Revenue> {
    get("/api/v1/staff/revenue")
}
