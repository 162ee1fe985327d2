-- Appends a status to an upload: 'withdrawn' undoes it, 'active' redoes it. Nothing is deleted.
-- Params:  $upload_id (integer), $status (text: withdrawn | active), $changed_by (text)
insert into upload_status_changes (upload_id, status, changed_by)
values ($upload_id, $status, $changed_by)
