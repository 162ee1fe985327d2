-- Each accepted row of an upload against the current data: new, changed or unchanged.
-- Reads:   upload_rows, upload_rejected (registered by bebenah.ingest); upload_typed (accepted rows
--          whose key is stored) and upload_changed (temp tables made by stage_*.sql)
-- Params:  none
-- Returns: baris (integer), status (text: baru | berubah | sama)
with compared as (
    select
        upload_typed.baris,
        case when upload_changed.kunci is null then 'sama' else 'berubah' end as status,
    from upload_typed
    left join upload_changed using (kunci)
),

statuses as (
    select
        upload_rows.baris,
        coalesce(compared.status, 'baru') as status,
    from upload_rows
    anti join upload_rejected using (baris)
    left join compared using (baris)
)

select * from statuses
order by baris
