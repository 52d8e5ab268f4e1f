//! The billing cycle, run by the worker every minute: subscriptions whose period ended are
//! renewed (a paid plan's invoice issued, a pending downgrade applied), clients are told
//! three days before an invoice is due, and a client with an invoice unpaid past its due
//! date is suspended: their published sites stop until it is paid, when they start again.

use atelier_db::billing as db;
use atelier_db::{Db, Scope, deployments, sites::Owner};
use atelier_deployer::Deployer;
use atelier_types::billing::{InvoiceKind, SubscriptionStatus};
use atelier_types::sites::SiteStatus;

use super::invoices::{Issue, issue};
use crate::events::{self, DomainEvent};
use crate::{App, AppResult};

/// How long before its due date a client is reminded of an open invoice.
pub const REMIND_DAYS: i32 = 3;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cycle {
    pub renewed: usize,
    pub invoiced: usize,
    pub reminded: usize,
    pub suspended: usize,
    pub sites_stopped: usize,
    pub packages_renewed: usize,
    pub points_expired: usize,
}

/// One pass of the cycle over every tenant, at most `batch` of each kind.
pub async fn run_once(db: &Db, deployer: Option<&Deployer>, batch: i64) -> AppResult<Cycle> {
    let mut done = Cycle::default();
    // Renewals.
    let mut tx = db.begin(&Scope::everything()).await?;
    for sub in db::due_renewals(&mut tx, batch).await? {
        let renewed = db::renew(&mut tx, sub.id).await?;
        done.renewed += 1;
        let Some(plan) = db::plan(&mut tx, renewed.plan_id).await? else { continue };
        if plan.price_minor > 0 {
            let line = format!(
                "{} plan, {} to {}",
                plan.name,
                renewed.period_start.format("%Y-%m-%d"),
                renewed.period_end.format("%Y-%m-%d")
            );
            let owner = Owner { website_id: renewed.website_id, user_id: renewed.customer_id };
            let period = (renewed.period_start, renewed.period_end);
            issue(
                &mut tx,
                Issue {
                    owner,
                    kind: InvoiceKind::Subscription,
                    lines: vec![(line, 1, plan.price_minor)],
                    order_id: None,
                    subscription: Some((renewed.id, plan.id)),
                    package_id: None,
                    service_id: None,
                    period: Some(period),
                },
            )
            .await?;
            done.invoiced += 1;
        }
    }
    done.packages_renewed = super::packages::renew_packages(&mut tx, batch).await?;
    done.points_expired = super::promotions::expire_points(&mut tx, batch).await?;
    // Reminders.
    for id in db::remind_due(&mut tx, REMIND_DAYS, batch).await? {
        let Some(invoice) = db::invoice(&mut tx, id, false).await? else { continue };
        let happened = DomainEvent::InvoiceDue {
            invoice_id: invoice.id,
            customer_id: invoice.customer_id,
            reference: invoice.reference.clone(),
            total_minor: invoice.total_minor,
            currency: invoice.currency.clone(),
            due_at: invoice.due_at,
        };
        events::record(&mut tx, invoice.website_id, happened).await?;
        done.reminded += 1;
    }
    tx.commit().await?;
    // Suspensions, one client per transaction (their sites stop in it).
    let overdue = {
        let mut tx = db.begin(&Scope::everything()).await?;
        let rows = db::overdue(&mut tx, batch).await?;
        tx.commit().await?;
        rows
    };
    let mut seen = std::collections::HashSet::new();
    for invoice in overdue {
        if !seen.insert(invoice.customer_id) {
            continue;
        }
        let owner = Owner { website_id: invoice.website_id, user_id: invoice.customer_id };
        let mut tx = db.begin(&Scope::everything()).await?;
        let sub = super::Meter::lock(&mut tx, owner).await?.subscription;
        if sub.status == SubscriptionStatus::Suspended {
            tx.commit().await?;
            continue;
        }
        db::set_status(&mut tx, sub.id, SubscriptionStatus::Suspended).await?;
        let sites = db::running_sites(&mut tx, owner.user_id).await?;
        // Without a runtime here (an API server alone), sites are left to the worker's
        // cycle; publishing is refused from now on either way.
        let mut stopped = 0;
        for (site, slug) in &sites {
            let Some(deployer) = deployer else { break };
            if let Err(e) = deployer.stop_site(*site, slug).await {
                tracing::warn!(site.id = %site, error = %format!("{e:#}"), "could not stop a suspended client's site");
                continue;
            }
            deployments::set_site_status(&mut tx, *site, SiteStatus::Stopped).await?;
            db::mark_billing_stopped(&mut tx, *site, true).await?;
            stopped += 1;
        }
        done.sites_stopped += stopped;
        let happened = DomainEvent::BillingSuspended {
            customer_id: owner.user_id,
            invoice_id: invoice.id,
            reference: invoice.reference.clone(),
            sites_stopped: stopped as i64,
        };
        events::record(&mut tx, owner.website_id, happened).await?;
        tx.commit().await?;
        done.suspended += 1;
    }
    // Sites of paid-up clients that billing stopped and could not start again yet.
    let waiting = {
        let mut tx = db.begin(&Scope::everything()).await?;
        let rows = db::restorable(&mut tx, batch).await?;
        tx.commit().await?;
        rows
    };
    if deployer.is_some() {
        for (website_id, user_id) in waiting {
            restore(db, deployer, Owner { website_id, user_id }).await?;
        }
    }
    Ok(done)
}

/// After a payment: a suspended client with nothing left overdue is active again, and the
/// sites billing stopped start again.
/// The payment is committed by then: a failure here is logged, and the worker's cycle
/// tries again.
pub async fn restore_if_settled(app: &App, owner: Owner) -> AppResult<()> {
    if let Err(e) = restore(&app.db, app.deployer.as_deref(), owner).await {
        tracing::warn!(customer = %owner.user_id, error = %e, "could not restore a client after payment");
    }
    Ok(())
}

pub async fn restore(db: &Db, deployer: Option<&Deployer>, owner: Owner) -> AppResult<()> {
    let mut tx = db.begin(&Scope::tenant(owner.website_id).with_user(owner.user_id)).await?;
    let sub = super::Meter::lock(&mut tx, owner).await?.subscription;
    if sub.status == SubscriptionStatus::Suspended {
        if db::overdue_of(&mut tx, owner.user_id).await? > 0 {
            tx.commit().await?;
            return Ok(());
        }
        db::set_status(&mut tx, sub.id, SubscriptionStatus::Active).await?;
    }
    // A site that cannot start here (no runtime on this server) keeps its mark: the
    // worker's next cycle starts it.
    if let Some(deployer) = deployer {
        for site in db::billing_stopped_sites(&mut tx, owner.user_id).await? {
            match deployer.start_site(site).await {
                Ok(started) => {
                    if started {
                        deployments::set_site_status(&mut tx, site, SiteStatus::Live).await?;
                    }
                    db::mark_billing_stopped(&mut tx, site, false).await?;
                }
                Err(e) => {
                    tracing::warn!(site.id = %site, error = %format!("{e:#}"), "could not start a site again after payment")
                }
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
