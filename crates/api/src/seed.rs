//! The demo the README names: two branded tenants and one account of every kind.
//! Idempotent: re-running it resets the demo accounts' names and passwords.

use atelier_db::sites::Owner;
use atelier_db::tenants::{self, NewTenant};
use atelier_db::users::{self, NewUser};
use atelier_db::{Db, Scope, assignments};
use atelier_domain::content::{Brief, OfflineGenerator};
use atelier_types::Role;
use atelier_types::site::{Industry, SiteLanguage};
use atelier_types::sites::WizardStep;
use secrecy::SecretString;
use uuid::Uuid;

use atelier_deployer::RuntimeKind;
use atelier_deployer::queue::{Request, enqueue};

use crate::auth::password;
use crate::generation::{Generator, write_site};

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
    ("writer@atelier.example", "Wendy Writer", Role::Writer, Home::Assigned(&[0, 1]), "writer, Acme + Globex"),
    ("writer.acme@atelier.example", "Will Acme", Role::Writer, Home::Assigned(&[0]), "writer, Acme only"),
    ("admin@acme.example", "Ada Admin", Role::Admin, Home::Assigned(&[0]), "admin of Acme"),
    ("admin@globex.example", "Gus Admin", Role::Admin, Home::Assigned(&[1]), "admin of Globex"),
    ("editor@atelier.example", "Eddie Editor", Role::Editor, Home::Assigned(&[0, 1]), "editor, Acme + Globex"),
    ("support@atelier.example", "Sam Support", Role::Support, Home::Assigned(&[0, 1]), "support, Acme + Globex"),
    ("superadmin@atelier.example", "Sue Superadmin", Role::Superadmin, Home::Everywhere, "superadmin"),
];

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
    let site = crate::routes::sites::save_new_site(tx, owner, Some(slug), &config, &written, seed, WizardStep::Review)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo site {slug}: {e}"))?;
    // The first worker to start publishes it.
    enqueue(tx, &site, Request::Deploy, RuntimeKind::Process, None, "the demo seed").await?;
    Ok(())
}

pub async fn demo(db: &Db, demo_password: SecretString, platform_domain: &str) -> anyhow::Result<Demo> {
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

    let writers = format!("writers.{platform_domain}");
    let staff = format!("staff.{platform_domain}");
    let mut accounts = Vec::new();
    for (email, name, role, home, note) in PEOPLE {
        let new = NewUser { website_id: None, role: *role, email, display_name: name, password_hash: &hash };
        let host = match home {
            Home::ClientOf(i) => {
                let client = users::upsert(&mut tx, &NewUser { website_id: Some(tenant_ids[*i]), ..new }).await?;
                let owner = Owner { website_id: tenant_ids[*i], user_id: client.id };
                demo_site(&mut tx, owner, &DEMO_SITES[*i]).await?;
                [ACME.host, GLOBEX.host][*i].to_owned()
            }
            Home::Assigned(tenants) => {
                let user = users::upsert(&mut tx, &new).await?;
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
    tx.commit().await?;
    Ok(Demo { acme: tenant_ids[0], globex: tenant_ids[1], accounts })
}
