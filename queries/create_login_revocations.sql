-- Sign-outs per username: a remembered sign-in (cookie) issued before the latest one no longer counts,
-- on any browser. A sign-out is written here as well as in the audit log.
create table if not exists login_revocations (
    username varchar primary key,
    revoked_at timestamp not null,
);
