-- Needs-based gaps: per kelurahan and household need, the households with that need (from their
-- latest round by $sampai) and how many of them no delivered intervention answers by $sampai.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: kode_kelurahan, kelurahan, kecamatan, kebutuhan (code), rt_berkebutuhan (households
--          with the need), rt_tanpa_intervensi (of them, with no answering intervention),
--          porsi_tanpa_intervensi (share), jenis_penjawab (the intervention types that answer the
--          need, codes separated by spaces; empty when the catalogue has none)
-- Households: rt_berkebutuhan, rt_tanpa_intervensi
-- Derived:    porsi_tanpa_intervensi <- rt_berkebutuhan, rt_tanpa_intervensi
with needs as (
    select *
    from summary_kebutuhan_per(sampai := $sampai)
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

answering_types as (
    select
        kebutuhan,
        string_agg(jenis_intervensi, ' ' order by jenis_intervensi) as jenis_penjawab,
    from intervensi_menjawab
    group by all
),

per_kelurahan as (
    select
        kode_kelurahan,
        kebutuhan,
        count(*) as rt_berkebutuhan,
        count(*) filter (where not terjawab) as rt_tanpa_intervensi,
    from needs
    group by all
),

last_step as (
    select
        per_kelurahan.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_kelurahan.kebutuhan,
        per_kelurahan.rt_berkebutuhan,
        per_kelurahan.rt_tanpa_intervensi,
        per_kelurahan.rt_tanpa_intervensi / per_kelurahan.rt_berkebutuhan as porsi_tanpa_intervensi,
        coalesce(answering_types.jenis_penjawab, '') as jenis_penjawab,
    from per_kelurahan
    join wilayah using (kode_kelurahan)
    left join answering_types using (kebutuhan)
)

select * from last_step
order by kecamatan, kelurahan, rt_tanpa_intervensi desc, kebutuhan
