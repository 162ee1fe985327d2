-- Records one failed sign-in of a username from a client: the count restarts when the last failure
-- is older than $reset_before; $locked_until (null = not locked) locks that pair from then on.
-- Params:  $username (text), $client (text), $now (timestamp), $reset_before (timestamp),
--          $lock_after (integer: failures that lock), $locked_until (timestamp)
-- Returns: failures (integer, including this one), locked_until (timestamp, null = not locked)
insert into login_failures (username, client, failures, last_failed_at, locked_until)
values ($username, $client, 1, $now, case when 1 >= $lock_after then $locked_until end)
on conflict (username, client) do update set
    failures = case
        when login_failures.last_failed_at < $reset_before then 1
        else login_failures.failures + 1
    end,
    last_failed_at = $now,
    locked_until = case
        when login_failures.last_failed_at >= $reset_before and login_failures.failures + 1 >= $lock_after
            then $locked_until
        else login_failures.locked_until
    end
returning failures, locked_until
