-- Appends the demo's deliveries from the registered frame demo_intervensi (one row per delivery,
-- already carrying upload_id and baris). id_kegiatan is composed here as KGT-<year>-<number>, and
-- id_rumah_tangga from kode_kelurahan and nomor_rumah_tangga (null for RW- and kelurahan-level rows).
-- Params:  none; reads the frame registered as demo_intervensi (bebenah/demo.py)
insert into intervensi by name
select
    * exclude (nomor_kegiatan, nomor_rumah_tangga),
    'KGT-' || year(tanggal) || '-' || printf('%06d', nomor_kegiatan) as id_kegiatan,
    -- printf, not lpad: lpad cuts a four-digit number down to three
    'BKK-' || replace(kode_kelurahan::varchar, '.', '') || '-'
    || printf('%03d', nomor_rumah_tangga) as id_rumah_tangga,
from demo_intervensi
