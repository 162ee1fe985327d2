-- One agency's contributions per month and kind in the chosen area and period (city-wide
-- contributions count for the whole programme or a kota only).
-- Params:  $lembaga (agency code), $kota, $kecamatan, $kelurahan (text codes, null = all),
--          $dari, $sampai (date)
-- Returns: bulan (date: the first of the month), jenis_kontribusi, satuan (text),
--          jumlah (amount in satuan), nilai_idr (rupiah value)
with contributions as (
    select *
    from summary_kontribusi
    where
        kode_lembaga = $lembaga
        and tanggal between $dari and $sampai
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

last_step as (
    select
        date_trunc('month', tanggal)::date as bulan,
        jenis_kontribusi,
        satuan,
        sum(jumlah) as jumlah,
        sum(coalesce(nilai_idr, case when jenis_kontribusi = 'dana_idr' then jumlah end, 0)) as nilai_idr,
    from contributions
    group by all
)

select * from last_step
order by bulan, jenis_kontribusi, satuan
