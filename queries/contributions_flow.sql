-- The Sankey of who does what where: deliveries flowing from agency to intervention type (langkah 1)
-- and from intervention type to area (langkah 2); areas are kecamatan, or kelurahan once a
-- kecamatan or a kelurahan is chosen.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: langkah (1 or 2), sumber (agency code or intervention type), tujuan (intervention type or
--          area code), nama_tujuan (the area's name in langkah 2, else null), kegiatan (deliveries)
with deliveries as (
    select
        summary_intervensi.*,
        per_chosen_level(wilayah.kode_kecamatan, wilayah.kode_kelurahan, $kecamatan, $kelurahan) as kode_wilayah,
        per_chosen_level(wilayah.kecamatan, wilayah.kelurahan, $kecamatan, $kelurahan) as wilayah,
    from summary_intervensi
    join wilayah using (kode_kelurahan)
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

links as (
    select
        1 as langkah,
        kode_lembaga as sumber,
        jenis_intervensi as tujuan,
        null as nama_tujuan,
        count(*) as kegiatan,
    from deliveries
    group by all
    union all
    select
        2 as langkah,
        jenis_intervensi as sumber,
        kode_wilayah as tujuan,
        wilayah as nama_tujuan,
        count(*) as kegiatan,
    from deliveries
    group by all
),

last_step as (
    select *
    from links
)

select * from last_step
order by langkah, kegiatan desc, sumber, tujuan
