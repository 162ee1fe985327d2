-- The interventions one household received, newest first, with the agency that delivered them.
-- Household level: never run for viewers; $wilayah_akses keeps an uploader inside their own area.
-- Params:  $id_rumah_tangga (text), $wilayah_akses (text: the user's area code, kecamatan or kelurahan; null only
--          for admins), $sampai (date)
-- Returns: tanggal (date), jenis_intervensi (code), kode_lembaga (code), lembaga (agency name),
--          jumlah (double), satuan (text)
select
    summary_intervensi.tanggal,
    summary_intervensi.jenis_intervensi,
    summary_intervensi.kode_lembaga,
    lembaga.nama as lembaga,
    summary_intervensi.jumlah,
    summary_intervensi.satuan,
from summary_intervensi
left join lembaga on lembaga.kode = summary_intervensi.kode_lembaga
where
    summary_intervensi.id_rumah_tangga = $id_rumah_tangga
    and in_scope(summary_intervensi.kode_kelurahan, $wilayah_akses)
    and summary_intervensi.tanggal <= $sampai
order by summary_intervensi.tanggal desc, summary_intervensi.id_kegiatan
