-- Kota, kecamatan and kelurahan that the programme works in (a household, a target or an activity
-- there), for the sidebar filters and for checking filter values that arrive in the URL.
-- Params:  none
-- Returns: kode_kota, kota, kode_kecamatan, kecamatan, kode_kelurahan, kelurahan (text)
with programme_areas as (
    select kode_kelurahan from summary_survei
    union
    select kode_kelurahan from summary_sasaran
    union
    select kode_kelurahan from summary_intervensi
)

select
    wilayah.kode_kota,
    wilayah.kota,
    wilayah.kode_kecamatan,
    wilayah.kecamatan,
    wilayah.kode_kelurahan,
    wilayah.kelurahan,
from wilayah
semi join programme_areas using (kode_kelurahan)
order by kota, kecamatan, kelurahan
