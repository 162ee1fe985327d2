-- Uploads, newest first, with their status now: the upload history page.
-- Params:  $uploaded_by (text: only this user's uploads; null = everyone's), $limit (integer)
-- Returns: upload_id (integer), kind, file_name, file_shape, uploaded_by (text), uploaded_at
--          (timestamp), rows_new, rows_changed, rows_unchanged, rows_rejected (integer),
--          status (text: active | withdrawn), status_changed_by (text), status_changed_at (timestamp)
with latest_change as (
    select
        upload_id,
        arg_max(status, change_id) as status,
        arg_max(changed_by, change_id) as status_changed_by,
        max(changed_at) as status_changed_at,
    from upload_status_changes
    group by upload_id
),

history as (
    select
        uploads.upload_id,
        uploads.kind,
        uploads.file_name,
        uploads.file_shape,
        uploads.uploaded_by,
        uploads.uploaded_at,
        uploads.rows_new,
        uploads.rows_changed,
        uploads.rows_unchanged,
        uploads.rows_rejected,
        coalesce(latest_change.status, 'active') as status,
        latest_change.status_changed_by,
        latest_change.status_changed_at,
    from uploads
    left join latest_change using (upload_id)
    where $uploaded_by is null or uploads.uploaded_by = $uploaded_by
)

select * from history
order by upload_id desc
limit $limit
