//! Every route of the API, in one place. Handler name = OpenAPI operationId.

pub mod analytics;
pub mod auth;
pub mod catalogue;
pub mod deployments;
pub mod earnings;
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
    cfg.service(ops::health).service(ops::ready).service(ops::metrics).service(
        scope("/api/v1")
            .wrap(from_fn(crate::tenancy::resolve))
            .service(tenant::current_tenant)
            .service(tenant::my_websites)
            .service(staff::create_tenant)
            .service(staff::update_tenant)
            .service(staff::upload_logo)
            .service(staff::add_domain)
            .service(staff::logo)
            .service(staff::customers)
            .service(staff::customer)
            .service(staff::suspend_customer)
            .service(staff::reactivate_customer)
            .service(staff::unlock_customer)
            .service(staff::audit_log)
            .service(staff::all_sites)
            .service(staff::deployment_queue)
            .service(staff::review_queue)
            .service(staff::review_ai)
            .service(team::team)
            .service(team::add_member)
            .service(team::update_member)
            .service(analytics::overview)
            .service(analytics::analytics_report)
            .service(auth::register)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::me)
            .service(sites::create)
            .service(sites::rapide)
            .service(sites::list)
            .service(sites::get_site)
            .service(sites::delete_site)
            .service(sites::save_step)
            .service(sites::preview)
            .service(sites::regenerate_section)
            .service(sites::ai_content)
            .service(sites::revert_ai_content)
            .service(deployments::deploy)
            .service(deployments::list)
            .service(deployments::get_deployment)
            .service(deployments::cancel)
            .service(deployments::rollback)
            .service(deployments::stop_site)
            .service(deployments::start_site)
            .service(deployments::logs)
            .service(crate::live::live_ticket)
            .service(crate::live::live)
            .service(orders::catalogue)
            .service(catalogue::website_catalogue)
            .service(catalogue::save_service)
            .service(catalogue::withdraw_service)
            .service(orders::quote_order)
            .service(orders::available_orders)
            .service(orders::create_order)
            .service(orders::list_orders)
            .service(orders::get_order)
            .service(orders::transition_order)
            .service(orders::order_messages)
            .service(orders::post_message)
            .service(order_work::order_texts)
            .service(order_work::save_text)
            .service(order_work::timeline)
            .service(order_work::apply_to_site)
            .service(order_work::upload_attachment)
            .service(order_work::download_attachment)
            .service(earnings::earnings)
            .service(earnings::request_payout)
            .service(earnings::list_payouts)
            .service(earnings::decide_payout),
    );
}
