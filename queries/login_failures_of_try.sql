-- The failed sign-ins that bear on one try: this username from this client, and this client's
-- failures on any username since $since (guessing across many accounts). Always one row.
-- Params:  $username (text), $client (text), $since (timestamp)
-- Returns: failures (integer, 0 = none), last_failed_at (timestamp), locked_until (timestamp, null = not
--          locked), client_failures (integer: the client's failures on every username since $since),
--          client_last_failed_at (timestamp: the client's latest failure on any username)
select
    coalesce(max(failures) filter (where username = $username), 0) as failures,
    max(last_failed_at) filter (where username = $username) as last_failed_at,
    max(locked_until) filter (where username = $username) as locked_until,
    coalesce(sum(failures) filter (where last_failed_at >= $since), 0) as client_failures,
    max(last_failed_at) as client_last_failed_at,
from login_failures
where client = $client
