-- Failed sign-ins per username (known or not), so that repeated guessing is slowed, then locked,
-- even across restarts. A successful sign-in deletes the row.
create table if not exists login_attempts (
    username varchar primary key,
    failures integer not null,
    last_failed_at timestamp not null,
    locked_until timestamp,
);
