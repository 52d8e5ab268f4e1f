-- Subscribers read the domain events in the order their transactions committed, not in id
-- order: ids are handed out at insert, so a transaction that commits late can add an event
-- below one a subscriber already passed. Each event keeps the id of its transaction; a
-- subscriber reads only events of transactions older than every one still running (so
-- nothing can appear behind it), ordered by (txid, id), and its cursor is that pair.
alter table domain_events add column txid bigint not null default (pg_current_xact_id()::text::bigint);
create index domain_events_txid_idx on domain_events (txid, id);
alter table event_cursors add column last_txid bigint not null default 0;
-- Every event so far has this migration's transaction id: a cursor at the newest event stays
-- past all of them. (The all-tenants scope: RLS is forced, for the tables' owner too.)
select set_config('app.all_tenants', 'on', true);
update event_cursors c set last_txid = coalesce((select max(e.txid) from domain_events e where e.id <= c.last_id), 0);
