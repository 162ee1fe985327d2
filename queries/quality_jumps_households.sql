-- Implausible changes between two consecutive rounds of a household (consecutive among its current
-- rounds, so rounds 1 and 3 when 2 is missing): the welfare stage up three or more stages
-- (summary_survei.tahapan_urut, e.g. pra_sejahtera to ks_3), or the household size
-- (jumlah_anggota_keluarga) changing by more than 5. Pairs whose later round was surveyed between
-- $dari and $sampai. One row per such pair, for the uploaders of its area and admins.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date),
--          $wilayah_akses (text: the kecamatan or kelurahan code the user may see, whole segments;
--          null = everywhere)
-- Paging:  $limit (integer: rows per page, null = all), $offset (integer: rows skipped, null = none)
-- Returns: id_rumah_tangga, kode_kelurahan, kelurahan, kecamatan (text), putaran_dari, putaran_ke
--          (integer), tanggal_dari, tanggal_ke (date), tahapan_dari, tahapan_ke (text: tahapan_ks),
--          naik_tahapan (integer: stages up, negative down), anggota_dari, anggota_ke (integer),
--          lompat_tahapan, ubah_anggota (boolean: which of the two rules the pair breaks),
--          baris_total, rumah_tangga_total (bigint: rows and distinct households of the whole list,
--          on every page)
with rounds as (
    select
        id_rumah_tangga,
        kode_kelurahan,
        putaran_ke,
        tanggal_survei,
        tahapan_ks,
        tahapan_urut,
        jumlah_anggota_keluarga,
        lag(putaran_ke) over household as putaran_dari,
        lag(tanggal_survei) over household as tanggal_dari,
        lag(tahapan_ks) over household as tahapan_dari,
        lag(tahapan_urut) over household as tahapan_urut_dari,
        lag(jumlah_anggota_keluarga) over household as anggota_dari,
    from summary_survei
    where
        tanggal_survei <= $sampai
        and in_scope(kode_kelurahan, $wilayah_akses)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
    window household as (partition by id_rumah_tangga order by putaran_ke)
),

pairs as (
    select
        *,
        tahapan_urut - tahapan_urut_dari as naik_tahapan,
        tahapan_urut - tahapan_urut_dari >= 3 as lompat_tahapan,
        abs(jumlah_anggota_keluarga - anggota_dari) > 5 as ubah_anggota,
    from rounds
    where putaran_dari is not null and tanggal_survei >= $dari
),

listed as materialized (
    select
        pairs.id_rumah_tangga,
        pairs.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        pairs.putaran_dari,
        pairs.putaran_ke,
        pairs.tanggal_dari,
        pairs.tanggal_survei as tanggal_ke,
        pairs.tahapan_dari,
        pairs.tahapan_ks as tahapan_ke,
        pairs.naik_tahapan,
        pairs.anggota_dari,
        pairs.jumlah_anggota_keluarga as anggota_ke,
        pairs.lompat_tahapan,
        pairs.ubah_anggota,
    from pairs
    join wilayah using (kode_kelurahan)
    where pairs.lompat_tahapan or pairs.ubah_anggota
),

last_step as (
    select * from daftar_bertotal('listed')
)

select * from last_step
order by kecamatan, kelurahan, id_rumah_tangga, putaran_ke
limit $limit
offset $offset
