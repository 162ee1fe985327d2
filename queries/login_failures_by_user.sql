-- Failed sign-ins per username, for the admins' accounts screen: how many, from how many clients,
-- and until when the latest lock runs.
-- Params:  $now (timestamp)
-- Returns: username (text), failures (integer), clients (integer), last_failed_at (timestamp),
--          locked_until (timestamp, null = no lock running now)
select
    username,
    sum(failures)::integer as failures,
    count(*)::integer as clients,
    max(last_failed_at) as last_failed_at,
    max(locked_until) filter (where locked_until > $now) as locked_until,
from login_failures
group by username
order by username
