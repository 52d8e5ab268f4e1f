//! Every route of the API, in one place. Handler name = OpenAPI operationId.

pub mod account;
pub mod analytics;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod deployments;
pub mod earnings;
pub mod notifications;
pub mod ops;
pub mod order_work;
pub mod orders;
pub mod sites;
pub mod staff;
pub mod team;
pub mod tenant;

use actix_web::middleware::from_fn;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig<'_>) {
    cfg.service(ops::get_health).service(ops::get_readiness).service(ops::get_metrics).service(
        scope("/api/v1")
            .wrap(from_fn(crate::tenancy::resolve))
            .service(tenant::get_tenant)
            .service(tenant::list_my_websites)
            .service(staff::create_tenant)
            .service(staff::update_tenant)
            .service(staff::upload_tenant_logo)
            .service(staff::add_tenant_domain)
            .service(staff::get_tenant_logo)
            .service(staff::list_customers)
            .service(staff::get_customer)
            .service(staff::suspend_customer)
            .service(staff::reactivate_customer)
            .service(staff::unlock_customer)
            .service(staff::list_audit_entries)
            .service(staff::list_staff_sites)
            .service(staff::get_deployment_queue)
            .service(staff::list_review_items)
            .service(staff::review_generated_text)
            .service(team::list_team)
            .service(team::create_member)
            .service(team::update_member)
            .service(team::unlock_member)
            .service(analytics::get_overview)
            .service(analytics::get_analytics)
            .service(auth::create_account)
            .service(auth::create_session)
            .service(auth::refresh_session)
            .service(auth::delete_session)
            .service(auth::request_password_reset)
            .service(auth::confirm_password_reset)
            .service(auth::confirm_email)
            .service(auth::get_me)
            .service(account::update_profile)
            .service(account::change_password)
            .service(account::change_email)
            .service(account::resend_verification)
            .service(account::list_sessions)
            .service(account::end_all_sessions)
            .service(account::end_session)
            .service(account::create_access_token)
            .service(account::list_access_tokens)
            .service(account::revoke_access_token)
            .service(notifications::list_notifications)
            .service(notifications::read_all_notifications)
            .service(notifications::read_notification)
            .service(notifications::get_notification_preferences)
            .service(notifications::set_notification_preferences)
            .service(crate::live::create_notifications_ticket)
            .service(crate::live::open_notifications)
            .service(billing::get_billing)
            .service(billing::change_plan)
            .service(billing::list_invoices)
            .service(billing::get_invoice)
            .service(billing::get_invoice_document)
            .service(billing::pay_invoice)
            .service(billing::get_balance)
            .service(billing::receive_card_webhook)
            .service(billing::list_plans)
            .service(billing::create_plan)
            .service(billing::update_plan)
            .service(billing::list_staff_invoices)
            .service(billing::list_pending_payments)
            .service(billing::confirm_payment)
            .service(billing::refund_invoice)
            .service(billing::adjust_balance)
            .service(sites::create_site)
            .service(sites::create_rapide_site)
            .service(sites::list_sites)
            .service(sites::get_site)
            .service(sites::delete_site)
            .service(sites::save_wizard_step)
            .service(sites::preview_site)
            .service(sites::regenerate_section)
            .service(sites::list_ai_content)
            .service(sites::revert_ai_content)
            .service(deployments::create_deployment)
            .service(deployments::list_deployments)
            .service(deployments::get_deployment)
            .service(deployments::cancel_deployment)
            .service(deployments::rollback_deployment)
            .service(deployments::stop_site)
            .service(deployments::start_site)
            .service(deployments::list_deployment_logs)
            .service(crate::live::create_live_ticket)
            .service(crate::live::open_live_log)
            .service(orders::list_catalogue)
            .service(catalogue::list_website_catalogue)
            .service(catalogue::save_catalogue_entry)
            .service(catalogue::withdraw_catalogue_entry)
            .service(orders::quote_order)
            .service(orders::list_available_orders)
            .service(orders::create_order)
            .service(orders::list_orders)
            .service(orders::get_order)
            .service(orders::transition_order)
            .service(orders::list_order_messages)
            .service(orders::create_order_message)
            .service(order_work::list_order_texts)
            .service(order_work::save_order_text)
            .service(order_work::get_order_timeline)
            .service(order_work::apply_order_text)
            .service(order_work::upload_attachment)
            .service(order_work::download_attachment)
            .service(earnings::get_earnings)
            .service(earnings::request_payout)
            .service(earnings::list_payouts)
            .service(earnings::decide_payout),
    );
}
