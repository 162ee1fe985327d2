-- Reach of each household-level intervention type in each kelurahan, for the heatmap: every
-- kelurahan with enrolled households in the chosen area against every household-level type
-- delivered there in the period, zeros included (a zero is where the programme does not reach).
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_kelurahan, kelurahan, jenis_intervensi (code), rt_terdaftar (households enrolled
--          in the kelurahan by $sampai), rt_dijangkau (of them, households that received the type
--          from $dari to $sampai), cakupan (reached / enrolled), kegiatan (deliveries)
-- Households: rt_terdaftar, rt_dijangkau
-- Derived:    cakupan <- rt_terdaftar, rt_dijangkau
with households as (
    select
        id_rumah_tangga,
        kode_kelurahan,
    from summary_kemajuan_per(sampai := $sampai)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

deliveries as (
    select summary_intervensi.*
    from summary_intervensi
    join jenis_intervensi as catalogue on catalogue.kode = summary_intervensi.jenis_intervensi
    where
        catalogue.tingkat = 'rumah_tangga'
        and tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

enrolled as (
    select
        kode_kelurahan,
        count(*) as rt_terdaftar,
    from households
    group by all
),

grid as (
    select
        enrolled.kode_kelurahan,
        enrolled.rt_terdaftar,
        types.jenis_intervensi,
    from enrolled
    cross join (select distinct jenis_intervensi from deliveries) as types
),

reached as (
    select
        deliveries.kode_kelurahan,
        deliveries.jenis_intervensi,
        count(*) as kegiatan,
        count(distinct households.id_rumah_tangga) as rt_dijangkau,
    from deliveries
    left join households using (id_rumah_tangga)
    group by all
),

last_step as (
    select
        grid.kode_kelurahan,
        wilayah.kelurahan,
        grid.jenis_intervensi,
        grid.rt_terdaftar,
        coalesce(reached.rt_dijangkau, 0) as rt_dijangkau,
        coalesce(reached.rt_dijangkau, 0) / grid.rt_terdaftar as cakupan,
        coalesce(reached.kegiatan, 0) as kegiatan,
    from grid
    join wilayah using (kode_kelurahan)
    left join reached using (kode_kelurahan, jenis_intervensi)
)

select * from last_step
order by kelurahan, jenis_intervensi
