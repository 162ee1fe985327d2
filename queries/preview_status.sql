-- Each staged row of an upload against the current data: new, changed or unchanged.
-- Reads:   upload_typed, upload_current (temp tables made by stage_<kind>.sql)
-- Params:  none
-- Returns: baris (integer), kunci (text), status (text: baru | berubah | sama)
with identical as (
    select * exclude (baris) from upload_typed
    intersect
    select * from upload_current
),

statuses as (
    select
        upload_typed.baris,
        upload_typed.kunci,
        case
            when stored.kunci is null then 'baru'
            when identical.kunci is null then 'berubah'
            else 'sama'
        end as status,
    from upload_typed
    left join (select kunci from upload_current) as stored using (kunci)
    left join (select kunci from identical) as identical using (kunci)
)

select * from statuses
order by baris
