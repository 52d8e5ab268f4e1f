-- Every staff action, readable by the website's admins: who did what to what, when, and
-- what it looked like before and after.
create table audit_log (
    id           uuid primary key default gen_random_uuid(),
    website_id   uuid not null references websites (id) on delete cascade,
    actor_id     uuid references users (id) on delete set null,
    actor_name   text not null,
    actor_role   text not null,
    action       text not null,
    target_type  text not null,
    target_id    uuid,
    before       jsonb,
    after        jsonb,
    at           timestamptz not null default clock_timestamp(),
    constraint audit_log_action_format check (action ~ '^[a-z_]+\.[a-z_]+$')
);
create index audit_log_website_idx on audit_log (website_id, at desc);
create index audit_log_target_idx on audit_log (target_id, at desc);
select app_protect_tenant_table('audit_log');
