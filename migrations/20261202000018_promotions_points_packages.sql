-- Billing, second part: promo codes and their redemptions, referrals, loyalty points (a
-- ledger of their own) and content packages (a recurring bundle of orders billed per
-- period). Money is integer minor units; rates are basis points.

select set_config('app.all_tenants', 'on', true);

-- Per tenant: points earned per 1.00 paid (0: no loyalty programme), what a point is worth
-- when redeemed, how long points last, and what a referrer is credited.
alter table websites
    add column points_per_unit integer not null default 1,
    add column point_value_minor integer not null default 1,
    add column points_expire_days integer not null default 365,
    add column referral_reward_minor bigint not null default 1000,
    add constraint websites_points_rate_range check (points_per_unit between 0 and 1000),
    add constraint websites_point_value_range check (point_value_minor between 1 and 10000),
    add constraint websites_points_expiry_range check (points_expire_days between 1 and 3650),
    add constraint websites_referral_reward_range check (referral_reward_minor between 0 and 10000000);

-- A promo code: a percentage (basis points) or a fixed amount off one invoice, within a
-- window, for a number of uses in all and per customer, optionally only for some plans or
-- services (an empty list: any) or a customer's first purchase.
create table promo_codes (
    id                  uuid primary key default gen_random_uuid(),
    website_id          uuid not null references websites (id) on delete cascade,
    code                text not null,
    kind                text not null,
    value               bigint not null,
    starts_at           timestamptz not null default now(),
    ends_at             timestamptz,
    max_redemptions     integer,
    per_customer        integer not null default 1,
    -- Counted in the redeeming transaction by a conditional update: the row lock makes two
    -- clients racing for the last use queue, and the second finds none left.
    redemptions         integer not null default 0,
    plan_ids            uuid[] not null default '{}',
    service_ids         uuid[] not null default '{}',
    first_purchase_only boolean not null default false,
    active              boolean not null default true,
    created_at          timestamptz not null default now(),
    constraint promo_codes_code_key unique (website_id, code),
    constraint promo_codes_code_format check (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
    constraint promo_codes_kind_known check (kind in ('percent', 'fixed')),
    constraint promo_codes_value_range check (
        (kind = 'percent' and value between 1 and 10000) or (kind = 'fixed' and value between 1 and 100000000)),
    constraint promo_codes_window check (ends_at is null or ends_at > starts_at),
    constraint promo_codes_limits check (
        (max_redemptions is null or max_redemptions >= 1) and per_customer >= 1
        and redemptions >= 0 and (max_redemptions is null or redemptions <= max_redemptions))
);
select app_protect_tenant_table('promo_codes');

-- One promo code per invoice.
create table promo_redemptions (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    promo_code_id   uuid not null references promo_codes (id) on delete cascade,
    customer_id     uuid not null references users (id) on delete cascade,
    invoice_id      uuid not null references invoices (id) on delete cascade,
    discount_minor  bigint not null,
    created_at      timestamptz not null default now(),
    constraint promo_redemptions_invoice_key unique (invoice_id),
    constraint promo_redemptions_discount_positive check (discount_minor > 0)
);
create index promo_redemptions_customer_idx on promo_redemptions (promo_code_id, customer_id);
select app_protect_tenant_table('promo_redemptions');

-- Loyalty points as a ledger: the balance is the sum. Points earned expire together
-- (`expires_at`); redemptions spend the oldest first, so what expires is what is left of
-- the points earned before then.
create table loyalty_entries (
    id           uuid primary key default gen_random_uuid(),
    website_id   uuid not null references websites (id) on delete cascade,
    customer_id  uuid not null references users (id) on delete cascade,
    kind         text not null,
    points       bigint not null,
    invoice_id   uuid references invoices (id) on delete set null,
    expires_at   timestamptz,
    created_at   timestamptz not null default clock_timestamp(),
    constraint loyalty_entries_kind_known check (kind in ('earned', 'redeemed', 'returned', 'expired', 'reversed')),
    constraint loyalty_entries_sign check (
        (kind in ('earned', 'returned') and points > 0 and expires_at is not null)
        or (kind in ('redeemed', 'expired', 'reversed') and points < 0))
);
create index loyalty_entries_customer_idx on loyalty_entries (customer_id, created_at desc);
create index loyalty_entries_expiring_idx on loyalty_entries (expires_at) where kind in ('earned', 'returned');
select app_protect_tenant_table('loyalty_entries');

-- Each client's referral code, on their subscription row (made with it).
alter table subscriptions
    add column referral_code text not null default upper(substr(md5(gen_random_uuid()::text), 1, 8)),
    add constraint subscriptions_referral_code_key unique (website_id, referral_code);

-- Who brought whom: the referrer is credited once, after the referee's first paid invoice.
create table referrals (
    id             uuid primary key default gen_random_uuid(),
    website_id     uuid not null references websites (id) on delete cascade,
    referrer_id    uuid not null references users (id) on delete cascade,
    referee_id     uuid not null references users (id) on delete cascade,
    status         text not null default 'pending',
    reward_minor   bigint not null default 0,
    invoice_id     uuid references invoices (id) on delete set null,
    created_at     timestamptz not null default now(),
    credited_at    timestamptz,
    constraint referrals_referee_key unique (referee_id),
    constraint referrals_not_self check (referrer_id <> referee_id),
    constraint referrals_status_known check (status in ('pending', 'credited'))
);
create index referrals_referrer_idx on referrals (referrer_id);
select app_protect_tenant_table('referrals');

alter table balance_entries drop constraint balance_entries_kind_known;
alter table balance_entries add constraint balance_entries_kind_known
    check (kind in ('topup', 'payment', 'refund', 'adjustment', 'referral'));

-- A content package: `per_period` orders of one service every month for a client (and
-- optionally one of their sites), billed per period; its orders open when the period's
-- invoice is paid.
create table content_packages (
    id               uuid primary key default gen_random_uuid(),
    website_id       uuid not null references websites (id) on delete cascade,
    customer_id      uuid not null references users (id) on delete cascade,
    service_type_id  uuid not null references service_types (id),
    site_id          uuid references sites (id) on delete set null,
    title            text not null,
    brief            text not null default '',
    words            integer not null,
    turnaround_days  integer not null,
    per_period       integer not null,
    unit_price_minor bigint not null,
    status           text not null default 'active',
    period_start     timestamptz not null,
    period_end       timestamptz not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint content_packages_title_length check (char_length(btrim(title)) between 1 and 100),
    constraint content_packages_per_period_range check (per_period between 1 and 20),
    constraint content_packages_price_positive check (unit_price_minor > 0),
    constraint content_packages_status_known check (status in ('active', 'paused', 'cancelled')),
    constraint content_packages_period_order check (period_end > period_start)
);
create index content_packages_customer_idx on content_packages (customer_id, created_at desc);
create index content_packages_due_idx on content_packages (period_end) where status = 'active';
select app_protect_tenant_table('content_packages');

alter table invoices
    add column package_id uuid references content_packages (id) on delete set null,
    add column service_type_id uuid references service_types (id) on delete set null;
alter table invoices drop constraint invoices_kind_known;
alter table invoices add constraint invoices_kind_known check (kind in ('subscription', 'order', 'topup', 'package'));
-- One invoice per package period.
create unique index invoices_one_per_package_period_key on invoices (package_id, period_start)
    where package_id is not null and status <> 'void';

-- Orders a package opened: billed by the package's invoice, not one of their own.
alter table orders add column package_id uuid references content_packages (id) on delete set null;
create index orders_package_idx on orders (package_id) where package_id is not null;
