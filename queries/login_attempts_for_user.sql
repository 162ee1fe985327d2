-- The failed sign-ins recorded for one username: zero or one row.
-- Params:  $username (text)
-- Returns: failures (integer), last_failed_at (timestamp), locked_until (timestamp, null = not locked)
select
    failures,
    last_failed_at,
    locked_until,
from login_attempts
where username = $username
