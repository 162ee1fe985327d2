-- When a username last signed out: cookies issued before then no longer sign it in.
-- Params:  $username (text)
-- Returns: revoked_at (timestamp, UTC), zero or one row
select revoked_at
from login_revocations
where username = $username
