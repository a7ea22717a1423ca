-- 001: one table per store table: a text key, its JSON value, the time of the last write.
-- The schema "digestbot" is created by the migration runner (bot/store/pg_migrate.py) before this file runs.
do $$
declare
    name text;
begin
    foreach name in array array['subscriptions', 'ledger', 'analyses', 'commits', 'facts', 'highlights',
                                'reports', 'daily_stats', 'llm_spend', 'health'] loop
        execute format('create table digestbot.%I (key text primary key, value jsonb not null, '
                       'updated_at timestamptz not null default now())', name);
    end loop;
end
$$;

comment on table digestbot.subscriptions is 'what each channel follows and when: id -> subscription';
comment on table digestbot.ledger is 'the exactly-once record of what was posted: channel|repo|day -> progress';
comment on table digestbot.analyses is 'cache: a commit''s analysis per language and analyzer';
comment on table digestbot.commits is 'cache: a commit''s details (files and stats, without patches)';
comment on table digestbot.facts is 'cache: what the diff analyzer derived from a commit';
comment on table digestbot.highlights is 'cache: the highlights of one digest';
comment on table digestbot.reports is 'the report pages served over HTTP';
comment on table digestbot.daily_stats is 'commits per repository, day and importance, for the chart';
comment on table digestbot.llm_spend is 'LLM spend per UTC day, changed only by atomic adds';
comment on table digestbot.health is 'the health check''s write probe';
