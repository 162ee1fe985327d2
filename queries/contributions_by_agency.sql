-- What each agency put in and delivered in the chosen area and period: one row per agency with a
-- contribution or a delivery there. City-wide contributions (no kelurahan) count only for the whole
-- programme or a kota, as on the overview.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_lembaga, nama, jenis (agency type), dana_idr (money, IDR), barang_idr (goods,
--          valued in IDR), jam_fasilitator (hours), sesi (sessions), rujukan (referrals),
--          nilai_idr (rupiah value of every contribution), porsi_nilai (share of the programme's
--          rupiah value in the same area and period), kegiatan (deliveries), porsi_kegiatan (share
--          of all deliveries), rt_dijangkau (distinct households its deliveries reached),
--          kelurahan_dijangkau (distinct kelurahan of its deliveries and contributions)
-- Households: rt_dijangkau
with contributions as (
    select *
    from summary_kontribusi
    where
        tanggal between $dari and $sampai
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

deliveries as (
    select *
    from summary_intervensi
    where
        tanggal between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

given as (
    select
        kode_lembaga,
        sum(jumlah) filter (where jenis_kontribusi = 'dana_idr') as dana_idr,
        sum(nilai_idr) filter (where jenis_kontribusi = 'barang') as barang_idr,
        sum(jumlah) filter (where jenis_kontribusi = 'jam_fasilitator') as jam_fasilitator,
        sum(jumlah) filter (where jenis_kontribusi = 'sesi') as sesi,
        sum(jumlah) filter (where jenis_kontribusi = 'rujukan') as rujukan,
        sum(coalesce(nilai_idr, case when jenis_kontribusi = 'dana_idr' then jumlah end)) as nilai_idr,
    from contributions
    group by all
),

delivered as (
    select
        kode_lembaga,
        count(*) as kegiatan,
        count(distinct id_rumah_tangga) as rt_dijangkau,
    from deliveries
    group by all
),

places as (
    select
        kode_lembaga,
        count(distinct kode_kelurahan) as kelurahan_dijangkau,
    from (
        select kode_lembaga, kode_kelurahan from deliveries
        union all
        select kode_lembaga, kode_kelurahan from contributions
    )
    group by all
),

combined as (
    select
        kode_lembaga,
        lembaga.nama,
        lembaga.jenis,
        coalesce(given.dana_idr, 0) as dana_idr,
        coalesce(given.barang_idr, 0) as barang_idr,
        coalesce(given.jam_fasilitator, 0) as jam_fasilitator,
        coalesce(given.sesi, 0) as sesi,
        coalesce(given.rujukan, 0) as rujukan,
        coalesce(given.nilai_idr, 0) as nilai_idr,
        coalesce(delivered.kegiatan, 0) as kegiatan,
        coalesce(delivered.rt_dijangkau, 0) as rt_dijangkau,
        coalesce(places.kelurahan_dijangkau, 0) as kelurahan_dijangkau,
    from given
    full join delivered using (kode_lembaga)
    left join places using (kode_lembaga)
    left join lembaga on lembaga.kode = kode_lembaga
),

last_step as (
    select
        kode_lembaga,
        nama,
        jenis,
        dana_idr,
        barang_idr,
        jam_fasilitator,
        sesi,
        rujukan,
        nilai_idr,
        nilai_idr / nullif(sum(nilai_idr) over (), 0) as porsi_nilai,
        kegiatan,
        kegiatan / nullif(sum(kegiatan) over (), 0) as porsi_kegiatan,
        rt_dijangkau,
        kelurahan_dijangkau,
    from combined
)

select * from last_step
order by nilai_idr desc, kegiatan desc, kode_lembaga
