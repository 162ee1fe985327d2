-- Households by progress since baseline: rose, stayed or fell a welfare stage, and the two kinds
-- without progress yet, counted apart (never as "stayed").
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: kemajuan (naik | tetap | turun | hanya_baseline | tanpa_baseline: always all five, in
--          that order), disurvei_ulang (boolean: naik, tetap or turun, i.e. surveyed again),
--          households (bigint), rt_dengan_kemajuan (bigint: households surveyed again),
--          share (double: households / rt_dengan_kemajuan; null for the two counted apart)
-- Households: households, rt_dengan_kemajuan
-- Derived:    share <- households, rt_dengan_kemajuan
-- Totals:     whole; disurvei_ulang
with households as (
    select *
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kohort = $kohort)
),

categories as (
    select
        *,
        kemajuan in ('naik', 'tetap', 'turun') as disurvei_ulang,
    from (
        values
            (1, 'naik'),
            (2, 'tetap'),
            (3, 'turun'),
            (4, 'hanya_baseline'),
            (5, 'tanpa_baseline')
    ) as category (urutan, kemajuan)
),

counted as (
    select
        categories.urutan,
        categories.kemajuan,
        categories.disurvei_ulang,
        count(households.id_rumah_tangga) as households,
    from categories
    left join households using (kemajuan)
    group by all
),

totals as (
    select
        *,
        coalesce(sum(households) filter (where disurvei_ulang) over (), 0)::bigint as rt_dengan_kemajuan,
    from counted
),

last_step as (
    select
        urutan,
        kemajuan,
        disurvei_ulang,
        households,
        rt_dengan_kemajuan,
        case when disurvei_ulang then households / nullif(rt_dengan_kemajuan, 0) end as share,
    from totals
)

select * exclude (urutan) from last_step
order by urutan
