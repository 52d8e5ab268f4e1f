//! A client's sites: create (wizard or Mode Rapide), list, read, save a wizard step,
//! preview a page, regenerate or revert a section, delete.
//!
//! Every query is scoped to the host's tenant and the signed-in client: another client's
//! site, of this tenant or another, is a 404 exactly like a site that does not exist.

use atelier_db::Tx;
use atelier_db::sites::{self, AiContentRow, NewAiContent, NewSiteRow, Owner, SiteRow, SiteUpdate};
use atelier_domain::HostScope;
use atelier_domain::content::{Brief, ContentGenerator, SectionKind, sections_for_new_page};
use atelier_types::site::{SITE_CONFIG_VERSION, Section, SiteConfig, upgrade};
use atelier_types::sites::{
    AiContent, AiContentStatus, NewSite, RapideRequest, Regenerated, Site, SiteList, SiteStatus, SiteSummary,
    StepDraft, WizardStep, errors_for_step, find_section, section_changes, slugify,
};
use atelier_types::{FieldError, Role};
use serde_json::Value;
use uuid::Uuid;

use crate::billing::Meter;
use crate::error::validated;
use crate::{App, AppError, AppResult, Caller, Kind};
use atelier_deployer::queue::Request;
use atelier_types::billing::Quota;

use crate::generation::{Written, write_site};

/// The signed-in client on their own tenant's domain; sites belong to clients only.
pub fn owner(user: &Caller) -> AppResult<Owner> {
    match (user.host.scope, user.role, user.tenant_id) {
        (HostScope::Tenant(tenant), Role::Client, Some(own)) if tenant == own => {
            Ok(Owner { website_id: tenant, user_id: user.id })
        }
        _ => Err(AppError::new(
            Kind::Forbidden,
            "clients_only",
            "Sites are built by clients, signed in on their website's own domain.",
        )),
    }
}

pub fn site_not_found() -> AppError {
    AppError::not_found("site_not_found", "You have no site with this id. It may have been deleted.")
}

fn random_seed() -> u64 {
    rand::random()
}

/// The stored config, upgraded to the current version.
pub(crate) fn config_of(row: &SiteRow) -> AppResult<SiteConfig> {
    upgrade(row.config.0.clone())
        .map_err(|e| AppError::internal(anyhow::anyhow!("site {} holds an unreadable config: {e}", row.id)))
}

fn summary_of(app: &App, row: &SiteRow, config: &SiteConfig) -> SiteSummary {
    SiteSummary {
        id: row.id,
        name: row.name.clone(),
        slug: row.slug.clone(),
        status: row.status,
        industry: config.business.industry,
        template: config.template,
        wizard_step: u8::try_from(row.wizard_step).unwrap_or(1),
        url: app.settings.site_url(&row.slug),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn site_of(app: &App, row: &SiteRow) -> AppResult<Site> {
    let config = config_of(row)?;
    Ok(Site { summary: summary_of(app, row, &config), config })
}

pub(crate) fn ai_content_of(row: &AiContentRow) -> AppResult<AiContent> {
    let broken = |what: &str| AppError::internal(anyhow::anyhow!("ai_content {} holds an unreadable {what}", row.id));
    Ok(AiContent {
        id: row.id,
        site_id: row.site_id,
        page_slug: row.page_slug.clone(),
        section_id: row.section_id.clone(),
        generator: row.generator.clone(),
        status: row.status,
        content: serde_json::from_value(row.content.0.clone()).map_err(|_| broken("content"))?,
        previous: match &row.previous {
            Some(p) => Some(serde_json::from_value(p.0.clone()).map_err(|_| broken("previous content"))?),
            None => None,
        },
        created_at: row.created_at,
        review_note: row.review_note.clone(),
    })
}

fn section_json(section: &Section) -> Value {
    serde_json::to_value(&section.content).unwrap_or(Value::Null)
}

/// The queue rows for texts just written into `config`.
fn queue_entries<'a>(config: &'a SiteConfig, written: &'a [Written], seed: u64) -> Vec<NewAiContent<'a>> {
    written
        .iter()
        .filter_map(|w| {
            let (p, s) = find_section(config, &w.section_id)?;
            Some(NewAiContent {
                page_slug: &w.page_slug,
                section_id: &w.section_id,
                generator: &w.generator,
                seed: seed as i64,
                content: section_json(&config.pages[p].sections[s]),
                previous: None,
            })
        })
        .collect()
}

/// Writes the (current-version) config back, with the wizard resuming at `wizard_step`.
pub(crate) async fn save_config(
    tx: &mut Tx,
    owner: Owner,
    row: &SiteRow,
    config: &SiteConfig,
    wizard_step: i16,
) -> AppResult<SiteRow> {
    let json = serde_json::to_value(config).map_err(AppError::internal)?;
    let update = SiteUpdate {
        name: config.business.name.trim(),
        slug: &row.slug,
        config: &json,
        config_version: SITE_CONFIG_VERSION as i32,
        wizard_step,
    };
    sites::update(tx, owner, row.id, &update).await?.ok_or_else(site_not_found)
}

/// Saves a new site under `slug` (the client's choice: taken is a 409) or, without one,
/// under the first free address derived from the name (`name`, `name-2`, …).
async fn insert_site(
    tx: &mut Tx,
    owner: Owner,
    requested: Option<&str>,
    config: &SiteConfig,
    step: WizardStep,
) -> AppResult<SiteRow> {
    let json = serde_json::to_value(config).map_err(AppError::internal)?;
    let row = NewSiteRow {
        name: config.business.name.trim(),
        config: &json,
        config_version: SITE_CONFIG_VERSION as i32,
        wizard_step: i16::from(step.number()),
    };
    if let Some(slug) = requested {
        return sites::insert(tx, owner, slug, &row)
            .await?
            .ok_or_else(|| atelier_db::DbError::constraint("sites_slug_key").into());
    }
    let base = slugify(&config.business.name);
    for n in 1..=20 {
        let slug = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if let Some(site) = sites::insert(tx, owner, &slug, &row).await? {
            return Ok(site);
        }
    }
    // A popular name (slugs are the platform's, not one tenant's): random suffixes, a few
    // times, so that a client who chose no address is never told it is taken.
    for _ in 0..8 {
        let slug = format!("{base}-{:06x}", rand::random::<u32>() & 0xff_ffff);
        if let Some(site) = sites::insert(tx, owner, &slug, &row).await? {
            return Ok(site);
        }
    }
    Err(atelier_db::DbError::constraint("sites_slug_key").into())
}

/// Saves a freshly written site and records its texts in the AI content queue.
pub async fn save_new_site(
    tx: &mut Tx,
    owner: Owner,
    slug: Option<&str>,
    config: &SiteConfig,
    written: &[Written],
    seed: u64,
    step: WizardStep,
) -> AppResult<SiteRow> {
    let row = insert_site(tx, owner, slug, config, step).await?;
    sites::record_generated(tx, &row, &queue_entries(config, written, seed)).await?;
    Ok(row)
}

/// Writes a whole site for the brief, saves it with its AI content queue entries.
/// With `deploy`, the site's first deployment is queued in the same transaction.
async fn create_site(
    app: &App,
    user: &Caller,
    brief: &Brief,
    slug: Option<&str>,
    step: WizardStep,
    deploy: bool,
    name_field: &'static str,
) -> AppResult<Site> {
    let owner = owner(user)?;
    if deploy {
        // Before anything is written: an unconfirmed client loses nothing and costs nothing.
        let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
        crate::accounts::verify::require_verified(&mut tx, user).await?;
        tx.commit().await?;
    }
    // Before the generator is paid for: the plan has room for a site (and for publishing
    // it). The save below checks again under the subscription's lock.
    let mut needs = vec![(Quota::Sites, 1), (Quota::GeneratedPerMonth, 1)];
    if deploy {
        needs.extend([(Quota::LiveSites, 1), (Quota::DeploymentsPerMonth, 1)]);
    }
    crate::billing::precheck(app, owner, &needs, deploy).await?;
    let seed = random_seed();
    let (config, written) = write_site(&app.generator, brief, seed).await;
    // Never a 201 for a site that cannot publish: what was generated is checked first.
    let problems = config.validate();
    if let Some(first) = problems.first() {
        tracing::error!(problems = ?problems, "the generator wrote a site that does not validate");
        let field = if first.field.starts_with("contact.") {
            "email"
        } else if first.field.starts_with("branding.") {
            "primary_color"
        } else if first.field == "business.description" {
            "description"
        } else {
            name_field
        };
        return Err(AppError::validation(vec![FieldError::new(
            field,
            "cannot_publish",
            format!("A site made from this would not publish ({}); shorten or change it.", first.message),
        )]));
    }
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let meter = Meter::lock(&mut tx, owner).await?;
    let generated = i64::try_from(written.len()).unwrap_or(i64::MAX);
    meter.need_all(&mut tx, &[(Quota::Sites, 1), (Quota::GeneratedPerMonth, generated)]).await?;
    meter.record(&mut tx, Quota::GeneratedPerMonth, generated).await?;
    let row = save_new_site(&mut tx, owner, slug, &config, &written, seed, step).await?;
    tracing::info!(site.id = %row.id, site.slug = %row.slug, sections = written.len(), "site created");
    if deploy {
        crate::deployments::deploy_site(app, tx, &row, Request::Deploy, user, &crate::deployments::SiteActor::Owner)
            .await?;
        // Read again: queueing changed its status.
        let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
        let row = sites::find(&mut tx, owner, row.id, false).await?.ok_or_else(site_not_found)?;
        tx.commit().await?;
        return site_of(app, &row);
    }
    tx.commit().await?;
    site_of(app, &row)
}

/// Starts a site from step 1 of the wizard. It begins with content written for its
/// industry (recorded in the AI content queue), which the next steps shape.
pub async fn create(app: &App, user: &Caller, body: NewSite) -> AppResult<Site> {
    // Clients only, before anything about the body is said.
    owner(user)?;
    validated(&body)?;
    let brief = Brief {
        business_name: body.name.trim().to_owned(),
        industry: body.industry,
        description: body.description.trim().to_owned(),
        language: body.language,
        primary_color: None,
        email: None,
    };
    create_site(app, user, &brief, body.slug.as_deref(), WizardStep::Business, false, "name").await
}

/// Mode Rapide: one form → a complete site (template for the industry, every page
/// written), saved, and its first deployment queued, in one call.
pub async fn rapide(app: &App, user: &Caller, body: RapideRequest) -> AppResult<Site> {
    // Clients only, before anything about the body is said.
    owner(user)?;
    validated(&body)?;
    let brief = Brief {
        business_name: body.business_name.trim().to_owned(),
        industry: body.industry,
        description: body.description.trim().to_owned(),
        language: body.language,
        primary_color: body.primary_color.filter(|c| !c.is_empty()),
        email: body.email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
    };
    create_site(app, user, &brief, None, WizardStep::Review, true, "business_name").await
}

/// The client's sites, newest first.
pub async fn list(app: &App, user: &Caller, page: Option<u32>, per_page: Option<u32>) -> AppResult<SiteList> {
    let owner = owner(user)?;
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(20);
    let mut errors = Vec::new();
    if page == 0 {
        errors.push(FieldError::new("page", "out_of_range", "Pages are numbered from 1."));
    }
    if !(1..=100).contains(&per_page) {
        errors.push(FieldError::new("per_page", "out_of_range", "Ask for 1 to 100 sites per page."));
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let (rows, total) =
        sites::list(&mut tx, owner, i64::from(per_page), i64::from(page - 1) * i64::from(per_page)).await?;
    tx.commit().await?;
    let items =
        rows.iter().map(|row| Ok(summary_of(app, row, &config_of(row)?))).collect::<AppResult<Vec<SiteSummary>>>()?;
    Ok(SiteList { items, page, per_page, total: u64::try_from(total).unwrap_or(0) })
}

/// One site with its whole config.
pub async fn get_site(app: &App, user: &Caller, id: Uuid) -> AppResult<Site> {
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, false).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    site_of(app, &row)
}

/// Deletes the site and everything written for it; a published site is stopped first.
pub async fn delete_site(app: &App, user: &Caller, id: Uuid) -> AppResult<()> {
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let site = sites::find(&mut tx, owner, id, true).await?.ok_or_else(site_not_found)?;
    // Everything it held goes: instances, ports (with the rows), builds.
    let published = site.live_deployment_id.is_some() || site.status != SiteStatus::Draft;
    if published {
        let deployer = app.deployer.clone().ok_or_else(|| {
            AppError::unavailable("The site runtime", anyhow::anyhow!("no deployer on this server to stop the site"))
        })?;
        deployer.stop_site(site.id, &site.slug).await.map_err(AppError::internal)?;
        deployer.remove_builds(site.id).await;
    }
    if !sites::delete(&mut tx, owner, site.id).await? {
        return Err(site_not_found());
    }
    tx.commit().await?;
    Ok(())
}

/// Writes generated sections into the pages the pages step just added.
async fn fill_new_pages(
    app: &App,
    config: &mut SiteConfig,
    old_slugs: &[String],
    seed: u64,
) -> AppResult<Vec<Written>> {
    let brief = Brief::of_site(config);
    let label = app.generator.label();
    let mut written = Vec::new();
    for p in 0..config.pages.len() {
        let page = &config.pages[p];
        if old_slugs.contains(&page.slug) || !page.sections.is_empty() {
            continue;
        }
        let (kind, slug) = (page.kind, page.slug.clone());
        for (id, section_kind) in sections_for_new_page(config, kind, &slug) {
            let content = app.generator.section(&brief, section_kind, seed).await.map_err(generator_failed)?;
            config.pages[p].sections.push(Section { id: id.clone(), content });
            written.push(Written { page_slug: slug.clone(), section_id: id, generator: label.clone() });
        }
    }
    Ok(written)
}

fn generator_failed(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        Kind::Upstream,
        "generator_unavailable",
        format!("The content generator could not write this section ({e}). Nothing was changed; try again."),
    )
}

/// Saves one wizard step: that step's part of the config, checked with the same rules the
/// wizard runs. Other steps' parts are untouched. The site resumes at this step.
pub async fn save_step(app: &App, user: &Caller, path: (Uuid, WizardStep), body: Value) -> AppResult<Site> {
    let owner = owner(user)?;
    let (id, step) = path;
    let mut body = body;
    let Some(fields) = body.as_object_mut() else {
        return Err(AppError::new(Kind::Malformed, "invalid_body", "Send the step's fields as a JSON object."));
    };
    let named = serde_json::to_value(step).map_err(AppError::internal)?;
    if fields.get("step").is_some_and(|s| *s != named) {
        return Err(AppError::validation(vec![FieldError::new(
            "step",
            "step_mismatch",
            format!("This address saves the {named} step; the body names another."),
        )]));
    }
    fields.insert("step".into(), named);
    let draft: StepDraft = serde_json::from_value(body)
        .map_err(|e| AppError::new(Kind::Invalid, "invalid_body", format!("The step's fields do not fit: {e}.")))?;

    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, true).await?.ok_or_else(site_not_found)?;
    let mut config = config_of(&row)?;
    let old_slugs: Vec<String> = config.pages.iter().map(|p| p.slug.clone()).collect();
    let mut errors = draft.apply(&mut config);
    errors.extend(errors_for_step(&config, step));
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let seed = random_seed();
    let adds_pages = step == WizardStep::Pages && config.pages.iter().any(|p| !old_slugs.contains(&p.slug));
    if adds_pages {
        crate::billing::precheck(app, owner, &[(Quota::GeneratedPerMonth, 1)], false).await?;
    }
    let written = if adds_pages { fill_new_pages(app, &mut config, &old_slugs, seed).await? } else { Vec::new() };
    if !written.is_empty() {
        let meter = Meter::lock(&mut tx, owner).await?;
        let generated = i64::try_from(written.len()).unwrap_or(i64::MAX);
        meter.need(&mut tx, Quota::GeneratedPerMonth, generated).await?;
        meter.record(&mut tx, Quota::GeneratedPerMonth, generated).await?;
    }
    let saved = save_config(&mut tx, owner, &row, &config, i16::from(step.number())).await?;
    sites::record_generated(&mut tx, &saved, &queue_entries(&config, &written, seed)).await?;
    tx.commit().await?;
    site_of(app, &saved)
}

/// One page of the saved config as HTML, with its stylesheet inside: the wizard's live
/// preview (`page`: the page's slug, the home page when empty). The HTTP layer serves it
/// with a policy that lets no script run.
pub async fn preview(app: &App, user: &Caller, id: Uuid, page: &str) -> AppResult<String> {
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, false).await?.ok_or_else(site_not_found)?;
    tx.commit().await?;
    let config = config_of(&row)?;
    let html = app.renderer.render_page(&config, &app.settings.site_url(&row.slug), page).map_err(|e| match e {
        atelier_sitegen::RenderError::Invalid(fields) => AppError::validation(fields),
        atelier_sitegen::RenderError::NoSuchPage(slug) => {
            AppError::not_found("page_not_found", format!("The site has no page `{slug}`."))
        }
        other => AppError::internal(other),
    })?;
    Ok(html)
}

/// Writes one section again. Only that section changes; the answer shows the difference
/// word by word, and the new text waits in the AI content queue (revert puts the old
/// text back).
pub async fn regenerate_section(app: &App, user: &Caller, id: Uuid, section_id: String) -> AppResult<Regenerated> {
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, true).await?.ok_or_else(site_not_found)?;
    let mut config = config_of(&row)?;
    let (p, s) = find_section(&config, &section_id)
        .ok_or_else(|| AppError::not_found("section_not_found", "The site has no section with this id."))?;
    let before = config.pages[p].sections[s].content.clone();
    let kind = SectionKind::of(&before).ok_or_else(|| {
        AppError::new(
            Kind::Invalid,
            "not_generated",
            "A gallery shows your own images; there is no text to write. Edit it in the media step.",
        )
    })?;
    crate::billing::precheck(app, owner, &[(Quota::GeneratedPerMonth, 1)], false).await?;
    let seed = random_seed();
    let after = app.generator.section(&Brief::of_site(&config), kind, seed).await.map_err(generator_failed)?;
    let meter = Meter::lock(&mut tx, owner).await?;
    meter.need(&mut tx, Quota::GeneratedPerMonth, 1).await?;
    meter.record(&mut tx, Quota::GeneratedPerMonth, 1).await?;
    config.pages[p].sections[s].content = after.clone();
    let problems = errors_for_step(&config, WizardStep::Content);
    if let Some(problem) = problems.first() {
        return Err(generator_failed(format!("it wrote text this site cannot use: {}", problem.message)));
    }
    let saved = save_config(&mut tx, owner, &row, &config, row.wizard_step).await?;
    sites::supersede_pending_of_section(&mut tx, &saved, &section_id).await?;
    let entry = NewAiContent {
        page_slug: &config.pages[p].slug,
        section_id: &section_id,
        generator: &app.generator.label(),
        seed: seed as i64,
        content: serde_json::to_value(&after).map_err(AppError::internal)?,
        previous: Some(serde_json::to_value(&before).map_err(AppError::internal)?),
    };
    let recorded = sites::record_generated(&mut tx, &saved, std::slice::from_ref(&entry)).await?;
    tx.commit().await?;
    let entry = recorded.first().ok_or_else(|| AppError::internal(anyhow::anyhow!("queue entry not recorded")))?;
    Ok(Regenerated {
        entry: ai_content_of(entry)?,
        changes: section_changes(&before, &after),
        site: site_of(app, &saved)?,
    })
}

/// The site's generated texts, newest first, with their review status.
pub async fn ai_content(app: &App, user: &Caller, id: Uuid) -> AppResult<Vec<AiContent>> {
    let owner = owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, false).await?.ok_or_else(site_not_found)?;
    let entries = sites::ai_content_of_site(&mut tx, &row).await?;
    tx.commit().await?;
    entries.iter().map(ai_content_of).collect::<AppResult<Vec<_>>>()
}

/// Puts back the text a regeneration replaced. Refused when the section has changed
/// since (edited, or regenerated again): reverting then would lose that newer text.
pub async fn revert_ai_content(app: &App, user: &Caller, path: (Uuid, Uuid)) -> AppResult<Site> {
    let owner = owner(user)?;
    let (id, entry_id) = path;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(user.id)).await?;
    let row = sites::find(&mut tx, owner, id, true).await?.ok_or_else(site_not_found)?;
    let entry = sites::find_ai_content(&mut tx, &row, entry_id)
        .await?
        .ok_or_else(|| AppError::not_found("entry_not_found", "This site has no generated text with this id."))?;
    let entry = ai_content_of(&entry)?;
    let Some(previous) = entry.previous else {
        return Err(AppError::new(
            Kind::Conflict,
            "nothing_to_revert",
            "This text came with the page; there is no earlier version to go back to.",
        ));
    };
    let mut config = config_of(&row)?;
    let current = find_section(&config, &entry.section_id).map(|(p, s)| &mut config.pages[p].sections[s].content);
    match current {
        Some(content) if *content == entry.content && entry.status != AiContentStatus::Reverted => *content = previous,
        _ => {
            return Err(AppError::new(
                Kind::Conflict,
                "section_changed",
                "The section has changed since this text was written (edited, regenerated or already reverted); \
                 reverting it would lose the newer text.",
            ));
        }
    }
    let saved = save_config(&mut tx, owner, &row, &config, row.wizard_step).await?;
    sites::set_ai_content_status(&mut tx, entry.id, AiContentStatus::Reverted).await?;
    tx.commit().await?;
    site_of(app, &saved)
}
