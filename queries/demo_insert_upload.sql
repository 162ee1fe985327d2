-- Records one batch of demo rows as an upload, so demo data sits in the tables exactly as uploads do.
-- Params:  $kind (text: survei | intervensi | kontribusi | sasaran), $file_name (text),
--          $content_hash (text), $uploaded_at (timestamp), $rows_new (integer)
-- Returns: upload_id (integer) of the new row
insert into uploads (
    kind,
    file_name,
    file_shape,
    content_hash,
    uploaded_by,
    uploaded_at,
    rows_new,
)
values (
    $kind,
    $file_name,
    'demo',
    $content_hash,
    'demo',
    $uploaded_at,
    $rows_new,
)
returning upload_id
