//! What row-level security costs: the same tenant list query, run as the application
//! (`atelier_app`, scoped, policies checked) and as the owner (superuser, policies
//! bypassed), on 100,000 clients across 20 tenants. Rounds alternate between the two so
//! that machine noise hits both; the ratio of medians is printed.
//!
//! Run with `cargo xtask bench rls` (it starts PostgreSQL and creates the database).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: failing loudly is right

use std::time::{Duration, Instant};

use atelier_db::{Db, Scope};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool};
use uuid::Uuid;

const TENANTS: i32 = 20;
const CLIENTS_PER_TENANT: i32 = 5_000;
const ROUNDS: usize = 11;
const QUERIES_PER_ROUND: usize = 1_000;

/// A tenant's client list, first page: what a customers page asks for.
const LIST: &str = "select id, email, display_name from users
                    where website_id = $1 and role = 'client' order by email limit 50";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run `cargo xtask bench rls`"))
}

fn with_database(url: &str, name: &str) -> String {
    format!("{}/{name}", url.rsplit_once('/').unwrap().0)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

async fn fixture(owner: &PgPool) -> Uuid {
    sqlx::query(
        "insert into websites (slug, name, contact_email)
         select 'bench-' || i, 'Bench ' || i, 'hello@bench' || i || '.example' from generate_series(1, $1) i",
    )
    .bind(TENANTS)
    .execute(owner)
    .await
    .unwrap();
    sqlx::query(
        "insert into users (website_id, role, email, display_name, password_hash)
         select w.id, 'client', 'user' || g || '@' || w.slug || '.example', 'User ' || g, 'x'
         from websites w, generate_series(1, $1) g",
    )
    .bind(CLIENTS_PER_TENANT)
    .execute(owner)
    .await
    .unwrap();
    sqlx::query("analyze").execute(owner).await.unwrap();
    sqlx::query_scalar("select id from websites where slug = 'bench-10'").fetch_one(owner).await.unwrap()
}

async fn plan(conn: &mut PgConnection, tenant: Uuid) -> String {
    let sql = format!("explain (costs off) {}", LIST.replace("$1", &format!("'{tenant}'")));
    let lines: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(conn).await.unwrap();
    lines.iter().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// Mean time of one list query, `QUERIES_PER_ROUND` times inside one open transaction.
async fn round(conn: &mut PgConnection, tenant: Uuid) -> Duration {
    let started = Instant::now();
    for _ in 0..QUERIES_PER_ROUND {
        let rows: Vec<(Uuid, String, String)> = sqlx::query_as(LIST).bind(tenant).fetch_all(&mut *conn).await.unwrap();
        assert_eq!(rows.len(), 50);
    }
    started.elapsed() / u32::try_from(QUERIES_PER_ROUND).unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let admin_url = env("ATELIER_BENCH_DATABASE_URL");
    let name = "atelier_bench_rls";
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(AssertSqlSafe(format!("drop database if exists {name} with (force)")))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(AssertSqlSafe(format!("create database {name}"))).execute(&mut admin).await.unwrap();

    let owner = atelier_db::connect_owner(&with_database(&admin_url, name), 1).await.unwrap();
    atelier_db::migrate(&owner).await.unwrap();
    let tenant = fixture(&owner).await;
    let db = Db::connect(&with_database(&env("ATELIER_BENCH_APP_DATABASE_URL"), name), 1).await.unwrap();

    let mut bypass = owner.acquire().await.unwrap();
    let mut scoped = db.begin(&Scope::tenant(tenant)).await.unwrap();
    println!(
        "rls bench: {} tenants × {} clients; list query: first 50 clients of one tenant",
        TENANTS, CLIENTS_PER_TENANT
    );
    println!("  plan as owner (no RLS):\n{}", plan(&mut bypass, tenant).await);
    println!("  plan as atelier_app (RLS):\n{}", plan(scoped.conn(), tenant).await);

    // Warm both paths (statement cache, buffers) before measuring.
    round(&mut bypass, tenant).await;
    round(scoped.conn(), tenant).await;
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        without.push(round(&mut bypass, tenant).await);
        with.push(round(scoped.conn(), tenant).await);
    }
    // The same query relying on row-level security alone (no `website_id` in the SQL).
    let unfiltered =
        "explain (costs off) select id, email, display_name from users where role = 'client' order by email limit 50";
    let lines: Vec<String> = sqlx::query_scalar(unfiltered).fetch_all(scoped.conn()).await.unwrap();
    println!("  plan as atelier_app without the explicit website_id filter (RLS alone):");
    for line in lines {
        println!("    {line}");
    }
    scoped.commit().await.unwrap();
    drop(bypass);

    // The whole unit of work a request pays: begin (+ scope) + query + commit.
    let mut unit_without = Vec::new();
    let mut unit_with = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for _ in 0..QUERIES_PER_ROUND / 4 {
            let mut tx = owner.begin().await.unwrap();
            let _: Vec<(Uuid, String, String)> = sqlx::query_as(LIST).bind(tenant).fetch_all(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
        }
        unit_without.push(started.elapsed() / u32::try_from(QUERIES_PER_ROUND / 4).unwrap());
        let started = Instant::now();
        for _ in 0..QUERIES_PER_ROUND / 4 {
            let mut tx = db.begin(&Scope::tenant(tenant)).await.unwrap();
            let _: Vec<(Uuid, String, String)> = sqlx::query_as(LIST).bind(tenant).fetch_all(tx.conn()).await.unwrap();
            tx.commit().await.unwrap();
        }
        unit_with.push(started.elapsed() / u32::try_from(QUERIES_PER_ROUND / 4).unwrap());
    }

    // The bare transaction, to tell the scope's own cost from the query's.
    let mut bare_without = Vec::new();
    let mut bare_with = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for _ in 0..QUERIES_PER_ROUND / 4 {
            owner.begin().await.unwrap().commit().await.unwrap();
        }
        bare_without.push(started.elapsed() / u32::try_from(QUERIES_PER_ROUND / 4).unwrap());
        let started = Instant::now();
        for _ in 0..QUERIES_PER_ROUND / 4 {
            db.begin(&Scope::tenant(tenant)).await.unwrap().commit().await.unwrap();
        }
        bare_with.push(started.elapsed() / u32::try_from(QUERIES_PER_ROUND / 4).unwrap());
    }

    let report = |label: &str, base: Vec<Duration>, rls: Vec<Duration>| {
        let (base, rls) = (median(base), median(rls));
        println!(
            "  {label:<36} without RLS {:>8.1} µs   with RLS {:>8.1} µs   ratio {:.3}",
            base.as_secs_f64() * 1e6,
            rls.as_secs_f64() * 1e6,
            rls.as_secs_f64() / base.as_secs_f64()
        );
    };
    println!("  medians of {ROUNDS} alternating rounds:");
    report("query only", without, with);
    report("begin + scope + query + commit", unit_without, unit_with);
    report("begin + scope + commit (no query)", bare_without, bare_with);

    db.close().await;
    owner.close().await;
    sqlx::query(AssertSqlSafe(format!("drop database if exists {name} with (force)")))
        .execute(&mut admin)
        .await
        .unwrap();
}
