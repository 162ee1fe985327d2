-- Household-level list of overlaps: one row per household and intervention type received from two or
-- more agencies in the period. Uploaders (their area) and admins only.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date),
--          $wilayah_akses (text: the kecamatan or kelurahan code the user may see, whole segments; null = everywhere)
-- Paging:  $limit (integer: rows per page, null = all), $offset (integer: rows skipped, null = none)
-- Returns: id_rumah_tangga, kode_kelurahan, kelurahan, jenis_intervensi (code), lembaga (agency
--          codes separated by spaces), kegiatan (deliveries), tanggal_pertama, tanggal_terakhir (date),
--          baris_total, rumah_tangga_total (bigint: rows and distinct households of the whole list,
--          on every page)
with deliveries as (
    select *
    from summary_intervensi
    where
        id_rumah_tangga is not null
        and tanggal between $dari and $sampai
        and in_scope(kode_kelurahan, $wilayah_akses)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

-- households and types with two or more agencies (their smallest and largest codes differ)
per_household as (
    select
        id_rumah_tangga,
        kode_kelurahan,
        jenis_intervensi,
        count(*) as kegiatan,
        min(tanggal) as tanggal_pertama,
        max(tanggal) as tanggal_terakhir,
    from deliveries
    group by all
    having min(kode_lembaga) <> max(kode_lembaga)
),

agencies as (
    select
        id_rumah_tangga,
        kode_kelurahan,
        jenis_intervensi,
        string_agg(distinct kode_lembaga, ' ' order by kode_lembaga) as lembaga,
    from deliveries
    semi join per_household using (id_rumah_tangga, kode_kelurahan, jenis_intervensi)
    group by all
),

listed as materialized (
    select
        per_household.id_rumah_tangga,
        per_household.kode_kelurahan,
        wilayah.kelurahan,
        per_household.jenis_intervensi,
        agencies.lembaga,
        per_household.kegiatan,
        per_household.tanggal_pertama,
        per_household.tanggal_terakhir,
    from per_household
    join agencies using (id_rumah_tangga, kode_kelurahan, jenis_intervensi)
    join wilayah using (kode_kelurahan)
),

last_step as (
    select * from daftar_bertotal('listed')
)

select * from last_step
order by kelurahan, id_rumah_tangga, jenis_intervensi
limit $limit
offset $offset
