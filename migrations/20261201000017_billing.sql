-- Billing: plans with their entitlements, each client's subscription (the row every quota
-- check locks), invoices with their lines and per-tenant gapless numbers, payments, the
-- prepaid balance, credit notes and the card provider's webhook events. Money is integer
-- minor units in the tenant's currency; rates are basis points (2000 = 20.00 %).

-- Per tenant: the VAT rate, whether configured prices include it, the invoice number prefix,
-- the days an invoice may stay unpaid, and the bank details a transfer is made to.
alter table websites
    add column vat_rate_bp integer not null default 2000,
    add column prices_include_vat boolean not null default false,
    add column invoice_prefix text not null default 'INV',
    add column grace_days integer not null default 14,
    add column bank_details text not null default '',
    add constraint websites_vat_rate_range check (vat_rate_bp between 0 and 10000),
    add constraint websites_invoice_prefix_format check (invoice_prefix ~ '^[A-Z0-9-]{1,12}$'),
    add constraint websites_grace_days_range check (grace_days between 0 and 90);

-- A plan's limits: null is "no limit". Periods are calendar months from the subscription's
-- start.
create table plans (
    id                        uuid primary key default gen_random_uuid(),
    website_id                uuid not null references websites (id) on delete cascade,
    code                      text not null,
    name                      text not null,
    price_minor               bigint not null,
    is_default                boolean not null default false,
    active                    boolean not null default true,
    max_sites                 integer,
    max_live_sites            integer,
    max_deployments_per_month integer,
    max_storage_bytes         bigint,
    max_custom_domains        integer,
    max_generated_per_month   integer,
    position                  integer not null default 0,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    constraint plans_code_key unique (website_id, code),
    constraint plans_code_format check (code ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    constraint plans_name_length check (char_length(btrim(name)) between 1 and 60),
    constraint plans_price_range check (price_minor between 0 and 100000000),
    constraint plans_limits_positive check (
        coalesce(max_sites, 0) >= 0 and coalesce(max_live_sites, 0) >= 0
        and coalesce(max_deployments_per_month, 0) >= 0 and coalesce(max_storage_bytes, 0) >= 0
        and coalesce(max_custom_domains, 0) >= 0 and coalesce(max_generated_per_month, 0) >= 0),
    -- The default plan is the one new clients start on: it must be free and offered.
    constraint plans_default_free check (not is_default or (price_minor = 0 and active))
);
create unique index plans_one_default_key on plans (website_id) where is_default;
select app_protect_tenant_table('plans');

-- One subscription per client. Every use case that consumes a quota locks this row first
-- (`select … for update`), counts, and writes in the same transaction: parallel requests of
-- one client queue behind each other, so none can overshoot a limit.
create table subscriptions (
    id                    uuid primary key default gen_random_uuid(),
    website_id            uuid not null references websites (id) on delete cascade,
    customer_id           uuid not null references users (id) on delete cascade,
    plan_id               uuid not null references plans (id) on delete restrict,
    -- A downgrade waits for the end of the period.
    next_plan_id          uuid references plans (id) on delete set null,
    status                text not null default 'active',
    period_start          timestamptz not null,
    period_end            timestamptz not null,
    -- Sites stopped because an invoice went unpaid, started again on payment.
    suspended_at          timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint subscriptions_customer_key unique (customer_id),
    constraint subscriptions_status_known check (status in ('active', 'suspended')),
    constraint subscriptions_period_order check (period_end > period_start)
);
create index subscriptions_renewal_idx on subscriptions (period_end);
select app_protect_tenant_table('subscriptions');

-- Metered consumption of the quotas counted per period (deployments, generated sections):
-- one row per use, written in the transaction that used it, so deleting what was made does
-- not give the period's use back.
create table usage_records (
    id           bigint generated always as identity primary key,
    website_id   uuid not null references websites (id) on delete cascade,
    customer_id  uuid not null references users (id) on delete cascade,
    quota        text not null,
    amount       bigint not null,
    created_at   timestamptz not null default now(),
    constraint usage_records_quota_known check (quota in ('deployments_per_month', 'generated_per_month')),
    constraint usage_records_amount_positive check (amount > 0)
);
create index usage_records_customer_idx on usage_records (customer_id, quota, created_at);
select app_protect_tenant_table('usage_records');

-- The last invoice and credit note number of each tenant. Taking a number updates this row,
-- which stays locked until the transaction ends: numbers follow each other without gaps
-- (a transaction that rolls back gives its number back) and never repeat.
create table invoice_counters (
    website_id    uuid primary key references websites (id) on delete cascade,
    last_invoice  integer not null default 0,
    last_credit   integer not null default 0
);
select app_protect_tenant_table('invoice_counters');

create table invoices (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    customer_id     uuid not null references users (id) on delete restrict,
    number          integer not null,
    -- `INV-2026-000042`: the prefix, the year of issue, the number.
    reference       text not null,
    kind            text not null,
    status          text not null default 'open',
    currency        text not null,
    subtotal_minor  bigint not null,
    discount_minor  bigint not null default 0,
    points_minor    bigint not null default 0,
    tax_minor       bigint not null,
    total_minor     bigint not null,
    vat_rate_bp     integer not null,
    prices_include_vat boolean not null,
    order_id        uuid references orders (id) on delete set null,
    subscription_id uuid references subscriptions (id) on delete set null,
    plan_id         uuid references plans (id) on delete set null,
    period_start    timestamptz,
    period_end      timestamptz,
    issued_at       timestamptz not null default now(),
    due_at          timestamptz not null,
    paid_at         timestamptz,
    reminded_at     timestamptz,
    refunded_minor  bigint not null default 0,
    constraint invoices_number_key unique (website_id, number),
    constraint invoices_kind_known check (kind in ('subscription', 'order', 'topup')),
    constraint invoices_status_known check (status in ('open', 'paid', 'void')),
    constraint invoices_amounts_sane check (
        subtotal_minor >= 0 and discount_minor >= 0 and points_minor >= 0 and tax_minor >= 0
        and total_minor >= 0 and discount_minor + points_minor <= subtotal_minor
        and refunded_minor between 0 and total_minor),
    constraint invoices_paid_when check ((status = 'paid') = (paid_at is not null))
);
create index invoices_customer_idx on invoices (customer_id, issued_at desc);
create index invoices_open_idx on invoices (due_at) where status = 'open';
-- One open invoice per order: placing an order twice cannot bill it twice.
create unique index invoices_one_per_order_key on invoices (order_id) where order_id is not null and status <> 'void';
select app_protect_tenant_table('invoices');

create table invoice_lines (
    id            uuid primary key default gen_random_uuid(),
    website_id    uuid not null references websites (id) on delete cascade,
    invoice_id    uuid not null references invoices (id) on delete cascade,
    position      integer not null,
    description   text not null,
    quantity      integer not null,
    unit_minor    bigint not null,
    amount_minor  bigint not null,
    constraint invoice_lines_position_key unique (invoice_id, position),
    constraint invoice_lines_amount check (quantity > 0 and unit_minor >= 0 and amount_minor = quantity * unit_minor)
);
select app_protect_tenant_table('invoice_lines');

-- Every attempt to pay an invoice, by provider. A transfer is `pending` until staff confirm
-- it; a card payment until its webhook arrives.
create table payments (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    invoice_id      uuid not null references invoices (id) on delete cascade,
    provider        text not null,
    status          text not null default 'pending',
    amount_minor    bigint not null,
    -- The transfer reference the client writes on the transfer, or the card provider's
    -- checkout session.
    external_id     text,
    checkout_url    text,
    confirmed_by    uuid references users (id) on delete set null,
    created_at      timestamptz not null default now(),
    settled_at      timestamptz,
    constraint payments_provider_known check (provider in ('manual', 'balance', 'card')),
    constraint payments_status_known check (status in ('pending', 'succeeded', 'cancelled')),
    constraint payments_amount_positive check (amount_minor > 0),
    constraint payments_external_key unique (website_id, provider, external_id)
);
create index payments_invoice_idx on payments (invoice_id);
create index payments_pending_idx on payments (website_id, created_at) where status = 'pending';
select app_protect_tenant_table('payments');

-- A client's prepaid balance, as a ledger: the balance is the sum. Written only under the
-- client's subscription lock, so two payments from it cannot both spend the same credit.
create table balance_entries (
    id            uuid primary key default gen_random_uuid(),
    website_id    uuid not null references websites (id) on delete cascade,
    customer_id   uuid not null references users (id) on delete cascade,
    kind          text not null,
    amount_minor  bigint not null,
    invoice_id    uuid references invoices (id) on delete set null,
    note          text not null default '',
    created_by    uuid references users (id) on delete set null,
    created_at    timestamptz not null default clock_timestamp(),
    constraint balance_entries_kind_known check (kind in ('topup', 'payment', 'refund', 'adjustment')),
    constraint balance_entries_amount_nonzero check (amount_minor <> 0)
);
create index balance_entries_customer_idx on balance_entries (customer_id, created_at desc);
select app_protect_tenant_table('balance_entries');

-- A refund is a credit note against a paid invoice, numbered like invoices (CN-…).
create table credit_notes (
    id            uuid primary key default gen_random_uuid(),
    website_id    uuid not null references websites (id) on delete cascade,
    invoice_id    uuid not null references invoices (id) on delete restrict,
    number        integer not null,
    reference     text not null,
    amount_minor  bigint not null,
    reason        text not null,
    -- Where the money went back: the client's balance, or outside (the bank, the card).
    refunded_to   text not null,
    created_by    uuid references users (id) on delete set null,
    created_at    timestamptz not null default now(),
    constraint credit_notes_number_key unique (website_id, number),
    constraint credit_notes_amount_positive check (amount_minor > 0),
    constraint credit_notes_refunded_to_known check (refunded_to in ('balance', 'external'))
);
create index credit_notes_invoice_idx on credit_notes (invoice_id);
select app_protect_tenant_table('credit_notes');

-- The card provider's events already applied: a replayed event is recognised and changes
-- nothing. Platform-wide (the webhook arrives before its tenant is known).
create table payment_webhook_events (
    provider     text not null,
    event_id     text not null,
    kind         text not null,
    received_at  timestamptz not null default now(),
    constraint payment_webhook_events_pkey primary key (provider, event_id)
);
alter table payment_webhook_events enable row level security;
alter table payment_webhook_events force row level security;
create policy superadmin_all_tenants on payment_webhook_events
    using ((select app_all_tenants())) with check ((select app_all_tenants()));

-- Sites the billing stopped (an unpaid invoice past its grace period) are started again
-- when it is paid; sites their owner stopped stay stopped.
alter table sites add column billing_stopped_at timestamptz;

-- Every existing tenant gets the free default plan new clients start on (the same limits as
-- `atelier_domain::billing::FREE_PLAN`).
select set_config('app.all_tenants', 'on', true);
insert into plans (website_id, code, name, price_minor, is_default, max_sites, max_live_sites,
                   max_deployments_per_month, max_storage_bytes, max_custom_domains, max_generated_per_month)
select id, 'free', 'Free', 0, true, 10, 3, 100, 262144000, 0, 1000 from websites;
