-- Household-level list of needs-based gaps, for follow-up by facilitators: one row per household
-- and need that no delivered intervention answers by $sampai. Uploaders (their area) and admins only.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $wilayah_akses (text: the kecamatan or kelurahan code the user may see, whole segments; null = everywhere)
-- Paging:  $limit (integer: rows per page, null = all), $offset (integer: rows skipped, null = none)
-- Returns: id_rumah_tangga, kode_kelurahan, kelurahan, kecamatan (text), rw, rt (integer, from the
--          latest round by $sampai), tanggal_survei (date of that round), kebutuhan (code),
--          baris_total, rumah_tangga_total (bigint: rows and distinct households of the whole list,
--          on every page)
with gaps as (
    select *
    from summary_kebutuhan_per(sampai := $sampai)
    where
        not terjawab
        and in_scope(kode_kelurahan, $wilayah_akses)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

latest_round as (
    -- the household's latest round by $sampai, from its progress row
    select
        summary_survei.id_rumah_tangga,
        summary_survei.rw,
        summary_survei.rt,
        summary_survei.tanggal_survei,
    from summary_kemajuan_per(sampai := $sampai) as progress
    join summary_survei
        on
            summary_survei.id_rumah_tangga = progress.id_rumah_tangga
            and summary_survei.putaran_ke = progress.putaran_terakhir
    semi join gaps on gaps.id_rumah_tangga = progress.id_rumah_tangga
),

listed as materialized (
    select
        gaps.id_rumah_tangga,
        gaps.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        latest_round.rw,
        latest_round.rt,
        latest_round.tanggal_survei,
        gaps.kebutuhan,
    from gaps
    join wilayah using (kode_kelurahan)
    join latest_round using (id_rumah_tangga)
),

last_step as (
    select * from daftar_bertotal('listed')
)

select * from last_step
order by kecamatan, kelurahan, rw, rt, id_rumah_tangga, kebutuhan
limit $limit
offset $offset
