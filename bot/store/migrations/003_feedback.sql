-- 003: the feedback votes (bot/core/feedback.py), same shape as 001's.
create table digestbot.feedback (key text primary key, value jsonb not null, updated_at timestamptz not null default now());

comment on table digestbot.feedback is 'one member''s "less"/"more" vote on one change in one channel: channel|repo|sha|user -> vote';
