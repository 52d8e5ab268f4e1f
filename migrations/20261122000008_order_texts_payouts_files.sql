-- The work on an order: the writer's Markdown draft and what was handed in, editors' edits,
-- comments on moves, lateness, payouts and files attached to the conversation.

-- A note on a move: what to revise, why a dispute, how it was settled.
alter table order_events add column note text;
alter table order_events add constraint order_events_note_length check (note is null or char_length(note) <= 4000);

-- Set once by the lateness job when the deadline passed before the text was delivered.
alter table orders add column late_at timestamptz;

-- The texts of an order. `draft`: the writer's working copy (one per order, autosaved);
-- `submission`: a copy of the draft as handed in; `edit`: an editor's version during review.
-- `delivered_at` marks the versions the client received.
create table order_texts (
    id           uuid primary key default gen_random_uuid(),
    website_id   uuid not null references websites (id) on delete cascade,
    order_id     uuid not null references orders (id) on delete cascade,
    kind         text not null,
    body         text not null,
    words        integer not null,
    author_id    uuid references users (id) on delete set null,
    author       text not null,
    created_at   timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp(),
    delivered_at timestamptz,
    constraint order_texts_kind_known check (kind in ('draft', 'submission', 'edit')),
    constraint order_texts_author_known check (author in ('writer', 'editor', 'admin')),
    constraint order_texts_body_length check (char_length(body) <= 100000)
);
create unique index order_texts_one_draft on order_texts (order_id) where kind = 'draft';
create index order_texts_order_idx on order_texts (order_id, created_at);
select app_protect_tenant_table('order_texts');

-- A writer asks to be paid what they earned on a website; an admin approves (the ledger gets
-- a payout line) or rejects it with a reason. One open request per writer and website.
create table payout_requests (
    id           uuid primary key default gen_random_uuid(),
    website_id   uuid not null references websites (id) on delete cascade,
    writer_id    uuid not null references users (id) on delete cascade,
    amount_minor bigint not null,
    currency     text not null,
    status       text not null default 'requested',
    reason       text,
    decided_by   uuid references users (id) on delete set null,
    decided_at   timestamptz,
    created_at   timestamptz not null default clock_timestamp(),
    constraint payout_requests_amount_positive check (amount_minor > 0),
    constraint payout_requests_status_known check (status in ('requested', 'approved', 'rejected')),
    constraint payout_requests_reason_length check (reason is null or char_length(reason) <= 1000)
);
create unique index payout_requests_one_open on payout_requests (writer_id, website_id) where status = 'requested';
select app_protect_tenant_table('payout_requests');

-- A payout line of the ledger names its request (one payout per request).
alter table writer_ledger add column payout_id uuid references payout_requests (id) on delete set null;
alter table writer_ledger add constraint writer_ledger_payout_key unique (payout_id);

-- Files on an order's conversation. The bytes are in the file store (local disk by default)
-- under `storage_key`.
create table order_attachments (
    id            uuid primary key default gen_random_uuid(),
    website_id    uuid not null references websites (id) on delete cascade,
    order_id      uuid not null references orders (id) on delete cascade,
    message_id    uuid not null references order_messages (id) on delete cascade,
    file_name     text not null,
    content_type  text not null,
    size_bytes    bigint not null,
    storage_key   text not null,
    created_at    timestamptz not null default clock_timestamp(),
    constraint order_attachments_name_length check (char_length(file_name) between 1 and 200),
    constraint order_attachments_size_range check (size_bytes between 1 and 10485760)
);
create index order_attachments_message_idx on order_attachments (message_id);
select app_protect_tenant_table('order_attachments');
