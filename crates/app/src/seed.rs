//! The demo the README names: two branded tenants and one account of every kind.
//! Idempotent: re-running it resets the demo accounts' names and passwords.

use anyhow::Context;
use atelier_db::order_work;
use atelier_db::orders::{self, NewOrderRow, NewServiceType};
use atelier_db::sites::Owner;
use atelier_db::tenants::{self, NewTenant};
use atelier_db::users::{self, NewUser};
use atelier_db::{Db, Scope, Tx, assignments};
use atelier_domain::content::{Brief, OfflineGenerator};
use atelier_domain::orders::{Actor, OrderEvent};
use atelier_types::Role;
use atelier_types::site::{Industry, SiteLanguage};
use atelier_types::sites::WizardStep;
use secrecy::SecretString;
use uuid::Uuid;

use atelier_deployer::RuntimeKind;
use atelier_deployer::queue::{Request, enqueue};

use crate::accounts::password;
use crate::generation::{Generator, write_site};
use crate::orders::{Mover, Refused, apply_event};

pub const DEFAULT_DEMO_PASSWORD: &str = "atelier-demo-2026";

#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    /// Where this account signs in.
    pub host: String,
    pub note: &'static str,
}

#[derive(Debug, Clone)]
pub struct Demo {
    pub acme: Uuid,
    pub globex: Uuid,
    pub accounts: Vec<DemoAccount>,
}

struct Brand {
    slug: &'static str,
    name: &'static str,
    host: &'static str,
    color: &'static str,
    contact: &'static str,
    currency: &'static str,
}

const ACME: Brand = Brand {
    slug: "acme",
    name: "Acme Sites",
    host: "acme.localhost",
    color: "#e11d48",
    contact: "hello@acme.example",
    currency: "EUR",
};
const GLOBEX: Brand = Brand {
    slug: "globex",
    name: "Globex Web Studio",
    host: "globex.localhost",
    color: "#0d9488",
    contact: "support@globex.example",
    currency: "USD",
};

/// (email, display name, role, client of / assigned to)
enum Home {
    ClientOf(usize),
    Assigned(&'static [usize]),
    Everywhere,
}

const PEOPLE: &[(&str, &str, Role, Home, &str)] = &[
    ("client@acme.example", "Alice Martin", Role::Client, Home::ClientOf(0), "Acme client"),
    ("client@globex.example", "Gabriel Roux", Role::Client, Home::ClientOf(1), "Globex client"),
    ("friend@acme.example", "Bruno Petit", Role::Client, Home::ClientOf(0), "Acme client Alice referred"),
    ("friend@globex.example", "Gina Lefort", Role::Client, Home::ClientOf(1), "Globex client Gabriel referred"),
    ("writer@atelier.example", "Wendy Writer", Role::Writer, Home::Assigned(&[0, 1]), "writer, Acme + Globex"),
    ("writer.acme@atelier.example", "Will Acme", Role::Writer, Home::Assigned(&[0]), "writer, Acme only"),
    ("admin@acme.example", "Ada Admin", Role::Admin, Home::Assigned(&[0]), "admin of Acme"),
    ("admin@globex.example", "Gus Admin", Role::Admin, Home::Assigned(&[1]), "admin of Globex"),
    ("editor@atelier.example", "Eddie Editor", Role::Editor, Home::Assigned(&[0, 1]), "editor, Acme + Globex"),
    ("support@atelier.example", "Sam Support", Role::Support, Home::Assigned(&[0, 1]), "support, Acme + Globex"),
    ("superadmin@atelier.example", "Sue Superadmin", Role::Superadmin, Home::Everywhere, "superadmin"),
];

/// Every tenant's starting catalogue: (code, name, description, price per word in minor
/// units, min words, max words, level).
const CATALOGUE: &[(&str, &str, &str, i32, i32, i32, i16)] = &[
    ("page_copy", "Page copy", "The text of one page of your site.", 8, 150, 1500, 1),
    ("blog_article", "Blog article", "An article for your news or blog page.", 10, 400, 3000, 2),
    ("seo_page", "SEO page", "A page written to be found for a chosen search phrase.", 14, 500, 2500, 3),
    (
        "product_descriptions",
        "Product descriptions",
        "Short descriptions of your products or services.",
        9,
        100,
        2000,
        1,
    ),
];

async fn demo_catalogue(tx: &mut atelier_db::Tx, website_id: Uuid) -> anyhow::Result<()> {
    let turnarounds = serde_json::json!([
        { "days": 7, "multiplier_pct": 100 },
        { "days": 3, "multiplier_pct": 135 },
        { "days": 1, "multiplier_pct": 175 },
    ]);
    for &(code, name, description, price, min_words, max_words, level) in CATALOGUE {
        let entry = NewServiceType {
            code,
            name,
            description,
            price_per_word_minor: price,
            min_words,
            max_words,
            required_level: level,
            turnarounds: turnarounds.clone(),
        };
        orders::upsert_service_type(tx, website_id, &entry).await?;
    }
    Ok(())
}

/// The text the demo writer delivered.
const DEMO_TEXT: &str = "# Welcome\n\nEvery morning since 1962 our ovens have been lit before the street wakes up. \
We bake with flour from the mill down the valley, butter from the farm next door and a great deal of patience.\n\n\
Come in, say hello, and take home something still warm.";

/// Per client, unless they have orders already: one open order (placed and paid), and one
/// the demo writer completed (so the writer has earnings).
async fn demo_orders(
    tx: &mut atelier_db::Tx,
    files: &dyn crate::files::FileStore,
    owner: Owner,
    writer: Uuid,
    currency: &str,
) -> anyhow::Result<()> {
    if !orders::of_client(tx, owner.website_id, owner.user_id).await?.is_empty() {
        return Ok(());
    }
    let service = orders::catalogue(tx, owner.website_id)
        .await?
        .into_iter()
        .find(|s| s.code == "page_copy")
        .ok_or_else(|| anyhow::anyhow!("the demo catalogue has no page copy"))?;
    let place = |title: &'static str, words: i32| NewOrderRow {
        website_id: owner.website_id,
        client_id: owner.user_id,
        service_type_id: service.id,
        title,
        brief: "Three paragraphs, warm and plain.",
        words,
        turnaround_days: 7,
        price_minor: atelier_domain::orders::quote(words, service.price_per_word_minor, 100),
        currency,
        required_level: service.required_level,
        site_id: None,
        section_id: None,
        package_id: None,
    };
    // Through the same `apply_event` as every other move: the state machine, the timeline,
    // the delivered text, the writer credited and the domain events.
    let client = Mover { actor: Actor::Client, user: Some(owner.user_id), level: None, staff: None, note: None };
    let system = Mover { actor: Actor::System, user: None, level: None, staff: None, note: None };
    let by_writer = Mover { actor: Actor::Writer, user: Some(writer), level: Some(i16::MAX), staff: None, note: None };
    let editor = Mover { actor: Actor::Editor, user: None, level: None, staff: None, note: None };
    let paid = [(OrderEvent::Place, &client), (OrderEvent::ConfirmPayment, &system)];
    let worked = [
        (OrderEvent::Claim, &by_writer),
        (OrderEvent::SubmitText, &by_writer),
        (OrderEvent::StartReview, &editor),
        (OrderEvent::Approve, &editor),
        (OrderEvent::Accept, &client),
    ];
    let open = orders::insert(tx, &place("About page: our story", 300)).await?;
    let done = orders::insert(tx, &place("Home page introduction", 200)).await?;
    for (id, steps) in [(open, &paid[..]), (done, &paid[..]), (done, &worked[..])] {
        for &(event, mover) in steps {
            let order = orders::find(tx, id).await?.ok_or_else(|| anyhow::anyhow!("a demo order vanished"))?;
            let moved = match apply_event(tx, mover, &order, event, None).await {
                Ok(moved) => moved,
                Err(Refused::Error(e)) => return Err(anyhow::Error::new(e).context("moving a demo order")),
                Err(Refused::Raced) => anyhow::bail!("a demo order moved under the seed"),
            };
            if event == OrderEvent::Claim {
                let words = atelier_types::markdown::word_count(DEMO_TEXT) as i32;
                order_work::save_draft(tx, &moved, writer, DEMO_TEXT, words).await?;
            }
        }
    }
    let waiting = orders::find(tx, open).await?.ok_or_else(|| anyhow::anyhow!("a demo order vanished"))?;
    let hello = orders::NewMessage {
        order: &waiting,
        author_id: owner.user_id,
        author_role: "client",
        author_name: "Client",
        body: "Our story starts with my grandmother's bakery in 1962; happy to share photos.",
    };
    let message = orders::add_message(tx, &hello).await?;
    // The client's notes, as a file on the conversation.
    let notes = b"Founded 1962 by Marthe.\nWood-fired oven since 1978.\nOpen 6:30-19:30, closed Mondays.\n";
    let key = format!("{}/{}", waiting.id.simple(), Uuid::new_v4().simple());
    files.put(&key, notes)?;
    let attachment = order_work::NewAttachment {
        order: &waiting,
        message_id: message.id,
        file_name: "our-history.txt",
        content_type: "text/plain; charset=utf-8",
        size_bytes: notes.len() as i64,
        storage_key: &key,
    };
    order_work::add_attachment(tx, &attachment).await?;
    // The completed order is credited, and was paid out (an approved request).
    let completed = orders::find(tx, done).await?.ok_or_else(|| anyhow::anyhow!("a demo order vanished"))?;
    // (`apply_event` credited the writer when the client accepted.)
    let earning = atelier_domain::orders::writer_earning(completed.price_minor);
    let payout = order_work::request_payout(tx, owner.website_id, writer, earning, currency).await?;
    order_work::decide_payout(tx, payout, true, None, None).await?;
    // A gesture on the completed order's invoice: a credit note, back to the balance.
    if let Some(invoice) = atelier_db::billing::invoice_of_order(tx, done).await? {
        crate::billing::invoices::credit(tx, &invoice, 100, "A day late: our apologies", true, None)
            .await
            .map_err(|e| anyhow::anyhow!("seeding a credit note: {e}"))?;
    }
    Ok(())
}

/// (slug, business, industry, language, a sentence about it): one finished site per client.
const DEMO_SITES: [(&str, &str, Industry, SiteLanguage, &str); 2] = [
    ("le-petit-four", "Le Petit Four", Industry::Bakery, SiteLanguage::Fr, "Boulangerie de quartier depuis 1998."),
    ("northwind-fitness", "Northwind Fitness", Industry::Fitness, SiteLanguage::En, "Strength classes for every age."),
];

/// The client's demo site, written by the offline generator, unless it exists already.
async fn demo_site(
    tx: &mut atelier_db::Tx,
    owner: Owner,
    &(slug, name, industry, language, about): &(&str, &str, Industry, SiteLanguage, &str),
) -> anyhow::Result<()> {
    if atelier_db::sites::slug_exists(tx, slug).await? {
        return Ok(());
    }
    let brief = Brief {
        business_name: name.into(),
        industry,
        description: about.into(),
        language,
        primary_color: None,
        email: None,
    };
    let seed = 2026;
    let (config, written) = write_site(&Generator::Offline(OfflineGenerator), &brief, seed).await;
    let site = crate::sites::save_new_site(tx, owner, Some(slug), &config, &written, seed, WizardStep::Review)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo site {slug}: {e}"))?;
    // The first worker to start publishes it.
    enqueue(tx, &site, Request::Deploy, RuntimeKind::Process, None, "the demo seed").await?;
    demo_billing(tx, owner, written.len() as i64)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo billing: {e}"))?;
    Ok(())
}

/// The client's billing, as a first visit shows it: the free plan and a paid one offered,
/// the site's generated sections and deployment metered, a welcome credit on the balance,
/// and part of a paid order's invoice refunded to it (a credit note).
async fn demo_billing(tx: &mut Tx, owner: Owner, generated: i64) -> crate::AppResult<()> {
    use atelier_db::billing as db;
    use atelier_types::billing::{Limits, Quota};
    let meter = crate::billing::Meter::lock(tx, owner).await?;
    if !db::plans(tx, owner.website_id).await?.iter().any(|p| p.code == "pro") {
        let limits = Limits {
            sites: Some(50),
            live_sites: Some(20),
            deployments_per_month: Some(1000),
            storage_bytes: Some(5 * 1024 * 1024 * 1024),
            custom_domains: Some(5),
            generated_per_month: Some(10_000),
        };
        let pro = db::PlanFields { code: "pro", name: "Pro", price_minor: 1900, active: true, limits };
        db::insert_plan(tx, owner.website_id, &pro).await?;
    }
    meter.record(tx, Quota::GeneratedPerMonth, generated).await?;
    meter.record(tx, Quota::DeploymentsPerMonth, 1).await?;
    let welcome = db::NewBalanceEntry {
        tenant: owner.website_id,
        customer: owner.user_id,
        kind: "topup",
        amount_minor: 2000,
        invoice_id: None,
        note: "Welcome credit",
        created_by: None,
    };
    db::add_balance(tx, &welcome).await?;
    Ok(())
}

/// Once per tenant: a promo code, a content package whose first period is billed with the
/// code taken off, and the client's friend registered with their referral code.
async fn demo_promotions(tx: &mut Tx, owner: Owner, friend: Uuid) -> anyhow::Result<()> {
    use atelier_db::promotions as p;
    use atelier_types::billing::{NewPackage, PromoKind, Redeem};
    if !p::promos(tx, owner.website_id).await?.is_empty() {
        return Ok(());
    }
    let launch = p::PromoFields {
        code: "LAUNCH15",
        kind: PromoKind::Percent,
        value: 1500,
        starts_at: None,
        ends_at: None,
        max_redemptions: Some(100),
        per_customer: 1,
        plan_ids: &[],
        service_ids: &[],
        first_purchase_only: false,
        active: true,
    };
    p::insert_promo(tx, owner.website_id, &launch).await?;
    let blog = orders::catalogue(tx, owner.website_id)
        .await?
        .into_iter()
        .find(|s| s.code == "blog_article")
        .ok_or_else(|| anyhow::anyhow!("the demo catalogue has no blog article"))?;
    let package = NewPackage {
        title: "Monthly blog articles".into(),
        brief: "Seasonal news from the shop, in our voice.".into(),
        service_type_id: blog.id,
        site_id: None,
        words: 600,
        turnaround_days: 7,
        per_period: 2,
    };
    let why = |e: crate::AppError| anyhow::anyhow!("seeding the demo package: {e}");
    let started = crate::billing::packages::start_package(tx, owner, &package).await.map_err(why)?;
    let invoice = atelier_db::billing::invoices_of(tx, owner.user_id)
        .await?
        .into_iter()
        .find(|i| i.package_id == Some(started.id))
        .ok_or_else(|| anyhow::anyhow!("the demo package has no invoice"))?;
    let redeem = Redeem { promo_code: Some("LAUNCH15".into()), points: None };
    crate::billing::promotions::apply(tx, owner, invoice.id, &redeem).await.map_err(why)?;
    crate::billing::Meter::lock(tx, owner).await.map_err(why)?;
    p::insert_referral(tx, owner.website_id, owner.user_id, friend).await?;
    Ok(())
}

/// The demo's clients get their welcome mail once (the mail folder then shows each brand's
/// mail to whoever tries the platform).
async fn welcome(tx: &mut Tx, tenant_id: Uuid, client: &users::User, platform_domain: &str) -> anyhow::Result<()> {
    if atelier_db::mail::has_had(tx, &client.email, "welcome").await? {
        return Ok(());
    }
    let tenant = tenants::find_by_id(tx, tenant_id).await?.context("the demo tenant")?;
    let brand = crate::mail::Brand::tenant(&tenant, "", &format!("no-reply@{platform_domain}"));
    let rendered = crate::mail::templates::welcome(&brand, client.language, &client.display_name);
    crate::mail::enqueue(tx, &brand, "welcome", &client.email, &rendered).await
}

pub async fn demo(
    db: &Db,
    files: &dyn crate::files::FileStore,
    demo_password: SecretString,
    platform_domain: &str,
) -> anyhow::Result<Demo> {
    // Everyone shares the demo password: hash it once.
    let hash = password::hash(demo_password).await?;
    // An operator command: it creates tenants and platform accounts alike.
    let mut tx = db.begin(&Scope::everything()).await?;
    let mut tenant_ids = Vec::new();
    for brand in [ACME, GLOBEX] {
        let id = tenants::upsert(
            &mut tx,
            &NewTenant {
                slug: brand.slug,
                name: brand.name,
                logo_url: None,
                theme_color: brand.color,
                contact_email: brand.contact,
                currency: brand.currency,
            },
        )
        .await?;
        tenants::add_domain(&mut tx, id, brand.host, true).await?;
        tenant_ids.push(id);
    }

    for id in &tenant_ids {
        demo_catalogue(&mut tx, *id).await?;
    }
    let writers = format!("writers.{platform_domain}");
    let staff = format!("staff.{platform_domain}");
    let mut accounts = Vec::new();
    for (email, name, role, home, note) in PEOPLE {
        let new =
            NewUser { website_id: None, role: *role, email, display_name: name, password_hash: &hash, verified: true };
        let host = match home {
            Home::ClientOf(i) => {
                let client = users::upsert(&mut tx, &NewUser { website_id: Some(tenant_ids[*i]), ..new }).await?;
                welcome(&mut tx, tenant_ids[*i], &client, platform_domain).await?;
                let owner = Owner { website_id: tenant_ids[*i], user_id: client.id };
                demo_site(&mut tx, owner, &DEMO_SITES[*i]).await?;
                [ACME.host, GLOBEX.host][*i].to_owned()
            }
            Home::Assigned(tenants) => {
                let user = users::upsert(&mut tx, &new).await?;
                if *role == Role::Writer {
                    // The writer of both tenants is experienced; the Acme-only one starts out.
                    let level = if tenants.len() > 1 { 3 } else { 1 };
                    orders::set_writer_level(&mut tx, user.id, level).await?;
                }
                for i in *tenants {
                    if *role == Role::Writer {
                        assignments::assign_writer(&mut tx, user.id, tenant_ids[*i]).await?;
                    } else {
                        assignments::assign_staff(&mut tx, user.id, tenant_ids[*i]).await?;
                    }
                }
                if *role == Role::Writer { writers.clone() } else { staff.clone() }
            }
            Home::Everywhere => {
                users::upsert(&mut tx, &new).await?;
                staff.clone()
            }
        };
        accounts.push(DemoAccount { email, role: *role, host, note });
    }
    // Orders need the clients and the writer: after everyone exists.
    let writer = users::find_platform_user(&mut tx, "writer@atelier.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo writer is missing"))?;
    for (i, tenant) in tenant_ids.iter().enumerate() {
        let email = ["client@acme.example", "client@globex.example"][i];
        let client =
            users::find_client(&mut tx, *tenant, email).await?.ok_or_else(|| anyhow::anyhow!("{email} is missing"))?;
        let owner = Owner { website_id: *tenant, user_id: client.id };
        demo_orders(&mut tx, files, owner, writer.id, [ACME.currency, GLOBEX.currency][i]).await?;
        let friend = ["friend@acme.example", "friend@globex.example"][i];
        let friend = users::find_client(&mut tx, *tenant, friend)
            .await?
            .ok_or_else(|| anyhow::anyhow!("{friend} is missing"))?;
        demo_promotions(&mut tx, owner, friend.id).await?;
        // The audit log starts with the website's creation (once).
        if atelier_db::staff::audit(&mut tx, Some(&[*tenant]), 1).await?.is_empty() {
            let entry = atelier_db::staff::AuditEntry {
                website_id: *tenant,
                actor_id: None,
                actor_name: "atelier seed",
                actor_role: "system",
                action: "tenant.create",
                target_type: "tenant",
                target_id: Some(*tenant),
                before: None,
                after: Some(serde_json::json!({ "slug": ([ACME.slug, GLOBEX.slug][i]) })),
            };
            atelier_db::staff::record(&mut tx, &entry).await?;
        }
    }
    // The demo's history is not news: nobody is notified of it.
    atelier_db::notifications::skip_to_latest(&mut tx, crate::notifications::SUBSCRIBER).await?;
    tx.commit().await?;
    Ok(Demo { acme: tenant_ids[0], globex: tenant_ids[1], accounts })
}
