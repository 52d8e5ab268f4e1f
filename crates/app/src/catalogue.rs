//! Staff manage each website's service catalogue: every entry (withdrawn ones too) for the
//! website's staff, and creating, changing and withdrawing entries for its admins. Clients
//! read the active entries with `GET /catalogue` on their website's domain.

use atelier_db::orders::{self, NewServiceType};
use atelier_db::tenants;
use atelier_types::orders::{ServiceType, ServiceTypeInput, valid_service_code};
use atelier_types::permissions::{self, Permission};
use atelier_types::{FieldError, Role};
use uuid::Uuid;

use atelier_types::validation::Validate;

use crate::audit::{self, Change, Target};
use crate::orders::{Party, party, service_of};
use crate::{App, AppError, AppResult, Caller, Kind};

fn website_not_found() -> AppError {
    AppError::not_found("website_not_found", "There is no website with this id that you work for.")
}

/// The website's currency, if the caller is its staff (a writer or a client: 403).
async fn staff_website(app: &App, who: &Party, website: Uuid) -> AppResult<String> {
    if !permissions::may(who.role, Permission::ReadCatalogue) {
        return Err(AppError::new(Kind::Forbidden, "staff_only", "The catalogue is managed by the website's staff."));
    }
    if who.role != Role::Superadmin && !who.tenants.contains(&website) {
        return Err(website_not_found());
    }
    let mut tx = app.db.begin(&who.scope).await?;
    let tenant = tenants::find_by_id(&mut tx, website).await?.ok_or_else(website_not_found)?;
    tx.commit().await?;
    Ok(tenant.currency)
}

fn admin_only(who: &Party) -> AppResult<()> {
    if permissions::may(who.role, Permission::ManageMoney) {
        Ok(())
    } else {
        Err(AppError::new(Kind::Forbidden, "admins_only", "Only the website's admins change its catalogue."))
    }
}

/// Every entry of the website's catalogue, withdrawn ones last.
pub async fn website_catalogue(app: &App, user: &Caller, website: Uuid) -> AppResult<Vec<ServiceType>> {
    let who = party(app, user).await?;
    let currency = staff_website(app, &who, website).await?;
    let mut tx = app.db.begin(&who.scope).await?;
    let rows = orders::full_catalogue(&mut tx, website).await?;
    tx.commit().await?;
    Ok(rows.iter().map(|r| service_of(r, &currency)).collect())
}

/// Creates the entry with this code, or changes it (and offers it again if it was withdrawn).
/// Orders already placed keep the price they were quoted.
pub async fn save_service(
    app: &App,
    user: &Caller,
    path: (Uuid, String),
    body: ServiceTypeInput,
) -> AppResult<ServiceType> {
    let (website, code) = path;
    let who = party(app, user).await?;
    let currency = staff_website(app, &who, website).await?;
    admin_only(&who)?;
    let mut errors = body.validate();
    if !valid_service_code(&code) {
        errors.insert(
            0,
            FieldError::new(
                "code",
                "invalid_code",
                "Use 2 to 40 lower-case letters, digits and _, starting with a letter.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let entry = NewServiceType {
        code: &code,
        name: body.name.trim(),
        description: body.description.trim(),
        price_per_word_minor: body.price_per_word_minor,
        min_words: body.min_words,
        max_words: body.max_words,
        required_level: body.required_level,
        turnarounds: serde_json::to_value(&body.turnarounds).map_err(AppError::internal)?,
    };
    let mut tx = app.db.begin(&who.scope).await?;
    let before = orders::full_catalogue(&mut tx, website)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .map(|r| serde_json::to_value(service_of(&r, &currency)))
        .transpose()
        .map_err(AppError::internal)?;
    let id = orders::upsert_service_type(&mut tx, website, &entry).await?;
    let row = orders::full_catalogue(&mut tx, website)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("service {id} vanished")))?;
    let saved = service_of(&row, &currency);
    let after = serde_json::to_value(&saved).map_err(AppError::internal)?;
    let change = Change::new(before, Some(after));
    audit::record(&mut tx, &who.staff_actor(), website, "catalogue.save", Target::new("service", id), change).await?;
    tx.commit().await?;
    Ok(saved)
}

/// Withdraws the entry: clients no longer see it; orders placed with it are unchanged.
pub async fn withdraw_service(app: &App, user: &Caller, path: (Uuid, String)) -> AppResult<()> {
    let (website, code) = path;
    let who = party(app, user).await?;
    staff_website(app, &who, website).await?;
    admin_only(&who)?;
    let mut tx = app.db.begin(&who.scope).await?;
    if !orders::withdraw_service_type(&mut tx, website, &code).await? {
        return Err(AppError::not_found("service_not_found", "The catalogue has no entry with this code."));
    }
    let change = Change::new(
        Some(serde_json::json!({ "code": code, "active": true })),
        Some(serde_json::json!({ "active": false })),
    );
    let target = Target { kind: "service", id: None };
    audit::record(&mut tx, &who.staff_actor(), website, "catalogue.withdraw", target, change).await?;
    tx.commit().await?;
    Ok(())
}
