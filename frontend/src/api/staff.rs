//! The staff console: websites, customers, the team, the catalogue of a website, the review
//! queue, sites and the deployment queue, the overview, analytics and the audit log.

use atelier_types::orders::{ServiceType, ServiceTypeInput};
use atelier_types::queries::{AuditQuery, CustomerQuery, LogoQuery, Period, SitesQuery};
use atelier_types::sites::AiContent;
use atelier_types::staff::{
    AiReview, Analytics, AuditEntry, Customer, CustomerDetail, Member, MemberUpdate, NewDomain, NewMember,
    NewTenantRequest, Overview, QueueEntry, ReviewItem, StaffSite, TenantUpdate,
};
use atelier_types::tenant::TenantBranding;
use uuid::Uuid;

use super::{Call, delete, encode, get, post, post_empty, put, upload, with_query};

/// The websites the staff member works on (all of them for a superadmin).
pub fn list_my_websites() -> Call<Vec<TenantBranding>> {
    get("/api/v1/websites")
}

pub fn create_tenant(tenant: &NewTenantRequest) -> Call<TenantBranding> {
    post("/api/v1/tenants", tenant)
}

pub fn update_tenant(id: Uuid, update: &TenantUpdate) -> Call<TenantBranding> {
    put(format!("/api/v1/tenants/{id}"), update)
}

pub fn upload_tenant_logo(id: Uuid, query: LogoQuery, file: web_sys::File) -> Call<TenantBranding> {
    upload(with_query(&format!("/api/v1/tenants/{id}/logo"), &query), file)
}

pub fn add_tenant_domain(id: Uuid, domain: &NewDomain) -> Call<()> {
    post(format!("/api/v1/tenants/{id}/domains"), domain)
}

pub fn list_customers(query: CustomerQuery) -> Call<Vec<Customer>> {
    get(with_query("/api/v1/customers", &query))
}

pub fn get_customer(id: Uuid) -> Call<CustomerDetail> {
    get(format!("/api/v1/customers/{id}"))
}

pub fn suspend_customer(id: Uuid) -> Call<Customer> {
    post_empty(format!("/api/v1/customers/{id}/suspend"))
}

pub fn reactivate_customer(id: Uuid) -> Call<Customer> {
    post_empty(format!("/api/v1/customers/{id}/reactivate"))
}

/// Lifts the sign-in lock after too many failed attempts.
pub fn unlock_customer(id: Uuid) -> Call<()> {
    post_empty(format!("/api/v1/customers/{id}/unlock"))
}

pub fn list_team() -> Call<Vec<Member>> {
    get("/api/v1/team")
}

pub fn create_member(member: &NewMember) -> Call<Member> {
    post("/api/v1/team", member)
}

pub fn update_member(id: Uuid, update: &MemberUpdate) -> Call<Member> {
    put(format!("/api/v1/team/{id}"), update)
}

pub fn list_website_catalogue(website: Uuid) -> Call<Vec<ServiceType>> {
    get(format!("/api/v1/websites/{website}/catalogue"))
}

/// Creates or changes the service `code` (a new price applies to new quotes only).
pub fn save_catalogue_entry(website: Uuid, code: &str, entry: &ServiceTypeInput) -> Call<ServiceType> {
    put(format!("/api/v1/websites/{website}/catalogue/{}", encode(code)), entry)
}

pub fn withdraw_catalogue_entry(website: Uuid, code: &str) -> Call<()> {
    delete(format!("/api/v1/websites/{website}/catalogue/{}", encode(code)))
}

pub fn list_review_items() -> Call<Vec<ReviewItem>> {
    get("/api/v1/review")
}

pub fn review_generated_text(id: Uuid, review: &AiReview) -> Call<AiContent> {
    post(format!("/api/v1/review/ai/{id}"), review)
}

pub fn list_staff_sites(query: SitesQuery) -> Call<Vec<StaffSite>> {
    get(with_query("/api/v1/staff/sites", &query))
}

pub fn get_deployment_queue() -> Call<Vec<QueueEntry>> {
    get("/api/v1/staff/deployments")
}

pub fn get_overview() -> Call<Overview> {
    get("/api/v1/overview")
}

pub fn get_analytics(period: Period) -> Call<Analytics> {
    get(with_query("/api/v1/analytics", &period))
}

pub fn list_audit_entries(query: AuditQuery) -> Call<Vec<AuditEntry>> {
    get(with_query("/api/v1/audit", &query))
}
