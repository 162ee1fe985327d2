-- Appends the demo's contributions from the registered frame demo_kontribusi (one row per agency,
-- kind of contribution, purpose, kelurahan or city-wide, and period; with upload_id and baris).
-- id_kontribusi is composed here as KTB-<year>-<number>.
-- Params:  none; reads the frame registered as demo_kontribusi (bebenah/demo.py)
insert into kontribusi by name
select
    * exclude (nomor_kontribusi),
    'KTB-' || year(tanggal) || '-' || printf('%06d', nomor_kontribusi) as id_kontribusi,
from demo_kontribusi
