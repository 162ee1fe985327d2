-- Problems across the columns of an intervensi upload: repeated keys, and households that are
-- not known or live in another kelurahan.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and the intervensi columns as text),
--          upload_households (registered: id_rumah_tangga, kode_kelurahan of survei rows checked
--          in the same upload), summary_survei
-- Params:  none
-- Returns: baris (integer), kolom (text), nilai (text), kode_alasan (text), rincian (text)
with activity_rows as (
    select
        baris,
        id_kegiatan,
        id_rumah_tangga,
        kode_kelurahan,
    from upload_rows
),

households as (
    select distinct
        id_rumah_tangga,
        kode_kelurahan,
    from summary_survei
    union
    select
        id_rumah_tangga,
        kode_kelurahan,
    from upload_households
),

duplicate_keys as (
    select
        baris,
        'id_kegiatan' as kolom,
        id_kegiatan as nilai,
        'kunci_ganda' as kode_alasan,
        array_to_string(list_sort(list(baris) over same_key), ', ') as rincian,
    from activity_rows
    where id_kegiatan is not null
    window same_key as (partition by id_kegiatan)
    qualify count(*) over same_key > 1
),

unknown_households as (
    select
        baris,
        'id_rumah_tangga' as kolom,
        id_rumah_tangga as nilai,
        'rumah_tangga_tidak_dikenal' as kode_alasan,
        null::varchar as rincian,
    from activity_rows
    anti join households using (id_rumah_tangga)
    where id_rumah_tangga is not null
),

households_elsewhere as (
    select
        activity_rows.baris,
        'id_rumah_tangga' as kolom,
        activity_rows.id_rumah_tangga as nilai,
        'rumah_tangga_beda_kelurahan' as kode_alasan,
        string_agg(distinct households.kode_kelurahan, ', ') as rincian,
    from activity_rows
    join households using (id_rumah_tangga)
    where activity_rows.kode_kelurahan is not null
    group by activity_rows.baris, activity_rows.id_rumah_tangga, activity_rows.kode_kelurahan
    having not bool_or(households.kode_kelurahan = activity_rows.kode_kelurahan)
),

problems as (
    select * from duplicate_keys
    union all
    select * from unknown_households
    union all
    select * from households_elsewhere
)

select * from problems
