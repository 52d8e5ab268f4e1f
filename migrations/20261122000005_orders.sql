-- Content orders: each tenant's service catalogue, the orders clients place, and every
-- transition of an order (who, what, when). Money is integer minor units everywhere.

-- Writers have a level (1–5); an order needs a writer at or above its level.
alter table users add column writer_level smallint;
alter table users add constraint users_writer_level_range
    check (writer_level is null or (role = 'writer' and writer_level between 1 and 5));

create table service_types (
    id                      uuid primary key default gen_random_uuid(),
    website_id              uuid not null references websites (id) on delete cascade,
    code                    text not null,
    name                    text not null,
    description             text not null default '',
    price_per_word_minor    integer not null,
    min_words               integer not null,
    max_words               integer not null,
    required_level          smallint not null default 1,
    -- [{ "days": 7, "multiplier_pct": 100 }, …]: how fast, and what it costs on top.
    turnarounds             jsonb not null,
    active                  boolean not null default true,
    created_at              timestamptz not null default now(),
    constraint service_types_code_key unique (website_id, code),
    constraint service_types_price_positive check (price_per_word_minor > 0),
    constraint service_types_words_range check (min_words >= 50 and max_words >= min_words and max_words <= 20000),
    constraint service_types_level_range check (required_level between 1 and 5)
);
select app_protect_tenant_table('service_types');

create table orders (
    id                  uuid primary key default gen_random_uuid(),
    website_id          uuid not null references websites (id) on delete cascade,
    client_id           uuid not null references users (id) on delete cascade,
    service_type_id     uuid not null references service_types (id),
    title               text not null,
    brief               text not null default '',
    words               integer not null,
    turnaround_days     integer not null,
    price_minor         bigint not null,
    currency            text not null,
    required_level      smallint not null,
    status              text not null default 'draft',
    writer_id           uuid references users (id) on delete set null,
    -- The site section the text is for, if any.
    site_id             uuid references sites (id) on delete set null,
    section_id          text,
    deadline_at         timestamptz,
    claimed_at          timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint orders_status_known check (status in (
        'draft', 'awaiting_payment', 'open', 'assigned', 'submitted', 'in_review', 'revision_requested',
        'delivered', 'completed', 'cancelled', 'refunded', 'disputed', 'resolved'
    )),
    constraint orders_title_length check (char_length(btrim(title)) between 1 and 120),
    constraint orders_words_positive check (words > 0),
    constraint orders_price_positive check (price_minor > 0),
    constraint orders_writer_when_assigned
        check (writer_id is not null or status in ('draft', 'awaiting_payment', 'open', 'cancelled', 'refunded'))
);
create index orders_client_idx on orders (website_id, client_id, created_at desc);
create index orders_open_idx on orders (website_id, required_level, created_at) where status = 'open';
create trigger orders_set_updated_at before update on orders for each row execute function set_updated_at();
select app_protect_tenant_table('orders');

-- Every transition, as it happened.
create table order_events (
    id          uuid primary key default gen_random_uuid(),
    website_id  uuid not null references websites (id) on delete cascade,
    order_id    uuid not null references orders (id) on delete cascade,
    event       text not null,
    from_status text not null,
    to_status   text not null,
    actor_id    uuid references users (id) on delete set null,
    actor       text not null,
    at          timestamptz not null default clock_timestamp(),
    constraint order_events_actor_known check (actor in ('client', 'writer', 'editor', 'admin', 'system'))
);
create index order_events_order_idx on order_events (order_id, at);
select app_protect_tenant_table('order_events');
