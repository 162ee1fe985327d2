-- What one agency delivers, against the programme as a whole: per intervention type the agency
-- delivered in the chosen area and period, its deliveries and households and every agency's.
-- Params:  $lembaga (agency code), $kota, $kecamatan, $kelurahan (text codes, null = all),
--          $dari, $sampai (date)
-- Returns: jenis_intervensi (code), kegiatan (the agency's deliveries), rt_dijangkau (distinct
--          households it reached), kegiatan_program (all agencies' deliveries of the type),
--          rt_dijangkau_program (all agencies' households), porsi_kegiatan (agency / programme)
-- Households: rt_dijangkau, rt_dijangkau_program
with deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

per_type as (
    select
        jenis_intervensi,
        count(*) filter (where kode_lembaga = $lembaga) as kegiatan,
        count(distinct id_rumah_tangga) filter (where kode_lembaga = $lembaga) as rt_dijangkau,
        count(*) as kegiatan_program,
        count(distinct id_rumah_tangga) as rt_dijangkau_program,
    from deliveries
    group by all
),

last_step as (
    select
        *,
        kegiatan / kegiatan_program as porsi_kegiatan,
    from per_type
    where kegiatan > 0
)

select * from last_step
order by kegiatan desc, jenis_intervensi
