-- Problems across the columns of a kontribusi upload: repeated keys, and money whose rupiah value
-- or unit disagrees with its amount.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and the kontribusi columns as text)
-- Params:  none
-- Returns: baris (integer), kolom (text), nilai (text), kode_alasan (text), rincian (text)
with contribution_rows as (
    select
        baris,
        id_kontribusi,
        jenis_kontribusi,
        jumlah,
        try_cast(jumlah as double) as jumlah_angka,
        satuan,
        nilai_idr,
        try_cast(nilai_idr as double) as nilai_idr_angka,
    from upload_rows
),

duplicate_keys as (
    select
        baris,
        'id_kontribusi' as kolom,
        id_kontribusi as nilai,
        'kunci_ganda' as kode_alasan,
        array_to_string(list_sort(list(baris) over same_key), ', ') as rincian,
    from contribution_rows
    where id_kontribusi is not null
    window same_key as (partition by id_kontribusi)
    qualify count(*) over same_key > 1
),

money_value as (
    select
        baris,
        'nilai_idr' as kolom,
        nilai_idr as nilai,
        'nilai_idr_beda' as kode_alasan,
        jumlah as rincian,
    from contribution_rows
    where jenis_kontribusi = 'dana_idr' and nilai_idr_angka <> jumlah_angka
),

money_unit as (
    select
        baris,
        'satuan' as kolom,
        satuan as nilai,
        'satuan_bukan_rupiah' as kode_alasan,
        null::varchar as rincian,
    from contribution_rows
    where jenis_kontribusi = 'dana_idr' and upper(satuan) not in ('IDR', 'RP', 'RUPIAH')
),

problems as (
    select * from duplicate_keys
    union all
    select * from money_value
    union all
    select * from money_unit
)

select * from problems
