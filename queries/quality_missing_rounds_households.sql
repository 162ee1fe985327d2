-- Households missing an expected survey round, as of $sampai (later rounds are ignored, as if the
-- data ended then). One row per household and reason, for the uploaders of its area and admins:
--   putaran_terlewat: a later round exists but a round between 2 and it does not (a missing
--                     round 1 is quality_no_baseline's);
--   terlambat:        its latest round is more than $bulan months older than the latest survey in
--                     its kelurahan: facilitators kept surveying there and this household was left out.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $bulan (integer: months, e.g. 9), $wilayah_akses (text: the kecamatan or kelurahan code
--          the user may see, whole segments; null = everywhere)
-- Paging:  $limit (integer: rows per page, null = all), $offset (integer: rows skipped, null = none)
-- Returns: id_rumah_tangga, kode_kelurahan, kelurahan, kecamatan (text), alasan (text:
--          putaran_terlewat | terlambat), putaran_terakhir (integer), tanggal_terakhir (date),
--          putaran_hilang (text: the missing rounds, e.g. '2, 3'; null for terlambat),
--          survei_kelurahan_terakhir (date: the latest survey in its kelurahan),
--          bulan_tertinggal (bigint: whole months from its latest round to that survey),
--          baris_total, rumah_tangga_total (bigint: rows and distinct households of the whole list,
--          on every page)
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
        in_scope(households.kode_kelurahan, $wilayah_akses)
        and in_area(households.kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

expected as (
    select
        id_rumah_tangga,
        unnest(generate_series(2, putaran_terakhir - 1)) as putaran_ke,
    from chosen
    where putaran_terakhir > 2
),

skipped as (
    select
        id_rumah_tangga,
        string_agg(putaran_ke::varchar, ', ' order by putaran_ke) as putaran_hilang,
    from expected
    anti join rounds using (id_rumah_tangga, putaran_ke)
    group by id_rumah_tangga
),

reasons as (
    select
        chosen.*,
        'putaran_terlewat' as alasan,
        skipped.putaran_hilang,
    from chosen
    join skipped using (id_rumah_tangga)
    union all
    select
        chosen.*,
        'terlambat' as alasan,
        null as putaran_hilang,
    from chosen
    where tanggal_terakhir + to_months($bulan) < survei_kelurahan_terakhir
),

listed as materialized (
    select
        reasons.id_rumah_tangga,
        reasons.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        reasons.alasan,
        reasons.putaran_terakhir,
        reasons.tanggal_terakhir,
        reasons.putaran_hilang,
        reasons.survei_kelurahan_terakhir,
        datesub('month', reasons.tanggal_terakhir, reasons.survei_kelurahan_terakhir) as bulan_tertinggal,
    from reasons
    join wilayah using (kode_kelurahan)
),

last_step as (
    select * from daftar_bertotal('listed')
)

select * from last_step
order by kecamatan, kelurahan, id_rumah_tangga, alasan
limit $limit
offset $offset
