//! Tenant isolation enforced by PostgreSQL itself (row-level security). The tenant tables
//! are read from the catalog, so a table added later is covered by every test here.

use std::collections::HashMap;

use atelier_db::{Db, RoleError, Scope};
use serde_json::Value;
use sqlx::{AssertSqlSafe, PgPool};
use uuid::Uuid;

use crate::helpers::{TestApp, env, spawn_app, spawn_app_with, status_and_json};

/// Tenant tables that are readable without a scope on purpose (documented in the migration
/// and in docs/tenant-isolation.md). Writing to them still needs a scope.
const PUBLICLY_READABLE: &[&str] = &["website_domains"];

/// Every table of the public schema with a `website_id` column, already quoted.
async fn tenant_tables(owner: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select quote_ident(c.relname::text) from pg_class c
         join pg_attribute a on a.attrelid = c.oid and a.attname = 'website_id' and not a.attisdropped
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
         order by 1",
    )
    .fetch_all(owner)
    .await
    .unwrap()
}

/// (rows of `tenant`, rows of any other tenant) in `table`, as `scope` sees them. The
/// query deliberately has no `website_id` filter of its own.
async fn visible(db: &Db, scope: &Scope, table: &str, tenant: Uuid) -> (i64, i64) {
    let mut tx = db.begin(scope).await.unwrap();
    let sql = format!(
        "select count(*) filter (where website_id = $1), count(*) filter (where website_id is distinct from $1) from {table}"
    );
    let counts = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant).fetch_one(tx.conn()).await.unwrap();
    tx.commit().await.unwrap();
    counts
}

async fn owner_counts(app: &TestApp, table: &str, tenant: Uuid) -> i64 {
    let sql = format!("select count(*) from {table} where website_id = $1");
    sqlx::query_scalar(AssertSqlSafe(sql)).bind(tenant).fetch_one(&app.owner).await.unwrap()
}

#[tokio::test]
async fn every_tenant_table_has_forced_row_level_security_and_a_policy() {
    let app = spawn_app().await;
    let rows: Vec<(String, bool, bool, i64)> = sqlx::query_as(
        "select c.relname::text, c.relrowsecurity, c.relforcerowsecurity,
                (select count(*) from pg_policy p where p.polrelid = c.oid)
         from pg_class c
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
           and (exists (select 1 from pg_attribute a where a.attrelid = c.oid
                        and a.attname = 'website_id' and not a.attisdropped)
                or c.relname = 'websites')
         order by 1",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert!(rows.len() >= 5, "{rows:?}");
    let unprotected: Vec<&String> = rows
        .iter()
        .filter(|(_, enabled, forced, policies)| !enabled || !forced || *policies == 0)
        .map(|r| &r.0)
        .collect();
    assert!(
        unprotected.is_empty(),
        "tables without forced row-level security and a policy (call app_protect_tenant_table in the migration): {unprotected:?}"
    );
}

#[tokio::test]
async fn the_application_role_can_bypass_nothing_and_a_superuser_is_refused() {
    let app = spawn_app().await;
    let mut tx = app.db.begin(&Scope::none()).await.unwrap();
    let (name, superuser, bypass): (String, bool, bool) =
        sqlx::query_as("select current_user::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
            .fetch_one(tx.conn())
            .await
            .unwrap();
    assert_eq!((name.as_str(), superuser, bypass), ("atelier_app", false, false));
    drop(tx);

    let superuser_url = env("ATELIER_TEST_DATABASE_URL");
    match Db::connect(&superuser_url, 1).await {
        Err(RoleError::BypassesRls(role)) => assert_eq!(role, "postgres"),
        other => panic!("a superuser connection must be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn a_tenant_scope_sees_no_row_of_another_tenant_in_any_tenant_table() {
    let app = spawn_app().await;
    let (acme, globex) = (app.demo.acme, app.demo.globex);
    for table in tenant_tables(&app.owner).await {
        // The demo puts rows of both tenants in every tenant table; otherwise this proves nothing.
        assert!(owner_counts(&app, &table, globex).await > 0, "{table} has no Globex rows to hide");
        assert!(owner_counts(&app, &table, acme).await > 0, "{table} has no Acme rows to show");
        if PUBLICLY_READABLE.contains(&table.as_str()) {
            continue;
        }

        let (own, others) = visible(&app.db, &Scope::tenant(acme), &table, acme).await;
        assert_eq!(others, 0, "{table}: the Acme scope sees {others} rows of other tenants");
        assert_eq!(own, owner_counts(&app, &table, acme).await, "{table}: the Acme scope misses Acme rows");

        let (own, others) = visible(&app.db, &Scope::tenant(globex), &table, globex).await;
        assert_eq!(others, 0, "{table}: the Globex scope sees {others} rows of other tenants");
        assert!(own > 0);
    }
}

#[tokio::test]
async fn without_a_scope_tenant_tables_return_nothing() {
    let app = spawn_app().await;
    for table in tenant_tables(&app.owner).await {
        if PUBLICLY_READABLE.contains(&table.as_str()) {
            continue;
        }
        let (own, others) = visible(&app.db, &Scope::none(), &table, app.demo.acme).await;
        assert_eq!((own, others), (0, 0), "{table} answers an unscoped query");
    }
    // Platform accounts are not visible without the platform scope either.
    let mut tx = app.db.begin(&Scope::none()).await.unwrap();
    let users: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(tx.conn()).await.unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn writes_outside_the_scope_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (acme, globex) = (app.demo.acme, app.demo.globex);

    // Inserting a row for another tenant violates the policy.
    let mut tx = app.db.begin(&Scope::tenant(acme)).await.unwrap();
    let err = sqlx::query(
        "insert into users (website_id, role, email, display_name, password_hash)
         values ($1, 'client', 'intruder@example.com', 'Intruder', 'x')",
    )
    .bind(globex)
    .execute(tx.conn())
    .await
    .unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");
    drop(tx);

    // Updating or deleting another tenant's rows touches nothing.
    let mut tx = app.db.begin(&Scope::tenant(acme)).await.unwrap();
    let updated = sqlx::query("update users set display_name = 'Hacked'").execute(tx.conn()).await.unwrap();
    let deleted =
        sqlx::query("delete from website_domains where website_id = $1").bind(globex).execute(tx.conn()).await.unwrap();
    assert_eq!(deleted.rows_affected(), 0);
    tx.commit().await.unwrap();
    let names: Vec<String> = sqlx::query_scalar("select display_name from users where website_id = $1")
        .bind(globex)
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert!(!names.is_empty() && names.iter().all(|n| n != "Hacked"), "{names:?}");
    assert_eq!(updated.rows_affected(), 2, "only Acme's two clients were renamed");

    // A publicly readable table is still not writable without a scope.
    let mut tx = app.db.begin(&Scope::none()).await.unwrap();
    let err = sqlx::query("insert into website_domains (website_id, host) values ($1, 'evil.localhost')")
        .bind(acme)
        .execute(tx.conn())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");
}

#[tokio::test]
async fn the_platform_scope_sees_platform_accounts_only() {
    let app = spawn_app().await;
    let mut tx = app.db.begin(&Scope::platform()).await.unwrap();
    let (platform, clients): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where website_id is null), count(*) filter (where website_id is not null) from users",
    )
    .fetch_one(tx.conn())
    .await
    .unwrap();
    assert_eq!((platform, clients), (7, 0));
}

#[tokio::test]
async fn the_scope_never_outlives_its_transaction_on_a_pooled_connection() {
    let app = spawn_app().await;
    let database_url = app.state.settings.database_url.clone();
    // One connection: every transaction below reuses it.
    let db = Db::connect(secrecy::ExposeSecret::expose_secret(&database_url), 1).await.unwrap();
    let count_users = |scope: Scope| {
        let db = db.clone();
        async move {
            let mut tx = db.begin(&scope).await.unwrap();
            let n: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(tx.conn()).await.unwrap();
            tx.commit().await.unwrap();
            n
        }
    };
    for _ in 0..20 {
        assert_eq!(count_users(Scope::tenant(app.demo.acme)).await, 2);
        assert_eq!(count_users(Scope::none()).await, 0, "a committed scope leaked");

        // Rolled back (dropped) and failed transactions do not leak either.
        let mut tx = db.begin(&Scope::everything()).await.unwrap();
        let _: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(tx.conn()).await.unwrap();
        drop(tx);
        assert_eq!(count_users(Scope::none()).await, 0, "a rolled-back scope leaked");

        let mut tx = db.begin(&Scope::tenant(app.demo.globex)).await.unwrap();
        assert!(sqlx::query("select no_such_column from users").execute(tx.conn()).await.is_err());
        drop(tx);
        assert_eq!(count_users(Scope::none()).await, 0, "a failed scope leaked");
    }
}

#[tokio::test]
async fn interleaved_requests_of_both_tenants_each_get_their_own_answer() {
    // Two connections for many concurrent requests: they are reused constantly.
    let app = spawn_app_with(|s| s.db_max_connections = 2).await;
    let acme = app.session("acme.localhost", "client@acme.example").await;
    let globex = app.session("globex.localhost", "client@globex.example").await;
    let sessions: HashMap<&str, (&str, String)> = [
        ("acme.localhost", ("client@acme.example", acme["access_token"].as_str().unwrap().to_owned())),
        ("globex.localhost", ("client@globex.example", globex["access_token"].as_str().unwrap().to_owned())),
    ]
    .into();

    let mut requests = Vec::new();
    for i in 0..200 {
        let host = if i % 2 == 0 { "acme.localhost" } else { "globex.localhost" };
        let (email, token) = sessions[host].clone();
        let client = app.client.clone();
        let url = app.url(host, "/api/v1/me");
        requests.push(tokio::spawn(async move {
            let res = client.get(url).bearer_auth(token).send().await.unwrap();
            let (status, body): (u16, Value) = status_and_json(res).await;
            (host, email, status, body)
        }));
    }
    for request in requests {
        let (host, email, status, body) = request.await.unwrap();
        assert_eq!(status, 200, "{host}: {body}");
        assert_eq!(body["email"], email, "{host} got someone else's answer");
        assert_eq!(body["tenant"]["primary_domain"], host);
    }
}
