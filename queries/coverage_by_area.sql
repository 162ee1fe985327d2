-- Enrolment against target and the reach of interventions per area, at three levels: one row per
-- kota, per kecamatan and per kelurahan within the chosen area that has enrolled households or a target.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: tingkat (kota | kecamatan | kelurahan), kode_wilayah, wilayah, kode_induk (the area one
--          level up; null for a kota), rt_terdaftar (households with a baseline by $sampai),
--          sasaran_rt (enrolment targets of the years up to $sampai; null = none set),
--          capaian (enrolled / target), rt_dijangkau (enrolled households that received a
--          household-level intervention from $dari to $sampai), cakupan (reached / enrolled)
-- Households: rt_terdaftar, rt_dijangkau
-- Derived:    capaian <- rt_terdaftar; cakupan <- rt_terdaftar, rt_dijangkau
-- Totals:     tingkat, kode_induk
with chosen_areas as (
    select *
    from wilayah
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

households as (
    select
        id_rumah_tangga,
        kode_kelurahan,
    from summary_kemajuan_per(sampai := $sampai)
    where kemajuan <> 'tanpa_baseline'
),

deliveries as (
    select distinct id_rumah_tangga
    from summary_intervensi
    where id_rumah_tangga is not null and tanggal between $dari and $sampai
),

per_kelurahan_households as (
    select
        households.kode_kelurahan,
        count(*) as rt_terdaftar,
        count(deliveries.id_rumah_tangga) as rt_dijangkau,
    from households
    left join deliveries using (id_rumah_tangga)
    group by all
),

targets as (
    select
        kode_kelurahan,
        sum(jumlah_rt_sasaran) as sasaran_rt,
    from summary_sasaran
    where jenis_intervensi is null and tahun <= year($sampai)
    group by all
),

per_kelurahan as (
    select
        chosen_areas.*,
        coalesce(per_kelurahan_households.rt_terdaftar, 0) as rt_terdaftar,
        coalesce(per_kelurahan_households.rt_dijangkau, 0) as rt_dijangkau,
        targets.sasaran_rt,
    from chosen_areas
    left join per_kelurahan_households using (kode_kelurahan)
    left join targets using (kode_kelurahan)
    where per_kelurahan_households.rt_terdaftar > 0 or targets.sasaran_rt > 0
),

levels as (
    select
        'kota' as tingkat,
        kode_kota as kode_wilayah,
        kota as wilayah,
        null as kode_induk,
        sum(rt_terdaftar) as rt_terdaftar,
        sum(sasaran_rt) as sasaran_rt,
        sum(rt_dijangkau) as rt_dijangkau,
    from per_kelurahan
    group by all
    union all
    select
        'kecamatan' as tingkat,
        kode_kecamatan as kode_wilayah,
        kecamatan as wilayah,
        kode_kota as kode_induk,
        sum(rt_terdaftar) as rt_terdaftar,
        sum(sasaran_rt) as sasaran_rt,
        sum(rt_dijangkau) as rt_dijangkau,
    from per_kelurahan
    group by all
    union all
    select
        'kelurahan' as tingkat,
        kode_kelurahan as kode_wilayah,
        kelurahan as wilayah,
        kode_kecamatan as kode_induk,
        sum(rt_terdaftar) as rt_terdaftar,
        sum(sasaran_rt) as sasaran_rt,
        sum(rt_dijangkau) as rt_dijangkau,
    from per_kelurahan
    group by all
),

last_step as (
    select
        tingkat,
        kode_wilayah,
        wilayah,
        kode_induk,
        rt_terdaftar::bigint as rt_terdaftar,
        sasaran_rt::bigint as sasaran_rt,
        rt_terdaftar / nullif(sasaran_rt, 0) as capaian,
        rt_dijangkau::bigint as rt_dijangkau,
        rt_dijangkau / nullif(rt_terdaftar, 0) as cakupan,
    from levels
)

select * from last_step
order by
    case tingkat when 'kota' then 1 when 'kecamatan' then 2 else 3 end,
    wilayah
