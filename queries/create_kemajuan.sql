-- Progress per household: its latest round (up to a date) against its baseline (round 1).
-- kemajuan_pasangan: every current round of a household paired with its baseline, as if that round
--   were the latest; baseline_hadir = false pairs it with no baseline (the baseline not surveyed yet).
-- kemajuan_per(sampai := date or null, putaran := integer or null) -> one row per household
-- surveyed by that date; putaran caps the rounds considered (progress as of round N):
--   id_rumah_tangga, kode_kelurahan, kode_kecamatan, kode_kota (from the latest round),
--   kohort (year of the baseline), tanggal_baseline, putaran_terakhir, tanggal_terakhir,
--   <measure>_baseline and <measure>_terakhir for tahapan_ks, tahapan_urut, phbs_skor,
--   rt_ber_phbs, keluarga_berisiko_stunting, skor_kebersihan_rumah, ikut_sesi_parenting,
--   skor_ketahanan, band_ketahanan, ikut_pelatihan_usaha, ib_sumber_penghasilan,
--   kemajuan: naik | tetap | turun, or hanya_baseline (one round only) | tanpa_baseline (no round 1);
--   those two are never counted as "tetap".
-- kemajuan_rumah_tangga: the same over all current rows.
-- These are the definition; pages read kemajuan_pada (create_ringkasan.sql), kept equal to them.
create or replace view kemajuan_pasangan as
with baseline as (
    select *
    from survei_indikator
    where putaran_ke = 1
),

paired as (
    select
        latest.id_rumah_tangga,
        latest.kode_kelurahan,
        latest.kode_kecamatan,
        latest.kode_kota,
        year(baseline.tanggal_survei) as kohort,
        baseline.tanggal_survei as tanggal_baseline,
        latest.putaran_ke as putaran_terakhir,
        latest.tanggal_survei as tanggal_terakhir,
        baseline.tahapan_ks as tahapan_ks_baseline,
        latest.tahapan_ks as tahapan_ks_terakhir,
        baseline.tahapan_urut as tahapan_urut_baseline,
        latest.tahapan_urut as tahapan_urut_terakhir,
        baseline.phbs_skor as phbs_skor_baseline,
        latest.phbs_skor as phbs_skor_terakhir,
        baseline.rt_ber_phbs as rt_ber_phbs_baseline,
        latest.rt_ber_phbs as rt_ber_phbs_terakhir,
        baseline.keluarga_berisiko_stunting as keluarga_berisiko_stunting_baseline,
        latest.keluarga_berisiko_stunting as keluarga_berisiko_stunting_terakhir,
        baseline.skor_kebersihan_rumah as skor_kebersihan_rumah_baseline,
        latest.skor_kebersihan_rumah as skor_kebersihan_rumah_terakhir,
        baseline.ikut_sesi_parenting as ikut_sesi_parenting_baseline,
        latest.ikut_sesi_parenting as ikut_sesi_parenting_terakhir,
        baseline.skor_ketahanan as skor_ketahanan_baseline,
        latest.skor_ketahanan as skor_ketahanan_terakhir,
        baseline.band_ketahanan as band_ketahanan_baseline,
        latest.band_ketahanan as band_ketahanan_terakhir,
        baseline.ikut_pelatihan_usaha as ikut_pelatihan_usaha_baseline,
        latest.ikut_pelatihan_usaha as ikut_pelatihan_usaha_terakhir,
        baseline.ib_sumber_penghasilan as ib_sumber_penghasilan_baseline,
        latest.ib_sumber_penghasilan as ib_sumber_penghasilan_terakhir,
        case
            when baseline.id_rumah_tangga is null then 'tanpa_baseline'
            when latest.putaran_ke = 1 then 'hanya_baseline'
            when latest.tahapan_urut > baseline.tahapan_urut then 'naik'
            when latest.tahapan_urut = baseline.tahapan_urut then 'tetap'
            else 'turun'
        end as kemajuan,
        hadir.baseline_hadir,
    from survei_indikator as latest
    cross join (values (true), (false)) as hadir (baseline_hadir)
    left join baseline
        on baseline.id_rumah_tangga = latest.id_rumah_tangga and hadir.baseline_hadir
)

select * from paired;

create or replace macro kemajuan_per(sampai := null, putaran := null) as table
with rounds as (
    select
        id_rumah_tangga,
        putaran_ke,
    from survei_indikator
    where
        (sampai is null or tanggal_survei <= sampai)
        and (putaran is null or putaran_ke <= putaran)
),

latest as (
    select
        id_rumah_tangga,
        max(putaran_ke) as putaran_terakhir,
        bool_or(putaran_ke = 1) as baseline_hadir,
    from rounds
    group by all
),

progress as (
    select kemajuan_pasangan.* exclude (baseline_hadir)
    from kemajuan_pasangan
    semi join latest using (id_rumah_tangga, putaran_terakhir, baseline_hadir)
)

select * from progress;

create or replace view kemajuan_rumah_tangga as
select * from kemajuan_per();
