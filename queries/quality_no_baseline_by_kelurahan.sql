-- Households without a baseline per kelurahan (see quality_no_baseline_households.sql): one row
-- per kelurahan of the selection with at least one, for everyone allowed on the data-quality page.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), rumah_tangga (bigint: households surveyed
--          there by $sampai), rt_tanpa_baseline (bigint: of those, without a round 1)
-- Households: rumah_tangga, rt_tanpa_baseline
-- Totals:     kode_kelurahan
-- Own area:   kode_kelurahan
with rounds as (
    select *
    from summary_survei
    where
        tanggal_survei <= $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

households as (
    select
        id_rumah_tangga,
        any_value(kode_kelurahan) as kode_kelurahan,
        min(putaran_ke) > 1 as tanpa_baseline,
    from rounds
    group by id_rumah_tangga
),

per_kelurahan as (
    select
        kode_kelurahan,
        count(*) as rumah_tangga,
        count(*) filter (where tanpa_baseline) as rt_tanpa_baseline,
    from households
    group by kode_kelurahan
    having count(*) filter (where tanpa_baseline) > 0
),

last_step as (
    select
        per_kelurahan.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_kelurahan.rumah_tangga,
        per_kelurahan.rt_tanpa_baseline,
    from per_kelurahan
    join wilayah using (kode_kelurahan)
)

select * from last_step
order by rt_tanpa_baseline desc, kecamatan, kelurahan
