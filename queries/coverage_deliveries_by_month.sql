-- Deliveries per month and intervention type in the chosen area and period, for all agencies or one.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date),
--          $lembaga (agency code, null = every agency)
-- Returns: bulan (date: the first of the month), jenis_intervensi (code), kegiatan (deliveries),
--          rt_dijangkau (distinct households reached by household-level deliveries)
-- Households: rt_dijangkau
with deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and ($lembaga is null or kode_lembaga = $lembaga)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

last_step as (
    select
        date_trunc('month', tanggal)::date as bulan,
        jenis_intervensi,
        count(*) as kegiatan,
        count(distinct id_rumah_tangga) as rt_dijangkau,
    from deliveries
    group by all
)

select * from last_step
order by bulan, jenis_intervensi
