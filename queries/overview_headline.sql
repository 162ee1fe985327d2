-- The overview's headline figures for an area and period (one row).
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: rt_terdaftar (households with a baseline by $sampai), sasaran_rt (enrolment targets
--          of the years up to $sampai), rt_dengan_kemajuan (baseline and a later round),
--          rt_naik (stage rose since baseline), rt_dijangkau (enrolled households reached by a
--          household-level intervention in the period), lembaga_aktif (agencies that delivered or
--          contributed in the period), kontribusi_idr (rupiah value contributed in the period),
--          tanggal_data_terakhir (latest survey or delivery date up to $sampai)
-- Households: rt_terdaftar, rt_naik, rt_dengan_kemajuan, rt_dijangkau
with households as (
    select *
    from summary_kemajuan_per(sampai := $sampai)
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

targets as (
    select sum(jumlah_rt_sasaran) as sasaran_rt,
    from summary_sasaran
    where
        jenis_intervensi is null
        and tahun <= year($sampai)
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

contributions as (
    select *
    from summary_kontribusi
    where
        tanggal between $dari and $sampai
        -- city-wide contributions (no kelurahan) count only for the whole programme or a kota
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

reached as (
    select count(distinct households.id_rumah_tangga) as rt_dijangkau,
    from households
    semi join deliveries using (id_rumah_tangga)
    where households.kemajuan <> 'tanpa_baseline'
),

agencies as (
    select count(distinct kode_lembaga) as lembaga_aktif,
    from (
        select kode_lembaga from deliveries
        union all
        select kode_lembaga from contributions
    )
),

headline as (
    select
        count(*) filter (where kemajuan <> 'tanpa_baseline') as rt_terdaftar,
        (select sasaran_rt from targets) as sasaran_rt,
        count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')) as rt_dengan_kemajuan,
        count(*) filter (where kemajuan = 'naik') as rt_naik,
        (select rt_dijangkau from reached) as rt_dijangkau,
        (select lembaga_aktif from agencies) as lembaga_aktif,
        (select coalesce(sum(nilai_idr), 0) from contributions) as kontribusi_idr,
        greatest(max(tanggal_terakhir), (select max(tanggal) from deliveries)) as tanggal_data_terakhir,
    from households
)

select * from headline
