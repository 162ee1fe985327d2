-- Records one failed sign-in: the count restarts when the last failure is older than $reset_before.
-- Params:  $username (text), $now (timestamp), $reset_before (timestamp)
-- Returns: failures (integer), the count including this failure
insert into login_attempts (username, failures, last_failed_at)
values ($username, 1, $now)
on conflict (username) do update set
    failures = case
        when login_attempts.last_failed_at < $reset_before then 1
        else login_attempts.failures + 1
    end,
    last_failed_at = $now
returning failures
