-- Row-level security: the database's own wall between tenants.
--
-- The application connects as `atelier_app`, which owns no table and cannot bypass RLS;
-- migrations run as the owner. Every transaction of the application starts by declaring
-- its scope with transaction-local settings, `SET LOCAL` (crates/db/src/scope.rs):
--
--   app.tenant_ids   '{uuid,…}'  tenants whose rows are visible (one for a client's host)
--   app.all_tenants  'on'        every tenant (superadmin, operator commands)
--   app.platform     'on'        platform-wide rows: writer and staff accounts
--   app.user_id      uuid        the acting user (to read their own assignments)
--
-- Unset, every one of them means "nothing": a forgotten scope returns no tenant rows.
-- How to protect a new table: docs/tenant-isolation.md.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'atelier_app') then
        -- Operators give it LOGIN (and a password), or grant it to their own login role.
        create role atelier_app nologin;
    end if;
end
$$;

grant usage on schema public to atelier_app;
grant select, insert, update, delete on all tables in schema public to atelier_app;
alter default privileges in schema public grant select, insert, update, delete on tables to atelier_app;
alter default privileges in schema public grant usage, select on sequences to atelier_app;
-- The application may read which migrations ran, never rewrite that history.
revoke insert, update, delete on _sqlx_migrations from atelier_app;

create function app_tenant_ids() returns uuid[] language sql stable parallel safe as $$
    select coalesce(nullif(current_setting('app.tenant_ids', true), '')::uuid[], '{}'::uuid[])
$$;
create function app_all_tenants() returns boolean language sql stable parallel safe as $$
    select coalesce(current_setting('app.all_tenants', true), '') = 'on'
$$;
create function app_platform() returns boolean language sql stable parallel safe as $$
    select coalesce(current_setting('app.platform', true), '') = 'on'
$$;
create function app_user_id() returns uuid language sql stable parallel safe as $$
    select nullif(current_setting('app.user_id', true), '')::uuid
$$;

-- The standard protection of a table with a `website_id` column: forced RLS, rows of the
-- tenants in scope, and every row for the superadmin scope. Call it for each new tenant table.
--
-- Each scope function is wrapped in a scalar subquery, `(select app_tenant_ids())`: PostgreSQL
-- then evaluates it once per query (an InitPlan) instead of once per row, which is the
-- difference between a policy that costs a few percent and one that costs 2-3×
-- (`cargo xtask bench rls` measures it).
create function app_protect_tenant_table(tbl regclass) returns void language plpgsql as $$
begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format(
        'create policy tenant_isolation on %s
             using (website_id = any ((select app_tenant_ids())::uuid[]))
             with check (website_id = any ((select app_tenant_ids())::uuid[]))', tbl);
    execute format(
        'create policy superadmin_all_tenants on %s
             using ((select app_all_tenants())) with check ((select app_all_tenants()))', tbl);
end
$$;

select app_protect_tenant_table('website_domains');
select app_protect_tenant_table('users');
select app_protect_tenant_table('writer_websites');
select app_protect_tenant_table('staff_websites');

-- Exception: which domain belongs to which brand is public (anyone can type a host), and
-- must be readable before a request knows its tenant. Writing stays scoped.
create policy public_read on website_domains for select using (true);

-- Exception: writer and staff accounts belong to no tenant (website_id is null); they are
-- visible to the platform scope of the writers, staff and API hosts.
create policy platform_accounts on users
    using (website_id is null and (select app_platform()))
    with check (website_id is null and (select app_platform()));

-- Exception: writers and staff span tenants. Their own assignments are readable before the
-- tenant scope is known, because they are what the scope is built from.
create policy own_assignments on writer_websites for select using (writer_id = (select app_user_id()));
create policy own_assignments on staff_websites for select using (staff_id = (select app_user_id()));

-- The tenants themselves: branding is public; a tenant in scope may update itself; only the
-- superadmin scope creates or deletes tenants.
alter table websites enable row level security;
alter table websites force row level security;
create policy public_read on websites for select using (true);
create policy tenant_update on websites for update
    using (id = any ((select app_tenant_ids())::uuid[])) with check (id = any ((select app_tenant_ids())::uuid[]));
create policy superadmin_all_tenants on websites
    using ((select app_all_tenants())) with check ((select app_all_tenants()));

-- refresh_tokens has no tenant: a row is reachable only through the SHA-256 of a secret
-- token (or its user's id), and sign-in checks the token's audience against the host.
