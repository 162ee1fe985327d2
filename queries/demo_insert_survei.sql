-- Appends the demo's survey rows from the registered frame demo_survei (one row per household
-- per round, already carrying upload_id and baris). The frame holds every survei column except
-- id_rumah_tangga, composed here from kode_kelurahan and the household's number in its kelurahan
-- (nomor_rumah_tangga), so that millions of ids are never built as Python strings.
-- Params:  none; reads the frame registered as demo_survei (bebenah/demo.py)
insert into survei by name
select
    * exclude (nomor_rumah_tangga),
    -- printf, not lpad: lpad cuts a four-digit number down to three
    'BKK-' || replace(kode_kelurahan::varchar, '.', '') || '-'
    || printf('%03d', nomor_rumah_tangga) as id_rumah_tangga,
from demo_survei
