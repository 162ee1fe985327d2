-- Every upload (and every demo batch) is a row here; its data rows carry its upload_id.
-- Undo never deletes: it appends a status change, and *_terkini views skip withdrawn uploads.
create sequence if not exists upload_id_seq;
create sequence if not exists status_change_id_seq;

create table if not exists uploads (
    upload_id integer primary key default nextval('upload_id_seq'),
    kind varchar not null,            -- survei | intervensi | kontribusi | sasaran
    file_name varchar not null,
    file_shape varchar not null,      -- template | excel_id | xlsx | kobo | odk | demo
    content_hash varchar not null,
    uploaded_by varchar not null,
    uploaded_at timestamp not null default current_timestamp,
    rows_new integer not null default 0,
    rows_changed integer not null default 0,
    rows_unchanged integer not null default 0,
    rows_rejected integer not null default 0,
);

create table if not exists upload_status_changes (
    change_id integer primary key default nextval('status_change_id_seq'),
    upload_id integer not null,
    status varchar not null,          -- withdrawn | active
    changed_by varchar not null,
    changed_at timestamp not null default current_timestamp,
);

create or replace view uploads_active as
with latest_status as (
    select
        upload_id,
        arg_max(status, change_id) as status,
    from upload_status_changes
    group by all
)
select uploads.*
from uploads
left join latest_status using (upload_id)
where coalesce(latest_status.status, 'active') = 'active';
