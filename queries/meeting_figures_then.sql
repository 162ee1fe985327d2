-- The figures a closed meeting stored for one area (area_figures as it stood when it closed).
-- Params:  $rapat_id (integer), $kode_wilayah (text, '' for the whole programme)
-- Returns: the columns of area_figures; zero or one row
-- Households: rt_terdaftar, rt_dengan_kemajuan, rt_naik, rt_dijangkau, rt_kebutuhan_terbuka
select * exclude (rapat_id)
from rapat_angka
where rapat_id = $rapat_id and kode_wilayah = $kode_wilayah
