-- Which committed state of the programme's data a read sees (one row): it changes with every upload,
-- undo and redo, with the settings (the sample-data mark), and with meetings, their closing and
-- their follow-up actions, so results cached under it are of
-- that state alone.
-- Params:  none
-- Returns: versi (text)
select
    concat_ws(
        '/',
        (select max(upload_id) from uploads),
        (select max(change_id) from upload_status_changes),
        (select md5(string_agg(key || '=' || value, ';' order by key)) from settings),
        (select max(rapat_id) || ':' || count(ditutup_pada) from rapat),
        (select max(tindak_lanjut_id) from tindak_lanjut),
        (select max(status_id) from tindak_lanjut_status)
    ) as versi
