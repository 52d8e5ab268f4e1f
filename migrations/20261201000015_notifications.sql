-- Notifications: what happened that a person cares about, from the domain events (and the
-- security notices of their own account). One row per person and event, written by the
-- worker's dispatcher; a person reads only their own rows.
create table notifications (
    id          bigint generated always as identity primary key,
    user_id     uuid not null references users (id) on delete cascade,
    -- The domain event it tells of (none for security notices): one notification per
    -- person and event, however often the dispatcher runs.
    event_id    bigint references domain_events (id) on delete set null,
    kind        text not null,
    title       text not null,
    body        text not null,
    -- Where the person's app shows it (`/orders/…`), or none.
    link        text,
    read_at     timestamptz,
    created_at  timestamptz not null default clock_timestamp(),
    constraint notifications_kind_format check (kind ~ '^[a-z_]+$')
);
create unique index notifications_event_user_key on notifications (event_id, user_id) where event_id is not null;
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;

-- Per person and kind: in the app, by mail. No row: the kind's default.
create table notification_prefs (
    user_id     uuid not null references users (id) on delete cascade,
    kind        text not null,
    in_app      boolean not null,
    email       boolean not null,
    constraint notification_prefs_pkey primary key (user_id, kind)
);

-- Both are a person's own: their user id in scope, or the superadmin scope.
do $$
declare t text;
begin
    foreach t in array array['notifications', 'notification_prefs'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy own_rows on %I using (user_id = (select app_user_id()))
                        with check (user_id = (select app_user_id()))', t);
        execute format('create policy superadmin_all_tenants on %I using ((select app_all_tenants()))
                        with check ((select app_all_tenants()))', t);
    end loop;
end
$$;

-- How far each platform subscriber of the domain events has read. A subscriber locks its
-- row while it handles a batch, so two workers never handle the same events.
create table event_cursors (
    subscriber  text primary key,
    last_id     bigint not null default 0,
    updated_at  timestamptz not null default now()
);
alter table event_cursors enable row level security;
alter table event_cursors force row level security;
create policy superadmin_all_tenants on event_cursors
    using ((select app_all_tenants())) with check ((select app_all_tenants()));
-- Notifications start from now: what happened before this migration is not news. (Under
-- forced RLS, even the tables' owner reaches these rows only in the all-tenants scope.)
select set_config('app.all_tenants', 'on', true);
insert into event_cursors (subscriber, last_id) select 'notifications', coalesce(max(id), 0) from domain_events;

-- Wakes the dispatcher when a transaction that recorded events commits (NOTIFY is delivered
-- at commit, and not at all on rollback); the dispatcher also polls, in case it missed one.
create function domain_events_wake() returns trigger language plpgsql as $$
begin
    perform pg_notify('atelier_domain_events', '');
    return null;
end;
$$;
create trigger domain_events_wake after insert on domain_events
    for each statement execute function domain_events_wake();
