//! Staff's side of the money: a website's billing settings (VAT, invoice prefix, grace
//! days, bank details, the loyalty programme and the referral reward) and the revenue
//! figures of the websites they run (monthly recurring revenue, takings by month,
//! outstanding invoices).

use atelier_db::promotions as p;
use atelier_types::billing::{BillingSettings, MonthRevenue, Revenue, WebsiteRevenue};
use atelier_types::permissions::Permission;
use chrono::{Datelike, Months, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Target;
use crate::error::validated;
use crate::staff::{staff, website_not_found};
use crate::{App, AppResult, Caller};

pub async fn billing_settings(app: &App, user: &Caller, website: Uuid) -> AppResult<BillingSettings> {
    let who = staff(app, user).await?;
    who.may(Permission::Operate, "see billing settings")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    let mut tx = app.db.begin(who.scope()).await?;
    let settings = p::settings(&mut tx, website).await?.ok_or_else(website_not_found)?;
    tx.commit().await?;
    Ok(settings)
}

/// Changes a website's billing settings. Invoices already issued keep the VAT rule and
/// number they were issued with.
pub async fn update_billing_settings(
    app: &App,
    user: &Caller,
    website: Uuid,
    body: BillingSettings,
) -> AppResult<BillingSettings> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "change billing settings")?;
    if !who.sees(website) {
        return Err(website_not_found());
    }
    validated(&body)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let before = p::settings(&mut tx, website).await?.ok_or_else(website_not_found)?;
    p::set_settings(&mut tx, website, &body).await?;
    let after = p::settings(&mut tx, website).await?.ok_or_else(website_not_found)?;
    who.audit(
        &mut tx,
        website,
        "billing.settings",
        Target::new("website", website),
        Some(json!(before)),
        Some(json!(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The last twelve months, oldest first: `2025-12` … `2026-11`.
fn last_months(now: chrono::DateTime<Utc>) -> Vec<String> {
    let first = now.date_naive().with_day(1).unwrap_or(now.date_naive());
    (0..12u32)
        .rev()
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(|d| d.format("%Y-%m").to_string())
        .collect()
}

/// Revenue of the websites the caller runs: monthly recurring revenue, takings of the
/// last twelve months (every month present, zero when nothing was paid), outstanding.
pub async fn revenue(app: &App, user: &Caller, website: Option<Uuid>) -> AppResult<Revenue> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "see revenue")?;
    let only = who.narrowed(website)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let mut money = p::website_money(&mut tx).await?;
    let months = p::monthly_revenue(&mut tx).await?;
    tx.commit().await?;
    money.retain(|m| who.sees(m.website_id) && only.as_ref().is_none_or(|ws| ws.contains(&m.website_id)));
    let calendar = last_months(Utc::now());
    Ok(Revenue {
        websites: money
            .into_iter()
            .map(|m| WebsiteRevenue {
                months: calendar
                    .iter()
                    .map(|month| {
                        let found = months.iter().find(|r| r.0 == m.website_id && &r.1 == month);
                        MonthRevenue {
                            month: month.clone(),
                            revenue_minor: found.map_or(0, |r| r.2),
                            invoices: found.map_or(0, |r| r.3),
                        }
                    })
                    .collect(),
                website_id: m.website_id,
                name: m.name,
                currency: m.currency,
                mrr_minor: m.mrr_minor,
                paying_customers: m.paying_customers,
                outstanding_minor: m.outstanding_minor,
                outstanding_invoices: m.outstanding_invoices,
                overdue_minor: m.overdue_minor,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_end_with_this_one() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-31T10:00:00Z").map(|d| d.with_timezone(&Utc));
        let months = last_months(now.unwrap_or_default());
        assert_eq!(months.len(), 12);
        assert_eq!(months.first().map(String::as_str), Some("2025-04"));
        assert_eq!(months.last().map(String::as_str), Some("2026-03"));
    }
}
