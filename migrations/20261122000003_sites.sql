-- Clients' sites and the AI content queue. Both carry `website_id` (the tenant) and are
-- protected by the standard row-level security (docs/tenant-isolation.md); the API also
-- filters by owner, so another client's site is simply not found.

create table sites (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    owner_id        uuid not null references users (id) on delete cascade,
    name            text not null,
    -- `<slug>.sites.<platform>`: unique across the platform, not just the tenant.
    slug            text not null,
    status          text not null default 'draft',
    -- The SiteConfig as JSON and the version it was written in; older versions are
    -- upgraded when read (atelier_types::site::upgrade).
    config          jsonb not null,
    config_version  integer not null,
    -- The furthest wizard step the client has saved (1 business … 8 review): where the
    -- wizard resumes.
    wizard_step     smallint not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint sites_slug_key unique (slug),
    constraint sites_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$' and slug !~ '--'),
    constraint sites_name_length check (char_length(btrim(name)) between 1 and 80),
    constraint sites_status_known
        check (status in ('draft', 'queued', 'deploying', 'live', 'failed', 'stopped')),
    constraint sites_wizard_step_range check (wizard_step between 1 and 8)
);
create index sites_owner_idx on sites (website_id, owner_id, created_at desc, id desc);
create trigger sites_set_updated_at before update on sites
    for each row execute function set_updated_at();
select app_protect_tenant_table('sites');

-- Every piece of generated text, with the section it was written for. The client sees the
-- draft in the site at once; editors approve, edit or reject it (the staff review queue).
-- `previous` is what the section held before, so a regeneration can be reverted.
create table ai_content (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    site_id         uuid not null references sites (id) on delete cascade,
    page_slug       text not null,
    section_id      text not null,
    -- `offline` or `openai:<model>`.
    generator       text not null,
    seed            bigint not null,
    content         jsonb not null,
    previous        jsonb,
    status          text not null default 'pending',
    reviewed_by     uuid references users (id) on delete set null,
    reviewed_at     timestamptz,
    created_at      timestamptz not null default now(),
    constraint ai_content_status_known
        check (status in ('pending', 'approved', 'rejected', 'reverted', 'superseded'))
);
create index ai_content_site_idx on ai_content (site_id, created_at desc);
create index ai_content_pending_idx on ai_content (website_id, created_at) where status = 'pending';
select app_protect_tenant_table('ai_content');
