-- How far the uploads have gone: a check made before either number moved may be stale.
-- Params:  none
-- Returns: last_upload (integer), last_change (integer), one row
select
    (select max(upload_id) from uploads) as last_upload,
    (select max(change_id) from upload_status_changes) as last_change
