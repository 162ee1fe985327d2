-- Problems across the columns of a sasaran upload: the same target (year, kelurahan,
-- intervention type) given twice.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and the sasaran columns as text)
-- Params:  none
-- Returns: baris (integer), kolom (text), nilai (text), kode_alasan (text), rincian (text)
with target_rows as (
    select
        baris,
        try_cast(tahun as integer) as tahun,
        kode_kelurahan,
        jenis_intervensi,
    from upload_rows
),

duplicate_keys as (
    select
        baris,
        'kode_kelurahan' as kolom,
        kode_kelurahan as nilai,
        'kunci_ganda' as kode_alasan,
        array_to_string(list_sort(list(baris) over same_key), ', ') as rincian,
    from target_rows
    where tahun is not null and kode_kelurahan is not null
    window same_key as (partition by tahun, kode_kelurahan, jenis_intervensi)
    qualify count(*) over same_key > 1
)

select * from duplicate_keys
