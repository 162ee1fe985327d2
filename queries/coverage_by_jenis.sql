-- Coverage per intervention type in the chosen area and period: one row per type delivered there
-- or with a target there.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: jenis_intervensi (code), tingkat (rumah_tangga | rw | kelurahan, from the catalogue),
--          kegiatan (deliveries from $dari to $sampai), rt_dijangkau (enrolled households that
--          received the type; null for RW- and kelurahan-level types), rt_terdaftar (households
--          enrolled in the area by $sampai), cakupan (reached / enrolled), sasaran_rt (the type's
--          targets for the years up to $sampai; null = none set), capaian_sasaran (reached / target)
-- Households: rt_dijangkau, rt_terdaftar
-- Derived:    cakupan <- rt_dijangkau, rt_terdaftar; capaian_sasaran <- rt_dijangkau
with households as (
    select id_rumah_tangga
    from summary_kemajuan_per(sampai := $sampai)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

per_type as (
    select
        jenis_intervensi,
        count(*) as kegiatan,
        count(distinct households.id_rumah_tangga) as rt_dijangkau,
    from deliveries
    left join households using (id_rumah_tangga)
    group by all
),

targets as (
    select
        jenis_intervensi,
        sum(jumlah_rt_sasaran) as sasaran_rt,
    from summary_sasaran
    where
        jenis_intervensi is not null
        and tahun <= year($sampai)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
    group by all
),

combined as (
    select
        jenis_intervensi,
        catalogue.tingkat,
        coalesce(per_type.kegiatan, 0) as kegiatan,
        case
            when catalogue.tingkat = 'rumah_tangga' then coalesce(per_type.rt_dijangkau, 0)
        end as rt_dijangkau,
        (select count(*) from households) as rt_terdaftar,
        targets.sasaran_rt::bigint as sasaran_rt,
    from per_type
    full join targets using (jenis_intervensi)
    join jenis_intervensi as catalogue on catalogue.kode = jenis_intervensi
),

last_step as (
    select
        *,
        rt_dijangkau / nullif(rt_terdaftar, 0) as cakupan,
        rt_dijangkau / nullif(sasaran_rt, 0) as capaian_sasaran,
    from combined
)

select * from last_step
order by cakupan desc nulls last, kegiatan desc, jenis_intervensi
