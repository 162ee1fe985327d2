-- Failed sign-ins per username and client (the browser's network address), so that repeated guessing
-- is slowed, then locked, even across restarts, for that client only: a stranger who guesses at the
-- admin's account locks out themselves, never the admin. A successful sign-in deletes the row.
create table if not exists login_failures (
    username varchar not null,
    client varchar not null,
    failures integer not null,
    last_failed_at timestamp not null,
    locked_until timestamp,
    primary key (username, client),
);
