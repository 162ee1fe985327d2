-- Revokes every remembered sign-in of a username issued up to now (its sign-out).
-- Params:  $username (text), $revoked_at (timestamp, UTC)
insert into login_revocations (username, revoked_at)
values ($username, $revoked_at)
on conflict (username) do update set
    revoked_at = $revoked_at
