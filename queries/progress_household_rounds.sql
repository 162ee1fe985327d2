-- One household's survey rounds with the measures the progress page compares: one row per round.
-- Household level: never run for viewers; $wilayah_akses keeps an uploader inside their own area.
-- Params:  $id_rumah_tangga (text), $wilayah_akses (text: the user's area code, kecamatan or kelurahan; null only
--          for admins), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: putaran_ke (integer), tanggal_survei (date), tahapan_ks (stage code), phbs_skor (integer),
--          rt_ber_phbs, berisiko_stunting (boolean), skor_kebersihan_rumah, ikut_sesi_parenting
--          (integer), skor_ketahanan (double), band_ketahanan (code), ikut_pelatihan_usaha,
--          sumber_penghasilan (ya | tidak)
select
    putaran_ke,
    tanggal_survei,
    tahapan_ks,
    phbs_skor,
    rt_ber_phbs,
    keluarga_berisiko_stunting as berisiko_stunting,
    skor_kebersihan_rumah,
    ikut_sesi_parenting,
    skor_ketahanan,
    band_ketahanan,
    ikut_pelatihan_usaha,
    ib_sumber_penghasilan as sumber_penghasilan,
from summary_survei
where
    id_rumah_tangga = $id_rumah_tangga
    and in_scope(kode_kelurahan, $wilayah_akses)
    and tanggal_survei <= $sampai
    and ($putaran is null or putaran_ke <= $putaran)
order by putaran_ke
