-- Personal access tokens for third parties: named, scoped, optionally expiring, revocable.
-- Only a SHA-256 of the secret is kept; `prefix` (its first characters) lets a person
-- recognise it. A token works on the host (audience) it was made on.
create table access_tokens (
    id           uuid primary key default gen_random_uuid(),
    user_id      uuid not null references users (id) on delete cascade,
    name         text not null,
    prefix       text not null,
    token_hash   bytea not null,
    scopes       text[] not null,
    audience     text not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now(),
    constraint access_tokens_token_hash_key unique (token_hash),
    constraint access_tokens_name_length check (char_length(name) between 1 and 100)
);
create index access_tokens_user_id_idx on access_tokens (user_id, created_at);
