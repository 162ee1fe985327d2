-- Households without a baseline: no current round 1 among their rounds surveyed by $sampai, so
-- their progress cannot be measured (kemajuan = tanpa_baseline). One row per household, for the
-- uploaders of its area and admins only.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $wilayah_akses (text: the kecamatan or kelurahan code the user may see, whole segments;
--          null = everywhere)
-- Paging:  $limit (integer: rows per page, null = all), $offset (integer: rows skipped, null = none)
-- Returns: id_rumah_tangga, kode_kelurahan, kelurahan, kecamatan (text),
--          putaran_pertama (integer: its lowest round), tanggal_pertama (date: that round's date),
--          jumlah_putaran (bigint: rounds surveyed),
--          baris_total, rumah_tangga_total (bigint: rows and distinct households of the whole list,
--          on every page)
with rounds as (
    select *
    from summary_survei
    where
        tanggal_survei <= $sampai
        and in_scope(kode_kelurahan, $wilayah_akses)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

households as (
    select
        id_rumah_tangga,
        any_value(kode_kelurahan) as kode_kelurahan,
        min(putaran_ke) as putaran_pertama,
        arg_min(tanggal_survei, putaran_ke) as tanggal_pertama,
        count(*) as jumlah_putaran,
    from rounds
    group by id_rumah_tangga
    having min(putaran_ke) > 1
),

listed as materialized (
    select
        households.id_rumah_tangga,
        households.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        households.putaran_pertama,
        households.tanggal_pertama,
        households.jumlah_putaran,
    from households
    join wilayah using (kode_kelurahan)
),

last_step as (
    select * from daftar_bertotal('listed')
)

select * from last_step
order by kecamatan, kelurahan, id_rumah_tangga
limit $limit
offset $offset
