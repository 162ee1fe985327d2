-- Each accepted row of an upload against the current data: new, changed or unchanged.
-- Reads:   upload_rows, upload_rejected (registered by bebenah.ingest), upload_typed and
--          upload_current (temp tables made by stage_<kind>.sql)
-- Params:  none
-- Returns: baris (integer), status (text: baru | berubah | sama)
with identical as (
    select * exclude (baris) from upload_typed
    intersect
    select * from upload_current
),

compared as (
    select
        upload_typed.baris,
        case when identical.kunci is null then 'berubah' else 'sama' end as status,
    from upload_typed
    left join (select kunci from identical) as identical using (kunci)
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
