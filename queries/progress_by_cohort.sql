-- Progress since baseline per cohort: the year of the baseline (2023 is the pilot, later years the
-- rollout). One row per cohort with a household enrolled in the selection.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: kohort (integer), naik (bigint: households up a stage), belum_naik (bigint: same or
--          down), turun (bigint: of those, down), hanya_baseline (bigint: baseline only, counted
--          apart), rt_dengan_kemajuan (bigint: households surveyed again, naik + belum_naik),
--          share (double: naik / rt_dengan_kemajuan, null when nobody was surveyed again)
-- Households: naik, belum_naik, turun, rt_dengan_kemajuan, hanya_baseline
-- Derived:    share <- naik, rt_dengan_kemajuan
-- Parts:      naik + belum_naik
with households as (
    select *
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kohort = $kohort)
),

last_step as (
    select
        kohort,
        count(*) filter (where kemajuan = 'naik') as naik,
        count(*) filter (where kemajuan in ('tetap', 'turun')) as belum_naik,
        count(*) filter (where kemajuan = 'turun') as turun,
        count(*) filter (where kemajuan = 'hanya_baseline') as hanya_baseline,
        count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')) as rt_dengan_kemajuan,
        count(*) filter (where kemajuan = 'naik')
        / nullif(count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')), 0) as share,
    from households
    group by all
)

select * from last_step
order by kohort
