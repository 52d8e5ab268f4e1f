//! Content packages: a recurring bundle of orders of one service (four blog articles a
//! month, say). Each period is billed by one invoice; paying it opens the period's orders
//! (placed and paid through `orders::apply_event`, like any order). The worker's cycle
//! starts the next period of an active package; a paused one skips periods until resumed
//! (resuming after its period ended starts a new one, billed at once); a cancelled one
//! ends, its unpaid invoice void.

use atelier_db::billing::InvoiceRow;
use atelier_db::orders::{self, NewOrderRow};
use atelier_db::promotions::{self as p, NewPackageRow, PackageRow};
use atelier_db::{Tx, sites::Owner};
use atelier_domain::orders::{Actor, OrderEvent};
use atelier_types::FieldError;
use atelier_types::billing::{ContentPackage, InvoiceKind, NewPackage, PackageChange, PackageStatus};
use atelier_types::orders::NewOrder;
use chrono::Utc;
use uuid::Uuid;

use super::invoices::{Issue, issue, void};
use crate::error::validated;
use crate::orders::{Mover, Refused, apply_event, priced};
use crate::{App, AppError, AppResult, Caller};

fn package_of(row: &PackageRow) -> ContentPackage {
    ContentPackage {
        id: row.id,
        title: row.title.clone(),
        brief: row.brief.clone(),
        service_type_id: row.service_type_id,
        service_name: row.service_name.clone(),
        site_id: row.site_id,
        words: row.words,
        turnaround_days: row.turnaround_days,
        per_period: row.per_period,
        unit_price_minor: row.unit_price_minor,
        period_price_minor: row.unit_price_minor * i64::from(row.per_period),
        currency: row.currency.clone(),
        status: row.status,
        period_start: row.period_start,
        period_end: row.period_end,
        orders_opened: row.orders_opened,
    }
}

fn package_not_found() -> AppError {
    AppError::not_found("package_not_found", "There is no content package with this id that you can see.")
}

/// Issues the invoice of the package's current period.
async fn bill_period(tx: &mut Tx, row: &PackageRow) -> AppResult<Uuid> {
    let line = format!(
        "{} — {} ({} words), {} to {}",
        row.title,
        row.service_name,
        row.words,
        row.period_start.format("%Y-%m-%d"),
        row.period_end.format("%Y-%m-%d")
    );
    issue(
        tx,
        Issue {
            owner: Owner { website_id: row.website_id, user_id: row.customer_id },
            kind: InvoiceKind::Package,
            lines: vec![(line, row.per_period, row.unit_price_minor)],
            order_id: None,
            subscription: None,
            package_id: Some(row.id),
            service_id: Some(row.service_type_id),
            period: Some((row.period_start, row.period_end)),
        },
    )
    .await
}

/// The client's packages, newest first.
pub async fn list_packages(app: &App, user: &Caller) -> AppResult<Vec<ContentPackage>> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let rows = p::packages_of(&mut tx, owner.user_id).await?;
    tx.commit().await?;
    Ok(rows.iter().map(package_of).collect())
}

/// Starts a package: priced like one order of the service (times the orders a month), its
/// first period from now, billed at once.
pub async fn create_package(app: &App, user: &Caller, body: NewPackage) -> AppResult<ContentPackage> {
    let owner = crate::sites::owner(user)?;
    validated(&body)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    crate::accounts::verify::require_verified(&mut tx, user).await?;
    let row = start_package(&mut tx, owner, &body).await?;
    tx.commit().await?;
    Ok(package_of(&row))
}

/// [`create_package`] in `tx`: the package, and its first period's invoice.
pub async fn start_package(tx: &mut Tx, owner: Owner, body: &NewPackage) -> AppResult<PackageRow> {
    let currency = super::tenant_billing(tx, owner.website_id).await?.currency;
    let as_order = NewOrder {
        service_type_id: body.service_type_id,
        words: body.words,
        turnaround_days: body.turnaround_days,
        title: body.title.clone(),
        brief: body.brief.clone(),
        site_id: body.site_id,
        section_id: None,
    };
    let (service, quote) = priced(tx, owner.website_id, &currency, &as_order).await?;
    if let Some(site) = body.site_id
        && atelier_db::sites::find(tx, owner, site, false).await?.is_none()
    {
        return Err(AppError::validation(vec![FieldError::new(
            "site_id",
            "unknown_site",
            "Choose one of your own sites.",
        )]));
    }
    let id = p::insert_package(
        tx,
        &NewPackageRow {
            tenant: owner.website_id,
            customer: owner.user_id,
            service_type_id: service.id,
            site_id: body.site_id,
            title: body.title.trim(),
            brief: body.brief.trim(),
            words: body.words,
            turnaround_days: body.turnaround_days,
            per_period: body.per_period,
            unit_price_minor: quote.price_minor,
        },
    )
    .await?;
    let row = p::package(tx, id, true).await?.ok_or_else(package_not_found)?;
    bill_period(tx, &row).await?;
    Ok(row)
}

/// Pauses, resumes or cancels one of the client's packages. Cancelling voids its unpaid
/// invoice; resuming after the period ended starts a new period now, billed at once.
pub async fn change_package(app: &App, user: &Caller, id: Uuid, body: PackageChange) -> AppResult<ContentPackage> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let row = p::package(&mut tx, id, true)
        .await?
        .filter(|r| r.customer_id == owner.user_id)
        .ok_or_else(package_not_found)?;
    if row.status == PackageStatus::Cancelled {
        return Err(AppError::conflict("package_cancelled", "This package is cancelled; start a new one instead."));
    }
    match body.status {
        PackageStatus::Cancelled => {
            for invoice in p::open_package_invoices(&mut tx, id).await? {
                if let Some(invoice) = atelier_db::billing::invoice(&mut tx, invoice, true).await? {
                    void(&mut tx, &invoice).await?;
                }
            }
            p::set_package_status(&mut tx, id, PackageStatus::Cancelled).await?;
        }
        PackageStatus::Paused => p::set_package_status(&mut tx, id, PackageStatus::Paused).await?,
        PackageStatus::Active => {
            p::set_package_status(&mut tx, id, PackageStatus::Active).await?;
            if row.status == PackageStatus::Paused && row.period_end <= Utc::now() {
                p::restart_package_period(&mut tx, id).await?;
                let now = p::package(&mut tx, id, true).await?.ok_or_else(package_not_found)?;
                bill_period(&mut tx, &now).await?;
            }
        }
    }
    let shown = p::package(&mut tx, id, false).await?.ok_or_else(package_not_found)?;
    tx.commit().await?;
    Ok(package_of(&shown))
}

/// A package's period invoice was paid: its orders open (placed by the client and paid,
/// through the orders' state machine), numbered within the period.
pub async fn open_orders(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<()> {
    let Some(id) = invoice.package_id else { return Ok(()) };
    // Read, not locked: nothing here writes the package (changing it locks the package, then
    // its invoices; paying holds the invoice).
    let Some(row) = p::package(tx, id, false).await? else { return Ok(()) };
    let level = orders::full_catalogue(tx, row.website_id)
        .await?
        .into_iter()
        .find(|s| s.id == row.service_type_id)
        .map_or(1, |s| s.required_level);
    let month = invoice.period_start.unwrap_or(row.period_start).format("%Y-%m").to_string();
    let client = Mover { actor: Actor::Client, user: Some(row.customer_id), level: None, staff: None, note: None };
    let system = Mover { actor: Actor::System, user: None, level: None, staff: None, note: Some("package paid") };
    for n in 1..=row.per_period {
        let title = format!("{} — {month} ({n}/{})", row.title, row.per_period);
        let new = NewOrderRow {
            website_id: row.website_id,
            client_id: row.customer_id,
            service_type_id: row.service_type_id,
            title: &title,
            brief: &row.brief,
            words: row.words,
            turnaround_days: row.turnaround_days,
            price_minor: row.unit_price_minor,
            currency: &row.currency,
            required_level: level,
            site_id: row.site_id,
            section_id: None,
            package_id: Some(row.id),
        };
        let order_id = orders::insert(tx, &new).await?;
        let mut order = orders::find(tx, order_id).await?.ok_or_else(crate::orders::not_found)?;
        for (event, mover) in [(OrderEvent::Place, &client), (OrderEvent::ConfirmPayment, &system)] {
            order = match apply_event(tx, mover, &order, event, None).await {
                Ok(moved) => moved,
                Err(Refused::Error(e)) => return Err(e),
                Err(Refused::Raced) => return Err(AppError::conflict("order_moved", "The order moved; try again.")),
            };
        }
    }
    Ok(())
}

/// The cycle's part: each active package whose period ended starts the next one, billed.
pub async fn renew_packages(tx: &mut Tx, batch: i64) -> AppResult<usize> {
    let due = p::due_packages(tx, batch).await?;
    for id in &due {
        p::next_package_period(tx, *id).await?;
        let row = p::package(tx, *id, true).await?.ok_or_else(package_not_found)?;
        bill_period(tx, &row).await?;
    }
    Ok(due.len())
}
