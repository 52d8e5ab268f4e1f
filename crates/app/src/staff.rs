//! The staff console's own endpoints: tenants (created by the superadmin, branded by their
//! admins), customers (search, detail, suspend, reactivate, unlock) and the audit log of
//! every staff action. Who may do what is decided here, per role, and every object outside
//! the caller's websites is a 404.

use atelier_db::sites::{self as site_db, ScopedAiContent};
use atelier_db::staff::{self as staff_db, AuditRow, CustomerRow, TenantChange};
use atelier_db::tenants::{self, NewTenant};
use atelier_db::{Scope, Tx, assignments, orders, users};
use atelier_domain::HostScope;
use atelier_domain::orders::Actor;
use atelier_types::Role;
use atelier_types::permissions::{self, Permission};
use atelier_types::queries::{AuditQuery, CustomerQuery, SitesQuery};
use atelier_types::sites::AiContentStatus;
use atelier_types::staff::{
    AiReview, AuditEntry, Customer, CustomerDeployment, CustomerDetail, CustomerSite, NewDomain, NewTenantRequest,
    QueueEntry, ReviewItem, StaffSite, TenantUpdate,
};
use atelier_types::tenant::TenantBranding;
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change, StaffActor, Target};
use crate::error::validated;
use crate::events::{self, DomainEvent};
use crate::{App, AppError, AppResult, Caller, Kind};

/// A staff member on the staff host, with the websites they work for.
pub struct Staff {
    user: Uuid,
    role: Role,
    name: String,
    tenants: Vec<Uuid>,
    scope: Scope,
}

pub async fn staff(app: &App, user: &Caller) -> AppResult<Staff> {
    if !matches!(user.host.scope, HostScope::Staff) || !user.role.is_staff() {
        return Err(AppError::new(
            Kind::Forbidden,
            "staff_only",
            "The staff console is on the staff host, for staff accounts.",
        ));
    }
    let mut tx = app.db.begin(&Scope::platform().with_user(user.id)).await?;
    let tenants = assignments::assigned_tenants(&mut tx, user.id, user.role).await?;
    let name = users::find_by_id(&mut tx, user.id).await?.map(|u| u.display_name).unwrap_or_default();
    tx.commit().await?;
    let scope = if user.role == Role::Superadmin {
        Scope::everything()
    } else {
        Scope::tenants(tenants.clone()).with_platform()
    };
    Ok(Staff { user: user.id, role: user.role, name, tenants, scope: scope.with_user(user.id) })
}

impl Staff {
    /// Whether the caller works for this website (the superadmin: every one).
    pub fn sees(&self, website: Uuid) -> bool {
        self.role == Role::Superadmin || self.tenants.contains(&website)
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The websites a list covers: the one asked for (`website_not_found` if it is not the
    /// caller's), else all of the caller's (`None`: every one, for the superadmin).
    pub fn narrowed(&self, website: Option<Uuid>) -> AppResult<Option<Vec<Uuid>>> {
        match website {
            Some(w) if !self.sees(w) => Err(website_not_found()),
            Some(w) => Ok(Some(vec![w])),
            None => Ok(self.websites().map(<[Uuid]>::to_vec)),
        }
    }

    /// The websites to filter by (`None`: every one, for the superadmin).
    pub fn websites(&self) -> Option<&[Uuid]> {
        (self.role != Role::Superadmin).then_some(self.tenants.as_slice())
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Refuses the call unless the caller's role has `permission` (`types::permissions`);
    /// the refusal reads "Your role does not {what}.".
    pub fn may(&self, permission: Permission, what: &str) -> AppResult<()> {
        if permissions::may(self.role, permission) {
            Ok(())
        } else {
            Err(AppError::new(Kind::Forbidden, "not_your_role", format!("Your role does not {what}.")))
        }
    }

    /// The staff member as the audit log names them.
    pub fn actor(&self) -> StaffActor {
        StaffActor { id: self.user, name: self.name.clone(), role: self.role }
    }

    /// Records this staff member's action on `website` in the audit log.
    pub async fn audit(
        &self,
        tx: &mut Tx,
        website: Uuid,
        action: &str,
        target: Target<'_>,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> AppResult<()> {
        audit::record(tx, &self.actor(), website, action, target, Change::new(before, after)).await
    }
}

fn audit_of(row: &AuditRow) -> AuditEntry {
    AuditEntry {
        id: row.id,
        website_id: row.website_id,
        website_name: row.website_name.clone(),
        actor_name: row.actor_name.clone(),
        actor_role: row.actor_role.clone(),
        action: row.action.clone(),
        target_type: row.target_type.clone(),
        target_id: row.target_id,
        before: row.before.as_ref().map(|j| j.0.clone()),
        after: row.after.as_ref().map(|j| j.0.clone()),
        at: row.at,
    }
}

fn customer_of(row: &CustomerRow) -> Customer {
    Customer {
        id: row.id,
        website_id: row.website_id,
        website_name: row.website_name.clone(),
        email: row.email.clone(),
        display_name: row.display_name.clone(),
        active: row.active,
        created_at: row.created_at,
        last_login_at: row.last_login_at,
        sites: row.sites,
        orders: row.orders,
    }
}

fn branding_json(t: &TenantBranding, active: bool) -> serde_json::Value {
    json!({ "name": t.name, "theme_color": t.theme_color, "contact_email": t.contact_email,
            "logo_url": t.logo_url, "active": active })
}

/// A new website with its first domain. Its clients app answers on that domain at once.
pub async fn create_tenant(app: &App, user: &Caller, body: NewTenantRequest) -> AppResult<TenantBranding> {
    let who = staff(app, user).await?;
    who.may(Permission::RunPlatform, "create websites")?;
    validated(&body)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let new = NewTenant {
        slug: &body.slug,
        name: body.name.trim(),
        logo_url: None,
        theme_color: &body.theme_color,
        contact_email: body.contact_email.trim(),
        currency: &body.currency,
    };
    let id = tenants::insert(&mut tx, &new).await?;
    tenants::add_domain(&mut tx, id, &body.domain, true).await?;
    let tenant = tenants::find_by_id(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("tenant {id} vanished")))?;
    let branding = tenant.branding();
    let after = json!({ "slug": body.slug, "domain": body.domain, "currency": body.currency,
                        "branding": branding_json(&branding, true) });
    who.audit(&mut tx, id, "tenant.create", Target::new("tenant", id), None, Some(after)).await?;
    tx.commit().await?;
    // A request for the host before it existed may have been remembered as unknown.
    forget_hosts(app, std::slice::from_ref(&body.domain)).await;
    Ok(branding)
}

/// Changes a website's branding (its admins, or the superadmin); only the superadmin turns a
/// website on or off. Its domains show the change at once.
pub async fn update_tenant(app: &App, user: &Caller, id: Uuid, body: TenantUpdate) -> AppResult<TenantBranding> {
    let who = staff(app, user).await?;
    if !who.sees(id) {
        return Err(website_not_found());
    }
    who.may(Permission::ManageWebsite, "change a website's branding")?;
    validated(&body)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let before = tenants::find_by_id(&mut tx, id).await?.ok_or_else(website_not_found)?;
    if body.active != before.active && who.role != Role::Superadmin {
        return Err(AppError::new(Kind::Forbidden, "not_your_role", "Only the superadmin turns a website on or off."));
    }
    let change = TenantChange {
        name: body.name.trim(),
        theme_color: &body.theme_color,
        contact_email: body.contact_email.trim(),
        logo_url: body.logo_url.as_deref().filter(|u| !u.is_empty()),
        active: body.active,
    };
    staff_db::update_tenant(&mut tx, id, &change).await?;
    let after = tenants::find_by_id(&mut tx, id).await?.ok_or_else(website_not_found)?;
    let hosts = staff_db::hosts_of(&mut tx, id).await?;
    who.audit(
        &mut tx,
        id,
        "tenant.update",
        Target::new("tenant", id),
        Some(branding_json(&before.branding(), before.active)),
        Some(branding_json(&after.branding(), after.active)),
    )
    .await?;
    tx.commit().await?;
    forget_hosts(app, &hosts).await;
    Ok(after.branding())
}

/// Clears the tenant cache for these hosts so their pages show a change at once. The change
/// is committed already: if Redis fails, the cache runs out by itself (tenant cache TTL);
/// that is logged, not answered as an error.
async fn forget_hosts(app: &App, hosts: &[String]) {
    for host in hosts {
        if let Err(e) = app.forget_host(host).await {
            tracing::warn!(host, error = %format!("{e:#}"), "the tenant cache keeps the old branding until it expires");
        }
    }
}

pub fn website_not_found() -> AppError {
    AppError::not_found("website_not_found", "There is no website with this id that you work for.")
}

fn customer_not_found() -> AppError {
    AppError::not_found("customer_not_found", "There is no customer with this id on your websites.")
}

/// Clients of the caller's websites whose name or e-mail contains `q`, newest first (100).
pub async fn customers(app: &App, user: &Caller, query: CustomerQuery) -> AppResult<Vec<Customer>> {
    let who = staff(app, user).await?;
    who.may(Permission::LookAfterCustomers, "look after customers")?;
    let websites = who.narrowed(query.website)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = staff_db::customers(&mut tx, websites.as_deref(), &query.q).await?;
    tx.commit().await?;
    Ok(rows.iter().map(customer_of).collect())
}

/// A customer with their sites, orders, recent deployments and what staff did to the account.
pub async fn customer(app: &App, user: &Caller, id: Uuid) -> AppResult<CustomerDetail> {
    let who = staff(app, user).await?;
    who.may(Permission::LookAfterCustomers, "look after customers")?;
    let mut tx = app.db.begin(&who.scope).await?;
    let row =
        staff_db::customer(&mut tx, id).await?.filter(|c| who.sees(c.website_id)).ok_or_else(customer_not_found)?;
    let sites = staff_db::customer_sites(&mut tx, row.id).await?;
    let their_orders = orders::of_client(&mut tx, row.website_id, row.id).await?;
    let deployments = staff_db::customer_deployments(&mut tx, row.id).await?;
    let activity = staff_db::audit_of(&mut tx, row.id).await?;
    tx.commit().await?;
    Ok(CustomerDetail {
        customer: customer_of(&row),
        sites: sites
            .into_iter()
            .map(|s| CustomerSite { id: s.id, name: s.name, slug: s.slug, status: s.status.as_str().to_owned() })
            .collect(),
        orders: their_orders.iter().map(|o| crate::orders::order_of(o, Actor::Admin)).collect(),
        deployments: deployments
            .into_iter()
            .map(|d| CustomerDeployment {
                id: d.id,
                site_name: d.site_name,
                status: d.status.as_str().to_owned(),
                created_at: d.queued_at,
            })
            .collect(),
        activity: activity.iter().map(audit_of).collect(),
    })
}

/// Suspends (they cannot sign in; their sessions end; their live sites keep running) or
/// reactivates a customer.
async fn set_active(app: &App, user: &Caller, id: Uuid, active: bool) -> AppResult<Customer> {
    let who = staff(app, user).await?;
    who.may(Permission::SuspendCustomers, "suspend or reactivate customers")?;
    let mut tx = app.db.begin(&who.scope).await?;
    let before =
        staff_db::customer(&mut tx, id).await?.filter(|c| who.sees(c.website_id)).ok_or_else(customer_not_found)?;
    staff_db::set_customer_active(&mut tx, id, active).await?;
    let action = if active { "customer.reactivate" } else { "customer.suspend" };
    let (was, is) = (json!({ "active": before.active }), json!({ "active": active }));
    who.audit(&mut tx, before.website_id, action, Target::new("customer", id), Some(was), Some(is)).await?;
    let after = staff_db::customer(&mut tx, id).await?.ok_or_else(customer_not_found)?;
    events::record(&mut tx, before.website_id, DomainEvent::CustomerSuspended { customer_id: id, active }).await?;
    tx.commit().await?;
    // After the commit, so the next request reads the new answer (one that read the row just
    // before the commit may still cache the old one, for at most `active::FRESH_FOR`).
    app.active.forget(id);
    Ok(customer_of(&after))
}

pub async fn suspend_customer(app: &App, user: &Caller, id: Uuid) -> AppResult<Customer> {
    set_active(app, user, id, false).await
}

pub async fn reactivate_customer(app: &App, user: &Caller, id: Uuid) -> AppResult<Customer> {
    set_active(app, user, id, true).await
}

/// Lifts the sign-in lock that failed attempts put on a customer's account (support may).
pub async fn unlock_customer(app: &App, user: &Caller, id: Uuid) -> AppResult<()> {
    let who = staff(app, user).await?;
    who.may(Permission::LookAfterCustomers, "look after customers")?;
    let mut tx = app.db.begin(&who.scope).await?;
    let found =
        staff_db::customer(&mut tx, id).await?.filter(|c| who.sees(c.website_id)).ok_or_else(customer_not_found)?;
    // The lock first: the log says "unlocked" only once it is true.
    let key = app.keys.login_account(&HostScope::Tenant(found.website_id).audience(), &found.email);
    app.clear_login_failures(&key).await?;
    who.audit(&mut tx, found.website_id, "customer.unlock", Target::new("customer", found.id), None, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The latest 200 staff actions on the caller's websites (admins and the superadmin).
pub async fn audit_log(app: &App, user: &Caller, query: AuditQuery) -> AppResult<Vec<AuditEntry>> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageWebsite, "read the audit log")?;
    let websites = who.narrowed(query.website)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = staff_db::audit(&mut tx, websites.as_deref(), 200).await?;
    tx.commit().await?;
    Ok(rows.iter().map(audit_of).collect())
}

/// The sites of the caller's websites, most recently changed first (200). Admins act on
/// them through the sites' own endpoints (deploy, stop, start, rollback) on the staff user.host.
pub async fn all_sites(app: &App, user: &Caller, query: SitesQuery) -> AppResult<Vec<StaffSite>> {
    let who = staff(app, user).await?;
    let websites = who.narrowed(query.website)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = staff_db::sites(&mut tx, websites.as_deref(), query.status.trim()).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffSite {
            id: r.id,
            name: r.name,
            slug: r.slug,
            status: r.status.as_str().to_owned(),
            website_id: r.website_id,
            website_name: r.website_name,
            owner_email: r.owner_email,
            updated_at: r.updated_at,
            live_deployment_id: r.live_deployment_id,
        })
        .collect())
}

/// The deployment queue of the caller's websites: running, waiting (with their place) and
/// the failures of the last seven days with their reason.
pub async fn deployment_queue(app: &App, user: &Caller) -> AppResult<Vec<QueueEntry>> {
    let who = staff(app, user).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = staff_db::queue(&mut tx, who.websites()).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueEntry {
            id: r.id,
            number: r.number,
            status: r.status.as_str().to_owned(),
            step: r.step,
            error: r.error,
            queued_at: r.queued_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            site_id: r.site_id,
            site_name: r.site_name,
            website_name: r.website_name,
            position: r.position,
        })
        .collect())
}

/// What waits for an editor on the caller's websites, oldest first: writers' submissions
/// (reviewed on the order: approve, ask for a revision with comments, edit) and generated
/// texts (approve, or reject with a reason).
pub async fn review_queue(app: &App, user: &Caller) -> AppResult<Vec<ReviewItem>> {
    let who = staff(app, user).await?;
    who.may(Permission::Review, "review texts")?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = staff_db::review_queue(&mut tx, who.websites()).await?;
    tx.commit().await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let texts = r
                .content
                .and_then(|c| serde_json::from_value::<atelier_types::site::SectionContent>(c.0).ok())
                .map(|c| atelier_types::sites::section_texts(&c))
                .unwrap_or_default();
            ReviewItem {
                kind: r.kind,
                id: r.id,
                website_id: r.website_id,
                website_name: r.website_name,
                title: r.title,
                detail: r.detail,
                status: r.status,
                at: r.at,
                site_id: r.site_id,
                texts,
            }
        })
        .collect();
    Ok(items)
}

/// Approves a generated text, or rejects it with a reason the client reads: the section
/// goes back to what it held before when it still holds this text.
pub async fn review_ai(
    app: &App,
    user: &Caller,
    id: Uuid,
    body: AiReview,
) -> AppResult<atelier_types::sites::AiContent> {
    let who = staff(app, user).await?;
    who.may(Permission::Review, "review texts")?;
    validated(&body)?;
    let not_found =
        || AppError::not_found("entry_not_found", "There is no generated text with this id on your websites.");
    let mut tx = app.db.begin(&who.scope).await?;
    let found = site_db::ai_content_by_id(&mut tx, id).await?.filter(|f| who.sees(f.website_id));
    let ScopedAiContent { website_id: website, row: entry } = found.ok_or_else(not_found)?;
    if entry.status != AiContentStatus::Pending {
        return Err(AppError::new(
            Kind::Conflict,
            "not_pending",
            format!("This text is {} already; only pending texts are reviewed.", entry.status.as_str()),
        ));
    }
    let reason = body.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let mut reverted = false;
    if !body.approve
        && let Some(previous) = &entry.previous
    {
        // Back to the earlier text, if the section still holds the rejected one.
        let site = site_db::find_any(&mut tx, entry.site_id, true).await?.ok_or_else(not_found)?;
        let mut config = crate::sites::config_of(&site)?;
        let written: atelier_types::site::SectionContent =
            serde_json::from_value(entry.content.0.clone()).map_err(AppError::internal)?;
        let earlier: atelier_types::site::SectionContent =
            serde_json::from_value(previous.0.clone()).map_err(AppError::internal)?;
        if let Some((p, s)) = atelier_types::sites::find_section(&config, &entry.section_id)
            && config.pages[p].sections[s].content == written
        {
            config.pages[p].sections[s].content = earlier;
            let owner = site_db::Owner { website_id: site.website_id, user_id: site.owner_id };
            crate::sites::save_config(&mut tx, owner, &site, &config, site.wizard_step).await?;
            reverted = true;
        }
    }
    let status = if body.approve { AiContentStatus::Approved } else { AiContentStatus::Rejected };
    site_db::review_ai_content(&mut tx, entry.id, status, reason, who.user).await?;
    let action = if body.approve { "ai_content.approve" } else { "ai_content.reject" };
    let after = json!({ "status": status, "reason": reason, "section_reverted": reverted });
    who.audit(
        &mut tx,
        website,
        action,
        Target::new("ai_content", entry.id),
        Some(json!({ "status": "pending" })),
        Some(after),
    )
    .await?;
    let owner = site_db::find_any(&mut tx, entry.site_id, false).await?.ok_or_else(not_found)?.owner_id;
    let reviewed = DomainEvent::TextReviewed {
        site_id: entry.site_id,
        entry_id: entry.id,
        owner_id: owner,
        approved: body.approve,
        note: reason.map(str::to_owned),
    };
    events::record(&mut tx, website, reviewed).await?;
    let answered = site_db::ai_content_by_id(&mut tx, entry.id).await?.ok_or_else(not_found)?;
    tx.commit().await?;
    crate::sites::ai_content_of(&answered.row)
}

/// The staff member, if they may change the website's branding: checked before an upload's
/// bytes are read.
pub async fn may_brand(app: &App, user: &Caller, id: Uuid) -> AppResult<Staff> {
    let who = staff(app, user).await?;
    if !who.sees(id) {
        return Err(website_not_found());
    }
    who.may(Permission::ManageWebsite, "change a website's branding")?;
    Ok(who)
}

/// Sets a website's logo (PNG, JPEG or WebP, at most 1 MB, its content matching `name`);
/// its clients app shows it at once.
pub async fn upload_logo(app: &App, who: &Staff, id: Uuid, name: &str, bytes: Vec<u8>) -> AppResult<TenantBranding> {
    let (_, extension) = crate::files::classify_logo(name, &bytes).map_err(|refusal| match refusal {
        crate::files::Refusal::TooLarge => {
            AppError::new(Kind::TooLarge, "file_too_large", "Use a logo of at most 1 MB.")
        }
        crate::files::Refusal::Empty => {
            AppError::validation(vec![atelier_types::FieldError::new("file", "empty_file", "The file is empty.")])
        }
        _ => AppError::new(
            Kind::UnsupportedContent,
            "unsupported_file_type",
            "Use a PNG, JPEG or WebP image whose content matches its name.",
        ),
    })?;
    let file = format!("{}-{extension}", Uuid::new_v4().simple());
    let key = format!("logos/{}/{file}", id.simple());
    let store = app.files.clone();
    let stored = key.clone();
    tokio::task::spawn_blocking(move || store.put(&stored, &bytes))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let mut tx = app.db.begin(&who.scope).await?;
    let before = tenants::find_by_id(&mut tx, id).await?.ok_or_else(website_not_found)?;
    let url = format!("/api/v1/tenants/{}/logo/{file}", id);
    let change = TenantChange {
        name: &before.name,
        theme_color: &before.theme_color,
        contact_email: &before.contact_email,
        logo_url: Some(&url),
        active: before.active,
    };
    staff_db::update_tenant(&mut tx, id, &change).await?;
    let hosts = staff_db::hosts_of(&mut tx, id).await?;
    let (was, is) = (json!({ "logo_url": before.logo_url }), json!({ "logo_url": url }));
    who.audit(&mut tx, id, "tenant.logo", Target::new("tenant", id), Some(was), Some(is)).await?;
    let after = tenants::find_by_id(&mut tx, id).await?.ok_or_else(website_not_found)?;
    tx.commit().await?;
    forget_hosts(app, &hosts).await;
    Ok(after.branding())
}

/// A website's logo, for anyone (its pages show it before sign-in). Each upload has its own
/// address, so it is cached for good.
/// A logo's bytes and type.
pub struct Logo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

pub async fn logo(app: &App, id: Uuid, file: &str) -> AppResult<Logo> {
    let missing = || AppError::not_found("logo_not_found", "This website has no such logo.");
    // Branding is public: any scope reads it.
    let mut tx = app.db.begin(&Scope::platform()).await?;
    let tenant = tenants::find_by_id(&mut tx, id).await?.ok_or_else(missing)?;
    tx.commit().await?;
    if tenant.logo_url.as_deref() != Some(&format!("/api/v1/tenants/{id}/logo/{file}")) {
        return Err(missing());
    }
    let key = format!("logos/{}/{file}", id.simple());
    let store = app.files.clone();
    let content_type = crate::files::logo_content_type(&key);
    let bytes = tokio::task::spawn_blocking(move || store.get(&key))
        .await
        .map_err(AppError::internal)?
        .map_err(|_| missing())?;
    Ok(Logo { content_type, bytes })
}

/// Attaches another domain to a website (the superadmin); its clients app answers there at
/// once.
pub async fn add_domain(app: &App, user: &Caller, id: Uuid, body: NewDomain) -> AppResult<()> {
    let who = staff(app, user).await?;
    who.may(Permission::RunPlatform, "attach domains")?;
    let domain = body.host.trim().to_ascii_lowercase();
    if !atelier_types::staff::valid_host(&domain) {
        return Err(AppError::validation(vec![atelier_types::FieldError::new(
            "host",
            "invalid_host",
            "Enter a host name like beta.example.com (no port, no path).",
        )]));
    }
    let mut tx = app.db.begin(&who.scope).await?;
    tenants::find_by_id(&mut tx, id).await?.ok_or_else(website_not_found)?;
    if staff_db::hosts_of(&mut tx, id).await?.contains(&domain) {
        return Err(AppError::new(Kind::Conflict, "domain_exists", "This website already answers on this domain."));
    }
    tenants::add_domain(&mut tx, id, &domain, false).await?;
    who.audit(&mut tx, id, "tenant.add_domain", Target::new("tenant", id), None, Some(json!({ "host": domain })))
        .await?;
    tx.commit().await?;
    forget_hosts(app, std::slice::from_ref(&domain)).await;
    Ok(())
}
