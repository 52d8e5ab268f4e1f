-- What happened that people care about, in the order it happened: written by the use case
-- that made it happen, in its transaction (an event exists exactly when its change does),
-- read by subscribers after the last id they handled.
create table domain_events (
    id          bigint generated always as identity primary key,
    website_id  uuid not null references websites (id) on delete cascade,
    kind        text not null,
    payload     jsonb not null,
    at          timestamptz not null default clock_timestamp(),
    constraint domain_events_kind_format check (kind ~ '^[a-z_]+$')
);
create index domain_events_website_idx on domain_events (website_id, id);
select app_protect_tenant_table('domain_events');
