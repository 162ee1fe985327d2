-- Domain measures of the households surveyed again, at baseline and in their latest round: for the
-- whole selection and per kecamatan (per kelurahan once a kecamatan or kelurahan is chosen).
-- One row per measure and area; the row with kode_wilayah null is the whole selection.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: ukuran (measure code), urutan (integer, display order), satuan (share | skor | sesi),
--          arah (1 = higher is better, -1 = lower is better), kode_wilayah, wilayah (text, null for
--          the whole selection), households (bigint: households with the measure in both rounds),
--          baseline, terakhir (double: mean, or share between 0 and 1), perubahan (terakhir - baseline)
-- Households: households
-- Derived:    baseline <- households; terakhir <- households; perubahan <- households
-- Totals:     ukuran
with households as (
    select
        *,
        per_chosen_level(kode_kecamatan, kode_kelurahan, $kecamatan, $kelurahan) as kode_wilayah,
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        kemajuan in ('naik', 'tetap', 'turun')
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kohort = $kohort)
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

per_household as (
    select
        kode_wilayah,
        unnest([
            {ukuran: 'phbs_skor', baseline: phbs_skor_baseline, terakhir: phbs_skor_terakhir},
            {ukuran: 'rt_ber_phbs', baseline: rt_ber_phbs_baseline::integer,
             terakhir: rt_ber_phbs_terakhir::integer},
            {ukuran: 'berisiko_stunting', baseline: keluarga_berisiko_stunting_baseline::integer,
             terakhir: keluarga_berisiko_stunting_terakhir::integer},
            {ukuran: 'skor_kebersihan_rumah', baseline: skor_kebersihan_rumah_baseline,
             terakhir: skor_kebersihan_rumah_terakhir},
            {ukuran: 'ikut_sesi_parenting', baseline: ikut_sesi_parenting_baseline,
             terakhir: ikut_sesi_parenting_terakhir},
            {ukuran: 'skor_ketahanan', baseline: skor_ketahanan_baseline, terakhir: skor_ketahanan_terakhir},
            {ukuran: 'ketahanan_tangguh', baseline: (band_ketahanan_baseline = 'tangguh')::integer,
             terakhir: (band_ketahanan_terakhir = 'tangguh')::integer},
            {ukuran: 'ketahanan_rentan', baseline: (band_ketahanan_baseline = 'rentan')::integer,
             terakhir: (band_ketahanan_terakhir = 'rentan')::integer},
            {ukuran: 'ikut_pelatihan_usaha', baseline: (ikut_pelatihan_usaha_baseline = 'ya')::integer,
             terakhir: (ikut_pelatihan_usaha_terakhir = 'ya')::integer},
            {ukuran: 'sumber_penghasilan', baseline: (ib_sumber_penghasilan_baseline = 'ya')::integer,
             terakhir: (ib_sumber_penghasilan_terakhir = 'ya')::integer}
        ]::struct(ukuran varchar, baseline double, terakhir double)[], recursive := true),
    from households
),

per_area as (
    select
        ukuran,
        kode_wilayah,
        count(*) as households,
        avg(baseline) as baseline,
        avg(terakhir) as terakhir,
    from per_household
    -- a score can be missing (no applicable ketahanan item): compare households measured twice
    where baseline is not null and terakhir is not null
    group by grouping sets ((ukuran, kode_wilayah), (ukuran))
),

last_step as (
    select
        measures.ukuran,
        measures.urutan,
        measures.satuan,
        measures.arah,
        per_area.kode_wilayah,
        coalesce(kelurahan_names.kelurahan, kecamatan_names.kecamatan) as wilayah,
        per_area.households,
        per_area.baseline,
        per_area.terakhir,
        per_area.terakhir - per_area.baseline as perubahan,
    from per_area
    join measures using (ukuran)
    left join (select distinct kode_kecamatan, kecamatan from wilayah) as kecamatan_names
        on kecamatan_names.kode_kecamatan = per_area.kode_wilayah
    left join wilayah as kelurahan_names
        on kelurahan_names.kode_kelurahan = per_area.kode_wilayah
)

select * from last_step
order by urutan, kode_wilayah nulls first
