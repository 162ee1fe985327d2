-- Domain measures round by round for each cohort (baseline year): every household of the selection
-- surveyed in that round counts in it, so later rounds hold only the households reached again.
-- One row per cohort, round and measure.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: kohort (integer), putaran_ke (integer), ukuran (measure code), urutan (integer),
--          satuan (share | skor | sesi), arah (1 = higher is better, -1 = lower is better),
--          households (bigint), nilai (double: mean, or share between 0 and 1)
-- Households: households
-- Derived:    nilai <- households
with households as (
    select
        id_rumah_tangga,
        kohort,
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kohort = $kohort)
),

rounds as (
    select
        households.kohort,
        summary_survei.*,
    from summary_survei
    join households using (id_rumah_tangga)
    where
        summary_survei.tanggal_survei <= $sampai
        and ($putaran is null or summary_survei.putaran_ke <= $putaran)
),

measures as (
    select *
    from (
        values
            ('phbs_skor', 1, 'skor', 1),
            ('rt_ber_phbs', 2, 'share', 1),
            ('berisiko_stunting', 3, 'share', -1),
            ('skor_kebersihan_rumah', 4, 'skor', 1),
            ('ikut_sesi_parenting', 5, 'sesi', 1),
            ('skor_ketahanan', 6, 'skor', 1),
            ('ketahanan_tangguh', 7, 'share', 1),
            ('ketahanan_rentan', 8, 'share', -1),
            ('ikut_pelatihan_usaha', 9, 'share', 1),
            ('sumber_penghasilan', 10, 'share', 1)
    ) as measure (ukuran, urutan, satuan, arah)
),

-- One pass over the rounds, a column per measure; then a row per measure of the few groups.
per_round as (
    select
        kohort,
        putaran_ke,
        count(phbs_skor) as households_phbs_skor,
        avg((phbs_skor)::double) as nilai_phbs_skor,
        count(rt_ber_phbs::integer) as households_rt_ber_phbs,
        avg((rt_ber_phbs::integer)::double) as nilai_rt_ber_phbs,
        count(keluarga_berisiko_stunting::integer) as households_berisiko_stunting,
        avg((keluarga_berisiko_stunting::integer)::double) as nilai_berisiko_stunting,
        count(skor_kebersihan_rumah) as households_skor_kebersihan_rumah,
        avg((skor_kebersihan_rumah)::double) as nilai_skor_kebersihan_rumah,
        count(ikut_sesi_parenting) as households_ikut_sesi_parenting,
        avg((ikut_sesi_parenting)::double) as nilai_ikut_sesi_parenting,
        count(skor_ketahanan) as households_skor_ketahanan,
        avg((skor_ketahanan)::double) as nilai_skor_ketahanan,
        count((band_ketahanan = 'tangguh')::integer) as households_ketahanan_tangguh,
        avg(((band_ketahanan = 'tangguh')::integer)::double) as nilai_ketahanan_tangguh,
        count((band_ketahanan = 'rentan')::integer) as households_ketahanan_rentan,
        avg(((band_ketahanan = 'rentan')::integer)::double) as nilai_ketahanan_rentan,
        count((ikut_pelatihan_usaha = 'ya')::integer) as households_ikut_pelatihan_usaha,
        avg(((ikut_pelatihan_usaha = 'ya')::integer)::double) as nilai_ikut_pelatihan_usaha,
        count((ib_sumber_penghasilan = 'ya')::integer) as households_sumber_penghasilan,
        avg(((ib_sumber_penghasilan = 'ya')::integer)::double) as nilai_sumber_penghasilan,
    from rounds
    group by all
),

summarised as (
    select
        kohort,
        putaran_ke,
        unnest([
            {ukuran: 'phbs_skor', households: households_phbs_skor, nilai: nilai_phbs_skor},
            {ukuran: 'rt_ber_phbs', households: households_rt_ber_phbs, nilai: nilai_rt_ber_phbs},
            {ukuran: 'berisiko_stunting', households: households_berisiko_stunting, nilai: nilai_berisiko_stunting},
            {ukuran: 'skor_kebersihan_rumah', households: households_skor_kebersihan_rumah, nilai: nilai_skor_kebersihan_rumah},
            {ukuran: 'ikut_sesi_parenting', households: households_ikut_sesi_parenting, nilai: nilai_ikut_sesi_parenting},
            {ukuran: 'skor_ketahanan', households: households_skor_ketahanan, nilai: nilai_skor_ketahanan},
            {ukuran: 'ketahanan_tangguh', households: households_ketahanan_tangguh, nilai: nilai_ketahanan_tangguh},
            {ukuran: 'ketahanan_rentan', households: households_ketahanan_rentan, nilai: nilai_ketahanan_rentan},
            {ukuran: 'ikut_pelatihan_usaha', households: households_ikut_pelatihan_usaha, nilai: nilai_ikut_pelatihan_usaha},
            {ukuran: 'sumber_penghasilan', households: households_sumber_penghasilan, nilai: nilai_sumber_penghasilan}
        ], recursive := true),
    from per_round
),

last_step as (
    select
        summarised.kohort,
        summarised.putaran_ke,
        summarised.ukuran,
        measures.urutan,
        measures.satuan,
        measures.arah,
        summarised.households,
        summarised.nilai,
    from summarised
    join measures using (ukuran)
)

select * from last_step
order by urutan, kohort, putaran_ke
