-- A sample of what a staged upload would change: one row per changed value, before and after,
-- for the first $limit changed rows.
-- Reads:   upload_typed, upload_current, upload_changed (temp tables made by stage_*.sql)
-- Params:  $limit (integer: most changed rows)
-- Returns: baris (integer), kunci (text), kolom (text), sebelum (text), sesudah (text)
with changed as (
    select kunci
    from upload_changed
    order by kunci
    limit $limit
),

incoming as (
    select
        baris,
        kunci,
        kolom,
        nilai as sesudah,
    from (
        select baris, kunci, columns(* exclude (baris, kunci))::varchar
        from upload_typed
        semi join changed using (kunci)
    )
    unpivot include nulls (nilai for kolom in (columns(* exclude (baris, kunci))))
),

stored as (
    select
        kunci,
        kolom,
        nilai as sebelum,
    from (
        select kunci, columns(* exclude (kunci))::varchar
        from upload_current
        semi join changed using (kunci)
    )
    unpivot include nulls (nilai for kolom in (columns(* exclude (kunci))))
),

changes as (
    select
        incoming.baris,
        incoming.kunci,
        incoming.kolom,
        stored.sebelum,
        incoming.sesudah,
    from incoming
    join stored using (kunci, kolom)
    where stored.sebelum is distinct from incoming.sesudah
)

select * from changes
order by baris
