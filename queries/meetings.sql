-- The coordination meetings, the latest first, with how many follow-up actions each agreed.
-- Params:  none
-- Returns: rapat_id (integer), tanggal (date), judul (text), kode_wilayah (text, null = the whole
--          programme), lembaga_hadir (text[]), ditutup_pada (timestamp, null = still open),
--          ditutup_oleh (text), tindak_lanjut (bigint)
select
    rapat.rapat_id,
    rapat.tanggal,
    rapat.judul,
    rapat.kode_wilayah,
    rapat.lembaga_hadir,
    rapat.ditutup_pada,
    rapat.ditutup_oleh,
    count(tindak_lanjut.tindak_lanjut_id) as tindak_lanjut,
from rapat
left join tindak_lanjut using (rapat_id)
group by all
order by rapat.tanggal desc, rapat.rapat_id desc
