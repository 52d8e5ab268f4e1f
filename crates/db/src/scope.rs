//! The only way request and job code reaches PostgreSQL: [`Db::begin`] opens a
//! transaction and declares its [`Scope`] before anything else runs in it. `Db` does not
//! hand out its pool or unscoped connections, so a query that forgot its tenant cannot be
//! written against it — and if one were, row-level security would answer it with nothing.
//!
//! The settings are transaction-local (`SET LOCAL`): commit or rollback clears them, so a
//! pooled connection never carries one request's scope into the next.

use sqlx::{AssertSqlSafe, PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::DbError;

/// Which rows a transaction may see and write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    tenants: Vec<Uuid>,
    all_tenants: bool,
    platform: bool,
    user: Option<Uuid>,
}

impl Scope {
    /// Public rows only (tenant branding and domains): resolving a host.
    pub fn none() -> Self {
        Self::default()
    }

    /// One tenant: a request on its domain, or a job doing its work.
    pub fn tenant(id: Uuid) -> Self {
        Self { tenants: vec![id], ..Self::default() }
    }

    /// Several tenants: a writer's or a staff member's assignments.
    pub fn tenants(ids: impl IntoIterator<Item = Uuid>) -> Self {
        Self { tenants: ids.into_iter().collect(), ..Self::default() }
    }

    /// Platform-wide rows (writer and staff accounts), no tenant's.
    pub fn platform() -> Self {
        Self { platform: true, ..Self::default() }
    }

    /// Everything: the superadmin, and operator commands such as `seed`.
    pub fn everything() -> Self {
        Self { all_tenants: true, platform: true, ..Self::default() }
    }

    /// Adds the acting user, whose own assignments become readable.
    pub fn with_user(mut self, user: Uuid) -> Self {
        self.user = Some(user);
        self
    }

    /// Adds platform-wide rows to a tenant scope.
    pub fn with_platform(mut self) -> Self {
        self.platform = true;
        self
    }

    /// `BEGIN` and the settings, sent as one simple query (one round trip). `SET LOCAL`
    /// takes no parameters, so the values are formatted in: safe here because they can only
    /// be UUIDs (hex digits and dashes) and fixed words.
    fn begin_statement(&self) -> String {
        format!(
            "begin; set local app.tenant_ids = '{}'; set local app.all_tenants = '{}'; \
             set local app.platform = '{}'; set local app.user_id = '{}'",
            self.tenant_array(),
            on(self.all_tenants),
            on(self.platform),
            self.user.map(|u| u.to_string()).unwrap_or_default()
        )
    }

    /// `{a,b}`: the text form of a PostgreSQL uuid array.
    fn tenant_array(&self) -> String {
        let ids: Vec<String> = self.tenants.iter().map(Uuid::to_string).collect();
        format!("{{{}}}", ids.join(","))
    }
}

fn on(flag: bool) -> &'static str {
    if flag { "on" } else { "" }
}

/// The application's handle on PostgreSQL.
#[derive(Clone, Debug)]
pub struct Db {
    pool: PgPool,
}

/// A transaction whose scope is already set. Query functions take `&mut Tx`.
pub struct Tx {
    inner: Transaction<'static, Postgres>,
}

#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    #[error(
        "the database role `{0}` is a superuser or has BYPASSRLS: row-level security would not \
         apply. Connect the application as `atelier_app` (docs/tenant-isolation.md) and run \
         migrations with ATELIER_MIGRATION_DATABASE_URL"
    )]
    BypassesRls(String),
    #[error(
        "the database role `{0}` owns tables, so it could switch row-level security off. \
         Connect the application as a role that owns nothing (docs/tenant-isolation.md)"
    )]
    OwnsTables(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

impl Db {
    /// Opens the pool and refuses a role that row-level security would not hold.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, RoleError> {
        let pool = crate::connect_owner(url, max_connections).await?;
        let (name, bypasses, owned): (String, bool, i64) = sqlx::query_as(
            "select r.rolname::text, r.rolsuper or r.rolbypassrls,
                    (select count(*) from pg_class c
                     where c.relowner = r.oid and c.relkind in ('r', 'p')
                       and c.relnamespace = 'public'::regnamespace)
             from pg_roles r where r.rolname = current_user",
        )
        .fetch_one(&pool)
        .await?;
        if bypasses {
            return Err(RoleError::BypassesRls(name));
        }
        if owned > 0 {
            return Err(RoleError::OwnsTables(name));
        }
        Ok(Db { pool })
    }

    /// Begins a transaction and declares its scope in the same round trip.
    pub async fn begin(&self, scope: &Scope) -> Result<Tx, DbError> {
        let inner = self.pool.begin_with(AssertSqlSafe(scope.begin_statement())).await?;
        Ok(Tx { inner })
    }

    /// A connection of its own that listens for `NOTIFY` on `channel` (the pool lends it one
    /// connection, which the listener keeps).
    pub async fn listen(&self, channel: &str) -> Result<sqlx::postgres::PgListener, DbError> {
        let mut listener = sqlx::postgres::PgListener::connect_with(&self.pool).await?;
        listener.listen(channel).await?;
        Ok(listener)
    }

    /// `select 1`, for readiness probes.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("select 1").execute(&self.pool).await.map(|_| ())
    }

    /// How many migrations have been applied successfully (an error before the first one).
    pub async fn applied_migrations(&self) -> Result<i64, sqlx::Error> {
        crate::applied_migrations(&self.pool).await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl Tx {
    /// The connection, for queries; it stays inside this scope.
    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.inner
    }

    /// Names the acting user once it is known (after a sign-in lookup, say).
    pub async fn set_user(&mut self, user: Uuid) -> Result<(), DbError> {
        sqlx::query("select set_config('app.user_id', $1, true)")
            .bind(user.to_string())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// Marks a point this transaction can go back to ([`Tx::roll_back_to_mark`]) without
    /// losing what it did before.
    pub async fn mark(&mut self) -> Result<(), DbError> {
        sqlx::query("savepoint mark").execute(&mut *self.inner).await?;
        Ok(())
    }

    /// Undoes what this transaction did since its last [`Tx::mark`].
    pub async fn roll_back_to_mark(&mut self) -> Result<(), DbError> {
        sqlx::query("rollback to savepoint mark").execute(&mut *self.inner).await?;
        Ok(())
    }

    pub async fn commit(self) -> Result<(), DbError> {
        Ok(self.inner.commit().await?)
    }
}
