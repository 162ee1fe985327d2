-- Forgets failed sign-ins that no longer count (quiet for a day, no lock running), so that guessing
-- many made-up usernames from many addresses cannot grow the table without end.
-- Params:  $before (timestamp: failures last seen before it are forgotten), $now (timestamp)
delete from login_failures
where
    last_failed_at < $before
    and (locked_until is null or locked_until < $now)
