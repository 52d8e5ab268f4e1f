-- Messages on an order between its client, its writer and the staff. Authors are shown by
-- role and first name only: the writer never sees the client's e-mail, nor the client the
-- writer's.
create table order_messages (
    id          uuid primary key default gen_random_uuid(),
    website_id  uuid not null references websites (id) on delete cascade,
    order_id    uuid not null references orders (id) on delete cascade,
    author_id   uuid references users (id) on delete set null,
    author_role text not null,
    author_name text not null,
    body        text not null,
    created_at  timestamptz not null default clock_timestamp(),
    constraint order_messages_author_role_known check (author_role in ('client', 'writer', 'staff')),
    constraint order_messages_body_length check (char_length(btrim(body)) between 1 and 4000)
);
create index order_messages_order_idx on order_messages (order_id, created_at);
select app_protect_tenant_table('order_messages');
