-- The agencies a scorecard can be opened for: every agency in the register, the ones that gave
-- or delivered most first (so the default is the largest partner).
-- Params:  none
-- Returns: kode, nama, jenis (text), urutan (bigint: 1 = the largest partner)
with given as (
    select
        kode_lembaga as kode,
        sum(coalesce(nilai_idr, case when jenis_kontribusi = 'dana_idr' then jumlah end)) as nilai_idr,
    from summary_kontribusi
    group by all
),

delivered as (
    select
        kode_lembaga as kode,
        count(*) as kegiatan,
    from summary_intervensi
    group by all
),

combined as (
    select
        lembaga.kode,
        lembaga.nama,
        lembaga.jenis,
        coalesce(given.nilai_idr, 0) as nilai_idr,
        coalesce(delivered.kegiatan, 0) as kegiatan,
    from lembaga
    left join given using (kode)
    left join delivered using (kode)
),

last_step as (
    select
        kode,
        nama,
        jenis,
        row_number() over (order by nilai_idr desc, kegiatan desc, kode) as urutan,
    from combined
)

select * from last_step
order by urutan
