-- The largest gap of each kind, for the overview: the kelurahan furthest below its enrolment
-- target (sasaran), the household need that the most households still wait for an answer to
-- (kebutuhan: the needs-based gap), and the kelurahan with the most households surveyed again
-- that did not rise a welfare stage (kemajuan).
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: jenis (sasaran | kebutuhan | kemajuan), kode (kelurahan code; the need's code for
--          kebutuhan), kelurahan, kode_kecamatan, kecamatan (text; null for kebutuhan),
--          gap (bigint: households short of the target / with the need unanswered / not risen),
--          rt_terlibat (bigint: households enrolled / with the need / surveyed again),
--          basis (bigint: the target / households with the need / households surveyed again),
--          share (double: gap / basis). One row per kind that has a gap, the largest gap first.
-- Households: gap, rt_terlibat
-- Derived:    gap <- rt_terlibat; basis <- rt_terlibat; share <- gap, rt_terlibat
-- Totals:     jenis
with households as (
    select *
    from summary_kemajuan_per(sampai := $sampai)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

targets as (
    select
        kode_kelurahan,
        sum(jumlah_rt_sasaran)::bigint as sasaran_rt,
    from summary_sasaran
    where
        jenis_intervensi is null
        and tahun <= year($sampai)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
    group by all
),

enrolment_gaps as (
    select
        'sasaran' as jenis,
        targets.kode_kelurahan as kode,
        targets.sasaran_rt - count(households.id_rumah_tangga) as gap,
        count(households.id_rumah_tangga) as rt_terlibat,
        targets.sasaran_rt as basis,
    from targets
    left join households using (kode_kelurahan)
    group by targets.kode_kelurahan, targets.sasaran_rt
),

needs_gaps as (
    select
        'kebutuhan' as jenis,
        kebutuhan as kode,
        count(*) filter (where not terjawab) as gap,
        count(*) as rt_terlibat,
        count(*) as basis,
    from summary_kebutuhan_per(sampai := $sampai)
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
    group by all
),

progress_gaps as (
    select
        'kemajuan' as jenis,
        kode_kelurahan as kode,
        count(*) filter (where kemajuan in ('tetap', 'turun')) as gap,
        count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')) as rt_terlibat,
        count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')) as basis,
    from households
    group by all
),

largest as (
    select *
    from (
        select * from enrolment_gaps
        union all by name
        select * from needs_gaps
        union all by name
        select * from progress_gaps
    )
    where gap > 0
    qualify row_number() over (partition by jenis order by gap desc, kode) = 1
),

last_step as (
    select
        largest.jenis,
        largest.kode,
        wilayah.kelurahan,
        wilayah.kode_kecamatan,
        wilayah.kecamatan,
        largest.gap,
        largest.rt_terlibat,
        largest.basis,
        largest.gap / largest.basis as share,
    from largest
    left join wilayah on wilayah.kode_kelurahan = largest.kode
)

select * from last_step
order by gap desc, jenis
