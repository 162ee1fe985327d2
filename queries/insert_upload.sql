-- Records one upload and returns its id; its rows follow with insert_<kind>.
-- Params:  $kind, $file_name, $file_shape, $content_hash (sha256 of the bytes), $uploaded_by (text),
--          $rows_new, $rows_changed, $rows_unchanged, $rows_rejected (integer)
-- Returns: upload_id (integer)
insert into uploads (
    kind,
    file_name,
    file_shape,
    content_hash,
    uploaded_by,
    rows_new,
    rows_changed,
    rows_unchanged,
    rows_rejected,
)
values (
    $kind,
    $file_name,
    $file_shape,
    $content_hash,
    $uploaded_by,
    $rows_new,
    $rows_changed,
    $rows_unchanged,
    $rows_rejected,
)
returning upload_id
