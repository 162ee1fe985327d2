-- Domain measures round by round for each cohort (baseline year): every household of the selection
-- surveyed in that round counts in it, so later rounds hold only the households reached again.
-- One row per cohort, round and measure.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: kohort (integer), putaran_ke (integer), ukuran (measure code), urutan (integer),
--          satuan (share | skor | sesi), arah (1 = higher is better, -1 = lower is better),
--          households (bigint), nilai (double: mean, or share between 0 and 1)
with households as (
    select
        id_rumah_tangga,
        kohort,
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        kemajuan <> 'tanpa_baseline'
        and ($kota is null or kode_kota = $kota)
        and ($kecamatan is null or kode_kecamatan = $kecamatan)
        and ($kelurahan is null or kode_kelurahan = $kelurahan)
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

per_round as (
    select
        kohort,
        putaran_ke,
        unnest([
            {ukuran: 'phbs_skor', nilai: phbs_skor},
            {ukuran: 'rt_ber_phbs', nilai: rt_ber_phbs::integer},
            {ukuran: 'berisiko_stunting', nilai: keluarga_berisiko_stunting::integer},
            {ukuran: 'skor_kebersihan_rumah', nilai: skor_kebersihan_rumah},
            {ukuran: 'ikut_sesi_parenting', nilai: ikut_sesi_parenting},
            {ukuran: 'skor_ketahanan', nilai: skor_ketahanan},
            {ukuran: 'ketahanan_tangguh', nilai: (band_ketahanan = 'tangguh')::integer},
            {ukuran: 'ketahanan_rentan', nilai: (band_ketahanan = 'rentan')::integer},
            {ukuran: 'ikut_pelatihan_usaha', nilai: (ikut_pelatihan_usaha = 'ya')::integer},
            {ukuran: 'sumber_penghasilan', nilai: (ib_sumber_penghasilan = 'ya')::integer}
        ]::struct(ukuran varchar, nilai double)[], recursive := true),
    from rounds
),

summarised as (
    select
        kohort,
        putaran_ke,
        ukuran,
        count(nilai) as households,
        avg(nilai) as nilai,
    from per_round
    group by all
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
