-- 006: leases (bot/store/pg_leases.py): who holds a named piece of work, until when (the server's clock);
-- and the GitHub rate limit the instances share.
-- The leases table is not a key-value table of the store: only the lease statements touch it.
create table digestbot.leases (
    name text primary key,
    holder text not null,
    expires_at timestamptz not null,
    taken_at timestamptz not null default now()
);
create index leases_expires_at on digestbot.leases (expires_at);

comment on table digestbot.leases is 'leases: per-commit analysis claims, LLM slots, Discord shards: name -> holder until expires_at';

-- GitHub's rate limit as the instances last saw it (bot/core/github_rate.py), same shape as 001's tables.
create table digestbot.github_rate (key text primary key, value jsonb not null,
                                    updated_at timestamptz not null default now());

comment on table digestbot.github_rate is 'GitHub''s rate limit left, last seen by any instance: token hash -> remaining, limit, reset';
