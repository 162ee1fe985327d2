-- One household's needs from its latest round up to $sampai, open ones (no answering intervention
-- delivered) first. Household level: never run for viewers; $wilayah_akses keeps an uploader in their area.
-- Params:  $id_rumah_tangga (text), $wilayah_akses (text: the user's area code, kecamatan or kelurahan; null only
--          for admins), $sampai (date)
-- Returns: kebutuhan (need code), terjawab (boolean: an intervention answering it reached the household)
select
    kebutuhan,
    terjawab,
from summary_kebutuhan_per(sampai := $sampai)
where
    id_rumah_tangga = $id_rumah_tangga
    and in_scope(kode_kelurahan, $wilayah_akses)
order by terjawab, kebutuhan
