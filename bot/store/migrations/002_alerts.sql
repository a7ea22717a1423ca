-- 002: the tables of push alerts (bot/core/alerts.py, scheduler/polling.py), same shape as 001's.
create table digestbot.alerts (key text primary key, value jsonb not null, updated_at timestamptz not null default now());
create table digestbot.alert_heads (key text primary key, value jsonb not null,
                                    updated_at timestamptz not null default now());

comment on table digestbot.alerts is 'the alerts recently posted to each channel: channel -> {"sent": [...]}';
comment on table digestbot.alert_heads is 'the branch head and ETag the poller last saw, per repository and branch';
