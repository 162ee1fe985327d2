-- Households with an implausible change between consecutive rounds, per kelurahan and rule (the
-- rules are in quality_jumps_households.sql; later round surveyed between $dari and $sampai). One
-- row per kelurahan of the selection with at least one, for everyone on the data-quality page. A
-- household that breaks both rules counts under both.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), rumah_tangga (bigint: households with a
--          later round surveyed in the period), rt_lompat_tahapan (bigint: up three or more stages),
--          rt_ubah_anggota (bigint: household size changed by more than 5)
-- Households: rumah_tangga, rt_lompat_tahapan, rt_ubah_anggota
-- Totals:     kode_kelurahan
-- Own area:   kode_kelurahan
with rounds as (
    select
        id_rumah_tangga,
        kode_kelurahan,
        tanggal_survei,
        tahapan_urut - lag(tahapan_urut) over household as naik_tahapan,
        abs(jumlah_anggota_keluarga - lag(jumlah_anggota_keluarga) over household) as selisih_anggota,
    from summary_survei
    where
        tanggal_survei <= $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
    window household as (partition by id_rumah_tangga order by putaran_ke)
),

households as (
    select
        id_rumah_tangga,
        any_value(kode_kelurahan) as kode_kelurahan,
        bool_or(naik_tahapan >= 3) as lompat_tahapan,
        bool_or(selisih_anggota > 5) as ubah_anggota,
    from rounds
    where naik_tahapan is not null and tanggal_survei >= $dari
    group by id_rumah_tangga
),

per_kelurahan as (
    select
        kode_kelurahan,
        count(*) as rumah_tangga,
        count(*) filter (where lompat_tahapan) as rt_lompat_tahapan,
        count(*) filter (where ubah_anggota) as rt_ubah_anggota,
    from households
    group by kode_kelurahan
),

last_step as (
    select
        per_kelurahan.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_kelurahan.rumah_tangga,
        per_kelurahan.rt_lompat_tahapan,
        per_kelurahan.rt_ubah_anggota,
    from per_kelurahan
    join wilayah using (kode_kelurahan)
    where per_kelurahan.rt_lompat_tahapan + per_kelurahan.rt_ubah_anggota > 0
)

select * from last_step
order by rt_lompat_tahapan + rt_ubah_anggota desc, kecamatan, kelurahan
