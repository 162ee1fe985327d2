-- Locks sign-in for a username until a given time.
-- Params:  $username (text), $locked_until (timestamp)
update login_attempts
set locked_until = $locked_until
where username = $username
