-- After a restore, moves the id sequences past every restored id, so that the next upload and status
-- change never reuse one (a backup can be newer than the database it is restored into).
-- Params:  none
-- Returns: uploads, changes, meetings, actions, statuses (integer): how many values each sequence moved on
select
    (select count(nextval('upload_id_seq')) from range((select coalesce(max(upload_id), 0) from uploads))) as uploads,
    (select count(nextval('status_change_id_seq')) from range((select coalesce(max(change_id), 0) from upload_status_changes))) as changes,
    (select count(nextval('rapat_id_seq')) from range((select coalesce(max(rapat_id), 0) from rapat))) as meetings,
    (select count(nextval('tindak_lanjut_id_seq')) from range((select coalesce(max(tindak_lanjut_id), 0) from tindak_lanjut))) as actions,
    (select count(nextval('tindak_lanjut_status_id_seq')) from range((select coalesce(max(status_id), 0) from tindak_lanjut_status))) as statuses
