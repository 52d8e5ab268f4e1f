-- Order timers and writers' earnings.

-- When the client received the text: auto-accept counts from here.
alter table orders add column delivered_at timestamptz;

-- Per tenant: days a delivered order waits for the client before it is accepted for them.
alter table websites add column auto_accept_days integer not null default 5;
alter table websites add constraint websites_auto_accept_days_range check (auto_accept_days between 1 and 60);

-- What writers earn, per tenant (and so per currency). One earning per order: crediting a
-- completed order twice (a job that runs again) changes nothing.
create table writer_ledger (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    writer_id       uuid not null references users (id) on delete cascade,
    order_id        uuid references orders (id) on delete set null,
    kind            text not null,
    amount_minor    bigint not null,
    currency        text not null,
    created_at      timestamptz not null default now(),
    constraint writer_ledger_kind_known check (kind in ('earning', 'payout', 'adjustment')),
    constraint writer_ledger_order_earning_key unique (order_id, kind)
);
create index writer_ledger_writer_idx on writer_ledger (writer_id, website_id, created_at desc);
select app_protect_tenant_table('writer_ledger');
