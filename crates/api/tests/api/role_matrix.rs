//! Every operation of the OpenAPI document called by every role: the answer each role gets
//! is written in [`MATRIX`], one row per case (at least one per operation), and a test fails
//! when an operation of the document has no row — a new endpoint cannot ship without its
//! access rules tested. The staff console's grants are `atelier_types::permissions`; this
//! table is what they, and the client's and writer's rules, mean on the wire.
//!
//! Each role calls from its own app's host: the Acme client on `acme.localhost`, the writer
//! (Acme and Globex) on `writers.localhost`, staff on `staff.localhost`, anonymous callers on
//! `acme.localhost`. Objects are Acme's unless a row says otherwise. A placeholder named
//! `new_…` is made afresh for every call, so a call that changes something (deleting a site,
//! rejecting a payout) meets the same state for every role.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{PASSWORD, TestApp, spawn_app, status_and_json};

const ACME: &str = "acme.localhost";
const WRITERS: &str = "writers.localhost";
const STAFF: &str = "staff.localhost";

/// The columns of [`MATRIX`]'s answers, in order.
const ROLES: [(&str, &str, Option<&str>); 8] = [
    ("client", ACME, Some("client@acme.example")),
    ("writer", WRITERS, Some("writer@atelier.example")),
    ("editor", STAFF, Some("editor@atelier.example")),
    ("support", STAFF, Some("support@atelier.example")),
    ("admin", STAFF, Some("admin@acme.example")),
    ("other admin", STAFF, Some("admin@globex.example")),
    ("superadmin", STAFF, Some("superadmin@atelier.example")),
    ("anonymous", ACME, None),
];

/// (operationId, method and path, JSON body, answers of client, writer, editor, support,
/// Acme's admin, Globex's admin, superadmin, anonymous). `{name}` is a fixture (see
/// [`World::fixture`]); a body of `@png` or `@text` is sent as bytes.
type Row = (&'static str, &'static str, &'static str, &'static str);

const MATRIX: &[Row] = &[
    // Operations: public.
    ("get_health", "GET /health", "", "200 200 200 200 200 200 200 200"),
    ("get_readiness", "GET /ready", "", "200 200 200 200 200 200 200 200"),
    ("get_metrics", "GET /metrics", "", "200 200 200 200 200 200 200 200"),
    ("get_tenant", "GET /api/v1/tenant", "", "200 404 404 404 404 404 404 200"),
    ("get_tenant_logo", "GET /api/v1/tenants/{acme}/logo/{logo_file}", "", "200 200 200 200 200 200 200 200"),
    // Sign-in and recovery: public, each role with its own account.
    (
        "create_session",
        "POST /api/v1/auth/login",
        r#"{"email":"{my_email}","password":"{password}"}"#,
        "200 200 200 200 200 200 200 401",
    ),
    (
        "refresh_session",
        "POST /api/v1/auth/refresh",
        r#"{"refresh_token":"{new_my_refresh}"}"#,
        "200 200 200 200 200 200 200 200",
    ),
    (
        "delete_session",
        "POST /api/v1/auth/logout",
        r#"{"refresh_token":"{new_my_refresh}"}"#,
        "204 204 204 204 204 204 204 204",
    ),
    (
        "create_account",
        "POST /api/v1/auth/register",
        r#"{"email":"{new_uniq}@example.com","password":"{password}","display_name":"New Person"}"#,
        "202 403 403 403 403 403 403 202",
    ),
    (
        "request_password_reset",
        "POST /api/v1/auth/password-reset",
        r#"{"email":"{my_email}"}"#,
        "202 202 202 202 202 202 202 202",
    ),
    (
        "confirm_password_reset",
        "POST /api/v1/auth/password-reset/confirm",
        r#"{"token":"{new_reset_token}","password":"{password}"}"#,
        "200 422 422 422 422 422 422 200",
    ),
    (
        "confirm_email",
        "POST /api/v1/auth/verify-email",
        r#"{"token":"{new_verify_token}","password":"{password}"}"#,
        "200 422 422 422 422 422 422 200",
    ),
    // Everyone's own account.
    ("get_me", "GET /api/v1/me", "", "200 200 200 200 200 200 200 401"),
    ("update_profile", "PATCH /api/v1/me", r#"{"language":"en"}"#, "200 200 200 200 200 200 200 401"),
    (
        "change_email",
        "POST /api/v1/me/email",
        r#"{"new_email":"{new_uniq}@example.com","current_password":"{password}"}"#,
        "202 202 202 202 202 202 202 401",
    ),
    ("resend_verification", "POST /api/v1/me/email/verification", "", "202 202 202 202 202 202 202 401"),
    (
        "change_password",
        "POST /api/v1/me/password",
        r#"{"current_password":"{password}","new_password":"{password}"}"#,
        "200 200 200 200 200 200 200 401",
    ),
    ("list_sessions", "GET /api/v1/me/sessions", "", "200 200 200 200 200 200 200 401"),
    ("end_session", "DELETE /api/v1/me/sessions/{new_my_session}", "", "204 204 204 204 204 204 204 401"),
    ("list_access_tokens", "GET /api/v1/me/tokens", "", "200 200 200 200 200 200 200 401"),
    (
        "create_access_token",
        "POST /api/v1/me/tokens",
        r#"{"name":"{new_uniq}","scopes":["sites:read"]}"#,
        "201 201 201 201 201 201 201 401",
    ),
    ("revoke_access_token", "DELETE /api/v1/me/tokens/{new_client_token}", "", "204 404 404 404 404 404 404 401"),
    ("list_notifications", "GET /api/v1/me/notifications", "", "200 200 200 200 200 200 200 401"),
    (
        "read_notification",
        "POST /api/v1/me/notifications/{new_my_notification}/read",
        "",
        "200 200 200 200 200 200 200 401",
    ),
    ("read_all_notifications", "POST /api/v1/me/notifications/read", "", "200 200 200 200 200 200 200 401"),
    ("get_notification_preferences", "GET /api/v1/me/notifications/preferences", "", "200 200 200 200 200 200 200 401"),
    (
        "set_notification_preferences",
        "PUT /api/v1/me/notifications/preferences",
        "[]",
        "200 200 200 200 200 200 200 401",
    ),
    ("create_notifications_ticket", "POST /api/v1/me/notifications/ticket", "", "200 200 200 200 200 200 200 401"),
    (
        "open_notifications",
        "GET /api/v1/me/notifications/live?ticket={my_notifications_ticket}",
        "",
        "400 400 400 400 400 400 400 401",
    ),
    ("list_my_websites", "GET /api/v1/websites", "", "403 200 200 200 200 200 200 401"),
    // Sites: the client's.
    ("list_sites", "GET /api/v1/sites", "", "200 403 403 403 403 403 403 401"),
    (
        "create_site",
        "POST /api/v1/sites",
        r#"{"name":"Matrix Café","industry":"restaurant"}"#,
        "201 403 403 403 403 403 403 401",
    ),
    (
        "create_rapide_site",
        "POST /api/v1/sites/rapide",
        r#"{"business_name":"Matrix Bakery","industry":"bakery"}"#,
        "201 403 403 403 403 403 403 401",
    ),
    ("get_site", "GET /api/v1/sites/{site}", "", "200 403 403 403 403 403 403 401"),
    ("delete_site", "DELETE /api/v1/sites/{new_site}", "", "204 403 403 403 403 403 403 401"),
    (
        "save_wizard_step",
        "PATCH /api/v1/sites/{new_site}/steps/template",
        r#"{"template":"minimal"}"#,
        "200 403 403 403 403 403 403 401",
    ),
    ("preview_site", "GET /api/v1/sites/{site}/preview", "", "200 403 403 403 403 403 403 401"),
    (
        "regenerate_section",
        "POST /api/v1/sites/{new_site}/sections/{section}/regenerate",
        "",
        "200 403 403 403 403 403 403 401",
    ),
    ("list_ai_content", "GET /api/v1/sites/{site}/ai-content", "", "200 403 403 403 403 403 403 401"),
    ("revert_ai_content", "POST /api/v1/sites/{new_regenerated}/revert", "", "200 403 403 403 403 403 403 401"),
    // Deployments: the client's, and Acme's admin acting for them from the staff host.
    ("list_deployments", "GET /api/v1/sites/{site}/deployments", "", "200 403 200 200 200 404 200 401"),
    ("create_deployment", "POST /api/v1/sites/{new_site}/deployments", "", "202 403 403 403 202 404 202 401"),
    ("get_deployment", "GET /api/v1/sites/{site}/deployments/{deployment}", "", "200 403 200 200 200 404 200 401"),
    ("cancel_deployment", "POST /api/v1/sites/{new_queued}/cancel", "", "200 403 403 403 200 404 200 401"),
    (
        "rollback_deployment",
        "POST /api/v1/sites/{site}/deployments/{deployment}/rollback",
        "",
        "409 403 403 403 409 404 409 401",
    ),
    ("stop_site", "POST /api/v1/sites/{new_draft_site}/stop", "", "200 403 403 403 200 404 200 401"),
    ("start_site", "POST /api/v1/sites/{new_site}/start", "", "409 403 403 403 409 404 409 401"),
    ("list_deployment_logs", "GET /api/v1/deployments/{deployment}/logs", "", "200 403 200 200 200 404 200 401"),
    ("create_live_ticket", "POST /api/v1/deployments/{deployment}/logs/ticket", "", "200 403 200 200 200 404 200 401"),
    (
        "open_live_log",
        "GET /api/v1/deployments/{deployment}/logs/live?ticket={my_live_ticket}",
        "",
        "400 401 400 400 400 401 400 401",
    ),
    // Orders.
    ("list_catalogue", "GET /api/v1/catalogue", "", "200 404 404 404 404 404 404 401"),
    (
        "quote_order",
        "POST /api/v1/orders/quote",
        r#"{"service_type_id":"{service}","words":300,"turnaround_days":7}"#,
        "200 404 404 404 404 404 404 401",
    ),
    (
        "create_order",
        "POST /api/v1/orders",
        r#"{"service_type_id":"{service}","words":300,"turnaround_days":7,"title":"Matrix"}"#,
        "201 403 403 403 403 403 403 401",
    ),
    ("list_orders", "GET /api/v1/orders", "", "200 200 200 403 200 200 200 401"),
    ("list_available_orders", "GET /api/v1/orders/available", "", "403 200 403 403 403 403 403 401"),
    ("get_order", "GET /api/v1/orders/{open_order}", "", "200 200 200 403 200 404 200 401"),
    ("get_order_timeline", "GET /api/v1/orders/{open_order}/timeline", "", "200 200 200 403 200 404 200 401"),
    (
        "transition_order",
        "POST /api/v1/orders/{new_open_order}/transitions",
        r#"{"event":"claim"}"#,
        "409 200 409 403 409 404 409 401",
    ),
    (
        "transition_order",
        "POST /api/v1/orders/{new_open_order}/transitions",
        r#"{"event":"cancel"}"#,
        "409 409 409 403 200 404 200 401",
    ),
    (
        "transition_order",
        "POST /api/v1/orders/{new_open_order}/transitions",
        r#"{"event":"refund"}"#,
        "409 409 409 403 200 404 200 401",
    ),
    (
        "transition_order",
        "POST /api/v1/orders/{new_disputed_order}/transitions",
        r#"{"event":"resolve","note":"Rewritten for the right bakery."}"#,
        "409 409 409 403 200 404 200 401",
    ),
    ("list_order_messages", "GET /api/v1/orders/{open_order}/messages", "", "200 404 200 403 200 404 200 401"),
    (
        "create_order_message",
        "POST /api/v1/orders/{open_order}/messages",
        r#"{"body":"Hello"}"#,
        "201 404 201 403 201 404 201 401",
    ),
    (
        "upload_attachment",
        "POST /api/v1/orders/{open_order}/attachments?name=notes.txt",
        "@text",
        "201 404 201 403 201 404 201 401",
    ),
    (
        "download_attachment",
        "GET /api/v1/orders/{open_order}/attachments/{attachment}",
        "",
        "200 404 200 403 200 404 200 401",
    ),
    (
        "save_order_text",
        "PUT /api/v1/orders/{new_claimed_order}/text",
        r#"{"body":"Our story"}"#,
        "403 200 409 403 409 404 409 401",
    ),
    ("list_order_texts", "GET /api/v1/orders/{done_order}/texts", "", "200 200 200 403 200 404 200 401"),
    ("apply_order_text", "POST /api/v1/orders/{done_order}/apply", "", "409 404 404 403 404 404 404 401"),
    // Writers' money.
    ("get_earnings", "GET /api/v1/earnings", "", "403 200 403 403 403 403 403 401"),
    ("list_payouts", "GET /api/v1/payouts", "", "403 403 403 403 200 200 200 401"),
    ("request_payout", "POST /api/v1/payouts", r#"{"website_id":"{acme}"}"#, "403 422 403 403 403 403 403 401"),
    (
        "decide_payout",
        "POST /api/v1/payouts/{new_payout}/decision",
        r#"{"approve":false,"reason":"Bank details are missing"}"#,
        "403 403 403 403 200 404 200 401",
    ),
    // Billing: the client's.
    ("get_billing", "GET /api/v1/billing", "", "200 403 403 403 403 403 403 401"),
    ("get_balance", "GET /api/v1/billing/balance", "", "200 403 403 403 403 403 403 401"),
    ("list_invoices", "GET /api/v1/billing/invoices", "", "200 403 403 403 403 403 403 401"),
    ("get_invoice", "GET /api/v1/billing/invoices/{invoice}", "", "200 403 200 200 200 404 200 401"),
    (
        "get_invoice_document",
        "GET /api/v1/billing/invoices/{invoice}/document?format=html",
        "",
        "200 403 200 200 200 404 200 401",
    ),
    (
        "pay_invoice",
        "POST /api/v1/billing/invoices/{new_invoice}/payments",
        r#"{"provider":"manual"}"#,
        "200 403 403 403 403 403 403 401",
    ),
    (
        "redeem_on_invoice",
        "POST /api/v1/billing/invoices/{new_invoice}/redeem",
        r#"{"promo_code":"LAUNCH15"}"#,
        "409 403 403 403 403 403 403 401",
    ),
    ("change_plan", "POST /api/v1/billing/plan", r#"{"plan_id":"{free_plan}"}"#, "200 403 403 403 403 403 403 401"),
    ("get_points", "GET /api/v1/billing/points", "", "200 403 403 403 403 403 403 401"),
    ("get_referrals", "GET /api/v1/billing/referrals", "", "200 403 403 403 403 403 403 401"),
    ("apply_referral", "POST /api/v1/billing/referrals", r#"{"code":"NOSUCHCODE"}"#, "409 403 403 403 403 403 403 401"),
    ("list_packages", "GET /api/v1/billing/packages", "", "200 403 403 403 403 403 403 401"),
    (
        "create_package",
        "POST /api/v1/billing/packages",
        r#"{"title":"Blog","service_type_id":"{service}","words":300,"turnaround_days":7,"per_period":1}"#,
        "201 403 403 403 403 403 403 401",
    ),
    (
        "change_package",
        "PUT /api/v1/billing/packages/{package}/status",
        r#"{"status":"active"}"#,
        "200 403 403 403 403 403 403 401",
    ),
    (
        "receive_card_webhook",
        "POST /api/v1/billing/webhooks/card",
        r#"{"type":"checkout.session.completed"}"#,
        "404 404 404 404 404 404 404 404",
    ),
    // The staff console.
    ("get_overview", "GET /api/v1/overview", "", "403 403 200 200 200 200 200 401"),
    ("get_analytics", "GET /api/v1/analytics?website={acme}", "", "403 403 200 200 200 404 200 401"),
    ("list_staff_sites", "GET /api/v1/staff/sites", "", "403 403 200 200 200 200 200 401"),
    ("get_deployment_queue", "GET /api/v1/staff/deployments", "", "403 403 200 200 200 200 200 401"),
    ("list_review_items", "GET /api/v1/review", "", "403 403 200 403 200 200 200 401"),
    (
        "review_generated_text",
        "POST /api/v1/review/ai/{new_ai_text}",
        r#"{"approve":true}"#,
        "403 403 200 403 200 404 200 401",
    ),
    ("list_customers", "GET /api/v1/customers", "", "403 403 403 200 200 200 200 401"),
    ("get_customer", "GET /api/v1/customers/{customer}", "", "403 403 403 200 200 404 200 401"),
    ("suspend_customer", "POST /api/v1/customers/{new_customer}/suspend", "", "403 403 403 403 200 404 200 401"),
    ("reactivate_customer", "POST /api/v1/customers/{new_customer}/reactivate", "", "403 403 403 403 200 404 200 401"),
    ("unlock_customer", "POST /api/v1/customers/{customer}/unlock", "", "403 403 403 204 204 404 204 401"),
    ("list_audit_entries", "GET /api/v1/audit", "", "403 403 403 403 200 200 200 401"),
    ("list_team", "GET /api/v1/team", "", "403 403 200 403 200 200 200 401"),
    (
        "create_member",
        "POST /api/v1/team",
        r#"{"email":"{new_uniq}@atelier.example","display_name":"New Writer","role":"writer","password":"{password}","websites":["{acme}"]}"#,
        "403 403 403 403 201 403 201 401",
    ),
    (
        "update_member",
        "PUT /api/v1/team/{acme_writer}",
        r#"{"websites":["{acme}"],"active":true}"#,
        "403 403 403 403 200 403 200 401",
    ),
    ("unlock_member", "POST /api/v1/team/{acme_writer}/unlock", "", "403 403 403 403 204 204 204 401"),
    (
        "create_tenant",
        "POST /api/v1/tenants",
        r##"{"name":"Beta","slug":"{new_uniq}","domain":"{new_uniq}.localhost","theme_color":"#7c3aed","contact_email":"hi@beta.example","currency":"EUR"}"##,
        "403 403 403 403 403 403 201 401",
    ),
    (
        "update_tenant",
        "PUT /api/v1/tenants/{acme}",
        r##"{"name":"Acme Sites","theme_color":"#e11d48","contact_email":"hello@acme.example","active":true}"##,
        "403 403 403 403 200 404 200 401",
    ),
    (
        "add_tenant_domain",
        "POST /api/v1/tenants/{acme}/domains",
        r#"{"host":"{new_uniq}.localhost"}"#,
        "403 403 403 403 403 403 204 401",
    ),
    ("upload_tenant_logo", "POST /api/v1/tenants/{acme}/logo?name=logo.png", "@png", "403 403 403 403 200 404 200 401"),
    ("list_website_catalogue", "GET /api/v1/websites/{acme}/catalogue", "", "403 403 200 403 200 404 200 401"),
    (
        "save_catalogue_entry",
        "PUT /api/v1/websites/{acme}/catalogue/page_copy",
        r#"{"name":"Page copy","price_per_word_minor":8,"min_words":100,"max_words":3000,"required_level":1,"turnarounds":[{"days":7,"multiplier_pct":100}]}"#,
        "403 403 403 403 200 404 200 401",
    ),
    (
        "withdraw_catalogue_entry",
        "DELETE /api/v1/websites/{acme}/catalogue/{new_catalogue_code}",
        "",
        "403 403 403 403 204 404 204 401",
    ),
    // The money pages.
    ("list_staff_invoices", "GET /api/v1/staff/invoices", "", "403 403 200 200 200 200 200 401"),
    (
        "refund_invoice",
        "POST /api/v1/staff/invoices/{paid_invoice}/refunds",
        r#"{"amount_minor":1,"reason":"A gesture"}"#,
        "403 403 403 403 201 404 201 401",
    ),
    ("list_pending_payments", "GET /api/v1/staff/payments/pending", "", "403 403 403 403 200 200 200 401"),
    (
        "confirm_payment",
        "POST /api/v1/staff/payments/{new_pending_payment}/confirm",
        "",
        "403 403 403 403 200 404 200 401",
    ),
    (
        "adjust_balance",
        "POST /api/v1/staff/customers/{customer}/balance",
        r#"{"amount_minor":1,"note":"A gesture"}"#,
        "403 403 403 403 200 404 200 401",
    ),
    ("get_revenue", "GET /api/v1/staff/revenue?website={acme}", "", "403 403 403 403 200 404 200 401"),
    ("list_plans", "GET /api/v1/staff/websites/{acme}/plans", "", "403 403 200 200 200 404 200 401"),
    (
        "create_plan",
        "POST /api/v1/staff/websites/{acme}/plans",
        r#"{"code":"{new_uniq}","name":"Extra","price_minor":900}"#,
        "403 403 403 403 201 404 201 401",
    ),
    (
        "update_plan",
        "PUT /api/v1/staff/plans/{free_plan}",
        r#"{"code":"free","name":"Free","price_minor":0,"active":true}"#,
        "403 403 403 403 200 404 200 401",
    ),
    ("list_promo_codes", "GET /api/v1/staff/websites/{acme}/promo-codes", "", "403 403 200 200 200 404 200 401"),
    (
        "create_promo_code",
        "POST /api/v1/staff/websites/{acme}/promo-codes",
        r#"{"code":"{new_uniq}","kind":"percent","value":10}"#,
        "403 403 403 403 201 404 201 401",
    ),
    (
        "update_promo_code",
        "PUT /api/v1/staff/promo-codes/{promo}",
        r#"{"code":"LAUNCH15","kind":"percent","value":15}"#,
        "403 403 403 403 200 404 200 401",
    ),
    (
        "get_billing_settings",
        "GET /api/v1/staff/websites/{acme}/billing-settings",
        "",
        "403 403 200 200 200 404 200 401",
    ),
    (
        "update_billing_settings",
        "PUT /api/v1/staff/websites/{acme}/billing-settings",
        "{billing_settings}",
        "403 403 403 403 200 404 200 401",
    ),
    ("end_all_sessions", "DELETE /api/v1/me/sessions", "", "204 204 204 204 204 204 204 401"),
];

fn columns(answers: &str) -> Vec<&str> {
    answers.split_whitespace().collect()
}

/// The roles' sessions, and the objects the rows name.
struct World<'a> {
    app: &'a TestApp,
    tokens: Vec<Option<String>>,
    client: String,
    admin: String,
    writer: String,
}

impl<'a> World<'a> {
    async fn new(app: &'a TestApp) -> World<'a> {
        let mut tokens = Vec::new();
        for (_, host, email) in ROLES {
            tokens.push(match email {
                Some(email) => Some(app.token(host, email).await),
                None => None,
            });
        }
        let client = app.token(ACME, "client@acme.example").await;
        let admin = app.token(STAFF, "admin@acme.example").await;
        let writer = app.token(WRITERS, "writer@atelier.example").await;
        World { app, tokens, client, admin, writer }
    }

    async fn sql(&self, query: &'static str) -> String {
        sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(query))
            .fetch_one(&self.app.owner)
            .await
            .unwrap_or_else(|e| panic!("{query}: {e}"))
    }

    async fn json(&self, method: &str, host: &str, path: &str, token: &str, body: Option<Value>) -> Value {
        let (status, value) = status_and_json(self.app.call(method, host, path, token, body.as_ref()).await).await;
        assert!((200..300).contains(&status), "fixture {method} {path}: {status} {value}");
        value
    }

    /// `text` with each `{name}` replaced by the fixture of that name for role `role`.
    async fn fill(&self, text: &str, role: usize) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let name_len = after.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(after.len());
            if name_len > 0 && after[name_len..].starts_with('}') {
                out.push_str(&self.fixture(&after[..name_len], role).await);
                rest = &after[name_len + 1..];
            } else {
                out.push('{');
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }

    /// The role's own account, or (for anonymous callers) the Acme client's.
    fn own(&self, role: usize) -> (&'static str, &'static str, &str) {
        match (ROLES[role].2, &self.tokens[role]) {
            (Some(email), Some(token)) => (ROLES[role].1, email, token),
            _ => (ACME, "client@acme.example", &self.client),
        }
    }

    async fn fixture(&self, name: &str, role: usize) -> String {
        let app = self.app;
        let (own_host, own_email, _) = self.own(role);
        match name {
            "password" => PASSWORD.to_owned(),
            "acme" => app.demo.acme.to_string(),
            "my_email" => ROLES[role].2.unwrap_or("nobody@example.com").to_owned(),
            "new_uniq" => format!("m{}", &Uuid::new_v4().simple().to_string()[..12]),
            "site" => self.sql("select id::text from sites where slug = 'le-petit-four'").await,
            "deployment" => {
                self.sql(
                    "select d.id::text from deployments d join sites s on s.id = d.site_id
                     where s.slug = 'le-petit-four' order by d.number limit 1",
                )
                .await
            }
            "section" => {
                self.sql(
                    "select config #>> '{pages,0,sections,0,id}' from sites where slug = 'le-petit-four'",
                )
                .await
            }
            "open_order" => self.sql("select id::text from orders where title = 'About page: our story' and website_id = (select id from websites where slug = 'acme')").await,
            "done_order" => self.sql("select id::text from orders where title = 'Home page introduction' and website_id = (select id from websites where slug = 'acme')").await,
            "attachment" => {
                self.sql(
                    "select a.id::text from order_attachments a join orders o on o.id = a.order_id
                     where o.title = 'About page: our story' and o.website_id = (select id from websites where slug = 'acme')",
                )
                .await
            }
            "invoice" | "paid_invoice" => {
                self.sql(
                    "select i.id::text from invoices i join orders o on o.id = i.order_id
                     where o.title = 'Home page introduction' and o.website_id = (select id from websites where slug = 'acme')",
                )
                .await
            }
            "service" => {
                self.sql("select id::text from service_types where code = 'page_copy' and website_id = (select id from websites where slug = 'acme')").await
            }
            "free_plan" => self.sql("select id::text from plans where code = 'free' and website_id = (select id from websites where slug = 'acme')").await,
            "promo" => self.sql("select id::text from promo_codes where code = 'LAUNCH15' and website_id = (select id from websites where slug = 'acme')").await,
            "package" => self.sql("select id::text from content_packages where website_id = (select id from websites where slug = 'acme') limit 1").await,
            "customer" => self.sql("select id::text from users where email = 'client@acme.example'").await,
            "acme_writer" => self.sql("select id::text from users where email = 'writer.acme@atelier.example'").await,
            "logo_file" => {
                let logo = self.sql("select coalesce(logo_url, '') from websites where slug = 'acme'").await;
                logo.rsplit('/').next().unwrap_or_default().to_owned()
            }
            "billing_settings" => {
                let path = format!("/api/v1/staff/websites/{}/billing-settings", app.demo.acme);
                self.json("GET", STAFF, &path, &self.admin, None).await.to_string()
            }
            "new_my_refresh" => {
                let session = app.session(own_host, own_email).await;
                session["refresh_token"].as_str().unwrap().to_owned()
            }
            "new_my_session" => {
                let other = app.token(own_host, own_email).await;
                let sessions = self.json("GET", own_host, "/api/v1/me/sessions", &other, None).await;
                let current = sessions.as_array().unwrap().iter().find(|s| s["current"] == true).unwrap();
                current["id"].as_str().unwrap().to_owned()
            }
            "new_my_notification" => {
                sqlx::query_scalar::<_, i64>(
                    "insert into notifications (user_id, kind, title, body)
                     select id, 'matrix', 'A notice', 'For the role matrix' from users where email = $1
                     order by (role = 'client') limit 1 returning id",
                )
                .bind(own_email)
                .fetch_one(&app.owner)
                .await
                .unwrap()
                .to_string()
            }
            "my_notifications_ticket" | "my_live_ticket" => {
                let path = if name == "my_live_ticket" {
                    format!("/api/v1/deployments/{}/logs/ticket", Box::pin(self.fixture("deployment", role)).await)
                } else {
                    "/api/v1/me/notifications/ticket".to_owned()
                };
                let Some(token) = &self.tokens[role] else { return "none".to_owned() };
                let (status, ticket) =
                    status_and_json(app.call("POST", ROLES[role].1, &path, token, None).await).await;
                if status == 200 { ticket["ticket"].as_str().unwrap_or("none").to_owned() } else { "none".to_owned() }
            }
            "new_site" => {
                let name = format!("Matrix Bakery {}", Box::pin(self.fixture("new_uniq", role)).await);
                let body = json!({ "business_name": name, "industry": "bakery" });
                let site = self.json("POST", ACME, "/api/v1/sites/rapide", &self.client, Some(body)).await;
                site["id"].as_str().unwrap().to_owned()
            }
            "new_draft_site" => {
                let name = format!("Matrix Café {}", Box::pin(self.fixture("new_uniq", role)).await);
                let body = json!({ "name": name, "industry": "restaurant" });
                let site = self.json("POST", ACME, "/api/v1/sites", &self.client, Some(body)).await;
                site["id"].as_str().unwrap().to_owned()
            }
            "new_queued" => {
                let site = Box::pin(self.fixture("new_site", role)).await;
                let path = format!("/api/v1/sites/{site}/deployments");
                let deployment = self.json("POST", ACME, &path, &self.client, None).await;
                format!("{site}/deployments/{}", deployment["id"].as_str().unwrap())
            }
            "new_regenerated" => {
                let site = Box::pin(self.fixture("new_site", role)).await;
                let detail = self.json("GET", ACME, &format!("/api/v1/sites/{site}"), &self.client, None).await;
                let section = detail["config"]["pages"][0]["sections"][0]["id"].as_str().unwrap().to_owned();
                let path = format!("/api/v1/sites/{site}/sections/{section}/regenerate");
                self.json("POST", ACME, &path, &self.client, None).await;
                let entries = self.json("GET", ACME, &format!("/api/v1/sites/{site}/ai-content"), &self.client, None).await;
                format!("{site}/ai-content/{}", entries[0]["id"].as_str().unwrap())
            }
            "new_ai_text" => {
                let site = Box::pin(self.fixture("new_site", role)).await;
                let entries = self.json("GET", ACME, &format!("/api/v1/sites/{site}/ai-content"), &self.client, None).await;
                entries[0]["id"].as_str().unwrap().to_owned()
            }
            "new_disputed_order" => {
                let id = crate::orders::open_order(app, &self.client, 300).await;
                crate::order_work::deliver(app, &id).await;
                let (status, moved) = crate::orders::step(app, ACME, &self.client, &id, "dispute").await;
                assert_eq!(status, 200, "fixture dispute: {moved}");
                id
            }
            "new_open_order" | "new_claimed_order" => {
                let id = crate::orders::open_order(app, &self.client, 300).await;
                if name == "new_claimed_order" {
                    let body = json!({ "event": "claim" });
                    let path = format!("/api/v1/orders/{id}/transitions");
                    self.json("POST", WRITERS, &path, &self.writer, Some(body)).await;
                }
                id
            }
            "new_invoice" | "new_pending_payment" => {
                let (_, invoice) = crate::billing::placed_order(app, &self.client, 300).await;
                let id = invoice["id"].as_str().unwrap().to_owned();
                if name == "new_invoice" {
                    return id;
                }
                let path = format!("/api/v1/billing/invoices/{id}/payments");
                let started = self.json("POST", ACME, &path, &self.client, Some(json!({"provider": "manual"}))).await;
                started["payment"]["id"].as_str().unwrap().to_owned()
            }
            "new_payout" => {
                sqlx::query(
                    "update payout_requests set status = 'rejected', reason = 'matrix', decided_at = now()
                     where status = 'requested'",
                )
                .execute(&app.owner)
                .await
                .unwrap();
                sqlx::query_scalar::<_, String>(
                    "insert into payout_requests (website_id, writer_id, amount_minor, currency)
                     select $1, id, 500, 'EUR' from users where email = 'writer@atelier.example'
                     returning id::text",
                )
                .bind(app.demo.acme)
                .fetch_one(&app.owner)
                .await
                .unwrap()
            }
            "new_customer" => {
                let email = format!("{}@example.com", Box::pin(self.fixture("new_uniq", role)).await);
                app.register(ACME, &email, "Matrix Customer").await;
                sqlx::query_scalar::<_, String>("select id::text from users where email = $1")
                    .bind(&email)
                    .fetch_one(&app.owner)
                    .await
                    .unwrap()
            }
            "new_catalogue_code" => {
                let code = format!("c{}", &Uuid::new_v4().simple().to_string()[..8]);
                let body = json!({ "name": "Matrix copy", "price_per_word_minor": 8, "min_words": 100,
                                   "max_words": 3000, "required_level": 1,
                                   "turnarounds": [{ "days": 7, "multiplier_pct": 100 }] });
                let path = format!("/api/v1/websites/{}/catalogue/{code}", app.demo.acme);
                self.json("PUT", STAFF, &path, &self.admin, Some(body)).await;
                code
            }
            "new_client_token" => {
                let body = json!({ "name": Box::pin(self.fixture("new_uniq", role)).await, "scopes": ["sites:read"] });
                let made = self.json("POST", ACME, "/api/v1/me/tokens", &self.client, Some(body)).await;
                made["id"].as_str().or(made["token"]["id"].as_str()).unwrap().to_owned()
            }
            "new_reset_token" => {
                // A new account each time: resets are rate-limited per address.
                let email = format!("{}@example.com", Box::pin(self.fixture("new_uniq", role)).await);
                app.register(ACME, &email, "Matrix Customer").await;
                // The matrix's own requests are not what the per-IP limit is about.
                let mut redis = app.state.app.redis.get().await.unwrap();
                let key = app.state.app.keys.reset_ip("127.0.0.1");
                redis::cmd("DEL").arg(&key).query_async::<()>(&mut redis).await.unwrap();
                let res = app.post_json(ACME, "/api/v1/auth/password-reset", &json!({ "email": email })).await;
                assert_eq!(res.status(), 202);
                app.link_secret("password_reset", &email).await
            }
            "new_verify_token" => {
                let email = format!("{}@example.com", Box::pin(self.fixture("new_uniq", role)).await);
                app.register(ACME, &email, "Matrix Customer").await;
                app.link_secret("verify_email", &email).await
            }
            other => panic!("no fixture named {other}"),
        }
    }
}

fn png() -> Vec<u8> {
    [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 64]].concat()
}

#[test]
fn every_operation_of_the_openapi_document_has_a_row_in_the_matrix() {
    let doc = serde_json::to_value(atelier_api::openapi::document()).unwrap();
    let mut documented = BTreeSet::new();
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                documented.insert(id.to_owned());
            }
        }
    }
    let rows: BTreeSet<String> = MATRIX.iter().map(|row| row.0.to_owned()).collect();
    let missing: Vec<&String> = documented.difference(&rows).collect();
    let stale: Vec<&String> = rows.difference(&documented).collect();
    assert!(missing.is_empty(), "operations without a row in the role matrix: {missing:?}");
    assert!(stale.is_empty(), "rows naming no operation of the document: {stale:?}");
    for (op, _, _, answers) in MATRIX {
        assert_eq!(columns(answers).len(), ROLES.len(), "{op}: one answer per role");
    }
}

#[tokio::test]
async fn every_operation_answers_every_role_as_the_matrix_says() {
    let app = spawn_app().await;
    app.unlimited_plans().await;
    // A logo, so that its address is an object of the matrix.
    let admin = app.token(STAFF, "admin@acme.example").await;
    let url = app.url(STAFF, &format!("/api/v1/tenants/{}/logo?name=logo.png", app.demo.acme));
    let res = app.client.post(url).bearer_auth(&admin).body(png()).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut world = World::new(&app).await;

    let mut wrong = Vec::new();
    let mut observed = Vec::new();
    for (op, call, body, answers) in MATRIX {
        let (method, path) = call.split_once(' ').unwrap();
        let mut got = Vec::new();
        for (role, (name, host, _)) in ROLES.iter().enumerate() {
            let path = world.fill(path, role).await;
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let mut request = app.client.request(method.clone(), app.url(host, &path));
            if let Some(token) = &world.tokens[role] {
                request = request.bearer_auth(token);
            }
            request = match *body {
                "" => request,
                "@png" => request.header("content-type", "application/octet-stream").body(png()),
                "@text" => request.header("content-type", "application/octet-stream").body("Our notes"),
                json => request.header("content-type", "application/json").body(world.fill(json, role).await),
            };
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            let text = res.text().await.unwrap_or_default();
            if status >= 500 {
                wrong.push(format!("{op} as {name}: {status} {text}"));
            } else if status >= 400 {
                // Every refusal is the one envelope.
                let envelope: Option<Value> = serde_json::from_str(&text).ok();
                if !envelope.as_ref().is_some_and(|e| e["code"].is_string() && e["message"].is_string()) {
                    wrong.push(format!("{op} as {name}: {status} without the error envelope: {text}"));
                }
            }
            let want = columns(answers)[role];
            if want != status.to_string() {
                wrong.push(format!("{op} as {name} ({method} {path}): {status}, expected {want}: {text:.160}"));
            }
            got.push(status.to_string());
        }
        observed.push(format!("row {op}: {}", got.join(" ")));
        if ["change_password", "end_all_sessions"].contains(op) {
            // Both sign every device out: the next rows need new sessions.
            world = World::new(&app).await;
        }
    }
    if std::env::var_os("ATELIER_MATRIX_PRINT").is_some() {
        println!("{}", observed.join("\n"));
    }
    let cases = MATRIX.len() * ROLES.len();
    assert!(wrong.is_empty(), "{} of {cases} cases differ from the matrix:\n{}", wrong.len(), wrong.join("\n"));
}
