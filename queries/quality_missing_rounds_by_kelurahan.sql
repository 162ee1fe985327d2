-- Households missing an expected survey round per kelurahan, by reason (the definitions are in
-- quality_missing_rounds_households.sql): one row per kelurahan of the selection with at least
-- one, for everyone allowed on the data-quality page. A household with a skipped round that is
-- also overdue counts under both reasons.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $bulan (integer: months, e.g. 9)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), rumah_tangga (bigint: households surveyed
--          there by $sampai), rt_putaran_terlewat, rt_terlambat (bigint: households per reason)
-- Households: rumah_tangga, rt_putaran_terlewat, rt_terlambat
-- Totals:     kode_kelurahan
-- Own area:   kode_kelurahan
with rounds as (
    select
        id_rumah_tangga,
        kode_kelurahan,
        kode_kecamatan,
        kode_kota,
        putaran_ke,
        tanggal_survei,
    from summary_survei
    where tanggal_survei <= $sampai
),

kelurahan_latest as (
    select
        kode_kelurahan,
        max(tanggal_survei) as survei_kelurahan_terakhir,
    from rounds
    group by kode_kelurahan
),

households as (
    select
        id_rumah_tangga,
        any_value(kode_kelurahan) as kode_kelurahan,
        any_value(kode_kecamatan) as kode_kecamatan,
        any_value(kode_kota) as kode_kota,
        max(putaran_ke) as putaran_terakhir,
        max(tanggal_survei) as tanggal_terakhir,
        -- rounds 2 .. latest are latest - 1 rounds when none is missing (a round appears once)
        count(*) filter (where putaran_ke > 1) < max(putaran_ke) - 1 as putaran_terlewat,
    from rounds
    group by id_rumah_tangga
),

chosen as (
    select
        households.*,
        kelurahan_latest.survei_kelurahan_terakhir,
    from households
    join kelurahan_latest using (kode_kelurahan)
    where
        in_area(households.kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

per_kelurahan as (
    select
        kode_kelurahan,
        count(*) as rumah_tangga,
        count(*) filter (where putaran_terlewat) as rt_putaran_terlewat,
        count(*) filter (where tanggal_terakhir + to_months($bulan) < survei_kelurahan_terakhir) as rt_terlambat,
    from chosen
    group by kode_kelurahan
),

last_step as (
    select
        per_kelurahan.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_kelurahan.rumah_tangga,
        per_kelurahan.rt_putaran_terlewat,
        per_kelurahan.rt_terlambat,
    from per_kelurahan
    join wilayah using (kode_kelurahan)
    where per_kelurahan.rt_putaran_terlewat + per_kelurahan.rt_terlambat > 0
)

select * from last_step
order by rt_putaran_terlewat + rt_terlambat desc, kecamatan, kelurahan
