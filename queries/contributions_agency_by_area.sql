-- Who does what where: per agency and area, its deliveries, the households they reached and the
-- rupiah value it contributed there. Areas are kecamatan, or kelurahan once a kecamatan or a
-- kelurahan is chosen. City-wide contributions (no kelurahan) form their own row with a null area,
-- for the whole programme or a kota only.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date),
--          $lembaga (agency code, null = every agency)
-- Returns: kode_lembaga, kode_wilayah, wilayah (text; null = city-wide), kegiatan (deliveries),
--          rt_dijangkau (distinct households reached), nilai_idr (rupiah value contributed)
-- Households: rt_dijangkau
with deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and ($lembaga is null or kode_lembaga = $lembaga)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

contributions as (
    select *
    from summary_kontribusi
    where
        tanggal between $dari and $sampai
        and ($lembaga is null or kode_lembaga = $lembaga)
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

activity as (
    select
        kode_lembaga,
        kode_kelurahan,
        id_rumah_tangga,
        1 as kegiatan,
        0 as nilai_idr,
    from deliveries
    union all
    select
        kode_lembaga,
        kode_kelurahan,
        null as id_rumah_tangga,
        0 as kegiatan,
        coalesce(nilai_idr, case when jenis_kontribusi = 'dana_idr' then jumlah end, 0) as nilai_idr,
    from contributions
),

placed as (
    select
        activity.*,
        per_chosen_level(wilayah.kode_kecamatan, wilayah.kode_kelurahan, $kecamatan, $kelurahan) as kode_wilayah,
        per_chosen_level(wilayah.kecamatan, wilayah.kelurahan, $kecamatan, $kelurahan) as wilayah,
    from activity
    left join wilayah using (kode_kelurahan)
),

last_step as (
    select
        kode_lembaga,
        kode_wilayah,
        wilayah,
        sum(kegiatan)::bigint as kegiatan,
        count(distinct id_rumah_tangga) as rt_dijangkau,
        sum(nilai_idr)::double as nilai_idr,
    from placed
    group by all
)

select * from last_step
order by kode_lembaga, wilayah nulls last
