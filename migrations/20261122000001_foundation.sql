-- Foundation: tenants (websites) and their domains, users and their assignments,
-- refresh tokens. Constraint names are part of the API: crates/db/src/error.rs maps
-- them to 409/422 answers, so rename them there too.

create function set_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

-- A tenant: one white-label brand with its own domains.
create table websites (
    id              uuid primary key default gen_random_uuid(),
    slug            text not null,
    name            text not null,
    logo_url        text,
    theme_color     text not null default '#4f46e5',
    contact_email   text not null,
    currency        text not null default 'EUR',
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint websites_slug_key unique (slug),
    constraint websites_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
    constraint websites_name_length check (char_length(btrim(name)) between 1 and 100),
    constraint websites_theme_color_format check (theme_color ~ '^#[0-9a-fA-F]{6}$'),
    constraint websites_currency_format check (currency ~ '^[A-Z]{3}$')
);
create trigger websites_set_updated_at before update on websites
    for each row execute function set_updated_at();

create table website_domains (
    id          uuid primary key default gen_random_uuid(),
    website_id  uuid not null references websites (id) on delete cascade,
    host        text not null,
    is_primary  boolean not null default false,
    created_at  timestamptz not null default now(),
    constraint website_domains_host_key unique (host),
    -- Hosts are stored the way resolution looks them up: lower-case, no port, no dot at the end.
    constraint website_domains_host_format check (host ~ '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$')
);
create index website_domains_website_id_idx on website_domains (website_id);
create unique index website_domains_one_primary_key on website_domains (website_id) where is_primary;

create table users (
    id              uuid primary key default gen_random_uuid(),
    -- Set for clients (who belong to exactly one tenant) and only for them.
    website_id      uuid references websites (id) on delete restrict,
    role            text not null,
    email           text not null,
    display_name    text not null,
    password_hash   text not null,
    active          boolean not null default true,
    last_login_at   timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint users_role_known check (role in ('client', 'writer', 'editor', 'support', 'admin', 'superadmin')),
    constraint users_client_has_tenant check ((role = 'client') = (website_id is not null)),
    constraint users_email_lowercase check (email = lower(btrim(email))),
    constraint users_display_name_length check (char_length(btrim(display_name)) between 1 and 100)
);
create trigger users_set_updated_at before update on users
    for each row execute function set_updated_at();
-- The same person may be a client of two brands (they never see each other), but an
-- address names one client per tenant and one platform account overall.
create unique index users_client_email_key on users (website_id, email) where role = 'client';
create unique index users_platform_email_key on users (email) where role <> 'client';

-- Writers are shared between tenants; they see orders of the tenants assigned here.
create table writer_websites (
    writer_id   uuid not null references users (id) on delete cascade,
    website_id  uuid not null references websites (id) on delete cascade,
    created_at  timestamptz not null default now(),
    constraint writer_websites_pkey primary key (writer_id, website_id)
);
create index writer_websites_website_id_idx on writer_websites (website_id);

-- Staff (admin, support, editor) manage the tenants assigned here; superadmins need none.
create table staff_websites (
    staff_id    uuid not null references users (id) on delete cascade,
    website_id  uuid not null references websites (id) on delete cascade,
    created_at  timestamptz not null default now(),
    constraint staff_websites_pkey primary key (staff_id, website_id)
);
create index staff_websites_website_id_idx on staff_websites (website_id);

-- Rotating refresh tokens. Only a SHA-256 of each token is kept. Tokens descended from
-- one login share a family; presenting a token that was already rotated revokes the family.
create table refresh_tokens (
    id          uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users (id) on delete cascade,
    family_id   uuid not null,
    token_hash  bytea not null,
    audience    text not null,
    expires_at  timestamptz not null,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz not null default now(),
    constraint refresh_tokens_token_hash_key unique (token_hash)
);
create index refresh_tokens_family_id_idx on refresh_tokens (family_id);
create index refresh_tokens_user_id_idx on refresh_tokens (user_id);
