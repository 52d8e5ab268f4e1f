-- Outgoing mail. A mail is written here, rendered, in the transaction of what caused it (so
-- it exists exactly when its cause does), and delivered by the worker: retried with backoff,
-- kept as a dead letter after the last attempt. `website_id` is the brand it is sent for;
-- platform mail (writers, staff) has none.
create table mail_outbox (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid references websites (id) on delete cascade,
    kind            text not null,
    to_address      text not null,
    from_name       text not null,
    from_address    text not null,
    subject         text not null,
    text_body       text not null,
    html_body       text not null,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz,
    dead_at         timestamptz,
    created_at      timestamptz not null default clock_timestamp()
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null and dead_at is null;
create index mail_outbox_website_idx on mail_outbox (website_id, created_at);
select app_protect_tenant_table('mail_outbox');
-- Platform mail belongs to no tenant: the platform scope reaches it, as for platform accounts.
create policy platform_mail on mail_outbox
    using (website_id is null and (select app_platform()))
    with check (website_id is null and (select app_platform()));

-- Password resets: one row per reset link sent. Only a SHA-256 of the secret is kept; a link
-- works once, within its hour, on the host (audience) it was asked for.
create table password_resets (
    id          uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users (id) on delete cascade,
    token_hash  bytea not null,
    audience    text not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now(),
    constraint password_resets_token_hash_key unique (token_hash)
);
create index password_resets_user_id_idx on password_resets (user_id);

-- The language mail is written in for this person (the apps also offer it as their choice).
alter table users add column language text not null default 'en'
    constraint users_language_known check (language in ('en', 'fr'));

-- Access tokens issued before this moment no longer work (set when the password changes:
-- every device is signed out at once, not when its token expires).
alter table users add column sessions_valid_after timestamptz;
