-- The interventions one household received, newest first, with the agency that delivered them.
-- Household level: never run for viewers; $area keeps an uploader inside their own area.
-- Params:  $id_rumah_tangga (text), $area (text: the user's area code, kecamatan or kelurahan; null only
--          for admins), $sampai (date)
-- Returns: tanggal (date), jenis_intervensi (code), kode_lembaga (code), lembaga (agency name),
--          jumlah (double), satuan (text)
select
    intervensi_terkini.tanggal,
    intervensi_terkini.jenis_intervensi,
    intervensi_terkini.kode_lembaga,
    lembaga.nama as lembaga,
    intervensi_terkini.jumlah,
    intervensi_terkini.satuan,
from intervensi_terkini
left join lembaga on lembaga.kode = intervensi_terkini.kode_lembaga
where
    intervensi_terkini.id_rumah_tangga = $id_rumah_tangga
    and ($area is null or starts_with(intervensi_terkini.kode_kelurahan || '.', $area || '.'))
    and intervensi_terkini.tanggal <= $sampai
order by intervensi_terkini.tanggal desc, intervensi_terkini.id_kegiatan
