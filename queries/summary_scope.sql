-- Names what refresh_summary.sql brings up to date: the keys of one upload, or everything.
-- Params:  $upload_id (integer: the upload just committed, undone or redone; null = all data)
set variable summary_upload = $upload_id::integer
