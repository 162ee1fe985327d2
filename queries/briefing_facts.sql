-- What a briefing's footer says of its data: the latest survey, delivery or contribution date up to
-- $sampai, and how many uploads hold the area's rows.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: tanggal_data_terakhir (date), unggahan (bigint), one row
with stored as (
    select kode_kelurahan, tanggal_survei as tanggal, upload_id from summary_survei
    union all
    select kode_kelurahan, tanggal, upload_id from summary_intervensi
    union all
    select kode_kelurahan, tanggal, upload_id from summary_kontribusi
)

select
    max(tanggal) filter (where tanggal <= $sampai) as tanggal_data_terakhir,
    count(distinct upload_id) as unggahan,
from stored
where in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
