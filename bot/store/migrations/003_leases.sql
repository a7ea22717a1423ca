-- 003: leases (bot/store/pg_leases.py): who holds a named piece of work, until when (the server's clock).
-- Not a key-value table of the store: only the lease statements touch it.
create table digestbot.leases (
    name text primary key,
    holder text not null,
    expires_at timestamptz not null,
    taken_at timestamptz not null default now()
);
create index leases_expires_at on digestbot.leases (expires_at);

comment on table digestbot.leases is 'leases: per-commit analysis claims, LLM slots, Discord shards: name -> holder until expires_at';
