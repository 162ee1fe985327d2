-- Forgets the failed sign-ins of a username (after a successful sign-in, or an admin's unlock).
-- Params:  $username (text)
delete from login_attempts
where username = $username
