-- Every change to a subscription (any instance, copy-store, a manual UPDATE) is announced on the
-- channel digestbot_subscriptions with the subscription's key as payload, when its transaction
-- commits; each instance LISTENs and reloads that subscription's schedule (scheduler/sync.py).
-- A key too long for a notification (8000 bytes) is announced as '' : "re-read them all".
create function digestbot.notify_subscription_change() returns trigger language plpgsql as $$
declare
    changed text;
begin
    if tg_op = 'DELETE' then
        changed := old.key;
    else
        changed := new.key;
    end if;
    perform pg_notify('digestbot_subscriptions', case when octet_length(changed) <= 7000 then changed else '' end);
    return null;
end;
$$;

create trigger subscriptions_changed after insert or update or delete on digestbot.subscriptions
    for each row execute function digestbot.notify_subscription_change();
