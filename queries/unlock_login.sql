-- Forgets every failed sign-in and lock of a username, from every client (an admin's unlock).
-- Params:  $username (text)
-- Returns: clients (integer: how many clients had failures recorded)
delete from login_failures
where username = $username
returning client
