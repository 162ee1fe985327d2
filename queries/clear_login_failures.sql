-- Forgets the failed sign-ins of a username from one client (after its successful sign-in).
-- Params:  $username (text), $client (text)
delete from login_failures
where username = $username and client = $client
