-- E-mail verification. Accounts that existed before count as verified; a client who
-- registers is verified when they open the link mailed to them. Writers and staff are
-- created verified (by staff, who vouch for the address).
alter table users add column email_verified_at timestamptz;
-- Every row, whatever role runs the migration (users is under forced row-level security).
select set_config('app.all_tenants', 'on', true), set_config('app.platform', 'on', true);
update users set email_verified_at = created_at;

-- One row per verification link sent: for the account's own address, or for the address it
-- asked to move to (the account keeps its old address until the new one is confirmed). Only
-- a SHA-256 of the secret is kept; a link works once, within its day, on its host.
create table email_verifications (
    id          uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users (id) on delete cascade,
    email       text not null,
    token_hash  bytea not null,
    audience    text not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now(),
    constraint email_verifications_token_hash_key unique (token_hash)
);
create index email_verifications_user_id_idx on email_verifications (user_id, created_at);

-- What the session list shows: the device (from the user agent at sign-in) and when the
-- session was last used (its last refresh).
alter table refresh_tokens add column user_agent text not null default '';
alter table refresh_tokens add column device_id bytea;
-- The token a token succeeded (a refresh's grace gives a rotated token a few successors, no more).
alter table refresh_tokens add column parent_id uuid;
create index refresh_tokens_parent_id_idx on refresh_tokens (parent_id) where parent_id is not null;

-- Devices an account has signed in from (a SHA-256 of a random id the app keeps): a correct
-- password from one of them gets through a sign-in lock, and a sign-in from any other is
-- notified to the owner.
create table known_devices (
    user_id      uuid not null references users (id) on delete cascade,
    device_hash  bytea not null,
    user_agent   text not null default '',
    first_seen   timestamptz not null default now(),
    last_seen    timestamptz not null default now(),
    primary key (user_id, device_hash)
);
