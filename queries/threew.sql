-- The 3W table (who does what where): one row per agency, intervention type and kelurahan with
-- deliveries in the chosen area and period, with the administrative names and codes HXL asks for.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_lembaga, nama_lembaga, jenis_lembaga, jenis_intervensi, ranah (sector code),
--          kode_provinsi, provinsi, kode_kota, kota, kode_kecamatan, kecamatan, kode_kelurahan,
--          kelurahan (text), kegiatan (deliveries), rt_dijangkau (distinct households; null for
--          RW- and kelurahan-level types), tanggal_mulai, tanggal_akhir (first and last delivery)
-- Households: rt_dijangkau
with deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

per_row as (
    select
        kode_lembaga,
        jenis_intervensi,
        kode_kelurahan,
        count(*) as kegiatan,
        count(distinct id_rumah_tangga) as rt_dijangkau,
        min(tanggal) as tanggal_mulai,
        max(tanggal) as tanggal_akhir,
    from deliveries
    group by all
),

last_step as (
    select
        per_row.kode_lembaga,
        lembaga.nama as nama_lembaga,
        lembaga.jenis as jenis_lembaga,
        per_row.jenis_intervensi,
        catalogue.ranah,
        left(per_row.kode_kelurahan, 2) as kode_provinsi,
        -- the province's name since UU 151/2024 (the reference CSV still carries the old one)
        'Daerah Khusus Jakarta' as provinsi,
        wilayah.kode_kota,
        wilayah.kota,
        wilayah.kode_kecamatan,
        wilayah.kecamatan,
        wilayah.kode_kelurahan,
        wilayah.kelurahan,
        per_row.kegiatan,
        case when catalogue.tingkat = 'rumah_tangga' then per_row.rt_dijangkau end as rt_dijangkau,
        per_row.tanggal_mulai,
        per_row.tanggal_akhir,
    from per_row
    join wilayah using (kode_kelurahan)
    left join lembaga on lembaga.kode = per_row.kode_lembaga
    left join jenis_intervensi as catalogue on catalogue.kode = per_row.jenis_intervensi
)

select * from last_step
order by kota, kecamatan, kelurahan, nama_lembaga, jenis_intervensi
