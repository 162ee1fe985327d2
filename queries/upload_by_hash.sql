-- The active upload of a kind with exactly the same file content, if any.
-- Params:  $content_hash (text: sha256 of the bytes), $kind (text)
-- Returns: upload_id (integer), file_name (text), uploaded_by (text), uploaded_at (timestamp);
--          zero or one row
select
    upload_id,
    file_name,
    uploaded_by,
    uploaded_at,
from uploads_active
where content_hash = $content_hash and kind = $kind
order by upload_id desc
limit 1
