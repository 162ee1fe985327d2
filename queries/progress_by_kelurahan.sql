-- Progress since baseline per kelurahan, to rank where it lags. One row per kelurahan with a
-- household enrolled in the selection.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: kode_wilayah, wilayah (kelurahan code and name), kecamatan (text), naik (bigint:
--          households up a stage), belum_naik (bigint: same or down), turun (bigint: of those,
--          down), rt_dengan_kemajuan (bigint: households surveyed again, naik + belum_naik),
--          share (double: naik / rt_dengan_kemajuan, null when nobody was surveyed again)
-- Households: naik, belum_naik, turun, rt_dengan_kemajuan
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

per_area as (
    select
        kode_kelurahan as kode_wilayah,
        count(*) filter (where kemajuan = 'naik') as naik,
        count(*) filter (where kemajuan in ('tetap', 'turun')) as belum_naik,
        count(*) filter (where kemajuan = 'turun') as turun,
        count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')) as rt_dengan_kemajuan,
    from households
    group by all
),

last_step as (
    select
        per_area.kode_wilayah,
        wilayah.kelurahan as wilayah,
        wilayah.kecamatan,
        per_area.naik,
        per_area.belum_naik,
        per_area.turun,
        per_area.rt_dengan_kemajuan,
        per_area.naik / nullif(per_area.rt_dengan_kemajuan, 0) as share,
    from per_area
    join wilayah on wilayah.kode_kelurahan = per_area.kode_wilayah
)

select * from last_step
order by share nulls last, wilayah
