//! Billing: plans and the quotas they grant (checked here for every path that consumes
//! one), the client's billing overview and plan changes. Invoices, payments and refunds are
//! in [`invoices`], the card provider in [`card`], the scheduled cycle (renewals, reminders,
//! suspension) in [`cycle`], promo codes, loyalty points and referrals in [`promotions`],
//! content packages in [`packages`], a website's billing settings and revenue in [`money`]. The model is explained in `docs/billing.md`.

pub mod card;
pub mod cycle;
pub mod document;
pub mod invoices;
pub mod money;
pub mod packages;
pub mod promotions;

use atelier_db::billing::{self as db, PlanFields, PlanRow, SubscriptionRow};
use atelier_db::{Tx, sites::Owner};
use atelier_domain::billing::{FREE_PLAN, prorated};
use atelier_types::FieldError;
use atelier_types::billing::{
    BillingOverview, ChangePlan, Plan, PlanChanged, PlanInput, Quota, QuotaExceeded, SubscriptionStatus, Usage,
};
use atelier_types::permissions::Permission;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Target;
use crate::error::validated;
use crate::staff::{staff, website_not_found};
use crate::{App, AppError, AppResult, Caller, Kind};

pub fn plan_of(row: &PlanRow, currency: &str) -> Plan {
    Plan {
        id: row.id,
        code: row.code.clone(),
        name: row.name.clone(),
        price_minor: row.price_minor,
        currency: currency.to_owned(),
        is_default: row.is_default,
        active: row.active,
        limits: row.limits(),
    }
}

fn plan_not_found() -> AppError {
    AppError::not_found("plan_not_found", "There is no plan with this id on this website.")
}

/// The client's subscription, locked for the rest of `tx`, with its plan: what every quota
/// check of theirs starts from. Two requests of one client that consume a quota run one
/// after the other from here, so neither can overshoot.
pub struct Meter {
    pub owner: Owner,
    pub subscription: SubscriptionRow,
    pub plan: PlanRow,
}

impl Meter {
    pub async fn lock(tx: &mut Tx, owner: Owner) -> AppResult<Meter> {
        db::ensure_default_plan(tx, owner.website_id, FREE_PLAN).await?;
        let subscription = db::lock_subscription(tx, owner.website_id, owner.user_id).await?;
        let plan = db::plan(tx, subscription.plan_id).await?.ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("plan {} of a subscription vanished", subscription.plan_id))
        })?;
        Ok(Meter { owner, subscription, plan })
    }

    /// What the client uses now, quota by quota.
    pub async fn usage(&self, tx: &mut Tx) -> AppResult<Vec<Usage>> {
        let used = db::usage(tx, self.owner.website_id, self.owner.user_id, self.subscription.period_start).await?;
        let limits = self.plan.limits();
        Ok(Quota::ALL
            .into_iter()
            .map(|quota| Usage {
                quota,
                used: match quota {
                    Quota::Sites => used.sites,
                    Quota::LiveSites => used.live_sites,
                    Quota::DeploymentsPerMonth => used.deployments,
                    Quota::StorageBytes => used.storage_bytes,
                    // Clients cannot bring domains of their own yet (staff add domains).
                    Quota::CustomDomains => 0,
                    Quota::GeneratedPerMonth => used.generated,
                },
                limit: limits.get(quota),
            })
            .collect())
    }

    /// Refuses with `403 quota_exceeded` unless `amount` more of `quota` fits the plan.
    pub async fn need(&self, tx: &mut Tx, quota: Quota, amount: i64) -> AppResult<()> {
        self.need_all(tx, &[(quota, amount)]).await
    }

    /// As [`Meter::need`] for several quotas, with the usage read once.
    pub async fn need_all(&self, tx: &mut Tx, needs: &[(Quota, i64)]) -> AppResult<()> {
        let limits = self.plan.limits();
        if needs.iter().all(|(quota, _)| limits.get(*quota).is_none()) {
            return Ok(());
        }
        let usage = self.usage(tx).await?;
        for &(quota, amount) in needs {
            let Some(limit) = limits.get(quota) else { continue };
            let used = usage.iter().find(|u| u.quota == quota).map_or(0, |u| u.used);
            if used.saturating_add(amount) > limit {
                return Err(quota_exceeded(quota, limit, used));
            }
        }
        Ok(())
    }

    /// Meters `amount` of a per-period quota (deployments, generated sections).
    pub async fn record(&self, tx: &mut Tx, quota: Quota, amount: i64) -> AppResult<()> {
        if amount > 0 {
            db::record_usage(tx, self.owner.website_id, self.owner.user_id, quota.as_str(), amount).await?;
        }
        Ok(())
    }

    /// Refuses publishing while an unpaid invoice has suspended the account.
    pub fn may_publish(&self) -> AppResult<()> {
        if self.subscription.status == SubscriptionStatus::Suspended {
            return Err(AppError::new(
                Kind::Forbidden,
                "billing_suspended",
                "Your sites are stopped because an invoice is unpaid past its due date. Pay it on the billing page and they start again.",
            ));
        }
        Ok(())
    }

    /// The checks of a deployment of `site` (a deploy, a redeploy, a rollback, a start):
    /// not suspended, a place among the published sites unless it holds one, and (unless it
    /// only starts again) one deployment of the month, which it meters.
    pub async fn publish(&self, tx: &mut Tx, site: Uuid, deployment: bool) -> AppResult<()> {
        self.may_publish()?;
        let mut needs = Vec::with_capacity(2);
        if !db::site_is_published(tx, site).await? {
            needs.push((Quota::LiveSites, 1));
        }
        if deployment {
            needs.push((Quota::DeploymentsPerMonth, 1));
        }
        self.need_all(tx, &needs).await?;
        if deployment {
            self.record(tx, Quota::DeploymentsPerMonth, 1).await?;
        }
        Ok(())
    }
}

fn quota_exceeded(quota: Quota, limit: i64, used: i64) -> AppError {
    let what = match quota {
        Quota::Sites => format!("Your plan allows {limit} sites and you have {used}. Delete one or upgrade your plan."),
        Quota::LiveSites => format!(
            "Your plan allows {limit} published sites at once and {used} are published. Stop one or upgrade your plan."
        ),
        Quota::DeploymentsPerMonth => format!(
            "Your plan allows {limit} deployments a month and you have used {used}. They start again with your next period, or upgrade your plan."
        ),
        Quota::StorageBytes => format!(
            "Your plan allows {} MB of files and you use {} MB; this file does not fit. Upgrade your plan for more room.",
            limit / (1024 * 1024),
            (used + 1024 * 1024 - 1) / (1024 * 1024)
        ),
        Quota::CustomDomains => format!("Your plan allows {limit} domains of your own. Upgrade your plan for more."),
        Quota::GeneratedPerMonth => format!(
            "Your plan allows {limit} generated sections a month and you have used {used}; this would write more. Upgrade your plan, or write the text yourself."
        ),
    };
    AppError { quota: Some(QuotaExceeded { quota, limit, used }), ..AppError::forbidden("quota_exceeded", what) }
}

/// Checks before expensive work (the content generator) that `needs` fit, in a short
/// transaction of its own; the work's own transaction checks again under the lock.
pub async fn precheck(app: &App, owner: Owner, needs: &[(Quota, i64)], publish: bool) -> AppResult<()> {
    let mut tx = app.db.begin(&atelier_db::Scope::tenant(owner.website_id).with_user(owner.user_id)).await?;
    let meter = Meter::lock(&mut tx, owner).await?;
    if publish {
        meter.may_publish()?;
    }
    meter.need_all(&mut tx, needs).await?;
    tx.commit().await?;
    Ok(())
}

/// The client's billing page: plan, usage against each limit, balance, the plans offered.
pub async fn overview(app: &App, user: &Caller) -> AppResult<BillingOverview> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let meter = Meter::lock(&mut tx, owner).await?;
    let shown = overview_in(&mut tx, &meter).await?;
    tx.commit().await?;
    Ok(shown)
}

async fn overview_in(tx: &mut Tx, meter: &Meter) -> AppResult<BillingOverview> {
    let tenant = tenant_billing(tx, meter.owner.website_id).await?;
    let plans = db::plans(tx, meter.owner.website_id).await?;
    let next_plan = match meter.subscription.next_plan_id {
        Some(id) => plans.iter().find(|p| p.id == id).map(|p| plan_of(p, &tenant.currency)),
        None => None,
    };
    Ok(BillingOverview {
        plan: plan_of(&meter.plan, &tenant.currency),
        next_plan,
        status: meter.subscription.status,
        period_start: meter.subscription.period_start,
        period_end: meter.subscription.period_end,
        usage: meter.usage(tx).await?,
        balance_minor: db::balance(tx, meter.owner.user_id).await?,
        currency: tenant.currency.clone(),
        vat_rate_bp: tenant.vat_rate_bp,
        prices_include_vat: tenant.prices_include_vat,
        plans: plans.iter().filter(|p| p.active).map(|p| plan_of(p, &tenant.currency)).collect(),
        open_invoices: db::open_invoice_count(tx, meter.owner.user_id).await?,
    })
}

pub async fn tenant_billing(tx: &mut Tx, tenant: Uuid) -> AppResult<db::TenantBilling> {
    db::tenant_billing(tx, tenant).await?.ok_or_else(|| AppError::internal(anyhow::anyhow!("tenant {tenant} vanished")))
}

/// Moves the client to another plan. A dearer plan applies at once, with an invoice for
/// the price difference over the rest of the period; a cheaper one at the period's end
/// (they keep what they paid for). Choosing the current plan again cancels a pending
/// downgrade.
pub async fn change_plan(app: &App, user: &Caller, body: ChangePlan) -> AppResult<PlanChanged> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    crate::accounts::verify::require_verified(&mut tx, user).await?;
    let meter = Meter::lock(&mut tx, owner).await?;
    let target = db::plan(&mut tx, body.plan_id)
        .await?
        .filter(|p| p.website_id == owner.website_id && (p.active || p.id == meter.plan.id))
        .ok_or_else(|| {
            AppError::validation(vec![FieldError::new("plan_id", "unknown_plan", "Choose one of the plans offered.")])
        })?;
    let now = chrono::Utc::now();
    let sub = &meter.subscription;
    let (invoice, effective_at) = if target.id == meter.plan.id {
        db::set_plan(&mut tx, sub.id, target.id, None).await?;
        (None, now)
    } else if target.price_minor > meter.plan.price_minor {
        let remaining = (sub.period_end - now).num_seconds();
        let period = (sub.period_end - sub.period_start).num_seconds();
        let amount = prorated(meter.plan.price_minor, target.price_minor, remaining, period);
        db::set_plan(&mut tx, sub.id, target.id, None).await?;
        let line = format!(
            "{} plan from {} to {} (upgrade from {})",
            target.name,
            now.format("%Y-%m-%d"),
            sub.period_end.format("%Y-%m-%d"),
            meter.plan.name
        );
        let issued = invoices::issue(
            &mut tx,
            invoices::Issue {
                owner,
                kind: atelier_types::billing::InvoiceKind::Subscription,
                lines: vec![(line, 1, amount)],
                order_id: None,
                subscription: Some((sub.id, target.id)),
                package_id: None,
                service_id: None,
                period: Some((now, sub.period_end)),
            },
        )
        .await?;
        (Some(issued), now)
    } else {
        db::set_plan(&mut tx, sub.id, meter.plan.id, Some(target.id)).await?;
        (None, sub.period_end)
    };
    let meter = Meter::lock(&mut tx, owner).await?;
    let overview = overview_in(&mut tx, &meter).await?;
    let invoice = match invoice {
        Some(id) => Some(invoices::present(&mut tx, id).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(PlanChanged { overview, invoice, effective_at })
}

/// A website's plans, for its staff.
pub async fn staff_plans(app: &App, user: &Caller, website: Uuid) -> AppResult<Vec<Plan>> {
    let who = staff(app, user).await?;
    who.may(Permission::Operate, "see plans")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    let mut tx = app.db.begin(who.scope()).await?;
    db::ensure_default_plan(&mut tx, website, FREE_PLAN).await?;
    let currency = tenant_billing(&mut tx, website).await?.currency;
    let rows = db::plans(&mut tx, website).await?;
    tx.commit().await?;
    Ok(rows.iter().map(|r| plan_of(r, &currency)).collect())
}

fn fields(body: &PlanInput) -> PlanFields<'_> {
    PlanFields {
        code: &body.code,
        name: body.name.trim(),
        price_minor: body.price_minor,
        active: body.active,
        limits: body.limits,
    }
}

/// Adds a plan to a website (its admins, the superadmin).
pub async fn create_plan(app: &App, user: &Caller, website: Uuid, body: PlanInput) -> AppResult<Plan> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "change plans")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    validated(&body)?;
    let mut tx = app.db.begin(who.scope()).await?;
    db::ensure_default_plan(&mut tx, website, FREE_PLAN).await?;
    let row = db::insert_plan(&mut tx, website, &fields(&body)).await?;
    who.audit(&mut tx, website, "plan.create", Target::new("plan", row.id), None, Some(json!(body))).await?;
    let currency = tenant_billing(&mut tx, website).await?.currency;
    tx.commit().await?;
    Ok(plan_of(&row, &currency))
}

/// Changes a plan: its name, price, limits, whether it is offered. Subscribers get the new
/// limits at once and the new price from their next period. The default plan stays free
/// and offered.
pub async fn update_plan(app: &App, user: &Caller, id: Uuid, body: PlanInput) -> AppResult<Plan> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "change plans")?;
    validated(&body)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let before = db::plan(&mut tx, id).await?.filter(|p| who.sees(p.website_id)).ok_or_else(plan_not_found)?;
    let row = db::update_plan(&mut tx, id, &fields(&body)).await?.ok_or_else(plan_not_found)?;
    let currency = tenant_billing(&mut tx, row.website_id).await?.currency;
    let was = json!({ "name": before.name, "price_minor": before.price_minor, "active": before.active,
                      "limits": before.limits() });
    who.audit(&mut tx, row.website_id, "plan.update", Target::new("plan", id), Some(was), Some(json!(body))).await?;
    tx.commit().await?;
    Ok(plan_of(&row, &currency))
}
