-- One upload and whether it is active or withdrawn now.
-- Params:  $upload_id (integer)
-- Returns: upload_id (integer), kind (text), file_name (text), uploaded_by (text),
--          status (text: active | withdrawn); zero or one row
select
    uploads.upload_id,
    uploads.kind,
    uploads.file_name,
    uploads.uploaded_by,
    coalesce(arg_max(upload_status_changes.status, upload_status_changes.change_id), 'active')
        as status,
from uploads
left join upload_status_changes using (upload_id)
where uploads.upload_id = $upload_id
group by all
