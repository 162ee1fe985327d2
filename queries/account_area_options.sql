-- Every kecamatan and kelurahan of DKI Jakarta, as an uploader's area can be chosen on the accounts
-- screen (an area the programme has not reached yet included).
-- Params:  none
-- Returns: kode (text: kecamatan or kelurahan code), nama (text: "Kec. Jagakarsa" or
--          "Tanjung Barat (Jagakarsa)"), in order of kecamatan, then its kelurahan
select kode, nama
from (
    select distinct kode_kecamatan as kode, 'Kec. ' || kecamatan as nama, kode_kecamatan as urut
    from wilayah
    union all
    select kode_kelurahan, kelurahan || ' (' || kecamatan || ')', kode_kecamatan || '.' || kode_kelurahan
    from wilayah
)
order by urut
