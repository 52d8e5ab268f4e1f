use atelier_db::error::KNOWN_CONSTRAINTS;
use atelier_db::{PgPool, Postgres, Scope};
use atelier_types::deployments::DeploymentStatus;
use atelier_types::orders::OrderStatus;
use atelier_types::sites::{AiContentStatus, SiteStatus};
use atelier_types::{Language, Role};

use crate::helpers::{fresh_database, spawn_app};

#[tokio::test]
async fn migrations_apply_to_an_empty_database_and_repeating_them_is_a_no_op() {
    let database = fresh_database().await;
    let pool = atelier_db::connect_owner(&database.owner_url, 2).await.unwrap();
    assert!(atelier_db::applied_migrations(&pool).await.is_err(), "a new database has no migrations table");

    atelier_db::migrate(&pool).await.unwrap();
    let expected = i64::try_from(atelier_db::MIGRATOR.iter().count()).unwrap();
    assert_eq!(atelier_db::applied_migrations(&pool).await.unwrap(), expected);
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables where table_schema = 'public' order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for table in ["refresh_tokens", "staff_websites", "users", "website_domains", "websites", "writer_websites"] {
        assert!(tables.iter().any(|t| t == table), "{table} missing: {tables:?}");
    }

    atelier_db::migrate(&pool).await.unwrap();
    assert_eq!(atelier_db::applied_migrations(&pool).await.unwrap(), expected);
}

/// Every named unique or check rule has a human message, so none can surface as a 500.
#[tokio::test]
async fn every_unique_and_check_constraint_is_mapped_to_a_clean_error() {
    let app = spawn_app().await;
    let names: Vec<String> = sqlx::query_scalar(
        "select conname::text from pg_constraint c join pg_namespace n on n.oid = c.connamespace
         where n.nspname = 'public' and c.contype in ('u', 'c', 'x')
         union
         select i.relname::text from pg_index x join pg_class i on i.oid = x.indexrelid
         join pg_namespace n on n.oid = i.relnamespace
         where n.nspname = 'public' and x.indisunique and not x.indisprimary
           and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
         order by 1",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert!(names.len() > 10, "{names:?}");
    let unmapped: Vec<&String> =
        names.iter().filter(|n| !KNOWN_CONSTRAINTS.iter().any(|k| k.0 == n.as_str())).collect();
    assert!(unmapped.is_empty(), "add these to KNOWN_CONSTRAINTS in crates/db/src/error.rs: {unmapped:?}");
}

/// The statuses and roles rows decode into (sqlx, by the enums' snake_case names) are exactly
/// what the columns' check rules allow: every value the database accepts reads back as its
/// variant, and every variant the server may write is accepted.
#[tokio::test]
async fn every_status_and_role_a_column_allows_decodes_into_its_enum() {
    let app = spawn_app().await;
    agrees(&app.owner, "users_role_known", &Role::ALL, Role::as_str).await;
    agrees(&app.owner, "sites_status_known", &SiteStatus::ALL, SiteStatus::as_str).await;
    agrees(&app.owner, "ai_content_status_known", &AiContentStatus::ALL, AiContentStatus::as_str).await;
    agrees(&app.owner, "deployments_status_known", &DeploymentStatus::ALL, DeploymentStatus::as_str).await;
    agrees(&app.owner, "orders_status_known", &OrderStatus::ALL, OrderStatus::as_str).await;
    agrees(&app.owner, "users_language_known", &Language::ALL, Language::as_str).await;
}

async fn agrees<T>(pool: &PgPool, constraint: &str, all: &[T], name: fn(T) -> &'static str)
where
    T: Copy + PartialEq + std::fmt::Debug + Send + Unpin + sqlx::Type<Postgres> + for<'r> sqlx::Decode<'r, Postgres>,
{
    let mut allowed: Vec<String> = sqlx::query_scalar(
        r"select (regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g'))[1]
          from pg_constraint c where c.conname = $1",
    )
    .bind(constraint)
    .fetch_all(pool)
    .await
    .unwrap();
    allowed.sort();
    let mut written: Vec<String> = all.iter().map(|v| name(*v).to_owned()).collect();
    written.sort();
    assert_eq!(allowed, written, "{constraint} and the enum disagree");
    for value in &allowed {
        let read: T = sqlx::query_scalar("select $1::text").bind(value).fetch_one(pool).await.unwrap();
        assert_eq!(name(read), value, "{constraint}: {value} reads back as {read:?}");
    }
}

#[tokio::test]
async fn a_duplicate_domain_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    let mut tx = app.db.begin(&Scope::everything()).await.unwrap();
    let err = atelier_db::tenants::add_domain(&mut tx, app.demo.globex, "acme.localhost", false).await.unwrap_err();
    drop(tx);
    let atelier_db::DbError::Violation(v) = err else { panic!("expected a violation, got {err:?}") };
    assert_eq!(v.code, "domain_taken");
    let mut tx = app.db.begin(&Scope::none()).await.unwrap();
    let owner = atelier_db::tenants::find_by_host(&mut tx, "acme.localhost").await.unwrap().unwrap();
    assert_eq!(owner.id, app.demo.acme);
}
