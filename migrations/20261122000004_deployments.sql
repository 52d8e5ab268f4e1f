-- Deployments: each press of Deploy (or a rollback) is a row, run by a worker step by step
-- (render → package → start → health check → switch → retire), with its log lines and the
-- port its instance holds.

create table deployments (
    id              uuid primary key default gen_random_uuid(),
    website_id      uuid not null references websites (id) on delete cascade,
    site_id         uuid not null references sites (id) on delete cascade,
    -- 1, 2, 3… per site, in the order they were asked for.
    number          integer not null,
    kind            text not null default 'deploy',
    -- For a rollback: the earlier deployment whose build is served again.
    rollback_of     uuid references deployments (id) on delete set null,
    status          text not null default 'queued',
    runtime         text not null,
    -- The step in progress, or the last one reached.
    step            text,
    -- [{ "name": "render", "started_at": …, "finished_at": …, "ok": true }, …]
    steps           jsonb not null default '[]',
    content_hash    text,
    build_dir       text,
    port            integer,
    -- The runtime's handle on the instance: a process id or a container id.
    instance_ref    text,
    error           text,
    requested_by    uuid references users (id) on delete set null,
    heartbeat_at    timestamptz,
    queued_at       timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    constraint deployments_number_key unique (site_id, number),
    constraint deployments_kind_known check (kind in ('deploy', 'rollback')),
    constraint deployments_status_known check (status in (
        'queued', 'running', 'live', 'failed', 'cancelled', 'timed_out', 'superseded', 'rolled_back', 'retired'
    )),
    constraint deployments_runtime_known check (runtime in ('process', 'docker')),
    constraint deployments_port_range check (port is null or port between 1 and 65535)
);
create index deployments_site_idx on deployments (site_id, number desc);
create index deployments_queue_idx on deployments (queued_at) where status in ('queued', 'running');
select app_protect_tenant_table('deployments');

alter table sites add column live_deployment_id uuid references deployments (id) on delete set null;

create table deployment_logs (
    website_id      uuid not null references websites (id) on delete cascade,
    deployment_id   uuid not null references deployments (id) on delete cascade,
    seq             integer not null,
    at              timestamptz not null default now(),
    step            text,
    level           text not null default 'info',
    line            text not null,
    constraint deployment_logs_pkey primary key (deployment_id, seq),
    constraint deployment_logs_level_known check (level in ('info', 'warn', 'error'))
);
select app_protect_tenant_table('deployment_logs');

-- Which port which deployment's instance holds. The primary key is the guarantee that two
-- workers never lease one port; a lease is deleted when its instance stops. Not tenant data
-- (no website_id): only the worker's operator scope touches it.
create table port_leases (
    port            integer primary key,
    deployment_id   uuid not null references deployments (id) on delete cascade,
    leased_at       timestamptz not null default now(),
    constraint port_leases_port_range check (port between 1 and 65535)
);
create unique index port_leases_deployment_key on port_leases (deployment_id);
