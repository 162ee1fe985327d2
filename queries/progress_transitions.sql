-- Welfare-stage transitions of the households surveyed again: baseline stage to latest stage.
-- One row per (baseline stage, latest stage) pair that at least one household made.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $kohort (integer baseline year,
--          null = all), $putaran (integer: rounds up to this one, null = every round), $sampai (date)
-- Returns: tahapan_ks_baseline, tahapan_ks_terakhir (text stage codes), tahapan_urut_baseline,
--          tahapan_urut_terakhir (integer 0-4), kemajuan (naik | tetap | turun),
--          households (bigint), share (double: of the households that started in that stage)
-- Households: households
-- Derived:    share <- households
-- Totals:     tahapan_ks_baseline; tahapan_ks_terakhir
with households as (
    select *
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran)
    where
        kemajuan in ('naik', 'tetap', 'turun')
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kohort = $kohort)
),

transitions as (
    select
        tahapan_ks_baseline,
        tahapan_ks_terakhir,
        tahapan_urut_baseline,
        tahapan_urut_terakhir,
        kemajuan,
        count(*) as households,
    from households
    group by all
),

last_step as (
    select
        *,
        households / sum(households) over (partition by tahapan_ks_baseline) as share,
    from transitions
)

select * from last_step
order by tahapan_urut_baseline, tahapan_urut_terakhir
