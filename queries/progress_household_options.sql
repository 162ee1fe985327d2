-- Households an uploader or admin may open on the progress page: those of the selection inside the
-- user's own area. Household level: never run for viewers.
-- Params:  $area (text: the user's area code, kecamatan or kelurahan; null only for admins),
--          $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: id_rumah_tangga (the pseudonymous programme code), kelurahan (text),
--          kemajuan (text), putaran_terakhir (integer)
select
    kemajuan.id_rumah_tangga,
    wilayah.kelurahan,
    kemajuan.kemajuan,
    kemajuan.putaran_terakhir,
from kemajuan_per(sampai := $sampai, putaran := $putaran) as kemajuan
join wilayah using (kode_kelurahan)
where
    ($area is null or starts_with(kemajuan.kode_kelurahan || '.', $area || '.'))
    and ($kota is null or kemajuan.kode_kota = $kota)
    and ($kecamatan is null or kemajuan.kode_kecamatan = $kecamatan)
    and ($kelurahan is null or kemajuan.kode_kelurahan = $kelurahan)
    and ($kohort is null or kemajuan.kohort = $kohort)
order by kemajuan.id_rumah_tangga
