-- Append-only record of logins, uploads, undos, user changes and household-level exports.
create sequence if not exists audit_id_seq;

create table if not exists audit_log (
    audit_id bigint primary key default nextval('audit_id_seq'),
    logged_at timestamp not null default current_timestamp,
    actor varchar not null,
    action varchar not null,          -- login_ok | login_failed | upload | undo | redo | export_households | user_change
    target varchar,
    detail varchar,
);
