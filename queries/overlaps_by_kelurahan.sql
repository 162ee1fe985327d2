-- Overlaps: per kelurahan and intervention type, the households that received the type from two or
-- more agencies in the period (a sign that agencies could coordinate who serves whom).
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_kelurahan, kelurahan, jenis_intervensi (code), rt_tumpang_tindih (households),
--          kegiatan (their deliveries of the type), lembaga (the agencies' codes, separated by spaces)
-- Households: rt_tumpang_tindih
-- Derived:    kegiatan <- rt_tumpang_tindih
with deliveries as (
    select *
    from summary_intervensi
    where
        id_rumah_tangga is not null
        and tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

overlapping as (
    select
        id_rumah_tangga,
        jenis_intervensi,
    from deliveries
    group by all
    -- two or more agencies: the smallest and largest codes differ
    having min(kode_lembaga) <> max(kode_lembaga)
),

involved as (
    select deliveries.*
    from deliveries
    semi join overlapping using (id_rumah_tangga, jenis_intervensi)
),

last_step as (
    select
        involved.kode_kelurahan,
        wilayah.kelurahan,
        involved.jenis_intervensi,
        count(distinct involved.id_rumah_tangga) as rt_tumpang_tindih,
        count(*) as kegiatan,
        string_agg(distinct involved.kode_lembaga, ' ' order by involved.kode_lembaga) as lembaga,
    from involved
    join wilayah using (kode_kelurahan)
    group by all
)

select * from last_step
order by rt_tumpang_tindih desc, kelurahan, jenis_intervensi
